// One query suite for every EventStore backend: SQLite always, ClickHouse when
// a server is there. The server comes from, in order:
//   - TIGRIS_CLICKHOUSE_URL (clickhouse://HOST:PORT, an existing server);
//   - TIGRIS_CLICKHOUSE_DIR, a folder where tests/clickhouse/server.sh started
//     one (the ctest fixture): DIR/url, or DIR/skip with the reason it did not;
//   - otherwise this binary starts one with server.sh in a folder under the
//     build tree and stops it by its pid at exit.
// Each test works in its own database (SQLite file or ClickHouse database).
//
// The expectations for the fixture below were worked out by hand from the
// fixture table; each event's `sentence` is its label.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "store/analysis.h"
#include "store/clickhouse_store.h"
#include "store/event_store.h"
#include "tigris/io.h"

namespace tigris {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string out = text.str();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Where the ClickHouse server is, or why there is none.
struct ClickHouseServer {
  std::string url;          // clickhouse://HOST:PORT
  std::string skip_reason;  // non-empty: no server
  std::string started_in;   // the folder of a server this binary started
};

ClickHouseServer& clickhouse() {
  static ClickHouseServer server;
  return server;
}

class ClickHouseEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    ClickHouseServer& server = clickhouse();
    if (const char* url = std::getenv("TIGRIS_CLICKHOUSE_URL"); url && *url) {
      server.url = url;
      return;
    }
    std::string dir;
    if (const char* fixture = std::getenv("TIGRIS_CLICKHOUSE_DIR"); fixture && *fixture) {
      dir = fixture;
    } else {
      dir = std::string(TIGRIS_TEST_BUILD_DIR) + "/clickhouse-test-" + std::to_string(getpid());
      std::string start = std::string("'") + TIGRIS_CLICKHOUSE_SCRIPT + "' start '" + dir + "'";
      if (std::system(start.c_str()) != 0) {
        server.skip_reason = "could not start clickhouse-server (see the messages above)";
        return;
      }
      server.started_in = dir;
    }
    if (std::filesystem::exists(dir + "/url")) {
      server.url = read_file(dir + "/url");
    } else if (std::filesystem::exists(dir + "/skip")) {
      server.skip_reason = read_file(dir + "/skip");
    } else {
      server.skip_reason = "no ClickHouse server in " + dir;
    }
  }
  void TearDown() override {
    ClickHouseServer& server = clickhouse();
    if (server.started_in.empty()) return;
    std::string stop =
        std::string("'") + TIGRIS_CLICKHOUSE_SCRIPT + "' stop '" + server.started_in + "'";
    if (std::system(stop.c_str()) == 0) std::filesystem::remove_all(server.started_in);
  }
};

[[maybe_unused]] const auto* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new ClickHouseEnvironment);

enum class Backend { kSqlite, kClickHouse };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "SQLite" : "ClickHouse";
}

// A fresh, empty store of `backend` for the running test; removed by ~TestStore.
class TestStore {
 public:
  // `server_parameters` ("?name=value") go with the ClickHouse URL.
  explicit TestStore(Backend backend, const std::string& server_parameters = "")
      : backend_(backend) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(test->test_suite_name()) + "_" + test->name();
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    name += "_" + std::to_string(getpid());
    if (backend == Backend::kSqlite) {
      location_ =
          (std::filesystem::temp_directory_path() / ("tigris-" + name + ".sqlite")).string();
      remove_files();
    } else {
      database_ = "t_" + name;
      location_ = clickhouse().url + "/" + database_ + server_parameters;
    }
  }
  ~TestStore() {
    store_.reset();
    if (backend_ == Backend::kSqlite) {
      remove_files();
    } else {
      drop_database();
    }
  }
  // Opens (or reopens) the store.
  EventStore* open() {
    store_.reset();
    auto store = EventStore::open(location_);
    EXPECT_TRUE(store.is_ok()) << store.status().to_string();
    if (!store.is_ok()) return nullptr;
    store_ = std::move(store.value());
    if (backend_ == Backend::kClickHouse) {
      auto again = EventStore::open(location_);
      if (again.is_ok()) admin_ = std::move(again.value());
    }
    return store_.get();
  }
  const std::string& location() const { return location_; }
  const std::string& database() const { return database_; }

 private:
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location_ + suffix);
  }
  void drop_database() {
    if (!admin_) return;
    auto* ch = static_cast<ClickHouseStore*>(admin_.get());
    (void)ch->execute("DROP DATABASE IF EXISTS " + database_);
  }
  Backend backend_;
  std::string location_;
  std::string database_;
  std::unique_ptr<EventStore> store_;
  std::unique_ptr<EventStore> admin_;
};

Event event(const std::string& label, const std::string& story, std::uint32_t index,
            const std::string& source_code, const std::string& source_country,
            const std::string& target_code, const std::string& target_country,
            const std::string& cameo, int quad, double goldstein, const std::string& plover,
            const std::string& date, const std::string& place) {
  Event e;
  e.story_id = story;
  e.sentence_index = index;
  e.sentence = label;
  e.date = date;
  e.date_source = date.empty() ? "none" : "text";
  e.source.code = source_code;
  e.source.country = source_country;
  e.source.text = "source of " + label;
  if (!target_code.empty()) {
    e.target = Actor{};
    e.target->code = target_code;
    e.target->country = target_country;
    e.target->text = "target of " + label;
  }
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad_class = quad;
  e.goldstein = goldstein;
  e.plover_type = plover;
  if (!place.empty()) e.location = Location{place, "XXX", 33.3152, 44.3661, "", 0};
  e.evidence.verb = "verb of " + label;
  e.evidence.pattern = "* pattern";
  e.evidence.pattern_entry = "verbs.txt:1";
  return e;
}

Story story(const std::string& id) {
  Story s;
  s.id = id;
  s.date = "2020-09-29";
  s.title = "Title of " + id;
  s.text = "Text of " + id + " with a quote ' and a backslash \\ and\na newline.";
  return s;
}

