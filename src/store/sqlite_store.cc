#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <initializer_list>

#include "tigris/io.h"

namespace tigris {
namespace {

// Schema migrations, applied in order; the index of the last one applied is
// stored in schema_version. Never edit a released step: append a new one.
constexpr const char* kMigrations[] = {
    // 1: stories and events
    "CREATE TABLE stories ("
    "  id TEXT PRIMARY KEY, date TEXT, source TEXT, title TEXT, url TEXT, text TEXT,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    "  sentence_index INTEGER, sentence TEXT, event_date TEXT, date_source TEXT, historical "
    "INTEGER,"
    "  source_code TEXT, source_country TEXT, source_text TEXT,"
    "  target_code TEXT, target_country TEXT, target_text TEXT,"
    "  cameo TEXT, root TEXT, quad_class INTEGER, goldstein REAL, plover_type TEXT, plover_mode "
    "TEXT,"
    "  mode TEXT, location_name TEXT, location_country TEXT, lat REAL, lon REAL,"
    "  verb TEXT, pattern TEXT, pattern_entry TEXT, dictionary_hash TEXT, tigris_version TEXT);"
    "CREATE INDEX events_story ON events(story_id);"
    "CREATE INDEX events_date ON events(event_date);"
    "CREATE INDEX events_dyad ON events(source_country, target_country, event_date);",
    // 2: the dyad index covers what series() reads, so a dyad's series never
    // touches the table (a weekly series of one dyad over 1M events: ~10x faster).
    "DROP INDEX events_dyad;"
    "CREATE INDEX events_dyad_series ON events(source_country, target_country, event_date,"
    "  quad_class, goldstein);",
    // 3: byte spans for highlighting a story's events (tigris serve), the event
    // JSON as coded (so the API returns every field) and an index for places().
    // (Series and alerts read through events_dyad_series and events_date.)
    "ALTER TABLE events ADD COLUMN sentence_begin INTEGER;"
    "ALTER TABLE events ADD COLUMN sentence_end INTEGER;"
    "ALTER TABLE events ADD COLUMN verb_begin INTEGER;"
    "ALTER TABLE events ADD COLUMN verb_end INTEGER;"
    "ALTER TABLE events ADD COLUMN source_begin INTEGER;"
    "ALTER TABLE events ADD COLUMN source_end INTEGER;"
    "ALTER TABLE events ADD COLUMN target_begin INTEGER;"
    "ALTER TABLE events ADD COLUMN target_end INTEGER;"
    "ALTER TABLE events ADD COLUMN event_json TEXT;"
    "CREATE INDEX events_place ON events(location_name, location_country);",
    // 4: event_json held every field a second time (about half of each row).
    // New rows leave it NULL: the fields it alone held get columns, and the
    // rarer ones (rules, reported_by, actor places) go to event_extra in the
    // shape of the event JSON; the event JSON is rebuilt from the row. Rows
    // stored before keep their event_json.
    "ALTER TABLE events ADD COLUMN date_text TEXT;"
    "ALTER TABLE events ADD COLUMN source_name TEXT;"
    "ALTER TABLE events ADD COLUMN source_entry TEXT;"
    "ALTER TABLE events ADD COLUMN target_name TEXT;"
    "ALTER TABLE events ADD COLUMN target_entry TEXT;"
    "ALTER TABLE events ADD COLUMN location_admin1 TEXT;"
    "ALTER TABLE events ADD COLUMN location_geonames_id INTEGER;"
    "ALTER TABLE events ADD COLUMN event_extra TEXT;",
};

// Databases written by the `serve` branch before the store backends were
// merged say version 2 but hold step 3's columns (and an events_analysis
// index) instead of step 2's index. This brings them to version 3.
constexpr const char* kServeV2ToV3 =
    "DROP INDEX IF EXISTS events_analysis;"
    "DROP INDEX IF EXISTS events_dyad;"
    "CREATE INDEX IF NOT EXISTS events_dyad_series ON events(source_country, target_country,"
    "  event_date, quad_class, goldstein);"
    "CREATE INDEX IF NOT EXISTS events_place ON events(location_name, location_country);";

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

Status sqlite_error(sqlite3* db, const std::string& what) {
  return Status(StatusCode::kIoError, what + ": " + sqlite3_errmsg(db));
}

// Binds without a copy: `value` must outlive the statement's next step, so
// temporaries are refused at compile time.
void bind_text(sqlite3_stmt* stmt, int index, std::string&& value) = delete;
void bind_text(sqlite3_stmt* stmt, int index, const std::string& value) {
  if (value.empty()) {
    sqlite3_bind_null(stmt, index);
  } else {
    // The value outlives the statement's next step, so SQLite need not copy it.
    sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
}

std::string column_text(sqlite3_stmt* stmt, int index) {
  const unsigned char* text = sqlite3_column_text(stmt, index);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt, index)))
              : "";
}

