// The event store interface, with two backends behind it:
//   - SQLite (the embedded default): a file path or `sqlite://PATH`; one file,
//     WAL mode, schema versioned (src/store/sqlite_store.cc);
//   - ClickHouse over its HTTP interface: `clickhouse://HOST:PORT/DATABASE`
//     (src/store/clickhouse_store.cc, docs/store.md).
// Stories and their events are stored together; re-ingesting a story replaces
// its events, so ingesting the same input twice changes nothing. Both backends
// answer query() and series() with the same rows (tests/store_test.cc runs one
// suite against both).
//
// A store object is not thread-safe: use one per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tigris/event.h"
#include "tigris/status.h"

namespace tigris {

struct EventQuery {
  std::vector<std::string> sources;  // actor country or code prefix ("USA", "USAGOV")
  std::vector<std::string> targets;
  std::vector<std::pair<std::string, std::string>> dyads;  // (source, target), either direction
  std::vector<std::string> roots;                          // "18", "19"
  std::vector<std::string> plover;                         // PLOVER event types
  std::string from;  // YYYY[-MM[-DD]], inclusive, on the event date
  std::string to;
  std::string place;       // location name contains (case-insensitive)
  std::size_t limit = 0;   // 0: no limit
  std::size_t offset = 0;  // rows skipped before the first one returned
};

// Checks the filters both backends rely on: dates are YYYY, YYYY-MM or
// YYYY-MM-DD; list items are not empty. Returns kInvalidInput naming the bad value.
Status validate_query(const EventQuery& query);

// One stored event, as the query returns it (GDELT-like column names in output).
struct StoredEvent {
  std::int64_t id = 0;  // unique within one database; not comparable across backends
  Event event;
  std::string dictionary_hash;
  std::string tigris_version;
  // The event JSON exactly as `tigris code` wrote it, when the backend stores
  // it: ClickHouse (schema 2 on) and SQLite rows stored at schema 3. Empty when
  // `event` holds every field (SQLite from schema 4, which rebuilds the JSON
  // from the columns) or for rows stored before spans were kept; use
  // stored_event_json() to get the JSON either way.
  std::string json;
};

// The event JSON as `tigris code` wrote it: `row.json` when the backend kept
// it, else append_event_json(row.event).
std::string stored_event_json(const StoredEvent& row);

// A story with its events, whose spans (sentence, verb, source and target)
// are byte offsets into story.text. Events stored with `ingest --events`
// belong to a story row without text.
struct StoredStory {
  Story story;
  std::vector<StoredEvent> events;  // in sentence order
};

// Events per place (location name, country and coordinates), most events first.
struct PlaceCount {
  std::string name;
  std::string country;
  std::optional<double> lat;
  std::optional<double> lon;
  std::size_t events = 0;
  std::size_t quad[5] = {0, 0, 0, 0, 0};  // per quad class 1..4 (index 0 unused)
};

// Events per directed dyad: the actors' countries, or their codes when they
// have none (IGOs, groups). Events without a target are not in any dyad.
struct DyadCount {
  std::string source;
  std::string target;
  std::size_t events = 0;
};

// Events in which a country is source or target (each event once per country).
struct CountryCount {
  std::string country;
  std::size_t events = 0;
};

enum class Period { kDay, kWeek, kMonth };

struct SeriesRow {
  std::string period;             // YYYY-MM-DD (day, or the Monday of a week) or YYYY-MM
  std::string group;              // "USA->IRQ" for dyads, "" for the total
  int quad[5] = {0, 0, 0, 0, 0};  // counts per quad class 1..4 (index 0 unused)
  double goldstein = 0.0;         // sum of Goldstein scores
  int events = 0;
};

struct Series {
  std::vector<SeriesRow> rows;  // ordered by (period, group)
  std::size_t imprecise = 0;    // events dated less precisely than the period, left out
};

// The dyad label of an event as series and alerts use it: source country (or
// code), "->", target country (or code), "---" for no target.
std::string dyad_label(const Event& event);

// Folds per-(date, group) counts into periods with the calendar rules of
// build_series(): weeks start on Monday, a date less precise than the period
// counts as imprecise. Both backends aggregate per (date, group) in SQL and
// finish here, so the calendar lives in one place.
class SeriesBuilder {
 public:
  explicit SeriesBuilder(Period period) : period_(period) {}
  void add(const std::string& date, const SeriesRow& counts);
  Series finish();

 private:
  Period period_;
  std::map<std::pair<std::string, std::string>, SeriesRow> rows_;  // (period, group)
  std::size_t imprecise_ = 0;
};

class EventStore {
 public:
  // Opens (creating or migrating) the store at `url_or_path`:
  //   "events.sqlite", "sqlite://events.sqlite"  the SQLite file (created when absent);
  //   "clickhouse://HOST:PORT/DATABASE[?setting=value&...]"  a ClickHouse server over
  //       HTTP; the database and tables are created when missing. `user` and
  //       `password` parameters authenticate, other parameters are passed on as
  //       ClickHouse settings (docs/store.md).
  static Result<std::unique_ptr<EventStore>> open(const std::string& url_or_path);
  // Whether `url_or_path` names a server rather than a local file.
  static bool is_server_url(const std::string& url_or_path);

  virtual ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // A write batch. SQLite: a transaction, everything between begin() and
  // commit() lands together or not at all (rollback() on error or when the
  // object dies). ClickHouse has no transactions: what it guarantees is in
  // docs/store.md ("Transactions").
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;

  // Replaces the story and its events (idempotent by story id).
  virtual Status put_story(const Story& story, const std::vector<Event>& events,
                           const std::string& dictionary_hash,
                           const std::string& tigris_version) = 0;
  // Adds events coded elsewhere; their story row holds only the id.
  virtual Status put_events(const std::vector<Event>& events, const std::string& source_label) = 0;

  // Events matching `query`, ordered by (event date, story id, sentence index, id).
  virtual Result<std::vector<StoredEvent>> query(const EventQuery& query) const = 0;
  // Counts per period (and per dyad when `by_dyad`) of the events matching
  // `query` (limit/offset included), aggregated in the database; equal to
  // build_series() over query(query).
  virtual Result<Series> series(const EventQuery& query, Period period, bool by_dyad) const = 0;
  virtual Result<std::size_t> count_events() const = 0;
  // The events matching `query` with only the fields build_series and
  // find_alerts read (id, date, actor codes and countries, quad class,
  // Goldstein), in no particular order: much cheaper than query() on a large store.
  virtual Result<std::vector<StoredEvent>> query_for_analysis(const EventQuery& query) const = 0;
  // Events matching the filters of `query` (its limit and offset are ignored).
  virtual Result<std::size_t> count(const EventQuery& query) const = 0;
  // The story and its events; StatusCode::kNotFound when there is no such story.
  virtual Result<StoredStory> get_story(const std::string& id) const = 0;
  // Aggregates over the events matching `query` (its limit and offset are
  // ignored); at most `limit` rows each (0: all), by count descending, ties by name.
  virtual Result<std::vector<PlaceCount>> places(const EventQuery& query,
                                                 std::size_t limit) const = 0;
  virtual Result<std::vector<DyadCount>> dyads(const EventQuery& query,
                                               std::size_t limit) const = 0;
  virtual Result<std::vector<CountryCount>> countries(const EventQuery& query,
                                                      std::size_t limit) const = 0;
  virtual int schema_version() const = 0;

 protected:
  EventStore() = default;
};

}  // namespace tigris