// The fixture. Sorted by (date, story, sentence): e6 e5 e4 e3 e1 e2 e9 e7 e8.
//  label story idx source(code/country) target(code/country) cameo quad gold   plover     date
//  place e1    s1    0   USAGOV/USA            IRQGOV/IRQ           042   1    1.9   CONSULT
//  2020-09-28  Baghdad e2    s1    1   IRNMIL/IRN            USAMIL/USA           190   4    -10
//  ASSAULT    2020-09-29  Basra e3    s1    2   IRQ/IRQ               USAGOV/USA           112   3
//  -2    ACCUSE     2020-09     - e4    s2    0   USAGOV/USA            IRQ/IRQ              183 4
//  -9    ASSAULT    2020-01-03  Baghdad International Airport e5    s2    1   IRQMIL/IRQ IRNGOV/IRN
//  036   1    4     COOPERATE  2020        Najaf e6    s2    2   REB/-                 - 145   3
//  -6.5  PROTEST    -           Baghdad e7    s3    0   RUSGOV/RUS            UKRMIL/UKR 190   4
//  -10   ASSAULT    2022-02-24  Kyiv e8    s3    1   YEMREB/YEM            SAUMIL/SAU           190
//  4    -10   ASSAULT    2022-02-24  Ma'rib e9    s3    2   REB/-                 - 145   3    -6.5
//  PROTEST    2021-06-15  -
void load_fixture(EventStore& store) {
  ASSERT_TRUE(store.begin().is_ok());
  ASSERT_TRUE(store
                  .put_story(story("s1"),
                             {event("e1", "s1", 0, "USAGOV", "USA", "IRQGOV", "IRQ", "042", 1, 1.9,
                                    "CONSULT", "2020-09-28", "Baghdad"),
                              event("e2", "s1", 1, "IRNMIL", "IRN", "USAMIL", "USA", "190", 4, -10,
                                    "ASSAULT", "2020-09-29", "Basra"),
                              event("e3", "s1", 2, "IRQ", "IRQ", "USAGOV", "USA", "112", 3, -2,
                                    "ACCUSE", "2020-09", "")},
                             "hash-1", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store
                  .put_story(story("s2"),
                             {event("e4", "s2", 0, "USAGOV", "USA", "IRQ", "IRQ", "183", 4, -9,
                                    "ASSAULT", "2020-01-03", "Baghdad International Airport"),
                              event("e5", "s2", 1, "IRQMIL", "IRQ", "IRNGOV", "IRN", "036", 1, 4,
                                    "COOPERATE", "2020", "Najaf"),
                              event("e6", "s2", 2, "REB", "", "", "", "145", 3, -6.5, "PROTEST", "",
                                    "Baghdad")},
                             "hash-1", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store
                  .put_story(story("s3"),
                             {event("e7", "s3", 0, "RUSGOV", "RUS", "UKRMIL", "UKR", "190", 4, -10,
                                    "ASSAULT", "2022-02-24", "Kyiv"),
                              event("e8", "s3", 1, "YEMREB", "YEM", "SAUMIL", "SAU", "190", 4, -10,
                                    "ASSAULT", "2022-02-24", "Ma'rib"),
                              event("e9", "s3", 2, "REB", "", "", "", "145", 3, -6.5, "PROTEST",
                                    "2021-06-15", "")},
                             "hash-1", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store.commit().is_ok());
}

std::vector<std::string> labels(const std::vector<StoredEvent>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row.event.sentence);
  return out;
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kClickHouse && !clickhouse().skip_reason.empty()) {
      GTEST_SKIP() << clickhouse().skip_reason;
    }
    test_store_ = std::make_unique<TestStore>(GetParam());
    store_ = test_store_->open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override { test_store_.reset(); }

  std::vector<std::string> query_labels(const EventQuery& q) {
    auto rows = store_->query(q);
    EXPECT_TRUE(rows.is_ok()) << rows.status().to_string();
    return rows.is_ok() ? labels(rows.value()) : std::vector<std::string>{"(error)"};
  }

  std::unique_ptr<TestStore> test_store_;
  EventStore* store_ = nullptr;
};

using Labels = std::vector<std::string>;

TEST_P(BackendTest, NewStoreHasASchemaVersionAndNoEvents) {
  EXPECT_GE(store_->schema_version(), 1);
  EXPECT_EQ(store_->count_events().value(), 0u);
}

TEST_P(BackendTest, EveryFilterSelectsTheHandWorkedRows) {
  load_fixture(*store_);
  EXPECT_EQ(store_->count_events().value(), 9u);
  EventQuery q;
  EXPECT_EQ(query_labels(q), (Labels{"e6", "e5", "e4", "e3", "e1", "e2", "e9", "e7", "e8"}));
  // --source: the country, or a code prefix (ASCII case-insensitive).
  q = {};
  q.sources = {"USA"};
  EXPECT_EQ(query_labels(q), (Labels{"e4", "e1"}));
  q.sources = {"usa"};
  EXPECT_EQ(query_labels(q), (Labels{"e4", "e1"}));
  q.sources = {"IRNMIL"};
  EXPECT_EQ(query_labels(q), (Labels{"e2"}));
  q.sources = {"REB"};
  EXPECT_EQ(query_labels(q), (Labels{"e6", "e9"}));
  q.sources = {"RUS", "YEM"};
  EXPECT_EQ(query_labels(q), (Labels{"e7", "e8"}));
  // --target
  q = {};
  q.targets = {"USA"};
  EXPECT_EQ(query_labels(q), (Labels{"e3", "e2"}));
  q.targets = {"IRN"};
  EXPECT_EQ(query_labels(q), (Labels{"e5"}));
  // --dyad: either direction.
  q = {};
  q.dyads = {{"USA", "IRQ"}};
  EXPECT_EQ(query_labels(q), (Labels{"e4", "e3", "e1"}));
  q.dyads = {{"IRN", "USA"}};
  EXPECT_EQ(query_labels(q), (Labels{"e2"}));
  // --root: one digit is padded ("4" is "04").
  q = {};
  q.roots = {"19"};
  EXPECT_EQ(query_labels(q), (Labels{"e2", "e7", "e8"}));
  q.roots = {"4"};
  EXPECT_EQ(query_labels(q), (Labels{"e1"}));
  q.roots = {"18", "3"};
  EXPECT_EQ(query_labels(q), (Labels{"e5", "e4"}));
  // --plover
  q = {};
  q.plover = {"ASSAULT"};
  EXPECT_EQ(query_labels(q), (Labels{"e4", "e2", "e7", "e8"}));
  // --from/--to compare at the shorter precision; an undated event matches neither.
  q = {};
  q.from = "2020";
  EXPECT_EQ(query_labels(q), (Labels{"e5", "e4", "e3", "e1", "e2", "e9", "e7", "e8"}));
  q.from = "2020-09-28";
  EXPECT_EQ(query_labels(q), (Labels{"e1", "e2", "e9", "e7", "e8"}));
  q = {};
  q.to = "2020-09";
  EXPECT_EQ(query_labels(q), (Labels{"e5", "e4", "e3", "e1", "e2"}));
  q.from = "2020-01";
  q.to = "2020-01";
  EXPECT_EQ(query_labels(q), (Labels{"e4"}));
  q.from = "2021";
  q.to = "2021-12-31";
  EXPECT_EQ(query_labels(q), (Labels{"e9"}));
  // --place: contains, ASCII case-insensitive; quotes and wildcards are literal.
  q = {};
  q.place = "baghdad";
  EXPECT_EQ(query_labels(q), (Labels{"e6", "e4", "e1"}));
  q.place = "ma'rib";
  EXPECT_EQ(query_labels(q), (Labels{"e8"}));
  q.place = "%";
  EXPECT_EQ(query_labels(q), Labels{});
  // --limit/--offset, after ordering.
  q = {};
  q.limit = 3;
  EXPECT_EQ(query_labels(q), (Labels{"e6", "e5", "e4"}));
  q.limit = 2;
  q.offset = 3;
  EXPECT_EQ(query_labels(q), (Labels{"e3", "e1"}));
  q.limit = 0;
  q.offset = 7;
  EXPECT_EQ(query_labels(q), (Labels{"e7", "e8"}));
  // Filters combine with AND.
  q = {};
  q.dyads = {{"USA", "IRQ"}};
  q.plover = {"ASSAULT"};
  EXPECT_EQ(query_labels(q), (Labels{"e4"}));
}

TEST_P(BackendTest, FilterValuesCannotInjectSql) {
  load_fixture(*store_);
  EventQuery q;
  q.place = "' OR 1=1 --";
  EXPECT_EQ(query_labels(q), Labels{});
  q = {};
  q.sources = {"x') OR ('1'='1"};
  EXPECT_EQ(query_labels(q), Labels{});
  q.sources = {"US_"};  // '_' is not a wildcard: no code starts with "US_"
  EXPECT_EQ(query_labels(q), Labels{});
  q = {};
  q.plover = {"ASSAULT') OR 1=1 OR plover_type IN ('"};
  EXPECT_EQ(query_labels(q), Labels{});
  q = {};
  q.dyads = {{"USA\\", "' OR 1=1"}};
  EXPECT_EQ(query_labels(q), Labels{});
  EXPECT_EQ(store_->count_events().value(), 9u);
}

TEST_P(BackendTest, MalformedFiltersAreErrors) {
  EventQuery q;
  q.from = "2020-1";
  EXPECT_EQ(store_->query(q).status().code(), StatusCode::kInvalidInput);
  q = {};
  q.to = "20200101";
  EXPECT_EQ(store_->series(q, Period::kWeek, false).status().code(), StatusCode::kInvalidInput);
  q = {};
  q.sources = {""};
  EXPECT_EQ(store_->query(q).status().code(), StatusCode::kInvalidInput);
}

TEST_P(BackendTest, StoredFieldsComeBackAsWritten) {
  load_fixture(*store_);
  EventQuery q;
  q.place = "ma'rib";
  auto rows = store_->query(q).value();
  ASSERT_EQ(rows.size(), 1u);
  const Event& e = rows[0].event;
  EXPECT_EQ(e.story_id, "s3");
  EXPECT_EQ(e.sentence_index, 1u);
  EXPECT_EQ(e.date, "2022-02-24");
  EXPECT_EQ(e.date_source, "text");
  EXPECT_EQ(e.source.code, "YEMREB");
  EXPECT_EQ(e.source.country, "YEM");
  EXPECT_EQ(e.source.text, "source of e8");
  ASSERT_TRUE(e.target.has_value());
  EXPECT_EQ(e.target->code, "SAUMIL");
  EXPECT_EQ(e.target->text, "target of e8");
  EXPECT_EQ(e.cameo, "190");
  EXPECT_EQ(e.root, "19");
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_EQ(e.goldstein, -10.0);
  EXPECT_EQ(e.plover_type, "ASSAULT");
  ASSERT_TRUE(e.location.has_value());
  EXPECT_EQ(e.location->name, "Ma'rib");
  EXPECT_EQ(*e.location->lat, 33.3152);  // exact: doubles round-trip
  EXPECT_EQ(*e.location->lon, 44.3661);
  EXPECT_EQ(e.evidence.verb, "verb of e8");
  EXPECT_EQ(e.evidence.pattern_entry, "verbs.txt:1");
  EXPECT_EQ(rows[0].dictionary_hash, "hash-1");
  EXPECT_EQ(rows[0].tigris_version, "0.1.0");
  q = {};
  q.sources = {"REB"};
  rows = store_->query(q).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].event.target.has_value());
  EXPECT_EQ(rows[0].event.date, "");
  EXPECT_FALSE(rows[1].event.location.has_value());
  // Text with tabs, newlines, backslashes and quotes survives both backends.
  Event odd = event("tab\there\nnewline \\ back 'quote' \"dq\" é", "s9", 0, "USA", "USA", "IRQ",
                    "IRQ", "010", 1, 0.0, "", "2020-02-02", "");
  ASSERT_TRUE(store_->put_story(story("s9"), {odd}, "h", "v").is_ok());
  q = {};
  q.from = "2020-02-02";
  q.to = "2020-02-02";
  rows = store_->query(q).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].event.sentence, odd.sentence);
}

