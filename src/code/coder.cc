// From clauses to events.
//
// For each clause: find the verb's dictionary entry (phrasal verbs first), try
// the verb block's patterns most specific first against the object and the
// prepositional phrases, fall back to the verb's code, and to an event noun
// in the object when the verb is light ("ordered the killing of X"). Then:
// source = subject (or the by-phrase of a passive), target = the pattern's
// "+", else the object, else a prepositional target. Negated and denied acts
// give no event; hypothetical ones only when the act is itself an intent,
// demand or threat; future acts become intents (CAMEO 03x / 13x).
#include "code/coder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "common/strings.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"
#include "text/text.h"

namespace tigris {
namespace {

constexpr std::array<std::string_view, 20> kLightVerbs = {
    "ORDER",   "CARRY",     "CONDUCT", "LAUNCH",    "STAGE",   "MOUNT",  "HOLD",
    "DELIVER", "ISSUE",     "MAKE",    "UNDERTAKE", "PAY",     "BEGIN",  "START",
    "RESUME",  "AUTHORIZE", "APPROVE", "ANNOUNCE",  "PERFORM", "EXECUTE"};

// Prepositions that can introduce a target when no pattern names one.
constexpr std::array<std::string_view, 12> kTargetPreps = {
    "TO", "WITH", "AGAINST", "ON", "AT", "INTO", "TOWARD", "TOWARDS", "UPON", "OF", "ONTO", "OVER"};

constexpr std::array<std::string_view, 6> kLocativePreps = {"IN",     "AT",      "NEAR",
                                                            "INSIDE", "OUTSIDE", "ACROSS"};

// Heads of "the city of Basra", "the department of Cabanas", "the port of
// El Callao": the place's name follows "of". Departments are the first-level
// divisions of most Latin American countries.
constexpr std::array<std::string_view, 13> kPlaceHeads = {
    "CITY",       "TOWN",         "VILLAGE", "PROVINCE", "REGION", "CAPITAL",    "DISTRICT",
    "DEPARTMENT", "MUNICIPALITY", "PORT",    "STATE",    "COUNTY", "GOVERNORATE"};

template <typename List>
bool contains_word(std::string_view word, const List& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// False for a verb written as its lemma plus "ES" where English (and
// PETRARCH's generated forms) add only "S": "DEPARTES" is not DEPART, while
// "FIXES", "PUSHES", "GOES" are. Any other form (irregular, "-ED") is left to
// the lemmatizer. `word` as written, `lemma` upper case.
bool regular_es_form(std::string_view word, std::string_view lemma) {
  if (lemma.empty() || word.size() != lemma.size() + 2) return true;
  for (std::size_t i = 0; i < lemma.size(); ++i) {
    if (ascii_upper(word[i]) != lemma[i]) return true;
  }
  if (ascii_upper(word[lemma.size()]) != 'E' || ascii_upper(word[lemma.size() + 1]) != 'S')
    return true;
  char last = lemma.back();
  return last == 'S' || last == 'X' || last == 'Z' || last == 'O' || lemma.ends_with("CH") ||
         lemma.ends_with("SH");
}

struct Resolved {
  Actor actor;
  bool has_country = false;
  bool agent_only = false;
};

}  // namespace

struct EventCoder::Impl {
  const EventCoder& coder;
  const SentenceInput& in;
  StoryCodingState& state;
  std::string* trace;
  mutable std::vector<int> used_nominals;  // event-noun phrases a light verb already coded
  mutable std::vector<std::pair<int, int>> pattern_slots;  // scratch for match_pattern
  mutable std::vector<std::uint32_t> present_words;        // scratch for the pattern filter
  // Agents passed along an actor list: "lawmakers in Fornost and Gondor"
  // makes Gondor's lawmakers too. (NP chunk, agent entry index)
  mutable std::vector<std::pair<int, std::uint32_t>> passed_agents;
  mutable std::vector<std::pair<int, std::vector<int>>> shared_places;  // (agent NP, place NPs)

  std::string_view norm(std::size_t t) const { return token_norm(in.tokens[t], in.arena); }
  const Chunk& chunk(int k) const { return in.analysis.chunks[static_cast<std::size_t>(k)]; }
  int chunk_count() const { return static_cast<int>(in.analysis.chunks.size()); }
  void log(const std::string& line) const {
    if (trace) *trace += line + "\n";
  }

  // ---- actors

  // The actor a noun phrase names at `date`, or nothing.
  std::optional<Resolved> resolve_np(int np, const Date& date) const {
    if (np < 0 || np >= chunk_count()) return std::nullopt;
    const Chunk& c = chunk(np);
    if (c.kind != ChunkKind::kNounPhrase) return std::nullopt;
    const auto& dict = coder.dictionary_;
    std::int32_t begin = date.valid() ? date.first_day() : 0;
    std::int32_t end = date.valid() ? date.last_day() : 99999999;
    std::string main_code, possessor_code, agent_code, possessor_agent;
    bool agent_before = false;
    // Every agent of the phrase, in order (PETRARCH combines them).
    std::vector<std::pair<std::string, bool>> agents;  // code, before the country
    std::string name;
    std::string possessor_name;
    std::string entry;
    Span span{in.tokens[c.first].span.begin, in.tokens[c.last].span.end};
    const Mention* last_mention = nullptr;
    const Mention* first_mention = nullptr;
    int main_mention_end = -1;
    for (std::size_t t = c.first; t <= c.last; ++t) {
      int m = in.analysis.token_mention[t];
      if (m < 0) continue;
      const Mention& mention = in.analysis.mentions[static_cast<std::size_t>(m)];
      if (mention.first != t) continue;
      bool possessor = c.possessive >= 0 && static_cast<int>(t) < c.possessive;
      if (!first_mention) first_mention = &mention;
      last_mention = &mention;
      if (mention.kind == Mention::Kind::kActor) {
        const ActorEntry& actor = dict.actors()[mention.entry];
        if (!possessor) main_mention_end = mention.last;
        std::string code(dict.actor_code(actor, begin, end));
        if (code.empty()) continue;
        std::string& slot = possessor ? possessor_code : main_code;
        // The most specific code wins: a person's "USAGOV" over "IRQ" for
        // "Iraqi ... Kadhimi"; among equals, the later (closer to the head),
        // or with `first_actor_in_phrase` (PETRARCH) the first.
        bool equal = (code.size() > 3) == (slot.size() > 3);
        bool keep_first = coder.options_.first_actor_in_phrase && !slot.empty() && equal;
        if (!keep_first && (slot.empty() || code.size() > 3 || slot.size() <= 3)) {
          if (!(slot.size() > 3 && code.size() <= 3)) {
            slot = code;
            if (possessor) possessor_name = actor.name;
            if (!possessor || main_code.empty()) {
              name = actor.name;
              entry = dict.entry_label(actor.source, actor.line);
            }
          }
        }
      } else if (mention.kind == Mention::Kind::kAgent) {
        const AgentEntry& agent = dict.agents()[mention.entry];
        if (possessor) {
          possessor_agent = agent.code;
        } else {
          agent_code = agent.code;
          agent_before = agent.before_country;
          agents.emplace_back(agent.code, agent.before_country);
          if (main_code.empty() && name.empty()) {
            name = agent.phrase;
            entry = dict.entry_label(agent.source, agent.line);
          }
        }
      }
    }
    if (!first_mention) return std::nullopt;
    if (agent_code.empty() && possessor_code.empty() && !main_code.empty()) {
      for (const auto& [passed_np, agent] : passed_agents) {
        if (passed_np != np) continue;
        agent_code = dict.agents()[agent].code;
        agent_before = dict.agents()[agent].before_country;
        agents.assign(1, {agent_code, agent_before});
      }
    }
    // "Iran's UN mission": an actor that only modifies the head ("UN") yields
    // to a country possessor; "Russia's Gazprom" (the actor is the head) does not.
    // PETRARCH takes the first actor of the phrase, a country possessor before
    // another bare country code: "Arnor's Elrond" -> ARN (not "Russia's Putin", RUSGOV).
    if (!possessor_code.empty() && possessor_code.size() == 3 && main_mention_end >= 0 &&
        (main_mention_end < static_cast<int>(c.head) ||
         (coder.options_.first_actor_in_phrase && main_code.size() == 3))) {
      main_code.clear();
      name.clear();
    }
    std::string base = main_code.empty() ? possessor_code : main_code;
    if (main_code.empty() && !possessor_code.empty() && name.empty()) name = possessor_name;
    if (base.empty() && agent_code.empty() && !possessor_agent.empty()) {
      agent_code = possessor_agent;
      agents.assign(1, {possessor_agent, false});
    }
    const bool combine = coder.options_.combine_agents;
    Resolved r;
    if (!base.empty() && !agent_code.empty() && (base.size() == 3 || combine)) {
      r.actor.code = combine_agent_codes(base, agent_code, agent_before, agents);
    } else if (!base.empty()) {
      r.actor.code = base;
    } else if (!agent_code.empty()) {
      // "police in Baghdad", "the ambassadors of Arnor": an unnamed sector
      // takes the country of the place or body that follows it.
      for (const auto& [prep, pnp] : preps_after(np)) {
        std::string_view p = norm(chunk(prep).head);
        if (p != "IN" && p != "OF" && p != "FROM") break;
        if (auto place = resolve_np(pnp, date); place && place->has_country && !place->agent_only &&
                                                (place->actor.code.size() == 3 || combine)) {
          base = place->actor.code;
          name = place->actor.name;
          entry = place->actor.entry;
          break;
        }
        break;
      }
      if (base.empty()) {
        r.actor.code = combine_agent_codes("---", agent_code, agent_before, agents);
        r.agent_only = true;
      } else {
        r.actor.code = combine_agent_codes(base, agent_code, agent_before, agents);
      }
    } else {
      return std::nullopt;
    }
    std::string prefix = r.actor.code.substr(0, 3);
    if (coder.country_codes_.count(prefix)) {
      r.actor.country = prefix;
      r.has_country = true;
    } else if (agent_before && base.size() >= 3 && coder.country_codes_.count(base.substr(0, 3))) {
      r.actor.country = base.substr(0, 3);
      r.has_country = true;
    }
    r.actor.name = name;
    r.actor.entry = entry;
    std::uint32_t from = in.tokens[first_mention->first].span.begin;
    std::uint32_t to = in.tokens[last_mention->last].span.end;
    r.actor.span = {from, to};
    r.actor.text = std::string(in.text.substr(from, to - from));
    (void)span;
    return r;
  }

