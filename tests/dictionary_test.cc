// Tests of the dictionary compiler (DictionaryBuilder::add_text and friends),
// the compiled Dictionary (actor codes over time, tries) and PhraseTrie, with
// small inline dictionaries in the PETRARCH2 formats.
#include "dict/dictionary.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/vocab.h"
#include "lexicon/lexicon.h"

namespace tigris {
namespace {

#ifndef TIGRIS_TEST_WORDNET_DIR
#define TIGRIS_TEST_WORDNET_DIR "/usr/share/wordnet"
#endif

std::vector<std::string> words_of(std::string_view phrase) {
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

// Longest match of `trie` at the start of `sentence` (upper-case words).
PhraseTrie::Match lookup(const PhraseTrie& trie, const Vocabulary& vocab,
                         std::string_view sentence) {
  std::vector<std::string> words = words_of(sentence);
  std::vector<std::uint32_t> ids;
  std::vector<std::string_view> texts;
  for (const auto& w : words) {
    ids.push_back(vocab.find(w));
    texts.emplace_back(w);
  }
  return trie.longest(ids.data(), texts.data(), words.size());
}

// One Vocabulary and Lexicon (WordNet) for the whole test program.
class DictionaryTest : public testing::Test {
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

  // Builds a dictionary from one inline file; fails the test on a load error.
  std::unique_ptr<Dictionary> build(std::string_view content, const std::string& path,
                                    DictionaryKind kind, std::vector<LoadNote>* notes = nullptr) {
    DictionaryBuilder builder(vocab(), lexicon());
    Status status = builder.add_text(content, path, kind);
    EXPECT_TRUE(status.is_ok()) << status.to_string();
    if (notes) *notes = builder.notes();
    return builder.finish();
  }

  // The error a malformed inline file gives.
  Status load_error(std::string_view content, const std::string& path, DictionaryKind kind) {
    DictionaryBuilder builder(vocab(), lexicon());
    return builder.add_text(content, path, kind);
  }

  const ActorEntry* actor_for(const Dictionary& dict, std::string_view phrase) {
    auto match = lookup(dict.actor_trie(), vocab(), phrase);
    if (match.length != words_of(phrase).size() || match.value == PhraseTrie::kNoValue) {
      return nullptr;
    }
    return &dict.actors()[match.value];
  }

  const AgentEntry* agent_for(const Dictionary& dict, std::string_view phrase) {
    auto match = lookup(dict.agent_trie(), vocab(), phrase);
    if (match.length != words_of(phrase).size() || match.value == PhraseTrie::kNoValue) {
      return nullptr;
    }
    return &dict.agents()[match.value];
  }

  static Vocabulary* vocab_;
  static std::shared_ptr<Lexicon>* lexicon_;
};

Vocabulary* DictionaryTest::vocab_ = nullptr;
std::shared_ptr<Lexicon>* DictionaryTest::lexicon_ = nullptr;

// ------------------------------------------------------------------ actors

constexpr std::string_view kPompeo =
    "# people.actors.txt (test)\n"
    "MIKE_POMPEO_ [USA]\n"
    "+MICHAEL_POMPEO_\n"
    "+POMPEO_\n"
    "\t[USASPY 20170123-20180426]\n"
    "\t[USAGOV 20180426-20210120]\n"
    "\n"
    "IRAQ_ [IRQ]  # a country\n"
    "+IRAQI_\n"
    "+BAGHDAD_\n";

TEST_F(DictionaryTest, ActorRecordWithSynonyms) {
  auto dict = build(kPompeo, "people.actors.txt", DictionaryKind::kActors);
  ASSERT_EQ(dict->actors().size(), 2u);
  const ActorEntry& pompeo = dict->actors()[0];
  EXPECT_EQ(pompeo.name, "MIKE POMPEO");
  EXPECT_EQ(pompeo.default_code, "USA");
  EXPECT_EQ(pompeo.line, 2u);
  ASSERT_EQ(pompeo.dated.size(), 2u);
  EXPECT_EQ(pompeo.dated[0].code, "USASPY");
  EXPECT_EQ(pompeo.dated[0].from, 20170123);
  EXPECT_EQ(pompeo.dated[0].to, 20180426);
  EXPECT_EQ(pompeo.dated[1].code, "USAGOV");
  EXPECT_EQ(dict->entry_label(pompeo.source, pompeo.line), "people.actors.txt:2");

  EXPECT_EQ(actor_for(*dict, "MIKE POMPEO"), &dict->actors()[0]);
  EXPECT_EQ(actor_for(*dict, "MICHAEL POMPEO"), &dict->actors()[0]);
  EXPECT_EQ(actor_for(*dict, "POMPEO"), &dict->actors()[0]);
  EXPECT_EQ(actor_for(*dict, "IRAQI"), &dict->actors()[1]);
  EXPECT_EQ(actor_for(*dict, "BAGHDAD"), &dict->actors()[1]);
  EXPECT_EQ(dict->actors()[1].default_code, "IRQ");
  EXPECT_TRUE(dict->actors()[1].dated.empty());
  EXPECT_EQ(actor_for(*dict, "MIKE"), nullptr);
}

TEST_F(DictionaryTest, ActorCodeDependsOnTheDate) {
  auto dict = build(kPompeo, "people.actors.txt", DictionaryKind::kActors);
  const ActorEntry& pompeo = dict->actors()[0];
  EXPECT_EQ(dict->actor_code(pompeo, 20170601, 20170601), "USASPY");
  EXPECT_EQ(dict->actor_code(pompeo, 20190101, 20190101), "USAGOV");
  EXPECT_EQ(dict->actor_code(pompeo, 20220101, 20220101), "USA");
  EXPECT_EQ(dict->actor_code(pompeo, 20100315, 20100315), "USA");
  // Whole year 2018: CIA director until April 26, then Secretary of State.
  EXPECT_EQ(dict->actor_code(pompeo, 20180101, 20181231), "USAGOV");
  // April 2018: 26 days at the CIA, 5 at the State Department.
  EXPECT_EQ(dict->actor_code(pompeo, 20180401, 20180430), "USASPY");
  // Year 2017 lies inside the first range only (from January 23).
  EXPECT_EQ(dict->actor_code(pompeo, 20170101, 20171231), "USASPY");
  // No restriction: always the default.
  EXPECT_EQ(dict->actor_code(dict->actors()[1], 19000101, 19000101), "IRQ");
}

TEST_F(DictionaryTest, RestrictionOnThePhraseLineAndOpenRanges) {
  auto dict = build(
      "GEORGE_W_BUSH_ [USAGOV 20010120-20090120]\n"
      "SADDAM_HUSSEIN_ [IRQ]\n"
      "\t[IRQGOV <20030409]\n"
      "NOURI_AL-MALIKI_ [IRQ]\n"
      "\t[IRQGOV >20060520]\n"
      "DONALD_TRUMP_ [USA]\n"
      "\t[USAGOV 170120-210120]\n",
      "leaders.actors.txt", DictionaryKind::kActors);
  ASSERT_EQ(dict->actors().size(), 4u);
  const ActorEntry& bush = *actor_for(*dict, "GEORGE W BUSH");
  EXPECT_EQ(bush.name, "GEORGE W BUSH");
  EXPECT_EQ(dict->actor_code(bush, 20050101, 20050101), "USAGOV");
  EXPECT_EQ(dict->actor_code(bush, 20120101, 20120101), "");  // no default code
  const ActorEntry& saddam = *actor_for(*dict, "SADDAM HUSSEIN");
  EXPECT_EQ(dict->actor_code(saddam, 19900802, 19900802), "IRQGOV");
  EXPECT_EQ(dict->actor_code(saddam, 20061230, 20061230), "IRQ");
  const ActorEntry& maliki = *actor_for(*dict, "NOURI AL-MALIKI");
  EXPECT_EQ(dict->actor_code(maliki, 20000101, 20000101), "IRQ");
  EXPECT_EQ(dict->actor_code(maliki, 20070101, 20070101), "IRQGOV");
  // Six-digit TABARI dates: 17 -> 2017.
  const ActorEntry& trump = *actor_for(*dict, "DONALD TRUMP");
  ASSERT_EQ(trump.dated.size(), 1u);
  EXPECT_EQ(trump.dated[0].from, 20170120);
  EXPECT_EQ(trump.dated[0].to, 20210120);
}

TEST_F(DictionaryTest, ActorPhrasesMatchWholeWords) {
  // PETRARCH matches actor phrases word by word: "THE_KU" is "the KU", not
  // "The Kuwait"; a last word without "_" is no stem (TABARI's .actors files
  // keep stems: tabari_test.cc), only its regular plural is added.
  auto dict = build("THE_KU [USAEDU]\nKUWAIT [KUW]\nGAZA_MILITANT [PSEREB]\n", "p.actors.txt",
                    DictionaryKind::kActors);
  ASSERT_NE(actor_for(*dict, "THE KU"), nullptr);
  EXPECT_EQ(actor_for(*dict, "THE KU")->default_code, "USAEDU");
  EXPECT_EQ(actor_for(*dict, "THE KUWAIT"), nullptr);
  auto match = lookup(dict->actor_trie(), vocab(), "THE KUWAIT GOVERNMENT");
  EXPECT_EQ(match.length, 0u);
  ASSERT_NE(actor_for(*dict, "KUWAIT"), nullptr);
  EXPECT_EQ(actor_for(*dict, "KUWAIT")->default_code, "KUW");
  EXPECT_EQ(actor_for(*dict, "KUWAITI"), nullptr);
  // The last word's regular plural is generated, as for agents.
  ASSERT_NE(actor_for(*dict, "GAZA MILITANTS"), nullptr);
  EXPECT_EQ(actor_for(*dict, "GAZA MILITANTS")->default_code, "PSEREB");
  EXPECT_EQ(actor_for(*dict, "GAZA MILITANTSS"), nullptr);
}

// ------------------------------------------------------------------ malformed lines

struct BadLine {
  const char* name;
  DictionaryKind kind;
  const char* file;
  const char* content;
  std::size_t line;     // the offending line, counting comments and blank lines
  const char* excerpt;  // the line as written, trimmed
  const char* message;  // a part of the message naming the problem
};

// clang-format off
const BadLine kBadLines[] = {
    {"MissingBracket", DictionaryKind::kActors, "bad.actors.txt",
     "# countries\n\nIRAQ_ [IRQ\n", 3, "IRAQ_ [IRQ", "']'"},
    {"MissingBracketInRestriction", DictionaryKind::kActors, "p.actors.txt",
     "MIKE_POMPEO_ [USA]\n\t[USAGOV 20180426-20210120\n", 2, "[USAGOV 20180426-20210120", "']'"},
    {"BadDateRange", DictionaryKind::kActors, "people.actors.txt",
     "MIKE_POMPEO_ [USA]\n+POMPEO_\n\t[USAGOV 2021-2019]\n", 3, "[USAGOV 2021-2019]", "date"},
    {"RangeEndsBeforeItStarts", DictionaryKind::kActors, "people.actors.txt",
     "MIKE_POMPEO_ [USA]\n\t[USAGOV 20210101-20190101]\n", 2, "[USAGOV 20210101-20190101]", "before"},
    {"ImpossibleMonthInRange", DictionaryKind::kActors, "people.actors.txt",
     "MIKE_POMPEO_ [USA]\n\t[USAGOV 20181301-20191231]\n", 2, "[USAGOV 20181301-20191231]", "date"},
    {"RestrictionBeforeAnyPhrase", DictionaryKind::kActors, "people.actors.txt",
     "# header\n\t[USAGOV 20180426-20210120]\nMIKE_POMPEO_ [USA]\n", 2, "[USAGOV 20180426-20210120]",
     "without an actor phrase"},
    {"MalformedActorCode", DictionaryKind::kActors, "c.actors.txt",
     "IRAQ_ [IRQ]\nIRAN_ [IRN$]\n", 2, "IRAN_ [IRN$]", "code"},
    {"UndefinedSubstitution", DictionaryKind::kAgents, "agents.txt",
     "SPOKES!PERSON! [~GOV]\n", 1, "SPOKES!PERSON! [~GOV]", "!PERSON!"},
    {"AgentWithoutTilde", DictionaryKind::kAgents, "my.agents.txt",
     "OFFICIAL [~GOV]\nSOLDIER [MIL]\n", 2, "SOLDIER [MIL]", "~"},
    {"AgentWithoutCode", DictionaryKind::kAgents, "agents.txt",
     "OFFICIAL\n", 1, "OFFICIAL", "[code]"},
    {"VerbLineBeforeBlockHeader", DictionaryKind::kVerbs, "test.verbs.txt",
     "# no header yet\nATTACK [190]\n", 2, "ATTACK [190]", "block"},
    {"PatternBeforeBlockHeader", DictionaryKind::kVerbs, "test.verbs.txt",
     "- * &MILITARY [193]\n", 1, "- * &MILITARY [193]", "block"},
    {"PatternWithoutCode", DictionaryKind::kVerbs, "test.verbs.txt",
     "--- ATTACK [190] ---\nATTACK\n- * REBELS\n", 3, "- * REBELS", "[code]"},
    {"PatternWithoutVerbMarker", DictionaryKind::kVerbs, "test.verbs.txt",
     "--- ATTACK [190] ---\nATTACK\n- REBELS [193]\n", 3, "- REBELS [193]", "*"},
    {"BlockHeaderWithoutCode", DictionaryKind::kVerbs, "test.verbs.txt",
     "--- ATTACK ---\nATTACK\n", 1, "--- ATTACK ---", "[code]"},
    {"NominalWithoutCode", DictionaryKind::kNominals, "nominals.txt",
     "ATTACK [190]\nINVASION\n", 2, "INVASION", "[code]"},
};
// clang-format on

// One test for all the cases: each case would otherwise reload WordNet in
// its own process under CTest.
TEST_F(DictionaryTest, MalformedLinesNameFileLineAndExcerpt) {
  for (const BadLine& bad : kBadLines) {
    SCOPED_TRACE(bad.name);
    Status status = load_error(bad.content, bad.file, bad.kind);
    ASSERT_FALSE(status.is_ok());
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
    EXPECT_EQ(status.file(), bad.file);
    EXPECT_EQ(status.line(), bad.line);
    EXPECT_EQ(status.excerpt(), bad.excerpt);
    EXPECT_NE(status.message().find(bad.message), std::string::npos) << status.message();
    std::string prefix = std::string(bad.file) + ":" + std::to_string(bad.line) + ": ";
    EXPECT_EQ(status.to_string().rfind(prefix, 0), 0u) << status.to_string();
  }
}

TEST_F(DictionaryTest, LowerCaseActorCodeIsUpperCased) {
  auto dict = build("PALESTINE_ [pse]\n\t[psegov 20130101-20131231]\n", "c.actors.txt",
                    DictionaryKind::kActors);
  ASSERT_EQ(dict->actors().size(), 1u);
  EXPECT_EQ(dict->actors()[0].default_code, "PSE");
  EXPECT_EQ(dict->actor_code(dict->actors()[0], 20130601, 20130601), "PSEGOV");
}

TEST_F(DictionaryTest, ErrorExcerptIsShortened) {
  std::string line = "IRAQ_ [IRQ " + std::string(300, 'X');
  Status status = load_error(line, "c.actors.txt", DictionaryKind::kActors);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.excerpt().size(), 123u);  // 120 characters and "..."
  EXPECT_EQ(status.excerpt().substr(120), "...");
}

// ------------------------------------------------------------------ agents

TEST_F(DictionaryTest, AgentPluralsAreGenerated) {
  auto dict = build(
      "OFFICIAL [~GOV]\n"
      "AUTHORITY [~GOV]\n"
      "ENVOY [~GOV]\n"
      "BOSS [~BUS]\n"
      "MAN {MEN} [~CVL]\n"
      "POLICE {} [~COP]\n"
      "AID_AGENCY [NGO~]\n"
      "FOREIGN_MINISTER [~GOV]\n",
      "agents.txt", DictionaryKind::kAgents);
  ASSERT_NE(agent_for(*dict, "OFFICIAL"), nullptr);
  EXPECT_EQ(agent_for(*dict, "OFFICIAL")->code, "GOV");
  ASSERT_NE(agent_for(*dict, "OFFICIALS"), nullptr);
  EXPECT_EQ(agent_for(*dict, "OFFICIALS")->code, "GOV");
  EXPECT_NE(agent_for(*dict, "AUTHORITIES"), nullptr);
  EXPECT_EQ(agent_for(*dict, "AUTHORITYS"), nullptr);
  EXPECT_NE(agent_for(*dict, "ENVOYS"), nullptr);
  EXPECT_NE(agent_for(*dict, "BOSSES"), nullptr);
  // {MEN}: the given plural, not a generated one.
  ASSERT_NE(agent_for(*dict, "MEN"), nullptr);
  EXPECT_EQ(agent_for(*dict, "MEN")->code, "CVL");
  EXPECT_EQ(agent_for(*dict, "MANS"), nullptr);
  // {}: no plural at all.
  EXPECT_NE(agent_for(*dict, "POLICE"), nullptr);
  EXPECT_EQ(agent_for(*dict, "POLICES"), nullptr);
  // The plural of a phrase pluralizes its last word.
  EXPECT_NE(agent_for(*dict, "FOREIGN MINISTERS"), nullptr);
  EXPECT_EQ(agent_for(*dict, "FOREIGNS MINISTER"), nullptr);
  // [NGO~]: the code goes before the country.
  const AgentEntry* agency = agent_for(*dict, "AID AGENCIES");
  ASSERT_NE(agency, nullptr);
  EXPECT_EQ(agency->code, "NGO");
  EXPECT_TRUE(agency->before_country);
  EXPECT_FALSE(agent_for(*dict, "OFFICIAL")->before_country);
  EXPECT_EQ(agent_for(*dict, "AUTHORITY")->line, 2u);
}

TEST_F(DictionaryTest, AgentSubstitutionSets) {
  auto dict = build(
      "!PERSON! = MAN, WOMAN, PERSON\n"
      "SPOKES!PERSON! [~GOV]\n"
      "CONGRESS!PERSON! [~LEG]\n",
      "agents.txt", DictionaryKind::kAgents);
  ASSERT_EQ(dict->agents().size(), 6u);
  ASSERT_NE(agent_for(*dict, "SPOKESMAN"), nullptr);
  EXPECT_EQ(agent_for(*dict, "SPOKESMAN")->code, "GOV");
  EXPECT_NE(agent_for(*dict, "SPOKESWOMAN"), nullptr);
  EXPECT_NE(agent_for(*dict, "SPOKESPERSON"), nullptr);
  ASSERT_NE(agent_for(*dict, "CONGRESSWOMAN"), nullptr);
  EXPECT_EQ(agent_for(*dict, "CONGRESSWOMAN")->code, "LEG");
  // Substitution lists carry their own plurals: none is generated.
  EXPECT_EQ(agent_for(*dict, "SPOKESMANS"), nullptr);
  EXPECT_EQ(agent_for(*dict, "SPOKES"), nullptr);
}

// ------------------------------------------------------------------ verbs

constexpr std::string_view kVerbs =
    "# verbs (test)\n"                         // 1
    "&MILITARY\n"                              // 2
    "+TROOPS\n"                                // 3
    "+SOLDIERS\n"                              // 4
    "+ARMED_FORCES\n"                          // 5
    "\n"                                       // 6
    "--- ATTACK [190] ---\n"                   // 7
    "ATTACK\n"                                 // 8
    "STRIKE {STRUCK STRIKING} [195]\n"         // 9
    "PULL_OUT [0874]\n"                        // 10
    "WIRE_+TAP [1721]\n"                       // 11
    "- * (ON +) [190]\n"                       // 12
    "- * &MILITARY [193]\n"                    // 13
    "- * &NAVY [194]\n"                        // 14
    "- * &MILITARY (IN +) [193:193]\n"         // 15
    "~ ATTACK ATTACKED\n"                      // 16
    "--- MEET [040] ---\n"                     // 17
    "MEET {MET}\n"                             // 18
    "- * {PEACE TALKS} [046]  # a comment\n";  // 19

TEST_F(DictionaryTest, VerbBlocksEntriesAndPatterns) {
  std::vector<LoadNote> notes;
  auto dict = build(kVerbs, "test.verbs.txt", DictionaryKind::kVerbs, &notes);
  ASSERT_EQ(dict->verb_blocks().size(), 2u);
  const VerbBlock& attack = dict->verb_blocks()[0];
  EXPECT_EQ(attack.name, "ATTACK");
  EXPECT_EQ(attack.code, "190");
  EXPECT_EQ(dict->verb_blocks()[1].name, "MEET");
  EXPECT_EQ(dict->verb_blocks()[1].code, "040");

  ASSERT_EQ(dict->verbs().size(), 5u);
  const VerbEntry& attack_verb = dict->verbs()[0];
  EXPECT_EQ(attack_verb.lemma, vocab().find("ATTACK"));
  EXPECT_EQ(attack_verb.code, "");  // the block's code applies
  EXPECT_EQ(attack_verb.block, 0u);
  EXPECT_EQ(attack_verb.line, 8u);
  const VerbEntry& strike = dict->verbs()[1];
  EXPECT_EQ(strike.code, "195");
  EXPECT_EQ(strike.lemma, vocab().find("STRIKE"));
  EXPECT_EQ(dict->irregular_verb(vocab().find("STRUCK")), vocab().find("STRIKE"));
  EXPECT_EQ(dict->irregular_verb(vocab().find("ATTACKED")), 0u);

  const VerbEntry& pull_out = dict->verbs()[2];
  EXPECT_EQ(pull_out.lemma, vocab().find("PULL"));
  EXPECT_EQ(pull_out.particles, std::vector<std::uint32_t>{vocab().find("OUT")});
  EXPECT_TRUE(pull_out.preceding.empty());
  const VerbEntry& wiretap = dict->verbs()[3];
  EXPECT_EQ(wiretap.lemma, vocab().find("TAP"));
  EXPECT_EQ(wiretap.preceding, std::vector<std::uint32_t>{vocab().find("WIRE")});

  const auto& attack_entries = dict->verbs_for_lemma(vocab().find("ATTACK"));
  ASSERT_EQ(attack_entries.size(), 1u);
  EXPECT_EQ(attack_entries[0], 0u);
  EXPECT_EQ(dict->verbs_for_lemma(vocab().find("MEET")).size(), 1u);
  EXPECT_TRUE(dict->verbs_for_lemma(vocab().find("CONDEMN")).empty());
}

TEST_F(DictionaryTest, SynsetsExpandInPatterns) {
  auto dict = build(kVerbs, "test.verbs.txt", DictionaryKind::kVerbs);
  const VerbBlock& attack = dict->verb_blocks()[0];
  // The &NAVY pattern is dropped (undefined synset): three remain, the most
  // specific first: &MILITARY (IN +) = 3, &MILITARY = 2, (ON +) = 1.
  ASSERT_EQ(attack.patterns.size(), 3u);
  EXPECT_EQ(attack.patterns[0].line, 15u);
  EXPECT_EQ(attack.patterns[0].specificity, 3);
  EXPECT_EQ(attack.patterns[0].code, "193");  // "[193:193]": the first code
  EXPECT_EQ(attack.patterns[1].line, 13u);
  EXPECT_EQ(attack.patterns[1].specificity, 2);
  EXPECT_EQ(attack.patterns[2].line, 12u);
  EXPECT_EQ(attack.patterns[2].specificity, 1);

  const VerbPattern& military = attack.patterns[1];
  EXPECT_EQ(military.code, "193");
  EXPECT_EQ(military.text, "- * &MILITARY [193]");
  EXPECT_TRUE(military.before.empty());
  ASSERT_EQ(military.after.size(), 1u);
  EXPECT_EQ(military.after[0].kind, PatternElement::Kind::kWords);
  using Ids = std::vector<std::uint32_t>;
  EXPECT_EQ(military.after[0].alternatives,
            (std::vector<Ids>{Ids{vocab().find("TROOPS")}, Ids{vocab().find("SOLDIERS")},
                              Ids{vocab().find("ARMED"), vocab().find("FORCES")}}));
  EXPECT_EQ(dict->entry_label(military.source, military.line), "test.verbs.txt:13");

  const VerbPattern& on_target = attack.patterns[2];
  ASSERT_EQ(on_target.after.size(), 1u);
  EXPECT_EQ(on_target.after[0].kind, PatternElement::Kind::kPrep);
  EXPECT_EQ(on_target.after[0].preposition, vocab().find("ON"));
  EXPECT_TRUE(on_target.after[0].prep_target);
  EXPECT_TRUE(on_target.after[0].alternatives.empty());

  const VerbPattern& talks = dict->verb_blocks()[1].patterns.at(0);
  EXPECT_EQ(talks.text, "- * {PEACE TALKS} [046]");
  ASSERT_EQ(talks.after.size(), 1u);
  EXPECT_EQ(talks.after[0].alternatives,
            (std::vector<Ids>{Ids{vocab().find("PEACE"), vocab().find("TALKS")}}));
}

TEST_F(DictionaryTest, UndefinedSynsetIsANoteNotAnError) {
  std::vector<LoadNote> notes;
  auto dict = build(kVerbs, "test.verbs.txt", DictionaryKind::kVerbs, &notes);
  const LoadNote* synset_note = nullptr;
  const LoadNote* rule_note = nullptr;
  for (const auto& note : notes) {
    if (note.reason.find("undefined synset &NAVY") != std::string::npos) synset_note = &note;
    if (note.reason.find("transformation") != std::string::npos) rule_note = &note;
  }
  ASSERT_NE(synset_note, nullptr);
  EXPECT_EQ(synset_note->file, "test.verbs.txt");
  EXPECT_EQ(synset_note->line, 14u);
  EXPECT_EQ(synset_note->text, "- * &NAVY [194]");
  ASSERT_NE(rule_note, nullptr);
  EXPECT_EQ(rule_note->line, 16u);
}

// TABARI joins synsets to words with "_" (&TIETYPES_MEMOS, MEMOS_ON_&TIETYPES);
// a synset name may contain "_" itself (the longest defined name is taken),
// and a member may use a synset defined before it.
TEST_F(DictionaryTest, SynsetsJoinedToWordsByUnderscore) {
  constexpr std::string_view kJoined =
      "&TIETYPES\n"
      "+MILITARY\n"
      "+ECONOMIC\n"
      "&FIGHT_OF_WORDS\n"
      "+DUEL\n"
      "&NEARNESS\n"
      "+&TIETYPES\n"
      "+CLOSER\n"
      "--- WELCOME [041] ---\n"
      "WELCOME\n"
      "- * &TIETYPES_MEMOS FROM [911]\n"
      "- * MEMOS_ON_&TIETYPES [912]\n"
      "- * &FIGHT_OF_WORDS_PLAN [913]\n"
      "- * &NEARNESS TIES [914]\n"
      "- * &NOSUCH_MEMOS [915]\n";
  std::vector<LoadNote> notes;
  auto dict = build(kJoined, "joined.verbs.txt", DictionaryKind::kVerbs, &notes);
  using Ids = std::vector<std::uint32_t>;
  auto id = [&](std::string_view word) { return vocab().find(word); };
  auto pattern_at = [&](std::uint32_t line) -> const VerbPattern* {
    for (const auto& p : dict->verb_blocks()[0].patterns) {
      if (p.line == line) return &p;
    }
    return nullptr;
  };
  const VerbPattern* memos = pattern_at(11);
  ASSERT_NE(memos, nullptr);
  ASSERT_EQ(memos->after.size(), 2u);
  EXPECT_EQ(memos->after[0].alternatives,
            (std::vector<Ids>{Ids{id("MILITARY"), id("MEMOS")}, Ids{id("ECONOMIC"), id("MEMOS")}}));
  const VerbPattern* on = pattern_at(12);
  ASSERT_NE(on, nullptr);
  ASSERT_EQ(on->after.size(), 1u);
  EXPECT_EQ(on->after[0].alternatives,
            (std::vector<Ids>{Ids{id("MEMOS"), id("ON"), id("MILITARY")},
                              Ids{id("MEMOS"), id("ON"), id("ECONOMIC")}}));
  const VerbPattern* duel = pattern_at(13);
  ASSERT_NE(duel, nullptr);
  EXPECT_EQ(duel->after[0].alternatives, (std::vector<Ids>{Ids{id("DUEL"), id("PLAN")}}));
  const VerbPattern* nearness = pattern_at(14);
  ASSERT_NE(nearness, nullptr);
  EXPECT_EQ(nearness->after[0].alternatives,
            (std::vector<Ids>{Ids{id("MILITARY")}, Ids{id("ECONOMIC")}, Ids{id("CLOSER")}}));
  // No synset is named &NOSUCH or &NOSUCH_MEMOS: the pattern is dropped with a note.
  EXPECT_EQ(pattern_at(15), nullptr);
  bool noted = false;
  for (const auto& note : notes) {
    noted = noted || (note.line == 15 &&
                      note.reason.find("undefined synset &NOSUCH_MEMOS") != std::string::npos);
  }
  EXPECT_TRUE(noted);
}

// Longer patterns first, as PETRARCH ranks them: 2 per word of an element's
// shortest alternative, 1 per actor slot or preposition; a pattern whose
// words before the verb all hold a negation is marked negated.
TEST_F(DictionaryTest, SpecificityCountsWordsAndNegationIsMarked) {
  constexpr std::string_view kRanked =
      "&NEGAUX\n"
      "+DID N'T\n"
      "+WILL NOT\n"
      "&MAYBE\n"
      "+DID N'T\n"
      "+PERHAPS\n"
      "--- WELCOME [041] ---\n"
      "WELCOME\n"
      "- * ALPHA BETA [002]\n"
      "- * {ALPHA BETA GAMMA} [001]\n"
      "- &NEGAUX * ALPHA [003]\n"
      "- &MAYBE * (WITH +) [004]\n";
  auto dict = build(kRanked, "ranked.verbs.txt", DictionaryKind::kVerbs);
  const auto& patterns = dict->verb_blocks()[0].patterns;
  ASSERT_EQ(patterns.size(), 4u);
  EXPECT_EQ(patterns[0].code, "001");
  EXPECT_EQ(patterns[0].specificity, 6);
  EXPECT_EQ(patterns[1].code, "003");  // DID N'T (2 words) + ALPHA
  EXPECT_EQ(patterns[1].specificity, 6);
  EXPECT_TRUE(patterns[1].negated);
  EXPECT_EQ(patterns[2].code, "002");
  EXPECT_EQ(patterns[2].specificity, 4);
  EXPECT_FALSE(patterns[2].negated);
  EXPECT_EQ(patterns[3].code, "004");  // PERHAPS (1 word) + (WITH +)
  EXPECT_EQ(patterns[3].specificity, 3);
  EXPECT_FALSE(patterns[3].negated);  // PERHAPS holds no negation
}

// "^" is a skip element; "(AT ^ ^)" a preposition whose object is skipped
// and one more skip; "X_*" and "*_X" mark the words that touch the verb.
TEST_F(DictionaryTest, SkipTokensAndWordsJoinedToTheVerb) {
  constexpr std::string_view kSkips =
      "--- CELEBRATE [181] ---\n"
      "CELEBRATE\n"
      "- * IFTAR (AT ^ ^) + [044]\n"
      "- $ ^ * EID [043]\n"
      "- RECENTLY_* [025]\n"
      "- *_OFF [195]\n";
  std::vector<LoadNote> notes;
  auto dict = build(kSkips, "skips.verbs.txt", DictionaryKind::kVerbs, &notes);
  EXPECT_TRUE(notes.empty()) << notes.front().reason;
  auto pattern_at = [&](std::uint32_t line) -> const VerbPattern* {
    for (const auto& p : dict->verb_blocks()[0].patterns) {
      if (p.line == line) return &p;
    }
    return nullptr;
  };
  using Kind = PatternElement::Kind;
  const VerbPattern* iftar = pattern_at(3);
  ASSERT_NE(iftar, nullptr);
  ASSERT_EQ(iftar->after.size(), 4u);
  EXPECT_EQ(iftar->after[0].kind, Kind::kWords);
  EXPECT_EQ(iftar->after[1].kind, Kind::kPrep);
  EXPECT_TRUE(iftar->after[1].prep_skip);
  EXPECT_FALSE(iftar->after[1].prep_target);
  EXPECT_EQ(iftar->after[2].kind, Kind::kSkip);
  EXPECT_EQ(iftar->after[3].kind, Kind::kTarget);
  const VerbPattern* eid = pattern_at(4);
  ASSERT_NE(eid, nullptr);
  ASSERT_EQ(eid->before.size(), 2u);
  EXPECT_EQ(eid->before[0].kind, Kind::kSource);
  EXPECT_EQ(eid->before[1].kind, Kind::kSkip);
  const VerbPattern* recently = pattern_at(5);
  ASSERT_NE(recently, nullptr);
  ASSERT_EQ(recently->before.size(), 1u);
  EXPECT_TRUE(recently->before[0].adjacent);
  const VerbPattern* off = pattern_at(6);
  ASSERT_NE(off, nullptr);
  ASSERT_EQ(off->after.size(), 1u);
  EXPECT_TRUE(off->after[0].adjacent);
  EXPECT_FALSE(eid->after[0].adjacent);  // "* EID": a blank, not "_"
}

// UD-PETRARCH's coding ontology (PICO): values are sums of hexadecimal terms;
// a negated act's code is the code whose value is 0xFFFF less.
TEST_F(DictionaryTest, CodingOntologyGivesTheNegatedCode) {
  EXPECT_EQ(dictionary_kind_from_name("PETR_Validate_Internal_Coding_Ontology_1_01.txt"),
            DictionaryKind::kOntology);
  constexpr std::string_view kOntology =
      "# PICO\n"
      "010:0x1000#Make Public Statement\n"
      "011:0x1000-0xFFFF\n"
      "044:0xB010\n"
      "046:0xB010\n"
      "050:0x0080#DiplomaticCoop\n"
      "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n"
      "121:-0xFFFF+0x0070\n"
      "            # a comment line\n";
  auto dict = build(kOntology, "t.Ontology.txt", DictionaryKind::kOntology);
  ASSERT_TRUE(dict->has_ontology());
  EXPECT_EQ(dict->negated_code("110"), "050");
  EXPECT_EQ(dict->negated_code("010"), "011");
  EXPECT_EQ(dict->negated_code("050"), "");  // 0x0080 - 0xFFFF: no code has it
  EXPECT_EQ(dict->negated_code("190"), "");  // not in the ontology
  // Without an ontology nothing is negated.
  auto none = build("", "t.verbs.txt", DictionaryKind::kVerbs);
  EXPECT_FALSE(none->has_ontology());
  EXPECT_EQ(none->negated_code("110"), "");

  Status bad = load_error("110:0x10zz\n", "t.Ontology.txt", DictionaryKind::kOntology);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.line(), 1u);
  EXPECT_NE(bad.message().find("not a sum of numbers"), std::string::npos) << bad.message();
  EXPECT_FALSE(
      load_error("DISAPPROVE:0x7000\n", "t.Ontology.txt", DictionaryKind::kOntology).is_ok());
  EXPECT_FALSE(load_error("110 0x7000\n", "t.Ontology.txt", DictionaryKind::kOntology).is_ok());
}

// ------------------------------------------------------------------ nominals, discards

TEST_F(DictionaryTest, NominalsWithTargetPrepositions) {
  auto dict = build(
      "ATTACK [190] (ON, AGAINST)\n"
      "INVASION [192]\n"
      "TALKS {} [046] (WITH)\n"
      "CLASH {CLASHES} [190] (WITH)\n",
      "nominals.txt", DictionaryKind::kNominals);
  ASSERT_EQ(dict->nominals().size(), 4u);
  EXPECT_EQ(dict->nominals()[0].code, "190");
  EXPECT_EQ(dict->nominals()[0].target_preps,
            (std::vector<std::uint32_t>{vocab().find("ON"), vocab().find("AGAINST")}));
  EXPECT_EQ(dict->nominals()[1].target_preps, std::vector<std::uint32_t>{vocab().find("OF")});
  EXPECT_EQ(lookup(dict->nominal_trie(), vocab(), "ATTACKS").value, 0u);
  EXPECT_EQ(lookup(dict->nominal_trie(), vocab(), "INVASIONS").value, 1u);
  EXPECT_EQ(lookup(dict->nominal_trie(), vocab(), "TALKS").value, 2u);
  EXPECT_EQ(lookup(dict->nominal_trie(), vocab(), "TALKSS").length, 0u);
  EXPECT_EQ(lookup(dict->nominal_trie(), vocab(), "CLASHES").value, 3u);
}

TEST_F(DictionaryTest, Discards) {
  auto dict = build("WORLD_CUP\n+GOALLESS_DRAW\nNBA_\n", "discards.txt", DictionaryKind::kDiscards);
  ASSERT_EQ(dict->discards().size(), 3u);
  EXPECT_EQ(dict->discards()[0].phrase, "WORLD CUP");
  EXPECT_FALSE(dict->discards()[0].whole_story);
  EXPECT_TRUE(dict->discards()[1].whole_story);
  EXPECT_EQ(lookup(dict->discard_trie(), vocab(), "WORLD CUPS FINAL").length, 2u);
  EXPECT_EQ(lookup(dict->discard_trie(), vocab(), "GOALLESS DRAW").value, 1u);
  EXPECT_EQ(lookup(dict->discard_trie(), vocab(), "NBA").value, 2u);
  EXPECT_EQ(lookup(dict->discard_trie(), vocab(), "NBAS").length, 0u);  // "NBA_" is a whole word
}

// ------------------------------------------------------------------ lenient loading

TEST_F(DictionaryTest, LenientBuilderTurnsMalformedLinesIntoNotes) {
  DictionaryBuilder builder(vocab(), lexicon());
  builder.set_lenient(true);
  Status status = builder.add_text("IRAQ_ [IRQ]\nIRAN_ [IRN\nSYRIA_ [SYR]\n\t[SYRGOV 2021-2019]\n",
                                   "user.actors.txt", DictionaryKind::kActors);
  EXPECT_TRUE(status.is_ok()) << status.to_string();
  std::vector<LoadNote> notes = builder.notes();
  auto dict = builder.finish();
  EXPECT_NE(actor_for(*dict, "IRAQ"), nullptr);
  ASSERT_NE(actor_for(*dict, "SYRIA"), nullptr);
  EXPECT_EQ(actor_for(*dict, "SYRIA")->default_code, "SYR");
  EXPECT_TRUE(actor_for(*dict, "SYRIA")->dated.empty());
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].file, "user.actors.txt");
  EXPECT_EQ(notes[0].line, 2u);
  EXPECT_EQ(notes[0].text, "IRAN_ [IRN");
  EXPECT_NE(notes[0].reason.find("']'"), std::string::npos) << notes[0].reason;
  EXPECT_EQ(notes[1].line, 4u);
}

