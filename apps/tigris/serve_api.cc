#include "serve_api.h"

#include <simdjson.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "store/analysis.h"
#include "store/event_store.h"
#include "tigris/io.h"
#include "time/dates.h"

namespace tigris::cli {
namespace {

constexpr const char* kJson = "application/json";

ApiResponse error(int status, std::string message) {
  // Messages quote what the client sent; keep the JSON valid UTF-8 whatever that was.
  if (!is_valid_utf8(message)) {
    for (char& c : message) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    }
  }
  ApiResponse out;
  out.status = status;
  out.body = "{\"error\":";
  append_json_string(message, out.body);
  out.body += "}";
  return out;
}

ApiResponse ok(std::string body) {
  ApiResponse out;
  out.body = std::move(body);
  out.content_type = kJson;
  return out;
}

// One connection per thread and database (SQLite connections are not shared
// between threads here, so reads never wait for each other).
Result<EventStore*> thread_store(const std::string& path) {
  thread_local std::map<std::string, std::unique_ptr<EventStore>> stores;
  auto found = stores.find(path);
  if (found != stores.end()) return found->second.get();
  auto opened = EventStore::open(path);
  if (!opened.is_ok()) return opened.status();
  EventStore* store = opened.value().get();
  stores.emplace(path, std::move(opened.value()));
  return store;
}

Workspace& thread_workspace() {
  thread_local Workspace workspace;
  return workspace;
}

ApiResponse store_error(const Status& status) {
  return error(500, "database error: " + status.to_string());
}

void append_number(double value, const char* format, std::string& out) {
  char buffer[64];
  int n = std::snprintf(buffer, sizeof(buffer), format, value);
  out.append(buffer, static_cast<std::size_t>(n));
}

void append_key(std::string_view key, std::string& out) {
  append_json_string(key, out);
  out.push_back(':');
}

// ---- query parameters

// Reads and checks query parameters; the first problem is kept in `error`
// and every later call is a no-op, so handlers check once at the end.
class Args {
 public:
  Args(const ApiParams& params, std::string_view endpoint) : params_(params), endpoint_(endpoint) {}

  // Every parameter must be one of `allowed`.
  void allow(const std::vector<std::string_view>& allowed) {
    for (const auto& [key, value] : params_) {
      bool known = false;
      for (auto name : allowed) known = known || key == name;
      if (!known && error.empty()) {
        std::string list;
        for (auto name : allowed) {
          if (!list.empty()) list += ", ";
          list += name;
        }
        error = "unknown parameter '" + key + "' for " + std::string(endpoint_) +
                (list.empty() ? " (it takes none)" : " (it takes: " + list + ")");
      }
    }
  }

  // The value of a parameter given at most once; nullopt when absent.
  std::optional<std::string> single(const std::string& key) {
    auto range = params_.equal_range(key);
    if (range.first == range.second) return std::nullopt;
    if (std::next(range.first) != range.second) {
      fail("parameter '" + key + "' is given more than once");
      return std::nullopt;
    }
    return range.first->second;
  }

  // Every value of a repeatable, comma-separated parameter.
  std::vector<std::string> list(const std::string& key) {
    std::vector<std::string> out;
    auto range = params_.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
      const std::string& value = it->second;
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        if (comma > start) out.push_back(value.substr(start, comma - start));
        start = comma + 1;
      }
      if (out.empty()) fail("parameter '" + key + "' is empty");
    }
    return out;
  }

  std::size_t number(const std::string& key, std::size_t fallback, std::size_t min,
                     std::size_t max) {
    auto text = single(key);
    if (!text) return fallback;
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
      fail("parameter '" + key + "' must be a whole number from " + std::to_string(min) + " to " +
           std::to_string(max) + ", not '" + *text + "'");
      return fallback;
    }
    return value;
  }

  void fail(const std::string& message) {
    if (error.empty()) error = message;
  }

  std::string error;

 private:
  const ApiParams& params_;
  std::string_view endpoint_;
};

