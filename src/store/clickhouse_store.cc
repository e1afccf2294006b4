#include "store/clickhouse_store.h"

#include <httplib.h>

#include <charconv>
#include <cstdio>
#include <set>
#include <string_view>

#include "tigris/io.h"

namespace tigris {
namespace {

// Schema steps, applied in order; the last applied is recorded in
// schema_version. Never edit a released step: append a new one. "{db}" is
// replaced by the database name.
//
// Visibility: a story's events are those carrying the story's latest version
// (stories is a ReplacingMergeTree on that version), so a re-ingest replaces
// events without deleting anything (docs/store.md).
// The events sort key serves dyad and date filters; both tables work as the
// local tables under Distributed tables sharded by the story id.
//
// A step that adds columns starts with kAddColumns: migrate() runs it only when
// its first column is missing, since 18.16 has no ADD COLUMN IF NOT EXISTS.
constexpr const char* kAddColumns = "ALTER TABLE {db}.events ADD COLUMN ";
constexpr const char* kMigrations[][2] = {
    {"CREATE TABLE IF NOT EXISTS {db}.stories (id String, version UInt64, date String,"
     " source String, title String, url String, text String, ingested_at DateTime DEFAULT now())"
     " ENGINE = ReplacingMergeTree(version) ORDER BY id",
     "CREATE TABLE IF NOT EXISTS {db}.events (id UInt64, story_id String, version UInt64,"
     " sentence_index UInt32, sentence String, event_date String, date_source String,"
     " historical UInt8, source_code String, source_country String, source_text String,"
     " target_code String, target_country String, target_text String, cameo String, root String,"
     " quad_class Int8, goldstein Float64, plover_type String, plover_mode String, mode String,"
     " location_name String, location_country String, lat Nullable(Float64),"
     " lon Nullable(Float64), verb String, pattern String, pattern_entry String,"
     " dictionary_hash String, tigris_version String)"
     " ENGINE = MergeTree ORDER BY (source_country, target_country, event_date, story_id,"
     " sentence_index, id)"},
    // 2: byte spans for highlighting a story's events and the event JSON as
    // coded (tigris serve's get_story); rows stored before read back 0 and "".
    {"ALTER TABLE {db}.events ADD COLUMN sentence_begin UInt32 DEFAULT 0,"
     " ADD COLUMN sentence_end UInt32 DEFAULT 0, ADD COLUMN verb_begin UInt32 DEFAULT 0,"
     " ADD COLUMN verb_end UInt32 DEFAULT 0, ADD COLUMN source_begin UInt32 DEFAULT 0,"
     " ADD COLUMN source_end UInt32 DEFAULT 0, ADD COLUMN target_begin UInt32 DEFAULT 0,"
     " ADD COLUMN target_end UInt32 DEFAULT 0, ADD COLUMN event_json String DEFAULT ''",
     nullptr},
};
constexpr int kLatestSchema = static_cast<int>(std::size(kMigrations));

std::string replace_db(std::string sql, const std::string& db) {
  for (std::size_t at = sql.find("{db}"); at != std::string::npos; at = sql.find("{db}", at)) {
    sql.replace(at, 4, db);
    at += db.size();
  }
  return sql;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string url_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// A ClickHouse string literal: quotes and backslashes escaped, so filter
// values can never end the literal (no SQL injection).
std::string sql_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

void append_json_string(std::string_view text, std::string& out) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof(escape), "\\u%04x", static_cast<unsigned>(c));
          out += escape;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void append_json_field(const char* name, std::string_view value, std::string& out) {
  out.push_back('"');
  out += name;
  out += "\":";
  append_json_string(value, out);
  out.push_back(',');
}

void append_json_number(const char* name, double value, std::string& out) {
  char number[40];
  std::snprintf(number, sizeof(number), "%.17g", value);
  out.push_back('"');
  out += name;
  out += "\":";
  out += number;
  out.push_back(',');
}

void append_json_integer(const char* name, std::uint64_t value, std::string& out) {
  out.push_back('"');
  out += name;
  out += "\":";
  out += std::to_string(value);
  out.push_back(',');
}

// One row of a TabSeparated response, unescaped; `null` marks \N fields.
struct TsvRow {
  std::vector<std::string> fields;
  std::vector<bool> null;
};

bool next_tsv_row(std::string_view& body, TsvRow& row) {
  if (body.empty()) return false;
  std::size_t end = body.find('\n');
  std::string_view line = body.substr(0, end);
  body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
  row.fields.clear();
  row.null.clear();
  std::string field;
  bool escaped_null = false;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      row.fields.push_back(std::move(field));
      row.null.push_back(escaped_null);
      field.clear();
      escaped_null = false;
      continue;
    }
    char c = line[i];
    if (c != '\\' || i + 1 == line.size()) {
      field.push_back(c);
      continue;
    }
    char next = line[++i];
    switch (next) {
      case 'n':
        field.push_back('\n');
        break;
      case 't':
        field.push_back('\t');
        break;
      case 'r':
        field.push_back('\r');
        break;
      case 'b':
        field.push_back('\b');
        break;
      case 'f':
        field.push_back('\f');
        break;
      case '0':
        field.push_back('\0');
        break;
      case 'N':
        escaped_null = true;
        break;
      default:
        field.push_back(next);  // \\, \', and anything else taken literally
    }
  }
  return true;
}

