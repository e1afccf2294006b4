// Compatibility with the PETRARCH validation suites: the PETRARCH coding
// conventions option, the Penn Treebank reader and coding from a given parse.
#include <gtest/gtest.h>

#include <memory>
#include <string>

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

}  // namespace
}  // namespace tigris
