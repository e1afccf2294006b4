// Finds where an event's source actor, target actor and verb are in its
// sentence, as spans the detail panel marks. Three sources, best first:
//   1. the story's evidence spans (GET /v1/stories/{id}): byte offsets into the
//      story text, which also give the sentence;
//   2. the event's own offsets (source.begin, evidence.verb_begin, ...), relative
//      to evidence.sentence_begin, when the event JSON carries them;
//   3. the event's words (source.text, target.text, evidence.verb) looked up in
//      the sentence, when neither gives offsets (events stored from JSONL).
// Each span is checked against the text it claims to cover before it is used.
// No DOM here, so tests can run it under Node.

export const KINDS = ['source', 'target', 'verb'];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The UTF-8 byte offset `byte` of `text` as a UTF-16 index, or -1 when it is out
// of range or inside a character.
export function charIndex(text, byte) {
  if (!Number.isInteger(byte) || byte < 0) return -1;
  const bytes = encoder.encode(text);
  if (byte > bytes.length) return -1;
  if (byte < bytes.length && (bytes[byte] & 0xc0) === 0x80) return -1;
  return decoder.decode(bytes.subarray(0, byte)).length;
}

// Cuts `text` into segments [{text, kind}] (kind null outside spans) for the
// spans [{kind, begin, end}] given as UTF-16 indexes; overlapping or empty
// spans after the first are dropped.
export function segments(text, spans) {
  const sorted = spans.filter((s) => s.begin >= 0 && s.end > s.begin && s.end <= text.length)
                      .sort((a, b) => a.begin - b.begin || b.end - a.end);
  const out = [];
  let at = 0;
  for (const span of sorted) {
    if (span.begin < at) continue;
    if (span.begin > at) out.push({ text: text.slice(at, span.begin), kind: null });
    out.push({ text: text.slice(span.begin, span.end), kind: span.kind });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null });
  return out;
}

// Spans from byte offsets relative to the start of `text`.
function spansFromBytes(text, byteSpans) {
  const spans = [];
  for (const s of byteSpans) {
    if (!s || s.begin === undefined || s.end === undefined) continue;
    const begin = charIndex(text, s.begin);
    const end = charIndex(text, s.end);
    if (begin >= 0 && end > begin) spans.push({ kind: s.kind, begin, end });
  }
  return spans;
}

// 1. From a story of GET /v1/stories/{id} and the stored event id. Returns
// {sentence, spans, method} or null when the story lacks the text or spans.
export function fromStory(story, eventId) {
  if (!story || typeof story.text !== 'string' || !Array.isArray(story.events)) return null;
  const found = story.events.find((e) => e.id === eventId);
  if (!found || !found.sentence) return null;
  const { begin, end } = found.sentence;
  const sentenceStart = charIndex(story.text, begin);
  const sentenceEnd = charIndex(story.text, end);
  if (sentenceStart < 0 || sentenceEnd <= sentenceStart) return null;
  const sentence = story.text.slice(sentenceStart, sentenceEnd);
  const relative = (span, kind) =>
    span && Number.isInteger(span.begin) && Number.isInteger(span.end) && span.begin >= begin &&
    span.end <= end ? { kind, begin: span.begin - begin, end: span.end - begin } : null;
  const spans = spansFromBytes(sentence, [relative(found.source, 'source'),
                                          relative(found.target, 'target'),
                                          relative(found.verb, 'verb')]);
  if (!spans.length) return null;
  return { sentence, spans, method: 'story' };
}

// 2. From offsets in the event JSON itself; each span must cover the event's
// own words for that part, or it is not used.
export function fromEventOffsets(event) {
  const ev = event.evidence || {};
  const base = ev.sentence_begin;
  if (!Number.isInteger(base) || typeof event.sentence !== 'string') return null;
  const parts = [
    event.source && { kind: 'source', begin: event.source.begin, end: event.source.end, words: event.source.text },
    event.target && { kind: 'target', begin: event.target.begin, end: event.target.end, words: event.target.text },
    { kind: 'verb', begin: ev.verb_begin, end: ev.verb_end, words: null },
  ];
  const spans = [];
  for (const p of parts) {
    if (!p || !Number.isInteger(p.begin) || !Number.isInteger(p.end)) continue;
    const [span] = spansFromBytes(event.sentence, [{ kind: p.kind, begin: p.begin - base, end: p.end - base }]);
    if (!span) continue;
    if (p.words && event.sentence.slice(span.begin, span.end) !== p.words) continue;
    spans.push(span);
  }
  if (!spans.length) return null;
  return { sentence: event.sentence, spans, method: 'offsets' };
}

// Where `words` first occur in `text` outside `taken`, as a whole-word match,
// case-insensitively; with `stem`, any word starting with the stem counts
// ("fire" finds "fired", "accuse" finds "accused").
function locate(text, words, taken, stem = false) {
  if (!words) return null;
  const lower = text.toLowerCase();
  let needle = words.toLowerCase();
  if (stem && needle.length > 3 && /[ey]$/.test(needle)) needle = needle.slice(0, -1);
  const isWord = (ch) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    let end = at + needle.length;
    if (stem) while (isWord(text[end])) ++end;
    if (isWord(text[at - 1]) || (!stem && isWord(text[end]))) continue;
    if (taken.some((s) => at < s.end && end > s.begin)) continue;
    return { begin: at, end };
  }
  return null;
}

// 3. By looking the event's words up in its sentence.
export function fromEventWords(event) {
  if (typeof event.sentence !== 'string') return null;
  const spans = [];
  const add = (kind, words, stem) => {
    const found = locate(event.sentence, words, spans, stem);
    if (found) spans.push({ kind, ...found });
  };
  add('source', event.source && event.source.text, false);
  add('target', event.target && event.target.text, false);
  const verb = event.evidence && event.evidence.verb;
  if (verb) {
    const before = spans.length;
    add('verb', verb, false);
    // A multi-word pattern ("accuse of") may not appear as written; its first word will.
    if (spans.length === before) add('verb', verb.split(/\s+/)[0], true);
  }
  return { sentence: event.sentence, spans, method: 'words' };
}

// The best of the three for `event` (and its story, when it could be fetched).
export function highlightEvent(event, story) {
  return fromStory(story, event.id) || fromEventOffsets(event) || fromEventWords(event) ||
         { sentence: event.sentence || '', spans: [], method: 'none' };
}
