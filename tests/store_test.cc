// The SQLite event store: schema, idempotent re-ingest, filters, all-or-nothing
// transactions, and reading events back from their JSON.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
  EXPECT_EQ(store_->schema_version(), 4);
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

// An event with every field append_event_json writes set to something other
// than its default.
Event full_event() {
  Event e = make_event("s7", "USAGOV", "IRQMIL", "1823", "2020-09-28");
  e.sentence_index = 3;
  e.sentence = "U.S. troops \"attacked\" Iraqi forces, the U.N. said.";
  e.sentence_span = {120, 172};
  e.date_text = "on Monday";
  e.historical = true;
  e.source.name = "UNITED STATES";
  e.source.text = "U.S. troops";
  e.source.span = {120, 131};
  e.source.entry = "countries.actors.txt:1172";
  e.source.location = Location{"Texas", "USA", 31.25, -99.25, "TX", 4736286};
  e.target->name = "IRAQ";
  e.target->text = "Iraqi forces";
  e.target->span = {146, 158};
  e.target->entry = "agents.txt:12";
  e.quad_class = 4;
  e.goldstein = -9.5;
  e.plover_type = "ASSAULT";
  e.plover_mode = "aerial";
  e.mode = "hypothetical";
  Actor reporter;
  reporter.code = "IGOUNO";
  reporter.name = "UNITED NATIONS";
  reporter.text = "the U.N.";
  reporter.span = {160, 168};
  reporter.entry = "organizations.actors.txt:9";
  e.reported_by = reporter;
  e.location = Location{"Basra", "IRQ", 30.50853, 47.7804, "02", 99532};
  e.evidence.verb = "attacked";
  e.evidence.verb_span = {132, 144};
  e.evidence.pattern = "* ATTACK +";
  e.evidence.pattern_entry = "verbs.txt:88";
  e.evidence.rules = {"reported speech", "plural agent"};
  return e;
}

TEST(EventJson, EveryFieldSurvivesTheReader) {
  Event e = full_event();
  std::string json;
  append_event_json(e, json);
  auto back = parse_event_json(json);
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  // The fields the reader used to drop, one by one.
  EXPECT_EQ(back->date_text, "on Monday");
  EXPECT_TRUE(back->historical);
  EXPECT_EQ(back->sentence_span, (Span{120, 172}));
  EXPECT_EQ(back->source.span, (Span{120, 131}));
  EXPECT_EQ(back->source.name, "UNITED STATES");
  ASSERT_TRUE(back->source.location.has_value());
  EXPECT_EQ(back->source.location->admin1, "TX");
  EXPECT_EQ(back->source.location->geonames_id, 4736286);
  ASSERT_TRUE(back->target.has_value());
  EXPECT_EQ(back->target->span, (Span{146, 158}));
  ASSERT_TRUE(back->reported_by.has_value());
  EXPECT_EQ(back->reported_by->code, "IGOUNO");
  EXPECT_EQ(back->reported_by->text, "the U.N.");
  EXPECT_EQ(back->reported_by->span, (Span{160, 168}));
  ASSERT_TRUE(back->location.has_value());
  EXPECT_EQ(back->location->admin1, "02");
  EXPECT_EQ(back->location->geonames_id, 99532);
  EXPECT_EQ(back->evidence.verb_span, (Span{132, 144}));
  EXPECT_EQ(back->evidence.rules, (std::vector<std::string>{"reported speech", "plural agent"}));
  // And written again, the same JSON.
  std::string again;
  append_event_json(back.value(), again);
  EXPECT_EQ(again, json);
}

TEST(EventJson, WrongTypesAreErrorsNamingTheField) {
  const char* base = R"("story_id":"s","source":{"code":"USA"},"cameo":"010")";
  for (const char* bad :
       {R"("quad_class":"4")", R"("quad_class":9)", R"("historical":1)", R"("sentence_index":-1)",
        R"("target":"IRQ")", R"("evidence":{"rules":"passive"})", R"("location":{"lat":"x"})"}) {
    std::string line = std::string("{") + base + "," + bad + "}";
    auto parsed = parse_event_json(line);
    EXPECT_FALSE(parsed.is_ok()) << line;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << line;
  }
  EXPECT_TRUE(parse_event_json(std::string("{") + base + "}").is_ok());
  auto bad_field = parse_event_json(std::string("{") + base + R"(,"quad_class":"4"})");
  EXPECT_NE(bad_field.status().message().find("quad_class"), std::string::npos);
}

