// Compiled dictionaries: actors, agents, verbs with their patterns, event
// nouns (nominals) and discards, read from PETRARCH2/Phoenix-format text files
// (see docs/dictionaries.md) and compiled into tries over vocabulary ids.
// Built once by DictionaryBuilder; immutable and shared across threads after.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/flat_map.h"
#include "common/large_memory.h"
#include "common/vocab.h"
#include "tigris/pipeline.h"
#include "tigris/status.h"

namespace tigris {

class Lexicon;

// A trie over vocabulary ids. The last word of a phrase may be a stem
// (PETRARCH: a phrase without a final "_"), matched as a prefix of the token.
class PhraseTrie {
 public:
  static constexpr std::uint32_t kNoValue = 0xFFFFFFFF;

  PhraseTrie() : nodes_(1), stem_slots_(16) {}  // the root; an empty stem table

  // Adds `words` (upper case); returns false when the phrase already had a value
  // (the first value is kept). `stem_last` makes the last word a prefix.
  bool insert(const std::vector<std::string>& words, bool stem_last, std::uint32_t value,
              Vocabulary& vocab);

  struct Match {
    std::size_t length = 0;  // tokens matched
    std::uint32_t value = kNoValue;
  };
  // Longest match starting at `ids[0]`; `texts` are the upper-cased tokens (for stems).
  // Cost: one table probe per token matched; at a node with stems, one probe
  // for the token's first two characters and one per stem length they allow.
  Match longest(const std::uint32_t* ids, const std::string_view* texts, std::size_t count) const;
  std::size_t phrase_count() const { return phrases_; }

 private:
  struct Node {
    std::uint32_t value = kNoValue;
    std::uint32_t has_stems = 0;  // 1 when a stem leaves this node
  };
  // A stem edge: the `length` characters at `offset` in stem_text_, leaving `node`.
  struct StemSlot {
    std::uint32_t node = 0;
    std::uint32_t child = 0;  // 0: empty slot (the root is never a child)
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  static std::uint64_t stem_head(std::uint32_t node, std::string_view text);
  // Hash of (node, prefix), extended one character at a time.
  static std::uint64_t stem_hash_start(std::uint32_t node);
  static std::uint64_t stem_hash_step(std::uint64_t hash, char c);
  std::size_t stem_probe(std::uint32_t node, std::string_view prefix, std::uint64_t hash) const;
  void grow_stems();

