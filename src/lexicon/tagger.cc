// Part-of-speech tagging by lexicon and context.
//
// 1. Vocabulary ids and dictionary mentions (actors, agents): a matched actor
//    phrase is nominal whatever its words could otherwise be.
// 2. Closed-class words get their fixed tags.
// 3. Open-class words get the readings WordNet allows; noun/verb ambiguity
//    ("attacks", "warning", "plans") is decided left to right from the
//    previous tag (determiner -> noun, "to"/modal -> verb, subject -> verb),
//    the form (-ed, -ing, -s) and the next word; SemCor sense counts break ties.
#include "common/strings.h"
#include "dict/dictionary.h"
#include "lexicon/lexicon.h"
#include "syntax/syntax.h"
#include "text/text.h"

namespace tigris {
namespace {

bool is_single_punct(std::string_view t) {
  if (t.empty()) return true;
  for (char c : t) {
    auto b = static_cast<unsigned char>(c);
    if (is_ascii_alpha(b) || is_ascii_digit(b) || b >= 0x80) return false;
  }
  return true;
}

bool is_number(std::string_view t) {
  bool digit = false;
  for (char c : t) {
    auto b = static_cast<unsigned char>(c);
    if (is_ascii_digit(b)) {
      digit = true;
    } else if (c != ',' && c != '.' && c != '-' && c != '/') {
      return false;
    }
  }
  return digit;
}

struct Readings {
  bool noun = false;
  bool verb = false;
  bool adj = false;
  bool adv = false;
  std::uint32_t noun_lemma = 0;
  Lexicon::Lemma verb_lemma;
};

Tag tag_for_closed(ClosedClass cls) {
  switch (cls) {
    case ClosedClass::kDeterminer:
      return Tag::kDeterminer;
    case ClosedClass::kPronoun:
      return Tag::kPronoun;
    case ClosedClass::kPossPronoun:
      return Tag::kDeterminer;
    case ClosedClass::kPreposition:
      return Tag::kPreposition;
    case ClosedClass::kPrepOrSub:
      return Tag::kPreposition;
    case ClosedClass::kSubordinator:
      return Tag::kSubordinator;
    case ClosedClass::kThat:
      return Tag::kSubordinator;
    case ClosedClass::kWh:
      return Tag::kWh;
    case ClosedClass::kConjunction:
      return Tag::kConjunction;
    case ClosedClass::kBe:
    case ClosedClass::kHave:
    case ClosedClass::kDo:
      return Tag::kAuxiliary;
    case ClosedClass::kModal:
      return Tag::kModal;
    case ClosedClass::kNegation:
      return Tag::kNegation;
    case ClosedClass::kTo:
      return Tag::kTo;
    case ClosedClass::kParticle:
      return Tag::kParticle;
    case ClosedClass::kAdverb:
      return Tag::kAdverb;
    case ClosedClass::kNone:
      break;
  }
  return Tag::kUnknown;
}

bool nominal_tag(Tag t) {
  return t == Tag::kNoun || t == Tag::kProperNoun || t == Tag::kPronoun || t == Tag::kNumber;
}

}  // namespace

void tag_tokens(const SyntaxContext& ctx, std::vector<Token>& tokens, SentenceAnalysis& analysis,
                bool title_case) {
  const std::size_t n = tokens.size();
  analysis.token_mention.assign(n, -1);
  analysis.token_nominal.assign(n, -1);
  auto& ids = analysis.ids;
  auto& texts = analysis.texts;
  auto& words = analysis.words;
  ids.resize(n);
  texts.resize(n);
  words.resize(n);
  // Bound the cache: a long run over varied text must not grow without limit.
  constexpr std::size_t kMaxCachedWords = 1 << 18;
  if (analysis.word_cache.size() > kMaxCachedWords) analysis.word_cache.clear();
  for (std::size_t i = 0; i < n; ++i) {
    texts[i] = token_norm(tokens[i], ctx.arena);
    const WordAnalysis* cached = analysis.word_cache.find(texts[i]);
    if (cached == nullptr) {
      WordAnalysis w;
      w.norm = ctx.vocab.find(texts[i]);
      w.closed = static_cast<std::uint8_t>(ctx.lexicon.closed_class(texts[i]));
      w.noun_lemma = ctx.lexicon.noun_lemma(texts[i], ctx.vocab);
      auto verb = ctx.lexicon.verb_lemma(texts[i], ctx.vocab);
      if (verb.id == 0 && w.norm != 0) {
        if (std::uint32_t irregular = ctx.dictionary.irregular_verb(w.norm)) {
          verb = {irregular, VerbForm::kPast};
        }
      }
      w.verb_lemma = verb.id;
      w.verb_form = verb.form;
      w.pos_bits = ctx.lexicon.pos_bits(w.norm);
      cached = &analysis.word_cache.insert(texts[i], w);
    }
    words[i] = *cached;
    tokens[i].norm = words[i].norm;
    ids[i] = tokens[i].norm;
  }

  // Dictionary mentions: longest match; actors win ties with agents.
  for (std::size_t i = 0; i < n;) {
    std::string_view surface = tokens[i].span.in(ctx.text);
    bool lowercase_start =
        !surface.empty() && is_ascii_lower(static_cast<unsigned char>(surface[0]));
    bool allow_actor =
        title_case || !lowercase_start || surface.find('-') != std::string_view::npos;
    bool closed_start =
        lowercase_start && static_cast<ClosedClass>(words[i].closed) != ClosedClass::kNone;
    PhraseTrie::Match actor;
    if (closed_start) {
      // "us" the pronoun is not "US" the country; but a name that begins with
      // a function word ("the Shire", THE_SHIRE) matches when the word after
      // it is capitalized.
      std::string_view next = i + 1 < n ? tokens[i + 1].span.in(ctx.text) : std::string_view();
      if (!title_case && !next.empty() && is_ascii_upper(static_cast<unsigned char>(next[0]))) {
        actor = ctx.dictionary.actor_trie().longest(&ids[i], &texts[i], n - i);
        if (actor.length < 2) actor = {};
      }
    } else if (allow_actor) {
      actor = ctx.dictionary.actor_trie().longest(&ids[i], &texts[i], n - i);
    }
    PhraseTrie::Match agent = ctx.dictionary.agent_trie().longest(&ids[i], &texts[i], n - i);
    if (actor.length == 0 && agent.length == 0) {
      ++i;
      continue;
    }
    bool use_actor = actor.length >= agent.length && actor.length > 0;
    const auto& match = use_actor ? actor : agent;
    Mention mention{use_actor ? Mention::Kind::kActor : Mention::Kind::kAgent,
                    static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(i + match.length - 1),
                    match.value};
    auto index = static_cast<std::int32_t>(analysis.mentions.size());
    analysis.mentions.push_back(mention);
    for (std::size_t k = i; k < i + match.length; ++k) {
      analysis.token_mention[k] = index;
      tokens[k].flags |= kInActor;
    }
    i += match.length;
  }

  // Readings and closed classes.
  thread_local std::vector<Readings> readings;
  readings.assign(n, Readings{});
  for (std::size_t i = 0; i < n; ++i) {
    Token& token = tokens[i];
    std::string_view t = texts[i];
    token.tag = Tag::kUnknown;
    token.form = VerbForm::kNone;
    token.lemma = token.norm;
    if (analysis.token_mention[i] >= 0) {
      const Mention& m = analysis.mentions[static_cast<std::size_t>(analysis.token_mention[i])];
      token.tag = m.kind == Mention::Kind::kActor ? Tag::kProperNoun : Tag::kNoun;
      if (words[i].noun_lemma) token.lemma = words[i].noun_lemma;
      continue;
    }
    if (t == "'S") {
      token.tag = i > 0 && tokens[i - 1].tag == Tag::kPronoun ? Tag::kAuxiliary : Tag::kPossessive;
      continue;
    }
    if (t == "'" && i > 0 && texts[i - 1].ends_with("S") && nominal_tag(tokens[i - 1].tag)) {
      token.tag = Tag::kPossessive;
      continue;
    }
    if (t == "\"" || t == "'" || t == "`") {
      token.tag = Tag::kQuote;
      continue;
    }
    if (is_number(t)) {
      token.tag = Tag::kNumber;
      continue;
    }
    if (is_single_punct(t)) {
      token.tag = Tag::kPunct;
      continue;
    }
    auto cls = static_cast<ClosedClass>(words[i].closed);
    // "to celebrate May Day", "on May 5": the modal is never capitalized
    // inside a sentence, the month is.
    if (cls == ClosedClass::kModal && t == "MAY" && (token.flags & kCapitalized) != 0 &&
        !title_case && (token.flags & kLineStart) == 0 &&
        !(i > 0 && (tokens[i - 1].tag == Tag::kQuote || texts[i - 1] == ":"))) {
      token.tag = Tag::kProperNoun;
      continue;
    }
    if (cls != ClosedClass::kNone) {
      token.tag = tag_for_closed(cls);
      continue;
    }
    Readings& r = readings[i];
    r.noun_lemma = words[i].noun_lemma;
    r.verb_lemma = {words[i].verb_lemma, words[i].verb_form};
    r.noun = r.noun_lemma != 0;
    r.verb = r.verb_lemma.id != 0;
    std::uint8_t bits = words[i].pos_bits;
    r.adj = (bits & kPosAdj) != 0;
    r.adv = (bits & kPosAdv) != 0;
    bool capitalized = (token.flags & kCapitalized) != 0;
    bool line_start = (token.flags & kLineStart) != 0;
    bool after_quote = i > 0 && tokens[i - 1].tag == Tag::kQuote;
    if (capitalized && !title_case && !line_start && !after_quote &&
        !(i > 0 && texts[i - 1] == ":")) {
      token.tag = Tag::kProperNoun;
      continue;
    }
    if (!r.noun && !r.verb && !r.adj && !r.adv) {
      if (t.ends_with("LY")) {
        token.tag = Tag::kAdverb;
      } else if (capitalized && !line_start) {
        token.tag = Tag::kProperNoun;
      } else if (t.find('-') != std::string_view::npos) {
        token.tag = Tag::kAdjective;  // "Iran-backed", "long-running", "100-acre"
      } else {
        token.tag = capitalized ? Tag::kProperNoun : Tag::kNoun;
      }
    }
  }

  // A degree word ("most", "more", "least", "less") before an adverb, an
  // auxiliary, a modal or a negation is an adverb, not a determiner: "Romendacil
  // most certainly won't clash", "they more often than not".
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (tokens[i].tag != Tag::kDeterminer) continue;
    std::string_view t = texts[i];
    if (t != "MOST" && t != "MORE" && t != "LEAST" && t != "LESS") continue;
    Tag next = tokens[i + 1].tag;
    const Readings& r = readings[i + 1];
    bool adverb_only = next == Tag::kUnknown && r.adv && !r.noun && !r.verb && !r.adj;
    if (adverb_only || next == Tag::kAdverb || next == Tag::kAuxiliary || next == Tag::kModal ||
        next == Tag::kNegation) {
      tokens[i].tag = Tag::kAdverb;
    }
  }

