#include "store/analysis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <tuple>

#include "time/dates.h"

namespace tigris {
namespace {

// Days since 1970-01-01 for a full date (the civil-from-days inverse).
long day_number(const Date& d) {
  int y = d.year - (d.month <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      static_cast<unsigned>((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

// P(X >= k) for X ~ Poisson(lambda), summed exactly for the lower tail.
double poisson_upper_tail(int k, double lambda) {
  if (k <= 0) return 1.0;
  if (lambda <= 0.0) return 0.0;
  double term = std::exp(-lambda);
  double cdf = term;  // P(X = 0)
  for (int i = 1; i < k; ++i) {
    term *= lambda / i;
    cdf += term;
  }
  return std::max(0.0, 1.0 - cdf);
}

Date date_of_day(long day) {
  return add_days(Date{1970, 1, 1}, static_cast<int>(day));
}

}  // namespace

std::string dyad_of(const Event& e) {
  std::string source = e.source.country.empty() ? e.source.code : e.source.country;
  std::string target = !e.target                   ? "---"
                       : e.target->country.empty() ? e.target->code
                                                   : e.target->country;
  return source + "->" + target;
}

std::vector<SeriesRow> build_series(const std::vector<StoredEvent>& events, Period period,
                                    bool by_dyad, std::size_t& imprecise) {
  std::map<std::pair<std::string, std::string>, SeriesRow> rows;
  imprecise = 0;
  for (const auto& stored : events) {
    const Event& e = stored.event;
    Date d;
    std::string key;
    if (period == Period::kMonth) {
      if (e.date.size() < 7) {
        ++imprecise;
        continue;
      }
      key = e.date.substr(0, 7);
    } else {
      if (!parse_iso_date(e.date, d)) {
        ++imprecise;
        continue;
      }
      if (period == Period::kWeek) d = add_days(d, -weekday(d));  // the Monday
      key = d.to_string();
    }
    std::string group = by_dyad ? dyad_of(e) : "";
    SeriesRow& row = rows[{key, group}];
    row.period = key;
    row.group = group;
    if (e.quad_class >= 1 && e.quad_class <= 4) ++row.quad[e.quad_class];
    row.goldstein += e.goldstein;
    ++row.events;
  }
  std::vector<SeriesRow> out;
  for (auto& [key, row] : rows) out.push_back(row);
  return out;
}

const char* alert_method_name(AlertMethod method) {
  return method == AlertMethod::kPoisson ? "poisson" : "cusum";
}

Status check_alert_options(const AlertOptions& options) {
  if (options.window_days < 1 || options.baseline_days < 1) {
    return Status(StatusCode::kInvalidInput, "the window and the baseline need at least one day");
  }
  Date as_of;
  if (!options.as_of.empty() && !parse_iso_date(options.as_of, as_of)) {
    return Status(StatusCode::kInvalidInput,
                  "--as-of wants a date YYYY-MM-DD, not '" + options.as_of + "'");
  }
  if (!(options.cusum_ratio > 1.0)) {
    return Status(StatusCode::kInvalidInput, "the CUSUM rate ratio must be above 1");
  }
  return Status::ok();
}

bool score_dyad(std::span<const int> baseline, std::span<const int> window,
                const AlertOptions& options, Alert& out, int& run_first_day, int& run_last_day) {
  int baseline_total = 0;
  for (int count : baseline) baseline_total += count;
  out.observed = 0;
  for (int count : window) out.observed += count;
  // Half an event of prior rate: a dyad new to the data can alert on a burst
  // but not on one event, and the log-likelihood ratio stays finite.
  const double rate = (baseline_total + 0.5) / static_cast<double>(baseline.size());
  out.expected = rate * static_cast<double>(window.size());
  out.p_value = poisson_upper_tail(out.observed, out.expected);
  out.method = options.method;
  out.dispersion = 1.0;
  if (options.adjust_dispersion && baseline.size() > 1 && baseline_total > 0) {
    const double mean = baseline_total / static_cast<double>(baseline.size());
    double squares = 0.0;
    for (int count : baseline) squares += (count - mean) * (count - mean);
    const double variance = squares / static_cast<double>(baseline.size() - 1);
    out.dispersion = std::max(1.0, variance / mean);
  }
  // The CUSUM over the window's days: each day adds log(ratio) per event and
  // takes away the extra events a `ratio`-fold rate would have brought.
  const double per_event = std::log(options.cusum_ratio);
  const double per_day = rate * (options.cusum_ratio - 1.0);
  double score = 0.0, best = 0.0;
  int start = 0;
  run_first_day = run_last_day = -1;
  out.run_events = 0;
  for (int day = 0; day < static_cast<int>(window.size()); ++day) {
    if (score <= 0.0) start = day;
    score = std::max(0.0, score + window[static_cast<std::size_t>(day)] * per_event - per_day);
    if (score > best) {
      best = score;
      run_first_day = start;
      run_last_day = day;
    }
  }
  for (int day = run_first_day; day >= 0 && day <= run_last_day; ++day) {
    out.run_events += window[static_cast<std::size_t>(day)];
  }
  if (options.method == AlertMethod::kPoisson) {
    out.statistic = out.p_value;
    out.threshold = options.max_p;
    return out.observed >= options.min_events && out.p_value <= options.max_p;
  }
  out.statistic = best / out.dispersion;
  out.threshold = options.cusum_threshold;
  return out.observed >= options.min_events && out.statistic >= options.cusum_threshold;
}

std::vector<Alert> find_alerts(const std::vector<StoredEvent>& events,
                               const AlertOptions& options) {
  if (!check_alert_options(options).is_ok()) return {};
  // Day-precision events of the chosen class.
  std::vector<std::tuple<long, std::int64_t, const Event*>> dated;
  long latest = 0;
  bool any = false;
  for (const auto& stored : events) {
    const Event& e = stored.event;
    Date d;
    if (!parse_iso_date(e.date, d)) continue;
    if (options.quad_class && e.quad_class != options.quad_class) continue;
    long day = day_number(d);
    latest = any ? std::max(latest, day) : day;
    any = true;
    dated.emplace_back(day, stored.id, &e);
  }
  long end = latest;
  Date as_of;
  if (!options.as_of.empty() && parse_iso_date(options.as_of, as_of)) end = day_number(as_of);
  const long window_start = end - options.window_days + 1;
  const long baseline_start = window_start - options.baseline_days;
  const auto span_days = static_cast<std::size_t>(options.baseline_days + options.window_days);
  struct DyadDays {
    std::vector<int> counts;  // baseline days, then window days
    std::vector<std::int64_t> window_ids;
  };
  std::map<std::string, DyadDays> by_dyad;
  for (const auto& [day, id, event] : dated) {
    if (day < baseline_start || day > end) continue;
    DyadDays& dyad = by_dyad[dyad_of(*event)];
    if (dyad.counts.empty()) dyad.counts.assign(span_days, 0);
    ++dyad.counts[static_cast<std::size_t>(day - baseline_start)];
    if (day >= window_start) dyad.window_ids.push_back(id);
  }
  std::vector<Alert> alerts;
  for (auto& [dyad, days] : by_dyad) {
    Alert alert;
    std::span<const int> all(days.counts);
    int run_first = -1, run_last = -1;
    const auto baseline_size = static_cast<std::size_t>(options.baseline_days);
    if (!score_dyad(all.first(baseline_size), all.subspan(baseline_size), options, alert, run_first,
                    run_last)) {
      continue;
    }
    alert.dyad = dyad;
    alert.window_start = date_of_day(window_start).to_string();
    alert.window_end = date_of_day(end).to_string();
    if (run_first >= 0) {
      alert.run_start = date_of_day(window_start + run_first).to_string();
      alert.run_end = date_of_day(window_start + run_last).to_string();
    }
    alert.event_ids = std::move(days.window_ids);
    std::sort(alert.event_ids.begin(), alert.event_ids.end());
    alerts.push_back(std::move(alert));
  }
  // Most significant first: the larger score over the threshold (CUSUM) or the
  // smaller p-value (Poisson), then the dyad name, so the order is total.
  std::sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
    double ka = a.method == AlertMethod::kPoisson ? a.p_value : -a.statistic;
    double kb = b.method == AlertMethod::kPoisson ? b.p_value : -b.statistic;
    return ka != kb ? ka < kb : a.dyad < b.dyad;
  });
  return alerts;
}

std::vector<DailyEventRow> one_a_day(const std::vector<StoredEvent>& events) {
  std::map<std::tuple<std::string, std::string, std::string, std::string>, DailyEventRow> rows;
  for (const auto& stored : events) {
    const Event& e = stored.event;
    std::string target = e.target ? e.target->code : "";
    DailyEventRow& row = rows[{e.date, e.source.code, target, e.cameo}];
    if (row.count == 0) {
      row.date = e.date;
      row.source = e.source.code;
      row.target = target;
      row.cameo = e.cameo;
    }
    ++row.count;
    row.story_ids.push_back(e.story_id);
    row.event_ids.push_back(stored.id);
  }
  std::vector<DailyEventRow> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) {
    std::sort(row.story_ids.begin(), row.story_ids.end());
    row.story_ids.erase(std::unique(row.story_ids.begin(), row.story_ids.end()),
                        row.story_ids.end());
    std::sort(row.event_ids.begin(), row.event_ids.end());
    out.push_back(std::move(row));
  }
  return out;
}

std::map<std::int64_t, EventCluster> cluster_events(const std::vector<StoredEvent>& events) {
  struct Member {
    long day;
    std::int64_t id;
    std::string place;  // lower case, "" for none
    const std::string* story;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Member>> groups;
  std::map<std::int64_t, EventCluster> out;
  for (const auto& stored : events) {
    const Event& e = stored.event;
    Date d;
    if (!parse_iso_date(e.date, d)) {
      out[stored.id] = EventCluster{stored.id, 1, 1};  // no day: a cluster of its own
      continue;
    }
    std::string place = e.location ? e.location->name : "";
    for (char& c : place) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    groups[{dyad_of(e), e.root}].push_back(Member{day_number(d), stored.id, place, &e.story_id});
  }
  struct Open {
    long first_day;
    std::string place;
    std::vector<const Member*> members;
  };
  auto close = [&out](const Open& cluster) {
    EventCluster c;
    c.cluster = cluster.members.front()->id;
    std::set<std::string> stories;
    for (const Member* m : cluster.members) {
      c.cluster = std::min(c.cluster, m->id);
      stories.insert(*m->story);
    }
    c.mentions = static_cast<int>(cluster.members.size());
    c.articles = static_cast<int>(stories.size());
    for (const Member* m : cluster.members) out[m->id] = c;
  };
  for (auto& [key, members] : groups) {
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
      return std::tie(a.day, a.id) < std::tie(b.day, b.id);
    });
    std::vector<Open> open;  // in creation order
    for (const Member& m : members) {
      // A cluster whose first event is more than a day before this one is
      // complete: later events are later still.
      auto done = std::stable_partition(open.begin(), open.end(),
                                        [&m](const Open& c) { return m.day - c.first_day > 1; });
      for (auto it = open.begin(); it != done; ++it) close(*it);
      open.erase(open.begin(), done);
      Open* home = nullptr;
      for (Open& c : open) {
        if (m.place.empty() || c.place.empty() || c.place == m.place) {
          home = &c;
          break;
        }
      }
      if (!home) {
        open.push_back(Open{m.day, "", {}});
        home = &open.back();
      }
      if (home->place.empty()) home->place = m.place;
      home->members.push_back(&m);
    }
    for (const Open& c : open) close(c);
  }
  return out;
}

}  // namespace tigris