  std::vector<Node, LargeAllocator<Node>> nodes_;
  FlatMap64<std::uint32_t> edges_;  // (node << 32 | word id) -> node
  // (node, first two characters) of every stem -> bit k set when a stem of k
  // characters starts with them: most tokens fail here at once, the rest try
  // only those lengths.
  FlatMap64<std::uint64_t> stem_heads_;
  std::vector<StemSlot, LargeAllocator<StemSlot>> stem_slots_;  // open addressing, <= half full
  std::string stem_text_;
  std::size_t stem_count_ = 0;
  std::vector<bool> starts_;  // word ids that begin a phrase (a cheap first filter)
  std::size_t phrases_ = 0;
};

struct DatedCode {
  std::int32_t from = 0;       // YYYYMMDD, inclusive; 0 = open
  std::int32_t to = 99999999;  // YYYYMMDD, inclusive
  std::string code;
};

struct ActorEntry {
  std::string name;          // primary phrase, readable ("MIKE POMPEO")
  std::string default_code;  // may be empty: no code outside the dated ranges
  std::vector<DatedCode> dated;
  std::uint32_t source = 0;  // index into Dictionary::sources()
  std::uint32_t line = 0;
};

struct AgentEntry {
  std::string phrase;
  std::string code;             // sector code without "~", e.g. "GOV", "MIL", "GOVFRM"
  bool before_country = false;  // "NGO~": the code comes before the country code
  std::uint32_t source = 0;
  std::uint32_t line = 0;
};

struct NominalEntry {
  std::string phrase;
  std::string code;                         // CAMEO event code
  std::vector<std::uint32_t> target_preps;  // prepositions introducing the target
  std::uint32_t source = 0;
  std::uint32_t line = 0;
};

// One element of a verb pattern, after synsets are expanded.
struct PatternElement {
  // kSkip ("^"): a phrase holding an actor that is neither source nor target.
  enum class Kind : std::uint8_t { kWords, kPrep, kTarget, kSource, kSkip };
  Kind kind = Kind::kWords;
  std::uint32_t preposition = 0;  // kPrep: the preposition's vocabulary id
  // Alternative word sequences (a synset gives several); a sequence's last word
  // is the head. For kPrep, empty alternatives with `prep_target` mean "(PREP +)".
  std::vector<std::vector<std::uint32_t>> alternatives;
  bool prep_target = false;  // kPrep whose object is the target "+"
  bool prep_source = false;  // kPrep whose object is the source "$"
  bool prep_skip = false;    // kPrep whose object is skipped "(AT ^)"
  // Joined to the verb by "_" ("RECENTLY_*", "*_OFF"): the words touch the verb.
  bool adjacent = false;
};

struct VerbPattern {
  std::vector<PatternElement> before;  // elements before the verb
  std::vector<PatternElement> after;   // elements after the verb
  std::string code;                    // CAMEO code, or "---" (no event)
  std::string paired_code;             // TABARI "[A:B]": B codes the reverse event target -> source
  std::string text;                    // as written, for evidence
  std::uint32_t source = 0;
  std::uint32_t line = 0;
  int specificity =
      0;  // set by DictionaryBuilder::finish(): 2 per word, 1 per actor or preposition
  // The words before the verb include a negation ("&NEGATVAUXVRB *" with DID N'T):
  // the pattern codes the negated verb (set by finish()).
  bool negated = false;
  // "%" (TABARI's compound actor): before the verb, the subject must be a
  // coordination of actors ("% * TALKS"); after it, an object or the objects
  // of one preposition ("* WITH %").
  bool compound_subject = false;
  bool compound_object = false;
  // A quick filter, filled by DictionaryBuilder::finish(): for every element
  // after the verb that needs words, the ids any of which must occur after the
  // verb (alternatives' heads, and prepositions).
  std::vector<std::vector<std::uint32_t>> required;
};

struct VerbBlock {
  std::string name;
  std::string code;  // the block's default code, "---" for none
  std::vector<VerbPattern> patterns;
};

struct VerbEntry {
  std::uint32_t lemma = 0;               // the verb word's lemma id
  std::vector<std::uint32_t> particles;  // words after the verb ("OUT" in PULL_OUT)
  std::vector<std::uint32_t> preceding;  // words before the verb ("WIRE" in WIRE_TAP)
  std::string code;                      // own code, else the block's
  std::uint32_t block = 0;
  std::uint32_t source = 0;
  std::uint32_t line = 0;
  std::string text;
};

struct DiscardEntry {
  std::string phrase;
  bool whole_story = false;
};

class Dictionary {
 public:
  const std::vector<std::string>& sources() const { return sources_; }
  const LargeVector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<NominalEntry>& nominals() const { return nominals_; }
  const std::vector<VerbBlock>& verb_blocks() const { return blocks_; }
  const std::vector<VerbEntry>& verbs() const { return verbs_; }
  const std::vector<DiscardEntry>& discards() const { return discards_; }

  const PhraseTrie& actor_trie() const { return actor_trie_; }
  const PhraseTrie& agent_trie() const { return agent_trie_; }
  const PhraseTrie& nominal_trie() const { return nominal_trie_; }
  const PhraseTrie& discard_trie() const { return discard_trie_; }

  // Verb entries whose verb word has lemma `lemma_id` (empty when none).
  const std::vector<std::uint32_t>& verbs_for_lemma(std::uint32_t lemma_id) const;
  // Irregular verb forms given in the dictionary ({...}) -> lemma id.
  std::uint32_t irregular_verb(std::uint32_t surface_id) const;

  // The code an actor has on `date` (YYYYMMDD; for a month or year, the code
  // held over most of that period is chosen by the caller through `date_end`).
  std::string_view actor_code(const ActorEntry& actor, std::int32_t date_begin,
                              std::int32_t date_end) const;

  std::string entry_label(std::uint32_t source, std::uint32_t line) const;