TEST_P(BackendTest, ReingestingAStoryReplacesItsEvents) {
  load_fixture(*store_);
  // In its own batch: s1 had three events, now one.
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s1"),
                              {event("e1b", "s1", 0, "USAGOV", "USA", "IRQGOV", "IRQ", "042", 1,
                                     1.9, "CONSULT", "2020-09-28", "Baghdad")},
                              "hash-2", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 7u);
  EventQuery q;
  q.from = "2020-09";
  q.to = "2020-09";
  EXPECT_EQ(query_labels(q), (Labels{"e1b"}));
  // Twice in one batch: the last one wins.
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_->put_story(story("s2"), {}, "hash-2", "0.1.0").is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s2"),
                              {event("e4b", "s2", 0, "USAGOV", "USA", "IRQ", "IRQ", "183", 4, -9,
                                     "ASSAULT", "2020-01-03", "")},
                              "hash-2", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 5u);
  // Ingesting the same again changes nothing, also through a new connection.
  store_ = test_store_->open();
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_
                  ->put_story(story("s2"),
                              {event("e4b", "s2", 0, "USAGOV", "USA", "IRQ", "IRQ", "183", 4, -9,
                                     "ASSAULT", "2020-01-03", "")},
                              "hash-2", "0.1.0")
                  .is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(store_->count_events().value(), 5u);
  q = {};
  EXPECT_EQ(query_labels(q), (Labels{"e4b", "e1b", "e9", "e7", "e8"}));
  // Outside begin()/commit() a call stands alone.
  ASSERT_TRUE(store_->put_story(story("s3"), {}, "hash-2", "0.1.0").is_ok());
  EXPECT_EQ(query_labels(q), (Labels{"e4b", "e1b"}));
}

