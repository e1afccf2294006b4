// A stand-in for `tigris serve` that answers the dashboard's GET requests
// (docs/openapi.yaml) from an events JSONL file held in memory, and serves the
// built dashboard. For working on the page without building the C++ server:
//
//   node tests/browser/mock_server.js --events tests/browser/dashboard_events.jsonl \
//        --web-root build/web [--port 8080]
//
// It prints "listening on http://127.0.0.1:PORT" on stderr, like the server.
// The browser test runs against the real server; `dashboard_test.mjs --mock`
// runs it against this one, which checks the page and the fixture's counts
// without the C++ build. Its filters and aggregates follow src/store/.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

function parseArgs(argv) {
  const args = { port: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['events', 'web-root', 'port'].includes(key) || argv[i + 1] === undefined) {
      console.error(`mock_server: unknown or incomplete option ${argv[i]}`);
      process.exit(1);
    }
    args[key] = argv[i + 1];
  }
  if (!args.events || !args['web-root']) {
    console.error('usage: node mock_server.js --events FILE.jsonl --web-root DIR [--port N]');
    process.exit(1);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const events = fs.readFileSync(args.events, 'utf8').split('\n').filter((l) => l.trim())
  .map((line, i) => ({ id: i + 1, ...JSON.parse(line) }));

const country = (actor) => (actor ? actor.country || actor.code : '---');
const matches = (actor, value) => !!actor && (actor.country === value || (actor.code || '').startsWith(value));
const FILTERS = ['source', 'target', 'dyad', 'root', 'plover', 'from', 'to', 'place'];

function filter(query) {
  const get = (k) => query.get(k);
  return events.filter((e) => {
    if (get('source') && !get('source').split(',').some((v) => matches(e.source, v))) return false;
    if (get('target') && !get('target').split(',').some((v) => matches(e.target, v))) return false;
    if (get('dyad')) {
      const [a, b] = get('dyad').split(',');
      const s = e.source && e.source.country;
      const t = e.target && e.target.country;
      if (!((s === a && t === b) || (s === b && t === a))) return false;
    }
    if (get('root') && !get('root').split(',').includes(e.root)) return false;
    if (get('plover') && !get('plover').split(',').includes(e.plover && e.plover.event_type)) return false;
    if (get('from') && e.date.slice(0, get('from').length) < get('from')) return false;
    if (get('to') && e.date.slice(0, get('to').length) > get('to')) return false;
    if (get('place') && !(e.location && e.location.name.includes(get('place')))) return false;
    return true;
  });
}

function monday(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function series(query) {
  const by = query.get('by') || 'week';
  const perDyad = query.get('per_dyad') === '1';
  const rows = new Map();
  let imprecise = 0;
  for (const e of filter(query)) {
    const full = /^\d{4}-\d{2}-\d{2}$/.test(e.date);
    if (by === 'month' ? e.date.length < 7 : !full) {
      ++imprecise;
      continue;
    }
    const period = by === 'month' ? e.date.slice(0, 7) : by === 'week' ? monday(e.date) : e.date;
    const group = perDyad ? `${country(e.source)}->${country(e.target)}` : '';
    const key = `${period}|${group}`;
    if (!rows.has(key)) rows.set(key, { period, group, events: 0, quad: [0, 0, 0, 0], goldstein: 0 });
    const row = rows.get(key);
    row.events += 1;
    if (e.quad_class >= 1 && e.quad_class <= 4) row.quad[e.quad_class - 1] += 1;
    row.goldstein += e.goldstein;
  }
  return { by, imprecise, rows: [...rows.values()].sort((a, b) => (a.period + a.group).localeCompare(b.period + b.group)) };
}

function places(query) {
  const byPlace = new Map();
  for (const e of filter(query)) {
    if (!e.location || e.location.lat === undefined) continue;
    const key = `${e.location.name}|${e.location.country}`;
    if (!byPlace.has(key)) {
      byPlace.set(key, { name: e.location.name, country: e.location.country, lat: e.location.lat,
                         lon: e.location.lon, events: 0, quad: [0, 0, 0, 0] });
    }
    const p = byPlace.get(key);
    p.events += 1;
    p.quad[e.quad_class - 1] += 1;
  }
  return { places: [...byPlace.values()].sort((a, b) => b.events - a.events) };
}

function dyads(query) {
  const limit = Number(query.get('limit') || 50);
  const pairs = new Map();
  const countries = new Map();
  for (const e of filter(query)) {
    const s = e.source && e.source.country;
    const t = e.target && e.target.country;
    if (s && t) pairs.set(`${s}|${t}`, (pairs.get(`${s}|${t}`) || 0) + 1);
    for (const c of new Set([s, t].filter(Boolean))) countries.set(c, (countries.get(c) || 0) + 1);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    dyads: sorted(pairs).slice(0, limit).map(([k, n]) => ({ source: k.split('|')[0], target: k.split('|')[1], events: n })),
    countries: sorted(countries).map(([c, n]) => ({ country: c, events: n })),
  };
}

const DAY = 86400000;
function alerts(query) {
  const window = Number.parseInt(query.get('window') || '7', 10);
  const baseline = Number.parseInt(query.get('baseline') || '84', 10);
  const quadClass = Number(query.get('class') || 4);
  const byDyad = new Map();
  let latest = 0;
  for (const e of events) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date) || (quadClass && e.quad_class !== quadClass)) continue;
    const day = Date.parse(`${e.date}T00:00:00Z`) / DAY;
    latest = Math.max(latest, day);
    const dyad = `${country(e.source)}->${country(e.target)}`;
    if (!byDyad.has(dyad)) byDyad.set(dyad, []);
    byDyad.get(dyad).push([day, e.id]);
  }
  const end = query.get('as_of') ? Date.parse(`${query.get('as_of')}T00:00:00Z`) / DAY : latest;
  const start = end - window + 1;
  const out = [];
  for (const [dyad, days] of byDyad) {
    const ids = days.filter(([d]) => d >= start && d <= end).map(([, id]) => id).sort((a, b) => a - b);
    const before = days.filter(([d]) => d >= start - baseline && d < start).length;
    const expected = ((before + 0.5) / baseline) * window;
    let term = Math.exp(-expected);
    let cdf = term;
    for (let i = 1; i < ids.length; ++i) cdf += (term *= expected / i);
    const p = ids.length ? Math.max(0, 1 - cdf) : 1;
    if (ids.length >= 3 && p <= 0.01) {
      out.push({ dyad, window_start: new Date(start * DAY).toISOString().slice(0, 10),
                 window_end: new Date(end * DAY).toISOString().slice(0, 10), observed: ids.length, expected,
                 p_value: p, event_ids: ids });
    }
  }
  return { alerts: out.sort((a, b) => a.p_value - b.p_value) };
}