TEST_F(DictionaryTest, HostileInputNeverCrashes) {
  // Fragments of every construct, cut short; strict and lenient.
  static const std::string kLongBrackets(10000, '[');
  const char* inputs[] = {"[",
                          "]",
                          "[]",
                          "{",
                          "}",
                          "-",
                          "- [",
                          "-[1]",
                          "- *[",
                          "- * (",
                          "- * {",
                          "- * ( [1]",
                          "- * {A [1]",
                          "--- [",
                          "--- ]",
                          "--- X [1",
                          "---",
                          "&",
                          "+",
                          "&X\n+",
                          "!X! =",
                          "A!X! [~GOV]",
                          "!X! =\nA!X! [~GOV]",
                          "A ! [~GOV]",
                          "A !! [~GOV]",
                          "A {",
                          "A [~",
                          "A [~]",
                          "A [~GOV",
                          "~",
                          "X_ [ ]",
                          "X_ [USA 2020-]",
                          "X_ [USA <]",
                          "X_ [USA >]",
                          "\t[",
                          "+X_ [USA]",
                          "X [190] (",
                          "X [190] (ON",
                          "X {} [190] extra",
                          "_",
                          "__ [~GOV]",
                          "--- A [1] ---\n- * &UNDEFINED (ON +) [190]\n{A} [1]",
                          "--- A [1] ---\n+_\n_+ [1]\n+ {} [1]",
                          "#only a comment",
                          "\r\n\r\n",
                          kLongBrackets.c_str()};
  for (bool lenient : {false, true}) {
    for (const char* input : inputs) {
      for (auto kind : {DictionaryKind::kActors, DictionaryKind::kAgents, DictionaryKind::kVerbs,
                        DictionaryKind::kNominals, DictionaryKind::kDiscards}) {
        SCOPED_TRACE(std::string("[") + input + "] kind " + std::to_string(static_cast<int>(kind)));
        DictionaryBuilder builder(vocab(), lexicon());
        builder.set_lenient(lenient);
        Status status = builder.add_text(input, "hostile.txt", kind);
        if (lenient) EXPECT_TRUE(status.is_ok()) << status.to_string();
        if (!status.is_ok()) {
          EXPECT_EQ(status.file(), "hostile.txt");
          EXPECT_GE(status.line(), 1u);
        }
        auto dict = builder.finish();
        // Look the input's own words up in every trie.
        for (const PhraseTrie* trie : {&dict->actor_trie(), &dict->agent_trie(),
                                       &dict->nominal_trie(), &dict->discard_trie()}) {
          (void)lookup(*trie, vocab(), "X A [ ] _ ON UNDEFINED");
          (void)lookup(*trie, vocab(), input);
        }
      }
    }
  }
}