  // The code of the negated act from a coding ontology (UD-PETRARCH's PICO
  // file: each CAMEO code is a sum of hexadecimal terms, and negation
  // subtracts 0xFFFF, so a negated 110 (0xFFFF+0x0080) is 050 (0x0080)).
  // Empty when no ontology is loaded or no code has the negated value.
  std::string_view negated_code(std::string_view code) const;
  bool has_ontology() const { return !code_values_.empty(); }

 private:
  friend class DictionaryBuilder;
  friend class TabariReader;
  std::vector<std::string> sources_;
  LargeVector<ActorEntry> actors_;  // the Phoenix set has about 40,000
  std::vector<AgentEntry> agents_;
  std::vector<NominalEntry> nominals_;
  std::vector<VerbBlock> blocks_;
  std::vector<VerbEntry> verbs_;
  std::vector<DiscardEntry> discards_;
  PhraseTrie actor_trie_;
  PhraseTrie agent_trie_;
  PhraseTrie nominal_trie_;
  PhraseTrie discard_trie_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> verbs_by_lemma_;
  std::unordered_map<std::uint32_t, std::uint32_t> irregular_verbs_;
  // Coding ontology: code -> value, value -> the first code with it.
  std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>> code_values_;
  std::unordered_map<std::int64_t, std::string> value_codes_;
};

enum class DictionaryKind {
  kActors,
  kAgents,
  kVerbs,
  kNominals,
  kDiscards,
  kOntology,      // UD-PETRARCH's coding ontology (PICO): how codes combine under negation
  kTabariActors,  // TABARI 0.8 files, read by TabariReader (dict/tabari.h)
  kTabariAgents,
  kTabariVerbs,
  kTabariOptions,
  kUnknown
};

// The kind of a dictionary file from its name: TABARI's extensions ".actors",
// ".agents", ".verbs", ".options"; else, for .txt/.dict files, "*actors*",
// "*agents*", "*verbs*" or "CAMEO*", "*nominals*", "*discards*", "*ontology*". (A *verbs*.txt
// file in TABARI's layout is recognised by its content when it is read.)
DictionaryKind dictionary_kind_from_name(std::string_view file_name);

class DictionaryBuilder {
 public:
  DictionaryBuilder(Vocabulary& vocab, const Lexicon& lexicon) : vocab_(vocab), lexicon_(lexicon) {}

  // Reads one file of the given kind. Malformed lines are errors with file,
  // line and text; constructs we read but do not support become notes.
  Status add_file(const std::string& path, DictionaryKind kind);
  // Parses `content` as if read from `path` (used by tests and fuzzers).
  Status add_text(std::string_view content, const std::string& path, DictionaryKind kind);
  // Adds every dictionary file in `dir` (sorted by name); unknown files are noted.
  Status add_directory(const std::string& dir);

  std::vector<LoadNote>& notes() { return notes_; }
  // Phrases defined twice (the later entry is ignored), for `dict lint`.
  const std::vector<LoadNote>& duplicates() const { return duplicates_; }
  // Lenient: malformed lines become notes instead of errors (third-party files).
  void set_lenient(bool lenient) { lenient_ = lenient; }
  std::unique_ptr<Dictionary> finish();

 private:
  Status parse_actors(std::string_view content, std::uint32_t source);
  Status parse_agents(std::string_view content, std::uint32_t source);
  Status parse_nominals(std::string_view content, std::uint32_t source);
  Status parse_verbs(std::string_view content, std::uint32_t source);
  Status parse_discards(std::string_view content, std::uint32_t source);
  Status parse_ontology(std::string_view content, std::uint32_t source);
  void note(std::uint32_t source, std::size_t line, std::string_view text, std::string reason);
  void duplicate(std::uint32_t source, std::size_t line, std::string_view text);
  template <typename Fn>
  Status for_each_line_of(std::string_view content, std::uint32_t source, Fn&& fn);

  friend class TabariReader;
  Vocabulary& vocab_;
  const Lexicon& lexicon_;
  std::unique_ptr<Dictionary> dict_ = std::make_unique<Dictionary>();
  std::vector<LoadNote> notes_;
  std::vector<LoadNote> duplicates_;
  // Regular plurals of PETRARCH-format actor phrases, added to the trie last.
  std::vector<std::pair<std::vector<std::string>, std::uint32_t>> actor_plurals_;
  bool lenient_ = false;
};

}  // namespace tigris