template <typename T>
bool parse_number(const std::string& text, T& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

Status bad_response(const std::string& what, const std::string& text) {
  return Status(StatusCode::kIoError, "ClickHouse: unexpected " + what)
      .with_excerpt(text.substr(0, 200));
}

// The WHERE clause (visible events matching `q`), ORDER BY and LIMIT.
std::string filters(const EventQuery& q, const std::string& db, bool ordered) {
  // FINAL merges stories at read time: one row per id, with its latest version
  // (measured faster than GROUP BY id with max(version) on 18.16). A version
  // belongs to one story (one writer hands them out, never twice), so the
  // version alone picks the story's latest events: a set of integers is 2-3x
  // cheaper to build and probe than one of (id, version) pairs.
  std::string sql = " WHERE version IN (SELECT version FROM " + db + ".stories FINAL)";
  auto any_of = [&](const std::vector<std::string>& values, const char* column_code,
                    const char* column_country) {
    if (values.empty()) return;
    sql += " AND (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) sql += " OR ";
      // As SQLite's LIKE 'x%': a code prefix, ASCII case-insensitive.
      sql += std::string("(") + column_country + " = " + sql_literal(values[i]) +
             " OR startsWith(lower(" + column_code + "), " + sql_literal(ascii_lower(values[i])) +
             "))";
    }
    sql += ")";
  };
  any_of(q.sources, "source_code", "source_country");
  any_of(q.targets, "target_code", "target_country");
  if (!q.dyads.empty()) {
    sql += " AND (";
    for (std::size_t i = 0; i < q.dyads.size(); ++i) {
      if (i) sql += " OR ";
      std::string a = sql_literal(q.dyads[i].first), b = sql_literal(q.dyads[i].second);
      sql += "((source_country = " + a + " AND target_country = " + b +
             ") OR (source_country = " + b + " AND target_country = " + a + "))";
    }
    sql += ")";
  }
  auto in_list = [&](const std::vector<std::string>& values, const char* column) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) sql += ", ";
      sql += sql_literal(values[i]);
    }
    sql += ")";
  };
  std::vector<std::string> roots;
  for (const auto& root : q.roots) roots.push_back(root.size() == 1 ? "0" + root : root);
  in_list(roots, "root");
  in_list(q.plover, "plover_type");
  // Dates compare as text at the shorter precision (validated ASCII, so bytes
  // are characters). An empty date is SQLite's NULL: it matches no date filter.
  if (!q.from.empty()) {
    sql += " AND event_date != '' AND substring(event_date, 1, " + std::to_string(q.from.size()) +
           ") >= " + sql_literal(q.from);
  }
  if (!q.to.empty()) {
    sql += " AND event_date != '' AND substring(event_date, 1, " + std::to_string(q.to.size()) +
           ") <= " + sql_literal(q.to);
  }
  if (!q.place.empty())
    sql += " AND positionCaseInsensitive(location_name, " + sql_literal(q.place) + ") > 0";
  if (ordered || q.limit || q.offset) sql += " ORDER BY event_date, story_id, sentence_index, id";
  if (q.limit || q.offset) {
    sql += " LIMIT " + std::to_string(q.offset) + ", " +
           (q.limit ? std::to_string(q.limit) : std::string("1000000000000000000"));
  }
  return sql;
}

}  // namespace