TEST_P(BackendTest, RollbackLeavesStoredEventsAsTheyWere) {
  load_fixture(*store_);
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_->put_story(story("s1"), {}, "h", "v").is_ok());  // would remove e1-e3
  ASSERT_TRUE(store_
                  ->put_story(story("s7"),
                              {event("new", "s7", 0, "USA", "USA", "IRQ", "IRQ", "010", 1, 0, "",
                                     "2020", "")},
                              "h", "v")
                  .is_ok());
  store_->rollback();
  EXPECT_EQ(store_->count_events().value(), 9u);
  // A batch big enough to be sent before commit (ClickHouse sends event rows
  // in INSERTs of batch_bytes, here 2000) is still invisible after a rollback.
  if (GetParam() == Backend::kClickHouse) {
    test_store_ = std::make_unique<TestStore>(GetParam(), "?batch_bytes=2000");
    store_ = test_store_->open();
    ASSERT_NE(store_, nullptr);
    load_fixture(*store_);
  }
  ASSERT_TRUE(store_->begin().is_ok());
  std::vector<Event> big;
  for (int i = 0; i < 20; ++i) {
    big.push_back(event(std::string(200, 'x'), "s8", static_cast<std::uint32_t>(i), "USA", "USA",
                        "IRQ", "IRQ", "010", 1, 0, "", "2020", ""));
  }
  ASSERT_TRUE(store_->put_story(story("s8"), big, "h", "v").is_ok());
  store_->rollback();
  EXPECT_EQ(store_->count_events().value(), 9u);
  if (GetParam() == Backend::kClickHouse) {
    // The rows were sent (the table holds more than the 9 visible ones).
    auto rows = static_cast<ClickHouseStore*>(store_)->execute("SELECT count() FROM " +
                                                               test_store_->database() + ".events");
    ASSERT_TRUE(rows.is_ok());
    EXPECT_GT(std::stoi(rows.value()), 9);
  }
  // The store still takes the same story afterwards.
  ASSERT_TRUE(store_->put_story(story("s8"), {big[0]}, "h", "v").is_ok());
  EXPECT_EQ(store_->count_events().value(), 10u);
}

TEST_P(BackendTest, EventsCodedElsewhereAreAddedToTheirStory) {
  Event a = event("x1", "ext", 0, "USA", "USA", "IRQ", "IRQ", "010", 1, 0, "", "2020-01-01", "");
  Event b = event("x2", "ext", 1, "USA", "USA", "IRQ", "IRQ", "010", 1, 0, "", "2020-01-02", "");
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_->put_events({a}, "events.jsonl").is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_->put_events({b}, "events.jsonl").is_ok());
  ASSERT_TRUE(store_->put_events({b}, "events.jsonl").is_ok());
  // Not committed: the story was visible already, but its new rows are not.
  store_->rollback();
  EXPECT_EQ(query_labels({}), (Labels{"x1"}));
  ASSERT_TRUE(store_->begin().is_ok());
  ASSERT_TRUE(store_->put_events({b}, "events.jsonl").is_ok());
  ASSERT_TRUE(store_->commit().is_ok());
  EXPECT_EQ(query_labels({}), (Labels{"x1", "x2"}));
  // put_story replaces what put_events added.
  ASSERT_TRUE(store_->put_story(story("ext"), {a}, "h", "v").is_ok());
  EXPECT_EQ(query_labels({}), (Labels{"x1"}));
}

TEST_P(BackendTest, IdsStayUniqueAcrossConnections) {
  load_fixture(*store_);
  store_ = test_store_->open();
  ASSERT_TRUE(store_
                  ->put_story(story("s5"),
                              {event("n1", "s5", 0, "USA", "USA", "IRQ", "IRQ", "010", 1, 0, "",
                                     "2020", "")},
                              "h", "v")
                  .is_ok());
  auto rows = store_->query({}).value();
  ASSERT_EQ(rows.size(), 10u);
  std::set<std::int64_t> ids;
  for (const auto& row : rows) ids.insert(row.id);
  EXPECT_EQ(ids.size(), 10u);
}

void expect_series(const Series& got, std::size_t imprecise, const std::vector<SeriesRow>& want) {
  EXPECT_EQ(got.imprecise, imprecise);
  ASSERT_EQ(got.rows.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    EXPECT_EQ(got.rows[i].period, want[i].period);
    EXPECT_EQ(got.rows[i].group, want[i].group);
    EXPECT_EQ(got.rows[i].events, want[i].events);
    for (int quad = 1; quad <= 4; ++quad) EXPECT_EQ(got.rows[i].quad[quad], want[i].quad[quad]);
    EXPECT_NEAR(got.rows[i].goldstein, want[i].goldstein, 1e-9);
  }
}

SeriesRow row(const std::string& period, const std::string& group, int events, int q1, int q2,
              int q3, int q4, double goldstein) {
  SeriesRow r;
  r.period = period;
  r.group = group;
  r.events = events;
  r.quad[1] = q1;
  r.quad[2] = q2;
  r.quad[3] = q3;
  r.quad[4] = q4;
  r.goldstein = goldstein;
  return r;
}