// ------------------------------------------------------------------ PhraseTrie

TEST(PhraseTrie, LongestMatch) {
  Vocabulary vocab;
  PhraseTrie trie;
  EXPECT_TRUE(trie.insert({"UNITED"}, false, 0, vocab));
  EXPECT_TRUE(trie.insert({"UNITED", "STATES"}, false, 1, vocab));
  EXPECT_TRUE(trie.insert({"UNITED", "STATES", "ARMY"}, false, 2, vocab));
  EXPECT_EQ(trie.phrase_count(), 3u);

  auto match = lookup(trie, vocab, "UNITED STATES ARMY SAID");
  EXPECT_EQ(match.length, 3u);
  EXPECT_EQ(match.value, 2u);
  match = lookup(trie, vocab, "UNITED STATES NAVY");
  EXPECT_EQ(match.length, 2u);
  EXPECT_EQ(match.value, 1u);
  match = lookup(trie, vocab, "UNITED NATIONS");
  EXPECT_EQ(match.length, 1u);
  EXPECT_EQ(match.value, 0u);
  match = lookup(trie, vocab, "STATES UNITED");
  EXPECT_EQ(match.length, 0u);
  EXPECT_EQ(match.value, PhraseTrie::kNoValue);
  EXPECT_EQ(lookup(trie, vocab, "").length, 0u);
}

