// Compatibility with the PETRARCH validation suites: the PETRARCH coding
// conventions option, the Penn Treebank reader and coding from a given parse.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "syntax/treebank.h"
#include "tigris/pipeline.h"

#ifndef TIGRIS_TEST_DATA_DIR
#define TIGRIS_TEST_DATA_DIR "data"
#endif
#ifndef TIGRIS_TEST_WORDNET_DIR
#define TIGRIS_TEST_WORDNET_DIR "/usr/share/wordnet"
#endif

namespace tigris {
namespace {

std::shared_ptr<const Pipeline> load_pipeline(bool petrarch_conventions) {
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.petrarch_conventions = petrarch_conventions;
  auto loaded = Pipeline::load(options);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? loaded.value() : nullptr;
}

std::string describe(const std::vector<Event>& events) {
  std::string out;
  for (const auto& e : events) {
    out += "\n  " + e.source.code + " -> " + (e.target ? e.target->code : "-") + " " + e.cameo;
  }
  return out.empty() ? " (none)" : out;
}

Story story_of(const std::string& text) {
  Story story;
  story.id = "t";
  story.date = "2020-09-29";
  story.text = text;
  return story;
}

// PETRARCH codes a sentence's events without a target only when it has no
// event with one; our own convention keeps both. A sentence with only
// target-less events keeps them under both.
TEST(PetrarchConventions, EventWithoutTargetDroppedBesideAComplete) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  Story story = story_of(
      "Iran restored diplomatic ties with Iraq, five years after Syrian protesters rioted.");
  CodedStory theirs = petrarch->code(story, ws);
  ASSERT_EQ(theirs.events.size(), 1u) << describe(theirs.events);
  EXPECT_EQ(theirs.events[0].source.code, "IRN");
  ASSERT_TRUE(theirs.events[0].target);
  EXPECT_EQ(theirs.events[0].target->code, "IRQ");
  CodedStory ours = own->code(story, ws);
  EXPECT_EQ(ours.events.size(), 2u) << describe(ours.events);
  CodedStory alone = petrarch->code(story_of("Syrian protesters rioted."), ws);
  EXPECT_EQ(alone.events.size(), 1u) << describe(alone.events);
}

// TABARI's first actor after the verb reads past a comma, but not into a
// comma-delimited clause of 2 to 8 words, which it eliminates; our own
// convention stays within the clause.
TEST(PetrarchConventions, FirstActorTargetCrossesCommasOutsideShortClauses) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  auto has = [](const CodedStory& coded, const std::string& source, const std::string& target) {
    for (const auto& e : coded.events) {
      if (e.source.code == source && e.target && e.target->code == target) return true;
    }
    return false;
  };
  // 11 words between the commas: kept, so Iraq is the target.
  Story story = story_of(
      "Iran criticized the decision, almost five years after Iraq had closed its embassy in the "
      "city.");
  CodedStory theirs = petrarch->code(story, ws);
  EXPECT_TRUE(has(theirs, "IRN", "IRQ")) << describe(theirs.events);
  CodedStory ours = own->code(story, ws);
  EXPECT_FALSE(has(ours, "IRN", "IRQ")) << describe(ours.events);
  // 7 words: eliminated, no target.
  theirs = petrarch->code(story_of("Iran criticized the decision, two years after Iraq closed its "
                                   "embassy."),
                          ws);
  EXPECT_FALSE(has(theirs, "IRN", "IRQ")) << describe(theirs.events);
}

TEST(PetrarchConventions, FutureActIsCodedAsTheActItself) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  Story story = story_of("Iran will hold talks with Iraq next week.");
  CodedStory ours = own->code(story, ws);
  ASSERT_EQ(ours.events.size(), 1u) << describe(ours.events);
  EXPECT_EQ(ours.events[0].root, "03");  // Tigris: an intent to meet
  CodedStory theirs = petrarch->code(story, ws);
  ASSERT_EQ(theirs.events.size(), 1u) << describe(theirs.events);
  EXPECT_EQ(theirs.events[0].root, "04");  // PETRARCH: the meeting itself
  EXPECT_EQ(theirs.events[0].source.code, "IRN");
  ASSERT_TRUE(theirs.events[0].target.has_value());
  EXPECT_EQ(theirs.events[0].target->code, "IRQ");
  EXPECT_EQ(theirs.events[0].mode, "");
}

TEST(PetrarchConventions, FirstActorAfterTheVerbIsTheTarget) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  // "in Iraq" is a place for Tigris; TABARI takes the first actor after the verb.
  Story story = story_of("Iran criticized the closure of roads in Iraq.");
  CodedStory ours = own->code(story, ws);
  for (const auto& e : ours.events) EXPECT_FALSE(e.target.has_value()) << describe(ours.events);
  CodedStory theirs = petrarch->code(story, ws);
  ASSERT_EQ(theirs.events.size(), 1u) << describe(theirs.events);
  ASSERT_TRUE(theirs.events[0].target.has_value());
  EXPECT_EQ(theirs.events[0].source.code, "IRN");
  EXPECT_EQ(theirs.events[0].target->code, "IRQ");
}

