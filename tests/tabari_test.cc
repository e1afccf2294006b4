// Tests of the TABARI 0.8 dictionary reader (src/dict/tabari.cc): one small
// hand-written snippet per construct of the manual's chapters 5, 6 and 8,
// checked against the Dictionary model it must produce or the note it must
// leave; then a whole-pipeline story coded with a TABARI-only dictionary set,
// and the full GLOBALNET and CAMEO sets from ../shared (skipped when absent).
#include "dict/tabari.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/vocab.h"
#include "dict/dictionary.h"
#include "lexicon/lexicon.h"
#include "tigris/pipeline.h"

namespace tigris {
namespace {

#ifndef TIGRIS_TEST_WORDNET_DIR
#define TIGRIS_TEST_WORDNET_DIR "/usr/share/wordnet"
#endif
#ifndef TIGRIS_TEST_SHARED_DIR
#define TIGRIS_TEST_SHARED_DIR "../shared"
#endif

std::vector<std::string> split_words(std::string_view phrase) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < phrase.size()) {
    std::size_t space = phrase.find(' ', pos);
    if (space == std::string_view::npos) space = phrase.size();
    if (space > pos) words.emplace_back(phrase.substr(pos, space - pos));
    pos = space + 1;
  }
  return words;
}

class TabariTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    vocab_ = new Vocabulary();
    auto lexicon = Lexicon::load(TIGRIS_TEST_WORDNET_DIR, *vocab_);
    ASSERT_TRUE(lexicon.is_ok()) << lexicon.status().to_string();
    lexicon_ = new std::shared_ptr<Lexicon>(lexicon.value());
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    delete vocab_;
    lexicon_ = nullptr;
    vocab_ = nullptr;
  }

  Vocabulary& vocab() { return *vocab_; }
  const Lexicon& lexicon() { return **lexicon_; }

  // Builds from one inline file (lenient, as user dictionaries are read).
  std::unique_ptr<Dictionary> build(std::string_view content, const std::string& path,
                                    DictionaryKind kind, std::vector<LoadNote>* notes = nullptr,
                                    bool lenient = true) {
    DictionaryBuilder builder(vocab(), lexicon());
    builder.set_lenient(lenient);
    Status status = builder.add_text(content, path, kind);
    EXPECT_TRUE(status.is_ok()) << status.to_string();
    if (notes) *notes = builder.notes();
    return builder.finish();
  }

  Status strict_error(std::string_view content, const std::string& path, DictionaryKind kind) {
    DictionaryBuilder builder(vocab(), lexicon());
    return builder.add_text(content, path, kind);
  }

  PhraseTrie::Match lookup(const PhraseTrie& trie, std::string_view sentence) {
    std::vector<std::string> words = split_words(sentence);
    std::vector<std::uint32_t> ids;
    std::vector<std::string_view> texts;
    for (const auto& w : words) {
      ids.push_back(vocab().find(w));
      texts.emplace_back(w);
    }
    return trie.longest(ids.data(), texts.data(), words.size());
  }

  // The actor a whole phrase names, or nullptr.
  const ActorEntry* actor(const Dictionary& dict, std::string_view phrase) {
    auto match = lookup(dict.actor_trie(), phrase);
    if (match.length != split_words(phrase).size() || match.value == PhraseTrie::kNoValue)
      return nullptr;
    return &dict.actors()[match.value];
  }

  std::string code_on(const Dictionary& dict, std::string_view phrase, std::int32_t ymd) {
    const ActorEntry* a = actor(dict, phrase);
    if (!a) return "(no actor)";
    return std::string(dict.actor_code(*a, ymd, ymd));
  }

  // Notes whose reason contains `part`.
  static std::vector<LoadNote> notes_with(const std::vector<LoadNote>& notes,
                                          std::string_view part) {
    std::vector<LoadNote> out;
    for (const auto& n : notes) {
      if (n.reason.find(part) != std::string::npos) out.push_back(n);
    }
    return out;
  }

  // The block of the verb whose lemma is `lemma` (upper case), or nullptr.
  const VerbBlock* block_of(const Dictionary& dict, std::string_view lemma) {
    const auto& entries = dict.verbs_for_lemma(vocab().find(lemma));
    if (entries.empty()) return nullptr;
    return &dict.verb_blocks()[dict.verbs()[entries.front()].block];
  }

  std::uint32_t id(std::string_view word) { return vocab().find(word); }

  static Vocabulary* vocab_;
  static std::shared_ptr<Lexicon>* lexicon_;
};