// `text` with LIKE's wildcards and the escape character escaped by a backslash.
std::string like_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<EventStore>> SqliteStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status status = sqlite_error(db, "cannot open database");
    sqlite3_close(db);
    return status.at(path, 0);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  sqlite3_busy_timeout(db, 5000);
  // page_size applies only to a new, empty file (WAL mode then fixes it): 16
  // KiB pages halve the CPU time of writing and checkpointing a batch compared
  // to 4 KiB (docs/performance.md). synchronous=NORMAL: WAL commits are not
  // fsynced, checkpoints are; a killed process loses nothing committed, a
  // power loss may lose the last commits but never corrupts the file.
  TIGRIS_RETURN_IF_ERROR(
      store->exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"));
  Status migrated = store->migrate();
  if (!migrated.is_ok()) return migrated.at(path, 0);
  return std::unique_ptr<EventStore>(std::move(store));
}

SqliteStore::~SqliteStore() {
  if (in_transaction_) rollback();
  for (sqlite3_stmt* stmt : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteStore::exec(const char* sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Status status(StatusCode::kIoError, std::string("database: ") + (message ? message : "error"));
    sqlite3_free(message);
    return status;
  }
  return Status::ok();
}

int SqliteStore::schema_version() const {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT version FROM schema_version", -1, &s.stmt, nullptr) !=
      SQLITE_OK) {
    return 0;
  }
  return sqlite3_step(s.stmt) == SQLITE_ROW ? sqlite3_column_int(s.stmt, 0) : 0;
}

Status SqliteStore::migrate() {
  TIGRIS_RETURN_IF_ERROR(
      exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"));
  int current = schema_version();
  constexpr int kLatest = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));
  if (current > kLatest) {
    return Status(StatusCode::kUnsupported, "database schema version " + std::to_string(current) +
                                                " is newer than this Tigris understands (" +
                                                std::to_string(kLatest) + ")");
  }
  if (current == kLatest) return Status::ok();
  bool serve_v2 = false;
  if (current == 2) {
    Statement s;
    serve_v2 = sqlite3_prepare_v2(db_,
                                  "SELECT 1 FROM pragma_table_info('events')"
                                  " WHERE name = 'event_json'",
                                  -1, &s.stmt, nullptr) == SQLITE_OK &&
               sqlite3_step(s.stmt) == SQLITE_ROW;
  }
  TIGRIS_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE;"));
  for (int step = current; step < kLatest; ++step) {
    Status status = exec(serve_v2 && step == 2 ? kServeV2ToV3 : kMigrations[step]);
    if (!status.is_ok()) {
      (void)exec("ROLLBACK;");
      return status;
    }
  }
  std::string set_version = "DELETE FROM schema_version; INSERT INTO schema_version VALUES (" +
                            std::to_string(kLatest) + ");";
  Status status = exec(set_version.c_str());
  if (!status.is_ok()) {
    (void)exec("ROLLBACK;");
    return status;
  }
  return exec("COMMIT;");
}

Status SqliteStore::begin() {
  TIGRIS_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE;"));
  in_transaction_ = true;
  batch_events_ = 0;
  rebuild_indexes_.clear();
  // max(id) is found in O(log n) and is at least the number of rows.
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT max(id) FROM events", -1, &s.stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_ROW) {
    Status status = sqlite_error(db_, "cannot read the events table");
    rollback();
    return status;
  }
  events_before_batch_ = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 0));
  return Status::ok();
}