// The filters of `tigris query`, common to the GET endpoints.
std::vector<std::string_view> with_filters(std::initializer_list<std::string_view> more) {
  std::vector<std::string_view> out = {"source", "target", "dyad", "root",
                                       "plover", "from",   "to",   "place"};
  out.insert(out.end(), more);
  return out;
}

bool is_code(const std::string& text) {
  if (text.empty() || text.size() > 40) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day).
bool is_partial_date(const std::string& text) {
  auto digits = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  if (text.size() == 4) return digits(0, 4);
  if (text.size() == 7) {
    if (!digits(0, 4) || text[4] != '-' || !digits(5, 2)) return false;
    int month = std::stoi(text.substr(5, 2));
    return month >= 1 && month <= 12;
  }
  Date date;
  return text.size() == 10 && parse_iso_date(text, date);
}

void read_filters(Args& args, EventQuery& q) {
  auto codes = [&](const char* key) {
    std::vector<std::string> out;
    for (auto& value : args.list(key)) {
      if (!is_code(value)) {
        args.fail(std::string("parameter '") + key +
                  "' takes CAMEO actor or country codes (letters "
                  "and digits), not '" +
                  value + "'");
      }
      out.push_back(upper(value));
    }
    return out;
  };
  q.sources = codes("source");
  q.targets = codes("target");
  // dyad=USA,IRQ (repeatable): events between the two, either direction.
  std::vector<std::string> dyad = codes("dyad");
  if (dyad.size() % 2 != 0) {
    args.fail("parameter 'dyad' takes pairs of codes, e.g. dyad=USA,IRQ");
  } else {
    for (std::size_t i = 0; i < dyad.size(); i += 2) q.dyads.emplace_back(dyad[i], dyad[i + 1]);
  }
  for (auto& root : args.list("root")) {
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(root.data(), root.data() + root.size(), value);
    if (ec != std::errc() || end != root.data() + root.size() || root.size() > 2 || value < 1 ||
        value > 20) {
      args.fail("parameter 'root' takes CAMEO root codes 01 to 20, not '" + root + "'");
    }
    q.roots.push_back(root);
  }
  for (auto& type : args.list("plover")) {
    bool good = !type.empty() && type.size() <= 40;
    for (char c : type) good = good && (std::isalpha(static_cast<unsigned char>(c)) || c == '_');
    if (!good)
      args.fail("parameter 'plover' takes PLOVER event types such as ASSAULT, not '" + type + "'");
    q.plover.push_back(upper(type));
  }
  for (const char* key : {"from", "to"}) {
    auto value = args.single(key);
    if (!value) continue;
    if (!is_partial_date(*value)) {
      args.fail(std::string("parameter '") + key + "' takes YYYY, YYYY-MM or YYYY-MM-DD, not '" +
                *value + "'");
    }
    (std::string_view(key) == "from" ? q.from : q.to) = *value;
  }
  if (auto place = args.single("place")) {
    if (place->empty() || place->size() > 200)
      args.fail("parameter 'place' must be 1 to 200 bytes");
    q.place = *place;
  }
}

// The stored event as `tigris code` wrote it, with its store id first.
void append_stored_event(const StoredEvent& row, std::string& out) {
  std::string json = stored_event_json(row);
  out += "{\"id\":";
  out += std::to_string(row.id);
  if (json.size() > 2) out.push_back(',');
  out.append(json, 1, std::string::npos);
}

void append_span(std::string_view text, Span span, std::string& out) {
  append_key("text", out);
  append_json_string(text, out);
  out += ",\"begin\":" + std::to_string(span.begin) + ",\"end\":" + std::to_string(span.end);
}

}  // namespace

Api::Api(std::shared_ptr<const Pipeline> pipeline, std::string db, ApiLimits limits)
    : pipeline_(std::move(pipeline)), db_(std::move(db)), limits_(limits) {}

