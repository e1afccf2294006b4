// `tigris ingest`, `query`, `series` and `alerts`: the event store front end
// (SQLite file or clickhouse:// URL, see store/event_store.h).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <type_traits>

#include "commands.h"
#include "store/analysis.h"
#include "store/event_store.h"
#include "tigris/io.h"

namespace tigris::cli {
namespace {

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (comma > start) out.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

// GDELT-style SQLDATE: YYYYMMDD, with 00 for unknown month or day.
std::string sql_date(const std::string& date) {
  std::string digits;
  for (char c : date) {
    if (c != '-') digits.push_back(c);
  }
  while (!digits.empty() && digits.size() < 8) digits += "00";
  return digits;
}

void csv_field(const std::string& value, char separator, std::string& out) {
  if (separator == '\t') {
    for (char c : value) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    return;
  }
  bool quote = value.find_first_of(",\"\n\r") != std::string::npos;
  if (!quote) {
    out += value;
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

ExitCode run_ingest(const Pipeline& pipeline, const IngestOptions& options) {
  auto store = EventStore::open(options.db);
  if (!store.is_ok()) {
    std::cerr << "tigris: " << store.status().to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  // One write batch for the whole run: with SQLite a failed run leaves the database as it
  // was; with ClickHouse what a failed run leaves is in docs/store.md.
  if (Status s = store.value()->begin(); !s.is_ok()) {
    std::cerr << "tigris: " << s.to_string() << "\n";
    return ExitCode::kCannotWrite;
  }
  std::size_t read = 0, stored = 0, skipped = 0, events = 0;
  Workspace ws;
  for (const auto& input : options.inputs) {
    if (options.events_input) {
      std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
      if (!file) {
        std::cerr << "tigris: cannot open " << input << "\n";
        ++skipped;
        continue;
      }
      std::vector<Event> batch;
      char* line = nullptr;
      std::size_t capacity = 0;
      std::size_t number = 0;
      ssize_t length = 0;
      while ((length = getline(&line, &capacity, file)) >= 0) {
        ++number;
        std::string_view text(line, static_cast<std::size_t>(length));
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
        ++read;
        auto event = parse_event_json(text);
        if (!event.is_ok()) {
          std::cerr << input << ":" << number << ": skipped event: " << event.status().message()
                    << "\n";
          ++skipped;
          continue;
        }
        batch.push_back(std::move(event.value()));
      }
      std::free(line);
      if (file != stdin) std::fclose(file);
      if (Status s = store.value()->put_events(batch, input); !s.is_ok()) {
        std::cerr << "tigris: " << s.to_string() << "\n";
        store.value()->rollback();
        return ExitCode::kCannotWrite;
      }
      events += batch.size();
      stored += batch.size();
      continue;
    }
    auto reader = StoryReader::open(input, InputFormat::kAuto, {});
    if (!reader.is_ok()) {
      std::cerr << "tigris: " << reader.status().to_string() << "\n";
      ++skipped;
      continue;
    }
    Story story;
    SkippedRecord skip;
    while (true) {
      auto next = reader.value()->next(story, skip);
      if (next == StoryReader::Next::kEnd) break;
      ++read;
      if (next == StoryReader::Next::kSkipped) {
        std::cerr << skip.file << ":" << skip.line << ": skipped"
                  << (skip.id.empty() ? "" : " story " + skip.id) << ": " << skip.reason << "\n";
        ++skipped;
        continue;
      }
      CodedStory coded = pipeline.code(story, ws);
      if (Status s =
              store.value()->put_story(story, coded.events, pipeline.dictionary_hash(), version());
          !s.is_ok()) {
        std::cerr << "tigris: " << s.to_string() << " (nothing was stored)\n";
        store.value()->rollback();
        return ExitCode::kCannotWrite;
      }
      ++stored;
      events += coded.events.size();
    }
  }
  if (Status s = store.value()->commit(); !s.is_ok()) {
    std::cerr << "tigris: " << s.to_string() << " (nothing was stored)\n";
    return ExitCode::kCannotWrite;
  }
  std::cerr << "tigris: " << read << (options.events_input ? " events" : " stories") << " read, "
            << stored << " stored with " << events << " events, " << skipped << " skipped; "
            << options.db << " holds " << store.value()->count_events().value() << " events\n";
  return skipped ? ExitCode::kSomeSkipped : ExitCode::kOk;
}

namespace {

// Opens the store named by --db (a file or a clickhouse:// URL); prints the
// error and returns null when it cannot.
std::unique_ptr<EventStore> open_existing_store(const std::string& db) {
  // A file that is not there would be created empty: say so instead.
  std::string path = db.rfind("sqlite://", 0) == 0 ? db.substr(9) : db;
  if (path.find("://") == std::string::npos && !std::filesystem::exists(path)) {
    std::cerr << "tigris: no database at " << path << " (create it with tigris ingest)\n";
    return nullptr;
  }
  auto store = EventStore::open(db);
  if (!store.is_ok()) {
    std::cerr << "tigris: " << store.status().to_string() << "\n";
    return nullptr;
  }
  return std::move(store.value());
}

// The filters of `options` as a query; prints the error and returns false
// when they are malformed.
bool make_query(const QueryOptions& options, EventQuery& q) {
  q.sources = split_list(options.sources);
  q.targets = split_list(options.targets);
  for (const auto& dyad : options.dyads) {
    auto parts = split_list({dyad});
    if (parts.size() != 2) {
      std::cerr << "tigris: --dyad wants two codes, e.g. USA,IRQ\n";
      return false;
    }
    q.dyads.emplace_back(parts[0], parts[1]);
  }
  q.roots = split_list(options.roots);
  q.plover = split_list(options.plover);
  q.from = options.from;
  q.to = options.to;
  q.place = options.place;
  q.limit = options.limit;
  if (Status s = validate_query(q); !s.is_ok()) {
    std::cerr << "tigris: " << s.to_string() << "\n";
    return false;
  }
  return true;
}

// Opens the database and runs the filters of `options`; prints the error and
// returns false when it cannot. `everything` (when given) receives every event
// of the database, for clusters that must not depend on the filters.
bool load_events(const QueryOptions& options, std::vector<StoredEvent>& rows,
                 std::vector<StoredEvent>* everything = nullptr) {
  EventQuery q;
  if (!make_query(options, q)) return false;
  auto store = open_existing_store(options.db);
  if (!store) return false;
  auto result = store->query(q);
  if (!result.is_ok()) {
    std::cerr << "tigris: " << result.status().to_string() << "\n";
    return false;
  }
  rows = std::move(result.value());
  if (everything) {
    auto all = store->query(EventQuery{});
    if (!all.is_ok()) {
      std::cerr << "tigris: " << all.status().to_string() << "\n";
      return false;
    }
    *everything = std::move(all.value());
  }
  return true;
}

std::string join(const auto& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out.push_back(' ');
    if constexpr (std::is_arithmetic_v<std::decay_t<decltype(value)>>) {
      out += std::to_string(value);
    } else {
      out += value;
    }
  }
  return out;
}

void print_one_a_day(const std::vector<StoredEvent>& events, const std::string& format) {
  std::string out;
  auto rows = one_a_day(events);
  if (format == "jsonl") {
    for (const auto& row : rows) {
      const std::pair<const char*, const std::string*> keys[] = {{"{\"date\":", &row.date},
                                                                 {",\"source\":", &row.source},
                                                                 {",\"target\":", &row.target},
                                                                 {",\"cameo\":", &row.cameo}};
      for (const auto& [name, value] : keys) {
        out += name;
        append_json_string(*value, out);
      }
      out += ",\"count\":" + std::to_string(row.count) + ",\"story_ids\":[";
      for (std::size_t i = 0; i < row.story_ids.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(row.story_ids[i], out);
      }
      out += "],\"event_ids\":[";
      for (std::size_t i = 0; i < row.event_ids.size(); ++i) {
        if (i) out.push_back(',');
        out += std::to_string(row.event_ids[i]);
      }
      out += "]}\n";
    }
  } else {
    char sep = format == "tsv" ? '\t' : ',';
    const char* header[] = {"SQLDATE",   "EventDate",   "Actor1Code", "Actor2Code",    "EventCode",
                            "NumEvents", "NumArticles", "StoryIDs",   "GLOBALEVENTIDs"};
    for (std::size_t i = 0; i < std::size(header); ++i) {
      if (i) out.push_back(sep);
      out += header[i];
    }
    out.push_back('\n');
    for (const auto& row : rows) {
      std::vector<std::string> fields = {sql_date(row.date),
                                         row.date,
                                         row.source,
                                         row.target,
                                         row.cameo,
                                         std::to_string(row.count),
                                         std::to_string(row.story_ids.size()),
                                         join(row.story_ids),
                                         join(row.event_ids)};
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(sep);
        csv_field(fields[i], sep, out);
      }
      out.push_back('\n');
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

ExitCode run_query(const QueryOptions& options) {
  std::vector<StoredEvent> rows, everything;
  if (!load_events(options, rows, options.clusters ? &everything : nullptr))
    return ExitCode::kCannotStart;
  if (options.one_a_day) {
    print_one_a_day(rows, options.format);
    return ExitCode::kOk;
  }
  std::map<std::int64_t, EventCluster> clusters;
  if (options.clusters) clusters = cluster_events(everything);
  auto cluster_of = [&clusters](std::int64_t id) {
    auto it = clusters.find(id);
    return it == clusters.end() ? EventCluster{id, 1, 1} : it->second;
  };
  std::string out;
  if (options.format == "jsonl") {
    for (const auto& row : rows) {
      out += stored_event_json(row);
      if (options.clusters && !out.empty() && out.back() == '}') {
        EventCluster c = cluster_of(row.id);
        out.pop_back();
        out += ",\"event_cluster\":" + std::to_string(c.cluster) +
               ",\"num_mentions\":" + std::to_string(c.mentions) +
               ",\"num_articles\":" + std::to_string(c.articles) + "}";
      }
      out.push_back('\n');
    }
  } else {
    char sep = options.format == "tsv" ? '\t' : ',';
    // GDELT event-table names where one exists, so existing R and pandas code reads the file.
    const char* header[] = {"GLOBALEVENTID",
                            "SQLDATE",
                            "EventDate",
                            "DateSource",
                            "Actor1Code",
                            "Actor1CountryCode",
                            "Actor2Code",
                            "Actor2CountryCode",
                            "EventCode",
                            "EventRootCode",
                            "QuadClass",
                            "GoldsteinScale",
                            "PloverType",
                            "ActionGeo_FullName",
                            "ActionGeo_CountryCode",
                            "ActionGeo_Lat",
                            "ActionGeo_Long",
                            "StoryID",
                            "SentenceIndex",
                            "Sentence"};
    for (std::size_t i = 0; i < std::size(header); ++i) {
      if (i) out.push_back(sep);
      out += header[i];
    }
    if (options.clusters) {
      for (const char* name : {"EventCluster", "NumMentions", "NumArticles"}) {
        out.push_back(sep);
        out += name;
      }
    }
    out.push_back('\n');
    char number[32];
    for (const auto& row : rows) {
      const Event& e = row.event;
      std::vector<std::string> fields = {std::to_string(row.id),
                                         sql_date(e.date),
                                         e.date,
                                         e.date_source,
                                         e.source.code,
                                         e.source.country,
                                         e.target ? e.target->code : "",
                                         e.target ? e.target->country : "",
                                         e.cameo,
                                         e.root,
                                         std::to_string(e.quad_class)};
      std::snprintf(number, sizeof(number), "%.1f", e.goldstein);
      fields.emplace_back(number);
      fields.push_back(e.plover_type);
      fields.push_back(e.location ? e.location->name : "");
      fields.push_back(e.location ? e.location->country : "");
      std::string lat, lon;
      if (e.location && e.location->lat) {
        std::snprintf(number, sizeof(number), "%.5f", *e.location->lat);
        lat = number;
      }
      if (e.location && e.location->lon) {
        std::snprintf(number, sizeof(number), "%.5f", *e.location->lon);
        lon = number;
      }
      fields.push_back(lat);
      fields.push_back(lon);
      fields.push_back(e.story_id);
      fields.push_back(std::to_string(e.sentence_index));
      fields.push_back(e.sentence);
      if (options.clusters) {
        EventCluster c = cluster_of(row.id);
        fields.push_back(std::to_string(c.cluster));
        fields.push_back(std::to_string(c.mentions));
        fields.push_back(std::to_string(c.articles));
      }
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(sep);
        csv_field(fields[i], sep, out);
      }
      out.push_back('\n');
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCode::kOk;
}

ExitCode run_series(const SeriesOptions& options) {
  Period period = options.by == "day"     ? Period::kDay
                  : options.by == "month" ? Period::kMonth
                                          : Period::kWeek;
  EventQuery q;
  if (!make_query(options.filter, q)) return ExitCode::kCannotStart;
  auto store = open_existing_store(options.filter.db);
  if (!store) return ExitCode::kCannotStart;
  // Aggregated in the database: the same rows as build_series() over the events.
  auto series = store->series(q, period, options.per_dyad);
  if (!series.is_ok()) {
    std::cerr << "tigris: " << series.status().to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  std::printf(
      "period%s,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum\n",
      options.per_dyad ? ",dyad" : "");
  for (const auto& row : series->rows) {
    std::printf("%s%s%s,%d,%d,%d,%d,%d,%.1f\n", row.period.c_str(), options.per_dyad ? "," : "",
                row.group.c_str(), row.events, row.quad[1], row.quad[2], row.quad[3], row.quad[4],
                row.goldstein);
  }
  if (series->imprecise) {
    std::cerr << "tigris: " << series->imprecise << " events dated less precisely than a "
              << options.by << " are not in the series\n";
  }
  return ExitCode::kOk;
}

ExitCode run_alerts(const AlertsOptions& options) {
  AlertOptions a;
  a.window_days = options.window_days;
  a.baseline_days = options.baseline_days;
  a.quad_class = options.quad_class;
  a.as_of = options.as_of;
  a.method = options.method == "poisson" ? AlertMethod::kPoisson : AlertMethod::kCusum;
  a.max_p = options.max_p;
  a.cusum_ratio = options.cusum_ratio;
  a.cusum_threshold = options.cusum_threshold;
  a.adjust_dispersion = options.adjust_dispersion;
  a.min_events = options.min_events;
  if (Status s = check_alert_options(a); !s.is_ok()) {
    std::cerr << "tigris: " << s.to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  std::vector<StoredEvent> rows;
  if (!load_events(options.filter, rows)) return ExitCode::kCannotStart;
  auto alerts = find_alerts(rows, a);
  std::printf(
      "dyad,window_start,window_end,method,observed,expected,p_value,statistic,threshold,"
      "dispersion,run_start,run_end,run_events,event_ids\n");
  for (const auto& alert : alerts) {
    std::printf("%s,%s,%s,%s,%d,%.3f,%.3g,%.3f,%.3g,%.2f,%s,%s,%d,%s\n", alert.dyad.c_str(),
                alert.window_start.c_str(), alert.window_end.c_str(),
                alert_method_name(alert.method), alert.observed, alert.expected, alert.p_value,
                alert.statistic, alert.threshold, alert.dispersion, alert.run_start.c_str(),
                alert.run_end.c_str(), alert.run_events, join(alert.event_ids).c_str());
  }
  std::cerr << "tigris: " << alerts.size() << " alert(s)\n";
  return ExitCode::kOk;
}

}  // namespace tigris::cli