TEST(PhraseTrie, DuplicateKeepsFirstValue) {
  Vocabulary vocab;
  PhraseTrie trie;
  EXPECT_TRUE(trie.insert({"IRAQ"}, false, 7, vocab));
  EXPECT_FALSE(trie.insert({"IRAQ"}, false, 8, vocab));
  EXPECT_FALSE(trie.insert({}, false, 9, vocab));
  EXPECT_EQ(trie.phrase_count(), 1u);
  EXPECT_EQ(lookup(trie, vocab, "IRAQ").value, 7u);
}

TEST(PhraseTrie, StemMatching) {
  Vocabulary vocab;
  PhraseTrie trie;
  EXPECT_TRUE(trie.insert({"PALESTIN"}, true, 1, vocab));
  EXPECT_TRUE(trie.insert({"GAZA", "MILITANT"}, true, 2, vocab));
  EXPECT_TRUE(trie.insert({"GAZA"}, false, 3, vocab));
  // A stem matches a word it begins, even a word not in the vocabulary.
  auto match = lookup(trie, vocab, "PALESTINIAN AUTHORITY");
  EXPECT_EQ(match.length, 1u);
  EXPECT_EQ(match.value, 1u);
  EXPECT_EQ(lookup(trie, vocab, "PALESTIN").value, 1u);
  match = lookup(trie, vocab, "GAZA MILITANTS FIRED");
  EXPECT_EQ(match.length, 2u);
  EXPECT_EQ(match.value, 2u);
  match = lookup(trie, vocab, "GAZA MILITIA");
  EXPECT_EQ(match.length, 1u);
  EXPECT_EQ(match.value, 3u);
  EXPECT_EQ(lookup(trie, vocab, "PALEST").length, 0u);
  // Whole words (no stem) do not match longer words.
  EXPECT_EQ(lookup(trie, vocab, "GAZAN").length, 0u);
}