Result<std::unique_ptr<EventStore>> ClickHouseStore::open(const std::string& url) {
  auto invalid = [&](const std::string& why) {
    return Status(StatusCode::kInvalidInput,
                  "bad ClickHouse URL (" + why + "; want clickhouse://HOST:PORT/DATABASE)")
        .with_excerpt(url);
  };
  std::string_view rest(url);
  rest.remove_prefix(std::string_view("clickhouse://").size());
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return invalid("no database");
  std::string_view host_port = rest.substr(0, slash);
  std::string_view path = rest.substr(slash + 1);
  std::string_view params;
  if (std::size_t question = path.find('?'); question != std::string_view::npos) {
    params = path.substr(question + 1);
    path = path.substr(0, question);
  }
  std::size_t colon = host_port.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return invalid("no HOST:PORT");
  std::string host(host_port.substr(0, colon));
  int port = 0;
  if (!parse_number(std::string(host_port.substr(colon + 1)), port) || port <= 0 || port > 65535) {
    return invalid("bad port");
  }
  if (!is_identifier(path)) return invalid("the database name must be letters, digits and _");

  std::unique_ptr<ClickHouseStore> store(new ClickHouseStore());
  store->database_ = std::string(path);
  store->client_ = std::make_unique<httplib::Client>(host, port);
  store->client_->set_connection_timeout(10);
  store->client_->set_read_timeout(600);
  store->client_->set_write_timeout(600);
  store->client_->set_keep_alive(true);
  // The IN subquery on stories then reads each shard's local table, which
  // holds the stories of the events on that shard (docs/store.md).
  // wait_end_of_query: the server sends its status only when the query has
  // finished, so an error late in a long result is an HTTP error, not a 200
  // response with an exception text at its end.
  store->base_path_ = "/?distributed_product_mode=local&wait_end_of_query=1";
  while (!params.empty()) {
    std::size_t amp = params.find('&');
    std::string_view pair = params.substr(0, amp);
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || !is_identifier(pair.substr(0, eq))) {
      return invalid("parameters are name=value");
    }
    if (pair.substr(0, eq) == "batch_bytes") {  // ours: the size of one INSERT's rows
      if (!parse_number(std::string(pair.substr(eq + 1)), store->batch_bytes_) ||
          !store->batch_bytes_) {
        return invalid("batch_bytes wants a positive number");
      }
      continue;
    }
    // Values go through as given (already URL-encoded by the user if needed).
    store->base_path_ += "&" + std::string(pair);
  }
  std::string create_database = "CREATE DATABASE IF NOT EXISTS " + store->database_;
  if (auto created = store->execute(create_database); !created.is_ok()) {
    return Status(created.status()).at(url, 0);
  }
  Status migrated = store->migrate();
  if (!migrated.is_ok()) return migrated.at(url, 0);
  return std::unique_ptr<EventStore>(std::move(store));
}

ClickHouseStore::~ClickHouseStore() {
  if (in_batch_) rollback();
}

Result<std::string> ClickHouseStore::execute(const std::string& sql,
                                             const std::string& body) const {
  // A statement alone goes in the body; an INSERT's rows need the body, so
  // its statement goes in the URL.
  httplib::Result response =
      body.empty() ? client_->Post(base_path_, sql, "text/plain")
                   : client_->Post(base_path_ + "&query=" + url_encoded(sql), body, "text/plain");
  if (!response) {
    return Status(StatusCode::kIoError, "no answer from the ClickHouse server (" +
                                            httplib::to_string(response.error()) + ")")
        .with_excerpt(sql.substr(0, 200));
  }
  if (response->status != 200) {
    std::string message = response->body;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    return Status(StatusCode::kIoError,
                  "ClickHouse (HTTP " + std::to_string(response->status) + "): " + message)
        .with_excerpt(sql.substr(0, 200));
  }
  return std::move(response->body);
}

int ClickHouseStore::schema_version() const {
  auto result = execute("SELECT max(version) FROM " + database_ + ".schema_version");
  if (!result.is_ok()) return 0;
  int version = 0;
  std::string text = result.value();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return parse_number(text, version) ? version : 0;
}