Status SqliteStore::defer_indexes() {
  // Every index of events but events_story (put_story's DELETE needs it);
  // commit() runs their CREATE statements again, as sqlite_master holds them.
  Statement s;
  if (sqlite3_prepare_v2(db_,
                         "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                         " AND tbl_name = 'events' AND name != 'events_story' AND sql IS NOT NULL",
                         -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot list the indexes");
  }
  std::vector<std::string> names;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    names.push_back(column_text(s.stmt, 0));
    rebuild_indexes_.push_back(column_text(s.stmt, 1));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot list the indexes");
  for (const std::string& name : names) {
    TIGRIS_RETURN_IF_ERROR(exec(("DROP INDEX \"" + name + "\";").c_str()));
  }
  return Status::ok();
}

Status SqliteStore::commit() {
  for (const std::string& create : rebuild_indexes_) {
    if (Status status = exec(create.c_str()); !status.is_ok()) {
      rollback();  // all or nothing: the batch goes with its indexes
      return status;
    }
  }
  rebuild_indexes_.clear();
  in_transaction_ = false;
  return exec("COMMIT;");
}

void SqliteStore::rollback() {
  in_transaction_ = false;
  rebuild_indexes_.clear();
  (void)exec("ROLLBACK;");
}

namespace {

constexpr const char* kInsertEvent =
    "INSERT INTO events (story_id, sentence_index, sentence, event_date, date_source, historical,"
    " source_code, source_country, source_text, target_code, target_country, target_text, cameo,"
    " root, quad_class, goldstein, plover_type, plover_mode, mode, location_name,"
    " location_country, lat, lon, verb, pattern, pattern_entry, dictionary_hash, tigris_version,"
    " sentence_begin, sentence_end, verb_begin, verb_end, source_begin, source_end,"
    " target_begin, target_end, date_text, source_name, source_entry, target_name, target_entry,"
    " location_admin1, location_geonames_id, event_extra)"
    " VALUES "
    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// `"key":` after a comma unless it is the first member of its object.
void append_key(const char* key, std::string& out) {
  if (out.back() != '{') out.push_back(',');
  out.push_back('"');
  out += key;
  out += "\":";
}

void append_text(const char* key, const std::string& value, std::string& out) {
  if (value.empty()) return;
  append_key(key, out);
  append_json_string(value, out);
}

// Shortest text that reads back as the same double.
void append_double(const char* key, double value, std::string& out) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  append_key(key, out);
  out.append(buffer, result.ptr);
}

template <typename Integer>
void append_integer(const char* key, Integer value, std::string& out) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  append_key(key, out);
  out.append(buffer, result.ptr);
}

// Every field of a place, for places without columns (actor locations).
void append_location(const char* key, const Location& place, std::string& out) {
  append_key(key, out);
  out.push_back('{');
  append_text("name", place.name, out);
  append_text("country", place.country, out);
  if (place.lat) append_double("lat", *place.lat, out);
  if (place.lon) append_double("lon", *place.lon, out);
  append_text("admin1", place.admin1, out);
  if (place.geonames_id) append_integer("geonames_id", place.geonames_id, out);
  out.push_back('}');
}

// The actor's place, or (`whole`) every field of the actor, as an object at
// `key`; nothing when there is nothing to write and `always` is false.
void append_actor(const char* key, const Actor& actor, bool whole, bool always, std::string& out) {
  if (!whole && !always && !actor.location) return;
  append_key(key, out);
  out.push_back('{');
  if (whole) {
    append_text("code", actor.code, out);
    append_text("country", actor.country, out);
    append_text("name", actor.name, out);
    append_text("text", actor.text, out);
    append_integer("begin", actor.span.begin, out);
    append_integer("end", actor.span.end, out);
    append_text("entry", actor.entry, out);
  }
  if (actor.location) append_location("location", *actor.location, out);
  out.push_back('}');
}

// What the columns of an event row cannot hold, in the shape of the event JSON
// (merge_event_json reads it back); "" when the columns hold everything.
void event_extra(const Event& e, const std::string& story_id, std::string& out) {
  out = "{";
  if (e.story_id != story_id) {
    append_key("story_id", out);
    append_json_string(e.story_id, out);
  }
  append_actor("source", e.source, false, false, out);
  // A target or place is read back from its columns only when its code or name
  // is there: one without is kept here whole.
  if (e.target) {
    bool whole = e.target->code.empty();
    append_actor("target", *e.target, whole, whole, out);
  }
  if (e.reported_by) append_actor("reported_by", *e.reported_by, true, true, out);
  if (e.location && e.location->name.empty()) append_location("location", *e.location, out);
  if (!e.evidence.rules.empty()) {
    append_key("evidence", out);
    out += "{\"rules\":[";
    for (std::size_t i = 0; i < e.evidence.rules.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(e.evidence.rules[i], out);
    }
    out += "]}";
  }
  if (out.size() == 1) {
    out.clear();
  } else {
    out.push_back('}');
  }
}

void bind_optional(sqlite3_stmt* stmt, int index, const std::optional<double>& value) {
  if (value) {
    sqlite3_bind_double(stmt, index, *value);
  } else {
    sqlite3_bind_null(stmt, index);
  }
}

}  // namespace