ApiResponse Api::healthz(const ApiParams& params) const {
  Args args(params, "/healthz");
  args.allow({});
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return error(503, "database unavailable: " + store.status().to_string());
  auto count = store.value()->count_events();
  if (!count.is_ok()) return error(503, "database unavailable: " + count.status().to_string());
  std::string out = "{\"status\":\"ok\",\"version\":";
  append_json_string(version(), out);
  out += ",\"events\":" + std::to_string(count.value()) + "}";
  return ok(std::move(out));
}

ApiResponse Api::code(const ApiParams& params, const std::string& body) const {
  Args args(params, "/v1/code");
  args.allow({});
  if (!args.error.empty()) return error(400, args.error);
  std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return error(400, "empty body: send a story object, an array of story objects, or JSONL");
  }
  thread_local simdjson::dom::parser parser;
  // The stories as JSONL for the same reader `tigris code` uses; for an array
  // the "line" of a skipped story is its position in the array (1-based).
  std::string jsonl;
  std::size_t records = 0;
  simdjson::dom::element doc;
  auto whole = parser.parse(body);
  if (body[first] == '[') {
    if (whole.get(doc)) {
      return error(400, std::string("malformed JSON: ") + simdjson::error_message(whole.error()));
    }
    simdjson::dom::array array;
    if (doc.get_array().get(array)) return error(400, "malformed JSON: expected an array");
    for (simdjson::dom::element item : array) {
      if (++records > limits_.max_batch) break;
      jsonl += simdjson::minify(item);
      jsonl.push_back('\n');
    }
  } else if (body[first] == '{') {
    if (!whole.get(doc)) {
      records = 1;
      jsonl = simdjson::minify(doc);  // one object, possibly spread over lines
    } else {
      // JSONL: one story per line.
      for (std::size_t pos = 0; pos < body.size();) {
        std::size_t end = body.find('\n', pos);
        if (end == std::string::npos) end = body.size();
        if (body.find_first_not_of(" \t\r", pos) < end) ++records;
        pos = end + 1;
      }
      if (records <= 1) {
        return error(400, std::string("malformed JSON: ") + simdjson::error_message(whole.error()));
      }
      jsonl = body;
    }
  } else {
    return error(400,
                 "malformed JSON: the body must be a story object, an array of them, or JSONL");
  }
  if (records > limits_.max_batch) {
    return error(413, "batch of more than " + std::to_string(limits_.max_batch) +
                          " stories (--max-batch); send fewer per request");
  }

  auto reader = StoryReader::from_string(std::move(jsonl), InputFormat::kJsonl, {}, "body");
  Workspace& ws = thread_workspace();
  std::string stories = "[";
  std::string events = "[";
  ApiResponse out;
  std::size_t invalid_json = 0;
  Story story;
  SkippedRecord skipped;
  bool first_story = true;
  while (true) {
    auto next = reader->next(story, skipped);
    if (next == StoryReader::Next::kEnd) break;
    if (!first_story) stories.push_back(',');
    first_story = false;
    if (next == StoryReader::Next::kSkipped) {
      if (skipped.reason == "not valid JSON") ++invalid_json;
      stories += "{\"id\":";
      if (skipped.id.empty()) {
        stories += "null";
      } else {
        append_json_string(skipped.id, stories);
      }
      stories +=
          ",\"status\":\"skipped\",\"line\":" + std::to_string(skipped.line) + ",\"reason\":";
      append_json_string(skipped.reason, stories);
      stories += "}";
      continue;
    }
    CodedStory coded = pipeline_->code(story, ws);
    stories += "{\"id\":";
    append_json_string(story.id, stories);
    stories += ",\"status\":\"coded\",\"events\":" + std::to_string(coded.events.size()) + "}";
    for (const Event& event : coded.events) {
      if (events.size() > 1) events.push_back(',');
      append_event_json(event, events);
    }
    ++out.stories_coded;
    out.events_coded += coded.events.size();
  }
  if (invalid_json == records) {
    return error(400, "malformed JSON: no line of the body is valid JSON");
  }
  out.body = "{\"stories\":" + stories + "],\"events\":" + events + "]}";
  return out;
}

