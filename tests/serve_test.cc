// API tests of `tigris serve`: the real binary on a free loopback port,
// against a database built here from the sample story and six hand-written
// events (dated 2031, so filters can pick them out) whose counts are worked
// out below by reading them. No timing is asserted.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The hand-written events, in file order (store ids 1..6: ingested first).
//   1 h1/0 USA->IRQ 190 q4 -10.0 2031-03-03 (a Monday) Baghdad  ASSAULT
//   2 h1/1 USA->IRQ 042 q1  +1.9 2031-03-05             Baghdad  CONSULT
//   3 h2/0 IRQ->USA 173 q4  -5.0 2031-03-10 (a Monday) Basra    COERCE
//   4 h2/1 IRN->USA 112 q3  -2.0 2031-03-11             -        ACCUSE
//   5 h3/0 IRN->USA 190 q4 -10.0 2031-03 (month only)   Baghdad  ASSAULT
//   6 h3/1 IGOUNO->IRQ 036 q1 +4.0 2031-03-12           -        CONSULT
const char* kEvents[] = {
    R"({"story_id":"h1","sentence_index":0,"sentence":"One.","date":"2031-03-03","date_source":"text","source":{"code":"USA","country":"USA","text":"Washington"},"target":{"code":"IRQ","country":"IRQ","text":"Iraq"},"cameo":"190","root":"19","quad_class":4,"goldstein":-10.0,"plover":{"event_type":"ASSAULT","mode":null},"location":{"name":"Baghdad","country":"IRQ","lat":33.34,"lon":44.4}})",
    R"({"story_id":"h1","sentence_index":1,"sentence":"Two.","date":"2031-03-05","date_source":"text","source":{"code":"USA","country":"USA","text":"Washington"},"target":{"code":"IRQ","country":"IRQ","text":"Iraq"},"cameo":"042","root":"04","quad_class":1,"goldstein":1.9,"plover":{"event_type":"CONSULT","mode":null},"location":{"name":"Baghdad","country":"IRQ","lat":33.34,"lon":44.4}})",
    R"({"story_id":"h2","sentence_index":0,"sentence":"Three.","date":"2031-03-10","date_source":"text","source":{"code":"IRQ","country":"IRQ","text":"Iraq"},"target":{"code":"USA","country":"USA","text":"US"},"cameo":"173","root":"17","quad_class":4,"goldstein":-5.0,"plover":{"event_type":"COERCE","mode":null},"location":{"name":"Basra","country":"IRQ","lat":30.5,"lon":47.8}})",
    R"({"story_id":"h2","sentence_index":1,"sentence":"Four.","date":"2031-03-11","date_source":"text","source":{"code":"IRN","country":"IRN","text":"Iran"},"target":{"code":"USA","country":"USA","text":"US"},"cameo":"112","root":"11","quad_class":3,"goldstein":-2.0,"plover":{"event_type":"ACCUSE","mode":null},"location":null})",
    R"({"story_id":"h3","sentence_index":0,"sentence":"Five.","date":"2031-03","date_source":"text","source":{"code":"IRN","country":"IRN","text":"Iran"},"target":{"code":"USA","country":"USA","text":"US"},"cameo":"190","root":"19","quad_class":4,"goldstein":-10.0,"plover":{"event_type":"ASSAULT","mode":null},"location":{"name":"Baghdad","country":"IRQ","lat":33.34,"lon":44.4}})",
    R"({"story_id":"h3","sentence_index":1,"sentence":"Six.","date":"2031-03-12","date_source":"text","source":{"code":"IGOUNO","country":null,"text":"UN"},"target":{"code":"IRQ","country":"IRQ","text":"Iraq"},"cameo":"036","root":"03","quad_class":1,"goldstein":4.0,"plover":{"event_type":"CONSULT","mode":null},"location":null})",
};
constexpr const char* kSampleId = "tigris-sample-0001";
constexpr const char* kToken = "s3cret-token";
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kMaxBatch = 5;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/tigris-serve-test-XXXXXX";
    if (!mkdtemp(pattern)) {
      setup_error_ = "cannot create a temporary folder";
      return;
    }
    dir_ = pattern;
    db_ = (dir_ / "events.sqlite").string();
    {
      std::ofstream events(dir_ / "events.jsonl");
      for (const char* line : kEvents) events << line << "\n";
      std::ofstream token(dir_ / "token");
      token << kToken << "\n";
      fs::create_directories(dir_ / "web");
      std::ofstream page(dir_ / "web" / "index.html");
      page << "<!doctype html><p>test dashboard</p>\n";
    }
    const std::string binary = TIGRIS_BINARY;
    std::string ingest_events = binary + " ingest --events " + (dir_ / "events.jsonl").string() +
                                " --db " + db_ + " 2>" + (dir_ / "ingest1.log").string();
    std::string ingest_sample = binary + " ingest " +
                                TIGRIS_TEST_DATA_DIR "/samples/sample.jsonl --db " + db_ + " 2>" +
                                (dir_ / "ingest2.log").string();
    if (std::system(ingest_events.c_str()) != 0 || std::system(ingest_sample.c_str()) != 0) {
      setup_error_ =
          "ingest failed: " + read_file(dir_ / "ingest1.log") + read_file(dir_ / "ingest2.log");
      return;
    }
    start_server();
  }

  static void start_server() {
    fs::path log = dir_ / "serve.log";
    std::string max_body = std::to_string(kMaxBody), max_batch = std::to_string(kMaxBatch);
    std::string token = (dir_ / "token").string(), web = (dir_ / "web").string();
    pid_ = fork();
    if (pid_ == 0) {
      FILE* err = std::freopen(log.c_str(), "w", stderr);
      if (!err) _exit(127);
      execl(TIGRIS_BINARY, TIGRIS_BINARY, "serve", "--db", db_.c_str(), "--port", "0",
            "--token-file", token.c_str(), "--max-body", max_body.c_str(), "--max-batch",
            max_batch.c_str(), "--threads", "4", "--web-root", web.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait for "listening on http://127.0.0.1:PORT" (loading the dictionaries takes a moment).
    for (int i = 0; i < 1200; ++i) {
      std::string text = read_file(log);
      std::size_t at = text.find("listening on http://127.0.0.1:");
      if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
        port_ = std::stoi(text.substr(at + std::string("listening on http://127.0.0.1:").size()));
        return;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        setup_error_ = "tigris serve exited before listening: " + text;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    setup_error_ = "tigris serve did not say it was listening within 120 s: " + read_file(log);
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    c.set_connection_timeout(10, 0);
    return c;
  }

  // GET returning (status, parsed body); the body must be JSON whatever the status.
  static std::pair<int, json> get(const std::string& path) {
    auto c = client();
    auto res = c.Get(path.c_str());
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  static std::pair<int, json> post(const std::string& path, const std::string& body,
                                   const std::string& token = kToken) {
    auto c = client();
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto res = c.Post(path.c_str(), headers, body, "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  static void expect_alive() {
    auto [status, body] = get("/healthz");
    EXPECT_EQ(status, 200);
    EXPECT_EQ(body.value("status", ""), "ok");
  }

  static inline std::string setup_error_;
  static inline fs::path dir_;
  static inline std::string db_;
  static inline pid_t pid_ = 0;
  static inline int port_ = 0;
};

TEST_F(ServeTest, HealthzCountsEveryEvent) {
  auto [status, body] = get("/healthz");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_FALSE(body["version"].get<std::string>().empty());
  // Six hand-written events plus the sample's, which the story endpoint lists.
  auto [story_status, story] = get(std::string("/v1/stories/") + kSampleId);
  ASSERT_EQ(story_status, 200);
  EXPECT_EQ(body["events"].get<std::size_t>(), 6 + story["events"].size());
}

TEST_F(ServeTest, EventsArePaginatedWithATotal) {
  auto [status, body] = get("/v1/events?from=2031&limit=2&offset=2");
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["total"], 6);
  EXPECT_EQ(body["limit"], 2);
  EXPECT_EQ(body["offset"], 2);
  ASSERT_EQ(body["events"].size(), 2u);
  // Order: date as text ("2031-03" first), then story and sentence: ids 5,1,2,3,4,6.
  EXPECT_EQ(body["events"][0]["id"], 2);
  EXPECT_EQ(body["events"][0]["cameo"], "042");
  EXPECT_EQ(body["events"][1]["id"], 3);
  EXPECT_EQ(body["events"][1]["cameo"], "173");
  // The event JSON of `tigris code`: nested actors, PLOVER, location, evidence.
  EXPECT_EQ(body["events"][1]["source"]["code"], "IRQ");
  EXPECT_EQ(body["events"][1]["plover"]["event_type"], "COERCE");
  EXPECT_EQ(body["events"][1]["location"]["name"], "Basra");
  EXPECT_TRUE(body["events"][1].contains("evidence"));

  EXPECT_EQ(get("/v1/events?from=2031&dyad=USA,IRQ").second["total"], 3);
  EXPECT_EQ(get("/v1/events?from=2031&root=19").second["total"], 2);
  EXPECT_EQ(get("/v1/events?from=2031&source=IRN").second["total"], 2);
  EXPECT_EQ(get("/v1/events?from=2031&target=usa").second["total"], 3);  // codes are upper-cased
  EXPECT_EQ(get("/v1/events?from=2031&plover=ASSAULT").second["total"], 2);
  EXPECT_EQ(get("/v1/events?from=2031&to=2031-03-05").second["total"], 3);
  EXPECT_EQ(get("/v1/events?place=Basra").second["total"], 1);
  auto [page_status, last_page] = get("/v1/events?from=2031&offset=5");
  EXPECT_EQ(last_page["events"].size(), 1u);
  EXPECT_EQ(last_page["events"][0]["id"], 6);
}

TEST_F(ServeTest, SeriesByWeekAndMonth) {
  auto [status, week] = get("/v1/series?from=2031");
  ASSERT_EQ(status, 200) << week.dump();
  EXPECT_EQ(week["by"], "week");
  EXPECT_EQ(week["imprecise"], 1);  // event 5 is dated to the month only
  ASSERT_EQ(week["rows"].size(), 2u);
  EXPECT_EQ(week["rows"][0]["period"], "2031-03-03");
  EXPECT_EQ(week["rows"][0]["group"], "");
  EXPECT_EQ(week["rows"][0]["events"], 2);
  EXPECT_EQ(week["rows"][0]["quad"], json::parse("[1,0,0,1]"));
  EXPECT_NEAR(week["rows"][0]["goldstein"].get<double>(), -8.1, 1e-9);
  EXPECT_EQ(week["rows"][1]["period"], "2031-03-10");
  EXPECT_EQ(week["rows"][1]["events"], 3);
  EXPECT_EQ(week["rows"][1]["quad"], json::parse("[1,0,1,1]"));
  EXPECT_NEAR(week["rows"][1]["goldstein"].get<double>(), -3.0, 1e-9);

  auto [month_status, month] = get("/v1/series?from=2031&by=month");
  ASSERT_EQ(month_status, 200);
  EXPECT_EQ(month["imprecise"], 0);
  ASSERT_EQ(month["rows"].size(), 1u);
  EXPECT_EQ(month["rows"][0]["period"], "2031-03");
  EXPECT_EQ(month["rows"][0]["events"], 6);
  EXPECT_EQ(month["rows"][0]["quad"], json::parse("[2,0,1,3]"));
  EXPECT_NEAR(month["rows"][0]["goldstein"].get<double>(), -21.1, 1e-9);

  auto [dyad_status, dyads] = get("/v1/series?from=2031&per_dyad=1");
  ASSERT_EQ(dyad_status, 200);
  std::map<std::string, int> groups;
  for (const auto& row : dyads["rows"])
    groups[row["period"].get<std::string>() + " " + row["group"].get<std::string>()] =
        row["events"];
  std::map<std::string, int> expected = {{"2031-03-03 USA->IRQ", 2},
                                         {"2031-03-10 IRQ->USA", 1},
                                         {"2031-03-10 IRN->USA", 1},
                                         {"2031-03-10 IGOUNO->IRQ", 1}};
  EXPECT_EQ(groups, expected);
}

TEST_F(ServeTest, AlertsUseTheWindowAndBaseline) {
  // Class 4, day-precision events: 1 (USA->IRQ, 03-03) and 3 (IRQ->USA, 03-10).
  // Window 14 days to 2031-03-12 starts 2031-02-27; with no baseline the
  // expected count is 0.5/84*14 = 0.0833 and P(X>=1) = 1-exp(-0.0833) = 0.0800.
  auto [status, body] =
      get("/v1/alerts?from=2031&window=14d&as_of=2031-03-12&class=4&min_events=1&max_p=0.5"
          "&method=poisson");
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_EQ(body["alerts"].size(), 2u);
  EXPECT_EQ(body["alerts"][0]["dyad"], "IRQ->USA");  // same p: by dyad name
  EXPECT_EQ(body["alerts"][0]["window_start"], "2031-02-27");
  EXPECT_EQ(body["alerts"][0]["window_end"], "2031-03-12");
  EXPECT_EQ(body["alerts"][0]["observed"], 1);
  EXPECT_NEAR(body["alerts"][0]["expected"].get<double>(), 0.5 / 84 * 14, 1e-3);
  EXPECT_NEAR(body["alerts"][0]["p_value"].get<double>(), 0.0800, 1e-3);
  EXPECT_EQ(body["alerts"][0]["event_ids"], json::parse("[3]"));
  EXPECT_EQ(body["alerts"][1]["dyad"], "USA->IRQ");
  EXPECT_EQ(body["alerts"][0]["method"], "poisson");
  EXPECT_EQ(body["alerts"][1]["event_ids"], json::parse("[1]"));
  // The default CUSUM on the same window: each dyad has one event, which adds
  // ln 3 - 2 * 0.5/84 = 1.0867 to its score (docs/alerts.md); that reaches a
  // threshold of 1 but not the default 4.
  auto [cusum_status, cusum] =
      get("/v1/alerts?from=2031&window=14d&as_of=2031-03-12&class=4&min_events=1&threshold=1");
  ASSERT_EQ(cusum_status, 200) << cusum.dump();
  ASSERT_EQ(cusum["alerts"].size(), 2u);
  EXPECT_EQ(cusum["alerts"][0]["dyad"], "IRQ->USA");  // same score: by dyad name
  EXPECT_EQ(cusum["alerts"][0]["method"], "cusum");
  EXPECT_NEAR(cusum["alerts"][0]["statistic"].get<double>(), std::log(3.0) - 2 * 0.5 / 84, 1e-3);
  EXPECT_NEAR(cusum["alerts"][0]["threshold"].get<double>(), 1.0, 1e-9);
  EXPECT_EQ(cusum["alerts"][0]["run_start"], "2031-03-10");
  EXPECT_EQ(cusum["alerts"][0]["run_events"], 1);
  EXPECT_EQ(cusum["alerts"][1]["dyad"], "USA->IRQ");
  auto [strict_status, strict] =
      get("/v1/alerts?from=2031&window=14d&as_of=2031-03-12&class=4&min_events=1");
  ASSERT_EQ(strict_status, 200);
  EXPECT_TRUE(strict["alerts"].empty());
  // Defaults (7 days, at least 3 events, p <= 0.01): nothing here.
  auto [default_status, none] = get("/v1/alerts?from=2031&as_of=2031-03-12");
  ASSERT_EQ(default_status, 200);
  EXPECT_TRUE(none["alerts"].is_array());
  EXPECT_TRUE(none["alerts"].empty());
}

TEST_F(ServeTest, PlacesWithCoordinatesAndQuadCounts) {
  auto [status, body] = get("/v1/places?from=2031");
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_EQ(body["places"].size(), 2u);
  const json& baghdad = body["places"][0];  // events 1, 2, 5
  EXPECT_EQ(baghdad["name"], "Baghdad");
  EXPECT_EQ(baghdad["country"], "IRQ");
  EXPECT_NEAR(baghdad["lat"].get<double>(), 33.34, 1e-6);
  EXPECT_NEAR(baghdad["lon"].get<double>(), 44.40, 1e-6);
  EXPECT_EQ(baghdad["events"], 3);
  EXPECT_EQ(baghdad["quad"], json::parse("[1,0,0,2]"));
  EXPECT_EQ(body["places"][1]["name"], "Basra");
  EXPECT_EQ(body["places"][1]["events"], 1);
}

TEST_F(ServeTest, DyadsAndCountriesByCount) {
  auto [status, body] = get("/v1/dyads?from=2031");
  ASSERT_EQ(status, 200) << body.dump();
  json expected_dyads = json::parse(R"([{"source":"IRN","target":"USA","events":2},
      {"source":"USA","target":"IRQ","events":2},{"source":"IGOUNO","target":"IRQ","events":1},
      {"source":"IRQ","target":"USA","events":1}])");
  EXPECT_EQ(body["dyads"], expected_dyads);
  // USA: 1-5; IRQ: 1, 2, 3, 6; IRN: 4, 5 (IGOUNO has no country).
  json expected_countries = json::parse(R"([{"country":"USA","events":5},
      {"country":"IRQ","events":4},{"country":"IRN","events":2}])");
  EXPECT_EQ(body["countries"], expected_countries);
  EXPECT_EQ(get("/v1/dyads?from=2031&limit=1").second["dyads"].size(), 1u);
}

TEST_F(ServeTest, StoryCarriesSpansIntoItsText) {
  auto [status, body] = get(std::string("/v1/stories/") + kSampleId);
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["id"], kSampleId);
  EXPECT_EQ(body["date"], "2024-03-14");
  const std::string text = body["text"];
  ASSERT_FALSE(text.empty());
  ASSERT_GE(body["events"].size(), 10u);  // data/samples/README.md hand-codes 16
  auto slice = [&](const json& span) {
    std::size_t begin = span["begin"], end = span["end"];
    EXPECT_LE(begin, end);
    EXPECT_LE(end, text.size());
    return text.substr(begin, end - begin);
  };
  bool visit = false;
  for (const auto& event : body["events"]) {
    EXPECT_EQ(slice(event["verb"]), event["verb"]["text"]) << event.dump();
    EXPECT_EQ(slice(event["source"]), event["source"]["text"]) << event.dump();
    if (!event["target"].is_null()) {
      EXPECT_EQ(slice(event["target"]), event["target"]["text"]);
    }
    std::size_t sentence_begin = event["sentence"]["begin"],
                sentence_end = event["sentence"]["end"];
    EXPECT_LE(sentence_begin, event["verb"]["begin"].get<std::size_t>());
    EXPECT_GE(sentence_end, event["verb"]["end"].get<std::size_t>());
    // Row 1 of the sample's hand coding: the secretary of state visited Ankara (042, USA->TUR).
    if (event["cameo"] == "042" && event["source"]["code"].get<std::string>().starts_with("USA") &&
        event["target"]["code"].get<std::string>().starts_with("TUR")) {
      visit = true;
      EXPECT_EQ(event["verb"]["text"], "visited");
      EXPECT_EQ(event["date"], "2024-03-12");
    }
  }
  EXPECT_TRUE(visit) << body["events"].dump();

  // A story stored from events alone has no text; its events are still listed.
  auto [h1_status, h1] = get("/v1/stories/h1");
  ASSERT_EQ(h1_status, 200);
  ASSERT_EQ(h1["events"].size(), 2u);
  EXPECT_EQ(h1["events"][0]["cameo"], "190");
  EXPECT_EQ(h1["events"][1]["cameo"], "042");

  auto [missing_status, missing] = get("/v1/stories/no-such-story");
  EXPECT_EQ(missing_status, 404);
  EXPECT_TRUE(missing.contains("error"));
}

