// tigris/event.h: the coded event, the contract between the coder and every
// writer, store and front end. Field names follow the JSON output (docs/output.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tigris/document.h"

namespace tigris {

struct Location {
  std::string name;     // as written in the text, e.g. "Basra"
  std::string country;  // ISO alpha-3, empty when unknown
  std::optional<double> lat;
  std::optional<double> lon;
  std::string admin1;            // GeoNames admin1 code, when the gazetteer knows the place
  std::int64_t geonames_id = 0;  // 0 when unknown (or a country or region)
};

struct Actor {
  std::string code;     // CAMEO actor code, e.g. "USAGOV", "IRQCOP", "IGOUNO"
  std::string country;  // ISO 3166-1 alpha-3 from the code, empty when none (IGOs, groups)
  std::string name;     // the dictionary entry's primary phrase, e.g. "MIKE POMPEO"
  std::string text;     // the words in the sentence that named the actor
  Span span;            // bytes of `text` in Story::text
  std::string entry;    // where the code came from: "people.actors.txt:120"
  // Where the actor is when the text says so ("protesters in Basra", "the
  // governor of Anbar"); not stored by the event store, only written out.
  std::optional<Location> location;
};

// Why the event was coded: the verb (or event noun), the pattern that matched
// and the token spans it used, so an analyst or dictionary editor can check it.
struct Evidence {
  std::string verb;  // the verb or nominal as written
  Span verb_span;
  std::string pattern;             // the dictionary pattern as written, or "(verb default)"
  std::string pattern_entry;       // "verbs.txt:412"
  std::vector<std::string> rules;  // coder rules that shaped the event, e.g. "passive", "intent"
};

struct Event {
  std::string story_id;
  std::uint32_t sentence_index = 0;
  std::string sentence;
  Span sentence_span;
  std::string date;         // YYYY-MM-DD, YYYY-MM or YYYY
  std::string date_source;  // "text" (an expression in the sentence) or "story" (publication date)
  std::string date_text;    // the expression that gave the date, if any
  bool historical = false;  // the event date lies well before the story date
  Actor source;
  std::optional<Actor> target;
  std::string cameo;   // "1313"
  std::string root;    // "13"
  int quad_class = 0;  // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0.0;
  std::string plover_type;           // PLOVER event type, e.g. "THREATEN"
  std::string plover_mode;           // PLOVER mode, may be empty
  std::string mode;                  // "" (asserted), "future", "hypothetical"
  std::optional<Actor> reported_by;  // the speaker when the event is reported speech
  std::optional<Location> location;
  Evidence evidence;
};

}  // namespace tigris