// A prepositional target ("with Syria") does not pass over an actor nearer the
// verb under another preposition ("for Iraq") in PETRARCH's convention.
TEST(PetrarchConventions, NearerActorBeforeAPrepositionalTarget) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  Story story = story_of("Iran criticized the plans for Iraq on Monday with Syria.");
  CodedStory ours = own->code(story, ws);
  ASSERT_EQ(ours.events.size(), 1u) << describe(ours.events);
  ASSERT_TRUE(ours.events[0].target.has_value());
  EXPECT_EQ(ours.events[0].target->code, "SYR");
  CodedStory theirs = petrarch->code(story, ws);
  ASSERT_EQ(theirs.events.size(), 1u) << describe(theirs.events);
  ASSERT_TRUE(theirs.events[0].target.has_value());
  EXPECT_EQ(theirs.events[0].source.code, "IRN");
  EXPECT_EQ(theirs.events[0].target->code, "IRQ");
}

// The first actor after the verb takes the phrases coordinated with it by
// "and" (PETRARCH), also when it sits in a clause the verb governs.
TEST(PetrarchConventions, FirstActorTargetTakesItsCoordinatedPhrases) {
  auto petrarch = load_pipeline(true);
  ASSERT_TRUE(petrarch);
  Workspace ws;
  CodedStory coded =
      petrarch->code(story_of("Iran said it felt deep sympathy toward Iraq and Syria."), ws);
  std::vector<std::string> targets;
  for (const auto& e : coded.events) {
    EXPECT_EQ(e.source.code, "IRN");
    if (e.target) targets.push_back(e.target->code);
  }
  std::sort(targets.begin(), targets.end());
  EXPECT_EQ(targets, (std::vector<std::string>{"IRQ", "SYR"})) << describe(coded.events);
}

TEST(PetrarchConventions, FirstActorTargetLooksIntoTheComplementClause) {
  auto petrarch = load_pipeline(true);
  ASSERT_TRUE(petrarch);
  Workspace ws;
  CodedStory coded =
      petrarch->code(story_of("Iran complained that Iraq is an unsafe place to visit."), ws);
  bool found = false;
  for (const auto& e : coded.events) {
    found = found || (e.source.code == "IRN" && e.target && e.target->code == "IRQ");
  }
  EXPECT_TRUE(found) << describe(coded.events);
}

TEST(PetrarchConventions, CompoundSubjectWithoutTargetActsOnEachOther) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  // Postponing (not a joint act in Tigris's list) by two named countries.
  Story story = story_of("Iran and Iraq postponed their meeting.");
  CodedStory ours = own->code(story, ws);
  for (const auto& e : ours.events) EXPECT_FALSE(e.target.has_value()) << describe(ours.events);
  CodedStory theirs = petrarch->code(story, ws);
  bool one = false;
  bool other = false;
  for (const auto& e : theirs.events) {
    one = one || (e.source.code == "IRN" && e.target && e.target->code == "IRQ");
    other = other || (e.source.code == "IRQ" && e.target && e.target->code == "IRN");
  }
  EXPECT_TRUE(one && other) << describe(theirs.events);
}

TEST(PetrarchConventions, PassiveWithoutByPhraseTakesTheFirstActorAsSource) {
  auto petrarch = load_pipeline(true);
  auto own = load_pipeline(false);
  ASSERT_TRUE(petrarch && own);
  Workspace ws;
  Story story = story_of("An Iranian diplomat was shot dead in Iraq.");
  EXPECT_TRUE(own->code(story, ws).events.empty());  // Tigris: nobody named did it
  CodedStory theirs = petrarch->code(story, ws);
  bool found = false;
  for (const auto& e : theirs.events) {
    found = found || (e.source.code == "IRQ" && e.target && e.target->code.starts_with("IRN"));
  }
  EXPECT_TRUE(found) << describe(theirs.events);
}

// A pattern word can be the phrase's preposition: "* ON RESOLUTION" matches
// "adjudicated on the resolution" (the preposition is a chunk of its own).
TEST(Patterns, WordsMatchThePrepositionOfAPhrase) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- ADJUDICATE [100] ---\nADJUDICATE\n- * ON RESOLUTION [102]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string()};
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded =
      loaded.value()->code(story_of("Iran adjudicated on the resolution with Iraq."), ws);
  ASSERT_FALSE(coded.events.empty());
  EXPECT_EQ(coded.events[0].cameo, "102") << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// An infinitive complement's object is matched like an object too: "vowed
// to wage war" matches VOW's "- * WAR".
TEST(Patterns, WordsMatchTheObjectOfAnInfinitiveComplement) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test_c";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- VOW [170] ---\nVOW\n- * WAR [173]\n";
  }
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "GONDOR [GON]\nMORDOR [MOR]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string(), actors.string()};
  options.replace_default_dictionaries = true;  // only this VOW block; no WAGE entry
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Gondor vowed to wage war on Mordor."), ws);
  ASSERT_FALSE(coded.events.empty());
  EXPECT_TRUE(std::any_of(coded.events.begin(), coded.events.end(), [](const auto& e) {
    return e.cameo == "173";
  })) << describe(coded.events);
  EXPECT_FALSE(std::any_of(coded.events.begin(), coded.events.end(), [](const auto& e) {
    return e.cameo == "170";
  })) << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// Words before "*" may sit in the verb group or the governing clause:
// "INDICATED WOULD *" matches "indicated it would adjudicate".
TEST(Patterns, WordsBeforeTheVerbMatchTheGoverningClause) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test2";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- ADJUDICATE [100] ---\nADJUDICATE\n- INDICATED WOULD *  [102]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string()};
  options.petrarch_conventions = true;  // as tigris validate codes
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Iran indicated it would adjudicate Iraq."), ws);
  ASSERT_FALSE(coded.events.empty());
  EXPECT_EQ(coded.events[0].cameo, "102") << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// A name that begins with a function word ("THE_SHIRE") matches "the Shire";