TEST_F(ServeTest, CodeAcceptsAnObjectAnArrayAndJsonl) {
  // "attack" is CAMEO 190 (use conventional military force), Iran -> Iraq.
  auto [status, one] =
      post("/v1/code", R"({"id":"s1","date":"2024-01-02","text":"Iran attacked Iraq."})");
  ASSERT_EQ(status, 200) << one.dump();
  ASSERT_EQ(one["stories"].size(), 1u);
  EXPECT_EQ(one["stories"][0]["id"], "s1");
  EXPECT_EQ(one["stories"][0]["status"], "coded");
  EXPECT_EQ(one["stories"][0]["events"], 1);
  ASSERT_EQ(one["events"].size(), 1u);
  EXPECT_EQ(one["events"][0]["cameo"], "190");
  EXPECT_EQ(one["events"][0]["source"]["code"], "IRN");
  EXPECT_EQ(one["events"][0]["target"]["code"], "IRQ");
  EXPECT_EQ(one["events"][0]["story_id"], "s1");

  // An object spread over several lines is one story, not JSONL.
  auto [pretty_status, pretty] = post("/v1/code",
                                      "{\n \"id\": \"p\",\n \"date\": \"2024-01-02\",\n"
                                      " \"text\": \"Iran attacked Iraq.\"\n}\n");
  EXPECT_EQ(pretty_status, 200);
  EXPECT_EQ(pretty["stories"].size(), 1u);

  auto [array_status, array] =
      post("/v1/code", R"([{"id":"a1","date":"2024-01-02","text":"Iran attacked Iraq."},
                     {"id":"a2","date":"2024-01-02","text":"Nothing happened today."}, 7])");
  ASSERT_EQ(array_status, 200) << array.dump();
  ASSERT_EQ(array["stories"].size(), 3u);
  EXPECT_EQ(array["stories"][0]["status"], "coded");
  EXPECT_EQ(array["stories"][1]["status"], "coded");
  EXPECT_EQ(array["stories"][1]["events"], 0);
  EXPECT_EQ(array["stories"][2]["status"], "skipped");
  EXPECT_EQ(array["stories"][2]["line"], 3);

  std::string jsonl = R"({"id":"j1","date":"2024-01-02","text":"Iran attacked Iraq."})"
                      "\n{not json\n"
                      R"({"id":"j3","date":"2024-13-40","text":"Bad date."})"
                      "\n";
  auto [jsonl_status, lines] = post("/v1/code", jsonl);
  ASSERT_EQ(jsonl_status, 200) << lines.dump();
  ASSERT_EQ(lines["stories"].size(), 3u);
  EXPECT_EQ(lines["stories"][0]["status"], "coded");
  EXPECT_EQ(lines["stories"][1]["status"], "skipped");
  EXPECT_EQ(lines["stories"][1]["line"], 2);
  EXPECT_TRUE(lines["stories"][1]["id"].is_null());
  EXPECT_EQ(lines["stories"][2]["status"], "skipped");
  EXPECT_EQ(lines["stories"][2]["id"], "j3");
  EXPECT_EQ(lines["events"].size(), 1u);
}