Vocabulary* TabariTest::vocab_ = nullptr;
std::shared_ptr<Lexicon>* TabariTest::lexicon_ = nullptr;

// ------------------------------------------------------------------ file kinds

TEST(TabariKinds, ExtensionsNameTheKind) {
  EXPECT_EQ(dictionary_kind_from_name("CAMEO.080612.verbs"), DictionaryKind::kTabariVerbs);
  EXPECT_EQ(dictionary_kind_from_name("Levant.080629.actors"), DictionaryKind::kTabariActors);
  EXPECT_EQ(dictionary_kind_from_name("PSU.120522.agents"), DictionaryKind::kTabariAgents);
  EXPECT_EQ(dictionary_kind_from_name("CAMEO.09b5.options"), DictionaryKind::kTabariOptions);
  EXPECT_EQ(dictionary_kind_from_name("x.VERBS"), DictionaryKind::kTabariVerbs);
  // PETRARCH names keep their kinds; a project file is no dictionary.
  EXPECT_EQ(dictionary_kind_from_name("Phoenix.Countries.actors.txt"), DictionaryKind::kActors);
  EXPECT_EQ(dictionary_kind_from_name("Levant.AFP.11.11.project"), DictionaryKind::kUnknown);
}

TEST(TabariKinds, VerbsLayoutFromContent) {
  EXPECT_TRUE(looks_like_tabari_verbs("# c\nPROTEST [140]\n- * OUTSIDE_ EMBASSY [1411]\n"));
  EXPECT_FALSE(looks_like_tabari_verbs("--- PROTEST [140] ---\nPROTEST\n- * AGAINST + [140]\n"));
  EXPECT_FALSE(looks_like_tabari_verbs("PROTEST [140]\nDEMONSTRATE [141]\n"));  // no pattern
}

// ------------------------------------------------------------------ actors

TEST_F(TabariTest, ActorPhraseCodeAndComment) {
  auto dict = build("ZEMBLA_ [ZMB] ; coder 01 Jan 2001\nMORDAV [MRD]\n", "t.actors",
                    DictionaryKind::kTabariActors);
  ASSERT_NE(actor(*dict, "ZEMBLA"), nullptr);
  EXPECT_EQ(actor(*dict, "ZEMBLA")->default_code, "ZMB");
  EXPECT_EQ(actor(*dict, "ZEMBLA")->line, 1u);
  // A whole last word also takes the regular plural; a stem any ending.
  EXPECT_NE(actor(*dict, "ZEMBLAS"), nullptr);
  EXPECT_EQ(actor(*dict, "ZEMBLANS"), nullptr);
  ASSERT_NE(actor(*dict, "MORDAVIAN"), nullptr);
  EXPECT_EQ(actor(*dict, "MORDAVIAN")->default_code, "MRD");
}

TEST_F(TabariTest, DateRestrictionsOnOneLineAndOnIndentedLines) {
  auto dict = build(
      "KARL_OTTO_ [ZMBGOV <950630] [ZMBELI]\n"
      "ANNA_BEL_\n"
      "+A._BEL_\n"
      "\t[MRD <900101]\n"
      "  [MRDGOV 900101 - 991231] ; spaces around the dash\n"
      "\t[MRDOPP >000101]\n"
      "OLD_MAN_ [MRDELI 250101-840330]\n",
      "t.actors", DictionaryKind::kTabariActors);
  EXPECT_EQ(code_on(*dict, "KARL OTTO", 19950630), "ZMBGOV");  // "<" includes the day
  EXPECT_EQ(code_on(*dict, "KARL OTTO", 19950701), "ZMBELI");  // the default
  EXPECT_EQ(code_on(*dict, "ANNA BEL", 19891231), "MRD");
  EXPECT_EQ(code_on(*dict, "A. BEL", 19950101), "MRDGOV");    // the synonym shares the codes
  EXPECT_EQ(code_on(*dict, "ANNA BEL", 20000101), "MRDOPP");  // ">" includes the day; 00 is 2000
  // No default and no range holds: no code (TABARI's implicit null code).
  const ActorEntry* anna = actor(*dict, "ANNA BEL");
  ASSERT_NE(anna, nullptr);
  EXPECT_EQ(anna->default_code, "");
  EXPECT_EQ(anna->dated.size(), 3u);
  // 25 would be 2025 by the 2030 pivot, after the end: 1925.
  EXPECT_EQ(code_on(*dict, "OLD MAN", 19600101), "MRDELI");
}

