// The dashboard: one state (the filters, the page of events, the selected
// event), kept in the URL's fragment so a view can be bookmarked or shared;
// every change refetches the panels it affects. All counting is done by the
// server (/v1/series, /v1/places, /v1/dyads, /v1/alerts), so the page stays
// fast however many events the database holds.
import { filterParams, getJSON } from './api.js';
import { pageRange, renderEventRows, showDetailError, showEvent } from './events.js';
import { clear, countryLabel, countryName, el, formatCount, plural, setCountries, showError } from './format.js';
import { loadWorld, renderMap } from './map.js';
import { renderTimeline } from './timeline.js';

const PAGE_SIZES = ['10', '25', '50', '100'];
const $ = (id) => document.getElementById(id);

const DEFAULTS = { source: '', target: '', both: false, from: '', to: '', by: 'week', page: 0, size: 25,
                   event: null, alertClass: '4', alertMethod: 'cusum' };
let state = { ...DEFAULTS };

function readHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const s = { ...DEFAULTS };
  for (const key of ['source', 'target', 'from', 'to']) s[key] = params.get(key) || '';
  s.both = params.get('both') === '1';
  if (['day', 'week', 'month'].includes(params.get('by'))) s.by = params.get('by');
  if (PAGE_SIZES.includes(params.get('size'))) s.size = Number(params.get('size'));
  s.page = Math.max(0, Number.parseInt(params.get('page') || '0', 10) || 0);
  s.event = params.has('event') ? Number(params.get('event')) : null;
  if (['0', '1', '2', '3', '4'].includes(params.get('class'))) s.alertClass = params.get('class');
  if (['cusum', 'poisson'].includes(params.get('method'))) s.alertMethod = params.get('method');
  return s;
}

function writeHash() {
  const params = new URLSearchParams();
  for (const key of ['source', 'target', 'from', 'to']) if (state[key]) params.set(key, state[key]);
  if (state.both) params.set('both', '1');
  if (state.by !== DEFAULTS.by) params.set('by', state.by);
  if (state.size !== DEFAULTS.size) params.set('size', String(state.size));
  if (state.page) params.set('page', String(state.page));
  if (state.event !== null) params.set('event', String(state.event));
  if (state.alertClass !== DEFAULTS.alertClass) params.set('class', state.alertClass);
  if (state.alertMethod !== DEFAULTS.alertMethod) params.set('method', state.alertMethod);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
}

// One in-flight request per panel: a newer one aborts the older.
const inflight = {};
function request(panel) {
  if (inflight[panel]) inflight[panel].abort();
  inflight[panel] = new AbortController();
  return inflight[panel].signal;
}
const isAbort = (error) => error.name === 'AbortError';

function setBusy(panelId, busy) {
  $(panelId).closest('.panel').setAttribute('aria-busy', busy ? 'true' : 'false');
}

async function loadTimeline() {
  const signal = request('timeline');
  const params = filterParams(state);
  params.set('by', state.by);
  setBusy('timeline', true);
  try {
    const series = await getJSON('v1/series', params, signal);
    renderTimeline($('timeline'), series, state.by, $('timeline-summary'));
  } catch (error) {
    if (!isAbort(error)) showError($('timeline'), error);
  } finally {
    if (!signal.aborted) setBusy('timeline', false);
  }
}

async function loadMap() {
  const signal = request('map');
  setBusy('map', true);
  try {
    const [places] = await Promise.all([getJSON('v1/places', filterParams(state), signal), loadWorld()]);
    const highlight = [state.source, state.target].filter(Boolean);
    renderMap($('map'), places.places, highlight, $('map-summary'), $('places-table').tBodies[0]);
  } catch (error) {
    if (!isAbort(error)) showError($('map'), error);
  } finally {
    if (!signal.aborted) setBusy('map', false);
  }
}

