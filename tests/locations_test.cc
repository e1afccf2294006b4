// Event and actor locations through the whole pipeline, on sentences written
// for these tests: the place the clause names, "else the dateline when the
// actor is there, else null", and the place the text gives for each actor.
// The expectations were worked out by hand from the rules in docs/output.md.
// Needs the gazetteer index (built with the project); skipped without it.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "tigris/io.h"
#include "tigris/pipeline.h"

namespace tigris {
namespace {

#ifndef TIGRIS_TEST_WORDNET_DIR
#define TIGRIS_TEST_WORDNET_DIR "/usr/share/wordnet"
#endif

constexpr const char* kStoryDate = "2020-09-29";

class LocationTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (pipeline_ || load_error_) return;
    PipelineOptions options;
    options.data_dir = TIGRIS_TEST_DATA_DIR;
    options.wordnet_dir = TIGRIS_TEST_WORDNET_DIR;
    auto loaded = Pipeline::load(options);
    if (!loaded.is_ok()) {
      load_error_ = new std::string(loaded.status().to_string());
      return;
    }
    pipeline_ = new std::shared_ptr<const Pipeline>(loaded.value());
  }

  void SetUp() override {
    ASSERT_NE(pipeline_, nullptr) << "Pipeline::load failed: " << *load_error_;
    if (!(*pipeline_)->has_gazetteer()) {
      GTEST_SKIP() << "no gazetteer index (built by tools/gazetteer/build.sh during the build, "
                      "which needs the npm registry)";
    }
  }

  std::vector<Event> code(const std::string& text) {
    Story story;
    story.id = "location-test";
    story.date = kStoryDate;
    story.text = text;
    return (*pipeline_)->code(story, workspace_).events;
  }

  static std::shared_ptr<const Pipeline>* pipeline_;
  static std::string* load_error_;
  Workspace workspace_;
};

std::shared_ptr<const Pipeline>* LocationTest::pipeline_ = nullptr;
std::string* LocationTest::load_error_ = nullptr;

std::string describe(const std::vector<Event>& events) {
  std::string out;
  for (const auto& e : events) {
    out += "\n  " + e.source.code + " -> " + (e.target ? e.target->code : "-") + " " + e.cameo +
           " at " + (e.location ? e.location->name + " (" + e.location->country + ")" : "null");
  }
  return out.empty() ? " (none)" : out;
}

bool has_rule(const Event& e, const std::string& rule) {
  return std::find(e.evidence.rules.begin(), e.evidence.rules.end(), rule) !=
         e.evidence.rules.end();
}

// ------------------------------------------------------------ the dateline

