// Lexical layer: which parts of speech a word can take, its lemma, and the
// closed-class words of English. Open-class knowledge comes from WordNet
// (Debian's wordnet-base): the index files list every noun, verb, adjective
// and adverb lemma; the .exc files list irregular forms (went -> go,
// children -> child); cntlist.rev gives sense frequencies we use as priors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/vocab.h"
#include "tigris/document.h"
#include "tigris/status.h"

namespace tigris {

enum PosBits : std::uint8_t { kPosNoun = 1, kPosVerb = 2, kPosAdj = 4, kPosAdv = 8 };

// Closed-class words with a fixed tag (or a small set of readings decided in context).
enum class ClosedClass : std::uint8_t {
  kNone,
  kDeterminer,
  kPronoun,      // subject/object pronouns
  kPossPronoun,  // his, her, its, their, our, my, your
  kPreposition,
  kPrepOrSub,     // after, before, since, until, as: preposition or subordinator
  kSubordinator,  // if, unless, because, although, while, whether, though
  kThat,          // that: subordinator, relative, or determiner
  kWh,            // who, which, whom, whose, where, when
  kConjunction,   // and, or, but, nor
  kBe,            // is, was, were, be, been, being, are, am
  kHave,          // has, have, had, having
  kDo,            // do, does, did
  kModal,         // will, would, can, could, may, might, shall, should, must
  kNegation,      // not, n't, never, no longer (first word)
  kTo,
  kParticle,  // out, up, down, off, back, away: particle or preposition
  kAdverb,    // a few frequent adverbs WordNet tags ambiguously
};

class Lexicon {
 public:
  // Reads WordNet from `wordnet_dir` and interns every lemma in `vocab`.
  // Cost: ~100 ms; call once per process.
  static Result<std::shared_ptr<Lexicon>> load(const std::string& wordnet_dir, Vocabulary& vocab);

  struct Lemma {
    std::uint32_t id = 0;
    VerbForm form = VerbForm::kNone;  // for verbs: the form the surface shows
  };

  // `upper` is an upper-cased surface form.
  Lemma verb_lemma(std::string_view upper, const Vocabulary& vocab) const;
  std::uint32_t noun_lemma(std::string_view upper, const Vocabulary& vocab) const;
  std::uint8_t pos_bits(std::uint32_t lemma_id) const {
    return lemma_id < pos_.size() ? pos_[lemma_id] : 0;
  }
  // SemCor-tagged sense counts: how often the lemma was seen as a noun/verb.
  std::uint32_t noun_count(std::uint32_t lemma_id) const;
  std::uint32_t verb_count(std::uint32_t lemma_id) const;
  ClosedClass closed_class(std::string_view upper) const;
  std::size_t lemma_count() const { return lemma_total_; }

 private:
  std::vector<std::uint8_t> pos_;  // by vocabulary id
  std::unordered_map<std::uint32_t, std::uint32_t> noun_counts_;
  std::unordered_map<std::uint32_t, std::uint32_t> verb_counts_;
  // Irregular forms: surface id -> lemma id.
  std::unordered_map<std::uint32_t, std::uint32_t> verb_exceptions_;
  std::unordered_map<std::uint32_t, std::uint32_t> noun_exceptions_;
  std::unordered_map<std::string, ClosedClass, StringHash, std::equal_to<>> closed_;
  std::size_t lemma_total_ = 0;
};

}  // namespace tigris