sqlite3_stmt* SqliteStore::cached(CachedStatement which, const char* sql) {
  sqlite3_stmt*& slot = statements_[static_cast<int>(which)];
  if (!slot && sqlite3_prepare_v2(db_, sql, -1, &slot, nullptr) != SQLITE_OK) {
    sqlite3_finalize(slot);
    slot = nullptr;
    return nullptr;
  }
  sqlite3_reset(slot);
  sqlite3_clear_bindings(slot);
  return slot;
}

Status SqliteStore::insert_events(const std::vector<Event>& events, const std::string& story_id,
                                  const std::string& dictionary_hash,
                                  const std::string& tigris_version) {
  sqlite3_stmt* stmt = cached(CachedStatement::kInsertEvent, kInsertEvent);
  if (!stmt) return sqlite_error(db_, "cannot prepare insert");
  static const std::optional<double> kNone;
  static const std::string kEmpty;
  std::string extra;  // bound without a copy: lives until the next step
  for (const Event& e : events) {
    sqlite3_reset(stmt);
    int i = 1;
    const std::string& stored_story_id = story_id.empty() ? e.story_id : story_id;
    bind_text(stmt, i++, stored_story_id);
    sqlite3_bind_int(stmt, i++, static_cast<int>(e.sentence_index));
    bind_text(stmt, i++, e.sentence);
    bind_text(stmt, i++, e.date);
    bind_text(stmt, i++, e.date_source);
    sqlite3_bind_int(stmt, i++, e.historical ? 1 : 0);
    bind_text(stmt, i++, e.source.code);
    bind_text(stmt, i++, e.source.country);
    bind_text(stmt, i++, e.source.text);
    bind_text(stmt, i++, e.target ? e.target->code : kEmpty);
    bind_text(stmt, i++, e.target ? e.target->country : kEmpty);
    bind_text(stmt, i++, e.target ? e.target->text : kEmpty);
    bind_text(stmt, i++, e.cameo);
    bind_text(stmt, i++, e.root);
    sqlite3_bind_int(stmt, i++, e.quad_class);
    sqlite3_bind_double(stmt, i++, e.goldstein);
    bind_text(stmt, i++, e.plover_type);
    bind_text(stmt, i++, e.plover_mode);
    bind_text(stmt, i++, e.mode);
    bind_text(stmt, i++, e.location ? e.location->name : kEmpty);
    bind_text(stmt, i++, e.location ? e.location->country : kEmpty);
    bind_optional(stmt, i++, e.location ? e.location->lat : kNone);
    bind_optional(stmt, i++, e.location ? e.location->lon : kNone);
    bind_text(stmt, i++, e.evidence.verb);
    bind_text(stmt, i++, e.evidence.pattern);
    bind_text(stmt, i++, e.evidence.pattern_entry);
    bind_text(stmt, i++, dictionary_hash);
    bind_text(stmt, i++, tigris_version);
    auto bind_span = [&](const Span& span) {
      sqlite3_bind_int64(stmt, i++, span.begin);
      sqlite3_bind_int64(stmt, i++, span.end);
    };
    bind_span(e.sentence_span);
    bind_span(e.evidence.verb_span);
    bind_span(e.source.span);
    if (e.target) {
      bind_span(e.target->span);
    } else {
      sqlite3_bind_null(stmt, i++);
      sqlite3_bind_null(stmt, i++);
    }
    bind_text(stmt, i++, e.date_text);
    bind_text(stmt, i++, e.source.name);
    bind_text(stmt, i++, e.source.entry);
    bind_text(stmt, i++, e.target ? e.target->name : kEmpty);
    bind_text(stmt, i++, e.target ? e.target->entry : kEmpty);
    bind_text(stmt, i++, e.location ? e.location->admin1 : kEmpty);
    if (e.location && e.location->geonames_id) {
      sqlite3_bind_int64(stmt, i++, e.location->geonames_id);
    } else {
      sqlite3_bind_null(stmt, i++);
    }
    event_extra(e, stored_story_id, extra);
    bind_text(stmt, i++, extra);
    if (sqlite3_step(stmt) != SQLITE_DONE) {
      Status status = sqlite_error(db_, "cannot insert event");
      sqlite3_reset(stmt);
      return status;
    }
  }
  sqlite3_reset(stmt);
  // A batch that has written more events than the table held before it (and
  // many) goes on without the secondary indexes; commit() builds them again
  // by sorting, which costs less than updating them row by row.
  batch_events_ += events.size();
  if (in_transaction_ && rebuild_indexes_.empty() &&
      batch_events_ > std::max(kDeferIndexesAfter, events_before_batch_)) {
    TIGRIS_RETURN_IF_ERROR(defer_indexes());
  }
  return Status::ok();
}