// "us" the pronoun still does not match "US".
TEST(Actors, NameBeginningWithAFunctionWord) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test3";
  std::filesystem::create_directories(dir);
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "THE_SHIRE  [SHR]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {actors.string()};
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Iran held talks with the Shire."), ws);
  ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
  ASSERT_TRUE(coded.events[0].target.has_value());
  EXPECT_EQ(coded.events[0].target->code, "SHR") << describe(coded.events);
  coded = loaded.value()->code(story_of("Iran held talks with the shire."), ws);
  for (const auto& e : coded.events) {
    EXPECT_FALSE(e.target && e.target->code == "SHR") << describe(coded.events);
  }
  coded = loaded.value()->code(story_of("Iran held talks with us."), ws);
  for (const auto& e : coded.events) {
    EXPECT_FALSE(e.target && e.target->code == "USA") << describe(coded.events);
  }
  std::filesystem::remove_all(dir);
}

// PETRARCH joins every agent of a phrase to the actor code, "NGO~" agents
// before it; our own convention keeps the last agent only.
TEST(PetrarchConventions, AgentsOfAPhraseCombine) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test4";
  std::filesystem::create_directories(dir);
  std::filesystem::path agents = dir / "test.agents.txt";
  {
    std::ofstream out(agents);
    out << "DIPLOMAT  [~GOV]\nWORLD_COUNCIL [~WGO]\n";  // CHARITY [NGO~] is ours
  }
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "WEST_ARNOR  [ARNGOV]\n";
  }
  for (bool petrarch : {true, false}) {
    PipelineOptions options;
    options.data_dir = TIGRIS_TEST_DATA_DIR;
    options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
    options.dictionary_files = {agents.string(), actors.string()};
    options.petrarch_conventions = petrarch;
    auto loaded = Pipeline::load(options);
    ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    Workspace ws;
    CodedStory coded =
        loaded.value()->code(story_of("A charity Iranian diplomat held talks with Iraq."), ws);
    ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
    EXPECT_EQ(coded.events[0].source.code, petrarch ? "NGOIRNGOV" : "IRNGOV")
        << describe(coded.events);
    coded = loaded.value()->code(
        story_of("West Arnor world council diplomats held talks with Iraq."), ws);
    ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
    // An agent already in the code is not repeated.
    EXPECT_EQ(coded.events[0].source.code, petrarch ? "ARNGOVWGO" : "ARNGOV")
        << describe(coded.events);
  }
  std::filesystem::remove_all(dir);
}

// Under PETRARCH's conventions a verb written as its root plus "ES" is that
// verb only where English adds "ES" ("pushes", not "kickes"); our own
// convention takes the lemmatizer's reading of the misspelling.
TEST(PetrarchConventions, EsEndingOnlyWhereRegular) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test_es";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- KICK [171] ---\nKICK\n--- PUSH [061] ---\nPUSH\n";
  }
  for (bool petrarch : {true, false}) {
    PipelineOptions options;
    options.data_dir = TIGRIS_TEST_DATA_DIR;
    options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
    options.dictionary_files = {verbs.string()};
    options.petrarch_conventions = petrarch;
    auto loaded = Pipeline::load(options);
    ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    Workspace ws;
    CodedStory coded = loaded.value()->code(story_of("Iran kickes Iraq."), ws);
    // KICK codes (ours or the test's entry) unless the form is refused.
    EXPECT_EQ(coded.events.empty(), petrarch) << describe(coded.events);
    coded = loaded.value()->code(story_of("Iran pushes Iraq."), ws);
    EXPECT_FALSE(coded.events.empty()) << describe(coded.events);
  }
  std::filesystem::remove_all(dir);
}

// PETRARCH-2 matches a pattern's words as written ("* PROPOSAL" is not
// "proposals"); otherwise (UD-PETRARCH, Tigris) their lemmas match too.
TEST(PetrarchConventions, PatternWordsAsWritten) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test_pw";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- SNUB [110] ---\nSNUB\n- * PROPOSAL [125]\n";
  }
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "IRAN [IRN]\nIRAQ [IRQ]\n";
  }
  for (bool as_written : {true, false}) {
    PipelineOptions options;
    options.data_dir = TIGRIS_TEST_DATA_DIR;
    options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
    options.dictionary_files = {verbs.string(), actors.string()};
    options.replace_default_dictionaries = true;
    options.petrarch_conventions = true;
    options.pattern_words_as_written = as_written;
    auto loaded = Pipeline::load(options);
    ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    Workspace ws;
    CodedStory coded = loaded.value()->code(story_of("Iran snubbed the proposals of Iraq."), ws);
    ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
    EXPECT_EQ(coded.events[0].cameo, as_written ? "110" : "125") << describe(coded.events);
    coded = loaded.value()->code(story_of("Iran snubbed the proposal of Iraq."), ws);
    ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
    EXPECT_EQ(coded.events[0].cameo, "125") << describe(coded.events);
  }
  std::filesystem::remove_all(dir);
}

// A pattern word after the verb may be an adverb right after the verb group:
// "* QUICKLY" matches "acted quickly against Iraq".
TEST(PetrarchConventions, PatternWordInAnAdverbAfterTheVerb) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test_adv";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- ACT [100] ---\nACT\n- * QUICKLY [111]\n";
  }
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "IRAN [IRN]\nIRAQ [IRQ]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string(), actors.string()};
  options.replace_default_dictionaries = true;
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Iran acted quickly against Iraq."), ws);
  ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
  EXPECT_EQ(coded.events[0].cameo, "111") << describe(coded.events);
  coded = loaded.value()->code(story_of("Iran acted against Iraq."), ws);
  ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
  EXPECT_EQ(coded.events[0].cameo, "100") << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// A subordinate code ("[111?]") is coded only when the sentence has no other