TEST_P(BackendTest, SeriesMatchesTheHandWorkedCounts) {
  load_fixture(*store_);
  // Weeks (Monday start): 2020-01-03 is a Friday, 2020-09-28 a Monday,
  // 2021-06-15 a Tuesday, 2022-02-24 a Thursday. e6, e5 and e3 lack a day.
  auto weeks = store_->series({}, Period::kWeek, false);
  ASSERT_TRUE(weeks.is_ok()) << weeks.status().to_string();
  expect_series(
      weeks.value(), 3,
      {row("2019-12-30", "", 1, 0, 0, 0, 1, -9), row("2020-09-28", "", 2, 1, 0, 0, 1, -8.1),
       row("2021-06-14", "", 1, 0, 0, 1, 0, -6.5), row("2022-02-21", "", 2, 0, 0, 0, 2, -20)});
  // Months per dyad: e6 and e5 lack a month; REB has no country and no target.
  auto months = store_->series({}, Period::kMonth, true);
  ASSERT_TRUE(months.is_ok()) << months.status().to_string();
  expect_series(months.value(), 2,
                {row("2020-01", "USA->IRQ", 1, 0, 0, 0, 1, -9),
                 row("2020-09", "IRN->USA", 1, 0, 0, 0, 1, -10),
                 row("2020-09", "IRQ->USA", 1, 0, 0, 1, 0, -2),
                 row("2020-09", "USA->IRQ", 1, 1, 0, 0, 0, 1.9),
                 row("2021-06", "REB->---", 1, 0, 0, 1, 0, -6.5),
                 row("2022-02", "RUS->UKR", 1, 0, 0, 0, 1, -10),
                 row("2022-02", "YEM->SAU", 1, 0, 0, 0, 1, -10)});
  // Filters apply before counting; a limit picks the first rows in query order.
  EventQuery q;
  q.dyads = {{"USA", "IRQ"}};
  expect_series(store_->series(q, Period::kWeek, true).value(), 1,
                {row("2019-12-30", "USA->IRQ", 1, 0, 0, 0, 1, -9),
                 row("2020-09-28", "USA->IRQ", 1, 1, 0, 0, 0, 1.9)});
  q = {};
  q.limit = 4;
  expect_series(store_->series(q, Period::kDay, false).value(), 3,
                {row("2020-01-03", "", 1, 0, 0, 0, 1, -9)});
}

// The fixture plus s4: an IGO source without a country (its dyad takes the
// code) and a USA->USA event (USA counts once for it in countries()).
void load_aggregate_fixture(EventStore& store) {
  load_fixture(store);
  ASSERT_TRUE(store
                  .put_story(story("s4"),
                             {event("e10", "s4", 0, "IGOUNO", "", "IRQGOV", "IRQ", "010", 1, 0,
                                    "CONSULT", "2020-09-30", ""),
                              event("e11", "s4", 1, "USAGOV", "USA", "USA", "USA", "051", 1, 3.4,
                                    "AGREE", "2020-10-01", "")},
                             "hash-1", "0.1.0")
                  .is_ok());
}

TEST_P(BackendTest, CountIgnoresLimitAndOffset) {
  load_aggregate_fixture(*store_);
  EventQuery q;
  EXPECT_EQ(store_->count(q).value(), 11u);
  q.sources = {"USA"};  // e1, e4, e11
  q.limit = 1;
  q.offset = 1;
  EXPECT_EQ(store_->count(q).value(), 3u);
  q = {};
  q.from = "2022";  // e7, e8
  EXPECT_EQ(store_->count(q).value(), 2u);
  q.from = "2022-13-x";
  EXPECT_EQ(store_->count(q).status().code(), StatusCode::kInvalidInput);
}

TEST_P(BackendTest, QueryForAnalysisReturnsTheAnalysisFields) {
  load_aggregate_fixture(*store_);
  EventQuery q;
  q.sources = {"USA"};
  q.limit = 1;  // ignored
  auto rows = store_->query_for_analysis(q);
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows.value().size(), 3u);
  std::vector<StoredEvent> sorted = rows.value();
  std::sort(sorted.begin(), sorted.end(),
            [](const StoredEvent& a, const StoredEvent& b) { return a.event.date < b.event.date; });
  // e4 2020-01-03 USA->IRQ quad 4 -9; e1 2020-09-28 USA->IRQ quad 1 1.9;
  // e11 2020-10-01 USA->USA quad 1 3.4.
  const char* dates[] = {"2020-01-03", "2020-09-28", "2020-10-01"};
  const char* target_codes[] = {"IRQ", "IRQGOV", "USA"};
  const char* target_countries[] = {"IRQ", "IRQ", "USA"};
  int quads[] = {4, 1, 1};
  double goldstein[] = {-9, 1.9, 3.4};
  for (std::size_t i = 0; i < 3; ++i) {
    const Event& e = sorted[i].event;
    EXPECT_EQ(e.date, dates[i]);
    EXPECT_EQ(e.source.code, "USAGOV");
    EXPECT_EQ(e.source.country, "USA");
    ASSERT_TRUE(e.target.has_value());
    EXPECT_EQ(e.target->code, target_codes[i]);
    EXPECT_EQ(e.target->country, target_countries[i]);
    EXPECT_EQ(e.quad_class, quads[i]);
    EXPECT_DOUBLE_EQ(e.goldstein, goldstein[i]);
    EXPECT_EQ(e.sentence, "");  // not read
  }
}

TEST_P(BackendTest, AggregatesMatchTheHandWorkedCounts) {
  load_aggregate_fixture(*store_);
  EventQuery all;
  all.limit = 1;  // ignored by the aggregates
  // Places: Baghdad (e1 quad 1, e6 quad 3), then one each by name (bytewise).
  auto places = store_->places(all, 0);
  ASSERT_TRUE(places.is_ok()) << places.status().to_string();
  std::vector<std::string> names;
  for (const auto& p : places.value()) names.push_back(p.name);
  EXPECT_EQ(names, (Labels{"Baghdad", "Baghdad International Airport", "Basra", "Kyiv", "Ma'rib",
                           "Najaf"}));
  const PlaceCount& baghdad = places.value()[0];
  EXPECT_EQ(baghdad.country, "XXX");
  ASSERT_TRUE(baghdad.lat && baghdad.lon);
  EXPECT_DOUBLE_EQ(*baghdad.lat, 33.3152);
  EXPECT_DOUBLE_EQ(*baghdad.lon, 44.3661);
  EXPECT_EQ(baghdad.events, 2u);
  EXPECT_EQ(baghdad.quad[1], 1u);
  EXPECT_EQ(baghdad.quad[2], 0u);
  EXPECT_EQ(baghdad.quad[3], 1u);
  EXPECT_EQ(baghdad.quad[4], 0u);
  EXPECT_EQ(places.value()[2].events, 1u);  // Basra: e2, quad 4
  EXPECT_EQ(places.value()[2].quad[4], 1u);
  EXPECT_EQ(store_->places(all, 2).value().size(), 2u);
  EventQuery recent;
  recent.from = "2022";  // e7 Kyiv, e8 Ma'rib
  names.clear();
  auto recent_places = store_->places(recent, 0);
  ASSERT_TRUE(recent_places.is_ok()) << recent_places.status().to_string();
  for (const auto& p : recent_places.value()) names.push_back(p.name);
  EXPECT_EQ(names, (Labels{"Kyiv", "Ma'rib"}));

  // Dyads: USA->IRQ e1 e4; the rest once each, by source then target; the
  // IGO has no country, so its code stands; e6 and e9 have no target.
  auto dyads = store_->dyads(all, 0);
  ASSERT_TRUE(dyads.is_ok()) << dyads.status().to_string();
  std::vector<std::string> pairs;
  for (const auto& d : dyads.value()) {
    pairs.push_back(d.source + "->" + d.target + ":" + std::to_string(d.events));
  }
  EXPECT_EQ(pairs, (Labels{"USA->IRQ:2", "IGOUNO->IRQ:1", "IRN->USA:1", "IRQ->IRN:1", "IRQ->USA:1",
                           "RUS->UKR:1", "USA->USA:1", "YEM->SAU:1"}));
  EXPECT_EQ(store_->dyads(all, 3).value().size(), 3u);

  // Countries, each event once per country: IRQ e1 e3 e4 e5 e10, USA e1 e2
  // e3 e4 e11 (once), IRN e2 e5; ties by name.
  auto countries = store_->countries(all, 0);
  ASSERT_TRUE(countries.is_ok()) << countries.status().to_string();
  pairs.clear();
  for (const auto& c : countries.value())
    pairs.push_back(c.country + ":" + std::to_string(c.events));
  EXPECT_EQ(pairs, (Labels{"IRQ:5", "USA:5", "IRN:2", "RUS:1", "SAU:1", "UKR:1", "YEM:1"}));
  EventQuery usa;
  usa.sources = {"USA"};  // e1, e4, e11
  pairs.clear();
  auto usa_countries = store_->countries(usa, 1);
  ASSERT_TRUE(usa_countries.is_ok()) << usa_countries.status().to_string();
  for (const auto& c : usa_countries.value()) {
    pairs.push_back(c.country + ":" + std::to_string(c.events));
  }
  EXPECT_EQ(pairs, (Labels{"USA:3"}));
}