TEST_F(TabariTest, SpecialActorCodes) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "ZEMBLA_OCCUPIED_ [---]\n"
      "FOOTBALL_LEAGUE_ [###]\n"
      "GEORGIA_ [+++]\n"
      "TWIN_STATES_ [ZMB/MRD]\n"
      "EAST_ZEMBLA_ [EZM <901003] [---]\n"
      "OLD_RULER_ [### <890120] [ZMB]\n"
      "ETHNIC_GROUP_ [abc]\n",
      "t.actors", DictionaryKind::kTabariActors, &notes);
  // Null code: the phrase is an actor mention that codes nothing.
  ASSERT_NE(actor(*dict, "ZEMBLA OCCUPIED"), nullptr);
  EXPECT_EQ(code_on(*dict, "ZEMBLA OCCUPIED", 20200101), "");
  EXPECT_EQ(code_on(*dict, "EAST ZEMBLA", 19900101), "EZM");
  EXPECT_EQ(code_on(*dict, "EAST ZEMBLA", 19910101), "");
  // Discard: a discard phrase, not an actor.
  EXPECT_EQ(actor(*dict, "FOOTBALL LEAGUE"), nullptr);
  auto discard = lookup(dict->discard_trie(), "FOOTBALL LEAGUE");
  ASSERT_EQ(discard.length, 2u);
  EXPECT_FALSE(dict->discards()[discard.value].whole_story);
  // Complex: read as no actor, noted.
  EXPECT_EQ(code_on(*dict, "GEORGIA", 20200101), "");
  EXPECT_EQ(notes_with(notes, "complex code [+++]").size(), 1u);
  // Coded compound actor: the first code, noted.
  EXPECT_EQ(code_on(*dict, "TWIN STATES", 20200101), "ZMB");
  auto compound = notes_with(notes, "coded compound actor ZMB/MRD");
  ASSERT_EQ(compound.size(), 1u);
  EXPECT_EQ(compound[0].line, 4u);
  EXPECT_EQ(compound[0].file, "t.actors");
  // A dated discard is no actor in its period, the default after it.
  EXPECT_EQ(code_on(*dict, "OLD RULER", 19880101), "");
  EXPECT_EQ(code_on(*dict, "OLD RULER", 19900101), "ZMB");
  EXPECT_EQ(notes_with(notes, "dated discard code").size(), 1u);
  EXPECT_EQ(code_on(*dict, "ETHNIC GROUP", 20200101), "ABC");
}

TEST_F(TabariTest, NounAndAdjectiveListsAreOneNoteEach) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "ZEMBLA_ [ZMB]\n"
      "<NOUN>\n"
      "AGREEMENT_\n"
      "ADVISER_ ; x\n"
      "</NOUN>\n"
      "<ADJECTIVE>\n"
      "ACTUAL_\n"
      "</ADJECTIVE>\n"
      "MORDAVIA_ [MRD]\n",
      "t.actors", DictionaryKind::kTabariActors, &notes);
  EXPECT_EQ(actor(*dict, "AGREEMENT"), nullptr);
  EXPECT_NE(actor(*dict, "MORDAVIA"), nullptr);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].line, 2u);
  EXPECT_NE(notes[0].reason.find("<NOUN> list of 2 phrase(s)"), std::string::npos);
  EXPECT_EQ(notes[1].line, 6u);
  EXPECT_NE(notes[1].reason.find("<ADJECTIVE> list of 1"), std::string::npos);
}

TEST_F(TabariTest, FinishMarkEndsTheFile) {
  std::vector<LoadNote> notes;
  auto dict = build("ZEMBLA_ [ZMB]\n~~FINISH 12:00 Mon\n\nMORDAVIA_ [MRD]\n", "t.actors",
                    DictionaryKind::kTabariActors, &notes);
  EXPECT_NE(actor(*dict, "ZEMBLA"), nullptr);
  EXPECT_EQ(actor(*dict, "MORDAVIA"), nullptr);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].line, 4u);
  EXPECT_NE(notes[0].reason.find("after TABARI's end mark ~~FINISH"), std::string::npos);
}