// event, and then without its mark.
TEST(PetrarchConventions, SubordinateCodeOnlyWithoutAnotherEvent) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test5";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- UPBRAID [111?] ---\nUPBRAID\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string()};
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Iran upbraided Iraq."), ws);
  ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
  EXPECT_EQ(coded.events[0].cameo, "111");
  coded = loaded.value()->code(story_of("Iran upbraided Iraq and held talks with Syria."), ws);
  ASSERT_FALSE(coded.events.empty());
  for (const auto& e : coded.events)
    EXPECT_NE(e.cameo.substr(0, 3), "111") << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// A paired code on a verb block ("--- DISEMBARK [032:033] ---") codes the act
// and its reverse; without a target it codes nothing.
TEST(PetrarchConventions, PairedCodeOnAVerbBlock) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test6";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- DISEMBARK  [032:033]  ---\nDISEMBARK\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string()};
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded = loaded.value()->code(story_of("Iran disembarked in Iraq on Monday."), ws);
  ASSERT_EQ(coded.events.size(), 2u) << describe(coded.events);
  bool forward = false, reverse = false;
  for (const auto& e : coded.events) {
    ASSERT_TRUE(e.target.has_value()) << describe(coded.events);
    if (e.source.code == "IRN" && e.target->code == "IRQ" && e.cameo == "032") forward = true;
    if (e.source.code == "IRQ" && e.target->code == "IRN" && e.cameo == "033") reverse = true;
  }
  EXPECT_TRUE(forward && reverse) << describe(coded.events);
  coded = loaded.value()->code(story_of("Iran disembarked on Monday."), ws);
  EXPECT_TRUE(coded.events.empty()) << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// An actor with several codes ("[FRO/BIL]") is one actor per code for
// PETRARCH-2; UD-PETRARCH (the option off) keeps the code as it is.
TEST(PetrarchConventions, SeveralCodesSplitIntoOneEventEach) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test7";
  std::filesystem::create_directories(dir);
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "HOBBITON  [FRO/BIL]\n";
  }
  for (bool split : {true, false}) {
    PipelineOptions options;
    options.data_dir = TIGRIS_TEST_DATA_DIR;
    options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
    options.dictionary_files = {actors.string()};
    options.petrarch_conventions = true;
    options.split_multiple_codes = split;
    auto loaded = Pipeline::load(options);
    ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    Workspace ws;
    CodedStory coded = loaded.value()->code(story_of("Hobbiton held talks with Iraq."), ws);
    std::set<std::string> sources;
    for (const auto& e : coded.events) {
      ASSERT_TRUE(e.target.has_value()) << describe(coded.events);
      EXPECT_EQ(e.target->code, "IRQ") << describe(coded.events);
      sources.insert(e.source.code);
    }
    EXPECT_EQ(sources,
              split ? (std::set<std::string>{"FRO", "BIL"}) : (std::set<std::string>{"FRO/BIL"}))
        << describe(coded.events);
  }
  std::filesystem::remove_all(dir);
}

// After a verb of belief, "X and Y" before a verb is the complement's
// compound subject: both are the first actors after the verb (targets).
TEST(PetrarchConventions, CompoundComplementSubjectAfterABeliefVerb) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "tigris_validate_test8";
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << "--- BELIEVE  [023] ---\nBELIEVE\n";
  }
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << "IRAN  [IRN]\nIRAQ  [IRQ]\nSYRIA  [SYR]\n";
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string(), actors.string()};
  options.replace_default_dictionaries = true;  // ours codes BELIEVE as attribution
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  Workspace ws;
  CodedStory coded =
      loaded.value()->code(story_of("Iran believes Iraq and Syria can cope with the drought."), ws);
  std::set<std::string> targets;
  for (const auto& e : coded.events) {
    if (e.source.code == "IRN" && e.cameo == "023" && e.target) targets.insert(e.target->code);
  }
  EXPECT_EQ(targets, (std::set<std::string>{"IRQ", "SYR"})) << describe(coded.events);
  std::filesystem::remove_all(dir);
}

// Two countries in one noun phrase: PETRARCH takes the first, we the one
// nearer the head.
TEST(PetrarchConventions, FirstOfTwoActorsInAPhrase) {
  for (bool petrarch : {true, false}) {
    auto pipeline = load_pipeline(petrarch);
    ASSERT_NE(pipeline, nullptr);
    Workspace ws;
    CodedStory coded =
        pipeline->code(story_of("The Iraqi Iranian delegation held talks with Turkey."), ws);
    ASSERT_FALSE(coded.events.empty());
    EXPECT_EQ(coded.events[0].source.code.substr(0, 3), petrarch ? "IRQ" : "IRN")
        << describe(coded.events);
  }
}

