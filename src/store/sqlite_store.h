// The SQLite backend of EventStore: one file, WAL mode, versioned schema.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/event_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tigris {

class SqliteStore final : public EventStore {
 public:
  // Opens (creating or migrating) the database file at `path`.
  static Result<std::unique_ptr<EventStore>> open(const std::string& path);
  ~SqliteStore() override;

  Status begin() override;
  Status commit() override;
  void rollback() override;
  Status put_story(const Story& story, const std::vector<Event>& events,
                   const std::string& dictionary_hash, const std::string& tigris_version) override;
  Status put_events(const std::vector<Event>& events, const std::string& source_label) override;
  Result<std::vector<StoredEvent>> query(const EventQuery& query) const override;
  Result<Series> series(const EventQuery& query, Period period, bool by_dyad) const override;
  Result<std::size_t> count_events() const override;
  Result<std::vector<StoredEvent>> query_for_analysis(const EventQuery& query) const override;
  Result<std::size_t> count(const EventQuery& query) const override;
  Result<StoredStory> get_story(const std::string& id) const override;
  Result<std::vector<PlaceCount>> places(const EventQuery& query, std::size_t limit) const override;
  Result<std::vector<DyadCount>> dyads(const EventQuery& query, std::size_t limit) const override;
  Result<std::vector<CountryCount>> countries(const EventQuery& query,
                                              std::size_t limit) const override;
  int schema_version() const override;

 private:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  Status exec(const char* sql) const;
  Status migrate();
  // Statements prepared once per connection (ingest calls them per story).
  enum class CachedStatement { kInsertEvent, kDeleteEvents, kPutStory, kPutEventStory, kCount };
  // The statement, reset with no bindings; null when it cannot be prepared.
  sqlite3_stmt* cached(CachedStatement which, const char* sql);
  Status insert_events(const std::vector<Event>& events, const std::string& story_id,
                       const std::string& dictionary_hash, const std::string& tigris_version);
  // Drops the secondary indexes of events for the rest of the batch and
  // remembers how to build them again at commit().
  Status defer_indexes();
  static constexpr std::size_t kDeferIndexesAfter = 10'000;  // events in one batch
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statements_[static_cast<int>(CachedStatement::kCount)] = {};
  bool in_transaction_ = false;
  std::size_t events_before_batch_ = 0;       // max(id) when the batch began
  std::size_t batch_events_ = 0;              // events written by this batch
  std::vector<std::string> rebuild_indexes_;  // CREATE INDEX statements to run at commit()
};

}  // namespace tigris