async function loadEvents() {
  const signal = request('events');
  const params = filterParams(state);
  params.set('limit', String(state.size));
  params.set('offset', String(state.page * state.size));
  setBusy('events-table', true);
  try {
    const page = await getJSON('v1/events', params, signal);
    if (page.total && page.offset >= page.total) {
      state.page = Math.floor((page.total - 1) / state.size);
      writeHash();
      loadEvents();
      return;
    }
    renderEventRows($('events-table').tBodies[0], page, state.event, selectEvent);
    $('events-range').textContent = pageRange(page);
    $('page-prev').disabled = state.page === 0;
    $('page-next').disabled = page.offset + page.events.length >= page.total;
    if (state.event !== null) {
      const shown = page.events.find((e) => e.id === state.event);
      if (shown) selectEvent(shown);
    }
  } catch (error) {
    if (isAbort(error)) return;
    clear($('events-table').tBodies[0]).append(
      el('tr', {}, el('td', { colspan: 6, class: 'error', role: 'alert', text: error.message })));
    $('events-range').textContent = '';
  } finally {
    if (!signal.aborted) setBusy('events-table', false);
  }
}

function selectEvent(event) {
  state.event = event.id;
  writeHash();
  const signal = request('detail');
  showEvent($('detail'), event, signal).catch((error) => {
    if (!isAbort(error)) showDetailError($('detail'), error);
  });
}

function choose(update) {
  state = { ...state, ...update, page: 0, event: null };
  syncForm();
  writeHash();
  clear($('detail')).append(el('p', { class: 'placeholder', text: 'Select an event to read the sentence it was coded from.' }));
  refresh();
}

const formatExpected = (x) => (x >= 1 ? x.toFixed(1) : x.toPrecision(1));

// What decided the alert: the CUSUM score against its threshold, or the p-value.
const alertEvidence = (alert) => (alert.method === 'cusum'
  ? `score ${alert.statistic.toFixed(1)} ≥ ${alert.threshold}`
  : `p = ${alert.p_value.toPrecision(2)}`);

async function loadAlerts() {
  const signal = request('alerts');
  const list = $('alerts');
  const params = new URLSearchParams({ class: state.alertClass, method: state.alertMethod });
  setBusy('alerts', true);
  try {
    const { alerts } = await getJSON('v1/alerts', params, signal);
    clear(list);
    if (!alerts.length) list.append(el('li', { class: 'placeholder', text: 'No alerts.' }));
    for (const alert of alerts) {
      const [source, target] = alert.dyad.split('->');
      const label = `${source} → ${target}`;
      list.append(el('li', {},
        el('button', {
          type: 'button',
          class: 'alert',
          'data-dyad': alert.dyad,
          'data-observed': alert.observed,
          onclick: () => choose({ source, target: target === '---' ? '' : target, both: false,
                                  from: alert.window_start, to: alert.window_end }),
        },
        el('span', { class: 'alert-dyad', text: label }),
        el('span', { class: 'alert-counts' },
          `${plural(alert.observed, 'event')} `,
          el('span', { class: 'muted', text: `vs ${formatExpected(alert.expected)} expected` })),
        el('span', { class: 'alert-meta muted small',
                     text: `${alert.window_start} to ${alert.window_end} · ${alertEvidence(alert)}` }))));
    }
  } catch (error) {
    if (!isAbort(error)) showError(list, error);
  } finally {
    if (!signal.aborted) setBusy('alerts', false);
  }
}

// The top dyads for the chosen dates, and the countries for the pickers.
async function loadDyads() {
  const signal = request('dyads');
  const params = new URLSearchParams({ limit: '100' });
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  try {
    const { dyads, countries } = await getJSON('v1/dyads', params, signal);
    fillPickers(countries);
    const list = clear($('dyads'));
    if (!dyads.length) list.append(el('li', { class: 'placeholder', text: 'No dyads.' }));
    const most = dyads.length ? dyads[0].events : 1;
    for (const d of dyads.slice(0, 15)) {
      const current = state.source === d.source && state.target === d.target && !state.both;
      list.append(el('li', {},
        el('button', {
          type: 'button',
          class: 'dyad',
          'data-dyad': `${d.source}->${d.target}`,
          'aria-pressed': current ? 'true' : 'false',
          title: `${countryLabel(d.source)} → ${countryLabel(d.target)}`,
          onclick: () => choose({ source: d.source, target: d.target, both: false }),
        },
        el('span', { class: 'dyad-name', text: `${d.source} → ${d.target}` }),
        el('span', { class: 'dyad-bar', style: `--share:${(100 * d.events) / most}%` }),
        el('span', { class: 'dyad-count', text: formatCount(d.events) }))));
    }
  } catch (error) {
    if (!isAbort(error)) showError($('dyads'), error);
  }
}