// The trie against a plain scan of the phrase list, on random phrases with
// many shared prefixes and stems (enough that the tables grow several times).
// Stems start with A-M and whole words with N-Z, so at most one kind can end
// a match at a token; among stems the longest wins, as documented.
TEST(PhraseTrie, AgreesWithAPlainScan) {
  struct Phrase {
    std::vector<std::string> words;
    bool stem = false;
    std::uint32_t value = 0;
  };
  std::mt19937 random(7);
  auto word = [&](char first_low, char first_high) {
    std::string w(1, static_cast<char>(first_low + random() % (first_high - first_low + 1)));
    std::size_t length = random() % 4;
    for (std::size_t i = 0; i < length; ++i) w += static_cast<char>('A' + random() % 4);
    return w;
  };
  Vocabulary vocab;
  PhraseTrie trie;
  std::vector<Phrase> phrases;
  for (std::uint32_t value = 0; value < 6000; ++value) {
    Phrase phrase;
    phrase.stem = random() % 2 == 0;
    std::size_t count = 1 + random() % 3;
    for (std::size_t i = 0; i + 1 < count; ++i) phrase.words.push_back(word('N', 'Z'));
    phrase.words.push_back(phrase.stem ? word('A', 'M') : word('N', 'Z'));
    phrase.value = value;
    if (trie.insert(phrase.words, phrase.stem, value, vocab)) phrases.push_back(phrase);
  }
  ASSERT_GT(phrases.size(), 1000u);
  auto scan = [&](const std::vector<std::string>& tokens) {
    PhraseTrie::Match best;
    std::size_t best_stem = 0;
    for (const auto& phrase : phrases) {
      std::size_t n = phrase.words.size();
      if (n > tokens.size() || n < best.length) continue;
      bool match = true;
      for (std::size_t i = 0; i + 1 < n && match; ++i) match = tokens[i] == phrase.words[i];
      const std::string& last = phrase.words.back();
      match = match && (phrase.stem ? tokens[n - 1].starts_with(last) : tokens[n - 1] == last);
      if (!match) continue;
      if (n > best.length || (phrase.stem && last.size() > best_stem)) {
        best = {n, phrase.value};
        best_stem = phrase.stem ? last.size() : 0;
      }
    }
    return best;
  };
  std::size_t matched = 0;
  for (int q = 0; q < 3000; ++q) {
    // A phrase's words, its last word sometimes extended, then random words.
    const Phrase& base = phrases[random() % phrases.size()];
    std::vector<std::string> tokens(base.words.begin(),
                                    base.words.begin() + 1 + random() % base.words.size());
    if (random() % 2) tokens.back() += word('A', 'D');
    while (tokens.size() < 4) tokens.push_back(random() % 2 ? word('N', 'Z') : word('A', 'M'));
    std::vector<std::uint32_t> ids;
    std::vector<std::string_view> texts;
    for (const auto& t : tokens) {
      ids.push_back(vocab.find(t));
      texts.emplace_back(t);
    }
    PhraseTrie::Match got = trie.longest(ids.data(), texts.data(), tokens.size());
    PhraseTrie::Match want = scan(tokens);
    std::string query;
    for (const auto& t : tokens) query += t + " ";
    ASSERT_EQ(got.length, want.length) << query;
    ASSERT_EQ(got.value, want.value) << query;
    if (got.length > 0) ++matched;
  }
  EXPECT_GT(matched, 1000u);
}