  // Context decisions, left to right.
  auto effective_prev = [&](std::size_t i) -> int {
    int k = static_cast<int>(i) - 1;
    while (k >= 0 && tokens[static_cast<std::size_t>(k)].tag == Tag::kAdverb) --k;
    return k;
  };
  for (std::size_t i = 0; i < n; ++i) {
    Token& token = tokens[i];
    if (token.tag != Tag::kUnknown) continue;
    const Readings& r = readings[i];
    std::string_view t = texts[i];
    int p = effective_prev(i);
    Tag prev = p >= 0 ? tokens[static_cast<std::size_t>(p)].tag : Tag::kUnknown;
    std::string_view prev_text = p >= 0 ? texts[static_cast<std::size_t>(p)] : std::string_view();
    Tag next = i + 1 < n ? tokens[i + 1].tag : Tag::kPunct;
    std::string_view next_text = i + 1 < n ? texts[i + 1] : std::string_view();
    VerbForm form = r.verb_lemma.form;
    bool choose_verb = false;
    bool decided = false;
    bool prefer_adj = false;
    // A participle right after a main verb and before an adjective or noun
    // modifies that noun: "abandon improved economic relations".
    bool participle_before_noun =
        r.verb && prev == Tag::kVerb && p + 1 == static_cast<int>(i) &&
        (form == VerbForm::kPast || form == VerbForm::kPastParticiple) &&
        (next == Tag::kNoun || next == Tag::kAdjective ||
         (next == Tag::kUnknown && i + 1 < n && (readings[i + 1].adj || readings[i + 1].noun)));
    if (r.verb && r.adj && prev == Tag::kVerb && p + 1 == static_cast<int>(i) &&
        (form == VerbForm::kBase || form == VerbForm::kPresent3 || participle_before_noun)) {
      // Right after a main verb, a word that can be an adjective is one: "to
      // restore complete, full ties", "found clear evidence" (two bare verbs
      // in a row are rare; "help build" has no adjective reading).
      prefer_adj = true;
      decided = true;
    } else if (r.verb && r.adj && prev == Tag::kConjunction && p >= 1 &&
               tokens[static_cast<std::size_t>(p - 1)].tag == Tag::kAdjective &&
               (next == Tag::kNoun || next == Tag::kAdjective ||
                (next == Tag::kUnknown && i + 1 < n &&
                 (readings[i + 1].adj || readings[i + 1].noun)))) {
      // Joined by "and"/"or" to an adjective and followed by a noun, a word
      // that can be an adjective is one: "awful and cool minister".
      prefer_adj = true;
      decided = true;
    } else if (r.verb && !r.noun && !r.adj) {
      choose_verb = true;
      decided = true;
      // A bare participle between a determiner and a noun modifies it; a
      // gerund right after a determiner is a noun ("the reopening of").
      if ((prev == Tag::kDeterminer || prev == Tag::kPossessive) &&
          (form == VerbForm::kPast || form == VerbForm::kGerund) &&
          (next == Tag::kNoun || next == Tag::kProperNoun || next == Tag::kUnknown ||
           (form == VerbForm::kGerund && p + 1 == static_cast<int>(i)))) {
        choose_verb = false;
      }
      if (participle_before_noun) choose_verb = false;
    } else if (!r.verb) {
      decided = true;
    } else if (prev == Tag::kDeterminer || prev == Tag::kPossessive || prev == Tag::kAdjective ||
               prev == Tag::kNumber) {
      choose_verb = false;
      decided = true;
    } else if (prev == Tag::kTo) {
      choose_verb = form == VerbForm::kBase;
      decided = true;
    } else if (prev == Tag::kModal) {
      choose_verb = true;
      decided = true;
    } else if (prev == Tag::kAuxiliary) {
      bool do_form = prev_text == "DO" || prev_text == "DOES" || prev_text == "DID";
      choose_verb = do_form ? form == VerbForm::kBase
                            : (form == VerbForm::kPast || form == VerbForm::kGerund ||
                               form == VerbForm::kPastParticiple);
      decided = true;
    } else if (prev == Tag::kNegation) {
      choose_verb = true;
      decided = true;
    } else if (prev == Tag::kPreposition) {
      choose_verb = form == VerbForm::kGerund;
      decided = true;
    } else if (prev == Tag::kNoun || prev == Tag::kProperNoun || prev == Tag::kPronoun) {
      bool object_follows =
          next == Tag::kDeterminer || next == Tag::kProperNoun || next == Tag::kPronoun ||
          next == Tag::kNumber || next == Tag::kSubordinator || next == Tag::kTo ||
          (i + 1 < n && analysis.token_mention[i + 1] >= 0) || next_text == "THAT";
      if (form == VerbForm::kPast || form == VerbForm::kGerund || prev == Tag::kPronoun) {
        choose_verb = true;  // "he says", "it plans", "Iran fired"
      } else if (form == VerbForm::kPresent3) {
        // "phone calls to X" is a noun; "X calls Y" a verb. After a name
        // ("Iran holds talks"), a following noun or adjective is its object.
        bool after_name =
            prev == Tag::kProperNoun || analysis.token_mention[static_cast<std::size_t>(p)] >= 0;
        bool nominal_follows = i + 1 < n && (readings[i + 1].noun || readings[i + 1].adj);
        // "the U.S. plans to close": "to" + a verb is an infinitive complement.
        bool infinitive_follows = next == Tag::kTo && i + 2 < n && readings[i + 2].verb &&
                                  readings[i + 2].verb_lemma.form == VerbForm::kBase;
        // "Calenardhon crowds burned down its embassy": a past-tense verb
        // (not a noun) followed by a particle, determiner, preposition or name
        // is the verb, and this word the head of its subject.
        Tag after_next = i + 2 < n ? tokens[i + 2].tag : Tag::kPunct;
        bool verb_follows = i + 1 < n && readings[i + 1].verb && !readings[i + 1].noun &&
                            readings[i + 1].verb_lemma.form == VerbForm::kPast &&
                            (after_next == Tag::kParticle || after_next == Tag::kDeterminer ||
                             after_next == Tag::kPreposition || after_next == Tag::kPronoun ||
                             after_next == Tag::kProperNoun);
        choose_verb = !verb_follows && ((object_follows && next != Tag::kTo) ||
                                        infinitive_follows || (after_name && nominal_follows));
      } else {
        // Base form after a plural subject or pronoun: "militias fire", "they plan".
        bool plural_subject =
            prev == Tag::kPronoun ||
            (prev_text.ends_with("S") && (prev == Tag::kNoun || prev == Tag::kProperNoun));
        // "...that the government act decisively": a manner adverb follows a verb.
        bool adverb_follows =
            next == Tag::kAdverb || (i + 1 < n && readings[i + 1].adv && !readings[i + 1].noun &&
                                     !readings[i + 1].verb && texts[i + 1].ends_with("LY"));
        // ...unless the word is far more often a noun ("a U.S. general recently").
        bool verb_plausible =
            3 * ctx.lexicon.verb_count(r.verb_lemma.id) >= ctx.lexicon.noun_count(r.noun_lemma);
        choose_verb = (plural_subject && object_follows) || (adverb_follows && verb_plausible);
      }
      decided = true;
    }
    if (!decided) {
      if (form == VerbForm::kPast || form == VerbForm::kGerund) {
        choose_verb = true;
      } else if (r.noun) {
        std::uint32_t nc = ctx.lexicon.noun_count(r.noun_lemma);
        std::uint32_t vc = ctx.lexicon.verb_count(r.verb_lemma.id);
        choose_verb = vc > 2 * nc && form != VerbForm::kPresent3;
      } else {
        choose_verb = true;
      }
    }
    if (prefer_adj) {
      token.tag = Tag::kAdjective;
    } else if (choose_verb && r.verb) {
      token.tag = Tag::kVerb;
      token.form = form;
      token.lemma = r.verb_lemma.id;
    } else if (r.noun) {
      token.tag = Tag::kNoun;
      token.lemma = r.noun_lemma;
      // "full diplomatic ties": before another adjective too.
      bool adjective_follows =
          next == Tag::kAdjective || (next == Tag::kUnknown && i + 1 < n && readings[i + 1].adj &&
                                      !readings[i + 1].noun && !readings[i + 1].verb);
      if (r.adj && (next == Tag::kNoun || next == Tag::kProperNoun || adjective_follows) &&
          !t.ends_with("S")) {
        token.tag = Tag::kAdjective;
        token.lemma = token.norm;
      }
    } else if (r.adj) {
      token.tag = Tag::kAdjective;
    } else if (r.adv) {
      token.tag = Tag::kAdverb;
    } else {
      token.tag = Tag::kNoun;
    }
  }