TEST(EventJson, MergeSetsOnlyTheFieldsPresent) {
  Event e = make_event("s1", "USAGOV", "IRQ", "190", "2020-09");
  ASSERT_TRUE(merge_event_json(
                  R"({"date_text":"in September","target":{"name":"IRAQ"},"location":null})", e)
                  .is_ok());
  EXPECT_EQ(e.date_text, "in September");
  EXPECT_EQ(e.target->name, "IRAQ");
  EXPECT_EQ(e.target->code, "IRQ");     // kept
  ASSERT_TRUE(e.location.has_value());  // null leaves it as it was
  EXPECT_EQ(e.source.code, "USAGOV");   // absent: kept
  EXPECT_FALSE(e.reported_by.has_value());
  ASSERT_TRUE(merge_event_json(R"({"reported_by":{"code":"IGOUNO"}})", e).is_ok());
  ASSERT_TRUE(e.reported_by.has_value());  // an object creates it
  EXPECT_EQ(e.reported_by->code, "IGOUNO");
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

// The row holds every field: the event read back writes the JSON it was
// stored from, including the odd cases the columns alone cannot tell apart.
TEST_F(StoreTest, StoredEventsComeBackWithEveryField) {
  Event full = full_event();
  full.source.location->lat = 31.123456789012345;  // more digits than the JSON writes
  Event no_target_code = make_event("s7", "USA", "", "010", "2020");
  no_target_code.target->text = "them";
  no_target_code.target->name = "THEM";
  no_target_code.target->span = {3, 7};
  Event unnamed_place = make_event("s7", "USA", "IRQ", "010", "2020");
  unnamed_place.location = Location{"", "IRQ", 33.0, 44.0, "07", 98182};
  Event other_story = make_event("elsewhere", "USA", "IRQ", "010", "2020");
  Event bare = make_event("s7", "USA", "IRQ", "010", "");
  bare.target.reset();
  bare.location.reset();
  std::vector<Event> events = {full, no_target_code, unnamed_place, other_story, bare};
  for (std::size_t i = 0; i < events.size(); ++i) {
    events[i].sentence_index = static_cast<std::uint32_t>(i);
  }
  ASSERT_TRUE(store_->put_story(story("s7"), events, "hash", "0.1.0").is_ok());
  auto got = store_->get_story("s7");
  ASSERT_TRUE(got.is_ok()) << got.status().to_string();
  ASSERT_EQ(got.value().events.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i));
    const StoredEvent& row = got.value().events[i];
    EXPECT_TRUE(row.json.empty());  // nothing stored twice: rebuilt from the row
    std::string want;
    append_event_json(events[i], want);
    EXPECT_EQ(stored_event_json(row), want);
  }
  const Event& back = got.value().events[0].event;
  ASSERT_TRUE(back.source.location.has_value());
  EXPECT_EQ(back.source.location->lat, 31.123456789012345);  // exact, not as printed
  EXPECT_EQ(got.value().events[3].event.story_id, "elsewhere");
  ASSERT_TRUE(got.value().events[1].event.target.has_value());
  EXPECT_EQ(got.value().events[1].event.target->text, "them");
  ASSERT_TRUE(got.value().events[2].event.location.has_value());
  EXPECT_EQ(got.value().events[2].event.location->geonames_id, 98182);
  // query() reads the same row.
  EventQuery q;
  q.sources = {"USAGOV"};
  auto rows = store_->query(q);
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows.value().size(), 1u);
  std::string want;
  append_event_json(events[0], want);
  EXPECT_EQ(stored_event_json(rows.value()[0]), want);
}

