// The SQLite event store: schema, idempotent re-ingest, filters, all-or-nothing
// transactions, and reading events back from their JSON.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/event_store.h"
#include "tigris/io.h"
#include "time/dates.h"

namespace tigris {
namespace {

Event make_event(const std::string& story, const std::string& source, const std::string& target,
                 const std::string& cameo, const std::string& date) {
  Event e;
  e.story_id = story;
  e.sentence = "A sentence.";
  e.date = date;
  e.date_source = "text";
  e.source.code = source;
  e.source.country = source.substr(0, 3);
  e.target = Actor{};
  e.target->code = target;
  e.target->country = target.substr(0, 3);
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad_class = 4;
  e.goldstein = -10.0;
  e.plover_type = "ASSAULT";
  e.location = Location{"Basra", "IRQ", 30.5, 47.8};
  return e;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tigris-store-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    std::filesystem::remove(path_);
    auto store = EventStore::open(path_);
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    store_ = std::move(store.value());
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  Story story(const std::string& id) {
    Story s;
    s.id = id;
    s.date = "2020-09-29";
    s.text = "Text.";
    return s;
  }
  std::string path_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(StoreTest, NewDatabaseHasTheLatestSchema) {
  EXPECT_EQ(store_->schema_version(), 3);
}

TEST_F(StoreTest, ReingestingAStoryReplacesItsEvents) {
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s1"),
                              {make_event("s1", "USAGOV", "IRQ", "161", "2018"),
                               make_event("s1", "IRN", "IRQ", "195", "2020-01")},
                              "hash", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s1"), {make_event("s1", "IRN", "IRQ", "195", "2020-01")},
                              "hash", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 1u);
}

TEST_F(StoreTest, RollbackStoresNothing) {
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s1"), {make_event("s1", "USAGOV", "IRQ", "161", "2018")},
                              "hash", "0.1.0")
                  .is_ok());
  store_->rollback();
  EXPECT_EQ(store_->count_events().value(), 0u);
}

TEST_F(StoreTest, FiltersSelectTheRightEvents) {
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s1"),
                              {make_event("s1", "USAGOV", "IRQ", "161", "2018"),
                               make_event("s1", "IRN", "IRQ", "195", "2020-01"),
                               make_event("s1", "IRQGOV", "USA", "042", "2020-08")},
                              "hash", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EventQuery q;
  q.dyads = {{"USA", "IRQ"}};
  EXPECT_EQ(store_->query(q).value().size(), 2u);  // both directions
  q = {};
  q.sources = {"USAGOV"};
  EXPECT_EQ(store_->query(q).value().size(), 1u);
  q = {};
  q.roots = {"19", "16"};
  EXPECT_EQ(store_->query(q).value().size(), 2u);
  q = {};
  q.from = "2020";
  q.to = "2020-06";
  auto rows = store_->query(q).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].event.cameo, "195");
  EXPECT_EQ(rows[0].dictionary_hash, "hash");
  ASSERT_TRUE(rows[0].event.location.has_value());
  EXPECT_NEAR(*rows[0].event.location->lat, 30.5, 1e-9);
  q = {};
  q.place = "basr";
  EXPECT_EQ(store_->query(q).value().size(), 3u);
  q = {};
  q.plover = {"AID"};
  EXPECT_TRUE(store_->query(q).value().empty());
}

TEST(EventJson, RoundTripThroughTheReader) {
  Event e = make_event("s9", "USAGOV", "IRQ", "1313", "2020-09");
  e.mode = "future";
  std::string json;
  append_event_json(e, json);
  auto back = parse_event_json(json);
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(back->story_id, "s9");
  EXPECT_EQ(back->source.code, "USAGOV");
  ASSERT_TRUE(back->target.has_value());
  EXPECT_EQ(back->target->country, "IRQ");
  EXPECT_EQ(back->cameo, "1313");
  EXPECT_EQ(back->root, "13");
  EXPECT_EQ(back->mode, "future");
  EXPECT_EQ(back->location->name, "Basra");
  EXPECT_FALSE(parse_event_json("{\"story_id\": \"x\"}").is_ok());
  EXPECT_FALSE(parse_event_json("not json").is_ok());
}

}  // namespace
}  // namespace tigris

#include "store/analysis.h"

namespace tigris {
namespace {

StoredEvent stored(std::int64_t id, const std::string& date, int quad, const std::string& source,
                   const std::string& target) {
  StoredEvent s;
  s.id = id;
  s.event.date = date;
  s.event.quad_class = quad;
  s.event.goldstein = quad == 4 ? -10.0 : 3.0;
  s.event.source.country = source;
  s.event.target = Actor{};
  s.event.target->country = target;
  return s;
}

TEST(Series, WeeksStartOnMondayAndImpreciseDatesAreLeftOut) {
  // 2020-09-29 is a Tuesday and 2020-09-27 a Sunday: two different weeks.
  std::vector<StoredEvent> events = {
      stored(1, "2020-09-29", 4, "IRN", "USA"), stored(2, "2020-09-28", 1, "IRN", "USA"),
      stored(3, "2020-09-27", 4, "IRN", "USA"), stored(4, "2020-09", 4, "IRN", "USA")};
  std::size_t imprecise = 0;
  auto rows = build_series(events, Period::kWeek, false, imprecise);
  EXPECT_EQ(imprecise, 1u);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].period, "2020-09-21");
  EXPECT_EQ(rows[0].events, 1);
  EXPECT_EQ(rows[1].period, "2020-09-28");
  EXPECT_EQ(rows[1].quad[4], 1);
  EXPECT_EQ(rows[1].quad[1], 1);
  EXPECT_DOUBLE_EQ(rows[1].goldstein, -7.0);
}

TEST(Alerts, BurstAboveBaselineAlertsAndSteadyDyadDoesNot) {
  std::vector<StoredEvent> events;
  std::int64_t id = 0;
  // A steady dyad: one material-conflict event a week for 13 weeks.
  Date day{2020, 7, 1};
  for (int week = 0; week < 13; ++week) {
    events.push_back(stored(++id, add_days(day, 7 * week).to_string(), 4, "AAA", "BBB"));
  }
  // A burst: nothing for 12 weeks, then 5 events in the last week.
  for (int i = 0; i < 5; ++i) {
    events.push_back(stored(++id, add_days(day, 84 + i).to_string(), 4, "CCC", "DDD"));
  }
  AlertOptions options;
  options.as_of = add_days(day, 90).to_string();
  auto alerts = find_alerts(events, options);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].dyad, "CCC->DDD");
  EXPECT_EQ(alerts[0].observed, 5);
  EXPECT_LT(alerts[0].p_value, 0.01);
  EXPECT_EQ(alerts[0].event_ids.size(), 5u);
  // Deterministic: the same input gives the same alerts.
  auto again = find_alerts(events, options);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].p_value, alerts[0].p_value);
}

}  // namespace
}  // namespace tigris