Status SqliteStore::put_story(const Story& story, const std::vector<Event>& events,
                              const std::string& dictionary_hash,
                              const std::string& tigris_version) {
  sqlite3_stmt* del =
      cached(CachedStatement::kDeleteEvents, "DELETE FROM events WHERE story_id = ?");
  if (!del) return sqlite_error(db_, "cannot prepare delete");
  bind_text(del, 1, story.id);
  int rc = sqlite3_step(del);
  sqlite3_reset(del);
  if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot replace events");
  sqlite3_stmt* put = cached(CachedStatement::kPutStory,
                             "INSERT OR REPLACE INTO stories (id, date, source, title, url, text) "
                             "VALUES (?,?,?,?,?,?)");
  if (!put) return sqlite_error(db_, "cannot prepare story insert");
  bind_text(put, 1, story.id);
  bind_text(put, 2, story.date);
  bind_text(put, 3, story.source);
  bind_text(put, 4, story.title);
  bind_text(put, 5, story.url);
  bind_text(put, 6, story.text);
  rc = sqlite3_step(put);
  sqlite3_reset(put);
  if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot store story");
  return insert_events(events, story.id, dictionary_hash, tigris_version);
}

Status SqliteStore::put_events(const std::vector<Event>& events, const std::string& source_label) {
  sqlite3_stmt* put = cached(CachedStatement::kPutEventStory,
                             "INSERT OR IGNORE INTO stories (id, source) VALUES (?, ?)");
  if (!put) return sqlite_error(db_, "cannot prepare story insert");
  for (const Event& e : events) {
    sqlite3_reset(put);
    bind_text(put, 1, e.story_id);
    bind_text(put, 2, source_label);
    if (sqlite3_step(put) != SQLITE_DONE) {
      Status status = sqlite_error(db_, "cannot store story");
      sqlite3_reset(put);
      return status;
    }
  }
  sqlite3_reset(put);
  return insert_events(events, "", "", "");
}

Result<std::size_t> SqliteStore::count_events() const {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM events", -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot count");
  }
  sqlite3_step(s.stmt);
  return static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 0));
}

namespace {

// The WHERE clause of `q`'s filters (not its limit and offset) with `?`
// placeholders, and the values to bind to them in order.
void append_where(const EventQuery& q, std::string& sql, std::vector<std::string>& params) {
  sql += " WHERE 1=1";
  auto any_of = [&](const std::vector<std::string>& values, const char* column_code,
                    const char* column_country) {
    if (values.empty()) return;
    sql += " AND (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) sql += " OR ";
      // "USA" matches the country; "USAGOV" matches codes starting with it
      // (ASCII case-insensitive, as LIKE is; the value's own % and _ are literal).
      sql += std::string("(") + column_country + " = ? OR " + column_code +
             " LIKE ? || '%' ESCAPE '\\')";
      params.push_back(values[i]);
      params.push_back(like_escaped(values[i]));
    }
    sql += ")";
  };
  any_of(q.sources, "source_code", "source_country");
  any_of(q.targets, "target_code", "target_country");
  if (!q.dyads.empty()) {
    sql += " AND (";
    for (std::size_t i = 0; i < q.dyads.size(); ++i) {
      if (i) sql += " OR ";
      sql +=
          "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country "
          "= ?))";
      params.push_back(q.dyads[i].first);
      params.push_back(q.dyads[i].second);
      params.push_back(q.dyads[i].second);
      params.push_back(q.dyads[i].first);
    }
    sql += ")";
  }
  auto in_list = [&](const std::vector<std::string>& values, const char* column) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      sql += i ? ",?" : "?";
      params.push_back(values[i]);
    }
    sql += ")";
  };
  std::vector<std::string> roots;
  for (const auto& root : q.roots) roots.push_back(root.size() == 1 ? "0" + root : root);
  in_list(roots, "root");
  in_list(q.plover, "plover_type");
  // Dates compare as text at the shorter precision: "2020" covers "2020-09-29".
  if (!q.from.empty()) {
    sql += " AND substr(event_date, 1, length(?)) >= ?";
    params.push_back(q.from);
    params.push_back(q.from);
  }
  if (!q.to.empty()) {
    sql += " AND substr(event_date, 1, length(?)) <= ?";
    params.push_back(q.to);
    params.push_back(q.to);
  }
  if (!q.place.empty()) {
    sql += " AND location_name LIKE '%' || ? || '%' ESCAPE '\\'";
    params.push_back(like_escaped(q.place));
  }
}

