// tigris/document.h: the plain data that flows through the pipeline.
//
//   Story -> Sentence -> Token
//
// A Story owns its text; every later structure holds byte spans into it, so an
// event can always point back at the words that produced it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

// A half-open byte range [begin, end) into Story::text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(Span a, Span b) { return a.begin == b.begin && a.end == b.end; }
};

struct Story {
  std::string id;
  std::string date;  // publication date, YYYY-MM-DD
  std::string source;
  std::string title;
  std::string url;
  std::string text;
  std::size_t input_line = 0;  // 1-based line (JSONL) or record number (XML) it came from
};

// Coarse part-of-speech tags: enough to find noun phrases, verb groups and
// prepositional phrases; not a Penn Treebank tagger.
enum class Tag : std::uint8_t {
  kUnknown,
  kNoun,
  kProperNoun,
  kPronoun,
  kVerb,
  kAuxiliary,  // forms of be, have, do when they support another verb
  kModal,      // will, would, can, could, may, might, shall, should, must
  kAdjective,
  kAdverb,
  kDeterminer,
  kNumber,
  kPreposition,
  kParticle,      // "out" in "pulled troops out"
  kTo,            // infinitival or prepositional "to"
  kConjunction,   // and, or, but, nor
  kSubordinator,  // that, if, unless, because, after, while, although ...
  kWh,            // who, which, whom, whose, where, when (relative or question)
  kNegation,      // not, n't, never
  kPossessive,    // 's
  kPunct,
  kQuote,
};

const char* tag_name(Tag tag);

// Verb morphology as read off the surface form.
enum class VerbForm : std::uint8_t { kNone, kBase, kPresent3, kPast, kPastParticiple, kGerund };

enum TokenFlags : std::uint8_t {
  kCapitalized = 1,  // first letter upper case
  kAllCaps = 2,      // every letter upper case (and more than one letter)
  kLineStart = 4,    // first token of its sentence
  kHasDigit = 8,
  kInActor = 16,  // covered by an actor or agent dictionary match
};

struct Token {
  Span span;                // bytes in Story::text
  std::uint32_t norm = 0;   // vocabulary id of the upper-cased surface form (0: unknown word)
  std::uint32_t lemma = 0;  // vocabulary id of the lemma for its tag (0: unknown)
  std::uint32_t norm_text_begin = 0;  // upper-cased surface in the workspace's text arena
  std::uint16_t norm_text_size = 0;
  Tag tag = Tag::kUnknown;
  VerbForm form = VerbForm::kNone;
  std::uint8_t flags = 0;
};

struct Sentence {
  Span span;                    // bytes in Story::text
  std::uint32_t paragraph = 0;  // index of the paragraph (line block) it came from
  bool headline = false;        // a title line without final punctuation
};

}  // namespace tigris