TEST_F(TabariTest, MalformedActorLines) {
  // Strict: the first bad line is an error naming file, line and text.
  Status status = strict_error("ZEMBLA_ [ZMB]\nMORDAVIA_ [MRD <991340]\n", "bad.actors",
                               DictionaryKind::kTabariActors);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.file(), "bad.actors");
  EXPECT_EQ(status.line(), 2u);
  EXPECT_NE(status.message().find("bad date"), std::string::npos);
  status = strict_error("ZEMBLA_ [ZMB\n", "bad.actors", DictionaryKind::kTabariActors);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("missing ']'"), std::string::npos);
  status = strict_error("ZEMBLA_\n", "bad.actors", DictionaryKind::kTabariActors);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("without a [code]"), std::string::npos);
  // Lenient: a malformed phrase line is noted, and the code line under it
  // does not join the record before it.
  std::vector<LoadNote> notes;
  auto dict = build("ZEMBLA_ [ZMB]\nMORDAVIA_ [MRD\n\t[MRDGOV >100101]\n", "bad.actors",
                    DictionaryKind::kTabariActors, &notes);
  EXPECT_EQ(code_on(*dict, "ZEMBLA", 20200101), "ZMB");
  EXPECT_EQ(actor(*dict, "ZEMBLA")->dated.size(), 0u);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].line, 2u);
  EXPECT_EQ(notes[1].line, 3u);
}

// Found by the dictionary fuzzer (built with the library instrumented): a long
// run of digits overflowed the PETRARCH date parser. Both readers must call it
// a bad date (an overflow shows under the sanitizer build of scripts/test).
TEST_F(TabariTest, LongDigitRunsAreBadDatesNotOverflows) {
  Status tabari =
      strict_error("ZEMBLA_ [ZMB >20180422261234]\n", "t.actors", DictionaryKind::kTabariActors);
  ASSERT_FALSE(tabari.is_ok());
  EXPECT_NE(tabari.message().find("bad date"), std::string::npos);
  Status petrarch =
      strict_error("ZEMBLA_ [ZMB >20180422261234]\n", "t.actors.txt", DictionaryKind::kActors);
  ASSERT_FALSE(petrarch.is_ok());
  EXPECT_NE(petrarch.message().find("bad date"), std::string::npos);
}

// ------------------------------------------------------------------ agents

TEST_F(TabariTest, Agents) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "POLICE_CHIEF_ [~COP] ; x\n"
      "RIGHTS_BODY_ [NGO~]\n"
      "MILITIA [~REB]\n"
      "OPPOSITION_FORCE_ [~OPPUAF]\t[~2034]\n",
      "t.agents", DictionaryKind::kTabariAgents, &notes);
  auto match = lookup(dict->agent_trie(), "POLICE CHIEF");
  ASSERT_EQ(match.length, 2u);
  EXPECT_EQ(dict->agents()[match.value].code, "COP");
  EXPECT_FALSE(dict->agents()[match.value].before_country);
  EXPECT_EQ(lookup(dict->agent_trie(), "POLICE CHIEFS").length, 2u);  // regular plural
  match = lookup(dict->agent_trie(), "RIGHTS BODIES");
  ASSERT_EQ(match.length, 2u);
  EXPECT_TRUE(dict->agents()[match.value].before_country);
  EXPECT_EQ(dict->agents()[match.value].code, "NGO");
  EXPECT_EQ(lookup(dict->agent_trie(), "MILITIAMEN").length, 1u);  // a stem
  auto extra = notes_with(notes, "second agent code [~2034] ignored");
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(extra[0].line, 4u);
  Status status = strict_error("POLICE_ [COP]\n", "t.agents", DictionaryKind::kTabariAgents);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("'~'"), std::string::npos);
}

// ------------------------------------------------------------------ verbs