TEST_F(ServeTest, BadRequestsGetTheRightStatus) {
  // Malformed JSON: 400.
  EXPECT_EQ(post("/v1/code", R"({"id":"x","text":)").first, 400);
  EXPECT_EQ(post("/v1/code", "[1, 2").first, 400);
  EXPECT_EQ(post("/v1/code", "{bad\n{worse\n").first, 400);
  EXPECT_EQ(post("/v1/code", "hello").first, 400);
  EXPECT_EQ(post("/v1/code", "").first, 400);
  // Oversized body (more than --max-body): 413.
  std::string big =
      R"({"id":"big","date":"2024-01-02","text":")" + std::string(kMaxBody, 'a') + "\"}";
  auto [big_status, big_body] = post("/v1/code", big);
  EXPECT_EQ(big_status, 413);
  EXPECT_TRUE(big_body.contains("error")) << big_body.dump();
  // Oversized batch (more than --max-batch stories), as an array and as JSONL: 413.
  std::string array = "[", lines;
  for (std::size_t i = 0; i <= kMaxBatch; ++i) {
    std::string story =
        R"({"id":"b)" + std::to_string(i) + R"(","date":"2024-01-02","text":"Hi."})";
    array += (i ? "," : "") + story;
    lines += story + "\n";
  }
  array += "]";
  EXPECT_EQ(post("/v1/code", array).first, 413);
  EXPECT_EQ(post("/v1/code", lines).first, 413);
  // No token, wrong token: 401.
  EXPECT_EQ(post("/v1/code", R"({"id":"t","text":"Hi."})", "").first, 401);
  EXPECT_EQ(post("/v1/code", R"({"id":"t","text":"Hi."})", "wrong").first, 401);
  EXPECT_EQ(post("/v1/code", R"({"id":"t","text":"Hi."})", std::string(kToken) + "x").first, 401);
  // Unknown or bad parameters: 400, on every endpoint.
  for (const char* path : {"/healthz?x=1",
                           "/v1/events?colour=red",
                           "/v1/series?x=1",
                           "/v1/alerts?x=1",
                           "/v1/places?x=1",
                           "/v1/dyads?x=1",
                           "/v1/stories/h1?x=1",
                           "/metrics?x=1",
                           "/v1/events?limit=0",
                           "/v1/events?limit=1001",
                           "/v1/events?limit=abc",
                           "/v1/events?limit=1&limit=2",
                           "/v1/events?from=2031-02-30",
                           "/v1/events?dyad=USA",
                           "/v1/events?root=99",
                           "/v1/events?source=US%20A",
                           "/v1/events?source=%FF%FE",
                           "/v1/series?by=year",
                           "/v1/series?per_dyad=2",
                           "/v1/alerts?window=7",
                           "/v1/alerts?window=0d",
                           "/v1/alerts?class=5",
                           "/v1/alerts?as_of=2031-3-1",
                           "/v1/alerts?max_p=2",
                           "/v1/alerts?method=bayes",
                           "/v1/alerts?ratio=1",
                           "/v1/alerts?threshold=-1"}) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, 400) << path;
    EXPECT_TRUE(body.contains("error")) << path << " " << body.dump();
  }
  EXPECT_EQ(post("/v1/code?dry=1", R"({"id":"t","text":"Hi."})").first, 400);
  // Wrong method: 405; unknown path: 404.
  EXPECT_EQ(post("/v1/events", "{}").first, 405);
  EXPECT_EQ(get("/v1/code").first, 405);
  EXPECT_EQ(get("/v1/nothing").first, 404);
  expect_alive();
}