ApiResponse Api::events(const ApiParams& params) const {
  Args args(params, "/v1/events");
  args.allow(with_filters({"limit", "offset"}));
  EventQuery q;
  read_filters(args, q);
  q.limit = args.number("limit", 100, 1, limits_.max_events_page);
  q.offset = args.number("offset", 0, 0, 1'000'000'000);
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  auto total = store.value()->count(q);
  if (!total.is_ok()) return store_error(total.status());
  auto rows = store.value()->query(q);
  if (!rows.is_ok()) return store_error(rows.status());
  std::string out = "{\"total\":" + std::to_string(total.value()) +
                    ",\"limit\":" + std::to_string(q.limit) +
                    ",\"offset\":" + std::to_string(q.offset) + ",\"events\":[";
  for (std::size_t i = 0; i < rows.value().size(); ++i) {
    if (i) out.push_back(',');
    append_stored_event(rows.value()[i], out);
  }
  out += "]}";
  return ok(std::move(out));
}

ApiResponse Api::series(const ApiParams& params) const {
  Args args(params, "/v1/series");
  args.allow(with_filters({"by", "per_dyad"}));
  EventQuery q;
  read_filters(args, q);
  std::string by = args.single("by").value_or("week");
  Period period = Period::kWeek;
  if (by == "day") {
    period = Period::kDay;
  } else if (by == "month") {
    period = Period::kMonth;
  } else if (by != "week") {
    args.fail("parameter 'by' takes day, week or month, not '" + by + "'");
  }
  std::string per_dyad = args.single("per_dyad").value_or("0");
  if (per_dyad != "0" && per_dyad != "1" && per_dyad != "true" && per_dyad != "false") {
    args.fail("parameter 'per_dyad' takes 0 or 1, not '" + per_dyad + "'");
  }
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  // Aggregated in the database (per date and dyad), folded into periods here.
  auto result = store.value()->series(q, period, per_dyad == "1" || per_dyad == "true");
  if (!result.is_ok()) return store_error(result.status());
  const std::vector<SeriesRow>& series = result.value().rows;
  std::string out = "{\"by\":";
  append_json_string(by, out);
  out += ",\"imprecise\":" + std::to_string(result.value().imprecise) + ",\"rows\":[";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const SeriesRow& row = series[i];
    if (i) out.push_back(',');
    out += "{\"period\":";
    append_json_string(row.period, out);
    out += ",\"group\":";
    append_json_string(row.group, out);
    out += ",\"events\":" + std::to_string(row.events) + ",\"quad\":[" +
           std::to_string(row.quad[1]) + "," + std::to_string(row.quad[2]) + "," +
           std::to_string(row.quad[3]) + "," + std::to_string(row.quad[4]) + "],\"goldstein\":";
    append_number(row.goldstein, "%.1f", out);
    out += "}";
  }
  out += "]}";
  return ok(std::move(out));
}