// The WHERE clause, ORDER BY and LIMIT of `q` with `?` placeholders, and the
// values to bind to them in order.
void append_filters(const EventQuery& q, std::string& sql, std::vector<std::string>& params,
                    bool ordered = true) {
  append_where(q, sql, params);
  // The order matters to a series only when a limit picks the rows.
  if (ordered || q.limit || q.offset) sql += " ORDER BY event_date, story_id, sentence_index, id";
  if (q.limit || q.offset) {
    sql += " LIMIT " + (q.limit ? std::to_string(q.limit) : std::string("-1")) + " OFFSET " +
           std::to_string(q.offset);
  }
}

}  // namespace

namespace {

// Prepares `sql` and binds `params` (each list in turn) as text.
Status prepare(sqlite3* db, const std::string& sql,
               std::initializer_list<const std::vector<std::string>*> params, Statement& s) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db, "cannot prepare query");
  }
  int index = 1;
  for (const auto* list : params) {
    for (const auto& value : *list) {
      sqlite3_bind_text(s.stmt, index++, value.c_str(), -1, SQLITE_TRANSIENT);
    }
  }
  return Status::ok();
}

constexpr const char* kEventColumns =
    "SELECT id, story_id, sentence_index, sentence, event_date, date_source, historical,"
    " source_code, source_country, source_text, target_code, target_country, target_text, cameo,"
    " root, quad_class, goldstein, plover_type, plover_mode, mode, location_name,"
    " location_country, lat, lon, verb, pattern, pattern_entry, dictionary_hash, tigris_version,"
    " sentence_begin, sentence_end, verb_begin, verb_end, source_begin, source_end,"
    " target_begin, target_end, event_json, date_text, source_name, source_entry, target_name,"
    " target_entry, location_admin1, location_geonames_id, event_extra FROM events";

Span span_at(sqlite3_stmt* stmt, int c) {
  return Span{static_cast<std::uint32_t>(sqlite3_column_int64(stmt, c)),
              static_cast<std::uint32_t>(sqlite3_column_int64(stmt, c + 1))};
}

// One row of kEventColumns; an event_extra that cannot be read is an error
// (the database was changed by something else than Tigris).
Result<StoredEvent> read_event(sqlite3_stmt* stmt) {
  StoredEvent row;
  int c = 0;
  row.id = sqlite3_column_int64(stmt, c++);
  Event& e = row.event;
  e.story_id = column_text(stmt, c++);
  e.sentence_index = static_cast<std::uint32_t>(sqlite3_column_int(stmt, c++));
  e.sentence = column_text(stmt, c++);
  e.date = column_text(stmt, c++);
  e.date_source = column_text(stmt, c++);
  e.historical = sqlite3_column_int(stmt, c++) != 0;
  e.source.code = column_text(stmt, c++);
  e.source.country = column_text(stmt, c++);
  e.source.text = column_text(stmt, c++);
  std::string target_code = column_text(stmt, c++);
  std::string target_country = column_text(stmt, c++);
  std::string target_text = column_text(stmt, c++);
  if (!target_code.empty()) {
    e.target = Actor{};
    e.target->code = target_code;
    e.target->country = target_country;
    e.target->text = target_text;
  }
  e.cameo = column_text(stmt, c++);
  e.root = column_text(stmt, c++);
  e.quad_class = sqlite3_column_int(stmt, c++);
  e.goldstein = sqlite3_column_double(stmt, c++);
  e.plover_type = column_text(stmt, c++);
  e.plover_mode = column_text(stmt, c++);
  e.mode = column_text(stmt, c++);
  std::string location = column_text(stmt, c++);
  std::string location_country = column_text(stmt, c++);
  bool has_lat = sqlite3_column_type(stmt, c) != SQLITE_NULL;
  double lat = sqlite3_column_double(stmt, c++);
  bool has_lon = sqlite3_column_type(stmt, c) != SQLITE_NULL;
  double lon = sqlite3_column_double(stmt, c++);
  if (!location.empty()) {
    e.location = Location{location, location_country, std::nullopt, std::nullopt, "", 0};
    if (has_lat) e.location->lat = lat;
    if (has_lon) e.location->lon = lon;
  }
  e.evidence.verb = column_text(stmt, c++);
  e.evidence.pattern = column_text(stmt, c++);
  e.evidence.pattern_entry = column_text(stmt, c++);
  row.dictionary_hash = column_text(stmt, c++);
  row.tigris_version = column_text(stmt, c++);
  e.sentence_span = span_at(stmt, c);
  c += 2;
  e.evidence.verb_span = span_at(stmt, c);
  c += 2;
  e.source.span = span_at(stmt, c);
  c += 2;
  if (e.target) e.target->span = span_at(stmt, c);
  c += 2;
  row.json = column_text(stmt, c++);
  e.date_text = column_text(stmt, c++);
  e.source.name = column_text(stmt, c++);
  e.source.entry = column_text(stmt, c++);
  if (e.target) {
    e.target->name = column_text(stmt, c);
    e.target->entry = column_text(stmt, c + 1);
  }
  c += 2;
  if (e.location) {
    e.location->admin1 = column_text(stmt, c);
    e.location->geonames_id = sqlite3_column_int64(stmt, c + 1);
  }
  c += 2;
  if (sqlite3_column_type(stmt, c) != SQLITE_NULL) {
    const char* extra = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
    Status merged = merge_event_json(
        std::string_view(extra, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))), e);
    if (!merged.is_ok()) {
      return Status(StatusCode::kIoError,
                    "event " + std::to_string(row.id) + ": bad event_extra: " + merged.message())
          .with_excerpt(extra);
    }
  }
  return row;
}

