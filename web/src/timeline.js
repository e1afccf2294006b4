// The timeline: events per period (GET /v1/series) as bars stacked by quad
// class, with the mean Goldstein score per event as a line on a second axis.
import { axisBottom, axisLeft, axisRight, line, max, scaleLinear, scaleUtc, select, utcDay, utcFormat,
         utcMonth } from 'd3';

import { QUAD_COLORS, QUAD_NAMES, clear, formatCount, formatSigned, plural } from './format.js';

// Weeks start on Monday, as the server's do (d3's utcWeek starts on Sunday).
const INTERVALS = { day: utcDay, week: { offset: (d, n) => utcDay.offset(d, 7 * n) }, month: utcMonth };

function parsePeriod(period) {
  const [y, m, d] = period.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

const periodLabel = {
  day: (date) => utcFormat('%a %-d %b %Y')(date),
  week: (date) => `week of ${utcFormat('%-d %b %Y')(date)}`,
  month: (date) => utcFormat('%B %Y')(date),
};

// Rows of every period from the first to the last, with empty ones filled in,
// so the bars and the line keep their places in time.
export function fillPeriods(rows, by) {
  if (!rows.length) return [];
  const interval = INTERVALS[by];
  const known = new Map(rows.map((r) => [r.period, r]));
  const dates = rows.map((r) => parsePeriod(r.period));
  const last = new Date(Math.max(...dates));
  const out = [];
  for (let d = new Date(Math.min(...dates)); d <= last; d = interval.offset(d, 1)) {
    const key = by === 'month' ? utcFormat('%Y-%m')(d) : utcFormat('%Y-%m-%d')(d);
    const row = known.get(key) || { period: key, events: 0, quad: [0, 0, 0, 0], goldstein: 0 };
    out.push({ ...row, date: d, end: interval.offset(d, 1) });
  }
  return out;
}

export function renderTimeline(container, series, by, summary) {
  clear(container);
  const rows = fillPeriods(series.rows.filter((r) => !r.group), by);
  const total = rows.reduce((n, r) => n + r.events, 0);
  const imprecise = series.imprecise || 0;
  summary.textContent = rows.length
    ? `${plural(total, 'event')} in ${plural(rows.length, by)}` +
      (imprecise ? `; ${plural(imprecise, 'event')} with a date less precise than a ${by} not shown` : '')
    : 'No events with a date for these filters.';
  if (!rows.length) return;

  const width = Math.max(320, container.clientWidth || 800);
  const height = 260;
  const margin = { top: 12, right: 48, bottom: 28, left: 44 };
  // A few periods get room on both sides rather than bars across the whole width.
  const interval = INTERVALS[by];
  const pad = Math.max(0, Math.ceil((8 - rows.length) / 2));
  const x = scaleUtc().domain([interval.offset(rows[0].date, -pad), interval.offset(rows[rows.length - 1].end, pad)])
                      .range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([0, 1.08 * (max(rows, (r) => r.events) || 1)]).nice()
                         .range([height - margin.bottom, margin.top]);
  const g = scaleLinear().domain([-10, 10]).range([height - margin.bottom, margin.top]);

  const svg = select(container).append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width).attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Timeline: ${summary.textContent}`);

  svg.append('g').attr('class', 'grid')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5).tickSize(-(width - margin.left - margin.right)).tickFormat(''));
  svg.append('line').attr('class', 'zero-goldstein')
    .attr('x1', margin.left).attr('x2', width - margin.right)
    .attr('y1', g(0)).attr('y2', g(0));

  const gap = rows.length > 150 ? 0 : 1;
  const bars = svg.append('g').attr('class', 'bars').selectAll('g').data(rows).join('g')
    .attr('class', 'period')
    .attr('data-period', (r) => r.period)
    .attr('data-events', (r) => r.events);
  bars.append('title').text((r) => {
    const parts = r.quad.map((n, i) => (n ? `${QUAD_NAMES[i + 1].toLowerCase()} ${formatCount(n)}` : ''))
                        .filter(Boolean);
    const mean = r.events ? `; mean Goldstein ${formatSigned(r.goldstein / r.events)}` : '';
    return `${periodLabel[by](r.date)}: ${plural(r.events, 'event')}` +
           (parts.length ? ` (${parts.join(', ')})` : '') + mean;
  });
  // A transparent full-height band under each period makes its title easy to hover.
  bars.append('rect').attr('class', 'hover')
    .attr('x', (r) => x(r.date)).attr('width', (r) => Math.max(1, x(r.end) - x(r.date)))
    .attr('y', margin.top).attr('height', height - margin.top - margin.bottom);
  bars.each(function drawStack(r) {
    let base = 0;
    for (let q = 0; q < 4; ++q) {
      const n = r.quad[q] || 0;
      if (!n) continue;
      select(this).append('rect')
        .attr('class', `q${q + 1}`)
        .attr('data-quad', q + 1)
        .attr('data-count', n)
        .attr('x', x(r.date) + gap / 2)
        .attr('width', Math.max(1, x(r.end) - x(r.date) - gap))
        .attr('y', y(base + n))
        .attr('height', y(base) - y(base + n))
        .attr('fill', QUAD_COLORS[q + 1]);
      base += n;
    }
  });

  const goldsteinLine = line()
    .defined((r) => r.events > 0)
    .x((r) => (x(r.date) + x(r.end)) / 2)
    .y((r) => g(r.goldstein / r.events));
  svg.append('path').attr('class', 'goldstein').datum(rows).attr('d', goldsteinLine);
  svg.append('g').attr('class', 'goldstein-dots').selectAll('circle')
    .data(rows.filter((r) => r.events > 0)).join('circle')
    .attr('cx', (r) => (x(r.date) + x(r.end)) / 2)
    .attr('cy', (r) => g(r.goldstein / r.events))
    .attr('r', rows.length > 120 ? 0 : 2.5);

  // Ticks at the starts of periods while they are few, so they line up with the bars.
  const maxTicks = Math.min(10, Math.floor(width / 80));
  const xAxis = axisBottom(x);
  if (rows.length <= maxTicks * 3) {
    const step = Math.ceil(rows.length / maxTicks);
    xAxis.tickValues(rows.filter((r, i) => i % step === 0).map((r) => r.date))
         .tickFormat(utcFormat(by === 'month' ? '%b %Y' : '%-d %b'));
  } else {
    xAxis.ticks(maxTicks);
  }
  svg.append('g').attr('class', 'axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(xAxis);
  svg.append('g').attr('class', 'axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((v) => (Number.isInteger(v) ? formatCount(v) : '')));
  svg.append('g').attr('class', 'axis goldstein-axis')
    .attr('transform', `translate(${width - margin.right},0)`)
    .call(axisRight(g).tickValues([-10, -5, 0, 5, 10]).tickFormat((v) => (v > 0 ? `+${v}` : `${v}`)));
  svg.append('text').attr('class', 'axis-label')
    .attr('transform', `translate(12,${margin.top + 4}) rotate(-90)`)
    .attr('text-anchor', 'end')
    .text(`events per ${by}`);
  svg.append('text').attr('class', 'axis-label')
    .attr('transform', `translate(${width - 6},${margin.top + 4}) rotate(-90)`)
    .attr('text-anchor', 'end')
    .text('Goldstein');
}
