// The map: events per place (GET /v1/places) as circles whose area is
// proportional to the count, coloured by the place's most frequent quad class,
// on country outlines from world-atlas (served with the page: no tile server).
import { geoGraticule10, geoNaturalEarth1, geoPath, max, scaleSqrt, select } from 'd3';
import { feature, mesh } from 'topojson-client';

import { QUAD_COLORS, QUAD_NAMES, clear, countryInfo, countryLabel, dominantQuad, el, formatCount,
         plural } from './format.js';

let world = null;

// Loads the outlines once; the map draws circles alone if they are missing.
export async function loadWorld() {
  if (world) return world;
  try {
    const response = await fetch('countries-50m.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const topology = await response.json();
    world = {
      countries: feature(topology, topology.objects.countries).features,
      borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
    };
  } catch (error) {
    console.warn(`country outlines not loaded: ${error.message}`);
    world = { countries: [], borders: null };
  }
  return world;
}

// The projection for `places`: the whole world, or the region they are in
// (padded, and never closer than about a continent).
function projectionFor(places, width, height) {
  const projection = geoNaturalEarth1();
  const frame = [[6, 6], [width - 6, height - 6]];
  projection.fitExtent(frame, { type: 'Sphere' });
  const worldScale = projection.scale();
  if (!places.length) return projection;
  let [west, east, south, north] = [180, -180, 90, -90];
  for (const p of places) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const pad = 10;
  const minSpan = 40;
  const grow = (lo, hi, limit) => {
    const extra = Math.max(0, minSpan - (hi - lo)) / 2 + pad;
    return [Math.max(-limit, lo - extra), Math.min(limit, hi + extra)];
  };
  [west, east] = grow(west, east, 180);
  [south, north] = grow(south, north, 85);
  projection.fitExtent(frame, {
    type: 'MultiPoint',
    coordinates: [[west, south], [west, north], [east, south], [east, north], [(west + east) / 2, north],
                  [(west + east) / 2, south]],
  });
  if (projection.scale() < worldScale) projection.fitExtent(frame, { type: 'Sphere' });
  return projection;
}

export function renderMap(container, places, highlight, summary, tableBody) {
  clear(container);
  const located = places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const total = located.reduce((n, p) => n + p.events, 0);
  const unplaced = places.length - located.length;
  const noCoordinates = unplaced ? `${plural(unplaced, 'place')} without coordinates` : '';
  if (located.length) {
    summary.textContent = `${plural(total, 'event')} at ${plural(located.length, 'place')}` +
                          (noCoordinates ? `; ${noCoordinates}` : '');
  } else {
    summary.textContent = noCoordinates ? `${noCoordinates} (listed in the table below the map)`
                                        : 'No events with a known place for these filters.';
  }

  const width = Math.max(320, container.clientWidth || 800);
  const height = Math.round(width * 0.5);
  const projection = projectionFor(located, width, height);
  const path = geoPath(projection);
  const svg = select(container).append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width).attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Map: ${summary.textContent}`);
  svg.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  svg.append('path').attr('class', 'graticule').attr('d', path(geoGraticule10()));
  const marked = new Set(highlight.map((code) => countryInfo(code)).filter(Boolean).map((c) => c.numeric));
  svg.append('g').attr('class', 'countries').selectAll('path')
    .data(world ? world.countries : []).join('path')
    .attr('class', (f) => (marked.has(f.id) ? 'country selected' : 'country'))
    .attr('d', path)
    .append('title').text((f) => f.properties.name);
  if (world && world.borders) svg.append('path').attr('class', 'borders').attr('d', path(world.borders));

  const biggest = max(located, (p) => p.events) || 1;
  const radius = scaleSqrt().domain([0, biggest]).range([0, Math.min(28, width / 30)]);
  const sorted = [...located].sort((a, b) => b.events - a.events);
  const circles = svg.append('g').attr('class', 'places').selectAll('circle').data(sorted).join('circle')
    .attr('class', 'place')
    .attr('data-place', (p) => p.name)
    .attr('data-events', (p) => p.events)
    .attr('cx', (p) => projection([p.lon, p.lat])[0])
    .attr('cy', (p) => projection([p.lon, p.lat])[1])
    .attr('r', (p) => Math.max(3, radius(p.events)))
    .attr('fill', (p) => QUAD_COLORS[dominantQuad(p.quad || [])]);
  circles.append('title').text((p) => {
    const parts = (p.quad || []).map((n, i) => (n ? `${QUAD_NAMES[i + 1].toLowerCase()} ${formatCount(n)}` : ''))
                                .filter(Boolean);
    return `${p.name}${p.country ? `, ${countryLabel(p.country)}` : ''}: ${plural(p.events, 'event')}` +
           (parts.length ? ` (${parts.join(', ')})` : '');
  });
  // Names for the biggest places, skipping any that would overlap a name already placed
  // (the width is estimated: 11px text is about 6.5px a character).
  const labels = [];
  for (const p of sorted.slice(0, 10)) {
    const [cx, cy] = projection([p.lon, p.lat]);
    const box = { x: cx + Math.max(3, radius(p.events)) + 3, y: cy - 7, w: 6.5 * p.name.length, h: 14 };
    const clash = labels.some((b) => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h);
    if (!clash && box.x + box.w <= width) labels.push({ ...box, name: p.name });
  }
  svg.append('g').attr('class', 'place-labels').attr('aria-hidden', 'true').selectAll('text').data(labels).join('text')
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y + 11)
    .text((b) => b.name);

  clear(tableBody);
  for (const p of [...places].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name))) {
    tableBody.append(el('tr', {},
      el('td', { text: p.name }),
      el('td', { text: p.country ? countryLabel(p.country) : '' }),
      el('td', { class: 'num', text: formatCount(p.events) })));
  }
}
