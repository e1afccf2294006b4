// The event table (GET /v1/events, one page at a time) and the evidence panel
// that shows the sentence of the selected event with its actors and verb marked.
import { getJSON } from './api.js';
import { QUAD_NAMES, clear, countryLabel, el, formatCount, formatSigned, showError } from './format.js';
import { highlightEvent, segments } from './highlight.js';

function actorCell(actor) {
  if (!actor) return el('td', { class: 'muted', text: '—' });
  return el('td', { title: actor.text ? `“${actor.text}”` : null },
    el('span', { class: 'code', text: actor.code }),
    actor.country ? el('span', { class: 'muted small', text: ` ${actor.country}` }) : null);
}

function eventCell(event) {
  const quad = event.quad_class;
  return el('td', {},
    el('span', { class: `dot q${quad}`, title: QUAD_NAMES[quad] || '' }),
    el('span', { class: 'code', text: event.cameo }),
    event.plover && event.plover.event_type
      ? el('span', { class: 'muted small', text: ` ${event.plover.event_type}` }) : null,
    event.mode === 'future' ? el('span', { class: 'tag', text: 'intent' }) : null);
}

// Fills the table body with `page.events`; `onSelect(event, row)` on click or Enter.
export function renderEventRows(tbody, page, selectedId, onSelect) {
  clear(tbody);
  if (!page.events.length) {
    tbody.append(el('tr', {}, el('td', { colspan: 6, class: 'placeholder', text: 'No events for these filters.' })));
    return;
  }
  for (const event of page.events) {
    const row = el('tr', {
      tabindex: 0,
      class: 'event-row',
      'data-event-id': event.id,
      'aria-selected': event.id === selectedId ? 'true' : 'false',
      title: event.sentence,
    },
    el('td', { class: 'nowrap', text: event.date }),
    actorCell(event.source),
    eventCell(event),
    actorCell(event.target),
    el('td', { text: event.location ? event.location.name : '' }),
    el('td', { class: 'num', text: Number.isFinite(event.goldstein) ? formatSigned(event.goldstein) : '' }));
    const choose = () => {
      for (const other of tbody.querySelectorAll('tr[aria-selected="true"]')) {
        other.setAttribute('aria-selected', 'false');
      }
      row.setAttribute('aria-selected', 'true');
      onSelect(event);
    };
    row.addEventListener('click', choose);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose();
      }
    });
    tbody.append(row);
  }
}

export function pageRange(page) {
  if (!page.total) return 'No events';
  const first = page.offset + 1;
  const last = page.offset + page.events.length;
  return `Events ${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)}`;
}

const KIND_LABELS = { source: 'source actor', target: 'target actor', verb: 'verb' };

function sentenceWithMarks(result) {
  const p = el('p', { class: 'sentence', lang: 'en' });
  for (const part of segments(result.sentence, result.spans)) {
    if (!part.kind) p.append(part.text);
    else p.append(el('mark', { class: `hl hl-${part.kind}`, 'data-kind': part.kind, title: KIND_LABELS[part.kind] },
      part.text));
  }
  return p;
}

function detailRow(term, ...value) {
  return [el('dt', { text: term }), el('dd', {}, ...value)];
}

// Shows `event`; asks the server for its story first, for the exact spans.
export async function showEvent(container, event, signal) {
  clear(container).append(el('p', { class: 'placeholder', text: 'Loading the story…' }));
  let story = null;
  try {
    story = await getJSON(`v1/stories/${encodeURIComponent(event.story_id)}`, null, signal);
  } catch (error) {
    if (error.name === 'AbortError') return;
    story = null;  // Highlights then come from the event itself.
  }
  if (signal.aborted) return;
  const result = highlightEvent(event, story);
  const source = event.source || {};
  const target = event.target;
  const method = {
    story: 'Marks from the evidence offsets stored with the story.',
    offsets: 'Marks from the evidence offsets of the event.',
    words: 'Marks found by matching the event’s words in the sentence.',
    none: '',
  }[result.method];
  const title = story && story.title ? story.title : event.story_id;
  clear(container).append(
    el('p', { class: 'story-title' },
      story && story.url ? el('a', { href: story.url, rel: 'noopener noreferrer', target: '_blank' }, title)
                         : el('span', {}, title),
      el('span', { class: 'muted small', text: ` · ${event.date}` })),
    sentenceWithMarks(result),
    el('ul', { class: 'legend small', 'aria-label': 'Highlight legend' },
      el('li', {}, el('mark', { class: 'hl hl-source' }, 'source actor')),
      el('li', {}, el('mark', { class: 'hl hl-target' }, 'target actor')),
      el('li', {}, el('mark', { class: 'hl hl-verb' }, 'verb'))),
    method ? el('p', { class: 'method muted small', text: method }) : null,
    el('dl', { class: 'facts' },
      detailRow('Source', el('span', { class: 'code', text: source.code || '' }),
        source.country ? ` ${countryLabel(source.country)}` : '', source.text ? ` — “${source.text}”` : ''),
      detailRow('Target', target ? el('span', { class: 'code', text: target.code }) : '—',
        target && target.country ? ` ${countryLabel(target.country)}` : '',
        target && target.text ? ` — “${target.text}”` : ''),
      detailRow('Event', el('span', { class: `dot q${event.quad_class}` }),
        `CAMEO ${event.cameo} · ${QUAD_NAMES[event.quad_class] || 'no class'}`,
        Number.isFinite(event.goldstein) ? ` · Goldstein ${formatSigned(event.goldstein)}` : ''),
      event.plover && event.plover.event_type
        ? detailRow('PLOVER', `${event.plover.event_type}${event.plover.mode ? ` / ${event.plover.mode}` : ''}`)
        : null,
      detailRow('Date', `${event.date}`, event.date_source ? ` (from the ${event.date_source})` : '',
        event.date_text ? ` “${event.date_text}”` : ''),
      event.location ? detailRow('Place', `${event.location.name}`,
        event.location.country ? `, ${countryLabel(event.location.country)}` : '') : null,
      event.evidence && event.evidence.pattern
        ? detailRow('Pattern', el('code', { text: event.evidence.pattern }),
          event.evidence.entry ? el('span', { class: 'muted small', text: ` ${event.evidence.entry}` }) : '')
        : null,
      detailRow('Story', el('span', { class: 'code', text: event.story_id }),
        ` · sentence ${Number(event.sentence_index) + 1} · event ${event.id}`)));
}

export function showDetailError(container, error) {
  showError(container, error);
}