  // "that": complementizer, relative pronoun or determiner.
  for (std::size_t i = 0; i < n; ++i) {
    if (texts[i] != "THAT") continue;
    Tag next = i + 1 < n ? tokens[i + 1].tag : Tag::kPunct;
    Tag prev = i > 0 ? tokens[i - 1].tag : Tag::kUnknown;
    if (next == Tag::kVerb || next == Tag::kAuxiliary || next == Tag::kModal ||
        (next == Tag::kAdverb && i + 2 < n && tokens[i + 2].tag == Tag::kVerb)) {
      tokens[i].tag =
          (prev == Tag::kNoun || prev == Tag::kProperNoun) ? Tag::kWh : Tag::kSubordinator;
    } else if (next == Tag::kNoun && prev != Tag::kVerb && i + 2 < n &&
               tokens[i + 2].tag != Tag::kVerb && tokens[i + 2].tag != Tag::kAuxiliary &&
               tokens[i + 2].tag != Tag::kModal) {
      tokens[i].tag = Tag::kDeterminer;
    }
  }

  // Event nouns: the nominal dictionary, on noun heads.
  const auto& nominals = ctx.dictionary.nominal_trie();
  for (std::size_t i = 0; i < n; ++i) {
    if (!(tokens[i].tag == Tag::kNoun || tokens[i].tag == Tag::kAdjective ||
          tokens[i].tag == Tag::kProperNoun)) {
      continue;
    }
    PhraseTrie::Match match = nominals.longest(&ids[i], &texts[i], n - i);
    if (match.length == 0) continue;
    std::size_t last = i + match.length - 1;
    if (tokens[last].tag != Tag::kNoun) continue;
    auto index = static_cast<std::int32_t>(analysis.mentions.size());
    analysis.mentions.push_back({Mention::Kind::kNominal, static_cast<std::uint16_t>(i),
                                 static_cast<std::uint16_t>(last), match.value});
    for (std::size_t k = i; k <= last; ++k) analysis.token_nominal[k] = index;
    i = last;
  }
}

}  // namespace tigris