TEST_F(TabariTest, RootsAndPatterns) {
  auto dict = build(
      "DEPLOR [122] ; a stem\n"
      "- * TRUCE_ VIOLATION_ [---]\n"
      "- * OUTPOST_ IN_ + [0874]\n"
      "- * CONDUCT_ OF_ ELECTION_ [1121]\n"
      "- + * BY_ $ [122]\n",
      "t.verbs", DictionaryKind::kTabariVerbs);
  const VerbBlock* block = block_of(*dict, "DEPLORE");  // the stem found its verb
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->code, "122");
  ASSERT_EQ(block->patterns.size(), 4u);
  auto find = [&](std::string_view code) -> const VerbPattern* {
    for (const auto& p : block->patterns) {
      if (p.code == code) return &p;
    }
    return nullptr;
  };
  const VerbPattern* truce = find("---");
  ASSERT_NE(truce, nullptr);
  ASSERT_EQ(truce->after.size(), 2u);  // two words, each to be found after the verb
  EXPECT_EQ(truce->after[0].kind, PatternElement::Kind::kWords);
  EXPECT_EQ(truce->after[0].alternatives, std::vector<std::vector<std::uint32_t>>{{id("TRUCE")}});
  EXPECT_EQ(truce->line, 2u);
  const VerbPattern* outpost = find("0874");
  ASSERT_NE(outpost, nullptr);
  ASSERT_EQ(outpost->after.size(), 2u);
  EXPECT_EQ(outpost->after[1].kind, PatternElement::Kind::kPrep);  // "IN_ +": (IN +)
  EXPECT_EQ(outpost->after[1].preposition, id("IN"));
  EXPECT_TRUE(outpost->after[1].prep_target);
  const VerbPattern* conduct = find("1121");
  ASSERT_NE(conduct, nullptr);
  ASSERT_EQ(conduct->after.size(), 2u);  // CONDUCT, (OF ELECTION)
  EXPECT_EQ(conduct->after[1].kind, PatternElement::Kind::kPrep);
  EXPECT_EQ(conduct->after[1].alternatives,
            std::vector<std::vector<std::uint32_t>>{{id("ELECTION")}});
  const VerbPattern* by = find("122");
  ASSERT_NE(by, nullptr);
  ASSERT_EQ(by->before.size(), 1u);
  EXPECT_EQ(by->before[0].kind, PatternElement::Kind::kTarget);
  ASSERT_EQ(by->after.size(), 1u);
  EXPECT_TRUE(by->after[0].prep_source);
}

TEST_F(TabariTest, InflectedAndMultiWordRootsAndIrregularForms) {
  auto dict = build(
      "KILLED_ [180]\n"
      "- * IN_ ACCIDENT_ [###]\n"
      "ANGERED_BY_ [110]\n"
      "SHAKE_ [---]\n"
      "{SHOOK_ SHAKEN_}\n"
      "- * HANDS_ [043]\n",
      "t.verbs", DictionaryKind::kTabariVerbs);
  const VerbBlock* kill = block_of(*dict, "KILL");
  ASSERT_NE(kill, nullptr);
  EXPECT_EQ(kill->code, "180");
  ASSERT_EQ(kill->patterns.size(), 1u);
  EXPECT_EQ(kill->patterns[0].code, "---");  // a discard pattern codes nothing
  const auto& anger = dict->verbs_for_lemma(id("ANGER"));
  ASSERT_EQ(anger.size(), 1u);
  EXPECT_EQ(dict->verbs()[anger[0]].particles, std::vector<std::uint32_t>{id("BY")});
  EXPECT_EQ(dict->irregular_verb(id("SHOOK")), id("SHAKE"));
}

TEST_F(TabariTest, SameVerbTwiceJoinsTheFirstRoot) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "BEGIN_ [---]\n"
      "- * TALKS_ [046]\n"
      "BEGUN_ [010]\n"
      "- * DIALOGUE_ [046]\n",
      "t.verbs", DictionaryKind::kTabariVerbs, &notes);
  EXPECT_EQ(dict->verbs_for_lemma(id("BEGIN")).size(), 1u);
  const VerbBlock* begin = block_of(*dict, "BEGIN");
  ASSERT_NE(begin, nullptr);
  EXPECT_EQ(begin->patterns.size(), 2u);
  auto merged = notes_with(notes, "same verb as root BEGIN");
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].line, 3u);
}

TEST_F(TabariTest, AlternativesAndSynsets) {
  auto dict = build(
      "<SYNSETS>\n"
      "&AIDKIND\n"
      "+FOOD_\n"
      "+MEDICINE_\n"
      "&HELP\n"
      "+&AIDKIND_AID_\n"
      "+LOANS_\n"
      "</SYNSETS>\n"
      "SEND [070]\n"
      "- * { TROOPS_ | SOLDIERS_ } TO_ + [0874]\n"
      "- * &HELP [073]\n",
      "t.verbs", DictionaryKind::kTabariVerbs);
  const VerbBlock* send = block_of(*dict, "SEND");
  ASSERT_NE(send, nullptr);
  std::vector<std::vector<std::uint32_t>> troops, help;
  for (const auto& p : send->patterns) {
    ASSERT_FALSE(p.after.empty());
    auto& into = p.code == "0874" ? troops : help;
    into.push_back(p.after[0].alternatives.front());
  }
  std::sort(troops.begin(), troops.end());
  std::vector<std::vector<std::uint32_t>> want_troops{{id("TROOPS")}, {id("SOLDIERS")}};
  std::sort(want_troops.begin(), want_troops.end());
  EXPECT_EQ(troops, want_troops);
  std::sort(help.begin(), help.end());
  std::vector<std::vector<std::uint32_t>> want_help{
      {id("FOOD"), id("AID")}, {id("MEDICINE"), id("AID")}, {id("LOANS")}};
  std::sort(want_help.begin(), want_help.end());
  EXPECT_EQ(help, want_help);
}