let pickerCountries = [];
function fillPickers(countries) {
  // Keep the selected codes selectable even when the dates leave them no events.
  const codes = new Map(countries.map((c) => [c.country, c.events]));
  for (const code of [state.source, state.target]) if (code && !codes.has(code)) codes.set(code, 0);
  pickerCountries = [...codes].map(([country, events]) => ({ country, events }));
  for (const id of ['f-source', 'f-target']) {
    const select = $(id);
    clear(select).append(el('option', { value: '', text: 'Any country' }));
    const sorted = [...pickerCountries].sort((a, b) => a.country.localeCompare(b.country));
    for (const c of sorted) {
      const name = countryName(c.country);
      select.append(el('option', { value: c.country,
                                   text: `${c.country}${name !== c.country ? ` · ${name}` : ''} (${formatCount(c.events)})` }));
    }
  }
  syncForm();
}

function syncForm() {
  $('f-source').value = state.source;
  $('f-target').value = state.target;
  $('f-both').checked = state.both;
  $('f-both').disabled = !(state.source && state.target);
  $('f-from').value = state.from;
  $('f-to').value = state.to;
  $('f-by').value = state.by;
  $('alert-class').value = state.alertClass;
  $('alert-method').value = state.alertMethod;
  $('page-size').value = String(state.size);
  for (const button of document.querySelectorAll('#dyads button')) {
    button.setAttribute('aria-pressed',
      button.dataset.dyad === `${state.source}->${state.target}` && !state.both ? 'true' : 'false');
  }
}

let lastDates = null;
function refresh() {
  loadTimeline();
  loadMap();
  loadEvents();
  const dates = `${state.from}|${state.to}`;
  if (dates !== lastDates) {
    lastDates = dates;
    loadDyads();
  }
}

async function loadStatus() {
  try {
    const health = await getJSON('healthz');
    $('db-status').textContent = `${plural(health.events, 'event')} in the database · Tigris ${health.version}`;
  } catch (error) {
    $('db-status').textContent = `The server does not answer: ${error.message}`;
    $('db-status').classList.add('error');
  }
}

function wireForm() {
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('f-source').addEventListener('change', (e) => choose({ source: e.target.value }));
  $('f-target').addEventListener('change', (e) => choose({ target: e.target.value }));
  $('f-both').addEventListener('change', (e) => choose({ both: e.target.checked }));
  $('f-from').addEventListener('change', (e) => choose({ from: e.target.value }));
  $('f-to').addEventListener('change', (e) => choose({ to: e.target.value }));
  $('f-by').addEventListener('change', (e) => {
    state.by = e.target.value;
    writeHash();
    loadTimeline();
  });
  $('f-reset').addEventListener('click', () => choose({ ...DEFAULTS, size: state.size, alertClass: state.alertClass, alertMethod: state.alertMethod }));
  $('alert-class').addEventListener('change', (e) => {
    state.alertClass = e.target.value;
    writeHash();
    loadAlerts();
  });
  $('alert-method').addEventListener('change', (e) => {
    state.alertMethod = e.target.value;
    writeHash();
    loadAlerts();
  });
  $('page-size').addEventListener('change', (e) => {
    state.page = Math.floor((state.page * state.size) / Number(e.target.value));
    state.size = Number(e.target.value);
    writeHash();
    loadEvents();
  });
  $('page-prev').addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    writeHash();
    loadEvents();
  });
  $('page-next').addEventListener('click', () => {
    state.page += 1;
    writeHash();
    loadEvents();
  });
  // Charts are drawn to the width they get; redraw after a resize settles.
  let resizeTimer = null;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      loadTimeline();
      loadMap();
    }, 200);
  });
}

async function start() {
  state = readHash();
  wireForm();
  syncForm();
  try {
    const response = await fetch('countries.json');
    if (response.ok) setCountries(await response.json());
  } catch {
    // Codes without names.
  }
  loadStatus();
  refresh();
  loadAlerts();
}

start();
