// The ClickHouse backend of EventStore, over ClickHouse's HTTP interface
// (cpp-httplib). Works with Debian's clickhouse-server 18.16 and with current
// servers; docs/store.md describes the tables, the Distributed setup and what
// begin/commit/rollback guarantee without transactions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/event_store.h"

namespace httplib {
class Client;
}

namespace tigris {

class ClickHouseStore final : public EventStore {
 public:
  // `url`: clickhouse://HOST:PORT/DATABASE[?name=value&...]. Creates the
  // database and tables when missing and checks the schema version.
  // `batch_bytes=N` sets the size of one INSERT of event rows (default 16 MiB);
  // every other parameter is sent with each request (user, password, settings).
  static Result<std::unique_ptr<EventStore>> open(const std::string& url);
  ~ClickHouseStore() override;

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

  // Runs one statement; `body` is sent after it (the rows of an INSERT ...
  // FORMAT). Returns the response body. Public for tests and tools.
  Result<std::string> execute(const std::string& sql, const std::string& body = "") const;

 private:
  ClickHouseStore() = default;
  Status migrate();
  Status load_counters();
  Status flush(std::string& rows, const char* table);
  void append_event_row(const Event& event, const std::string& story_id, std::uint64_t version,
                        const std::string& dictionary_hash, const std::string& tigris_version,
                        std::string& out);
  Status autocommit();
  Status flush_batch();

  std::unique_ptr<httplib::Client> client_;
  std::string database_;                 // checked identifier
  std::string base_path_;                // "/?database=..&settings.."
  std::size_t batch_bytes_ = 16u << 20;  // event rows per INSERT, in bytes of JSON
  bool counters_loaded_ = false;
  std::uint64_t next_id_ = 1;
  std::uint64_t next_version_ = 1;
  // The open write batch.
  bool in_batch_ = false;
  std::string fresh_events_;     // events of stories given a new version (invisible until commit)
  std::string appended_events_;  // events added to a story already visible (put_events)
  std::string stories_;          // story rows: written last, they make their version visible
  std::map<std::string, std::uint64_t> batch_versions_;  // story id -> version in this batch
  std::set<std::string> batch_appended_;  // stories visible before this batch (put_events)
  std::string event_json_;                // scratch for append_event_row
};

}  // namespace tigris
