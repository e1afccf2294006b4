// Clause building: for each verb group, its subject (looking through
// appositives and prepositional modifiers, back to a relative pronoun's
// antecedent, or inherited by coordinated verbs, infinitives and gerunds), its
// object, its prepositional phrases, voice, polarity, modality, the clause it
// is a complement of, and the speaker when it is reported speech.
#include <algorithm>
#include <array>

#include "common/vocab.h"
#include "syntax/syntax.h"
#include "text/text.h"

namespace tigris {
namespace {

constexpr std::array<std::string_view, 34> kReporting = {
    "SAY",       "TELL",    "ADD",      "STATE",       "ANNOUNCE", "CLAIM",     "REPORT",
    "NOTE",      "INSIST",  "ARGUE",    "CONFIRM",     "EXPLAIN",  "WRITE",     "DECLARE",
    "ALLEGE",    "ASSERT",  "BELIEVE",  "THINK",       "KNOW",     "EXPECT",    "HOPE",
    "FEAR",      "SUSPECT", "SUGGEST",  "ACKNOWLEDGE", "ADMIT",    "REITERATE", "STRESS",
    "EMPHASIZE", "PREDICT", "ESTIMATE", "SAYS",        "CONCLUDE", "RECALL"};

// Verbs whose complement is belief or expectation, not an asserted fact.
constexpr std::array<std::string_view, 8> kCognition = {"BELIEVE", "THINK",   "EXPECT",  "HOPE",
                                                        "FEAR",    "SUSPECT", "PREDICT", "WANT"};

// Verbs whose infinitive complement is a future act: "plans to close".
constexpr std::array<std::string_view, 14> kIntentional = {
    "PLAN",    "INTEND", "AIM",      "PREPARE", "WANT",  "SEEK",  "VOW",
    "PROMISE", "PLEDGE", "THREATEN", "EXPECT",  "OFFER", "AGREE", "PROPOSE"};

// Verbs whose that-complement is a demand, not a fact.
constexpr std::array<std::string_view, 12> kDemanding = {
    "DEMAND", "URGE",    "ASK",     "REQUEST",   "APPEAL", "CALL",
    "INSIST", "PROPOSE", "SUGGEST", "RECOMMEND", "WANT",   "REQUIRE"};

// Verbs whose infinitive complement happened: "began to withdraw".
constexpr std::array<std::string_view, 12> kAspectual = {"BEGIN",  "START",  "CONTINUE", "RESUME",
                                                         "MANAGE", "DECIDE", "CEASE",    "STOP",
                                                         "KEEP",   "FAIL",   "REFUSE",   "DECLINE"};

// Perception verbs: in the passive with an infinitive ("was seen to break
// in", "was heard to say") they report the act itself.
constexpr std::array<std::string_view, 6> kPerception = {"SEE",   "HEAR",   "OBSERVE",
                                                         "WATCH", "NOTICE", "SPOT"};

// Verbs whose object controls an infinitive: "urged X to ...", "asked X to ...".
constexpr std::array<std::string_view, 14> kObjectControl = {
    "URGE",  "ASK",    "TELL",     "ORDER", "FORCE", "ALLOW",     "INVITE",
    "PRESS", "EXHORT", "PERSUADE", "CALL",  "PUSH",  "ENCOURAGE", "REQUEST"};

constexpr std::array<std::string_view, 5> kDenial = {"DENY", "REJECT", "DISMISS", "REFUTE",
                                                     "DISPUTE"};

template <typename List>
bool in(std::string_view word, const List& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_be(std::string_view t) {
  return t == "IS" || t == "ARE" || t == "WAS" || t == "WERE" || t == "BE" || t == "BEEN" ||
         t == "BEING" || t == "'RE" || t == "'M" || t == "'S";
}

}  // namespace

bool is_reporting_lemma(std::string_view lemma) {
  return in(lemma, kReporting);
}

void apply_governor(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                    const std::vector<Clause>& clauses, Clause& clause) {
  if (clause.governor < 0) return;
  const VerbGroupInfo& info = clause.verb;
  const Clause& g = clauses[static_cast<std::size_t>(clause.governor)];
  std::string_view glemma = ctx.vocab.text(tokens[g.verb.verb].lemma);
  if (info.infinitive && in(glemma, kIntentional)) clause.verb.future = true;
  // "moved troops to defend the bases": a purpose infinitive is an aim, not
  // a reported act. Aspectual and implicative verbs ("began to", "managed
  // to"), copulas ("is about to") and passive perception verbs ("was seen
  // to") report the act itself.
  bool perceived = g.verb.passive && in(glemma, kPerception);
  if (info.infinitive && !g.verb.copula && !in(glemma, kIntentional) &&
      !in(glemma, kObjectControl) && !in(glemma, kAspectual) && !is_reporting_lemma(glemma) &&
      !perceived) {
    clause.hypothetical = true;
  }
  // "urged Russia to return to talks": the requested act has not happened.
  if (info.infinitive && in(glemma, kObjectControl)) clause.hypothetical = true;
  if (info.infinitive && (glemma == "REFUSE" || glemma == "DECLINE" || glemma == "FAIL")) {
    clause.denied = true;
  }
  if (g.hypothetical) clause.hypothetical = true;
  if (in(glemma, kDenial) || g.denied) clause.denied = true;
  if (in(glemma, kCognition) && !info.infinitive) clause.hypothetical = true;
  // "demanded that Moscow withdraw": what is demanded has not happened.
  if (in(glemma, kDemanding) && !info.infinitive) clause.hypothetical = true;
  if (is_reporting_lemma(glemma) && !info.infinitive && !clause.subject_inherited) {
    clause.reporter = g.subject;
  }
}

void attribute_reported_speech(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                               SentenceAnalysis& a) {
  const auto& chunks = a.chunks;
  const int count = static_cast<int>(chunks.size());
  auto norm = [&](std::size_t token) { return token_norm(tokens[token], ctx.arena); };
  auto lemma_text = [&](const Clause& c) { return ctx.vocab.text(tokens[c.verb.verb].lemma); };
  auto kind = [&](int k) { return k >= 0 && k < count ? chunks[k].kind : ChunkKind::kEnd; };
  auto skippable = [&](int k) {
    ChunkKind kd = kind(k);
    return kd == ChunkKind::kOther || kd == ChunkKind::kTime || kd == ChunkKind::kQuote;
  };
  // Postposed attribution: "C, the official said." / "C, said X." / "according to X".
  int reporter_np = -1;
  int reporting_clause = -1;
  for (std::size_t c = 0; c < a.clauses.size(); ++c) {
    const Clause& clause = a.clauses[c];
    int vchunk = clause.verb.chunk;
    int before = vchunk - 1;
    while (before >= 0 && skippable(before)) --before;
    bool after_comma =
        kind(before) == ChunkKind::kComma ||
        (kind(before) == ChunkKind::kNounPhrase && kind(before - 1) == ChunkKind::kComma) ||
        (kind(before) == ChunkKind::kNounPhrase && kind(before - 1) == ChunkKind::kQuote);
    if (is_reporting_lemma(lemma_text(clause)) && after_comma && clause.object < 0 &&
        clause.subject >= 0 && c > 0) {
      reporter_np = clause.subject;
      reporting_clause = static_cast<int>(c);
    }
  }
  for (int k = 0; k + 2 < count; ++k) {
    if (kind(k) == ChunkKind::kPreposition && norm(chunks[k].head) == "ACCORDING" &&
        kind(k + 1) == ChunkKind::kPreposition && kind(k + 2) == ChunkKind::kNounPhrase) {
      reporter_np = k + 2;
      break;
    }
  }
  if (reporter_np >= 0) {
    for (std::size_t c = 0; c < a.clauses.size(); ++c) {
      Clause& clause = a.clauses[c];
      if (static_cast<int>(c) == reporting_clause) continue;
      if (clause.reporter < 0 && clause.subject != reporter_np) {
        clause.reporter = static_cast<std::int16_t>(reporter_np);
      }
    }
  }
}

void build_clauses(const SyntaxContext& ctx, const std::vector<Token>& tokens,
                   SentenceAnalysis& a) {
  a.clauses.clear();
  const auto& chunks = a.chunks;
  const int count = static_cast<int>(chunks.size());
  auto norm = [&](std::size_t token) { return token_norm(tokens[token], ctx.arena); };
  auto lemma_text = [&](const Clause& c) { return ctx.vocab.text(tokens[c.verb.verb].lemma); };
  auto kind = [&](int k) { return k >= 0 && k < count ? chunks[k].kind : ChunkKind::kEnd; };
  auto skippable = [&](int k) {
    ChunkKind kd = kind(k);
    return kd == ChunkKind::kOther || kd == ChunkKind::kTime || kd == ChunkKind::kQuote;
  };
  // The first chunk of the "NP (PREP NP)*" run ending at NP chunk `k`.
  // Prepositions that attach a modifier to a noun ("the number of attacks",
  // "Iran's mission in New York"); "after", "since", "by" introduce clauses
  // or agents instead.
  auto modifier_prep = [&](int k) {
    std::string_view p = norm(chunks[k].head);
    return p == "OF" || p == "IN" || p == "FROM" || p == "AT" || p == "ON" || p == "FOR" ||
           p == "WITH" || p == "NEAR" || p == "AMONG" || p == "WITHIN" || p == "ACROSS" ||
           p == "AROUND" || p == "OUTSIDE" || p == "INSIDE" || p == "ALONG";
  };
  auto run_start = [&](int k) {
    while (k - 2 >= 0 && kind(k - 1) == ChunkKind::kPreposition &&
           kind(k - 2) == ChunkKind::kNounPhrase && modifier_prep(k - 1)) {
      k -= 2;
    }
    return k;
  };
  std::vector<int> clause_of_chunk(static_cast<std::size_t>(count), -1);

  for (int v = 0; v < count; ++v) {
    if (kind(v) != ChunkKind::kVerbGroup) continue;
    const Chunk& vg = chunks[v];
    Clause clause;
    VerbGroupInfo& info = clause.verb;
    info.chunk = static_cast<std::uint16_t>(v);
    info.verb = vg.head;
    bool has_aux = false;
    bool be_aux = false;
    for (std::size_t t = vg.first; t < vg.head; ++t) {
      std::string_view w = norm(t);
      Tag tag = tokens[t].tag;
      if (tag == Tag::kAuxiliary || tag == Tag::kModal) has_aux = true;
      if (tag == Tag::kAuxiliary && is_be(w)) be_aux = true;
      if (tag == Tag::kNegation) info.negated = true;
      if (w == "WILL" || w == "'LL" || w == "SHALL" || w == "WO") info.future = true;
      if (w == "WOULD" || w == "COULD" || w == "MIGHT" || w == "MAY" || w == "SHOULD" ||
          w == "'D" || w == "MUST" || w == "CAN" || w == "CA") {
        info.conditional = true;
      }
    }
    if (tokens[vg.first].tag == Tag::kTo) info.infinitive = true;
    const Token& main = tokens[vg.head];
    info.copula = main.tag == Tag::kAuxiliary;
    VerbForm form = main.form;
    info.passive =
        be_aux && !info.copula && (form == VerbForm::kPast || form == VerbForm::kPastParticiple);
    info.gerund = !has_aux && !info.infinitive && form == VerbForm::kGerund;
    // Reduced relative with a by-phrase: "the attacks carried out by militias".
    int after = v + 1;
    while (after < count && skippable(after)) ++after;
    if (!has_aux && !info.infinitive && form == VerbForm::kPast &&
        kind(after) == ChunkKind::kPreposition && norm(chunks[after].head) == "BY" &&
        kind(after + 1) == ChunkKind::kNounPhrase && kind(v - 1) == ChunkKind::kNounPhrase) {
      info.participle = true;
      info.passive = true;
    }

    // ---- subject
    int k = v - 1;
    // Skip adverbs, quotes, time phrases ("the Treasury on Monday imposed") and
    // a parenthesis ("the Nigeria Labour Congress (NLC) called").
    while (k >= 0) {
      if (kind(k) == ChunkKind::kOther && norm(chunks[k].first) == ")") {
        int open = k - 1;
        while (open >= 0 && !(kind(open) == ChunkKind::kOther && norm(chunks[open].first) == "("))
          --open;
        if (open >= 0 && k - open <= 6) {
          k = open - 1;
          continue;
        }
      }
      if (skippable(k) || (kind(k) == ChunkKind::kPreposition && kind(k + 1) == ChunkKind::kTime)) {
        --k;
        continue;
      }
      break;
    }
    // The clause a coordinated verb shares its subject with: the nearest
    // earlier main clause ("Iran denied it was behind X and accused Y": the
    // denial, not the complement), else simply the previous clause.
    int previous_clause = a.clauses.empty() ? -1 : static_cast<int>(a.clauses.size()) - 1;
    int coordinated_with = previous_clause;
    for (int c = previous_clause; c >= 0; --c) {
      const Clause& candidate = a.clauses[static_cast<std::size_t>(c)];
      if (candidate.governor < 0 && !candidate.verb.infinitive && !candidate.verb.gerund) {
        coordinated_with = c;
        break;
      }
    }
    auto inherit = [&](int from) {
      if (from < 0) return;
      const Clause& p = a.clauses[static_cast<std::size_t>(from)];
      clause.shares_subject_with = static_cast<std::int16_t>(from);
      clause.subject = p.subject;
      clause.subjects = p.subjects;
      clause.subject_inherited = true;
      if (p.verb.passive && p.by_agent >= 0) {
        clause.subject = p.by_agent;
        clause.subjects = {p.by_agent};
      }
    };
    if (info.infinitive || (info.gerund && kind(k) == ChunkKind::kPreposition)) {
      // Control: the governing clause's object ("urged X to") or subject.
      int governor = previous_clause;
      if (governor >= 0) {
        const Clause& g = a.clauses[static_cast<std::size_t>(governor)];
        if (info.infinitive && g.object >= 0 && in(lemma_text(g), kObjectControl)) {
          clause.subject = g.object;
          clause.subjects = g.objects;
          clause.subject_inherited = true;
        } else {
          inherit(governor);
        }
        clause.governor = static_cast<std::int16_t>(governor);
      }
    } else if (kind(k) == ChunkKind::kNounPhrase) {
      int start = run_start(k);
      // Appositive: "NP1, NP2, VG" where NP1 names the actor.
      clause.subject = static_cast<std::int16_t>(start);
      if (info.gerund && k == v - 1) {
        // "forces protecting American interests": the participle describes the
        // phrase before it; it is not a reported act of its own.
        clause.subject = static_cast<std::int16_t>(k);
        clause.modifier = true;
      }
      clause.subjects = {clause.subject};
      // Coordinated subjects: "Iran and Iraq", "X, Y and Z", "X, Y, and Z".
      // The link nearest the verb must be "and"/"or" (after a comma, the serial
      // comma); earlier links may be commas.
      int s = start;
      bool conjoined = false;
      auto coordinating = [&](int k2) {
        return kind(k2) == ChunkKind::kConjunction && norm(chunks[k2].head) != "BUT" &&
               norm(chunks[k2].head) != "YET";
      };
      while (true) {
        int link = 0;  // chunks between the previous member and this one
        if (s - 2 >= 0 && kind(s - 2) == ChunkKind::kNounPhrase &&
            (coordinating(s - 1) || (kind(s - 1) == ChunkKind::kComma && conjoined))) {
          link = 1;
        } else if (!conjoined && s - 3 >= 0 && coordinating(s - 1) &&
                   kind(s - 2) == ChunkKind::kComma && kind(s - 3) == ChunkKind::kNounPhrase) {
          link = 2;
        }
        if (link == 0) break;
        int prev_start = run_start(s - 1 - link);
        // "missiles hit Odesa and Iran warns": Odesa is an object, not a subject.
        if (kind(prev_start - 1) == ChunkKind::kPreposition ||
            kind(prev_start - 1) == ChunkKind::kVerbGroup) {
          break;
        }
        conjoined = true;
        clause.subjects.insert(clause.subjects.begin(), static_cast<std::int16_t>(prev_start));
        s = prev_start;
      }
      if (clause.subjects.size() > 1) clause.subject = clause.subjects.front();
    } else if (kind(k) == ChunkKind::kComma) {
      int b = k - 1;
      while (b >= 0 && skippable(b)) --b;
      // "Arnor's foreign minister, in remarks published on Monday, urged": a
      // parenthesis opening with a preposition between commas lies between
      // the subject and its verb.
      int open = k - 1;
      while (open > 0 && k - open <= 12 && kind(open) != ChunkKind::kComma &&
             kind(open) != ChunkKind::kEnd) {
        --open;
      }
      // Not a gerund (", prompting ...") and not after an object or a
      // prepositional phrase ("attacked Iraq, in response, ...").
      bool parenthesis =
          !info.gerund && open > 0 && open + 1 < k && kind(open) == ChunkKind::kComma &&
          kind(open + 1) == ChunkKind::kPreposition && kind(open - 1) == ChunkKind::kNounPhrase &&
          kind(run_start(open - 1) - 1) != ChunkKind::kVerbGroup &&
          kind(run_start(open - 1) - 1) != ChunkKind::kPreposition;
      if (parenthesis) {
        clause.subject = static_cast<std::int16_t>(run_start(open - 1));
        clause.subjects = {clause.subject};
      } else if (kind(b) == ChunkKind::kNounPhrase) {
        int np2 = run_start(b);
        int c2 = np2 - 1;
        if (kind(c2) == ChunkKind::kComma && kind(c2 - 1) == ChunkKind::kNounPhrase) {
          clause.subject = static_cast<std::int16_t>(run_start(c2 - 1));
          clause.subjects = {clause.subject};
        } else if (kind(np2 - 1) == ChunkKind::kWh) {
          // "..., which has retained": relative clause closing with a comma
          inherit(previous_clause);
        } else {
          // ", saying ..." or a verb after a comma: the main clause's subject.
          inherit(info.gerund ? coordinated_with : previous_clause);
        }
      } else {
        inherit(info.gerund ? coordinated_with : previous_clause);
      }
    } else if (kind(k) == ChunkKind::kWh) {
      int b = k - 1;
      while (b >= 0 && (kind(b) == ChunkKind::kComma || skippable(b))) --b;
      if (kind(b) == ChunkKind::kNounPhrase) {
        clause.subject = static_cast<std::int16_t>(run_start(b));
        // The antecedent of "which" after "NP in NP" is usually the first NP.
        clause.subjects = {clause.subject};
      }
    } else if (kind(k) == ChunkKind::kConjunction) {
      inherit(coordinated_with);
    }

    // ---- inverted reporting: "..., said two U.S. defense officials."
    if (clause.subject < 0 && is_reporting_lemma(ctx.vocab.text(main.lemma)) &&
        kind(after) == ChunkKind::kNounPhrase) {
      clause.subject = static_cast<std::int16_t>(after);
      clause.subjects = {clause.subject};
      clause.subject_inherited = false;
    }

    // ---- object and prepositional phrases
    int o = v + 1;
    while (o < count && (kind(o) == ChunkKind::kOther || kind(o) == ChunkKind::kTime)) ++o;
    bool inverted_subject = clause.subject == o && clause.subject >= 0;
    // "hoped Iraq would become": a noun phrase followed by a finite verb is the
    // subject of a complement clause, not this verb's object.
    int after_np = o + 1;
    while (after_np < count &&
           (kind(after_np) == ChunkKind::kOther || kind(after_np) == ChunkKind::kTime)) {
      ++after_np;
    }
    bool complement_subject = false;
    if (kind(o) == ChunkKind::kNounPhrase && kind(after_np) == ChunkKind::kVerbGroup) {
      const Chunk& next_vg = chunks[after_np];
      const Token& first = tokens[next_vg.first];
      const Token& head = tokens[next_vg.head];
      complement_subject = first.tag != Tag::kTo && head.form != VerbForm::kGerund &&
                           !(head.form == VerbForm::kPast && first.tag == Tag::kVerb &&
                             kind(after_np + 1) == ChunkKind::kPreposition);
    }
    if (kind(o) == ChunkKind::kNounPhrase && !inverted_subject && !complement_subject) {
      clause.object = static_cast<std::int16_t>(o);
      clause.objects = {clause.object};
      ++o;
      // "Russia and Ukraine": coordinated objects, unless the second one starts a
      // clause. After a verb of saying or belief, "believes X and Y can cope",
      // the pair is the complement's subject and both are this verb's objects.
      std::string_view lemma = lemma_text(clause);
      bool takes_clause = is_reporting_lemma(lemma) || in(lemma, kCognition);
      while (kind(o) == ChunkKind::kConjunction && norm(chunks[o].head) == "AND" &&
             kind(o + 1) == ChunkKind::kNounPhrase &&
             (kind(o + 2) != ChunkKind::kVerbGroup ||
              (takes_clause && tokens[chunks[o + 2].first].tag != Tag::kTo))) {
        clause.objects.push_back(static_cast<std::int16_t>(o + 1));
        o += 2;
      }
      if (kind(o) == ChunkKind::kConjunction && norm(chunks[o].head) == "AND" &&
          kind(o + 1) == ChunkKind::kNounPhrase && kind(o + 2) == ChunkKind::kVerbGroup &&
          tokens[chunks[o + 2].first].tag == Tag::kTo) {
        clause.objects.push_back(static_cast<std::int16_t>(o + 1));  // "urged X and Y to ..."
        o += 2;
      }
    } else if (inverted_subject) {
      ++o;
    }
    int p = o;
    while (p < count) {
      ChunkKind kd = kind(p);
      if (kd == ChunkKind::kOther || kd == ChunkKind::kTime || kd == ChunkKind::kQuote) {
        ++p;
        continue;
      }
      if (kd == ChunkKind::kPreposition) {
        int np = p + 1;
        while (np < count && (kind(np) == ChunkKind::kTime || kind(np) == ChunkKind::kOther)) ++np;
        if (np > p + 1 && kind(np - 1) == ChunkKind::kTime && kind(np) != ChunkKind::kNounPhrase) {
          p = np;  // "in 2003": a temporal phrase belongs to the clause
          continue;
        }
        if (kind(np) == ChunkKind::kNounPhrase) {
          clause.preps.emplace_back(static_cast<std::int16_t>(p), static_cast<std::int16_t>(np));
          // "between Moscow and Kyiv", "with Mordor, Rohan, Arnor and Bree": every
          // phrase of the list belongs to the preposition. A comma list counts only
          // when it ends in "and"/"or" (otherwise the comma may start a new clause).
          int end = np;
          bool closed = false;
          std::vector<int> items;
          while (true) {
            // ", and Z" (serial comma) closes the list like "and Z".
            int link = kind(end + 1) == ChunkKind::kComma &&
                               kind(end + 2) == ChunkKind::kConjunction && !items.empty()
                           ? 2
                           : 1;
            int item = end + link + 1;
            if (!((kind(end + 1) == ChunkKind::kComma ||
                   kind(end + 1) == ChunkKind::kConjunction) &&
                  kind(item) == ChunkKind::kNounPhrase &&
                  kind(item + 1) != ChunkKind::kVerbGroup)) {
              break;
            }
            if (kind(end + link) == ChunkKind::kConjunction) {
              std::string_view c = norm(chunks[end + link].head);
              if (c != "AND" && c != "OR") break;
              closed = true;
              items.push_back(item);
              end = item;
              break;
            }
            items.push_back(item);
            end = item;
          }
          if (closed) {
            for (int item : items) {
              clause.preps.emplace_back(static_cast<std::int16_t>(p),
                                        static_cast<std::int16_t>(item));
            }
            np = end;
          }
          if (norm(chunks[p].head) == "BY" && info.passive && clause.by_agent < 0) {
            clause.by_agent = static_cast<std::int16_t>(np);
          }
          p = np + 1;
          continue;
        }
        break;
      }
      // Coordinated noun phrases inside the object or a PP: "soldiers and Marines".
      if (kd == ChunkKind::kConjunction && kind(p + 1) == ChunkKind::kNounPhrase &&
          kind(p + 2) != ChunkKind::kVerbGroup) {
        p += 2;
        continue;
      }
      if (kd == ChunkKind::kNounPhrase && p == o && clause.object < 0) {
        ++p;
        continue;
      }
      break;
    }
    int last_chunk = std::max(p - 1, v);
    clause.last_token = chunks[static_cast<std::size_t>(last_chunk)].last;

    // ---- clause start: walk back to a boundary
    int start_chunk =
        clause.subject >= 0 && !clause.subject_inherited && clause.subject < v ? clause.subject : v;
    int b = start_chunk - 1;
    ChunkKind stop = ChunkKind::kEnd;
    std::string_view stop_word;
    int comma = -1;  // the nearest comma passed on the way back
    while (b >= 0) {
      ChunkKind kd = kind(b);
      if (kd == ChunkKind::kComma && comma < 0) comma = b;
      if (kd == ChunkKind::kSubordinator || kd == ChunkKind::kWh || kd == ChunkKind::kVerbGroup ||
          kd == ChunkKind::kEnd || kd == ChunkKind::kConjunction) {
        stop = kd;
        stop_word = norm(chunks[b].head);
        // "Before the jet crashed on Wednesday, Iran launched ...": what lies
        // between an earlier verb and the comma belongs to that verb's clause.
        if (kd == ChunkKind::kVerbGroup && comma >= 0) {
          b = comma;
          stop = ChunkKind::kComma;
        }
        break;
      }
      if (kd == ChunkKind::kPreposition && b + 1 == start_chunk && clause.subject == start_chunk) {
        stop = ChunkKind::kSubordinator;  // "after Kadhimi visited"
        stop_word = norm(chunks[b].head);
        break;
      }
      --b;
    }
    clause.first_token = b >= 0 ? static_cast<std::uint16_t>(chunks[b].last + 1) : 0;
    if (stop == ChunkKind::kSubordinator &&
        (stop_word == "IF" || stop_word == "UNLESS" || stop_word == "WHETHER")) {
      clause.hypothetical = true;
    }
    // Complement of a preceding clause: "said (that) C", "warned X that C".
    if (!clause.subject_inherited && clause.governor < 0 && !a.clauses.empty()) {
      int g = b;
      if (stop == ChunkKind::kSubordinator && stop_word == "THAT") --g;
      // A time phrase ("expressed hopes on Thursday that C") does not count
      // in the distance to the object.
      int time_chunks = 0;
      while (g >= 0 && (kind(g) == ChunkKind::kOther || kind(g) == ChunkKind::kTime ||
                        kind(g) == ChunkKind::kNounPhrase || kind(g) == ChunkKind::kQuote ||
                        (kind(g) == ChunkKind::kPreposition && kind(g + 1) == ChunkKind::kTime))) {
        if (kind(g) == ChunkKind::kTime || kind(g) == ChunkKind::kPreposition) ++time_chunks;
        int distance = b - g - time_chunks;
        if (kind(g) == ChunkKind::kNounPhrase && distance > 2) break;
        --g;
      }
      if (stop != ChunkKind::kComma && kind(g) == ChunkKind::kVerbGroup &&
          clause_of_chunk[static_cast<std::size_t>(g)] >= 0 &&
          (stop == ChunkKind::kVerbGroup || stop_word == "THAT" || stop == ChunkKind::kNounPhrase ||
           b == g || kind(b) == ChunkKind::kNounPhrase)) {
        clause.governor = static_cast<std::int16_t>(clause_of_chunk[static_cast<std::size_t>(g)]);
      }
    }
    apply_governor(ctx, tokens, a.clauses, clause);
    // A modal "would/could" outside reported speech is a hypothetical.
    if (info.conditional && clause.governor < 0) clause.hypothetical = true;
    clause_of_chunk[static_cast<std::size_t>(v)] = static_cast<int>(a.clauses.size());
    a.clauses.push_back(std::move(clause));
  }

  attribute_reported_speech(ctx, tokens, a);
}

}  // namespace tigris