// ------------------------------------------------------------------ files and names

TEST(DictionaryKindFromName, Names) {
  EXPECT_EQ(dictionary_kind_from_name("countries.actors.txt"), DictionaryKind::kActors);
  EXPECT_EQ(dictionary_kind_from_name("Phoenix.Countries.actors.txt"), DictionaryKind::kActors);
  EXPECT_EQ(dictionary_kind_from_name("agents.txt"), DictionaryKind::kAgents);
  EXPECT_EQ(dictionary_kind_from_name("Phoenix.agents.txt"), DictionaryKind::kAgents);
  EXPECT_EQ(dictionary_kind_from_name("verbs.txt"), DictionaryKind::kVerbs);
  EXPECT_EQ(dictionary_kind_from_name("CAMEO.2.0.txt"), DictionaryKind::kVerbs);
  EXPECT_EQ(dictionary_kind_from_name("nominals.txt"), DictionaryKind::kNominals);
  EXPECT_EQ(dictionary_kind_from_name("discards.txt"), DictionaryKind::kDiscards);
  EXPECT_EQ(dictionary_kind_from_name("my.verbs.dict"), DictionaryKind::kVerbs);
  EXPECT_EQ(dictionary_kind_from_name("README.md"), DictionaryKind::kUnknown);
  EXPECT_EQ(dictionary_kind_from_name("actors.json"), DictionaryKind::kUnknown);
  EXPECT_EQ(dictionary_kind_from_name("notes.txt"), DictionaryKind::kUnknown);
}