Status ClickHouseStore::migrate() {
  auto created = execute("CREATE TABLE IF NOT EXISTS " + database_ +
                         ".schema_version (version UInt32, applied_at DateTime DEFAULT now())"
                         " ENGINE = TinyLog");
  if (!created.is_ok()) return created.status();
  int current = schema_version();
  if (current > kLatestSchema) {
    return Status(StatusCode::kUnsupported, "database schema version " + std::to_string(current) +
                                                " is newer than this Tigris understands (" +
                                                std::to_string(kLatestSchema) + ")");
  }
  if (current == kLatestSchema) return Status::ok();
  // Each step is idempotent (IF NOT EXISTS), so a step interrupted before its
  // version row was written is simply run again.
  for (int step = current; step < kLatestSchema; ++step) {
    for (const char* statement : kMigrations[step]) {
      if (!statement) continue;  // a step of one statement
      std::string_view text(statement);
      if (text.rfind(kAddColumns, 0) == 0) {
        text.remove_prefix(std::string_view(kAddColumns).size());
        std::string column(text.substr(0, text.find(' ')));
        auto exists = execute(
            "SELECT count() FROM system.columns WHERE database = " + sql_literal(database_) +
            " AND table = 'events' AND name = " + sql_literal(column));
        if (!exists.is_ok()) return exists.status();
        if (exists.value() != "0\n") continue;
      }
      auto done = execute(replace_db(statement, database_));
      if (!done.is_ok()) return done.status();
    }
    auto recorded = execute("INSERT INTO " + database_ + ".schema_version (version) VALUES (" +
                            std::to_string(step + 1) + ")");
    if (!recorded.is_ok()) return recorded.status();
  }
  return Status::ok();
}

Status ClickHouseStore::load_counters() {
  if (counters_loaded_) return Status::ok();
  // Versions above every version ever written, even by a run that died before
  // its story rows, so no orphaned event can become visible again.
  auto result = execute("SELECT (SELECT max(id) FROM " + database_ +
                        ".events), greatest((SELECT max(version) FROM " + database_ +
                        ".events), (SELECT max(version) FROM " + database_ + ".stories))");
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  TsvRow row;
  std::uint64_t max_id = 0, max_version = 0;
  if (!next_tsv_row(body, row) || row.fields.size() != 2 || !parse_number(row.fields[0], max_id) ||
      !parse_number(row.fields[1], max_version)) {
    return bad_response("answer to max(id), max(version)", result.value());
  }
  next_id_ = max_id + 1;
  next_version_ = max_version + 1;
  counters_loaded_ = true;
  return Status::ok();
}

Status ClickHouseStore::begin() {
  if (in_batch_) return Status(StatusCode::kInternal, "begin() inside an open write batch");
  TIGRIS_RETURN_IF_ERROR(load_counters());
  in_batch_ = true;
  return Status::ok();
}

Status ClickHouseStore::flush(std::string& rows, const char* table) {
  if (rows.empty()) return Status::ok();
  auto done = execute("INSERT INTO " + database_ + "." + table + " FORMAT JSONEachRow", rows);
  rows.clear();
  return done.is_ok() ? Status::ok() : done.status();
}

Status ClickHouseStore::commit() {
  if (!in_batch_) return Status(StatusCode::kInternal, "commit() without begin()");
  in_batch_ = false;
  return flush_batch();
}

Status ClickHouseStore::flush_batch() {
  batch_versions_.clear();
  batch_appended_.clear();
  // Events first; the story rows, one INSERT, make the new versions visible.
  Status status = flush(fresh_events_, "events");
  if (status.is_ok()) status = flush(appended_events_, "events");
  if (status.is_ok()) status = flush(stories_, "stories");
  fresh_events_.clear();
  appended_events_.clear();
  stories_.clear();
  if (!status.is_ok()) counters_loaded_ = false;  // reread after a failure
  return status;
}

void ClickHouseStore::rollback() {
  // Events already sent carry versions no story row names: they stay invisible.
  in_batch_ = false;
  batch_versions_.clear();
  batch_appended_.clear();
  fresh_events_.clear();
  appended_events_.clear();
  stories_.clear();
}

Status ClickHouseStore::autocommit() {
  // Outside begin()/commit() every call is its own batch, as SQLite's autocommit.
  return in_batch_ ? Status::ok() : flush_batch();
}