ApiResponse Api::alerts(const ApiParams& params) const {
  Args args(params, "/v1/alerts");
  args.allow(with_filters({"window", "baseline", "class", "as_of", "min_events", "max_p", "method",
                           "ratio", "threshold"}));
  EventQuery q;
  read_filters(args, q);
  AlertOptions options;
  auto days = [&](const char* key, int fallback) {
    auto text = args.single(key);
    if (!text) return fallback;
    int value = 0;
    std::string_view digits(*text);
    bool days_suffix = !digits.empty() && digits.back() == 'd';  // "7d", as `tigris alerts` takes
    if (days_suffix) digits.remove_suffix(1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (!days_suffix || ec != std::errc() || end != digits.data() + digits.size() || value < 1 ||
        value > 36500) {
      args.fail(std::string("parameter '") + key + "' takes a number of days such as 7d, not '" +
                *text + "'");
      return fallback;
    }
    return value;
  };
  options.window_days = days("window", 7);
  options.baseline_days = days("baseline", 84);
  options.quad_class = static_cast<int>(args.number("class", 4, 0, 4));
  options.min_events = static_cast<int>(args.number("min_events", 3, 1, 1'000'000));
  if (auto as_of = args.single("as_of")) {
    Date date;
    if (!parse_iso_date(*as_of, date))
      args.fail("parameter 'as_of' takes YYYY-MM-DD, not '" + *as_of + "'");
    options.as_of = *as_of;
  }
  if (auto method = args.single("method")) {
    if (*method == "poisson") {
      options.method = AlertMethod::kPoisson;
    } else if (*method == "cusum") {
      options.method = AlertMethod::kCusum;
    } else {
      args.fail("parameter 'method' takes cusum or poisson, not '" + *method + "'");
    }
  }
  // A real number parameter within (low, high]; `what` describes it in errors.
  auto real = [&](const char* key, double low, double high, const char* what, double& out) {
    auto text = args.single(key);
    if (!text) return;
    double value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() ||
        !(value > low && value <= high)) {
      args.fail(std::string("parameter '") + key + "' takes " + what + ", not '" + *text + "'");
      return;
    }
    out = value;
  };
  real("max_p", 0.0, 1.0, "a probability in (0, 1]", options.max_p);
  real("ratio", 1.0, 1000.0, "a rate ratio above 1", options.cusum_ratio);
  real("threshold", 0.0, 1e6, "a positive score", options.cusum_threshold);
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  auto rows = store.value()->query_for_analysis(q);
  if (!rows.is_ok()) return store_error(rows.status());
  auto alerts = find_alerts(rows.value(), options);
  std::string out = "{\"alerts\":[";
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    const Alert& alert = alerts[i];
    if (i) out.push_back(',');
    out += "{\"dyad\":";
    append_json_string(alert.dyad, out);
    out += ",\"window_start\":";
    append_json_string(alert.window_start, out);
    out += ",\"window_end\":";
    append_json_string(alert.window_end, out);
    out += ",\"observed\":" + std::to_string(alert.observed) + ",\"expected\":";
    append_number(alert.expected, "%.4g", out);
    out += ",\"p_value\":";
    append_number(alert.p_value, "%.4g", out);
    out += ",\"method\":";
    append_json_string(alert_method_name(alert.method), out);
    out += ",\"statistic\":";
    append_number(alert.statistic, "%.4g", out);
    out += ",\"threshold\":";
    append_number(alert.threshold, "%.4g", out);
    out += ",\"dispersion\":";
    append_number(alert.dispersion, "%.4g", out);
    out += ",\"run_start\":";
    append_json_string(alert.run_start, out);
    out += ",\"run_end\":";
    append_json_string(alert.run_end, out);
    out += ",\"run_events\":" + std::to_string(alert.run_events) + ",\"event_ids\":[";
    for (std::size_t k = 0; k < alert.event_ids.size(); ++k) {
      if (k) out.push_back(',');
      out += std::to_string(alert.event_ids[k]);
    }
    out += "]}";
  }
  out += "]}";
  return ok(std::move(out));
}

ApiResponse Api::places(const ApiParams& params) const {
  Args args(params, "/v1/places");
  args.allow(with_filters({"limit"}));
  EventQuery q;
  read_filters(args, q);
  std::size_t limit = args.number("limit", 1000, 1, limits_.max_rows);
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  auto places = store.value()->places(q, limit);
  if (!places.is_ok()) return store_error(places.status());
  std::string out = "{\"places\":[";
  for (std::size_t i = 0; i < places.value().size(); ++i) {
    const PlaceCount& place = places.value()[i];
    if (i) out.push_back(',');
    out += "{\"name\":";
    append_json_string(place.name, out);
    out += ",\"country\":";
    if (place.country.empty()) {
      out += "null";
    } else {
      append_json_string(place.country, out);
    }
    out += ",\"lat\":";
    if (place.lat)
      append_number(*place.lat, "%.5f", out);
    else
      out += "null";
    out += ",\"lon\":";
    if (place.lon)
      append_number(*place.lon, "%.5f", out);
    else
      out += "null";
    out += ",\"events\":" + std::to_string(place.events) + ",\"quad\":[" +
           std::to_string(place.quad[1]) + "," + std::to_string(place.quad[2]) + "," +
           std::to_string(place.quad[3]) + "," + std::to_string(place.quad[4]) + "]}";
  }
  out += "]}";
  return ok(std::move(out));
}