TEST_F(DictionaryTest, AddFileMissingIsNotFound) {
  DictionaryBuilder builder(vocab(), lexicon());
  Status status =
      builder.add_file("/nonexistent/tigris/people.actors.txt", DictionaryKind::kActors);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.file(), "/nonexistent/tigris/people.actors.txt");
}

TEST_F(DictionaryTest, AddDirectoryReadsKnownFilesAndNotesOthers) {
  namespace fs = std::filesystem;
  fs::path dir =
      fs::temp_directory_path() / ("tigris_dictionary_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "b.actors.txt") << "IRAQ_ [IRQ]\n";
  std::ofstream(dir / "a.agents.txt") << "OFFICIAL [~GOV]\n";
  std::ofstream(dir / "notes.txt") << "not a dictionary\n";
  std::ofstream(dir / "README.md") << "ignored silently\n";

  DictionaryBuilder builder(vocab(), lexicon());
  Status status = builder.add_directory(dir.string());
  std::vector<LoadNote> notes = builder.notes();
  auto dict = builder.finish();
  fs::remove_all(dir);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_EQ(dict->actors().size(), 1u);
  EXPECT_EQ(dict->agents().size(), 1u);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].file.find("notes.txt"), std::string::npos);
  // Sorted by name: agents (a.) before actors (b.).
  ASSERT_GE(dict->sources().size(), 2u);
  EXPECT_NE(dict->sources()[0].find("a.agents.txt"), std::string::npos);
}

