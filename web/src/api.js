// Requests to the HTTP API of `tigris serve` (docs/openapi.yaml). Paths are
// relative, so the dashboard also works behind a proxy that mounts it below /.

// The common filters (same meaning as `tigris query`) for the current state.
// Source and target are directed; with both set and "both directions" on, the
// dyad filter matches either direction.
export function filterParams(state) {
  const params = new URLSearchParams();
  if (state.source && state.target && state.both) {
    params.set('dyad', `${state.source},${state.target}`);
  } else {
    if (state.source) params.set('source', state.source);
    if (state.target) params.set('target', state.target);
  }
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return params;
}

export async function getJSON(path, params, signal) {
  const query = params ? params.toString() : '';
  const url = query ? `${path}?${query}` : path;
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${path}: HTTP ${response.status}, and the answer is not JSON`);
  }
  if (!response.ok) throw new Error(`${path}: ${body.error || `HTTP ${response.status}`}`);
  return body;
}