  // The code of an actor `base` with its agents. By default the last agent
  // only ("Iraqi security officials": IRQGOV); with `combine_agents`
  // (PETRARCH), every agent in order, those marked "NGO~" before the base and
  // the others after it, each once and not repeating a part of the base
  // ("an MSF Arnor diplomat": NGOARNGOV; "West German [GMWGOV] world
  // government activists": GMWGOVWGO).
  std::string combine_agent_codes(const std::string& base, const std::string& agent_code,
                                  bool agent_before,
                                  const std::vector<std::pair<std::string, bool>>& agents) const {
    if (!coder.options_.combine_agents || agents.empty()) {
      return agent_before ? agent_code + base : base + agent_code;
    }
    auto has_part = [](const std::string& code, const std::string& part) {
      for (std::size_t at = 0; at + part.size() <= code.size(); at += 3) {
        if (code.compare(at, part.size(), part) == 0) return true;
      }
      return false;
    };
    std::string before, after;
    for (const auto& [code, is_before] : agents) {
      if (has_part(base, code) || has_part(before, code) || has_part(after, code)) continue;
      (is_before ? before : after) += code;
    }
    return before + base + after;
  }

  // A verb block's or root's own code may be paired, "--- ARRIVE [032:033] ---"
  // (TABARI): the first part codes source -> target, the second the reverse.
  static void split_paired_code(std::string& code, std::string& paired_code) {
    std::size_t colon = code.find(':');
    if (colon == std::string::npos) return;
    paired_code = code.substr(colon + 1);
    code.resize(colon);
  }

  bool is_pronoun(int np) const {
    if (np < 0) return false;
    const Chunk& c = chunk(np);
    return c.first == c.last && in.tokens[c.first].tag == Tag::kPronoun;
  }

  // The subject NP, following a pronoun subject back to the clause it reports.
  int subject_np(const Clause& clause, int depth = 0) const {
    int s = clause.subject;
    if (is_pronoun(s) && clause.governor >= 0 && depth < 4) {
      std::string_view p = norm(chunk(s).first);
      if (p == "HE" || p == "SHE" || p == "IT" || p == "THEY") {
        const Clause& g = in.analysis.clauses[static_cast<std::size_t>(clause.governor)];
        return subject_np(g, depth + 1);
      }
    }
    // A bare verb group right after its governor's ("will not wire | tap",
    // "helped | build") shares that verb's subject.
    if (s < 0 && clause.governor >= 0 && depth < 4 && !clause.verb.infinitive) {
      const Clause& g = in.analysis.clauses[static_cast<std::size_t>(clause.governor)];
      if (g.verb.chunk + 1 == clause.verb.chunk) return subject_np(g, depth + 1);
    }
    return s;
  }

  // The agent entry a phrase names when it names no actor, else -1.
  int agent_only_entry(int np) const {
    int agent = -1;
    for (std::size_t t = chunk(np).first; t <= chunk(np).last; ++t) {
      int m = in.analysis.token_mention[t];
      if (m < 0) continue;
      const Mention& mention = in.analysis.mentions[static_cast<std::size_t>(m)];
      if (mention.kind != Mention::Kind::kAgent) return -1;  // the phrase names an actor itself
      agent = static_cast<int>(mention.entry);
    }
    return agent;
  }

  bool actor_only(int np) const {
    bool found = false;
    for (std::size_t t = chunk(np).first; t <= chunk(np).last; ++t) {
      int m = in.analysis.token_mention[t];
      if (m < 0) continue;
      if (in.analysis.mentions[static_cast<std::size_t>(m)].kind == Mention::Kind::kAgent)
        return false;
      found = true;
    }
    return found;
  }

  // "The ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost
  // and Gondor": a phrase of the list is an agent whose country comes from
  // its preposition; the bare actors after it in the list take the same
  // agent. Agents before it in the list ("lawmakers and officials in Fornost
  // and Gondor") belong to each of those countries too (shared_places).
  void pass_agents_along(const std::vector<std::int16_t>& list) const {
    if (list.size() < 2) return;
    std::size_t h = 0;
    int agent = -1;
    int place = -1;
    for (; h < list.size(); ++h) {
      agent = agent_only_entry(list[h]);
      if (agent < 0) return;  // an actor before the agent with a place: no sharing
      auto preps = preps_after(list[h]);
      if (preps.empty()) continue;
      // The list hangs off the agent: "ambassadors of [Arnor], Osgiliath and Gondor".
      if (h + 1 < list.size() && preps.front().second >= list[h + 1]) continue;
      std::string_view p = norm(chunk(preps.front().first).head);
      if (p != "IN" && p != "OF" && p != "FROM") return;
      place = preps.front().second;
      break;
    }
    if (place < 0) return;
    std::vector<int> places = {place};
    for (std::size_t i = h + 1; i < list.size(); ++i) {
      if (!actor_only(list[i])) continue;
      passed_agents.emplace_back(list[i], static_cast<std::uint32_t>(agent));
      places.push_back(list[i]);
    }
    for (std::size_t j = 0; j < h; ++j) shared_places.emplace_back(list[j], places);
  }

  // "Danish media and government": an actor modifying the first agent of a
  // list ("Danish" before "media") modifies the bare agents coordinated with
  // it too (DNKMED, DNKGOV). Agents with a determiner or a place of their own
  // ("the government", "officials in Gondor") keep theirs.
  void share_modifier_actor(const std::vector<std::int16_t>& list) const {
    if (list.size() < 2) return;
    const Chunk& first = chunk(list[0]);
    int actor_mention = -1;
    bool agent_after_actor = false;
    for (std::size_t t = first.first; t <= first.last; ++t) {
      int m = in.analysis.token_mention[t];
      if (m < 0) continue;
      const Mention& mention = in.analysis.mentions[static_cast<std::size_t>(m)];
      if (mention.kind == Mention::Kind::kActor) {
        if (actor_mention >= 0 && actor_mention != m) return;  // two actors: no modifier
        actor_mention = m;
      } else if (mention.kind == Mention::Kind::kAgent && actor_mention >= 0) {
        agent_after_actor = true;
      }
    }
    if (actor_mention < 0 || !agent_after_actor) return;
    for (std::size_t j = 1; j < list.size(); ++j) {
      const Chunk& c = chunk(list[j]);
      bool bare = in.tokens[c.first].tag != Tag::kDeterminer;
      if (!bare || agent_only_entry(list[j]) < 0 || !preps_after(list[j]).empty()) continue;
      shared_places.emplace_back(list[j], std::vector<int>{list[0]});
    }
  }

  // The actors a source phrase stands for: itself, or for an agent that shares
  // the places of a list ("lawmakers and officials in Fornost and Gondor"),
  // that agent in each place (FORLEG, GONLEG).
  std::vector<Resolved> source_actors(int np, const Date& date) const {
    std::vector<Resolved> out;
    auto own = resolve_np(np, date);
    if (!own) return out;
    for (const auto& [shared_np, places] : shared_places) {
      if (shared_np != np || !own->agent_only || !own->actor.code.starts_with("---")) continue;
      for (int q : places) {
        auto place = resolve_np(q, date);
        if (!place || !place->has_country || place->actor.country.size() != 3) continue;
        Resolved r = *place;
        r.actor.code = place->actor.country + own->actor.code.substr(3);
        r.agent_only = false;
        out.push_back(std::move(r));
      }
    }
    if (out.empty()) out.push_back(std::move(*own));
    return out;
  }

  // ---- dates

  Date date_in_range(std::size_t first, std::size_t last, std::size_t anchor, bool future,
                     std::string& date_text) const {
    const TimeExpression* best = nullptr;
    std::size_t best_distance = 0;
    for (const auto& e : in.times) {
      if (e.first < first || e.last > last) continue;
      std::size_t distance = e.first > anchor ? e.first - anchor : anchor - e.last;
      if (!best || distance < best_distance) {
        best = &e;
        best_distance = distance;
      }
    }
    if (!best) return {};
    Date d = resolve_time_expression(*best, state.previous_event_date, future);
    if (d.valid()) {
      date_text = std::string(
          in.text.substr(in.tokens[best->first].span.begin,
                         in.tokens[best->last].span.end - in.tokens[best->first].span.begin));
    }
    return d;
  }

  Date clause_date(const Clause& clause, bool future, std::string& date_text) const {
    const Clause* c = &clause;
    for (int depth = 0; depth < 4 && c; ++depth) {
      Date d = date_in_range(c->first_token, c->last_token, c->verb.verb, future, date_text);
      if (d.valid()) return d;
      int next = c->governor >= 0 ? c->governor : c->shares_subject_with;
      c = next >= 0 ? &in.analysis.clauses[static_cast<std::size_t>(next)] : nullptr;
    }
    return {};
  }

  // ---- places