function eventsPage(query) {
  const limit = Math.min(1000, Number(query.get('limit') || 100));
  const offset = Number(query.get('offset') || 0);
  const all = filter(query).sort((a, b) => a.date.localeCompare(b.date) || a.story_id.localeCompare(b.story_id) ||
                                           a.sentence_index - b.sentence_index || a.id - b.id);
  return { total: all.length, limit, offset, events: all.slice(offset, offset + limit) };
}

const ROUTES = {
  '/healthz': { params: [], answer: () => ({ status: 'ok', version: 'mock', events: events.length }) },
  '/v1/series': { params: [...FILTERS, 'by', 'per_dyad'], answer: series },
  '/v1/places': { params: FILTERS, answer: places },
  '/v1/dyads': { params: [...FILTERS, 'limit'], answer: dyads },
  '/v1/alerts': { params: ['window', 'baseline', 'class', 'as_of'], answer: alerts },
  '/v1/events': { params: [...FILTERS, 'limit', 'offset'], answer: eventsPage },
};
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
                '.json': 'application/json', '.map': 'application/json' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const send = (code, body, type = 'application/json') => {
    res.writeHead(code, { 'Content-Type': type });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  const route = ROUTES[url.pathname];
  if (route) {
    const unknown = [...url.searchParams.keys()].find((k) => !route.params.includes(k));
    if (unknown) return send(400, { error: `unknown parameter '${unknown}'` });
    return send(200, route.answer(url.searchParams));
  }
  if (url.pathname.startsWith('/v1/')) return send(404, { error: `not found: ${url.pathname}` });
  const root = path.resolve(args['web-root']);
  const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    return send(404, { error: `not found: ${url.pathname}` });
  }
  return send(200, fs.readFileSync(file), TYPES[path.extname(file)] || 'application/octet-stream');
});
server.listen(Number(args.port), '127.0.0.1', () => {
  console.error(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
