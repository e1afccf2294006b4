#include "store/event_store.h"

#include "store/clickhouse_store.h"
#include "store/sqlite_store.h"
#include "tigris/io.h"
#include "time/dates.h"

namespace tigris {
namespace {

bool is_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// YYYY, YYYY-MM or YYYY-MM-DD, digits where digits belong.
bool is_date_prefix(const std::string& date) {
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
  for (std::size_t i = 0; i < date.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? date[i] != '-' : !is_digits(std::string_view(&date[i], 1))) return false;
  }
  return true;
}

Status check_items(const std::vector<std::string>& items, const char* what) {
  for (const auto& item : items) {
    if (item.empty())
      return Status(StatusCode::kInvalidInput, std::string("empty ") + what + " filter");
  }
  return Status::ok();
}

}  // namespace

std::string stored_event_json(const StoredEvent& row) {
  if (!row.json.empty()) return row.json;
  std::string json;
  append_event_json(row.event, json);
  return json;
}

Status validate_query(const EventQuery& query) {
  TIGRIS_RETURN_IF_ERROR(check_items(query.sources, "source"));
  TIGRIS_RETURN_IF_ERROR(check_items(query.targets, "target"));
  TIGRIS_RETURN_IF_ERROR(check_items(query.roots, "root"));
  TIGRIS_RETURN_IF_ERROR(check_items(query.plover, "PLOVER"));
  for (const auto& [a, b] : query.dyads) {
    if (a.empty() || b.empty()) return Status(StatusCode::kInvalidInput, "empty dyad filter");
  }
  for (const std::string* date : {&query.from, &query.to}) {
    if (!date->empty() && !is_date_prefix(*date)) {
      return Status(StatusCode::kInvalidInput, "date filter is not YYYY, YYYY-MM or YYYY-MM-DD")
          .with_excerpt(*date);
    }
  }
  return Status::ok();
}

std::string dyad_label(const Event& e) {
  std::string source = e.source.country.empty() ? e.source.code : e.source.country;
  std::string target = !e.target                   ? "---"
                       : e.target->country.empty() ? e.target->code
                                                   : e.target->country;
  return source + "->" + target;
}

void SeriesBuilder::add(const std::string& date, const SeriesRow& counts) {
  std::string key;
  if (period_ == Period::kMonth) {
    if (date.size() < 7) {
      imprecise_ += static_cast<std::size_t>(counts.events);
      return;
    }
    key = date.substr(0, 7);
  } else {
    Date d;
    if (!parse_iso_date(date, d)) {
      imprecise_ += static_cast<std::size_t>(counts.events);
      return;
    }
    if (period_ == Period::kWeek) d = add_days(d, -weekday(d));  // the Monday
    key = d.to_string();
  }
  SeriesRow& row = rows_[{key, counts.group}];
  row.period = key;
  row.group = counts.group;
  for (int q = 1; q <= 4; ++q) row.quad[q] += counts.quad[q];
  row.goldstein += counts.goldstein;
  row.events += counts.events;
}

Series SeriesBuilder::finish() {
  Series out;
  out.imprecise = imprecise_;
  out.rows.reserve(rows_.size());
  for (auto& [key, row] : rows_) out.rows.push_back(std::move(row));
  rows_.clear();
  imprecise_ = 0;
  return out;
}

bool EventStore::is_server_url(const std::string& url_or_path) {
  return url_or_path.rfind("clickhouse://", 0) == 0;
}

Result<std::unique_ptr<EventStore>> EventStore::open(const std::string& url_or_path) {
  if (is_server_url(url_or_path)) return ClickHouseStore::open(url_or_path);
  if (url_or_path.rfind("sqlite://", 0) == 0) {
    return SqliteStore::open(url_or_path.substr(std::string_view("sqlite://").size()));
  }
  if (url_or_path.find("://") != std::string::npos) {
    return Status(StatusCode::kInvalidInput,
                  "unknown store URL (want a file path, sqlite://PATH or "
                  "clickhouse://HOST:PORT/DATABASE)")
        .with_excerpt(url_or_path);
  }
  return SqliteStore::open(url_or_path);
}

EventStore::~EventStore() = default;

}  // namespace tigris
