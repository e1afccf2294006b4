#include "store/analysis.h"

#include <algorithm>
#include <cmath>

#include "time/dates.h"

namespace tigris {
namespace {

std::string dyad_of(const Event& e) {
  std::string source = e.source.country.empty() ? e.source.code : e.source.country;
  std::string target = !e.target ? "---" : e.target->country.empty() ? e.target->code : e.target->country;
  return source + "->" + target;
}

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

}  // namespace

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

std::vector<Alert> find_alerts(const std::vector<StoredEvent>& events, const AlertOptions& options) {
  // Day-precision events of the chosen class, per dyad.
  std::map<std::string, std::vector<std::pair<long, std::int64_t>>> by_dyad;
  long latest = 0;
  for (const auto& stored : events) {
    const Event& e = stored.event;
    Date d;
    if (!parse_iso_date(e.date, d)) continue;
    if (options.quad_class && e.quad_class != options.quad_class) continue;
    long day = day_number(d);
    latest = std::max(latest, day);
    by_dyad[dyad_of(e)].emplace_back(day, stored.id);
  }
  long end = latest;
  Date as_of;
  if (!options.as_of.empty() && parse_iso_date(options.as_of, as_of)) end = day_number(as_of);
  long window_start = end - options.window_days + 1;
  long baseline_start = window_start - options.baseline_days;
  std::vector<Alert> alerts;
  for (const auto& [dyad, days] : by_dyad) {
    Alert alert;
    int baseline = 0;
    for (const auto& [day, id] : days) {
      if (day >= window_start && day <= end) {
        ++alert.observed;
        alert.event_ids.push_back(id);
      } else if (day >= baseline_start && day < window_start) {
        ++baseline;
      }
    }
    // A dyad never seen in the baseline gets half an event of prior rate, so a
    // first burst can alert while one event alone cannot.
    double rate = (baseline + 0.5) / options.baseline_days;
    alert.expected = rate * options.window_days;
    alert.p_value = poisson_upper_tail(alert.observed, alert.expected);
    if (alert.observed >= options.min_events && alert.p_value <= options.max_p) {
      alert.dyad = dyad;
      Date start = add_days(Date{1970, 1, 1}, static_cast<int>(window_start));
      Date last = add_days(Date{1970, 1, 1}, static_cast<int>(end));
      alert.window_start = start.to_string();
      alert.window_end = last.to_string();
      std::sort(alert.event_ids.begin(), alert.event_ids.end());
      alerts.push_back(std::move(alert));
    }
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
    return a.p_value != b.p_value ? a.p_value < b.p_value : a.dyad < b.dyad;
  });
  return alerts;
}

}  // namespace tigris
