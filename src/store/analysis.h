// Time series and escalation alerts over stored events.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/event_store.h"

namespace tigris {

// Period, SeriesRow: see store/event_store.h (EventStore::series aggregates in the database).

// Aggregates `events` per period (and per dyad when `by_dyad`). Events whose
// date is less precise than the period (a year for a month series) are left
// out and counted in `imprecise`.
std::vector<SeriesRow> build_series(const std::vector<StoredEvent>& events, Period period,
                                    bool by_dyad, std::size_t& imprecise);

struct Alert {
  std::string dyad;          // "IRN->USA"
  int observed = 0;          // events in the window
  double expected = 0.0;     // baseline rate scaled to the window
  double p_value = 1.0;      // P(X >= observed) under Poisson(expected)
  std::vector<std::int64_t> event_ids;
  std::string window_start, window_end;  // inclusive days
};

struct AlertOptions {
  int window_days = 7;
  int baseline_days = 84;
  int quad_class = 4;          // 0: every class
  std::string as_of;           // last day of the window; default: the latest event date
  double max_p = 0.01;
  int min_events = 3;
};

// Dyads whose count in the window is improbable under their own baseline
// (one-sided Poisson test, docs/alerts.md). Deterministic for a given database.
std::vector<Alert> find_alerts(const std::vector<StoredEvent>& events, const AlertOptions& options);

}  // namespace tigris