std::string limit_clause(std::size_t limit) {
  return limit ? " LIMIT " + std::to_string(limit) : "";
}

}  // namespace

Result<std::vector<StoredEvent>> SqliteStore::query(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string sql = kEventColumns;
  std::vector<std::string> params;
  append_filters(q, sql, params);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params}, s));
  std::vector<StoredEvent> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    auto row = read_event(s.stmt);
    if (!row.is_ok()) return row.status();
    out.push_back(std::move(row.value()));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "query failed");
  return out;
}

Result<std::vector<StoredEvent>> SqliteStore::query_for_analysis(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string sql =
      "SELECT id, event_date, source_code, source_country, target_code, target_country,"
      " quad_class, goldstein FROM events";
  std::vector<std::string> params;
  append_where(q, sql, params);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params}, s));
  std::vector<StoredEvent> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    StoredEvent row;
    Event& e = row.event;
    row.id = sqlite3_column_int64(s.stmt, 0);
    e.date = column_text(s.stmt, 1);
    e.source.code = column_text(s.stmt, 2);
    e.source.country = column_text(s.stmt, 3);
    std::string target_code = column_text(s.stmt, 4);
    if (!target_code.empty()) {
      e.target = Actor{};
      e.target->code = std::move(target_code);
      e.target->country = column_text(s.stmt, 5);
    }
    e.quad_class = sqlite3_column_int(s.stmt, 6);
    e.goldstein = sqlite3_column_double(s.stmt, 7);
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "query failed");
  return out;
}

Result<std::size_t> SqliteStore::count(const EventQuery& q) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string sql = "SELECT COUNT(*) FROM events";
  std::vector<std::string> params;
  append_where(q, sql, params);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params}, s));
  if (sqlite3_step(s.stmt) != SQLITE_ROW) return sqlite_error(db_, "count failed");
  return static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 0));
}

Result<StoredStory> SqliteStore::get_story(const std::string& id) const {
  StoredStory out;
  std::vector<std::string> params = {id};
  {
    Statement s;
    TIGRIS_RETURN_IF_ERROR(prepare(
        db_, "SELECT id, date, source, title, url, text FROM stories WHERE id = ?", {&params}, s));
    int rc = sqlite3_step(s.stmt);
    if (rc == SQLITE_DONE) {
      return Status(StatusCode::kNotFound, "no such story").with_excerpt(id);
    }
    if (rc != SQLITE_ROW) return sqlite_error(db_, "story query failed");
    out.story.id = column_text(s.stmt, 0);
    out.story.date = column_text(s.stmt, 1);
    out.story.source = column_text(s.stmt, 2);
    out.story.title = column_text(s.stmt, 3);
    out.story.url = column_text(s.stmt, 4);
    out.story.text = column_text(s.stmt, 5);
  }
  Statement s;
  TIGRIS_RETURN_IF_ERROR(
      prepare(db_, std::string(kEventColumns) + " WHERE story_id = ? ORDER BY sentence_index, id",
              {&params}, s));
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    auto row = read_event(s.stmt);
    if (!row.is_ok()) return row.status();
    out.events.push_back(std::move(row.value()));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "story query failed");
  return out;
}