TEST_F(TabariTest, StemsInPatternsMatchLemmasThatBeginWithThem) {
  auto dict =
      build("OBSTRUCT_ [---]\n- * PEACEKEEP [1124]\n", "t.verbs", DictionaryKind::kTabariVerbs);
  const VerbBlock* block = block_of(*dict, "OBSTRUCT");
  ASSERT_NE(block, nullptr);
  ASSERT_EQ(block->patterns.size(), 1u);
  const auto& alts = block->patterns[0].after[0].alternatives;
  auto has = [&](std::string_view w) {
    return std::find(alts.begin(), alts.end(), std::vector<std::uint32_t>{id(w)}) != alts.end();
  };
  EXPECT_TRUE(has("PEACEKEEPING"));
  EXPECT_TRUE(has("PEACEKEEPER"));
}

TEST_F(TabariTest, PatternCodesAndUnsupportedTokens) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "MEET_ [040:040]\n"              // line 1: a paired code on the root
      "- % * IN_ [043]\n"              // 2: compound token dropped
      "- * IN_ ^ WITH_ + [036:036]\n"  // 3: the actor after IN_ is skipped
      "- * SECRETLY_ [041!]\n"         // 4: dominant marker
      "- WILL * [030]\n"               // 5: function word: not loaded
      "- * BEHIND_ DOORS_ [:043]\n"    // 6: only the reverse event
      "- NEVER_ * [+++]\n",            // 7: not loaded (NEVER)
      "t.verbs", DictionaryKind::kTabariVerbs, &notes);
  const VerbBlock* meet = block_of(*dict, "MEET");
  ASSERT_NE(meet, nullptr);
  EXPECT_EQ(meet->code, "040");
  std::vector<std::uint32_t> lines;
  for (const auto& p : meet->patterns) lines.push_back(p.line);
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{1, 2, 3, 4, 6}));
  for (const auto& p : meet->patterns) {
    if (p.line == 1) {
      EXPECT_TRUE(p.before.empty() && p.after.empty());
      EXPECT_EQ(p.paired_code, "040");
    }
    if (p.line == 3) {
      EXPECT_EQ(p.paired_code, "036");
      ASSERT_EQ(p.after.size(), 2u);  // (IN ^) and (WITH +)
      EXPECT_TRUE(p.after[0].prep_skip);
      EXPECT_FALSE(p.after[0].prep_target);
      EXPECT_TRUE(p.after[1].prep_target);
    }
    if (p.line == 4) EXPECT_EQ(p.code, "041");
    if (p.line == 6) {
      EXPECT_EQ(p.code, "---");
      EXPECT_EQ(p.paired_code, "043");
    }
  }
  auto lines_of = [&](std::string_view part) {
    std::vector<std::size_t> out;
    for (const auto& n : notes_with(notes, part)) out.push_back(n.line);
    return out;
  };
  EXPECT_EQ(lines_of("'%' (compound actor)"), std::vector<std::size_t>{2});
  EXPECT_TRUE(lines_of("'^'").empty());  // read: a skipped actor
  EXPECT_EQ(lines_of("dominant code marker"), std::vector<std::size_t>{4});
  EXPECT_EQ(lines_of("function word WILL"), std::vector<std::size_t>{5});
  EXPECT_EQ(lines_of("function word NEVER"), std::vector<std::size_t>{7});
}