void ClickHouseStore::append_event_row(const Event& e, const std::string& story_id,
                                       std::uint64_t version, const std::string& dictionary_hash,
                                       const std::string& tigris_version, std::string& out) {
  out.push_back('{');
  append_json_integer("id", next_id_++, out);
  append_json_field("story_id", story_id, out);
  append_json_integer("version", version, out);
  append_json_integer("sentence_index", e.sentence_index, out);
  append_json_field("sentence", e.sentence, out);
  append_json_field("event_date", e.date, out);
  append_json_field("date_source", e.date_source, out);
  append_json_integer("historical", e.historical ? 1 : 0, out);
  append_json_field("source_code", e.source.code, out);
  append_json_field("source_country", e.source.country, out);
  append_json_field("source_text", e.source.text, out);
  append_json_field("target_code", e.target ? e.target->code : "", out);
  append_json_field("target_country", e.target ? e.target->country : "", out);
  append_json_field("target_text", e.target ? e.target->text : "", out);
  append_json_field("cameo", e.cameo, out);
  append_json_field("root", e.root, out);
  append_json_number("quad_class", e.quad_class, out);
  append_json_number("goldstein", e.goldstein, out);
  append_json_field("plover_type", e.plover_type, out);
  append_json_field("plover_mode", e.plover_mode, out);
  append_json_field("mode", e.mode, out);
  append_json_field("location_name", e.location ? e.location->name : "", out);
  append_json_field("location_country", e.location ? e.location->country : "", out);
  if (e.location && e.location->lat) {
    append_json_number("lat", *e.location->lat, out);
  } else {
    out += "\"lat\":null,";
  }
  if (e.location && e.location->lon) {
    append_json_number("lon", *e.location->lon, out);
  } else {
    out += "\"lon\":null,";
  }
  append_json_field("verb", e.evidence.verb, out);
  append_json_field("pattern", e.evidence.pattern, out);
  append_json_field("pattern_entry", e.evidence.pattern_entry, out);
  append_json_field("dictionary_hash", dictionary_hash, out);
  append_json_field("tigris_version", tigris_version, out);
  append_json_integer("sentence_begin", e.sentence_span.begin, out);
  append_json_integer("sentence_end", e.sentence_span.end, out);
  append_json_integer("verb_begin", e.evidence.verb_span.begin, out);
  append_json_integer("verb_end", e.evidence.verb_span.end, out);
  append_json_integer("source_begin", e.source.span.begin, out);
  append_json_integer("source_end", e.source.span.end, out);
  append_json_integer("target_begin", e.target ? e.target->span.begin : 0, out);
  append_json_integer("target_end", e.target ? e.target->span.end : 0, out);
  event_json_.clear();
  append_event_json(e, event_json_);
  append_json_field("event_json", event_json_, out);
  out.back() = '}';
  out.push_back('\n');
}

Status ClickHouseStore::put_story(const Story& story, const std::vector<Event>& events,
                                  const std::string& dictionary_hash,
                                  const std::string& tigris_version) {
  TIGRIS_RETURN_IF_ERROR(load_counters());
  std::uint64_t version = next_version_++;
  batch_versions_[story.id] = version;
  batch_appended_.erase(story.id);
  stories_.push_back('{');
  append_json_field("id", story.id, stories_);
  append_json_integer("version", version, stories_);
  append_json_field("date", story.date, stories_);
  append_json_field("source", story.source, stories_);
  append_json_field("title", story.title, stories_);
  append_json_field("url", story.url, stories_);
  append_json_field("text", story.text, stories_);
  stories_.back() = '}';
  stories_.push_back('\n');
  for (const Event& e : events) {
    append_event_row(e, story.id, version, dictionary_hash, tigris_version, fresh_events_);
  }
  // Events of a new version are invisible until its story row lands, so they
  // can go out early and keep memory bounded.
  if (fresh_events_.size() >= batch_bytes_) TIGRIS_RETURN_IF_ERROR(flush(fresh_events_, "events"));
  return autocommit();
}

Status ClickHouseStore::put_events(const std::vector<Event>& events,
                                   const std::string& source_label) {
  TIGRIS_RETURN_IF_ERROR(load_counters());
  // The stories not seen in this batch: visible already (append to their
  // version, as SQLite's INSERT OR IGNORE keeps the story row) or new.
  std::set<std::string> unknown;
  for (const Event& e : events) {
    if (!batch_versions_.count(e.story_id)) unknown.insert(e.story_id);
  }
  for (auto it = unknown.begin(); it != unknown.end();) {
    std::string sql = "SELECT id, max(version) FROM " + database_ + ".stories WHERE id IN (";
    for (int n = 0; it != unknown.end() && n < 1000; ++n, ++it) {
      if (n) sql += ", ";
      sql += sql_literal(*it);
    }
    sql += ") GROUP BY id";
    auto result = execute(sql);
    if (!result.is_ok()) return result.status();
    std::string_view body = result.value();
    TsvRow row;
    while (next_tsv_row(body, row)) {
      std::uint64_t version = 0;
      if (row.fields.size() != 2 || !parse_number(row.fields[1], version)) {
        return bad_response("answer to a story lookup", result.value());
      }
      batch_versions_[row.fields[0]] = version;
      batch_appended_.insert(row.fields[0]);
    }
  }
  for (const std::string& id : unknown) {
    if (batch_appended_.count(id)) continue;
    std::uint64_t version = next_version_++;
    batch_versions_[id] = version;
    stories_.push_back('{');
    append_json_field("id", id, stories_);
    append_json_integer("version", version, stories_);
    append_json_field("source", source_label, stories_);
    stories_.back() = '}';
    stories_.push_back('\n');
  }
  for (const Event& e : events) {
    std::uint64_t version = batch_versions_.at(e.story_id);
    // Rows for a story that is visible already become visible when sent, so
    // they wait for commit().
    bool visible = batch_appended_.count(e.story_id) > 0;
    append_event_row(e, e.story_id, version, "", "", visible ? appended_events_ : fresh_events_);
  }
  if (fresh_events_.size() >= batch_bytes_) TIGRIS_RETURN_IF_ERROR(flush(fresh_events_, "events"));
  return autocommit();
}