// With no actor to take, an object that names only an agent is PETRARCH's
// target ("arrested students": ---EDU); ours codes no target.
TEST(PetrarchConventions, AgentObjectIsTheTargetWhenNoActorIs) {
  for (bool petrarch : {true, false}) {
    auto pipeline = load_pipeline(petrarch);
    ASSERT_NE(pipeline, nullptr);
    Workspace ws;
    CodedStory coded = pipeline->code(story_of("Russian police arrested students."), ws);
    ASSERT_FALSE(coded.events.empty());
    EXPECT_EQ(coded.events[0].source.code, "RUSCOP") << describe(coded.events);
    if (petrarch) {
      ASSERT_TRUE(coded.events[0].target.has_value()) << describe(coded.events);
      EXPECT_EQ(coded.events[0].target->code, "---EDU") << describe(coded.events);
    } else {
      EXPECT_FALSE(coded.events[0].target.has_value()) << describe(coded.events);
    }
  }
}

// Loads the default dictionaries plus one verb file written from `content`
// (in a folder of its own, removed at the end of the test program's run).
// With `ontology`, also a coding ontology file.
std::shared_ptr<const Pipeline> load_with_verbs(const std::string& name, const std::string& content,
                                                bool petrarch_conventions,
                                                const std::string& ontology = "") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tigris_" + name);
  std::filesystem::create_directories(dir);
  std::filesystem::path verbs = dir / "test.verbs.txt";
  {
    std::ofstream out(verbs);
    out << content;
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {verbs.string()};
  if (!ontology.empty()) {
    std::filesystem::path file = dir / "test.Coding.Ontology.txt";
    std::ofstream out(file);
    out << ontology;
    options.dictionary_files.push_back(file.string());
  }
  options.petrarch_conventions = petrarch_conventions;
  auto loaded = Pipeline::load(options);
  std::filesystem::remove_all(dir);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? loaded.value() : nullptr;
}

// The codes of the events coded from `text`, in order.
std::vector<std::string> codes_of(const Pipeline& pipeline, const std::string& text) {
  Workspace ws;
  std::vector<std::string> codes;
  for (const auto& e : pipeline.code(story_of(text), ws).events) {
    codes.push_back(e.source.code + " " + (e.target ? e.target->code : "-") + " " + e.cameo);
  }
  return codes;
}

// A pattern whose words before the verb hold a negation ("&NEGAUX *" with
// DID N'T) codes the negated verb; other patterns and the verb's own code
// give nothing for a negated verb, as before.
TEST(Patterns, NegatedPatternCodesTheNegatedVerb) {
  auto pipeline = load_with_verbs("negated",
                                  "&NEGAUX\n+DID N'T\n+WILL NOT\n+CA N'T\n"
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- &NEGAUX * ON EFFORTS [904]\n"
                                  "- &NEGAUX EVER * ON EFFORTS [905]\n"
                                  "- * ON EFFORTS [102]\n"
                                  "- * OVER PLANS [103]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated on the efforts of Iraq."), Codes{"IRN IRQ 102"});
  EXPECT_EQ(codes_of(*pipeline, "Iran didn't adjudicate on the efforts of Iraq."),
            Codes{"IRN IRQ 904"});
  EXPECT_EQ(codes_of(*pipeline, "Iran will not adjudicate on the efforts of Iraq."),
            Codes{"IRN IRQ 904"});
  // The longer pattern wins; the modal of "can't" is part of what it names.
  EXPECT_EQ(codes_of(*pipeline, "Iran can't ever adjudicate on the efforts of Iraq."),
            Codes{"IRN IRQ 905"});
  // "over" kept in the verb group or read as a preposition: the pattern matches either way.
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated over the plans of Iraq."), Codes{"IRN IRQ 103"});
  // Negated, but no pattern names the negation: no event.
  EXPECT_EQ(codes_of(*pipeline, "Iran did not adjudicate on the efforts of Iraq."), Codes{});
  EXPECT_EQ(codes_of(*pipeline, "Iran didn't adjudicate the plan of Iraq."), Codes{});
}

// TABARI/PETRARCH pattern tokens: "_"-joined words run across phrases and
// "X_*" must touch the verb; "^" passes over an actor; "$" after the verb or
// "+" before it make the subject the target; words before "*" may name the
// verb an infinitive depends on.
TEST(Patterns, SkipsAdjacencyAndRoles) {
  auto pipeline = load_with_verbs("roles",
                                  "&TIES\n+ECONOMIC\n+CULTURAL\n"
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- * MEMOS_ON_&TIES [911]\n"
                                  "- RECENTLY_* [025]\n"
                                  "- * FEAST (AT ^) + [044]\n"
                                  "- * GRANT FROM $ [071]\n"
                                  "- + HOSTING * TABASKI ^ $ [042]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated memos on economic issues with Iraq."),
            Codes{"IRN IRQ 911"});
  EXPECT_EQ(codes_of(*pipeline, "Iran recently adjudicated the plans of Iraq."),
            Codes{"IRN IRQ 025"});
  // "did" stands between RECENTLY and the verb: the verb's own code.
  EXPECT_EQ(codes_of(*pipeline, "Iran recently did adjudicate the plans of Iraq."),
            Codes{"IRN IRQ 100"});
  // Syria, at the skipped "^", is neither source nor target.
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated a feast at Syria with Iraq."),
            Codes{"IRN IRQ 044"});
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated a grant from Iraq."), Codes{"IRQ IRN 071"});
  // The default dictionary codes the hosting itself (043); the pattern, the
  // infinitive: Turkey skipped, Iraq the source, the subject Iran the target.
  EXPECT_EQ(
      codes_of(*pipeline, "Iran will be hosting Syria to adjudicate Tabaski with Turkey at Iraq."),
      (Codes{"IRN SYR 043", "IRQ IRN 042"}));
}

