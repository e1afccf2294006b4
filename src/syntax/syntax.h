// Syntax: dictionary mentions, part-of-speech tags, chunks (noun phrases,
// verb groups, prepositions, boundaries) and clauses (each verb group with its
// subject, object, prepositional phrases, voice, polarity and modality).
// A shallow, linear-time analysis: no parse tree, no external parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/string_cache.h"
#include "common/vocab.h"
#include "tigris/document.h"

namespace tigris {

class Lexicon;
class Dictionary;
class Vocabulary;

struct Mention {
  enum class Kind : std::uint8_t { kActor, kAgent, kNominal };
  Kind kind;
  std::uint16_t first;  // token range, inclusive
  std::uint16_t last;
  std::uint32_t entry;  // index into the dictionary's actors/agents/nominals
};

enum class ChunkKind : std::uint8_t {
  kNounPhrase,
  kVerbGroup,
  kPreposition,
  kConjunction,
  kSubordinator,  // if, unless, because, after (+clause), that (complementizer)
  kWh,            // who, which, where (relative)
  kComma,
  kQuote,
  kTime,   // a temporal expression
  kOther,  // adverbs, particles, other punctuation
  kEnd,    // sentence-final punctuation
};

struct Chunk {
  ChunkKind kind;
  std::uint16_t first;  // token range, inclusive
  std::uint16_t last;
  std::uint16_t head = 0;        // NP: head noun; VG: main verb
  std::int16_t possessive = -1;  // NP: index of the "'s" token, if any
};

struct VerbGroupInfo {
  std::uint16_t chunk = 0;
  std::uint16_t verb = 0;  // main verb token
  bool passive = false;
  bool negated = false;
  bool infinitive = false;   // "to close"
  bool gerund = false;       // "-ing" without an auxiliary
  bool participle = false;   // "-ed" without an auxiliary (reduced relative)
  bool future = false;       // will, 'll, going to, plans to
  bool conditional = false;  // would, could, might, may, should
  bool copula = false;       // the main verb is "be"
};

// One verb group with its arguments, all as chunk indexes (-1 when absent).
struct Clause {
  VerbGroupInfo verb;
  std::int16_t subject = -1;              // NP chunk
  std::vector<std::int16_t> subjects;     // coordinated subjects ("Iran and Iraq")
  std::int16_t object = -1;               // NP chunk directly after the verb
  std::vector<std::int16_t> objects;      // coordinated objects ("urged Russia and Ukraine")
  std::int16_t shares_subject_with = -1;  // the clause a coordinated verb took its subject from
  std::vector<std::pair<std::int16_t, std::int16_t>> preps;  // (preposition chunk, NP chunk)
  std::int16_t by_agent = -1;                                // NP of "by" in a passive
  std::int16_t governor = -1;     // clause index this one is a complement of
  std::int16_t reporter = -1;     // NP chunk of the speaker, for reported speech
  std::uint16_t first_token = 0;  // token range of the clause
  std::uint16_t last_token = 0;
  bool hypothetical = false;       // under if/unless/whether, or a non-reporting "would"
  bool denied = false;             // complement of a denial
  bool subject_inherited = false;  // coordinated verb or control
  bool modifier = false;           // a participle modifying the noun before it:
                                   // "forces protecting American interests"
};

// What the lexicon says about one upper-cased word form, computed once per
// workspace and reused: news repeats its vocabulary, so most lookups hit.
struct WordAnalysis {
  std::uint32_t norm = 0;        // vocabulary id of the form
  std::uint32_t noun_lemma = 0;  // 0: cannot be a noun
  std::uint32_t verb_lemma = 0;  // 0: cannot be a verb
  VerbForm verb_form = VerbForm::kNone;
  std::uint8_t pos_bits = 0;  // WordNet parts of speech of the form itself
  std::uint8_t closed = 0;    // ClosedClass of the form
};

struct SentenceAnalysis {
  std::vector<Mention> mentions;
  std::vector<std::int32_t> token_mention;  // token -> actor/agent mention index, -1
  std::vector<std::int32_t> token_nominal;  // token -> nominal mention index, -1
  std::vector<std::int16_t> token_chunk;    // token -> chunk index
  std::vector<std::uint8_t> token_time;     // token -> 1 if inside a time expression
  std::vector<Chunk> chunks;
  std::vector<Clause> clauses;

  // Scratch reused across sentences (not cleared).
  std::vector<std::uint32_t> ids;
  std::vector<std::string_view> texts;
  std::vector<WordAnalysis> words;
  StringCache<WordAnalysis> word_cache;

  void clear() {
    mentions.clear();
    token_mention.clear();
    token_nominal.clear();
    token_chunk.clear();
    token_time.clear();
    chunks.clear();
    clauses.clear();
  }
};

struct SyntaxContext {
  const Lexicon& lexicon;
  const Dictionary& dictionary;
  const Vocabulary& vocab;
  const std::string& arena;  // upper-cased token forms
  std::string_view text;     // the story text
};

// Looks up vocabulary ids, finds actor/agent/nominal mentions (longest match)
// and tags every token. `title_case` says the sentence's capitals carry no
// information (a headline in Title Case or ALL CAPS).
void tag_tokens(const SyntaxContext& ctx, std::vector<Token>& tokens, SentenceAnalysis& analysis,
                bool title_case);

// Groups tagged tokens into chunks.
void chunk_tokens(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                  SentenceAnalysis& analysis);

// Builds one clause per verb group.
void build_clauses(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                   SentenceAnalysis& analysis);

// Verbs whose complement is reported speech or belief, by lemma text.
bool is_reporting_lemma(std::string_view lemma);

// What a complement clause takes from the clause governing it (clause.governor
// set): future for "plans to", hypothetical for demands, beliefs and purpose
// infinitives, denied under "denied"/"refused", the reporter of reported speech.
void apply_governor(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                    const std::vector<Clause>& clauses, Clause& clause);

// Postposed attribution ("C, the official said", "according to X"): sets the
// reporter of the other clauses. Runs after all clauses are built.
void attribute_reported_speech(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                               SentenceAnalysis& a);

}  // namespace tigris