Result<std::size_t> ClickHouseStore::count_events() const {
  EventQuery all;
  auto result =
      execute("SELECT count() FROM " + database_ + ".events" + filters(all, database_, false));
  if (!result.is_ok()) return result.status();
  std::string text = result.value();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::size_t count = 0;
  if (!parse_number(text, count)) return bad_response("count", result.value());
  return count;
}

namespace {

constexpr const char* kEventColumns =
    "SELECT id, story_id, sentence_index, sentence, event_date, date_source, historical,"
    " source_code, source_country, source_text, target_code, target_country, target_text, cameo,"
    " root, quad_class, goldstein, plover_type, plover_mode, mode, location_name,"
    " location_country, lat, lon, verb, pattern, pattern_entry, dictionary_hash, tigris_version,"
    " sentence_begin, sentence_end, verb_begin, verb_end, source_begin, source_end,"
    " target_begin, target_end, event_json FROM ";
constexpr std::size_t kEventFields = 38;

// The rows of a kEventColumns query in TabSeparated.
Result<std::vector<StoredEvent>> parse_events(const std::string& response) {
  std::string_view body = response;
  std::vector<StoredEvent> out;
  TsvRow row;
  while (next_tsv_row(body, row)) {
    if (row.fields.size() != kEventFields)
      return bad_response("row", std::string(row.fields.empty() ? "" : row.fields[0]));
    StoredEvent stored;
    Event& e = stored.event;
    const auto& f = row.fields;
    std::uint32_t sentence_index = 0;
    int historical = 0, quad_class = 0;
    std::uint32_t spans[8] = {};
    bool ok = parse_number(f[0], stored.id) && parse_number(f[2], sentence_index) &&
              parse_number(f[6], historical) && parse_number(f[15], quad_class) &&
              parse_double(f[16], e.goldstein);
    for (std::size_t k = 0; ok && k < 8; ++k) ok = parse_number(f[29 + k], spans[k]);
    if (!ok) return bad_response("number in a row", f[0]);
    e.story_id = f[1];
    e.sentence_index = sentence_index;
    e.sentence = f[3];
    e.date = f[4];
    e.date_source = f[5];
    e.historical = historical != 0;
    e.source.code = f[7];
    e.source.country = f[8];
    e.source.text = f[9];
    if (!f[10].empty()) {
      e.target = Actor{};
      e.target->code = f[10];
      e.target->country = f[11];
      e.target->text = f[12];
      e.target->span = Span{spans[6], spans[7]};
    }
    e.cameo = f[13];
    e.root = f[14];
    e.quad_class = quad_class;
    e.plover_type = f[17];
    e.plover_mode = f[18];
    e.mode = f[19];
    if (!f[20].empty()) {
      e.location = Location{f[20], f[21], std::nullopt, std::nullopt, "", 0};
      double value = 0;
      if (!row.null[22] && parse_double(f[22], value)) e.location->lat = value;
      if (!row.null[23] && parse_double(f[23], value)) e.location->lon = value;
    }
    e.evidence.verb = f[24];
    e.evidence.pattern = f[25];
    e.evidence.pattern_entry = f[26];
    stored.dictionary_hash = f[27];
    stored.tigris_version = f[28];
    e.sentence_span = Span{spans[0], spans[1]};
    e.evidence.verb_span = Span{spans[2], spans[3]};
    e.source.span = Span{spans[4], spans[5]};
    stored.json = f[37];
    out.push_back(std::move(stored));
  }
  return out;
}

// `q` without its limit and offset: the aggregates and count() ignore them.
EventQuery unlimited(const EventQuery& q) {
  EventQuery all = q;
  all.limit = 0;
  all.offset = 0;
  return all;
}

std::string limit_clause(std::size_t limit) {
  return limit ? " LIMIT " + std::to_string(limit) : "";
}

std::size_t parse_count(const std::string& text, bool& ok) {
  std::size_t count = 0;
  ok = ok && parse_number(text, count);
  return count;
}

}  // namespace

