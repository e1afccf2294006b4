#!/usr/bin/env node
// The name keys of tigris::place_key and tigris::loose_place_key
// (src/geo/gazetteer.cc), in JavaScript, so that convert.js can write them into
// the index and Gazetteer::load does not fold 140,000 names at every start.
// The two implementations must agree byte for byte: geo_test runs this file
// on tests/data/tricky_place_names.txt and compares with the C++ keys, and
// checks every key of the built index against the C++ folding.
//
//   node fold.js < names.txt     -> one "exact<TAB>loose" line per input line
//
// Folding, per code point (as fold_code_point in gazetteer.cc): ASCII letters
// and digits lower-cased, ' and ` dropped, other ASCII a space; a few letters
// without a canonical decomposition spelled out (ß -> ss, ø -> o ...);
// apostrophes (typographic quotes, prime, acute, modifier letters) dropped;
// combining marks dropped; otherwise the canonical decomposition (NFD),
// folded once more without decomposing again; otherwise a letter or decimal
// digit lower-cased (simple case mapping) and anything else a space.
'use strict';

const unaccented = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['Æ', 'ae'], ['œ', 'oe'], ['Œ', 'oe'], ['ø', 'o'], ['Ø', 'o'],
  ['đ', 'd'], ['Đ', 'd'], ['ð', 'd'], ['Ð', 'd'], ['ł', 'l'], ['Ł', 'l'], ['ŀ', 'l'], ['Ŀ', 'l'],
  ['ı', 'i'], ['þ', 'th'], ['Þ', 'th'], ['ħ', 'h'], ['Ħ', 'h'], ['ŧ', 't'], ['Ŧ', 't'],
].map(([from, to]) => [from.codePointAt(0), to]));

const apostrophes = new Set([0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x201B, 0x2032]);
const modifierLetter = /^\p{Lm}$/u;
const mark = /^\p{M}$/u;
const letterOrDigit = /^[\p{L}\p{Nd}]$/u;

function isApostrophe(c) {
  return apostrophes.has(c) || modifierLetter.test(String.fromCodePoint(c));
}

function foldCodePoint(c, out, depth) {
  if (c < 0x80) {
    const isLower = c >= 0x61 && c <= 0x7a;
    const isUpper = c >= 0x41 && c <= 0x5a;
    const isDigit = c >= 0x30 && c <= 0x39;
    if (isLower || isDigit) out.push(String.fromCharCode(c));
    else if (isUpper) out.push(String.fromCharCode(c + 32));
    else if (!isApostrophe(c)) out.push(' ');
    return;
  }
  const replacement = unaccented.get(c);
  if (replacement) {
    out.push(replacement);
    return;
  }
  if (isApostrophe(c)) return;
  const text = String.fromCodePoint(c);
  if (mark.test(text)) return;
  const decomposition = text.normalize('NFD');
  if (depth === 0 && decomposition !== text) {
    for (const part of decomposition) foldCodePoint(part.codePointAt(0), out, depth + 1);
    return;
  }
  if (letterOrDigit.test(text)) {
    const lower = text.toLowerCase();
    // Simple case mapping, as ICU's u_tolower: one code point for one.
    out.push([...lower].length === 1 ? lower : text);
  } else {
    out.push(' ');
  }
}

// The Arabic article as transliterated (see is_article in gazetteer.cc).
const articles = new Set(['al', 'el', 'an', 'ar', 'as', 'ash', 'ad', 'adh', 'at', 'ath', 'az', 'ed',
  'en', 'er', 'es', 'esh', 'et', 'ez', 'ul', 'ud', 'ur', 'us', 'uz']);
const spelledOut = new Map([['st', 'saint'], ['ste', 'sainte'], ['mt', 'mount']]);

function words(name) {
  const out = [];
  for (const ch of String(name)) foldCodePoint(ch.codePointAt(0), out, 0);
  const result = out.join('').split(' ').filter((w) => w !== '')
      .map((w) => spelledOut.get(w) || w);
  if (result.length > 1 && result[0] === 'the') result.shift();
  for (let i = 0; i + 1 < result.length; i++) {
    if (articles.has(result[i])) result[i] = 'al';
  }
  return result;
}

const isVowel = (c) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';

function looseOf(list) {
  let loose = '';
  for (const word of list) {
    if (word === 'al' && list.length > 1) continue;
    const chars = [...word];
    const spelled = [];
    for (let i = 0; i < chars.length; i++) {
      let c = chars[i];
      if (c === 'q') c = 'k';
      if (c === 'y') c = 'i';
      if (c === 'o' && i + 1 < chars.length && chars[i + 1] === 'u') {
        spelled.push('u');
        i++;
        continue;
      }
      spelled.push(c);
    }
    if (spelled.length > 2 && spelled[spelled.length - 1] === 'h' &&
        isVowel(spelled[spelled.length - 2])) {
      spelled.pop();
    }
    // Doubled ASCII letters become one (a non-ASCII letter is never doubled
    // here, as in gazetteer.cc, which works on UTF-8 bytes).
    for (const c of spelled) {
      if (c.codePointAt(0) < 0x80 && loose.endsWith(c)) continue;
      loose += c;
    }
  }
  return loose;
}

// {exact, loose}: place_key and loose_place_key of `name`.
function placeKeys(name) {
  const list = words(name);
  return {exact: list.join(' '), loose: looseOf(list)};
}

module.exports = {placeKeys};

if (require.main === module) {
  const input = require('fs').readFileSync(0, 'utf8');
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out = lines.map((line) => {
    const {exact, loose} = placeKeys(line.replace(/\r$/, ''));
    return `${exact}\t${loose}`;
  });
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
}