  // `after_place_head`: the phrase follows "city of", "department of" ...
  std::optional<Location> place_of_np(int np, bool after_place_head = false) const {
    if (np < 0) return std::nullopt;
    const Chunk& c = chunk(np);
    // "the southern Iraqi city of Basra": the name follows "city of".
    std::string_view head = norm(c.head);
    if (contains_word(head, kPlaceHeads) && np + 2 < chunk_count() &&
        chunk(np + 1).kind == ChunkKind::kPreposition && norm(chunk(np + 1).head) == "OF") {
      return place_of_np(np + 2, true);
    }
    std::size_t first = c.first;
    while (first <= c.last && in.tokens[first].tag != Tag::kProperNoun) ++first;
    std::size_t last = first;
    if (first <= c.last) {
      while (last + 1 <= c.last && in.tokens[last + 1].tag == Tag::kProperNoun) ++last;
    } else if (after_place_head) {
      // "THE DEPARTMENT OF CABANAS": in upper-case text a name after "department
      // of" can look like a common noun; the noun phrase is the name.
      first = c.first;
      while (first <= c.last && in.tokens[first].tag != Tag::kNoun) ++first;
      if (first > c.last) return std::nullopt;
      last = c.last;
    } else {
      return std::nullopt;
    }
    // "San Miguel Department": the administrative noun is not part of the name.
    while (last > first && contains_word(norm(last), kPlaceHeads)) --last;
    // An actor that is not a place ("U.S. Embassy") is not a location.
    int m = in.analysis.token_mention[first];
    if (m >= 0 && in.analysis.mentions[static_cast<std::size_t>(m)].kind == Mention::Kind::kAgent) {
      return std::nullopt;
    }
    Location location;
    location.name = std::string(in.text.substr(
        in.tokens[first].span.begin, in.tokens[last].span.end - in.tokens[first].span.begin));
    if (auto r = resolve_np(np, {}); r && r->has_country) {
      if (r->actor.code.size() != 3) return std::nullopt;  // "U.S. officials" is not a place
      location.country = r->actor.country;
      // "Iraqi military bases": a country adjective before a common noun names
      // the country, not a place called "Iraqi".
      bool modifier = last < c.last && in.tokens[last + 1].tag == Tag::kNoun;
      if (modifier && !r->actor.name.empty()) {
        location.name.clear();
        bool word_start = true;
        for (char ch : r->actor.name) {
          location.name.push_back(
              word_start ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
          word_start = ch == ' ' || ch == '-';
        }
      }
    }
    return location;
  }

  std::optional<Location> locative(
      const std::vector<std::pair<std::int16_t, std::int16_t>>& preps) const {
    for (const auto& [prep, np] : preps) {
      if (!contains_word(norm(chunk(prep).head), kLocativePreps)) continue;
      if (auto place = place_of_np(np)) return place;
    }
    return std::nullopt;
  }

  // PPs directly attached to a noun phrase (the chunks right after it).
  std::vector<std::pair<std::int16_t, std::int16_t>> preps_after(int np) const {
    std::vector<std::pair<std::int16_t, std::int16_t>> out;
    int k = np + 1;
    while (k < chunk_count() && chunk(k).kind == ChunkKind::kTime) ++k;
    while (k + 1 < chunk_count() && chunk(k).kind == ChunkKind::kPreposition) {
      int n = k + 1;
      while (n < chunk_count() && chunk(n).kind == ChunkKind::kTime) ++n;
      if (n >= chunk_count() || chunk(n).kind != ChunkKind::kNounPhrase) break;
      out.emplace_back(static_cast<std::int16_t>(k), static_cast<std::int16_t>(n));
      k = n + 1;
    }
    return out;
  }

  // ---- actor places and the dateline

  // The place the text gives for the actor of noun phrase `np`: a locative
  // right after it ("protesters in Basra", "Iraqi officials in Baghdad"), or
  // the town or region an office or group belongs to ("the governor of Anbar",
  // "residents of Falluja", "farmers from Salgar"). A country after "of" or
  // "from" is not a place ("the ambassador of France" is not in France).
  std::optional<Location> actor_place(int np) const {
    if (np < 0) return std::nullopt;
    auto preps = preps_after(np);
    if (preps.empty()) return std::nullopt;
    auto [prep, pnp] = preps.front();
    std::string_view p = norm(chunk(prep).head);
    bool locative_prep = contains_word(p, kLocativePreps);
    if (!locative_prep && p != "OF" && p != "FROM") return std::nullopt;
    auto place = place_of_np(pnp);
    if (!place) return std::nullopt;
    if (!locative_prep) {
      const Place* known = coder.gazetteer_ ? coder.gazetteer_->resolve(place->name, {}) : nullptr;
      if (!known || known->kind == PlaceKind::kCountry) return std::nullopt;
    }
    return place;
  }

  // The story's dateline place, resolved with the story's countries as context.
  const Place* dateline_place() const {
    if (state.dateline.empty() || !coder.gazetteer_) return nullptr;
    std::vector<std::string> context;
    for (const auto& country : state.countries) context.push_back(iso_country(country));
    return coder.gazetteer_->resolve(state.dateline, context);
  }

  // "Else the dateline when the actor is there": an event whose clause names
  // no place happened at the dateline when its source is plausibly there: the
  // source is of the dateline's country, or it is an unnamed group ("police",
  // "rebels") in a story that has named no other country, and the text does
  // not put it somewhere else. Acts well before the story date (`historical`)
  // are not placed at the dateline.
  void locate_at_dateline(Event& e) const {
    if (e.location || e.historical) return;
    const Place* place = dateline_place();
    if (!place) return;
    bool there = false;
    if (e.source.location && place_key(e.source.location->name) != place_key(state.dateline)) {
      there = false;  // the text puts the source elsewhere ("the governor of Anbar")
    } else if (!e.source.country.empty()) {
      there = iso_country(e.source.country) == place->country;
    } else if (e.source.code.starts_with("---")) {
      there = std::all_of(state.countries.begin(), state.countries.end(),
                          [&](const std::string& c) { return iso_country(c) == place->country; });
    }
    if (!there) {
      log("  dateline " + state.dateline + " (" + std::string(place->country) + "): source " +
          e.source.code + " not there, no location");
      return;
    }
    Location location;
    location.name = state.dateline;
    location.country = place->country;
    if (std::isfinite(place->lat) && std::isfinite(place->lon)) {  // subdivisions have none
      location.lat = place->lat;
      location.lon = place->lon;
    }
    location.admin1 = place->admin1;
    location.geonames_id = place->geonames_id;
    e.location = std::move(location);
    e.evidence.rules.emplace_back("location from the dateline");
  }

  // ---- patterns

  // The words in sequence from token `t` on.
  bool sequence_at(std::size_t t, const std::vector<std::uint32_t>& words) const {
    if (t + words.size() > in.tokens.size()) return false;
    for (std::size_t w = 0; w < words.size(); ++w) {
      const Token& token = in.tokens[t + w];
      if (!word_matches(token, words[w])) return false;
    }
    return true;
  }

  // A pattern word matches the word as written, or its lemma unless the
  // pattern words are taken as written (PETRARCH-2: "EFFORT" is not "efforts").
  bool word_matches(const Token& token, std::uint32_t word) const {
    return token.norm == word || (!coder.options_.pattern_words_as_written && token.lemma == word);
  }

  // A word sequence starting inside the chunk; it may run on past the chunk:
  // "MEMOS_ON_&TIETYPES" in "memos on economic issues", "FOR_ASYLUM".
  bool np_contains(int np, const std::vector<std::uint32_t>& words) const {
    if (np < 0 || words.empty()) return false;
    const Chunk& c = chunk(np);
    for (std::size_t t = c.first; t <= c.last; ++t) {
      if (sequence_at(t, words)) return true;
    }
    return false;
  }

  // True when one of the element's word sequences ends the phrase: "TABASKI" in
  // "[Tabaski]", not "THEIR" in "[their populations]".
  bool np_ends_with(int np, const PatternElement& e) const {
    if (np < 0) return false;
    const Chunk& c = chunk(np);
    const std::size_t first = c.first;
    const std::size_t past = std::size_t{c.last} + 1;
    for (const auto& alt : e.alternatives) {
      if (!alt.empty() && past >= first + alt.size() && sequence_at(past - alt.size(), alt)) {
        return true;
      }
    }
    return false;
  }

  // An element joined to the verb by "_": before, its words end right before
  // the verb ("RECENTLY_*"); after, they begin right after it ("*_OFF").
  bool adjacent_to_verb(const Clause& clause, const PatternElement& e, bool before) const {
    std::size_t verb = clause.verb.verb;
    for (const auto& alt : e.alternatives) {
      if (before ? verb >= alt.size() && sequence_at(verb - alt.size(), alt)
                 : sequence_at(verb + 1, alt)) {
        return true;
      }
    }
    return false;
  }

  bool words_before_verb(const Clause& clause, const PatternElement& e) const {
    std::size_t first = clause.first_token;
    if (clause.governor >= 0) {
      const Clause& g = in.analysis.clauses[static_cast<std::size_t>(clause.governor)];
      first = std::min<std::size_t>(first, g.first_token);
    }
    for (const auto& alt : e.alternatives) {
      for (std::size_t t = first; t + alt.size() <= clause.verb.verb; ++t) {
        bool ok = true;
        for (std::size_t w = 0; w < alt.size() && ok; ++w) {
          ok = word_matches(in.tokens[t + w], alt[w]);
        }
        if (ok) return true;
      }
    }
    return false;
  }

  // Words after the verb inside its own group: a particle the tagger kept
  // with the verb ("clashed over" in "clashed over the efforts").
  bool verb_group_matches(const Clause& clause, const PatternElement& e) const {
    std::size_t last = chunk(clause.verb.chunk).last;
    for (const auto& alt : e.alternatives) {
      for (std::size_t t = clause.verb.verb + 1; t + alt.size() <= last + 1; ++t) {
        bool ok = true;
        for (std::size_t w = 0; w < alt.size() && ok; ++w) {
          ok = word_matches(in.tokens[t + w], alt[w]);
        }
        if (ok) return true;
      }
    }
    return false;
  }

  // Words in the adverbs right after the verb group: "act now with Libya"
  // for "WOULD * NOW".
  bool adverbs_after_verb_match(const Clause& clause, const PatternElement& e) const {
    for (int k = clause.verb.chunk + 1; k < chunk_count() && chunk(k).kind == ChunkKind::kOther;
         ++k) {
      if (chunk_matches(k, e)) return true;
    }
    return false;
  }

  bool chunk_matches(int k, const PatternElement& e) const {
    for (const auto& alt : e.alternatives) {
      if (np_contains(k, alt)) return true;
    }
    return false;
  }

  bool np_matches(int np, const PatternElement& e) const {
    for (const auto& alt : e.alternatives) {
      if (np_contains(np, alt)) return true;
    }
    return false;
  }

  struct PatternMatch {
    int target = -1;
    int source = -1;
    bool subject_is_target = false;  // "+" before the verb
  };

  // Slots after the verb: the object, then each prepositional phrase.
  // True when the noun phrase contains an actor or agent mention (cheap: no
  // code is composed; resolve_np does that when an event is built).
  bool np_has_actor(int np) const {
    if (np < 0 || np >= chunk_count() || chunk(np).kind != ChunkKind::kNounPhrase) return false;
    for (std::size_t t = chunk(np).first; t <= chunk(np).last; ++t) {
      if (in.analysis.token_mention[t] >= 0) return true;
    }
    return false;
  }

  // TABARI reads a pattern's words over the rest of the sentence: the phrases
  // of a finite clause this one governs ("allowed that Mordor isn't the
  // neatest place": * THE_NEATEST_PLACE) come after the clause's own slots.
  void add_complement_clause_slots(std::size_t clause_index,
                                   std::vector<std::pair<int, int>>& slots) const {
    for (const auto& other : in.analysis.clauses) {
      if (other.governor < 0 || static_cast<std::size_t>(other.governor) != clause_index) continue;
      // Reported speech is coded on its own ("Iraq said Iran held talks"):
      // the reporting verb's patterns do not reach into it.
      if (other.verb.infinitive || other.modifier || other.reporter >= 0) continue;
      if (other.subject >= 0) slots.emplace_back(-1, other.subject);
      if (other.object >= 0) slots.emplace_back(-1, other.object);
      for (const auto& p : other.preps) slots.emplace_back(p.first, p.second);
    }
  }

  // A compound actor ("%"): two or more phrases naming actors among the
  // clause's subjects, or its objects, or the objects of one preposition.
  bool compound_actor(const Clause& clause, bool subject) const {
    auto actors_in = [&](const std::vector<std::int16_t>& nps) {
      int n = 0;
      for (std::int16_t np : nps) n += np_has_actor(np) ? 1 : 0;
      return n;
    };
    if (subject) return actors_in(clause.subjects) >= 2;
    if (actors_in(clause.objects) >= 2) return true;
    for (std::size_t i = 0; i < clause.preps.size(); ++i) {
      int n = 0;
      for (std::size_t j = i; j < clause.preps.size(); ++j) {
        if (clause.preps[j].first == clause.preps[i].first && np_has_actor(clause.preps[j].second))
          ++n;
      }
      if (n >= 2) return true;
    }
    return false;
  }

  // `slots`: the object (preposition -1), then each prepositional phrase.
  bool match_pattern(const VerbPattern& pattern, const Clause& clause,
                     const std::vector<std::pair<int, int>>& slots, PatternMatch& out) const {
    if (pattern.compound_subject && !compound_actor(clause, true)) return false;
    if (pattern.compound_object && !compound_actor(clause, false)) return false;
    std::size_t cursor = 0;
    // The phrase the last words element ended, which a "^" after it does not take.
    std::size_t words_ended = slots.size();
    for (const auto& e : pattern.after) {
      bool found = false;
      if (e.adjacent) {  // "*_OFF"
        if (!adjacent_to_verb(clause, e, false)) return false;
        continue;
      }
      // Before any phrase is consumed, words may be the verb group's particles
      // or the adverbs right after it.
      if (cursor == 0 && e.kind == PatternElement::Kind::kWords &&
          (verb_group_matches(clause, e) || adverbs_after_verb_match(clause, e))) {
        continue;
      }
      for (std::size_t s = cursor; s < slots.size() && !found; ++s) {
        auto [prep, np] = slots[s];
        if (np < 0) continue;
        switch (e.kind) {
          case PatternElement::Kind::kWords:
            // Pattern words may be the phrase's preposition too: "* &PREPOSIT1
            // RESOLUTION" with a synset of prepositions matches "on a resolution".
            if (np_matches(np, e) || (prep >= 0 && chunk_matches(prep, e))) {
              found = true;
              cursor = s;  // several words may sit in one phrase
              words_ended = np_ends_with(np, e) ? s : slots.size();
            }
            break;
          case PatternElement::Kind::kPrep: {
            bool prep_ok = false;
            if (prep >= 0) {
              const Chunk& pc = chunk(prep);
              prep_ok = in.tokens[pc.head].norm == e.preposition ||
                        in.tokens[pc.first].norm == e.preposition;
            } else if (s == 0) {
              // The object after a particle the verb group kept: "clashed over the efforts".
              std::size_t last = chunk(clause.verb.chunk).last;
              prep_ok = last > clause.verb.verb && in.tokens[last].norm == e.preposition;
            }
            if (!prep_ok) break;
            if (!e.alternatives.empty() && !np_matches(np, e)) break;
            if (e.prep_target) {
              if (!np_has_actor(np)) break;
              out.target = np;
            }
            if (e.prep_source) {
              if (!np_has_actor(np)) break;
              out.source = np;
            }
            if (e.prep_skip && !np_has_actor(np)) break;
            found = true;
            cursor = s + 1;
            break;
          }
          case PatternElement::Kind::kTarget:
            if (np_has_actor(np)) {
              out.target = np;
              found = true;
              cursor = s + 1;
            }
            break;
          case PatternElement::Kind::kSource:
            if (np_has_actor(np)) {
              out.source = np;
              found = true;
              cursor = s + 1;
            }
            break;
          case PatternElement::Kind::kSkip:
            // "^": the next noun phrase is passed over, coded or not (TABARI's
            // "skip a phrase": "* THEIR ^ ABOUT +" for "their populations about"),
            // after the phrase that pattern words ended ("TABASKI ^ $").
            if (s == words_ended) break;
            found = true;
            cursor = s + 1;
            break;
        }
      }
      if (!found) return false;
    }
    for (const auto& e : pattern.before) {
      // "+" before the verb: the subject is the target; "$", "^": the subject as usual.
      if (e.kind == PatternElement::Kind::kTarget) out.subject_is_target = true;
      if (e.kind == PatternElement::Kind::kPrep) {
        // "$ (IN) ^ *": the preposition must be there too.
        PatternElement preposition;
        preposition.alternatives.push_back({e.preposition});
        if (!words_before_verb(clause, preposition)) return false;
        continue;
      }
      if (e.kind != PatternElement::Kind::kWords) continue;
      if (e.adjacent) {
        if (!adjacent_to_verb(clause, e, true)) return false;
        continue;
      }
      bool found = false;
      for (std::int16_t s : clause.subjects) found = found || np_matches(s, e);
      // Or words of the verb group and of the clause that governs this one:
      // "INDICATED WOULD * NOW" for "indicated it would act now".
      if (!found) found = words_before_verb(clause, e);
      if (!found) return false;
    }
    return true;
  }

  // ---- events

  std::string chunk_text(int k) const {
    const Chunk& c = chunk(k);
    return std::string(in.text.substr(in.tokens[c.first].span.begin,
                                      in.tokens[c.last].span.end - in.tokens[c.first].span.begin));
  }

  // Fills codebook fields; false when the code is unknown.
  bool fill_code(Event& event, const std::string& code) const {
    const CameoCode* entry = coder.codebook_.find(code);
    if (!entry) {
      // Third-party dictionaries use codes outside our codebook; keep the code
      // and its root, with no quad class or Goldstein value (dict lint flags these).
      bool digits = code.size() >= 2 && std::all_of(code.begin(), code.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) return false;
      event.cameo = code;
      event.root = code.substr(0, 2);
      event.evidence.rules.emplace_back("code not in the codebook");
      return true;
    }
    event.cameo = code;
    event.root = entry->root;
    event.quad_class = entry->quad_class;
    event.goldstein = entry->goldstein;
    event.plover_type = entry->plover_type;
    event.plover_mode = entry->plover_mode;
    return true;
  }

  void emit(std::vector<Event>& out, Event event, const Date& date, const std::string& date_text,
            const std::vector<int>& sources, int target_np,
            std::optional<Resolved> target_actor) const {
    Date story = in.story_date;
    Date event_date = date.valid() ? date : story;
    event.date = event_date.valid() ? event_date.to_string() : "";
    event.date_source = date.valid() ? "text" : story.valid() ? "story" : "none";
    event.date_text = date_text;
    if (date.valid() && story.valid()) {
      Date cutoff = add_days(story, -31);
      event.historical = date.last_day() < cutoff.first_day();
    }
    std::optional<Resolved> target = target_actor;
    if (!target && target_np >= 0) target = resolve_np(target_np, event_date);
    // An act without a target ("protesters rallied", "Iran denied it") is kept
    // when its source is a named country or body; a bare statement (010) is not
    // an event without someone it is addressed to.
    bool targetless = !target && event.cameo != "010";
    if (!target && !targetless) {
      log("  no target: no event");
      return;
    }
    for (int s : sources) {
      auto actors = source_actors(s, event_date);
      if (actors.empty()) {
        log("  no actor in the source phrase: no event");
        continue;
      }
      for (const auto& one : actors) emit_one(out, event, s, one, target_np, target, event_date);
    }
  }

  void emit_one(std::vector<Event>& out, const Event& event, int s, const Resolved& resolved,
                int target_np, const std::optional<Resolved>& target,
                const Date& event_date) const {
    {
      const Resolved* source = &resolved;
      if (!target && (source->agent_only || !source->has_country)) {
        log("  no target and no named source: no event");
        return;
      }
      // An actor acting on itself ("a State Department spokesperson declined to
      // comment on Pompeo's ...", both USAGOV) is not an event between actors.
      if (target && source->actor.code == target->actor.code) {
        log("  source and target are the same actor: no event");
        return;
      }
      Event e = event;
      e.source = source->actor;
      e.source.location = actor_place(s);
      if (target) {
        e.target = target->actor;
        e.target->location = actor_place(target_np);
      }
      e.sentence_index = in.sentence_index;
      e.sentence = std::string(in.sentence_span.in(in.text));
      e.sentence_span = in.sentence_span;
      bool duplicate = false;
      for (const auto& other : out) {
        if (other.sentence_index == e.sentence_index && other.cameo == e.cameo &&
            other.source.code == e.source.code &&
            other.target.has_value() == e.target.has_value() &&
            (!e.target || other.target->code == e.target->code)) {
          duplicate = true;
        }
      }
      if (duplicate) return;
      geocode(e);
      locate_at_dateline(e);
      log("  EVENT " + e.source.code + " -> " + (e.target ? e.target->code : "(none)") + " " +
          e.cameo + " (" + e.evidence.pattern + ")");
      out.push_back(std::move(e));
      state.previous_event_date = event_date;
    }
  }

  // Coordinates and the canonical place from the gazetteer, chosen with the
  // story's countries as context ("Tripoli" in a story about Lebanon).
  void geocode(Event& e) const {
    for (const Actor* actor : {&e.source, e.target ? &*e.target : nullptr}) {
      if (actor && !actor->country.empty() &&
          std::find(state.countries.begin(), state.countries.end(), actor->country) ==
              state.countries.end()) {
        state.countries.push_back(actor->country);
      }
    }
    if (!coder.gazetteer_) return;
    for (std::optional<Location>* location :
         {&e.location, &e.source.location, e.target ? &e.target->location : nullptr}) {
      if (location && *location) geocode_location(**location);
    }
  }

  // CAMEO writes Kosovo KSV; ISO 3166 (and the gazetteer) XKX.
  static std::string iso_country(const std::string& code) {
    return code == "KSV" ? std::string("XKX") : code;
  }

  // The context a toponym is resolved in: the country it was named with, the
  // story's countries, and the dateline's.
  void geocode_location(Location& location) const {
    std::vector<std::string> context;
    if (!location.country.empty()) context.push_back(iso_country(location.country));
    for (const auto& country : state.countries) context.push_back(iso_country(country));
    if (const Place* dateline = dateline_place()) context.emplace_back(dateline->country);
    const Place* place = coder.gazetteer_->resolve(location.name, context);
    if (!place) return;
    // A place named with its country ("in Iraq's Basra") must stay in it.
    if (!location.country.empty() && place->country != iso_country(location.country)) return;
    location.country = place->country;
    if (std::isfinite(place->lat) && std::isfinite(place->lon)) {  // subdivisions have none
      location.lat = place->lat;
      location.lon = place->lon;
    }
    location.admin1 = place->admin1;
    location.geonames_id = place->geonames_id;
  }

  // The target's actor; a place named by its country adjective ("the southern
  // Iraqi city of Basra") stands for that country, not for a sector of it.
  std::optional<Resolved> target_actor_for(int np, const Date& when) const {
    auto actor = resolve_np(np, when);
    if (actor && actor->actor.code.size() > 3 && actor->has_country) {
      if (auto place = place_of_np(np); place && !place->country.empty()) {
        actor->actor.code = place->country;
      }
    }
    return actor;
  }

  // A target when no pattern named one.
  int default_target(const Clause& clause, int source_np, std::string_view code_root,
                     std::string& rule) const {
    auto usable = [&](int np) {
      auto r = resolve_np(np, {});
      return r && !r->agent_only;
    };
    int object = clause.verb.passive ? clause.subject : clause.object;
    if (object >= 0 && usable(object)) {
      rule = "object";
      return object;
    }

    // "launched missiles targeting US troops": the participle after the object names the target.
    if (object >= 0) {
      for (const auto& other : in.analysis.clauses) {
        if (other.modifier && other.subject == object && other.object >= 0 &&
            usable(other.object)) {
          rule = "target of the participle after the object";
          return other.object;
        }
        // "the links leading into Mordor": or its prepositional target.
        if (other.modifier && other.subject == object && other.object < 0) {
          for (const auto& [prep, np] : other.preps) {
            if (contains_word(norm(chunk(prep).head), kTargetPreps) && usable(np)) {
              rule = "prepositional target of the participle after the object";
              return np;
            }
          }
        }
      }
    }
    // "praised the work of X": an actor-less object delegates to its "of" phrase.
    if (object >= 0 && !resolve_np(object, {})) {
      for (const auto& [prep, np] : clause.preps) {
        if (chunk(prep).first == chunk(object).last + 1 && norm(chunk(prep).head) == "OF" &&
            usable(np)) {
          rule = "object of";
          return np;
        }
      }
    }
    for (const auto& [prep, np] : clause.preps) {
      std::string_view p = norm(chunk(prep).head);
      if (contains_word(p, kTargetPreps) && np != source_np && usable(np)) {
        // PETRARCH: an actor nearer the verb, whatever its preposition, comes
        // first ("left for Minas Tirith ... for meetings with Arnor").
        if (coder.options_.first_actor_target) {
          for (int k = clause.verb.chunk + 1; k < np; ++k) {
            if (k != source_np && chunk(k).kind == ChunkKind::kNounPhrase && usable(k)) {
              rule = "first actor after the verb (PETRARCH convention)";
              return k;
            }
          }
        }
        rule = "prepositional target";
        return np;
      }
    }
    // Withdrawals and deployments act on the place: "reduce its troop presence
    // in Iraq", "moved soldiers into Iraq", "pulled troops out of Iraq".
    if (code_root == "08" || code_root == "15" || code_root == "03") {
      auto source = resolve_np(source_np, {});
      for (const auto& [prep, np] : clause.preps) {
        std::string_view p = norm(chunk(prep).head);
        if (p != "IN" && p != "FROM" && p != "OF") continue;
        auto r = resolve_np(np, {});
        if (r && r->has_country && (!source || r->actor.country != source->actor.country)) {
          rule = "place of a withdrawal or deployment";
          return np;
        }
      }
    }
    // "demanded that the Iraqi government act": the complement's subject is
    // the one asked (appeals and demands only; "hoped Iraq would" is not).
    std::string_view root = code_root;
    if (root == "02" || root == "10") {
      for (const auto& other : in.analysis.clauses) {
        if (other.governor >= 0 &&
            &in.analysis.clauses[static_cast<std::size_t>(other.governor)] == &clause &&
            other.subject >= 0 && !other.subject_inherited && usable(other.subject)) {
          rule = "complement subject";
          return other.subject;
        }
      }
    }
    int first =
        coder.options_.first_actor_target ? first_actor_after_verb(clause, source_np, rule) : -1;
    // "Russian police arrested students": with no actor to take, PETRARCH codes
    // an object that names only an agent as a target without a country (---EDU).
    if (first < 0 && object >= 0 && coder.options_.agent_object_target) {
      if (auto r = resolve_np(object, {}); r && r->agent_only) {
        rule = "agent object (PETRARCH convention)";
        return object;
      }
    }
    return first;
  }

  // TABARI's and PETRARCH's fallback: the first actor after the verb in the
  // clause or in a clause it governs, whatever phrase holds it ("criticized
  // the closure of guest houses in Bree" -> Bree; "allowed that Mordor isn't
  // a pleasant place" -> Mordor).
  int first_actor_after_verb(const Clause& clause, int source_np, std::string& rule) const {
    std::size_t last = clause.last_token;
    for (const auto& other : in.analysis.clauses) {
      if (other.governor >= 0 &&
          &in.analysis.clauses[static_cast<std::size_t>(other.governor)] == &clause) {
        last = std::max<std::size_t>(last, other.last_token);
      }
    }
    for (int k = clause.verb.chunk + 1; k < chunk_count() && chunk(k).first <= last; ++k) {
      if (k == source_np || chunk(k).kind != ChunkKind::kNounPhrase) continue;
      if (auto r = resolve_np(k, {}); r && !r->agent_only) {
        rule = "first actor after the verb (PETRARCH convention)";
        return k;
      }
    }
    if (coder.options_.target_across_commas)
      return first_actor_across_commas(last, source_np, rule);
    return -1;
  }

  // TABARI reads past the clause to the first actor of the sentence, except
  // in comma-delimited clauses it eliminates: an internal one of 2 to 8 words
  // and a terminal one (after the last comma) of 2 to 8 words (TABARI's and
  // PETRARCH's defaults, comma_min/max and comma_emin/emax).
  int first_actor_across_commas(std::size_t last, int source_np, std::string& rule) const {
    const std::size_t n = in.tokens.size();
    std::vector<std::size_t> commas;
    for (std::size_t t = 0; t < n; ++t) {
      if (in.tokens[t].tag == Tag::kPunct && norm(t) == ",") commas.push_back(t);
    }
    if (commas.empty()) return -1;
    std::size_t end = n;
    while (end > 0 && in.tokens[end - 1].tag == Tag::kPunct) --end;
    auto words = [&](std::size_t from, std::size_t to) {  // [from, to)
      std::size_t w = 0;
      for (std::size_t t = from; t < to && t < n; ++t) w += in.tokens[t].tag != Tag::kPunct;
      return w;
    };
    std::vector<bool> eliminated(n, false);
    for (std::size_t c = 0; c < commas.size(); ++c) {
      std::size_t from = commas[c] + 1;
      std::size_t to = c + 1 < commas.size() ? commas[c + 1] : end;
      std::size_t w = words(from, to);
      if (w >= 2 && w <= 8) {
        for (std::size_t t = from; t < to; ++t) eliminated[t] = true;
      }
    }
    for (int k = 0; k < chunk_count(); ++k) {
      const Chunk& c = chunk(k);
      if (c.first <= last || k == source_np || c.kind != ChunkKind::kNounPhrase) continue;
      if (eliminated[c.first]) continue;
      if (auto r = resolve_np(k, {}); r && !r->agent_only) {
        rule = "first actor after the verb, past a comma (TABARI convention)";
        return k;
      }
    }
    return -1;
  }

  // When the target is the source's own country ("closed the U.S. consulate in
  // Basra"), the affected party is named by a locative or directional phrase.
  int other_party(const Clause& clause, const Resolved& source, int current) const {
    for (const auto& [prep, np] : clause.preps) {
      if (np == current) continue;
      auto r = resolve_np(np, {});
      if (r && r->has_country && r->actor.country != source.actor.country) return np;
      if (auto place = place_of_np(np);
          place && !place->country.empty() && place->country != source.actor.country) {
        // "in the southern Iraqi city of Basra": the adjective names the country.
        return np;
      }
    }
    return -1;
  }

  void code_clause(const Clause& clause, std::size_t clause_index, std::vector<Event>& out) const {
    const auto& dict = coder.dictionary_;
    const Token& verb = in.tokens[clause.verb.verb];
    std::string_view lemma = coder.vocab_.text(verb.lemma);
    log("clause " + std::to_string(clause_index) + ": verb " + std::string(lemma) +
        (clause.verb.passive ? " passive" : "") + (clause.verb.negated ? " negated" : "") +
        (clause.verb.future ? " future" : "") + (clause.verb.conditional ? " modal" : "") +
        (clause.hypothetical ? " hypothetical" : "") + (clause.denied ? " denied" : "") +
        (clause.subject >= 0 ? " subject=[" + chunk_text(clause.subject) + "]" : "") +
        (clause.object >= 0 ? " object=[" + chunk_text(clause.object) + "]" : "") +
        (clause.governor >= 0 ? " governor=" + std::to_string(clause.governor) : "") +
        (clause.reporter >= 0 ? " reported_by=[" + chunk_text(clause.reporter) + "]" : ""));
    if (clause.verb.copula) return;
    passed_agents.clear();
    shared_places.clear();
    pass_agents_along(clause.subjects);
    pass_agents_along(clause.objects);
    share_modifier_actor(clause.subjects);
    share_modifier_actor(clause.objects);
    if (clause.modifier) {
      log("  participle modifying a noun: no event");
      return;
    }
    // An entry written as an inflected form ("--- LEFT [032:033] ---" beside
    // "--- LEAVE [012] ---", as in PETRARCH) is keyed by that form and matches
    // it before the lemma's entries.
    static const std::vector<std::uint32_t> kNoEntries;
    const auto& surface_entries =
        verb.norm != verb.lemma ? dict.verbs_for_lemma(verb.norm) : kNoEntries;
    const auto& entries =
        !surface_entries.empty() ? surface_entries
        : coder.options_.regular_verb_endings && !regular_es_form(verb.span.in(in.text), lemma)
            ? kNoEntries
            : dict.verbs_for_lemma(verb.lemma);
    // Phrasal verbs first: the entry whose particles all appear.
    std::vector<std::uint32_t> particle_ids;
    for (std::size_t t = clause.verb.verb + 1; t <= chunk(clause.verb.chunk).last; ++t) {
      particle_ids.push_back(in.tokens[t].norm);
    }
    int after_object = clause.object >= 0 ? clause.object + 1 : clause.verb.chunk + 1;
    if (after_object < chunk_count())
      particle_ids.push_back(in.tokens[chunk(after_object).first].norm);
    const VerbEntry* chosen = nullptr;
    for (std::uint32_t index : entries) {
      const VerbEntry& entry = dict.verbs()[index];
      bool ok = true;
      for (std::uint32_t particle : entry.particles) {
        ok = ok &&
             std::find(particle_ids.begin(), particle_ids.end(), particle) != particle_ids.end();
      }
      for (std::size_t p = 0; p < entry.preceding.size() && ok; ++p) {
        std::size_t at = clause.verb.verb - entry.preceding.size() + p;
        ok = clause.verb.verb >= entry.preceding.size() && in.tokens[at].norm == entry.preceding[p];
      }
      if (ok && (!chosen || entry.particles.size() + entry.preceding.size() >
                                chosen->particles.size() + chosen->preceding.size())) {
        chosen = &entry;
      }
    }
    std::string code;
    std::string paired_code;
    std::string pattern_text = "(verb default)";
    std::string pattern_entry;
    PatternMatch match;
    bool pattern_names_negation = false;  // "&NEGATVAUXVRB *": the negated act has its own code
    bool pattern_names_context = false;   // words before "*": "+ HOSTING * TABASKI"
    std::vector<std::string> rules;
    if (chosen) {
      const VerbBlock& block = dict.verb_blocks()[chosen->block];
      pattern_entry = dict.entry_label(chosen->source, chosen->line);
      code = chosen->code.empty() ? block.code : chosen->code;
      split_paired_code(code, paired_code);
      std::vector<std::pair<int, int>>& slots = pattern_slots;
      slots.clear();
      slots.emplace_back(-1, clause.verb.passive ? clause.subject : clause.object);
      for (const auto& p : clause.preps) slots.emplace_back(p.first, p.second);
      // An infinitive complement is matched like an object: "declined (to) COMMENT".
      const Clause* complement = nullptr;
      for (const auto& other : in.analysis.clauses) {
        if (other.verb.infinitive && other.governor >= 0 &&
            &in.analysis.clauses[static_cast<std::size_t>(other.governor)] == &clause) {
          complement = &other;
          break;
        }
      }
      // Only without an object: in "urged Russia to return", RETURN is not urged's object.
      if (complement && clause.object >= 0) complement = nullptr;
      if (complement) slots.emplace_back(-1, complement->verb.chunk);
      // ...and so is its object: "vowed to wage WAR" matches VOW's "- * WAR".
      if (complement && complement->object >= 0) slots.emplace_back(-1, complement->object);
      const std::size_t own_slots = slots.size();
      add_complement_clause_slots(clause_index, slots);
      // Words present after the verb, for the patterns' quick filter.
      std::vector<std::uint32_t>& present = present_words;
      present.clear();
      auto add_range = [&](std::size_t first, std::size_t last) {
        for (std::size_t t = first; t <= last && t < in.tokens.size(); ++t) {
          present.push_back(in.tokens[t].norm);
          present.push_back(in.tokens[t].lemma);
        }
      };
      add_range(clause.verb.verb + 1, clause.last_token);
      for (std::size_t k = own_slots; k < slots.size(); ++k) {
        if (slots[k].first >= 0) add_range(chunk(slots[k].first).first, chunk(slots[k].first).last);
        add_range(chunk(slots[k].second).first, chunk(slots[k].second).last);
      }
      if (complement)
        add_range(chunk(complement->verb.chunk).first, chunk(complement->verb.chunk).last);
      if (complement && complement->object >= 0)
        add_range(chunk(complement->object).first, chunk(complement->object).last);
      // A passive's grammatical subject fills the object slot.
      if (clause.verb.passive && clause.subject >= 0) {
        add_range(chunk(clause.subject).first, chunk(clause.subject).last);
      }
      std::sort(present.begin(), present.end());
      auto possible = [&](const VerbPattern& pattern) {
        for (const auto& any_of : pattern.required) {
          bool found = false;
          for (std::uint32_t id : any_of) {
            if (std::binary_search(present.begin(), present.end(), id)) {
              found = true;
              break;
            }
          }
          if (!found) return false;
        }
        return true;
      };
      for (const auto& pattern : block.patterns) {
        PatternMatch m;
        if (possible(pattern) && match_pattern(pattern, clause, slots, m)) {
          code = pattern.code;
          paired_code = pattern.paired_code;
          pattern_text = pattern.text;
          pattern_entry = dict.entry_label(pattern.source, pattern.line);
          match = m;
          pattern_names_negation = pattern.negated;
          pattern_names_context =
              std::any_of(pattern.before.begin(), pattern.before.end(),
                          [](const auto& e) { return e.kind == PatternElement::Kind::kWords; });
          break;
        }
      }
      log("  verb entry " + chosen->text + " -> " + code + " via " + pattern_text);
    }
    // Light verb + event noun: "ordered the killing of X", "delivered the warning".
    int nominal_np = -1;
    const NominalEntry* nominal = nullptr;
    // Also when a causative verb ("ordered", "authorized") has only its default code.
    bool causative = contains_word(lemma, kLightVerbs) && pattern_text == "(verb default)";
    if ((code.empty() || code == "---" || causative) &&
        (chosen || contains_word(lemma, kLightVerbs))) {
      int object = clause.object;
      if (object >= 0) {
        int m = in.analysis.token_nominal[chunk(object).head];
        if (m >= 0) {
          nominal = &dict.nominals()[in.analysis.mentions[static_cast<std::size_t>(m)].entry];
          nominal_np = object;
          used_nominals.push_back(object);
          code = nominal->code;
          pattern_text = "nominal " + nominal->phrase;
          pattern_entry = dict.entry_label(nominal->source, nominal->line);
          rules.emplace_back("light verb + event noun");
        }
      }
    }
    if ((code.empty() || code == "---") && paired_code.empty()) return;
    if (clause.verb.negated && !pattern_names_negation && dict.has_ontology() && !clause.denied) {
      // UD-PETRARCH: the coding ontology says what the negated act is.
      std::string_view negated = dict.negated_code(code);
      if (!negated.empty()) {
        log("  negated: " + code + " -> " + std::string(negated) + " (coding ontology)");
        code = std::string(negated);
        paired_code.clear();
        pattern_names_negation = true;
        rules.emplace_back("negated act coded from the coding ontology");
      }
    }
    if ((clause.verb.negated && !pattern_names_negation) || clause.denied) {
      log("  negated or denied: no event");
      return;
    }
    if (clause.verb.negated && rules.empty())
      rules.emplace_back("negated verb coded by a negated pattern");
    if (code == "---" || code.empty()) code = paired_code;  // only the reverse event is coded
    std::string root = code.substr(0, 2);
    bool intent_like = root == "03" || root == "10" || root == "13";
    bool future = clause.verb.future || (clause.verb.conditional && clause.governor >= 0);
    // A pattern with words before "*" names the verb group and the governing
    // verb: their modal ("CA N'T EVER *") or the verb an infinitive depends on
    // ("+ HOSTING * TABASKI" for "hosting X to celebrate Tabaski") is part of it.
    if (clause.hypothetical && !intent_like && !future && !pattern_names_context) {
      log("  hypothetical: no event");
      return;
    }
    std::string mode;
    if (coder.options_.future_as_intent && (future || (clause.hypothetical && intent_like))) {
      std::string intended = intent_code(code);
      if (intended != code) rules.push_back("future act coded as intent");
      code = intended;
      mode = "future";
    }
    Event event;
    if (!fill_code(event, code)) {
      log("  code " + code + " not in the codebook: no event");
      return;
    }
    event.mode = mode;
    event.evidence.verb = std::string(verb.span.in(in.text));
    event.evidence.verb_span = verb.span;
    event.evidence.pattern = pattern_text;
    event.evidence.pattern_entry = pattern_entry;
    // Sources.
    std::vector<int> sources;
    if (match.source >= 0) {
      sources.push_back(match.source);
    } else if (clause.verb.passive) {
      if (clause.by_agent >= 0) sources.push_back(clause.by_agent);
      rules.emplace_back("passive");
      // TABARI: a passive without a by-phrase takes the first actor after
      // the verb as its source ("X was shot dead in Osgiliath").
      if (sources.empty() && coder.options_.first_actor_target) {
        std::string passive_rule;
        int first = first_actor_after_verb(clause, clause.subject, passive_rule);
        if (first >= 0) {
          sources.push_back(first);
          rules.emplace_back("passive source: " + passive_rule);
        }
      }
    } else {
      int s = subject_np(clause);
      if (s != clause.subject) rules.emplace_back("pronoun resolved to the reporting subject");
      if (clause.subjects.size() > 1 && s == clause.subject) {
        for (auto k : clause.subjects) sources.push_back(k);
      } else if (s >= 0) {
        sources.push_back(s);
      }
    }
    if (sources.empty()) {
      log("  no source: no event");
      return;
    }
    // Target.
    int target = match.target;
    std::string rule;
    if (target < 0 && nominal_np >= 0) {
      for (const auto& [prep, np] : clause.preps) {
        std::uint32_t p = in.tokens[chunk(prep).head].norm;
        if (std::find(nominal->target_preps.begin(), nominal->target_preps.end(), p) !=
                nominal->target_preps.end() ||
            norm(chunk(prep).head) == "TO") {
          if (resolve_np(np, {})) {
            target = np;
            rule = "event noun target";
            break;
          }
        }
      }
    }
    // A pattern that names the source after the verb ("* FROM $") or the
    // target before it ("+ * FROM $") makes the subject the target.
    bool target_from_pattern = match.target >= 0;
    if (target < 0 && (match.subject_is_target || match.source >= 0)) {
      int subject = subject_np(clause);
      if (subject >= 0 && subject != sources.front()) {
        target = subject;
        target_from_pattern = true;
        rule = "pattern: the subject is the target";
      }
    }
    if (target < 0) target = default_target(clause, sources.front(), root, rule);
    // Coordinated objects each get the event: "urged Russia and Ukraine".
    std::vector<int> targets;
    if (target >= 0 && target == clause.object && clause.objects.size() > 1) {
      for (auto object : clause.objects) {
        if (auto r = resolve_np(object, {}); r && !r->agent_only) targets.push_back(object);
      }
    } else if (target >= 0) {
      targets.push_back(target);
      // PETRARCH's first actor after the verb takes the phrases coordinated
      // with it: "satisfaction toward Gondor and Arnor's Elrond" -> GON, ARN.
      if (rule.starts_with("first actor after the verb")) {
        for (int k = target;
             k + 2 < chunk_count() && chunk(k + 1).kind == ChunkKind::kConjunction &&
             norm(chunk(k + 1).head) == "AND" && chunk(k + 2).kind == ChunkKind::kNounPhrase;
             k += 2) {
          auto r = resolve_np(k + 2, {});
          if (!r || r->agent_only) break;
          targets.push_back(k + 2);
        }
      }
      // "mediate between Moscow and Kyiv": every phrase of that preposition.
      for (std::size_t i = 0; i < clause.preps.size(); ++i) {
        if (clause.preps[i].second != target) continue;
        for (std::size_t j = i + 1;
             j < clause.preps.size() && clause.preps[j].first == clause.preps[i].first; ++j) {
          if (np_has_actor(clause.preps[j].second)) targets.push_back(clause.preps[j].second);
        }
        break;
      }
    }
    if (!rule.empty()) rules.push_back(rule);
    Date date;
    std::string date_text;
    date = clause_date(clause, future, date_text);
    Date when = date.valid() ? date : in.story_date;
    if (targets.size() == 1 && !target_from_pattern) {
      auto src = resolve_np(sources.front(), when);
      auto tgt = resolve_np(targets.front(), when);
      if (src && tgt && src->has_country && tgt->has_country &&
          src->actor.country == tgt->actor.country) {
        int other = other_party(clause, *src, targets.front());
        if (other >= 0) {
          targets.front() = other;
          rules.emplace_back("own-country object: target from the place");
        }
      }
    }
    // Location: a locative phrase of the clause, the visited place, or the
    // subject's own locative ("Iran's UN mission in New York").
    event.location = locative(clause.preps);
    if (!event.location && code.starts_with("042") && !targets.empty()) {
      event.location = place_of_np(targets.front());
    }
    if (!event.location && clause.subject >= 0)
      event.location = locative(preps_after(clause.subject));
    if (clause.reporter >= 0) {
      if (auto reporter = resolve_np(clause.reporter, when)) event.reported_by = reporter->actor;
    }
    bool joint_act = root == "03" || root == "04" || root == "05" || root == "06" || root == "19" ||
                     coder.options_.reciprocal_compound_subjects;
    if (targets.empty() && sources.size() > 1 && joint_act) {
      // "Iran and Russia signed an agreement": a joint act, coded both ways.
      rules.emplace_back("reciprocal compound subject");
      event.evidence.rules.insert(event.evidence.rules.end(), rules.begin(), rules.end());
      for (int a : sources) {
        for (int b : sources) {
          if (a != b) emit(out, event, date, date_text, {a}, b, target_actor_for(b, when));
        }
      }
      return;
    }
    event.evidence.rules.insert(event.evidence.rules.end(), rules.begin(), rules.end());
    if (targets.empty() && !paired_code.empty()) {
      // A paired code ("[032:033]") names a two-party act, coded both ways.
      log("  paired code " + code + ":" + paired_code + " without a target: no event");
      return;
    }
    if (targets.empty()) {
      emit(out, event, date, date_text, sources, -1, std::nullopt);
      return;
    }
    for (int t : targets) emit(out, event, date, date_text, sources, t, target_actor_for(t, when));
    // The reverse event of a paired code: target -> source, also when both
    // codes are the same ("--- MEET [040:040] ---": a mutual act).
    if (!paired_code.empty()) {
      Event reverse = event;
      if (fill_code(reverse, paired_code)) {
        reverse.evidence.rules.emplace_back("paired code: reverse event");
        for (int t : targets) {
          for (int s : sources)
            emit(out, reverse, date, date_text, {t}, s, target_actor_for(s, when));
        }
      }
    }
  }

  // Event nouns outside a light verb: "In a meeting with X, Y said ...",
  // "X's invasion of Y", "attacks by X on Y".
  void code_nominals(std::vector<Event>& out) const {
    const auto& dict = coder.dictionary_;
    passed_agents.clear();
    for (const auto& mention : in.analysis.mentions) {
      if (mention.kind != Mention::Kind::kNominal) continue;
      int np = in.analysis.token_chunk[mention.last];
      if (np < 0 || chunk(np).kind != ChunkKind::kNounPhrase || chunk(np).head != mention.last)
        continue;
      const NominalEntry& nominal = dict.nominals()[mention.entry];
      // Already coded through a light verb ("ordered the killing of X")?
      if (std::find(used_nominals.begin(), used_nominals.end(), np) != used_nominals.end())
        continue;
      auto preps = preps_after(np);
      int target = -1;
      int by = -1;
      for (const auto& [prep, pnp] : preps) {
        std::uint32_t p = in.tokens[chunk(prep).head].norm;
        if (norm(chunk(prep).head) == "BY" && by < 0) by = pnp;
        bool target_prep = std::find(nominal.target_preps.begin(), nominal.target_preps.end(), p) !=
                           nominal.target_preps.end();
        if (target_prep && target < 0 && resolve_np(pnp, {})) target = pnp;
      }
      int source = -1;
      std::string rule;
      const Chunk& c = chunk(np);
      if (by >= 0) {
        source = by;
        rule = "event noun with by-phrase";
      } else if (c.possessive >= 0 && target >= 0) {
        source = np;  // the possessor resolves as the phrase's actor
        rule = "possessor of event noun";
      } else if (np >= 1 && chunk(np - 1).kind == ChunkKind::kPreposition &&
                 (norm(chunk(np - 1).head) == "IN" || norm(chunk(np - 1).head) == "DURING") &&
                 target >= 0) {
        // "In a meeting with X, Y said": Y took part in the meeting.
        for (const auto& clause : in.analysis.clauses) {
          if (clause.verb.chunk > np && clause.subject > np && !clause.subject_inherited) {
            source = clause.subject;
            break;
          }
        }
        rule = "fronted event noun takes the clause subject";
      }
      if (source < 0 || target < 0) continue;
      // Hypothetical or denied context: the clause containing the phrase.
      bool blocked = false;
      for (const auto& clause : in.analysis.clauses) {
        if (c.first >= clause.first_token && c.last <= clause.last_token &&
            (clause.hypothetical || clause.denied || clause.verb.negated)) {
          blocked = true;
        }
      }
      if (blocked) continue;
      Event event;
      if (!fill_code(event, nominal.code)) continue;
      event.evidence.verb = std::string(
          in.text.substr(in.tokens[mention.first].span.begin,
                         in.tokens[mention.last].span.end - in.tokens[mention.first].span.begin));
      event.evidence.verb_span = {in.tokens[mention.first].span.begin,
                                  in.tokens[mention.last].span.end};
      event.evidence.pattern = "nominal " + nominal.phrase;
      event.evidence.pattern_entry = dict.entry_label(nominal.source, nominal.line);
      event.evidence.rules = {rule};
      std::string date_text;
      std::size_t first = c.first;
      std::size_t last = c.last;
      for (const auto& [prep, pnp] : preps) last = chunk(pnp).last;
      if (last + 1 < in.tokens.size() && in.analysis.token_time[last + 1]) {
        // a time expression right after the phrase: "a meeting Saturday with"
        ++last;
        while (last + 1 < in.tokens.size() && in.analysis.token_time[last + 1]) ++last;
      }
      for (std::size_t t = first; t <= last && t < in.analysis.token_time.size(); ++t) (void)t;
      Date date =
          date_in_range(first, last + (chunk_count() > np + 1 ? 2 : 0), c.head, false, date_text);
      event.location = locative(preps);
      log("nominal " + nominal.phrase + " (" + rule + ")");
      emit(out, std::move(event), date, date_text, {source}, target, std::nullopt);
    }
  }
};

EventCoder::EventCoder(const Dictionary& dictionary, const Codebook& codebook,
                       const Vocabulary& vocab, const Gazetteer* gazetteer, CoderOptions options)
    : dictionary_(dictionary),
      codebook_(codebook),
      vocab_(vocab),
      gazetteer_(gazetteer),
      options_(options) {
  // A country code is any three-letter code an actor dictionary gives as a
  // whole code: "IRQ" is one, "IGO" (from IGOUNO) is not.
  for (const auto& actor : dictionary.actors()) {
    if (actor.default_code.size() == 3 && actor.default_code != "---") {
      country_codes_.insert(actor.default_code);
    }
    for (const auto& dated : actor.dated) {
      if (dated.code.size() == 3) country_codes_.insert(dated.code);
    }
  }
}

std::string EventCoder::intent_code(const std::string& code) {
  if (code.size() < 3) return code;
  std::string root = code.substr(0, 2);
  std::string three = code.substr(0, 3);
  if (three == "045") return "039";
  if (root == "04") return "036";
  if (root == "05") return "032";
  if (root == "06") {
    if (three == "061") return "0311";
    if (three == "062") return "0312";
    if (three == "063") return "0313";
    if (three == "064") return "0314";
    return "031";
  }
  if (root == "07") {
    if (three == "071") return "0331";
    if (three == "072") return "0332";
    if (three == "073") return "0333";
    if (three == "074") return "0334";
    return "033";
  }
  if (root == "08") {
    if (three == "087") return "0356";
    if (three == "084") return "0353";
    return "035";
  }
  if (root == "15") return "138";
  if (root == "16") {
    if (three == "161") return "1313";
    if (three == "162") return "1311";
    if (three == "163") return "1312";
    return "131";
  }
  if (root == "17") return "137";
  if (root == "18") return "1383";
  if (root == "19") {
    if (three == "191") return "1381";
    if (three == "192") return "1382";
    return "1384";
  }
  if (root == "20") return "1385";
  return code;
}

void EventCoder::split_multiple_codes(std::vector<Event>& out, std::size_t first_new) {
  auto parts = [](const std::string& code) {
    std::vector<std::string> list;
    std::size_t begin = 0;
    while (true) {
      std::size_t slash = code.find('/', begin);
      std::string part = code.substr(begin, slash == std::string::npos ? slash : slash - begin);
      if (!part.empty()) list.push_back(std::move(part));
      if (slash == std::string::npos) break;
      begin = slash + 1;
    }
    if (list.empty()) list.push_back(code);
    return list;
  };
  std::vector<Event> split;
  for (std::size_t i = first_new; i < out.size(); ++i) {
    Event& e = out[i];
    bool several = e.source.code.find('/') != std::string::npos ||
                   (e.target && e.target->code.find('/') != std::string::npos);
    if (!several) {
      split.push_back(std::move(e));
      continue;
    }
    auto sources = parts(e.source.code);
    auto targets = e.target ? parts(e.target->code) : std::vector<std::string>{""};
    for (const auto& s : sources) {
      for (const auto& t : targets) {
        Event copy = e;
        copy.source.code = s;
        if (copy.target) copy.target->code = t;
        split.push_back(std::move(copy));
      }
    }
  }
  out.resize(first_new);
  for (auto& e : split) out.push_back(std::move(e));
}

void EventCoder::drop_subordinate(std::vector<Event>& out, std::size_t first_new,
                                  std::vector<bool>& drop, std::string* trace) {
  auto subordinate = [](const Event& e) { return e.cameo.ends_with('?'); };
  bool other = false;
  for (std::size_t i = first_new; i < out.size(); ++i) {
    if (!drop[i] && !subordinate(out[i])) other = true;
  }
  for (std::size_t i = first_new; i < out.size(); ++i) {
    if (!subordinate(out[i])) continue;
    if (other) {
      drop[i] = true;
      if (trace) *trace += "  subordinate code " + out[i].cameo + ": another event, dropped\n";
    } else {
      out[i].cameo.pop_back();
    }
  }
}

void EventCoder::drop_incomplete(const std::vector<Event>& out, std::size_t first_new,
                                 std::vector<bool>& drop, std::string* trace) {
  bool complete = false;
  for (std::size_t i = first_new; i < out.size(); ++i) {
    complete = complete || (!drop[i] && out[i].target);
  }
  if (!complete) return;
  for (std::size_t i = first_new; i < out.size(); ++i) {
    if (out[i].target || drop[i]) continue;
    drop[i] = true;
    if (trace) {
      *trace += "  " + out[i].source.code + " " + out[i].cameo +
                " without a target: dropped, the sentence has an event with one\n";
    }
  }
}

void EventCoder::code_sentence(const SentenceInput& input, StoryCodingState& state,
                               std::vector<Event>& out, std::string* trace) const {
  Impl impl{*this, input, state, trace, {}, {}, {}, {}, {}};
  std::size_t first_new = out.size();
  for (std::size_t c = 0; c < input.analysis.clauses.size(); ++c) {
    impl.code_clause(input.analysis.clauses[c], c, out);
  }
  impl.code_nominals(out);
  // "Iran retaliated by firing missiles at X": the act without a target adds
  // nothing when the same source has an event of the same root with one.
  auto redundant = [&](const Event& e) {
    if (e.target) return false;
    for (std::size_t i = first_new; i < out.size(); ++i) {
      if (out[i].target && out[i].source.code == e.source.code && out[i].root == e.root)
        return true;
    }
    return false;
  };
  std::vector<bool> drop(out.size(), false);
  for (std::size_t i = first_new; i < out.size(); ++i) drop[i] = redundant(out[i]);
  if (options_.subordinate_codes) drop_subordinate(out, first_new, drop, trace);
  if (options_.complete_events_first) drop_incomplete(out, first_new, drop, trace);
  std::size_t write = first_new;
  for (std::size_t i = first_new; i < out.size(); ++i) {
    if (drop[i]) continue;
    if (write != i) out[write] = std::move(out[i]);
    ++write;
  }
  out.resize(write);
  if (options_.split_multiple_codes) split_multiple_codes(out, first_new);
}

}  // namespace tigris
