// Unit tests of web/src/highlight.js, the code that finds the actors and the
// verb in an event's sentence (run with `node --test`; no browser needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { charIndex, fromEventOffsets, fromEventWords, fromStory, highlightEvent, segments } from
  '../../web/src/highlight.js';

const marked = (result) => Object.fromEntries(result.spans.map((s) => [s.kind, result.sentence.slice(s.begin, s.end)]));

test('byte offsets become string indexes across multi-byte characters', () => {
  const text = 'Kyiv — Zelensky said';  // the dash is 3 bytes in UTF-8
  assert.equal(charIndex(text, 5), 5);
  assert.equal(charIndex(text, 8), 6);  // just after the dash
  assert.equal(charIndex(text, 6), -1);  // inside the dash
  assert.equal(charIndex(text, 99), -1);
  assert.equal(charIndex(text, -1), -1);
});

test('segments cut the text around spans and drop overlaps', () => {
  const parts = segments('abcdef', [{ kind: 'verb', begin: 2, end: 4 }, { kind: 'source', begin: 0, end: 1 },
                                    { kind: 'target', begin: 3, end: 5 }]);
  assert.deepEqual(parts, [{ text: 'a', kind: 'source' }, { text: 'b', kind: null }, { text: 'cd', kind: 'verb' },
                           { text: 'ef', kind: null }]);
});

// "Iran warns Washington" at the end of a story whose first line has an em dash.
const storyText = 'GENEVA — Talks went on.\nIran warns Washington';
const sentenceBegin = Buffer.byteLength('GENEVA — Talks went on.\n');  // 26
const story = {
  text: storyText,
  events: [{
    id: 7,
    sentence: { begin: sentenceBegin, end: sentenceBegin + 21 },
    source: { code: 'IRN', text: 'Iran', begin: sentenceBegin, end: sentenceBegin + 4 },
    target: { code: 'USA', text: 'Washington', begin: sentenceBegin + 11, end: sentenceBegin + 21 },
    verb: { text: 'warns', begin: sentenceBegin + 5, end: sentenceBegin + 10 },
  }],
};

test('spans from the story, relative to the sentence', () => {
  const result = fromStory(story, 7);
  assert.equal(result.sentence, 'Iran warns Washington');
  assert.deepEqual(marked(result), { source: 'Iran', target: 'Washington', verb: 'warns' });
  assert.equal(fromStory(story, 8), null, 'another event id');
  assert.equal(fromStory({ ...story, text: null }, 7), null, 'a story stored without text');
});

test('spans from the event\'s own offsets, checked against its words', () => {
  const event = {
    sentence: 'Iran warns Washington',
    source: { text: 'Iran', begin: 100, end: 104 },
    target: { text: 'Washington', begin: 111, end: 121 },
    evidence: { verb: 'warns', verb_begin: 105, verb_end: 110, sentence_begin: 100 },
  };
  assert.deepEqual(marked(fromEventOffsets(event)), { source: 'Iran', target: 'Washington', verb: 'warns' });
  const wrong = { ...event, source: { text: 'Tehran', begin: 100, end: 104 } };
  assert.deepEqual(marked(fromEventOffsets(wrong)), { target: 'Washington', verb: 'warns' });
  assert.equal(fromEventOffsets({ ...event, evidence: { verb: 'warns' } }), null, 'no offsets');
});

test('spans found from the event\'s words', () => {
  const event = {
    sentence: 'Russian forces fired at Russia-backed rebels, and Russia said so.',
    source: { text: 'Russian forces' },
    target: { text: 'Russia' },
    evidence: { verb: 'fired' },
  };
  // "Russia" inside "Russia-backed" is a whole word; the first free match is taken.
  assert.deepEqual(marked(fromEventWords(event)), { source: 'Russian forces', target: 'Russia', verb: 'fired' });
  const lemma = { sentence: 'Iran accused Israel.', source: { text: 'Iran' }, target: { text: 'Israel' },
                  evidence: { verb: 'accuse of' } };
  assert.deepEqual(marked(fromEventWords(lemma)), { source: 'Iran', target: 'Israel', verb: 'accused' });
  const noTarget = { sentence: 'Kyiv said nothing.', source: { text: 'Kyiv' }, target: null, evidence: { verb: 'said' } };
  assert.deepEqual(marked(fromEventWords(noTarget)), { source: 'Kyiv', verb: 'said' });
  const partOfWord = { sentence: 'Iranian media said', source: { text: 'Iran' }, target: null, evidence: {} };
  assert.deepEqual(marked(fromEventWords(partOfWord)), {}, 'no match inside a longer word');
});

test('the story wins over the event\'s words', () => {
  const event = { id: 7, sentence: 'Iran warns Washington', source: { text: 'Iran' }, target: null,
                  evidence: { verb: 'warns' } };
  assert.equal(highlightEvent(event, story).method, 'story');
  assert.equal(highlightEvent(event, null).method, 'words');
});