TEST_P(BackendTest, StoryComesBackWithTextSpansAndJson) {
  // "Iraq accused Iran." : sentence [0,18), verb "accused" [5,12), source
  // "Iraq" [0,4), target "Iran" [13,17).
  Story s = story("spans");
  s.text = "Iraq accused Iran. Iran denied it.";
  Event e = event("Iraq accused Iran.", "spans", 0, "IRQ", "IRQ", "IRN", "IRN", "112", 3, -2,
                  "ACCUSE", "2020-09-29", "");
  e.sentence_span = Span{0, 18};
  e.evidence.verb_span = Span{5, 12};
  e.source.span = Span{0, 4};
  e.target->span = Span{13, 17};
  Event second = event("Iran denied it.", "spans", 1, "IRN", "IRN", "", "", "024", 2, -1.0,
                       "REJECT", "2020-09-29", "");
  second.sentence_span = Span{19, 34};
  second.evidence.verb_span = Span{24, 30};
  second.source.span = Span{19, 23};
  // A first version with one event, replaced by the second put_story.
  ASSERT_TRUE(store_->put_story(s, {second}, "hash-0", "0.0.9").is_ok());
  ASSERT_TRUE(store_->put_story(s, {second, e}, "hash-1", "0.1.0").is_ok());

  auto got = store_->get_story("spans");
  ASSERT_TRUE(got.is_ok()) << got.status().to_string();
  const StoredStory& stored = got.value();
  EXPECT_EQ(stored.story.text, s.text);
  EXPECT_EQ(stored.story.title, "Title of spans");
  EXPECT_EQ(stored.story.date, "2020-09-29");
  ASSERT_EQ(stored.events.size(), 2u);          // the old version's event is gone
  const Event& first = stored.events[0].event;  // sentence order
  EXPECT_EQ(first.sentence, "Iraq accused Iran.");
  auto text_of = [&](const Span& span) { return s.text.substr(span.begin, span.end - span.begin); };
  EXPECT_EQ(text_of(first.sentence_span), "Iraq accused Iran.");
  EXPECT_EQ(text_of(first.evidence.verb_span), "accused");
  EXPECT_EQ(text_of(first.source.span), "Iraq");
  ASSERT_TRUE(first.target.has_value());
  EXPECT_EQ(text_of(first.target->span), "Iran");
  const Event& other = stored.events[1].event;
  EXPECT_EQ(text_of(other.evidence.verb_span), "denied");
  EXPECT_FALSE(other.target.has_value());
  EXPECT_EQ(stored.events[0].dictionary_hash, "hash-1");
  // The JSON is the event as append_event_json wrote it.
  std::string json;
  append_event_json(e, json);
  EXPECT_EQ(stored_event_json(stored.events[0]), json);
  // query() reads the same columns.
  EventQuery q;
  q.sources = {"IRQ"};
  auto rows = store_->query(q);
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows.value().size(), 1u);
  EXPECT_EQ(rows.value()[0].event.evidence.verb_span, (Span{5, 12}));
  EXPECT_EQ(stored_event_json(rows.value()[0]), json);

  EXPECT_EQ(store_->get_story("nope").status().code(), StatusCode::kNotFound);
  // Events coded elsewhere: a story row with the id only.
  Event elsewhere = event("x", "coded-elsewhere", 0, "USA", "USA", "", "", "010", 1, 0, "CONSULT",
                          "2020-01-01", "");
  ASSERT_TRUE(store_->put_events({elsewhere}, "label").is_ok());
  auto bare = store_->get_story("coded-elsewhere");
  ASSERT_TRUE(bare.is_ok()) << bare.status().to_string();
  EXPECT_EQ(bare.value().story.text, "");
  EXPECT_EQ(bare.value().story.source, "label");
  ASSERT_EQ(bare.value().events.size(), 1u);
  EXPECT_EQ(bare.value().events[0].event.sentence, "x");
}