// "^" passes over the next phrase whether it names an actor or not (TABARI's
// "skip a phrase"); after pattern words that end a phrase it takes the next one.
TEST(Patterns, SkipPassesOverAnUncodedPhrase) {
  auto pipeline = load_with_verbs("skip",
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- * THEIR ^ ABOUT + [162]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated their populations about Iraq."),
            Codes{"IRN IRQ 162"});
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated their Syrian populations about Iraq."),
            Codes{"IRN IRQ 162"});
  // No phrase between THEIR's phrase and ABOUT: the skip takes "about Iraq", no match.
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated their plans with Iraq."), Codes{"IRN IRQ 100"});
}

// A pattern with TABARI's complex code [+++] is skipped in a PETRARCH-format
// file: the verb's other patterns code the sentence.
TEST(Patterns, ComplexCodePatternIsSkipped) {
  auto pipeline = load_with_verbs("complex",
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- * FULL DIPLOMATIC [+++]\n"
                                  "- * DIPLOMATIC [064]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated full diplomatic ties with Iraq."),
            Codes{"IRN IRQ 064"});
}

// A pipeline with the default dictionaries plus a PETRARCH-format actors file.
std::shared_ptr<const Pipeline> load_with_actors(const std::string& name,
                                                 const std::string& content) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tigris_" + name);
  std::filesystem::create_directories(dir);
  std::filesystem::path actors = dir / "test.actors.txt";
  {
    std::ofstream out(actors);
    out << content;
  }
  PipelineOptions options;
  options.data_dir = TIGRIS_TEST_DATA_DIR;
  options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
  options.dictionary_files = {actors.string()};
  options.petrarch_conventions = true;
  auto loaded = Pipeline::load(options);
  std::filesystem::remove_all(dir);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? loaded.value() : nullptr;
}

// PETRARCH: a country possessor before a person with a bare country code is the
// actor ("Arnor's Elrond" -> ARN); common adjectives joined by "and" before the
// head stay in one phrase ("Iraq's awful and evil minister Elrond" -> IRQGOV).
TEST(PetrarchConventions, CountryPossessorAndCoordinatedAdjectives) {
  auto pipeline = load_with_actors("possessor", "ELROND  [ELF]\n");
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iraq's Elrond accused Syria of spying."), Codes{"IRQ SYR 112"});
  EXPECT_EQ(codes_of(*pipeline, "Iraq's awful and evil minister Elrond accused Syria of spying."),
            Codes{"IRQGOV SYR 112"});
}

// A name written with underscores ("Saudi_Arabia", as PETRARCH and TABARI texts
// do) is read as its words and found in the dictionary.
TEST(Actors, UnderscoreJoinedNameIsItsWords) {
  auto pipeline = load_pipeline(true);
  ASSERT_TRUE(pipeline);
  Workspace ws;
  auto coded = pipeline->code(story_of("Iran accused Saudi_Arabia of spying."), ws);
  ASSERT_EQ(coded.events.size(), 1u) << describe(coded.events);
  ASSERT_TRUE(coded.events[0].target);
  EXPECT_EQ(coded.events[0].target->code, "SAU");
  EXPECT_EQ(coded.events[0].target->text, "Saudi_Arabia");
}

// With a coding ontology (UD-PETRARCH's PICO file), a negated verb is coded
// with the code of the negated act, when the ontology has one.
TEST(Patterns, CodingOntologyCodesNegatedActs) {
  const std::string verbs =
      "--- ADJUDICATE [100] ---\nADJUDICATE\n- * ON EFFORTS [110]\n- * ON PLANS [112]\n";
  const std::string ontology = "050:0x0080\n110:0xFFFF+0x0080\n112:0x70a0\n";
  auto with = load_with_verbs("ontology", verbs, true, ontology);
  auto without = load_with_verbs("no_ontology", verbs, true);
  ASSERT_TRUE(with && without);
  using Codes = std::vector<std::string>;
  const std::string negated = "Iran didn't adjudicate on the efforts of Iraq.";
  EXPECT_EQ(codes_of(*with, negated), Codes{"IRN IRQ 050"});
  EXPECT_EQ(codes_of(*without, negated), Codes{});
  // 112 - 0xFFFF is no code: no event, as without an ontology.
  EXPECT_EQ(codes_of(*with, "Iran didn't adjudicate on the plans of Iraq."), Codes{});
  EXPECT_EQ(codes_of(*with, "Iran adjudicated on the efforts of Iraq."), Codes{"IRN IRQ 110"});
}

// PETRARCH files give an inflected form its own block ("--- LEFT [032:033] ---"
// beside "--- LEAVE [012] ---"): the form matches before its lemma's entry, and
// a paired code on a block codes the reverse event too.
TEST(Patterns, InflectedFormEntriesAndPairedBlockCodes) {
  auto pipeline = load_with_verbs("inflected",
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "--- ADJUDICATED [032:033] ---\nADJUDICATED\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated Iraq."), (Codes{"IRN IRQ 032", "IRQ IRN 033"}));
  EXPECT_EQ(codes_of(*pipeline, "Iran will adjudicate Iraq."), Codes{"IRN IRQ 100"});
}

// A paired code with the same code both ways ("--- MEET [040:040] ---") still
// codes the reverse event: the act is mutual (UD-PETRARCH DATE-09, DEMO-11).
TEST(Patterns, SymmetricPairedCodeCodesBothDirections) {
  auto pipeline = load_with_verbs("symmetric",
                                  "--- ADJUDICATE [040:040] ---\nADJUDICATE\n"
                                  "- * ON EFFORTS [100]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated Iraq."), (Codes{"IRN IRQ 040", "IRQ IRN 040"}));
  // A pattern's own code is not paired: one event.
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated on the efforts of Iraq."), Codes{"IRN IRQ 100"});
}