TEST_F(TabariTest, VariantsAreReportedOncePerLine) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "ATTACK_ [190]\n"
      "- + { WAS | BEEN } * BY_ $ [190]\n"      // 2: no variant loads
      "- % * { TROOPS_ | WOULD_ } [193]\n"      // 3: one of two loads
      "- ^ * { CONVOY_ | PATROL_ } % [195]\n",  // 4: both load, '%' noted once
      "t.verbs", DictionaryKind::kTabariVerbs, &notes);
  const VerbBlock* attack = block_of(*dict, "ATTACK");
  ASSERT_NE(attack, nullptr);
  std::vector<std::uint32_t> lines;
  for (const auto& p : attack->patterns) lines.push_back(p.line);
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{3, 4, 4}));
  std::vector<std::size_t> noted;
  for (const auto& n : notes) noted.push_back(n.line);
  EXPECT_EQ(noted, (std::vector<std::size_t>{2, 3, 3, 4}));
  EXPECT_EQ(notes_with(notes, "(1 of its 2 variants)").size(), 1u);
  Status status = strict_error("ATTACK_ [190]\n- + { WAS | WERE ] * BY_ $ [190]\n", "t.verbs",
                               DictionaryKind::kTabariVerbs);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("missing '}'"), std::string::npos);
}

TEST_F(TabariTest, TimeSectionAndMalformedVerbLines) {
  std::vector<LoadNote> notes;
  auto dict = build("PROTEST [140]\n<TIME>\nyesterday [-1]\n</TIME>\n", "t.verbs",
                    DictionaryKind::kTabariVerbs, &notes);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].line, 2u);
  EXPECT_NE(notes[0].reason.find("<TIME> list of 1"), std::string::npos);
  Status status = strict_error("- * TRUCE [196]\n", "t.verbs", DictionaryKind::kTabariVerbs);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("before any verb root"), std::string::npos);
  status = strict_error("PROTEST [140]\n- OUTSIDE EMBASSY [1411]\n", "t.verbs",
                        DictionaryKind::kTabariVerbs);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.line(), 2u);
  EXPECT_NE(status.message().find("without '*'"), std::string::npos);
  status = strict_error("PROTEST [14%]\n", "t.verbs", DictionaryKind::kTabariVerbs);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("malformed event code"), std::string::npos);
  // Lenient: an undefined synset drops its pattern with a note.
  dict =
      build("PROTEST [140]\n- * &NOWHERE [141]\n", "t.verbs", DictionaryKind::kTabariVerbs, &notes);
  EXPECT_EQ(notes_with(notes, "undefined synset &NOWHERE").size(), 1u);
}

TEST_F(TabariTest, TabariVerbsNamedLikePetrarchFiles) {
  // "*.verbs.txt" is a PETRARCH name; the content decides the reader.
  auto dict = build("PROTEST [140]\n- * OUTSIDE_ EMBASSY_ [1411]\n", "old.verbs.txt",
                    DictionaryKind::kVerbs);
  const VerbBlock* block = block_of(*dict, "PROTEST");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->code, "140");
  EXPECT_EQ(block->patterns.size(), 1u);
}

// ------------------------------------------------------------------ options

TEST_F(TabariTest, OptionsDirectivesAreEachReportedOnce) {
  std::vector<LoadNote> notes;
  auto dict = build(
      "// comment\n"
      "COMPLEX: VERBS[5] NOACTPRIOR # comment\n"
      "DEFAULT: SOURCE [SRC] TARGET: [TGT]\n"
      "SET: MINIMUM WORDS = 4\n"
      "//SET: CODE ALL\n"
      "LABEL: 01=MAKE STATEMENT\n"
      "LABEL: 010=Make statement\n"
      "~~~~~\n",
      "t.options", DictionaryKind::kTabariOptions, &notes);
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[0].line, 2u);
  EXPECT_NE(notes[0].reason.find("COMPLEX"), std::string::npos);
  EXPECT_EQ(notes[1].line, 3u);
  EXPECT_NE(notes[1].reason.find("DEFAULT"), std::string::npos);
  EXPECT_EQ(notes[2].line, 4u);
  EXPECT_EQ(notes[3].line, 6u);
  EXPECT_NE(notes[3].reason.find("2 LABEL line(s) (lines 6-7)"), std::string::npos);
}

// ------------------------------------------------------------------ folders and the pipeline

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tigris-tabari-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  void write(const std::string& name, std::string_view content) const {
    std::ofstream(path_ + "/" + name) << content;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_F(TabariTest, FolderOfTabariFiles) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.write("t.actors", "ZEMBLA_ [ZMB]\n");
  dir.write("t.verbs", "DEPLOR [122]\n");
  dir.write("t.project", "<actorsfile> t.actors\n");
  DictionaryBuilder builder(vocab(), lexicon());
  builder.set_lenient(true);
  ASSERT_TRUE(builder.add_directory(dir.path()).is_ok());
  auto notes = builder.notes();
  auto dict = builder.finish();
  EXPECT_NE(actor(*dict, "ZEMBLA"), nullptr);
  EXPECT_NE(block_of(*dict, "DEPLORE"), nullptr);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].file.find("t.project"), std::string::npos);
  EXPECT_NE(notes[0].reason.find("TABARI project file"), std::string::npos);
}