// series() must equal build_series() over query() for any data and filter.
TEST_P(BackendTest, SeriesEqualsBuildSeriesOnRandomEvents) {
  std::mt19937 random(7);
  const char* countries[] = {"USA", "IRQ", "IRN", "SYR", ""};
  const char* dates[] = {"2019-12-30", "2020-01-05", "2020-02-29", "2020-03",
                         "2020",       "",           "2021-01-04", "2021-12-31",
                         "2022-01-01", "2020-13-45", "2020-é1",    "2020-xé1"};
  ASSERT_TRUE(store_->begin().is_ok());
  for (int s = 0; s < 40; ++s) {
    std::string id = "r" + std::to_string(s);
    std::vector<Event> events;
    for (int i = 0; i < 12; ++i) {
      std::string source = countries[random() % 5], target = countries[random() % 5];
      int quad = static_cast<int>(random() % 5);
      events.push_back(event("r", id, static_cast<std::uint32_t>(i),
                             source.empty() ? "AGT" : source + "GOV", source,
                             random() % 4 ? target + "MIL" : "", target, "190", quad,
                             static_cast<double>(random() % 201) / 10.0 - 10.0, "ASSAULT",
                             dates[random() % std::size(dates)], ""));
    }
    ASSERT_TRUE(store_->put_story(story(id), events, "h", "v").is_ok());
  }
  ASSERT_TRUE(store_->commit().is_ok());
  std::vector<EventQuery> queries(4);
  queries[1].dyads = {{"USA", "IRQ"}};
  queries[2].from = "2020";
  queries[2].to = "2021-06";
  queries[3].limit = 100;
  queries[3].offset = 50;
  for (const auto& q : queries) {
    auto events = store_->query(q).value();
    for (Period period : {Period::kDay, Period::kWeek, Period::kMonth}) {
      for (bool by_dyad : {false, true}) {
        std::size_t imprecise = 0;
        auto want = build_series(events, period, by_dyad, imprecise);
        auto got = store_->series(q, period, by_dyad);
        ASSERT_TRUE(got.is_ok()) << got.status().to_string();
        SCOPED_TRACE("period " + std::to_string(static_cast<int>(period)) + " by_dyad " +
                     std::to_string(by_dyad));
        expect_series(got.value(), imprecise, want);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, BackendTest,
                         ::testing::Values(Backend::kSqlite, Backend::kClickHouse), backend_name);

// Both backends hold the same fixture and answer every filter with the same
// rows, field by field (ids are each database's own).
TEST(BothBackends, AnswerEveryFilterWithTheSameRows) {
  if (!clickhouse().skip_reason.empty()) GTEST_SKIP() << clickhouse().skip_reason;
  TestStore sqlite(Backend::kSqlite), server(Backend::kClickHouse);
  EventStore* a = sqlite.open();
  EventStore* b = server.open();
  ASSERT_TRUE(a && b);
  load_fixture(*a);
  load_fixture(*b);
  std::vector<EventQuery> queries(12);
  queries[1].sources = {"usa", "REB"};
  queries[2].targets = {"USA"};
  queries[3].dyads = {{"IRQ", "USA"}};
  queries[4].roots = {"19", "4"};
  queries[5].plover = {"ASSAULT", "PROTEST"};
  queries[6].from = "2020-09";
  queries[7].to = "2021";
  queries[8].place = "BAGH";
  queries[9].limit = 4;
  queries[9].offset = 2;
  queries[10].offset = 5;
  queries[11].sources = {"IRQ"};
  queries[11].from = "2020";
  queries[11].place = "a";
  for (std::size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE("query " + std::to_string(i));
    auto x = a->query(queries[i]).value();
    auto y = b->query(queries[i]).value();
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t r = 0; r < x.size(); ++r) {
      std::string jx, jy;
      append_event_json(x[r].event, jx);
      append_event_json(y[r].event, jy);
      EXPECT_EQ(jx, jy);
      EXPECT_EQ(x[r].dictionary_hash, y[r].dictionary_hash);
      EXPECT_EQ(x[r].tigris_version, y[r].tigris_version);
    }
  }
}

// The cluster layout of docs/store.md ("A cluster: Distributed tables over
// shards") on the fixture server's test_shard_localhost cluster (one shard:
// itself, as in Debian's default config): local tables shaped as Tigris's,
// Distributed tables over them sharded by the story id. Ingesting and querying
// through them gives what the plain tables give, row for row.
TEST(Distributed, SameAnswersAsThePlainTables) {
  if (!clickhouse().skip_reason.empty()) GTEST_SKIP() << clickhouse().skip_reason;
  TestStore plain(Backend::kClickHouse);
  EventStore* a = plain.open();
  ASSERT_NE(a, nullptr);
  auto* admin = static_cast<ClickHouseStore*>(a);
  auto cluster =
      admin->execute("SELECT count() FROM system.clusters WHERE cluster = 'test_shard_localhost'");
  ASSERT_TRUE(cluster.is_ok()) << cluster.status().to_string();
  if (cluster.value() == "0\n") {
    GTEST_SKIP() << "the server has no test_shard_localhost cluster in remote_servers";
  }
  // The local tables take their columns and engines from the plain ones, as
  // created by Tigris; then the layout's Distributed tables and schema version.
  const std::string db = plain.database() + "_dist";
  const std::string from = plain.database();
  for (const std::string& sql : {
           "DROP DATABASE IF EXISTS " + db,
           "CREATE DATABASE " + db,
           "CREATE TABLE " + db + ".stories_local AS " + from + ".stories",
           "CREATE TABLE " + db + ".events_local AS " + from + ".events",
           "CREATE TABLE " + db + ".stories AS " + db + ".stories_local" +
               " ENGINE = Distributed(test_shard_localhost, " + db +
               ", stories_local, cityHash64(id))",
           "CREATE TABLE " + db + ".events AS " + db + ".events_local" +
               " ENGINE = Distributed(test_shard_localhost, " + db +
               ", events_local, cityHash64(story_id))",
           "CREATE TABLE " + db +
               ".schema_version (version UInt32, applied_at DateTime DEFAULT now()) ENGINE = "
               "TinyLog",
           "INSERT INTO " + db + ".schema_version (version) VALUES (2)",
       }) {
    auto done = admin->execute(sql);
    ASSERT_TRUE(done.is_ok()) << done.status().to_string();
  }
  struct DropAtEnd {
    ClickHouseStore* admin;
    std::string db;
    ~DropAtEnd() { (void)admin->execute("DROP DATABASE IF EXISTS " + db); }
  } drop_at_end{admin, db};
  auto opened = EventStore::open(clickhouse().url + "/" + db + "?insert_distributed_sync=1");
  ASSERT_TRUE(opened.is_ok()) << opened.status().to_string();
  EventStore* b = opened.value().get();
  EXPECT_EQ(b->schema_version(), 2);
  auto engine = admin->execute(
      "SELECT groupArray(engine) FROM (SELECT engine FROM system.tables"
      " WHERE database = '" +
      db + "' AND name IN ('events', 'stories'))");
  ASSERT_TRUE(engine.is_ok());
  EXPECT_EQ(engine.value(), "['Distributed','Distributed']\n");

  // The same writes on both: the fixture, a re-ingest that replaces a story's
  // events, events added to a known and to a new story, and a rolled back batch.
  for (EventStore* store : {a, b}) {
    load_fixture(*store);
    ASSERT_TRUE(store
                    ->put_story(story("s3"),
                                {event("e7b", "s3", 0, "RUSGOV", "RUS", "UKR", "UKR", "173", 4, -5,
                                       "ASSAULT", "2022-02-25", "Kharkiv")},
                                "hash-2", "0.1.1")
                    .is_ok());
    ASSERT_TRUE(store
                    ->put_events({event("x1", "s1", 5, "USA", "USA", "IRN", "IRN", "010", 1, 0,
                                        "CONSULT", "2020-10-01", ""),
                                  event("x2", "s9", 0, "IRN", "IRN", "IRQ", "IRQ", "040", 1, 1,
                                        "CONSULT", "2020-10-02", "Najaf")},
                                 "events.jsonl")
                    .is_ok());
    ASSERT_TRUE(store->begin().is_ok());
    ASSERT_TRUE(store->put_story(story("s2"), {}, "hash-3", "0.1.2").is_ok());
    store->rollback();
  }
  // The rows went through the Distributed tables into the local ones.
  auto local = admin->execute("SELECT (SELECT count() FROM " + db + ".events_local), (SELECT " +
                              "count() FROM " + from + ".events)");
  ASSERT_TRUE(local.is_ok());
  // 9 fixture rows, s3's new one, x1 and x2; the 3 superseded rows of s3 stay on disk.
  EXPECT_EQ(local.value(), "12\t12\n");
  EXPECT_EQ(a->count_events().value(), 9u);  // 3 + 3 + 1 + x1 + x2
  EXPECT_EQ(b->count_events().value(), 9u);

  std::vector<EventQuery> queries(8);
  queries[1].dyads = {{"IRQ", "USA"}};
  queries[2].sources = {"usa", "REB"};
  queries[3].from = "2020-09";
  queries[3].to = "2022";
  queries[4].place = "BAGH";
  queries[5].roots = {"19", "4"};
  queries[6].limit = 3;
  queries[6].offset = 2;
  queries[7].targets = {"IRN"};
  for (std::size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE("query " + std::to_string(i));
    auto x = a->query(queries[i]);
    auto y = b->query(queries[i]);
    ASSERT_TRUE(x.is_ok()) << x.status().to_string();
    ASSERT_TRUE(y.is_ok()) << y.status().to_string();
    ASSERT_EQ(x.value().size(), y.value().size());
    for (std::size_t r = 0; r < x.value().size(); ++r) {
      EXPECT_EQ(x.value()[r].id, y.value()[r].id);
      EXPECT_EQ(stored_event_json(x.value()[r]), stored_event_json(y.value()[r]));
      EXPECT_EQ(x.value()[r].dictionary_hash, y.value()[r].dictionary_hash);
    }
    EXPECT_EQ(a->count(queries[i]).value(), b->count(queries[i]).value());
    for (bool by_dyad : {false, true}) {
      auto sx = a->series(queries[i], Period::kWeek, by_dyad);
      auto sy = b->series(queries[i], Period::kWeek, by_dyad);
      ASSERT_TRUE(sx.is_ok() && sy.is_ok());
      EXPECT_EQ(sx.value().imprecise, sy.value().imprecise);
      ASSERT_EQ(sx.value().rows.size(), sy.value().rows.size());
      for (std::size_t r = 0; r < sx.value().rows.size(); ++r) {
        const SeriesRow &u = sx.value().rows[r], &v = sy.value().rows[r];
        EXPECT_EQ(u.period + u.group, v.period + v.group);
        EXPECT_EQ(u.events, v.events);
        EXPECT_EQ(u.goldstein, v.goldstein);
        for (int k = 1; k <= 4; ++k) EXPECT_EQ(u.quad[k], v.quad[k]);
      }
    }
    auto px = a->places(queries[i], 0).value();
    auto py = b->places(queries[i], 0).value();
    ASSERT_EQ(px.size(), py.size());
    for (std::size_t r = 0; r < px.size(); ++r) {
      EXPECT_EQ(px[r].name + "/" + std::to_string(px[r].events),
                py[r].name + "/" + std::to_string(py[r].events));
    }
    auto dx = a->dyads(queries[i], 0).value();
    auto dy = b->dyads(queries[i], 0).value();
    ASSERT_EQ(dx.size(), dy.size());
    for (std::size_t r = 0; r < dx.size(); ++r) {
      EXPECT_EQ(dx[r].source + dx[r].target + std::to_string(dx[r].events),
                dy[r].source + dy[r].target + std::to_string(dy[r].events));
    }
    auto cx = a->countries(queries[i], 0).value();
    auto cy = b->countries(queries[i], 0).value();
    ASSERT_EQ(cx.size(), cy.size());
    for (std::size_t r = 0; r < cx.size(); ++r) {
      EXPECT_EQ(cx[r].country + std::to_string(cx[r].events),
                cy[r].country + std::to_string(cy[r].events));
    }
  }
  for (const char* id : {"s1", "s2", "s3", "s9"}) {
    SCOPED_TRACE(id);
    auto x = a->get_story(id);
    auto y = b->get_story(id);
    ASSERT_TRUE(x.is_ok()) << x.status().to_string();
    ASSERT_TRUE(y.is_ok()) << y.status().to_string();
    EXPECT_EQ(x.value().story.text, y.value().story.text);
    EXPECT_EQ(x.value().story.source, y.value().story.source);
    ASSERT_EQ(x.value().events.size(), y.value().events.size());
    for (std::size_t r = 0; r < x.value().events.size(); ++r) {
      EXPECT_EQ(stored_event_json(x.value().events[r]), stored_event_json(y.value().events[r]));
    }
  }
  EXPECT_EQ(b->get_story("nope").status().code(), StatusCode::kNotFound);
}

TEST(OpenStore, BadUrlsAreClearErrors) {
  for (const char* url :
       {"clickhouse://127.0.0.1/db", "clickhouse://127.0.0.1:8123",
        "clickhouse://127.0.0.1:8123/db?batch_bytes=0", "clickhouse://127.0.0.1:8123/db?x",
        "clickhouse://127.0.0.1:8123/bad;name", "clickhouse://127.0.0.1:99999/db",
        "postgres://localhost/db"}) {
    auto store = EventStore::open(url);
    ASSERT_FALSE(store.is_ok()) << url;
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput) << url;
  }
  // Nothing listens on port 1: an I/O error naming the URL, not a crash.
  auto store = EventStore::open("clickhouse://127.0.0.1:1/db");
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_NE(store.status().to_string().find("127.0.0.1:1"), std::string::npos);
}

}  // namespace
}  // namespace tigris