// Pattern words after the verb are also found in a finite clause it governs,
// as TABARI reads them over the rest of the sentence ("allowed that Mordor
// isn't the neatest place": * THE_NEATEST_PLACE); "_" still asks for the words
// in sequence.
TEST(Patterns, WordsAfterTheVerbMatchInAGovernedClause) {
  auto pipeline = load_with_verbs("governed",
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- * THE_NEATEST_PLACE [027]\n"
                                  "- * REAL_PLEASANT [024]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated that Iraq isn't the neatest place."),
            Codes{"IRN IRQ 027"});
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated that Iraq isn't a real easy or pleasant place."),
            Codes{"IRN IRQ 100"});
}

// "%" is a compound actor: "% * TALKS" needs a coordinated subject, "* WITH %"
// the objects of one preposition; without one the pattern does not match.
TEST(Patterns, PercentNeedsACompoundActor) {
  auto pipeline = load_with_verbs("compound",
                                  "--- ADJUDICATE [100] ---\nADJUDICATE\n"
                                  "- % * TALKS [031]\n"
                                  "- * WITH % [036]\n",
                                  true);
  ASSERT_TRUE(pipeline);
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(*pipeline, "Iran and Iraq adjudicated peace talks."),
            (Codes{"IRN IRQ 031", "IRQ IRN 031"}));
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated peace talks with Iraq."), Codes{"IRN IRQ 100"});
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated with Iraq and Syria."),
            (Codes{"IRN IRQ 036", "IRN SYR 036"}));
  EXPECT_EQ(codes_of(*pipeline, "Iran adjudicated with Iraq."), Codes{"IRN IRQ 100"});
}

TEST(Treebank, ReadsTreesDropsFunctionTagsAndEmptyElements) {
  auto trees = read_treebank(
      "(ROOT (S (NP-SBJ (NNP Arnor)) (VP (VBD met) (NP (-NONE- *T*-1)) (NP (NNP Gondor))) (. .)))\n"
      "( (S (NP (PRP It)) (VP (VBD ended) (-LRB- -LRB-))))");
  ASSERT_TRUE(trees.is_ok()) << trees.status().to_string();
  ASSERT_EQ(trees.value().size(), 2u);
  const ParseTree& first = trees.value()[0];
  ASSERT_EQ(first.leaves.size(), 4u);  // Arnor met Gondor .
  EXPECT_EQ(first.nodes[static_cast<std::size_t>(first.leaves[1])].word, "met");
  EXPECT_EQ(first.nodes[static_cast<std::size_t>(first.leaves[1])].label, "VBD");
  EXPECT_EQ(first.nodes[first.nodes[static_cast<std::size_t>(first.leaves[0])].parent].label, "NP");
  const ParseTree& second = trees.value()[1];
  EXPECT_EQ(leaf_text(second.nodes[static_cast<std::size_t>(second.leaves.back())]), "(");
}

// Found by fuzz_parse: a -NONE- holding words was dropped with its words
// still listed as leaves (a use after free).
TEST(Treebank, EmptyElementLabelOverWordsKeepsTheWords) {
  auto trees = read_treebank("(ROOT (S (-NONE- (NNP Arnor) (-NONE- *T*)) (VP (VBD met))))");
  ASSERT_TRUE(trees.is_ok()) << trees.status().to_string();
  const ParseTree& tree = trees.value()[0];
  ASSERT_EQ(tree.leaves.size(), 2u);
  for (auto leaf : tree.leaves) ASSERT_LT(static_cast<std::size_t>(leaf), tree.nodes.size());
  EXPECT_EQ(tree.nodes[static_cast<std::size_t>(tree.leaves[0])].word, "Arnor");
  EXPECT_EQ(tree.nodes[static_cast<std::size_t>(tree.leaves[1])].word, "met");
}

TEST(Treebank, MalformedTreesAreErrorsWithTheOffset) {
  for (const char* bad : {"(S (NP (NNP Arnor)", "S (NP Arnor))", "", "(S (NP))"}) {
    auto trees = read_treebank(bad);
    EXPECT_FALSE(trees.is_ok()) << bad;
    if (!trees.is_ok())
      EXPECT_NE(trees.status().to_string().find("Penn Treebank"), std::string::npos);
  }
}

class CodeFromParse : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    pipeline_ = new std::shared_ptr<const Pipeline>(load_pipeline(true));
  }
  void SetUp() override { ASSERT_TRUE(pipeline_ && *pipeline_); }
  CodedStory code(const std::string& text, const std::string& parse) {
    auto coded = (*pipeline_)->code_parsed(story_of(text), parse, ws_);
    EXPECT_TRUE(coded.is_ok()) << coded.status().to_string();
    return coded.is_ok() ? coded.value() : CodedStory{};
  }
  static std::shared_ptr<const Pipeline>* pipeline_;
  Workspace ws_;
};
std::shared_ptr<const Pipeline>* CodeFromParse::pipeline_ = nullptr;

bool has_event(const CodedStory& coded, std::string_view source, std::string_view target,
               std::string_view root) {
  for (const auto& e : coded.events) {
    if (e.source.code == source && e.target && e.target->code == target && e.root == root)
      return true;
  }
  return false;
}

