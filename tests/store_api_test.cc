// Store additions for `tigris serve`: filtered counts, stories with their
// byte spans, place/dyad/country aggregates, and the schema 1 -> 2 migration.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "store/event_store.h"
#include "tigris/io.h"

namespace tigris {
namespace {

Event make_event(const std::string& story, const std::string& source, const std::string& target,
                 const std::string& cameo, int quad, const std::string& date) {
  Event e;
  e.story_id = story;
  e.sentence = "A sentence.";
  e.date = date;
  e.date_source = "text";
  e.source.code = source;
  e.source.country = source.size() >= 3 && source.substr(0, 3) != "IGO" ? source.substr(0, 3) : "";
  if (!target.empty()) {
    e.target = Actor{};
    e.target->code = target;
    e.target->country = target.substr(0, 3);
  }
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad_class = quad;
  return e;
}

class StoreApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tigris-store-api-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    remove_files();
  }
  void TearDown() override { remove_files(); }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

TEST_F(StoreApiTest, StoryComesBackWithItsSpans) {
  auto store = EventStore::open(path_);
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  Story story;
  story.id = "s1";
  story.date = "2020-09-29";
  story.title = "Title";
  story.text = "Iran attacked Iraq. Then Iraq protested.";
  Event first = make_event("s1", "IRN", "IRQ", "190", 4, "2020-09-29");
  first.sentence_span = {0, 19};
  first.source.text = "Iran";
  first.source.span = {0, 4};
  first.target->text = "Iraq";
  first.target->span = {14, 18};
  first.evidence.verb = "attacked";
  first.evidence.verb_span = {5, 13};
  Event second = make_event("s1", "IRQ", "", "141", 3, "2020-09-29");
  second.sentence_index = 1;
  second.sentence_span = {20, 40};
  second.evidence.verb_span = {30, 39};
  ASSERT_TRUE(store.value()->put_story(story, {second, first}, "hash", "0.1.0").is_ok());

  auto found = store.value()->get_story("s1");
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  EXPECT_EQ(found.value().story.text, story.text);
  EXPECT_EQ(found.value().story.title, "Title");
  ASSERT_EQ(found.value().events.size(), 2u);
  const Event& e = found.value().events[0].event;  // sentence order
  EXPECT_EQ(e.cameo, "190");
  EXPECT_EQ(e.sentence_span, (Span{0, 19}));
  EXPECT_EQ(e.source.span, (Span{0, 4}));
  ASSERT_TRUE(e.target.has_value());
  EXPECT_EQ(e.target->span, (Span{14, 18}));
  EXPECT_EQ(e.evidence.verb_span, (Span{5, 13}));
  EXPECT_FALSE(found.value().events[1].event.target.has_value());
  EXPECT_EQ(found.value().events[1].event.evidence.verb_span, (Span{30, 39}));
  // The JSON as coded comes back, spans included.
  EXPECT_NE(stored_event_json(found.value().events[0]).find("\"verb_begin\":5"), std::string::npos);

  auto missing = store.value()->get_story("nope");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(StoreApiTest, CountsAndAggregatesFollowTheFilters) {
  auto store = EventStore::open(path_);
  ASSERT_TRUE(store.is_ok());
  Event baghdad = make_event("a", "USA", "IRQ", "190", 4, "2021-03-01");
  baghdad.location = Location{"Baghdad", "IRQ", 33.34, 44.4, "", 0};
  Event baghdad2 = make_event("a", "USA", "IRQ", "042", 1, "2021-03-02");
  baghdad2.location = baghdad.location;
  Event basra = make_event("b", "IRQ", "USA", "173", 4, "2021-04-01");
  basra.location = Location{"Basra", "IRQ", 30.5, 47.8, "", 0};
  Event self = make_event("b", "USA", "USA", "010", 1, "2021-04-02");  // counts once for USA
  Event igo = make_event("c", "IGOUNO", "IRQ", "036", 1, "2021-04-03");
  Event alone = make_event("c", "IRN", "", "010", 1, "2021-04-04");  // no target: no dyad
  ASSERT_TRUE(
      store.value()->put_events({baghdad, baghdad2, basra, self, igo, alone}, "test").is_ok());

  EventQuery all;
  EXPECT_EQ(store.value()->count(all).value(), 6u);
  EventQuery april;
  april.from = "2021-04";
  april.limit = 1;  // ignored by count
  EXPECT_EQ(store.value()->count(april).value(), 4u);
  EventQuery dyad;
  dyad.dyads = {{"USA", "IRQ"}};
  EXPECT_EQ(store.value()->count(dyad).value(), 3u);

  auto places = store.value()->places(all, 0);
  ASSERT_TRUE(places.is_ok()) << places.status().to_string();
  ASSERT_EQ(places.value().size(), 2u);
  EXPECT_EQ(places.value()[0].name, "Baghdad");
  EXPECT_EQ(places.value()[0].events, 2u);
  EXPECT_EQ(places.value()[0].quad[1], 1u);
  EXPECT_EQ(places.value()[0].quad[4], 1u);
  ASSERT_TRUE(places.value()[0].lat.has_value());
  EXPECT_DOUBLE_EQ(*places.value()[0].lat, 33.34);
  EXPECT_EQ(places.value()[1].name, "Basra");
  EXPECT_EQ(store.value()->places(all, 1).value().size(), 1u);

  auto dyads = store.value()->dyads(all, 0);
  ASSERT_TRUE(dyads.is_ok()) << dyads.status().to_string();
  ASSERT_EQ(dyads.value().size(), 4u);
  EXPECT_EQ(dyads.value()[0].source, "USA");
  EXPECT_EQ(dyads.value()[0].target, "IRQ");
  EXPECT_EQ(dyads.value()[0].events, 2u);
  // Ties by name: IGOUNO (no country: its code) before IRQ before USA.
  EXPECT_EQ(dyads.value()[1].source, "IGOUNO");
  EXPECT_EQ(dyads.value()[2].source, "IRQ");
  EXPECT_EQ(dyads.value()[3].source, "USA");
  EXPECT_EQ(dyads.value()[3].target, "USA");

  auto countries = store.value()->countries(all, 0);
  ASSERT_TRUE(countries.is_ok()) << countries.status().to_string();
  ASSERT_EQ(countries.value().size(), 3u);
  EXPECT_EQ(countries.value()[0].country, "IRQ");  // baghdad, baghdad2, basra, igo
  EXPECT_EQ(countries.value()[0].events, 4u);
  EXPECT_EQ(countries.value()[1].country, "USA");  // baghdad, baghdad2, basra, self
  EXPECT_EQ(countries.value()[1].events, 4u);
  EXPECT_EQ(countries.value()[2].country, "IRN");
  EXPECT_EQ(countries.value()[2].events, 1u);
}

// The names of the indexes in the database at `path`, sorted.
std::vector<std::string> index_names(const std::string& path) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                         " ORDER BY name",
                         -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST_F(StoreApiTest, SchemaOneDatabaseIsMigrated) {
  // A database as the first release wrote it: schema 1, one event.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const char* v1 =
        "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES "
        "(1);"
        "CREATE TABLE stories (id TEXT PRIMARY KEY, date TEXT, source TEXT, title TEXT, url TEXT,"
        " text TEXT, ingested_at TEXT);"
        "CREATE TABLE events (id INTEGER PRIMARY KEY, story_id TEXT NOT NULL, sentence_index "
        "INTEGER,"
        " sentence TEXT, event_date TEXT, date_source TEXT, historical INTEGER, source_code TEXT,"
        " source_country TEXT, source_text TEXT, target_code TEXT, target_country TEXT, "
        "target_text TEXT,"
        " cameo TEXT, root TEXT, quad_class INTEGER, goldstein REAL, plover_type TEXT, plover_mode "
        "TEXT,"
        " mode TEXT, location_name TEXT, location_country TEXT, lat REAL, lon REAL, verb TEXT,"
        " pattern TEXT, pattern_entry TEXT, dictionary_hash TEXT, tigris_version TEXT);"
        "CREATE INDEX events_story ON events(story_id);"
        "CREATE INDEX events_date ON events(event_date);"
        "CREATE INDEX events_dyad ON events(source_country, target_country, event_date);"
        "INSERT INTO stories (id, text) VALUES ('old', 'Old text.');"
        "INSERT INTO events (story_id, event_date, source_code, source_country, cameo, root, "
        "quad_class)"
        " VALUES ('old', '2019-01-01', 'USA', 'USA', '010', '01', 1);";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = EventStore::open(path_);
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  EXPECT_EQ(store.value()->schema_version(), 4);
  auto story = store.value()->get_story("old");
  ASSERT_TRUE(story.is_ok()) << story.status().to_string();
  ASSERT_EQ(story.value().events.size(), 1u);
  EXPECT_TRUE(story.value().events[0].json.empty());  // not stored before schema 3
  EXPECT_EQ(story.value().events[0].event.evidence.verb_span, (Span{0, 0}));
  store.value().reset();
  EXPECT_EQ(index_names(path_), (std::vector<std::string>{"events_date", "events_dyad_series",
                                                          "events_place", "events_story"}));
}

TEST_F(StoreApiTest, ServeSchemaTwoDatabaseIsMigrated) {
  // A database as the serve branch wrote it before the store backends were
  // merged: version 2 holding the span and JSON columns, events_dyad and
  // events_analysis instead of events_dyad_series.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const char* v2 =
        "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES "
        "(2);"
        "CREATE TABLE stories (id TEXT PRIMARY KEY, date TEXT, source TEXT, title TEXT, url TEXT,"
        " text TEXT, ingested_at TEXT);"
        "CREATE TABLE events (id INTEGER PRIMARY KEY, story_id TEXT NOT NULL, sentence_index "
        "INTEGER, sentence TEXT, event_date TEXT, date_source TEXT, historical INTEGER,"
        " source_code TEXT, source_country TEXT, source_text TEXT, target_code TEXT,"
        " target_country TEXT, target_text TEXT, cameo TEXT, root TEXT, quad_class INTEGER,"
        " goldstein REAL, plover_type TEXT, plover_mode TEXT, mode TEXT, location_name TEXT,"
        " location_country TEXT, lat REAL, lon REAL, verb TEXT, pattern TEXT, pattern_entry TEXT,"
        " dictionary_hash TEXT, tigris_version TEXT, sentence_begin INTEGER, sentence_end "
        "INTEGER, verb_begin INTEGER, verb_end INTEGER, source_begin INTEGER, source_end INTEGER,"
        " target_begin INTEGER, target_end INTEGER, event_json TEXT);"
        "CREATE INDEX events_story ON events(story_id);"
        "CREATE INDEX events_date ON events(event_date);"
        "CREATE INDEX events_dyad ON events(source_country, target_country, event_date);"
        "CREATE INDEX events_place ON events(location_name, location_country);"
        "CREATE INDEX events_analysis ON events(event_date, source_country, target_country,"
        " quad_class, goldstein, source_code, target_code);"
        "INSERT INTO stories (id, text) VALUES ('s', 'Abc defg.');"
        "INSERT INTO events (story_id, event_date, source_code, source_country, cameo, root,"
        " quad_class, verb_begin, verb_end, event_json)"
        " VALUES ('s', '2019-01-01', 'USA', 'USA', '010', '01', 1, 4, 8, '{\"x\":1}');";
    ASSERT_EQ(sqlite3_exec(db, v2, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = EventStore::open(path_);
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  EXPECT_EQ(store.value()->schema_version(), 4);
  auto story = store.value()->get_story("s");
  ASSERT_TRUE(story.is_ok()) << story.status().to_string();
  ASSERT_EQ(story.value().events.size(), 1u);
  EXPECT_EQ(story.value().events[0].json, "{\"x\":1}");
  EXPECT_EQ(story.value().events[0].event.evidence.verb_span, (Span{4, 8}));
  store.value().reset();
  EXPECT_EQ(index_names(path_), (std::vector<std::string>{"events_date", "events_dyad_series",
                                                          "events_place", "events_story"}));
}

TEST_F(StoreApiTest, SchemaThreeDatabaseIsMigrated) {
  // A database as the release before schema 4 wrote it: every event with its
  // JSON in event_json.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const char* v3 =
        "PRAGMA journal_mode=WAL;"
        "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES "
        "(3);"
        "CREATE TABLE stories (id TEXT PRIMARY KEY, date TEXT, source TEXT, title TEXT, url TEXT,"
        " text TEXT, ingested_at TEXT);"
        "CREATE TABLE events (id INTEGER PRIMARY KEY, story_id TEXT NOT NULL, sentence_index "
        "INTEGER, sentence TEXT, event_date TEXT, date_source TEXT, historical INTEGER,"
        " source_code TEXT, source_country TEXT, source_text TEXT, target_code TEXT,"
        " target_country TEXT, target_text TEXT, cameo TEXT, root TEXT, quad_class INTEGER,"
        " goldstein REAL, plover_type TEXT, plover_mode TEXT, mode TEXT, location_name TEXT,"
        " location_country TEXT, lat REAL, lon REAL, verb TEXT, pattern TEXT, pattern_entry TEXT,"
        " dictionary_hash TEXT, tigris_version TEXT, sentence_begin INTEGER, sentence_end "
        "INTEGER, verb_begin INTEGER, verb_end INTEGER, source_begin INTEGER, source_end INTEGER,"
        " target_begin INTEGER, target_end INTEGER, event_json TEXT);"
        "CREATE INDEX events_story ON events(story_id);"
        "CREATE INDEX events_date ON events(event_date);"
        "CREATE INDEX events_dyad_series ON events(source_country, target_country, event_date,"
        " quad_class, goldstein);"
        "CREATE INDEX events_place ON events(location_name, location_country);"
        "INSERT INTO stories (id, text) VALUES ('old', 'Abc defg.');"
        "INSERT INTO events (story_id, event_date, source_code, source_country, cameo, root,"
        " quad_class, verb_begin, verb_end, event_json)"
        " VALUES ('old', '2019-01-01', 'USA', 'USA', '010', '01', 1, 4, 8,"
        " '{\"story_id\":\"old\",\"rules\":[\"as coded\"]}');";
    ASSERT_EQ(sqlite3_exec(db, v3, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = EventStore::open(path_);
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  EXPECT_EQ(store.value()->schema_version(), 4);
  // The old row keeps the JSON it was stored with.
  auto old_story = store.value()->get_story("old");
  ASSERT_TRUE(old_story.is_ok()) << old_story.status().to_string();
  ASSERT_EQ(old_story.value().events.size(), 1u);
  EXPECT_EQ(stored_event_json(old_story.value().events[0]),
            "{\"story_id\":\"old\",\"rules\":[\"as coded\"]}");
  EXPECT_EQ(old_story.value().events[0].event.evidence.verb_span, (Span{4, 8}));
  // New rows store their fields once and give their JSON back whole.
  Story story;
  story.id = "new";
  story.text = "Iran attacked Iraq.";
  Event e = make_event("new", "IRN", "IRQ", "190", 4, "2020-09-29");
  e.source.name = "IRAN";
  e.source.entry = "countries.actors.txt:1172";
  e.date_text = "Tuesday";
  e.evidence.rules = {"object"};
  e.location = Location{"Basra", "IRQ", 30.5, 47.8, "02", 99532};
  ASSERT_TRUE(store.value()->put_story(story, {e}, "hash", "0.1.0").is_ok());
  auto new_story = store.value()->get_story("new");
  ASSERT_TRUE(new_story.is_ok()) << new_story.status().to_string();
  ASSERT_EQ(new_story.value().events.size(), 1u);
  EXPECT_TRUE(new_story.value().events[0].json.empty());
  std::string want;
  append_event_json(e, want);
  EXPECT_EQ(stored_event_json(new_story.value().events[0]), want);
  store.value().reset();
  EXPECT_EQ(index_names(path_), (std::vector<std::string>{"events_date", "events_dyad_series",
                                                          "events_place", "events_story"}));
  // Opening again changes nothing.
  auto again = EventStore::open(path_);
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  EXPECT_EQ(again.value()->schema_version(), 4);
  EXPECT_EQ(again.value()->count_events().value(), 2u);
}

}  // namespace
}  // namespace tigris
