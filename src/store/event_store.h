// The event store: SQLite by default (one file, WAL mode, schema versioned).
// Stories and their events are stored together; re-ingesting a story replaces
// its events, so ingesting the same input twice changes nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tigris/event.h"
#include "tigris/status.h"

struct sqlite3;

namespace tigris {

struct EventQuery {
  std::vector<std::string> sources;   // actor country or code prefix ("USA", "USAGOV")
  std::vector<std::string> targets;
  std::vector<std::pair<std::string, std::string>> dyads;  // (source, target), either direction
  std::vector<std::string> roots;     // "18", "19"
  std::vector<std::string> plover;    // PLOVER event types
  std::string from;                   // YYYY[-MM[-DD]], inclusive, on the event date
  std::string to;
  std::string place;                  // location name contains (case-insensitive)
  std::size_t limit = 0;              // 0: no limit
  std::size_t offset = 0;
};

// One stored event, as the query returns it (GDELT-like column names in output).
struct StoredEvent {
  std::int64_t id = 0;
  Event event;
  std::string dictionary_hash;
  std::string tigris_version;
  // The event JSON exactly as `tigris code` wrote it when it was stored
  // (schema 2 on); empty for rows stored before that.
  std::string json;
};

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

class EventStore {
 public:
  // Opens (creating or migrating) the database at `path`.
  static Result<std::unique_ptr<EventStore>> open(const std::string& path);
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // A write transaction: everything between begin() and commit() lands
  // together or not at all (rollback() on error or when the object dies).
  Status begin();
  Status commit();
  void rollback();

  // Replaces the story and its events (idempotent by story id).
  Status put_story(const Story& story, const std::vector<Event>& events,
                   const std::string& dictionary_hash, const std::string& tigris_version);
  // Adds events coded elsewhere; their story row holds only the id.
  Status put_events(const std::vector<Event>& events, const std::string& source_label);

  Result<std::vector<StoredEvent>> query(const EventQuery& query) const;
  Result<std::size_t> count_events() const;
  // The events matching `query` with only the fields build_series and
  // find_alerts read (id, date, actor codes and countries, quad class,
  // Goldstein), in no particular order: much cheaper than query() on a large store.
  Result<std::vector<StoredEvent>> query_for_analysis(const EventQuery& query) const;
  // Events matching the filters of `query` (its limit and offset are ignored).
  Result<std::size_t> count(const EventQuery& query) const;
  // The story and its events; StatusCode::kNotFound when there is no such story.
  Result<StoredStory> get_story(const std::string& id) const;
  // Aggregates over the events matching `query` (its limit and offset are
  // ignored); at most `limit` rows each (0: all), by count descending, ties by name.
  Result<std::vector<PlaceCount>> places(const EventQuery& query, std::size_t limit) const;
  Result<std::vector<DyadCount>> dyads(const EventQuery& query, std::size_t limit) const;
  Result<std::vector<CountryCount>> countries(const EventQuery& query, std::size_t limit) const;
  int schema_version() const;

 private:
  explicit EventStore(sqlite3* db) : db_(db) {}
  Status exec(const char* sql) const;
  Status migrate();
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
};

}  // namespace tigris