// The parse decides the structure: here it attaches "with Iraq" to the verb
// across an adverb between the auxiliary and the verb, and finds the passive.
TEST_F(CodeFromParse, PassiveWithAdverbTakesTheByPhraseAsSource) {
  CodedStory coded = code("", R"((ROOT (S (NP (NNP Iraq)) (VP (VBD was) (ADVP (RB fiercely))
      (VP (VBN attacked) (PP (IN by) (NP (NNP Iran))))) (. .))))");
  EXPECT_TRUE(has_event(coded, "IRN", "IRQ", "19")) << describe(coded.events);
  EXPECT_EQ(coded.events.size(), 1u) << describe(coded.events);
}

// A flat coordination inside a PP gives one target per member.
TEST_F(CodeFromParse, FlatCoordinationGivesOneEventPerMember) {
  CodedStory coded = code("", R"((ROOT (S (NP (NNP Iran)) (VP (VBD met) (PP (IN with)
      (NP (NNP Iraq) (, ,) (NNP Syria) (CC and) (NNP Turkey)))) (. .))))");
  EXPECT_TRUE(has_event(coded, "IRN", "IRQ", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "IRN", "SYR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "IRN", "TUR", "04")) << describe(coded.events);
}

// Apposition: "Old foes Iran and Iraq": the phrase naming actors is the subject.
TEST_F(CodeFromParse, AppositionChoosesThePhraseThatNamesActors) {
  CodedStory coded =
      code("", R"((ROOT (S (NP (NP (JJ Old) (NNS foes)) (NP (NNP Iran) (CC and) (NNP Iraq)))
      (VP (VBD met) (PP (IN with) (NP (NNP Turkey)))) (. .))))");
  EXPECT_TRUE(has_event(coded, "IRN", "TUR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "IRQ", "TUR", "04")) << describe(coded.events);
}

// The infinitive's subject comes from the clause it complements.
TEST_F(CodeFromParse, ControlledInfinitiveInheritsTheSubject) {
  CodedStory coded = code("", R"((ROOT (S (NP (NNP Iran)) (VP (VBD decided) (S (VP (TO to)
      (VP (VB attack) (NP (NNP Iraq)))))) (. .))))");
  EXPECT_TRUE(has_event(coded, "IRN", "IRQ", "19")) << describe(coded.events);
}

// "The ambassadors of Iran, Iraq and Syria": the agent goes to every member.
TEST_F(CodeFromParse, AgentIsPassedAlongTheListOfItsPrepositionalPhrase) {
  CodedStory coded = code("", R"((ROOT (S (NP (NP (DT The) (NNS ambassadors)) (PP (IN of)
      (NP (NNP Iran) (, ,) (NNP Iraq) (CC and) (NNP Syria)))) (VP (VBD met) (PP (IN with)
      (NP (NNP Turkey)))) (. .))))");
  EXPECT_TRUE(has_event(coded, "IRNGOV", "TUR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "IRQGOV", "TUR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "SYRGOV", "TUR", "04")) << describe(coded.events);
}

// CoNLL-U (UD v1 relations, as in UD-PETRARCH's records): "and" and the
// comma hang off the first conjunct; every conjunct is a source.
constexpr const char* kConllCompound =
    "1\tIran\tIran\tPROPN\tNNP\t_\t6\tnsubj\t_\t_\n"
    "2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n"
    "3\tSyria\tSyria\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
    "4\tand\tand\tCCONJ\tCC\t_\t1\tcc\t_\t_\n"
    "5\tIraq\tIraq\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
    "6\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "7\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "8\tTurkey\tTurkey\tPROPN\tNNP\t_\t6\tnmod\t_\t_\n"
    "9\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n";

TEST_F(CodeFromParse, ConlluDependenciesBecomeClauses) {
  CodedStory coded = code("", kConllCompound);
  EXPECT_TRUE(has_event(coded, "IRN", "TUR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "SYR", "TUR", "04")) << describe(coded.events);
  EXPECT_TRUE(has_event(coded, "IRQ", "TUR", "04")) << describe(coded.events);
}

TEST(Conllu, MalformedLinesAreErrors) {
  EXPECT_FALSE(read_conllu("1\tIran\tIran\n").is_ok());  // too few fields
  EXPECT_FALSE(
      read_conllu("2\tIran\tIran\tPROPN\tNNP\t_\t0\troot\t_\t_\n").is_ok());  // ids 1, 2, ...
  EXPECT_FALSE(
      read_conllu("1\tIran\tIran\tPROPN\tNNP\t_\t7\troot\t_\t_\n").is_ok());  // head out of range
  // heads in a cycle (1 -> 2 -> 1) beside a root: an error, not a silent reordering
  EXPECT_FALSE(read_conllu("1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                           "2\tmet\tmeet\tVERB\tVBD\t_\t1\tdep\t_\t_\n"
                           "3\t.\t.\tPUNCT\t.\t_\t0\troot\t_\t_\n")
                   .is_ok());
  auto ok = read_conllu(kConllCompound);
  ASSERT_TRUE(ok.is_ok()) << ok.status().to_string();
  EXPECT_EQ(ok.value().front().leaves.size(), 9u);
}

TEST_F(CodeFromParse, UnreadableParseIsAnError) {
  auto coded = (*pipeline_)->code_parsed(story_of("x"), "(S (NP Iran", ws_);
  EXPECT_FALSE(coded.is_ok());
}

}  // namespace
}  // namespace tigris
