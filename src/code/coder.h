// Event coding: verb patterns and event nouns applied to clauses, actors
// resolved at the event's date, codes completed from the codebook.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "code/codebook.h"
#include "dict/dictionary.h"
#include "syntax/syntax.h"
#include "tigris/event.h"
#include "time/dates.h"

namespace tigris {

class Gazetteer;

// Everything the coder reads for one sentence.
struct SentenceInput {
  std::string_view text;  // story text
  const std::vector<Token>& tokens;
  const SentenceAnalysis& analysis;
  const std::vector<TimeExpression>& times;
  const std::string& arena;
  Span sentence_span;
  std::uint32_t sentence_index;
  Date story_date;
};

// Running state across the sentences of one story.
struct StoryCodingState {
  Date previous_event_date;            // for "five days later", "at the time"
  std::string dateline;                // the story's dateline place, if any
  std::vector<std::string> countries;  // countries named so far: context for toponyms
};

struct CoderOptions {
  // Future acts become intents ("will visit" -> 036); off for PETRARCH's convention.
  bool future_as_intent = true;
  // With no target from a pattern, the object or a target preposition, the
  // first actor after the verb in the clause is the target (TABARI/PETRARCH).
  bool first_actor_target = false;
  // A compound subject without a target acts on each other for every code
  // ("Gondor and Osgiliath postponed their meeting"), not only for joint acts.
  bool reciprocal_compound_subjects = false;
  // Every agent of a phrase joins the actor code, "NGO~" agents before it
  // ("an MSF Arnor diplomat": NGOARNGOV), also after a multi-part actor code
  // (PETRARCH); otherwise only the last agent, and only after a bare country.
  bool combine_agents = false;
  // A code marked subordinate ("[025?]", TABARI) is coded only when the
  // sentence has no other event, and then without the mark (PETRARCH).
  bool subordinate_codes = false;
  // An actor code with several codes ("FRO/BIL/SAM") gives one event per code.
  bool split_multiple_codes = false;
  // Two actors of equal specificity in one noun phrase: the first names it
  // (PETRARCH), not the one nearer the head.
  bool first_actor_in_phrase = false;
  // An object naming only an agent ("arrested students") is the target, ---EDU.
  bool agent_object_target = false;
  // When a sentence has an event with a target, its events without one are
  // dropped ("restore ties with Gondor, ... after Calenardhon crowds burned
  // down its embassy": ARN GON 064, not also CAL --- 222) (PETRARCH).
  bool complete_events_first = false;
  // With first_actor_target and no actor in the clause, the first actor after
  // it in the sentence, past commas, outside the comma-delimited clauses
  // TABARI eliminates (internal or terminal, 2 to 8 words).
  bool target_across_commas = false;
  // A verb written as its root plus "ES" is that verb only when the root ends
  // in S, X, Z, CH, SH or O ("fixes", "goes"; not "departes"), the regular
  // forms PETRARCH and TABARI generate; otherwise the lemmatizer's reading.
  bool regular_verb_endings = false;
  // A verb pattern's words match the text's words as written, not their
  // lemmas: "* EFFORT" does not match "efforts" (PETRARCH-2, which has no
  // noun lemmatizer; UD-PETRARCH matches UDPipe's lemmas).
  bool pattern_words_as_written = false;
};

class EventCoder {
 public:
  // `gazetteer` may be null: places then get no coordinates.
  EventCoder(const Dictionary& dictionary, const Codebook& codebook, const Vocabulary& vocab,
             const Gazetteer* gazetteer, CoderOptions options = {});

  // Codes one analysed sentence, appending events (without story_id) to `out`.
  // When `trace` is non-null, appends a line per decision (for explain).
  void code_sentence(const SentenceInput& input, StoryCodingState& state, std::vector<Event>& out,
                     std::string* trace) const;

  // The CAMEO code a future or intended act takes ("will visit" -> 036).
  static std::string intent_code(const std::string& code);

  // Marks in `drop` the events from `first_new` on whose code is subordinate
  // when another event is kept; strips the mark otherwise.
  // Replaces each event from `first_new` on whose source or target has
  // several codes ("FRO/BIL/SAM") by one event per pair of codes.
  static void split_multiple_codes(std::vector<Event>& out, std::size_t first_new);

  static void drop_subordinate(std::vector<Event>& out, std::size_t first_new,
                               std::vector<bool>& drop, std::string* trace);
  // With an event with a target among the sentence's, marks those without one.
  static void drop_incomplete(const std::vector<Event>& out, std::size_t first_new,
                              std::vector<bool>& drop, std::string* trace);

 private:
  struct Impl;
  const Dictionary& dictionary_;
  const Codebook& codebook_;
  const Vocabulary& vocab_;
  const Gazetteer* gazetteer_;
  CoderOptions options_;
  std::unordered_set<std::string> country_codes_;
};

}  // namespace tigris