ApiResponse Api::dyads(const ApiParams& params) const {
  Args args(params, "/v1/dyads");
  args.allow(with_filters({"limit"}));
  EventQuery q;
  read_filters(args, q);
  std::size_t limit = args.number("limit", 50, 1, limits_.max_rows);
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  auto dyads = store.value()->dyads(q, limit);
  if (!dyads.is_ok()) return store_error(dyads.status());
  auto countries = store.value()->countries(q, limit);
  if (!countries.is_ok()) return store_error(countries.status());
  std::string out = "{\"dyads\":[";
  for (std::size_t i = 0; i < dyads.value().size(); ++i) {
    const DyadCount& dyad = dyads.value()[i];
    if (i) out.push_back(',');
    out += "{\"source\":";
    append_json_string(dyad.source, out);
    out += ",\"target\":";
    append_json_string(dyad.target, out);
    out += ",\"events\":" + std::to_string(dyad.events) + "}";
  }
  out += "],\"countries\":[";
  for (std::size_t i = 0; i < countries.value().size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"country\":";
    append_json_string(countries.value()[i].country, out);
    out += ",\"events\":" + std::to_string(countries.value()[i].events) + "}";
  }
  out += "]}";
  return ok(std::move(out));
}

ApiResponse Api::story(const ApiParams& params, const std::string& id) const {
  Args args(params, "/v1/stories/{id}");
  args.allow({});
  if (!args.error.empty()) return error(400, args.error);
  auto store = thread_store(db_);
  if (!store.is_ok()) return store_error(store.status());
  auto found = store.value()->get_story(id);
  if (!found.is_ok()) {
    if (found.status().code() == StatusCode::kNotFound) return error(404, "no such story: " + id);
    return store_error(found.status());
  }
  const StoredStory& s = found.value();
  std::string out = "{";
  auto field = [&](const char* key, const std::string& value, bool comma = true) {
    append_key(key, out);
    if (value.empty()) {
      out += "null";
    } else {
      append_json_string(value, out);
    }
    if (comma) out.push_back(',');
  };
  field("id", s.story.id);
  field("date", s.story.date);
  field("title", s.story.title);
  field("source", s.story.source);
  field("url", s.story.url);
  append_key("text", out);
  append_json_string(s.story.text, out);
  out += ",\"events\":[";
  for (std::size_t i = 0; i < s.events.size(); ++i) {
    const StoredEvent& row = s.events[i];
    const Event& e = row.event;
    if (i) out.push_back(',');
    out += "{\"id\":" + std::to_string(row.id) + ",";
    field("cameo", e.cameo);
    field("root", e.root);
    out += "\"quad_class\":" + std::to_string(e.quad_class) + ",\"goldstein\":";
    append_number(e.goldstein, "%.1f", out);
    out += ",\"sentence_index\":" + std::to_string(e.sentence_index) + ",";
    field("date", e.date);
    field("plover", e.plover_type);
    out += "\"source\":{";
    field("code", e.source.code);
    field("country", e.source.country);
    append_span(e.source.text, e.source.span, out);
    out += "},\"target\":";
    if (e.target) {
      out += "{";
      field("code", e.target->code);
      field("country", e.target->country);
      append_span(e.target->text, e.target->span, out);
      out += "}";
    } else {
      out += "null";
    }
    out += ",\"verb\":{";
    append_span(e.evidence.verb, e.evidence.verb_span, out);
    out += "},\"sentence\":{\"begin\":" + std::to_string(e.sentence_span.begin) +
           ",\"end\":" + std::to_string(e.sentence_span.end) + "},\"location\":";
    if (e.location) {
      append_json_string(e.location->name, out);
    } else {
      out += "null";
    }
    out += "}";
  }
  out += "]}";
  return ok(std::move(out));
}

}  // namespace tigris::cli