// A batch larger than the table it lands in is written without the secondary
// indexes, which are built at commit: the result is the same, and a rollback
// leaves the indexes as they were.
TEST_F(StoreTest, LargeBatchLandsWithItsIndexes) {
  auto batch = [&](const std::string& prefix, int stories) {
    for (int s = 0; s < stories; ++s) {
      std::string id = prefix + std::to_string(s);
      std::vector<Event> events;
      for (int i = 0; i < 10; ++i) {
        events.push_back(make_event(id, i % 2 ? "USAGOV" : "IRQ", i % 2 ? "IRQ" : "USA", "190",
                                    i % 3 ? "2020-01-0" + std::to_string(1 + i) : "2021"));
        events.back().sentence_index = static_cast<std::uint32_t>(i);
      }
      ASSERT_TRUE(store_->put_story(story(id), events, "h", "v").is_ok());
    }
  };
  ASSERT_TRUE(store_->begin().is_ok());
  batch("r", 1'500);  // 15,000 events: past the point where indexes are deferred
  store_->rollback();
  EXPECT_EQ(store_->count_events().value(), 0u);

  ASSERT_TRUE(store_->begin().is_ok());
  batch("a", 1'500);
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 15'000u);
  // A second, smaller batch into the now larger table keeps its indexes.
  ASSERT_TRUE(store_->begin().is_ok());
  batch("b", 200);
  batch("a", 10);  // re-ingest replaces
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 17'000u);
  // Per story, i = 4, 5, 7, 8 give 2020-01-05, -06, -08, -09 (i = 3 and 6: "2021").
  EventQuery q;
  q.dyads = {{"USA", "IRQ"}};
  q.from = "2020-01-05";
  q.to = "2020-01";
  EXPECT_EQ(store_->count(q).value(), 1'700u * 4);
  auto series = store_->series(q, Period::kMonth, false);
  ASSERT_TRUE(series.is_ok());
  ASSERT_EQ(series.value().rows.size(), 1u);
  EXPECT_EQ(series.value().rows[0].events, 1'700 * 4);
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  auto single_text = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  EXPECT_EQ(single_text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                        " WHERE type = 'index' AND tbl_name = 'events' ORDER BY name)"),
            "events_date events_dyad_series events_place events_story");
  EXPECT_EQ(single_text("PRAGMA integrity_check"), "ok");
  sqlite3_close(db);
}

// What `tigris serve` returns for events stored with `ingest --events` equals
// what it returns for the same events stored with their story.
TEST_F(StoreTest, EventsFromJsonStoreAsTheCodedEvents) {
  Event e = full_event();
  Event plain = make_event("s7", "IRQ", "USA", "010", "2020-09-29");
  plain.sentence_index = 4;
  Story s = story("s7");
  ASSERT_TRUE(store_->put_story(s, {e, plain}, "hash", "0.1.0").is_ok());
  auto direct = store_->get_story("s7");
  ASSERT_TRUE(direct.is_ok()) << direct.status().to_string();

  std::string other_path = path_ + "-events";
  auto other = EventStore::open(other_path);
  ASSERT_TRUE(other.is_ok()) << other.status().to_string();
  std::vector<Event> parsed;
  for (const Event& coded : {e, plain}) {
    std::string line;
    append_event_json(coded, line);
    auto back = parse_event_json(line);
    ASSERT_TRUE(back.is_ok()) << back.status().to_string();
    parsed.push_back(std::move(back.value()));
  }
  ASSERT_TRUE(other.value()->put_events(parsed, "events.jsonl").is_ok());
  auto via_json = other.value()->get_story("s7");
  ASSERT_TRUE(via_json.is_ok()) << via_json.status().to_string();
  ASSERT_EQ(via_json.value().events.size(), 2u);
  ASSERT_EQ(direct.value().events.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    std::string want;
    append_event_json(i ? plain : e, want);
    EXPECT_EQ(stored_event_json(direct.value().events[i]), want);
    EXPECT_EQ(stored_event_json(via_json.value().events[i]), want);
  }
  other.value().reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(other_path + suffix);
}

}  // namespace
}  // namespace tigris