TEST_F(TabariTest, PipelineCodesWithTabariDictionariesAlone) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  dir.write("t.actors",
            "ZEMBLA_ [ZMB]\n"
            "MORDAVIA_ [MRD]\n"
            "KARL_OTTO_\n"
            "\t[ZMBGOV 180101-201231]\n"
            "\t[ZMBELI]\n");
  dir.write("t.verbs", "DENOUNC [111]\n- * + TREATY_ [1121]\n");
  dir.write("t.options", "COMPLEX: VERBS[6]\n");
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.replace_default_dictionaries = true;
  options.dictionary_dirs = {dir.path()};
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  const Pipeline& pipeline = *loaded.value();
  ASSERT_EQ(pipeline.load_notes().size(), 1u);  // the COMPLEX directive
  Workspace workspace;
  Story story;
  story.id = "t";
  story.date = "2019-05-02";
  story.text = "Karl Otto denounced Mordavia on Monday.";
  CodedStory coded = pipeline.code(story, workspace);
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].source.code, "ZMBGOV");
  ASSERT_TRUE(coded.events[0].target.has_value());
  EXPECT_EQ(coded.events[0].target->code, "MRD");
  EXPECT_EQ(coded.events[0].cameo, "111");
  story.date = "2022-05-02";  // after the dated range: the default code
  coded = pipeline.code(story, workspace);
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(coded.events[0].source.code, "ZMBELI");
}

// ------------------------------------------------------------------ the full sets (../shared)

TEST_F(TabariTest, FullGlobalnetAndCameoSetsLoad) {
  const std::string dir = std::string(TIGRIS_TEST_SHARED_DIR) + "/data/tabari-dictionaries";
  if (!std::filesystem::exists(dir + "/GLOBALNET.131001.actors")) {
    GTEST_SKIP() << dir << " not found (TABARI dictionaries live outside the repository)";
  }
  DictionaryBuilder builder(vocab(), lexicon());
  builder.set_lenient(true);
  for (const char* name : {"GLOBALNET.131001.actors", "GLOBALNET.131001.agents",
                           "GLOBALNET.131001.verbs", "GLOBALNET.131001.options"}) {
    std::string path = dir + "/" + name;
    ASSERT_TRUE(builder.add_file(path, dictionary_kind_from_name(name)).is_ok()) << path;
  }
  auto dict = builder.finish();
  // GDELT's set: ~35.8k actors and ~15.7k verb patterns by TABARI's count.
  EXPECT_GT(dict->actors().size(), 34000u);
  EXPECT_GT(dict->agents().size(), 2000u);
  std::size_t patterns = 0;
  for (const auto& block : dict->verb_blocks()) patterns += block.patterns.size();
  EXPECT_GT(patterns, 10000u);
  // SERGEY_STEPASHIN_ [RUSELI 700101-990512] [RUSGOV 990512-990809] [RUSELI]
  EXPECT_EQ(code_on(*dict, "SERGEY STEPASHIN", 19990601), "RUSGOV");
  EXPECT_EQ(code_on(*dict, "SERGEY STEPASHIN", 20050601), "RUSELI");

  DictionaryBuilder cameo(vocab(), lexicon());
  cameo.set_lenient(true);
  for (const char* name :
       {"CAMEO.080612.verbs", "CAMEO.ECS.120522.actors", "CAMEO.RCS.120521.actors",
        "CAMEO.09b5.options", "Levant.080629.actors", "PSU.120522.agents"}) {
    std::string path = dir + "/" + name;
    ASSERT_TRUE(cameo.add_file(path, dictionary_kind_from_name(name)).is_ok()) << path;
  }
  auto cameo_dict = cameo.finish();
  // ABDUCT  [181] ;shan   7/24/93
  const VerbBlock* abduct = block_of(*cameo_dict, "ABDUCT");
  ASSERT_NE(abduct, nullptr);
  EXPECT_EQ(abduct->code, "181");
  EXPECT_GT(cameo_dict->actors().size(), 5000u);
}

}  // namespace
}  // namespace tigris