Result<std::vector<StoredEvent>> ClickHouseStore::query(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  auto result = execute(kEventColumns + database_ + ".events" + filters(q, database_, true) +
                        " FORMAT TabSeparated");
  if (!result.is_ok()) return result.status();
  return parse_events(result.value());
}

Result<std::vector<StoredEvent>> ClickHouseStore::query_for_analysis(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  auto result = execute(
      "SELECT id, event_date, source_code, source_country, target_code, target_country,"
      " quad_class, goldstein FROM " +
      database_ + ".events" + filters(unlimited(q), database_, false) + " FORMAT TabSeparated");
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  std::vector<StoredEvent> out;
  TsvRow row;
  while (next_tsv_row(body, row)) {
    StoredEvent stored;
    Event& e = stored.event;
    const auto& f = row.fields;
    if (f.size() != 8 || !parse_number(f[0], stored.id) || !parse_number(f[6], e.quad_class) ||
        !parse_double(f[7], e.goldstein)) {
      return bad_response("analysis row", f.empty() ? "" : f[0]);
    }
    e.date = f[1];
    e.source.code = f[2];
    e.source.country = f[3];
    if (!f[4].empty()) {
      e.target = Actor{};
      e.target->code = f[4];
      e.target->country = f[5];
    }
    out.push_back(std::move(stored));
  }
  return out;
}

Result<std::size_t> ClickHouseStore::count(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  auto result = execute("SELECT count() FROM " + database_ + ".events" +
                        filters(unlimited(q), database_, false));
  if (!result.is_ok()) return result.status();
  std::string text = result.value();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::size_t count = 0;
  if (!parse_number(text, count)) return bad_response("count", result.value());
  return count;
}

Result<StoredStory> ClickHouseStore::get_story(const std::string& id) const {
  // The latest version of the story row, then that version's events.
  auto story = execute("SELECT id, date, source, title, url, text, version FROM " + database_ +
                       ".stories FINAL WHERE id = " + sql_literal(id) + " FORMAT TabSeparated");
  if (!story.is_ok()) return story.status();
  std::string_view body = story.value();
  TsvRow row;
  if (!next_tsv_row(body, row)) {
    return Status(StatusCode::kNotFound, "no such story").with_excerpt(id);
  }
  std::uint64_t version = 0;
  if (row.fields.size() != 7 || !parse_number(row.fields[6], version)) {
    return bad_response("story row", story.value());
  }
  StoredStory out;
  out.story.id = row.fields[0];
  out.story.date = row.fields[1];
  out.story.source = row.fields[2];
  out.story.title = row.fields[3];
  out.story.url = row.fields[4];
  out.story.text = row.fields[5];
  auto events = execute(kEventColumns + database_ + ".events WHERE story_id = " + sql_literal(id) +
                        " AND version = " + std::to_string(version) +
                        " ORDER BY sentence_index, id FORMAT TabSeparated");
  if (!events.is_ok()) return events.status();
  auto parsed = parse_events(events.value());
  if (!parsed.is_ok()) return parsed.status();
  out.events = std::move(parsed.value());
  return out;
}

Result<std::vector<PlaceCount>> ClickHouseStore::places(const EventQuery& q,
                                                        std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  // Ordered as SQLite orders them (NULL coordinates first).
  auto result = execute(
      "SELECT location_name, location_country, lat, lon, count() AS n, countIf(quad_class = 1),"
      " countIf(quad_class = 2), countIf(quad_class = 3), countIf(quad_class = 4) FROM " +
      database_ + ".events" + filters(unlimited(q), database_, false) +
      " AND location_name != '' GROUP BY location_name, location_country, lat, lon"
      " ORDER BY n DESC, location_name, location_country, isNull(lat) DESC, lat, isNull(lon) DESC,"
      " lon" +
      limit_clause(limit) + " FORMAT TabSeparated");
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  std::vector<PlaceCount> out;
  TsvRow row;
  while (next_tsv_row(body, row)) {
    const auto& f = row.fields;
    bool ok = f.size() == 9;
    PlaceCount place;
    if (ok) {
      place.name = f[0];
      place.country = f[1];
      double value = 0;
      if (!row.null[2] && parse_double(f[2], value)) place.lat = value;
      if (!row.null[3] && parse_double(f[3], value)) place.lon = value;
      place.events = parse_count(f[4], ok);
      for (std::size_t k = 1; k <= 4; ++k) place.quad[k] = parse_count(f[4 + k], ok);
    }
    if (!ok) return bad_response("places row", f.empty() ? "" : f[0]);
    out.push_back(std::move(place));
  }
  return out;
}

