// Event store benchmarks on synthetic events (no corpus needed):
//   - SqliteIngest: put_story() of 100,000 events (10 per story, one batch,
//     commit included) into a fresh SQLite file; items/s is events/s.
//   - SqliteWeeklySeries*: series() over a SQLite store of 1,000,000 events
//     (built once, kept in the build tree): one dyad (USA-IRQ, either
//     direction, about 10% of the events), and all events per dyad.
//   - The same for ClickHouse when TIGRIS_BENCH_CLICKHOUSE is a server URL
//     (clickhouse://HOST:PORT, e.g. one started by tests/clickhouse/server.sh).
// The bars: ingest >= 100k events/s into SQLite; a weekly series of
// one dyad over 1M events < 1 s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/event_store.h"
#include "time/dates.h"

namespace {

constexpr int kEventsPerStory = 10;
constexpr const char* kCountries[] = {"USA", "IRQ", "IRN", "SYR", "ISR", "RUS", "UKR", "CHN",
                                      "TUR", "SAU", "YEM", "EGY", "LBN", "JOR", "AFG", "PAK"};

// Deterministic synthetic stories: dates over 2015-2024, 10% USA<->IRQ. Every
// field the coder fills is set (spans, actor names and entries, admin1, rules),
// so what the store writes per event is what a coded event costs.
std::vector<std::pair<tigris::Story, std::vector<tigris::Event>>> make_stories(int stories,
                                                                               int seed) {
  std::mt19937 random(static_cast<unsigned>(seed));
  std::vector<std::pair<tigris::Story, std::vector<tigris::Event>>> out;
  out.reserve(static_cast<std::size_t>(stories));
  const tigris::Date start{2015, 1, 1};
  for (int s = 0; s < stories; ++s) {
    tigris::Story story;
    story.id = "syn-" + std::to_string(seed) + "-" + std::to_string(s);
    story.date = tigris::add_days(start, static_cast<int>(random() % 3650)).to_string();
    story.text = "A synthetic story.";
    std::vector<tigris::Event> events;
    for (int i = 0; i < kEventsPerStory; ++i) {
      tigris::Event e;
      e.story_id = story.id;
      e.sentence_index = static_cast<std::uint32_t>(i);
      e.sentence =
          "The forces of one country fired missiles at the bases of another country today.";
      e.date = tigris::add_days(start, static_cast<int>(random() % 3650)).to_string();
      e.date_source = "text";
      bool dyad = random() % 10 == 0;
      std::string a = dyad ? "USA" : kCountries[random() % 16];
      std::string b = dyad ? "IRQ" : kCountries[random() % 16];
      if (dyad && random() % 2) std::swap(a, b);
      e.sentence_span = {static_cast<std::uint32_t>(80 * i),
                         static_cast<std::uint32_t>(80 * i + 79)};
      e.date_text = "today";
      e.source.code = a + "GOV";
      e.source.country = a;
      e.source.name = "COUNTRY " + a;
      e.source.text = "forces";
      e.source.span = {e.sentence_span.begin + 4, e.sentence_span.begin + 10};
      e.source.entry = "countries.actors.txt:1172";
      e.target = tigris::Actor{};
      e.target->code = b + "MIL";
      e.target->country = b;
      e.target->name = "COUNTRY " + b;
      e.target->text = "bases";
      e.target->span = {e.sentence_span.begin + 50, e.sentence_span.begin + 55};
      e.target->entry = "countries.actors.txt:2171";
      e.quad_class = static_cast<int>(random() % 4) + 1;
      e.cameo = e.quad_class == 4 ? "190" : "042";
      e.root = e.cameo.substr(0, 2);
      e.goldstein = e.quad_class == 4 ? -10.0 : 1.9;
      e.plover_type = e.quad_class == 4 ? "ASSAULT" : "CONSULT";
      e.location = tigris::Location{"Baghdad", "IRQ", 33.3406, 44.4009, "07", 98182};
      e.evidence.verb = "fired";
      e.evidence.verb_span = {e.sentence_span.begin + 34, e.sentence_span.begin + 39};
      e.evidence.pattern = "* FIRE AT +";
      e.evidence.pattern_entry = "verbs.txt:1";
      e.evidence.rules = {"object"};
      events.push_back(std::move(e));
    }
    out.emplace_back(std::move(story), std::move(events));
  }
  return out;
}

bool store_all(tigris::EventStore& store,
               const std::vector<std::pair<tigris::Story, std::vector<tigris::Event>>>& stories,
               benchmark::State* state) {
  if (!store.begin().is_ok()) return false;
  for (const auto& [story, events] : stories) {
    if (tigris::Status s = store.put_story(story, events, "hash", "bench"); !s.is_ok()) {
      if (state) state->SkipWithError(s.to_string().c_str());
      return false;
    }
  }
  tigris::Status s = store.commit();
  if (!s.is_ok() && state) state->SkipWithError(s.to_string().c_str());
  return s.is_ok();
}

std::string sqlite_path(const char* name) {
  return std::string(TIGRIS_BENCH_BUILD_DIR) + "/" + name;
}

void remove_sqlite(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

void ingest(benchmark::State& state, const std::string& location, bool fresh_file) {
  auto stories = make_stories(10'000, 1);
  for (auto _ : state) {
    state.PauseTiming();
    if (fresh_file) remove_sqlite(location);
    auto store = tigris::EventStore::open(location);
    if (!store.is_ok()) {
      state.SkipWithError(store.status().to_string().c_str());
      return;
    }
    state.ResumeTiming();
    if (!store_all(*store.value(), stories, &state)) return;
  }
  state.SetItemsProcessed(state.iterations() * 10'000 * kEventsPerStory);
}

void BM_SqliteIngest(benchmark::State& state) {
  ingest(state, sqlite_path("store-bench-ingest.sqlite"), true);
  remove_sqlite(sqlite_path("store-bench-ingest.sqlite"));
}
BENCHMARK(BM_SqliteIngest)->Unit(benchmark::kMillisecond)->Iterations(3);

// A store holding 1M synthetic events, built on first use (same content on
// both backends: seeds 2..11).
bool fill_million(tigris::EventStore& store) {
  auto count = store.count_events();
  if (count.is_ok() && count.value() == 1'000'000) return true;
  for (int part = 0; part < 10; ++part) {
    if (!store_all(store, make_stories(10'000, 2 + part), nullptr)) return false;
  }
  count = store.count_events();
  return count.is_ok() && count.value() == 1'000'000;
}

void series(benchmark::State& state, const std::string& location, bool one_dyad) {
  auto store = tigris::EventStore::open(location);
  if (!store.is_ok() || !fill_million(*store.value())) {
    state.SkipWithError(("cannot build the 1M-event store at " + location).c_str());
    return;
  }
  tigris::EventQuery q;
  if (one_dyad) q.dyads = {{"USA", "IRQ"}};
  std::size_t events = 0;
  for (auto _ : state) {
    auto result = store.value()->series(q, tigris::Period::kWeek, !one_dyad);
    if (!result.is_ok()) {
      state.SkipWithError(result.status().to_string().c_str());
      return;
    }
    events = 0;
    for (const auto& row : result->rows) events += static_cast<std::size_t>(row.events);
    benchmark::DoNotOptimize(result->rows.data());
  }
  state.counters["events_in_series"] = static_cast<double>(events);
}

void BM_SqliteWeeklySeriesOneDyad(benchmark::State& state) {
  series(state, sqlite_path("store-bench-1m.sqlite"), true);
}
BENCHMARK(BM_SqliteWeeklySeriesOneDyad)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_SqliteWeeklySeriesAllDyads(benchmark::State& state) {
  series(state, sqlite_path("store-bench-1m.sqlite"), false);
}
BENCHMARK(BM_SqliteWeeklySeriesAllDyads)->Unit(benchmark::kMillisecond)->Iterations(3);

std::string clickhouse_url() {
  const char* url = std::getenv("TIGRIS_BENCH_CLICKHOUSE");
  return url && *url ? url : "";
}

void BM_ClickHouseIngest(benchmark::State& state) {
  if (clickhouse_url().empty()) {
    state.SkipWithError("set TIGRIS_BENCH_CLICKHOUSE=clickhouse://HOST:PORT to measure ClickHouse");
    return;
  }
  // Re-ingesting the same stories each iteration: every run writes all rows.
  ingest(state, clickhouse_url() + "/tigris_bench_ingest", false);
}
BENCHMARK(BM_ClickHouseIngest)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ClickHouseWeeklySeriesOneDyad(benchmark::State& state) {
  if (clickhouse_url().empty()) {
    state.SkipWithError("set TIGRIS_BENCH_CLICKHOUSE=clickhouse://HOST:PORT to measure ClickHouse");
    return;
  }
  series(state, clickhouse_url() + "/tigris_bench_1m", true);
}
BENCHMARK(BM_ClickHouseWeeklySeriesOneDyad)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ClickHouseWeeklySeriesAllDyads(benchmark::State& state) {
  if (clickhouse_url().empty()) {
    state.SkipWithError("set TIGRIS_BENCH_CLICKHOUSE=clickhouse://HOST:PORT to measure ClickHouse");
    return;
  }
  series(state, clickhouse_url() + "/tigris_bench_1m", false);
}
BENCHMARK(BM_ClickHouseWeeklySeriesAllDyads)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