TEST_F(LocationTest, DatelineWhenTheSourceIsOfItsCountry) {
  {
    SCOPED_TRACE("an Iraqi source in a Baghdad story");
    auto events =
        code("BAGHDAD \xE2\x80\x94 Prime Minister Mustafa al-Kadhimi met the French ambassador.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    ASSERT_TRUE(events[0].location.has_value()) << describe(events);
    EXPECT_EQ(events[0].location->name, "Baghdad");
    EXPECT_EQ(events[0].location->country, "IRQ");
    EXPECT_EQ(events[0].location->geonames_id, 98182);  // Baghdad, GeoNames
    EXPECT_TRUE(has_rule(events[0], "location from the dateline"));
  }
  {
    SCOPED_TRACE("a US source in a Washington story");
    auto events = code("WASHINGTON \xE2\x80\x94 Pompeo criticized the Iraqi government.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    ASSERT_TRUE(events[0].location.has_value()) << describe(events);
    EXPECT_EQ(events[0].location->name, "Washington");
    EXPECT_EQ(events[0].location->country, "USA");
  }
}

TEST_F(LocationTest, NoDatelineWhenTheSourceIsElsewhere) {
  {
    SCOPED_TRACE("an Iraqi source in a Washington story");
    auto events =
        code("WASHINGTON \xE2\x80\x94 Prime Minister Mustafa al-Kadhimi criticized Iran.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    EXPECT_FALSE(events[0].location.has_value()) << describe(events);
  }
  {
    SCOPED_TRACE("the text puts the source in another place of the dateline's country");
    auto events =
        code("BAGHDAD \xE2\x80\x94 The governor of Anbar accused Iran of supporting militias.");
    ASSERT_FALSE(events.empty());
    for (const auto& e : events) {
      EXPECT_FALSE(e.location.has_value()) << describe(events);
      ASSERT_TRUE(e.source.location.has_value()) << describe(events);
      EXPECT_EQ(e.source.location->name, "Anbar");
    }
  }
  {
    SCOPED_TRACE("an act years before the story");
    auto events =
        code("BAGHDAD \xE2\x80\x94 In 2015, Prime Minister Mustafa al-Kadhimi criticized Iran.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    EXPECT_TRUE(events[0].historical);
    EXPECT_FALSE(events[0].location.has_value()) << describe(events);
  }
  {
    SCOPED_TRACE("no dateline");
    auto events = code("Prime Minister Mustafa al-Kadhimi met the French ambassador.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    EXPECT_FALSE(events[0].location.has_value()) << describe(events);
  }
}

TEST_F(LocationTest, ThePlaceTheClauseNamesBeatsTheDateline) {
  auto events = code(
      "BAGHDAD \xE2\x80\x94 Prime Minister Mustafa al-Kadhimi met the French ambassador in Paris.");
  ASSERT_EQ(events.size(), 1u) << describe(events);
  ASSERT_TRUE(events[0].location.has_value());
  EXPECT_EQ(events[0].location->name, "Paris");
  EXPECT_EQ(events[0].location->country, "FRA");
  EXPECT_FALSE(has_rule(events[0], "location from the dateline"));
}

TEST_F(LocationTest, AdministrativeNounsAroundTheName) {
  {
    SCOPED_TRACE("a department after its name");
    auto events = code("Salvadoran troops attacked the rebels in San Miguel Department.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    ASSERT_TRUE(events[0].location.has_value());
    EXPECT_EQ(events[0].location->name, "San Miguel");
    EXPECT_EQ(events[0].location->country, "SLV");
  }
  {
    SCOPED_TRACE("the port of");
    auto events = code("PERUVIAN POLICE ARRESTED GUERRILLAS IN THE PORT OF EL CALLAO.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    ASSERT_TRUE(events[0].location.has_value());
    EXPECT_EQ(events[0].location->country, "PER");
    EXPECT_EQ(events[0].location->geonames_id, 3946083);  // Callao
  }
  {
    SCOPED_TRACE("upper case: a name that is also an English noun");
    auto events = code("SALVADORAN TROOPS ATTACKED THE REBELS IN THE DEPARTMENT OF CABANAS.");
    ASSERT_EQ(events.size(), 1u) << describe(events);
    ASSERT_TRUE(events[0].location.has_value());
    EXPECT_EQ(events[0].location->name, "CABANAS");
    // The department (ISO 3166-2 SV-CA), not the town of Cabañas, Cuba; no coordinates.
    EXPECT_EQ(events[0].location->country, "SLV");
    EXPECT_FALSE(events[0].location->lat.has_value());
  }
}

// ------------------------------------------------------------ actor places

TEST_F(LocationTest, ActorPlaceFromALocativeAfterTheActor) {
  auto events = code("Iraqi officials in Baghdad condemned the United States.");
  ASSERT_EQ(events.size(), 1u) << describe(events);
  const Event& e = events[0];
  EXPECT_EQ(e.source.code, "IRQGOV");
  ASSERT_TRUE(e.source.location.has_value());
  EXPECT_EQ(e.source.location->name, "Baghdad");
  EXPECT_EQ(e.source.location->country, "IRQ");
  EXPECT_EQ(e.source.location->geonames_id, 98182);
  ASSERT_TRUE(e.target.has_value());
  EXPECT_FALSE(e.target->location.has_value());  // nothing says where the United States is
}

TEST_F(LocationTest, TargetPlace) {
  auto events = code("Police arrested protesters in Basra.");
  ASSERT_EQ(events.size(), 1u) << describe(events);
  ASSERT_TRUE(events[0].target.has_value());
  ASSERT_TRUE(events[0].target->location.has_value()) << describe(events);
  EXPECT_EQ(events[0].target->location->name, "Basra");
  EXPECT_EQ(events[0].target->location->geonames_id, 99532);
  EXPECT_EQ(events[0].target->location->admin1, "02");
  EXPECT_FALSE(events[0].source.location.has_value());
}

TEST_F(LocationTest, ActorPlaceOfAnOffice) {
  auto events = code("The governor of Anbar accused Iran of supporting militias.");
  ASSERT_FALSE(events.empty());
  ASSERT_TRUE(events[0].source.location.has_value()) << describe(events);
  EXPECT_EQ(events[0].source.location->name, "Anbar");
  EXPECT_EQ(events[0].source.location->country, "IRQ");
}

TEST_F(LocationTest, ACountryAfterOfIsNotTheActorsPlace) {
  auto events = code("The ambassador of France criticized Iraq.");
  ASSERT_EQ(events.size(), 1u) << describe(events);
  EXPECT_FALSE(events[0].source.location.has_value());
  auto plain = code("Iraq condemned the United States.");
  ASSERT_EQ(plain.size(), 1u) << describe(plain);
  EXPECT_FALSE(plain[0].source.location.has_value());
  EXPECT_FALSE(plain[0].target->location.has_value());
}

TEST_F(LocationTest, ActorPlacesAreWrittenInJson) {
  auto events = code("Iraqi officials in Baghdad condemned the United States.");
  ASSERT_EQ(events.size(), 1u) << describe(events);
  std::string line;
  append_event_json(events[0], line);
  EXPECT_NE(line.find("\"location\":{\"name\":\"Baghdad\",\"country\":\"IRQ\""), std::string::npos)
      << line;
  EXPECT_NE(line.find("\"entry\":\"countries.actors.txt"), std::string::npos) << line;
  // The target (the United States) has no place: "location":null inside it.
  std::size_t target = line.find("\"target\":{");
  ASSERT_NE(target, std::string::npos) << line;
  std::size_t target_end = line.find('}', target);
  EXPECT_NE(line.substr(target, target_end - target).find("\"location\":null"), std::string::npos)
      << line;
}

}  // namespace
}  // namespace tigris