Result<std::vector<DyadCount>> ClickHouseStore::dyads(const EventQuery& q,
                                                      std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  auto result = execute(
      "SELECT if(source_country != '', source_country, source_code) AS s,"
      " if(target_country != '', target_country, target_code) AS t, count() AS n FROM " +
      database_ + ".events" + filters(unlimited(q), database_, false) +
      " AND target_code != '' GROUP BY s, t ORDER BY n DESC, s, t" + limit_clause(limit) +
      " FORMAT TabSeparated");
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  std::vector<DyadCount> out;
  TsvRow row;
  while (next_tsv_row(body, row)) {
    bool ok = row.fields.size() == 3;
    std::size_t n = ok ? parse_count(row.fields[2], ok) : 0;
    if (!ok) return bad_response("dyads row", row.fields.empty() ? "" : row.fields[0]);
    out.push_back({row.fields[0], row.fields[1], n});
  }
  return out;
}

Result<std::vector<CountryCount>> ClickHouseStore::countries(const EventQuery& q,
                                                             std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  // Each event once per country: USA->USA counts once.
  auto result = execute(
      "SELECT country, count() AS n FROM (SELECT arrayJoin(if(source_country = target_country,"
      " [source_country], [source_country, target_country])) AS country FROM " +
      database_ + ".events" + filters(unlimited(q), database_, false) +
      ") WHERE country != '' GROUP BY country ORDER BY n DESC, country" + limit_clause(limit) +
      " FORMAT TabSeparated");
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  std::vector<CountryCount> out;
  TsvRow row;
  while (next_tsv_row(body, row)) {
    bool ok = row.fields.size() == 2;
    std::size_t n = ok ? parse_count(row.fields[1], ok) : 0;
    if (!ok) return bad_response("countries row", row.fields.empty() ? "" : row.fields[0]);
    out.push_back({row.fields[0], n});
  }
  return out;
}

Result<Series> ClickHouseStore::series(const EventQuery& q, Period period, bool by_dyad) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  // Per (date, dyad) in SQL; SeriesBuilder folds the dates into periods.
  std::string group =
      by_dyad
          ? "concat(if(source_country != '', source_country, source_code), '->',"
            " if(target_code = '', '---', if(target_country != '', target_country, target_code)))"
          : "''";
  // A month series can group by the month in SQL: SeriesBuilder takes the
  // first 7 bytes of what it gets, so a prefix of 7 or more is the same key.
  std::string date = period == Period::kMonth
                         ? "if(length(event_date) >= 7, substring(event_date, 1, 7), event_date)"
                         : "event_date";
  std::string sql = "SELECT " + date + " AS day, " + group +
                    " AS dyad, countIf(quad_class = 1), countIf(quad_class = 2),"
                    " countIf(quad_class = 3), countIf(quad_class = 4), sum(goldstein), count()"
                    " FROM (SELECT event_date, source_code, source_country, target_code,"
                    " target_country, quad_class, goldstein FROM " +
                    database_ + ".events" + filters(q, database_, false) +
                    ") GROUP BY day, dyad FORMAT TabSeparated";
  auto result = execute(sql);
  if (!result.is_ok()) return result.status();
  std::string_view body = result.value();
  SeriesBuilder builder(period);
  TsvRow row;
  while (next_tsv_row(body, row)) {
    SeriesRow counts;
    bool ok = row.fields.size() == 8 && parse_double(row.fields[6], counts.goldstein) &&
              parse_number(row.fields[7], counts.events);
    for (int quad = 1; ok && quad <= 4; ++quad)
      ok = parse_number(row.fields[1 + quad], counts.quad[quad]);
    if (!ok) return bad_response("series row", row.fields.empty() ? "" : row.fields[0]);
    counts.group = row.fields[1];
    builder.add(row.fields[0], counts);
  }
  return builder.finish();
}

}  // namespace tigris