TEST_F(ServeTest, MetricsCountRequestsAndCodedEvents) {
  // Requests of earlier tests are counted; make sure of one of each kind.
  post("/v1/code", R"({"id":"m","date":"2024-01-02","text":"Iran attacked Iraq."})");
  post("/v1/code", R"({"id":"m","text":"x"})", "");
  auto c = client();
  auto res = c.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& text = res->body;
  EXPECT_NE(text.find(R"(tigris_http_requests_total{method="POST",path="/v1/code",code="200"})"),
            std::string::npos);
  EXPECT_NE(text.find(R"(tigris_http_requests_total{method="POST",path="/v1/code",code="401"})"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE tigris_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find(R"(tigris_http_request_duration_seconds_bucket{path="/v1/code",le="+Inf"})"),
            std::string::npos);
  EXPECT_NE(text.find(R"(tigris_http_request_duration_seconds_count{path="/v1/code"})"),
            std::string::npos);
  // At least the event of this test's story was coded.
  std::size_t at = text.find("\ntigris_events_coded_total ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GE(std::stoul(text.substr(at + std::string("\ntigris_events_coded_total ").size())), 1u);
  EXPECT_NE(text.find("\ntigris_stories_coded_total "), std::string::npos);
}

TEST_F(ServeTest, ServesTheDashboardAtRoot) {
  auto c = client();
  auto res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("test dashboard"), std::string::npos);
}

// Last: SIGTERM stops the server cleanly (exit status 0).
TEST_F(ServeTest, StopsOnSigterm) {
  expect_alive();
  ASSERT_GT(pid_, 0);
  ASSERT_EQ(kill(pid_, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid_, &status, 0), pid_);
  pid_ = 0;
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(read_file(dir_ / "serve.log").find("stopped"), std::string::npos);
}

}  // namespace