// PETRARCH2's folder holds its validation suite's made-up dictionaries beside
// the Phoenix files: a folder load skips them (with a note), a file load reads them.
TEST_F(DictionaryTest, AddDirectorySkipsValidationSuiteDictionaries) {
  namespace fs = std::filesystem;
  fs::path dir =
      fs::temp_directory_path() / ("tigris_dictionary_validate_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "Phoenix.Countries.actors.txt") << "IRAQ_ [IRQ]\n";
  std::ofstream(dir / "PETR.Validate.actors.txt") << "GONDOR_ [GON]\nMORDOR_ [MOR]\n";

  DictionaryBuilder builder(vocab(), lexicon());
  Status status = builder.add_directory(dir.string());
  std::vector<LoadNote> notes = builder.notes();
  auto dict = builder.finish();
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_EQ(dict->actors().size(), 1u);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].file.find("PETR.Validate.actors.txt"), std::string::npos);

  DictionaryBuilder by_file(vocab(), lexicon());
  ASSERT_TRUE(by_file.add_file((dir / "PETR.Validate.actors.txt").string(), DictionaryKind::kActors)
                  .is_ok());
  EXPECT_EQ(by_file.finish()->actors().size(), 2u);
  fs::remove_all(dir);
}

TEST_F(DictionaryTest, AddDirectoryMissingIsNotFound) {
  DictionaryBuilder builder(vocab(), lexicon());
  Status status = builder.add_directory("/nonexistent/tigris/dict");
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.file(), "/nonexistent/tigris/dict");
}

TEST_F(DictionaryTest, UnknownKindIsANote) {
  DictionaryBuilder builder(vocab(), lexicon());
  Status status = builder.add_text("whatever\n", "notes.txt", DictionaryKind::kUnknown);
  EXPECT_TRUE(status.is_ok());
  ASSERT_EQ(builder.notes().size(), 1u);
  EXPECT_EQ(builder.notes()[0].file, "notes.txt");
}

TEST_F(DictionaryTest, SeveralFilesKeepTheirSources) {
  DictionaryBuilder builder(vocab(), lexicon());
  ASSERT_TRUE(builder.add_text("IRAQ_ [IRQ]\n", "one.actors.txt", DictionaryKind::kActors).is_ok());
  ASSERT_TRUE(
      builder.add_text("\n\nIRAN_ [IRN]\n", "dir/two.actors.txt", DictionaryKind::kActors).is_ok());
  auto dict = builder.finish();
  ASSERT_EQ(dict->actors().size(), 2u);
  const ActorEntry& iran = dict->actors()[1];
  EXPECT_EQ(dict->entry_label(iran.source, iran.line), "two.actors.txt:3");
  EXPECT_EQ(dict->sources().size(), 2u);
}

}  // namespace
}  // namespace tigris