Result<std::vector<PlaceCount>> SqliteStore::places(const EventQuery& q, std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string sql =
      "SELECT location_name, location_country, lat, lon, COUNT(*),"
      " SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)"
      " FROM events";
  std::vector<std::string> params;
  append_where(q, sql, params);
  sql +=
      " AND location_name IS NOT NULL"
      " GROUP BY location_name, location_country, lat, lon"
      " ORDER BY 5 DESC, location_name, location_country, lat, lon" +
      limit_clause(limit);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params}, s));
  std::vector<PlaceCount> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    PlaceCount place;
    place.name = column_text(s.stmt, 0);
    place.country = column_text(s.stmt, 1);
    if (sqlite3_column_type(s.stmt, 2) != SQLITE_NULL) place.lat = sqlite3_column_double(s.stmt, 2);
    if (sqlite3_column_type(s.stmt, 3) != SQLITE_NULL) place.lon = sqlite3_column_double(s.stmt, 3);
    place.events = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 4));
    for (int k = 1; k <= 4; ++k) {
      place.quad[k] = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 4 + k));
    }
    out.push_back(std::move(place));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "places query failed");
  return out;
}

Result<std::vector<DyadCount>> SqliteStore::dyads(const EventQuery& q, std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string sql =
      "SELECT COALESCE(source_country, source_code, '') AS s,"
      " COALESCE(target_country, target_code) AS t, COUNT(*) FROM events";
  std::vector<std::string> params;
  append_where(q, sql, params);
  sql += " AND target_code IS NOT NULL GROUP BY s, t ORDER BY 3 DESC, s, t" + limit_clause(limit);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params}, s));
  std::vector<DyadCount> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    out.push_back({column_text(s.stmt, 0), column_text(s.stmt, 1),
                   static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 2))});
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "dyads query failed");
  return out;
}

Result<std::vector<CountryCount>> SqliteStore::countries(const EventQuery& q,
                                                         std::size_t limit) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  std::string where;
  std::vector<std::string> params;
  append_where(q, where, params);
  // UNION (not UNION ALL) keeps one (event, country) pair: USA->USA counts once.
  std::string sql =
      "SELECT country, COUNT(*) FROM (SELECT id, source_country AS country FROM events" + where +
      " UNION SELECT id, target_country FROM events" + where +
      ") WHERE country IS NOT NULL GROUP BY country ORDER BY 2 DESC, country" + limit_clause(limit);
  Statement s;
  TIGRIS_RETURN_IF_ERROR(prepare(db_, sql, {&params, &params}, s));
  std::vector<CountryCount> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    out.push_back(
        {column_text(s.stmt, 0), static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 1))});
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "countries query failed");
  return out;
}

Result<Series> SqliteStore::series(const EventQuery& q, Period period, bool by_dyad) const {
  TIGRIS_RETURN_IF_ERROR(validate_query(q));
  // Per (date, dyad) in SQL; SeriesBuilder folds the dates into periods.
  // A month series can group by the month in SQL: SeriesBuilder takes the
  // first 7 bytes of what it gets, so a prefix of 7 or more is the same key.
  std::string sql = period == Period::kMonth
                        ? "SELECT CASE WHEN length(event_date) >= 7 THEN substr(event_date, 1, 7)"
                          " ELSE event_date END, "
                        : "SELECT event_date, ";
  sql += by_dyad ? "COALESCE(NULLIF(source_country, ''), source_code, '') || '->' ||"
                   " CASE WHEN COALESCE(target_code, '') = '' THEN '---'"
                   " ELSE COALESCE(NULLIF(target_country, ''), target_code) END"
                 : "''";
  sql +=
      ", SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4),"
      " TOTAL(goldstein), COUNT(*) FROM (SELECT event_date, source_code, source_country,"
      " target_code, target_country, quad_class, goldstein FROM events";
  std::vector<std::string> params;
  append_filters(q, sql, params, /*ordered=*/false);
  sql += ") GROUP BY 1, 2";
  Statement s;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot prepare series");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(s.stmt, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
  }
  SeriesBuilder builder(period);
  int rc = 0;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    SeriesRow counts;
    counts.group = column_text(s.stmt, 1);
    for (int quad = 1; quad <= 4; ++quad) counts.quad[quad] = sqlite3_column_int(s.stmt, 1 + quad);
    counts.goldstein = sqlite3_column_double(s.stmt, 6);
    counts.events = sqlite3_column_int(s.stmt, 7);
    builder.add(column_text(s.stmt, 0), counts);
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "series failed");
  return builder.finish();
}

}  // namespace tigris
