// Time series, escalation alerts and deduplication over stored events.
//
// Everything here works on vectors of StoredEvent as EventStore::query returns
// them, so it is the same for every storage backend. All functions are pure:
// the same events and options give the same result (no clock, no randomness).
// Costs are linear in the number of events (plus a sort).
#pragma once

#include <cstdint>
#include <map>
#include <span>
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

// The dyad an event belongs to in series, alerts and clusters: source and
// target country (the actor code when the country is unknown), "---" for no
// target. "USA->IRQ".
std::string dyad_of(const Event& event);

enum class AlertMethod {
  kCusum,    // Poisson CUSUM over the window's days (the default, docs/alerts.md)
  kPoisson,  // one-sided Poisson test of the window's total
};
const char* alert_method_name(AlertMethod method);

struct Alert {
  std::string dyad;       // "IRN->USA"
  int observed = 0;       // events in the window
  double expected = 0.0;  // baseline rate scaled to the window
  double p_value = 1.0;   // P(X >= observed) under Poisson(expected), whatever the method
  std::vector<std::int64_t> event_ids;   // the events in the window, ascending
  std::string window_start, window_end;  // inclusive days
  // How the alert was decided (docs/alerts.md).
  AlertMethod method = AlertMethod::kCusum;
  double statistic = 0.0;   // CUSUM: the largest score reached in the window; Poisson: p_value
  double threshold = 0.0;   // CUSUM: the score that raises an alert; Poisson: max_p
  double dispersion = 1.0;  // baseline variance / mean of daily counts (>= 1); divides the score
  std::string run_start, run_end;  // CUSUM: the days whose events built the largest score
  int run_events = 0;              // events in [run_start, run_end]
};

struct AlertOptions {
  int window_days = 7;
  int baseline_days = 84;
  int quad_class = 4;  // 0: every class
  std::string as_of;   // last day of the window; default: the latest event date
  AlertMethod method = AlertMethod::kCusum;
  double max_p = 0.01;  // Poisson method: alert when p <= max_p
  // CUSUM method: the score is the log-likelihood ratio of a rate `cusum_ratio`
  // times the baseline's against the baseline rate, accumulated day by day
  // (never below 0) over the window and divided by the dispersion; an alert
  // needs a score >= cusum_threshold. The defaults were chosen by the
  // simulation in tests/alerts_test.cc (docs/alerts.md has the figures).
  double cusum_ratio = 3.0;
  double cusum_threshold = 4.0;
  bool adjust_dispersion = true;
  int min_events = 3;  // and at least this many events in the window
};

// The decision for one dyad from its daily counts: `baseline` (the baseline
// days, oldest first) and `window` (the window days, oldest first); neither
// may be empty. Fills the numeric fields of Alert (not dyad, dates or events)
// and the run's first and last day (indexes into `window`, -1 when the score
// never rose), and returns whether it alerts. find_alerts calls this; tests
// call it directly on simulated counts.
bool score_dyad(std::span<const int> baseline, std::span<const int> window,
                const AlertOptions& options, Alert& out, int& run_first_day, int& run_last_day);

// An error for options find_alerts cannot use: a window or baseline under one
// day, an as_of that is not a YYYY-MM-DD date, a ratio <= 1.
Status check_alert_options(const AlertOptions& options);

// Dyads whose count in the window is improbable under their own baseline,
// most significant first. Deterministic for a given set of events. Returns
// nothing when check_alert_options fails.
std::vector<Alert> find_alerts(const std::vector<StoredEvent>& events, const AlertOptions& options);

// ---- Deduplication (docs/alerts.md, "Deduplication")

// One row per (date, source code, target code, CAMEO code): the one-a-day view.
struct DailyEventRow {
  std::string date;  // the event date as stored (any precision)
  std::string source, target, cameo;
  int count = 0;                        // events behind the row
  std::vector<std::string> story_ids;   // distinct, ascending
  std::vector<std::int64_t> event_ids;  // ascending
};
// Rows ordered by date, source, target, code.
std::vector<DailyEventRow> one_a_day(const std::vector<StoredEvent>& events);

// Reports of the same real event: same dyad (dyad_of), same CAMEO root, day
// dates at most one day apart, and the same place or none. Every pair in a
// cluster meets these conditions (complete linkage), so a cluster spans at
// most two consecutive days and a chain A, B, C of daily events is split:
// events are taken in (date, id) order and each joins the first open cluster
// it is compatible with with every member, or starts a new one. Events without
// a day-precise date are clusters of their own.
struct EventCluster {
  std::int64_t cluster = 0;  // the smallest event id in the cluster
  int mentions = 0;          // events in the cluster
  int articles = 0;          // distinct stories among them
};
// The cluster of each event, by event id. Cluster the whole database (not a
// filtered subset) when ids must not depend on the filters.
std::map<std::int64_t, EventCluster> cluster_events(const std::vector<StoredEvent>& events);

}  // namespace tigris
