// Escalation alerts on synthetic streams (the acceptance study of
// docs/alerts.md), hand-worked alert numbers, and deduplication: the one-a-day
// view and cross-story event clusters.
//
// Random streams come from std::mt19937_64 (its output is fixed by the
// standard) through our own samplers, so the figures are the same with every
// standard library.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "store/analysis.h"
#include "time/dates.h"

namespace tigris {
namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Poisson by inversion (fine for the small means used here).
  int poisson(double mean) {
    double u = uniform();
    double p = std::exp(-mean);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 10000) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  // 1, 2, 3, ... with the given mean (>= 1).
  int geometric(double mean) {
    int k = 1;
    while (uniform() < 1.0 - 1.0 / mean) ++k;
    return k;
  }
  // Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang), normals by Box-Muller.
  double gamma(double shape) {
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    while (true) {
      double u1 = uniform(), u2 = uniform();
      if (u1 <= 0.0) continue;
      double x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      if (std::log(uniform()) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }

 private:
  std::mt19937_64 engine_;
};

constexpr double kQuiet = 2.0 / 7.0;  // events a day: 2 a week
constexpr double kRise = 8.0 / 7.0;   // 8 a week

enum class Stream {
  kPoisson,  // stationary Poisson, 2 a week
  kClumped,  // incidents at 1 a week, each reported 2 times on average the same day
  kWaves,    // each week's rate drawn from a Gamma with mean 2 and shape 2 (weekly variance 4)
};

std::vector<int> stationary(Stream kind, int days, std::uint64_t seed) {
  Random random(seed);
  std::vector<int> counts(static_cast<std::size_t>(days));
  double week_rate = kQuiet;
  for (int d = 0; d < days; ++d) {
    int& count = counts[static_cast<std::size_t>(d)];
    switch (kind) {
      case Stream::kPoisson:
        count = random.poisson(kQuiet);
        break;
      case Stream::kClumped: {
        int incidents = random.poisson(kQuiet / 2.0);
        for (int i = 0; i < incidents; ++i) count += random.geometric(2.0);
        break;
      }
      case Stream::kWaves:
        if (d % 7 == 0) week_rate = kQuiet * random.gamma(2.0) / 2.0;
        count = random.poisson(week_rate);
        break;
    }
  }
  return counts;
}

// Does the dyad alert with the window ending on day `last`?
bool alerts_on(const std::vector<int>& counts, int last, const AlertOptions& options) {
  std::span<const int> all(counts);
  const auto window = static_cast<std::size_t>(options.window_days);
  const auto baseline = static_cast<std::size_t>(options.baseline_days);
  const std::size_t window_start = static_cast<std::size_t>(last) + 1 - window;
  Alert alert;
  int first = 0, end = 0;
  return score_dyad(all.subspan(window_start - baseline, baseline),
                    all.subspan(window_start, window), options, alert, first, end);
}

// False alerts per dyad-year: alert episodes (a run of consecutive days on
// which the dyad alerts counts once) when alerts are run every day for two
// years, over `dyads` independent dyads.
double false_alerts_per_dyad_year(Stream kind, const AlertOptions& options, int dyads) {
  const int lead = options.baseline_days + options.window_days;
  const int days = 730;
  int episodes = 0;
  for (int dyad = 0; dyad < dyads; ++dyad) {
    auto counts = stationary(kind, lead + days, 7000 + static_cast<std::uint64_t>(dyad));
    bool before = false;
    for (int last = lead; last < lead + days; ++last) {
      bool now = alerts_on(counts, last, options);
      if (now && !before) ++episodes;
      before = now;
    }
  }
  return episodes / (dyads * days / 365.0);
}

StoredEvent stored(std::int64_t id, const std::string& date, int quad, const std::string& source,
                   const std::string& target) {
  StoredEvent s;
  s.id = id;
  s.event.date = date;
  s.event.quad_class = quad;
  s.event.source.code = source;
  s.event.source.country = source;
  s.event.target = Actor{};
  s.event.target->code = target;
  s.event.target->country = target;
  return s;
}

struct Detection {
  double within_7_days = 0.0;
  double within_14_days = 0.0;
};

// The injected rise: 2 events a week for 200 + (run % 7) days, then 8 a week.
// Alerts run every day through find_alerts on stored events (end to end). A
// rise counts as flagged within N days when an alert starts (the dyad did not
// alert the day before) on one of the first N days of the rise; an alert that
// was already on when the rise began does not count.
Detection detect_rise(const AlertOptions& base, int runs) {
  int within7 = 0, within14 = 0;
  const Date day_zero{2020, 1, 1};
  for (int run = 0; run < runs; ++run) {
    Random random(1000 + static_cast<std::uint64_t>(run));
    const int change = 200 + run % 7;
    std::vector<StoredEvent> events;
    std::int64_t id = 0;
    for (int d = 0; d < change + 14; ++d) {
      int count = random.poisson(d < change ? kQuiet : kRise);
      for (int i = 0; i < count; ++i) {
        events.push_back(stored(++id, add_days(day_zero, d).to_string(), 4, "AAA", "BBB"));
      }
    }
    AlertOptions options = base;
    bool before = false;
    int onset = -1;
    for (int d = change - 1; d < change + 14; ++d) {
      options.as_of = add_days(day_zero, d).to_string();
      bool now = !find_alerts(events, options).empty();
      if (d >= change && now && !before) {
        onset = d - change;
        break;
      }
      before = now;
    }
    if (onset >= 0 && onset < 7) ++within7;
    if (onset >= 0) ++within14;
  }
  return {within7 / static_cast<double>(runs), within14 / static_cast<double>(runs)};
}

// The most power any detector can have against a week-aligned rise from
// Poisson(2) to Poisson(8) in that week, when it may alert in a fraction
// `alpha` of quiet weeks: the randomised Neyman-Pearson test on the week's
// total (the total is sufficient; earlier weeks carry no information on this
// one, and averaging over them cannot beat the concave power curve).
double best_possible_power(double alpha) {
  auto pmf = [](int k, double mean) {
    return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
  };
  auto upper = [&pmf](int k, double mean) {
    double tail = 0.0;
    for (int i = k; i < 200; ++i) tail += pmf(i, mean);
    return tail;
  };
  int k = 0;
  while (upper(k, 2.0) > alpha) ++k;
  double spare = alpha - upper(k, 2.0);
  return upper(k, 8.0) + spare / pmf(k - 1, 2.0) * pmf(k - 1, 8.0);
}

TEST(RandomStreams, SamplersHaveTheRightMeanAndVariance) {
  Random random(42);
  for (double mean : {kQuiet, kRise, 6.0}) {
    double sum = 0.0, squares = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      double x = random.poisson(mean);
      sum += x;
      squares += x * x;
    }
    double m = sum / n, variance = squares / n - m * m;
    EXPECT_NEAR(m, mean, 0.02 * mean + 0.005) << mean;
    EXPECT_NEAR(variance, mean, 0.04 * mean + 0.005) << mean;
  }
  // The clumped stream keeps the mean of 2 a week but triples the daily variance.
  auto counts = stationary(Stream::kClumped, 100000, 9);
  double sum = 0.0, squares = 0.0;
  for (int c : counts) {
    sum += c;
    squares += static_cast<double>(c) * c;
  }
  double m = sum / static_cast<double>(counts.size());
  EXPECT_NEAR(m * 7.0, 2.0, 0.05);
  EXPECT_NEAR((squares / static_cast<double>(counts.size()) - m * m) / m, 3.0, 0.2);
}

// The acceptance study. Figures are printed for docs/alerts.md.
TEST(AlertSimulation, DefaultsOnSyntheticStreams) {
  AlertOptions options;  // CUSUM, ratio 3, threshold 4, dispersion adjusted, 7d / 84d
  Detection rise = detect_rise(options, 200);
  double poisson = false_alerts_per_dyad_year(Stream::kPoisson, options, 200);
  double clumped = false_alerts_per_dyad_year(Stream::kClumped, options, 200);
  double waves = false_alerts_per_dyad_year(Stream::kWaves, options, 200);
  AlertOptions unadjusted = options;
  unadjusted.adjust_dispersion = false;
  double clumped_unadjusted = false_alerts_per_dyad_year(Stream::kClumped, unadjusted, 200);
  std::printf(
      "cusum: rise 2->8/week flagged within 7 days %.3f, within 14 days %.3f (200 runs); false "
      "alerts per dyad-year: poisson %.2f, clumped %.2f (%.2f unadjusted), waves %.2f (400 "
      "dyad-years "
      "each)\n",
      rise.within_7_days, rise.within_14_days, poisson, clumped, clumped_unadjusted, waves);
  // The false-alert bar of the issue, on stationary and on clumped streams.
  EXPECT_LE(poisson, 1.0);
  EXPECT_LE(clumped, 1.0);
  // Dividing by the dispersion is what keeps clumped streams quiet.
  EXPECT_GT(clumped_unadjusted, 2.0 * clumped);
  // Detection: the issue asks for 0.95 within 7 days, which no detector meets
  // at this false-alert rate (BestPossibleDetectionIsBelowTheBar); these are
  // regression guards a little under the measured figures.
  EXPECT_GE(rise.within_7_days, 0.55);
  EXPECT_GE(rise.within_14_days, 0.82);
}

// The window Poisson test at the p that gives about the CUSUM's false-alert
// rate on Poisson streams detects about as often, but without a dispersion
// correction clumped streams alert several times a year.
TEST(AlertSimulation, WindowPoissonTestAtTheSameFalseAlertRate) {
  AlertOptions options;
  options.method = AlertMethod::kPoisson;
  options.max_p = 0.005;
  Detection rise = detect_rise(options, 200);
  double poisson = false_alerts_per_dyad_year(Stream::kPoisson, options, 200);
  double clumped = false_alerts_per_dyad_year(Stream::kClumped, options, 200);
  std::printf(
      "poisson p<=0.005: rise flagged within 7 days %.3f, within 14 days %.3f; false alerts per "
      "dyad-year: poisson %.2f, clumped %.2f\n",
      rise.within_7_days, rise.within_14_days, poisson, clumped);
  Detection cusum = detect_rise(AlertOptions{}, 200);
  EXPECT_NEAR(rise.within_7_days, cusum.within_7_days, 0.05);
  EXPECT_LE(poisson, 1.0);
  EXPECT_GT(clumped, 2.0);
}

TEST(AlertSimulation, BestPossibleDetectionIsBelowTheBar) {
  // One false alert per dyad-year is at most one alerted quiet week in 52.
  double best = best_possible_power(1.0 / 52.0);
  std::printf("best possible detection within the week at 1 false alert a year: %.3f\n", best);
  EXPECT_LT(best, 0.95);
  EXPECT_GT(best, 0.80);
  // 95 % within the week needs alerts in about 13 % of quiet weeks (7 a year).
  EXPECT_GT(best_possible_power(0.13), 0.94);
  EXPECT_LT(best_possible_power(0.13), 0.96);
}

TEST(AlertSimulation, FindAlertsAgreesWithScoreDyadOnCounts) {
  // The same decision from stored events as from the daily counts they make.
  auto counts = stationary(Stream::kClumped, 400, 5);
  for (int d = 300; d < 330; ++d) counts[static_cast<std::size_t>(d)] += d % 3 == 0 ? 2 : 0;
  std::vector<StoredEvent> events;
  std::int64_t id = 0;
  const Date day_zero{2021, 3, 1};
  for (std::size_t d = 0; d < counts.size(); ++d) {
    for (int i = 0; i < counts[d]; ++i) {
      events.push_back(
          stored(++id, add_days(day_zero, static_cast<int>(d)).to_string(), 4, "AAA", "BBB"));
    }
  }
  AlertOptions options;
  int agreed = 0, alerted = 0;
  for (int last = 100; last < 400; ++last) {
    options.as_of = add_days(day_zero, last).to_string();
    bool from_counts = alerts_on(counts, last, options);
    auto found = find_alerts(events, options);
    EXPECT_EQ(from_counts, !found.empty()) << last;
    agreed += from_counts == !found.empty();
    alerted += from_counts;
  }
  EXPECT_EQ(agreed, 300);
  EXPECT_GT(alerted, 0);  // the injected days did alert
}

// ---- Hand-worked alert numbers

std::vector<StoredEvent> window_case(bool clumped_baseline) {
  // Baseline (84 days from 2021-01-01): 12 events, one a week on Mondays, or
  // two a day on six days. Window 2021-03-26..04-01: 0 0 2 1 0 3 0.
  std::vector<StoredEvent> events;
  std::int64_t id = 0;
  const Date start{2021, 1, 1};
  if (clumped_baseline) {
    for (int i = 0; i < 6; ++i) {
      for (int k = 0; k < 2; ++k)
        events.push_back(stored(++id, add_days(start, 14 * i).to_string(), 4, "AAA", "BBB"));
    }
  } else {
    for (int i = 0; i < 12; ++i)
      events.push_back(stored(++id, add_days(start, 7 * i).to_string(), 4, "AAA", "BBB"));
  }
  const int window[] = {0, 0, 2, 1, 0, 3, 0};
  for (int d = 0; d < 7; ++d) {
    for (int k = 0; k < window[d]; ++k) {
      events.push_back(stored(100 + ++id, add_days(start, 84 + d).to_string(), 4, "AAA", "BBB"));
    }
  }
  // Another class, never counted.
  events.push_back(stored(999, "2021-03-31", 1, "AAA", "BBB"));
  return events;
}

TEST(Alerts, CusumNumbersWorkedByHand) {
  AlertOptions options;
  options.as_of = "2021-04-01";
  auto alerts = find_alerts(window_case(false), options);
  ASSERT_EQ(alerts.size(), 1u);
  const Alert& a = alerts[0];
  EXPECT_EQ(a.dyad, "AAA->BBB");
  EXPECT_EQ(a.window_start, "2021-03-26");
  EXPECT_EQ(a.window_end, "2021-04-01");
  EXPECT_EQ(a.observed, 6);
  // rate (12 + 0.5) / 84 a day, times 7.
  EXPECT_NEAR(a.expected, 1.0416667, 1e-6);
  EXPECT_NEAR(a.p_value, 0.000733, 2e-6);
  // Scores with log(3) an event and 2 x rate a day: 0, 0, 1.8996, 2.7006,
  // 2.4030, 5.4012, 5.1036; the best run is 03-28..03-31 with 6 events.
  EXPECT_EQ(a.method, AlertMethod::kCusum);
  EXPECT_NEAR(a.statistic, 5.4012, 1e-4);
  EXPECT_DOUBLE_EQ(a.threshold, 4.0);
  EXPECT_DOUBLE_EQ(a.dispersion, 1.0);  // variance / mean = 0.867, never below 1
  EXPECT_EQ(a.run_start, "2021-03-28");
  EXPECT_EQ(a.run_end, "2021-03-31");
  EXPECT_EQ(a.run_events, 6);
  ASSERT_EQ(a.event_ids.size(), 6u);
  EXPECT_EQ(a.event_ids.front(), 113);
  EXPECT_EQ(a.event_ids.back(), 118);
}

TEST(Alerts, ClumpedBaselineDividesTheScore) {
  AlertOptions options;
  options.as_of = "2021-04-01";
  auto events = window_case(true);
  EXPECT_TRUE(find_alerts(events, options).empty());
  // Daily variance / mean = 1.8795, so the score is 5.4012 / 1.8795 = 2.874.
  options.cusum_threshold = 2.8;
  auto alerts = find_alerts(events, options);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_NEAR(alerts[0].dispersion, 1.8795181, 1e-6);
  EXPECT_NEAR(alerts[0].statistic, 2.8737141, 1e-6);
  options.cusum_threshold = 4.0;
  options.adjust_dispersion = false;
  EXPECT_EQ(find_alerts(events, options).size(), 1u);
}

TEST(Alerts, PoissonMethodAndOptionChecks) {
  AlertOptions options;
  options.as_of = "2021-04-01";
  options.method = AlertMethod::kPoisson;
  auto alerts = find_alerts(window_case(false), options);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].method, AlertMethod::kPoisson);
  EXPECT_DOUBLE_EQ(alerts[0].statistic, alerts[0].p_value);
  options.max_p = 0.0005;  // p = 0.000733
  EXPECT_TRUE(find_alerts(window_case(false), options).empty());
  options.as_of = "April";
  EXPECT_FALSE(check_alert_options(options).is_ok());
  EXPECT_TRUE(find_alerts(window_case(false), options).empty());
  options.as_of = "";
  options.window_days = 0;
  EXPECT_FALSE(check_alert_options(options).is_ok());
  options.window_days = 7;
  options.cusum_ratio = 1.0;
  EXPECT_FALSE(check_alert_options(options).is_ok());
}

// ---- Deduplication

StoredEvent report(std::int64_t id, const std::string& story, const std::string& date,
                   const std::string& cameo, const std::string& place,
                   const std::string& source = "USAMIL", const std::string& target = "IRQ") {
  StoredEvent s = stored(id, date, 4, source, target);
  s.event.source.country = source.substr(0, 3);
  s.event.target->country = target.substr(0, 3);
  s.event.story_id = story;
  s.event.cameo = cameo;
  s.event.root = cameo.substr(0, 2);
  if (!place.empty()) s.event.location = Location{place, "IRQ", std::nullopt, std::nullopt, "", 0};
  return s;
}

TEST(OneADay, OneRowPerDateDyadAndCode) {
  std::vector<StoredEvent> events = {
      report(1, "s1", "2020-09-29", "190", "Basra"),
      report(2, "s2", "2020-09-29", "190", ""),
      report(3, "s2", "2020-09-29", "190", "Baghdad"),     // same story twice: one story id
      report(4, "s3", "2020-09-29", "193", ""),            // another code
      report(5, "s3", "2020-09-30", "190", ""),            // another day
      report(6, "s4", "2020-09-29", "190", "", "USAGOV"),  // another source code
      report(7, "s5", "2020-09", "190", ""),               // month precision: its own date
  };
  auto rows = one_a_day(events);
  ASSERT_EQ(rows.size(), 5u);
  // Ordered by date text: "2020-09" sorts before "2020-09-29".
  EXPECT_EQ(rows[0].date, "2020-09");
  EXPECT_EQ(rows[1].date, "2020-09-29");
  EXPECT_EQ(rows[1].source, "USAGOV");
  EXPECT_EQ(rows[2].source, "USAMIL");
  EXPECT_EQ(rows[2].cameo, "190");
  EXPECT_EQ(rows[2].count, 3);
  EXPECT_EQ(rows[2].story_ids, (std::vector<std::string>{"s1", "s2"}));
  EXPECT_EQ(rows[2].event_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(rows[3].cameo, "193");
  EXPECT_EQ(rows[4].date, "2020-09-30");
  int total = 0;
  for (const auto& row : rows) total += row.count;
  EXPECT_EQ(total, 7);  // nothing lost
}

TEST(Clusters, SameDyadRootPlaceWithinADay) {
  std::vector<StoredEvent> events = {
      report(10, "s1", "2020-09-29", "190", "Basra"),
      report(4, "s2", "2020-09-30", "193", ""),          // same root 19, next day, no place: joins
      report(12, "s3", "2020-09-29", "190", "Baghdad"),  // another place: another cluster
      report(13, "s3", "2020-09-29", "173", "Basra"),    // another root
      report(14, "s4", "2020-09-29", "190", "basra", "IRNMIL", "IRQ"),  // another dyad
      report(15, "s5", "2020-10-01", "190", "Basra"),  // two days after 10: new cluster
      report(16, "s6", "2020-09", "190", "Basra"),     // month date: alone
      report(17, "s1", "2020-09-29", "195", "BASRA"),  // same story, place in capitals: joins
  };
  auto clusters = cluster_events(events);
  ASSERT_EQ(clusters.size(), events.size());
  // 10 opens a cluster (Basra), 17 and then 4 join it: 3 mentions in 2 stories.
  EXPECT_EQ(clusters[10].cluster, 4);  // the smallest id, though 4 is the later report
  EXPECT_EQ(clusters[4].cluster, 4);
  EXPECT_EQ(clusters[17].cluster, 4);
  EXPECT_EQ(clusters[10].mentions, 3);
  EXPECT_EQ(clusters[10].articles, 2);
  EXPECT_EQ(clusters[12].cluster, 12);
  EXPECT_EQ(clusters[12].mentions, 1);
  EXPECT_EQ(clusters[13].cluster, 13);
  EXPECT_EQ(clusters[14].cluster, 14);
  EXPECT_EQ(clusters[15].cluster, 15);
  EXPECT_EQ(clusters[16].cluster, 16);
  EXPECT_EQ(clusters[16].mentions, 1);
}

TEST(Clusters, ChainsAreSplitSoEveryPairIsWithinADay) {
  // A (day 1), B (day 2), C (day 3), D (day 4), and E (day 2, another story):
  // A-B-C is a chain of one-day steps. Taken in date order, A opens a cluster
  // that B and E join; C is two days after A, so it opens the next one, which
  // D joins.
  std::vector<StoredEvent> events = {
      report(1, "a", "2020-01-01", "190", ""), report(2, "b", "2020-01-02", "190", ""),
      report(3, "c", "2020-01-03", "190", ""), report(4, "d", "2020-01-04", "190", ""),
      report(5, "e", "2020-01-02", "190", "")};
  auto clusters = cluster_events(events);
  EXPECT_EQ(clusters[1].cluster, 1);
  EXPECT_EQ(clusters[2].cluster, 1);
  EXPECT_EQ(clusters[5].cluster, 1);
  EXPECT_EQ(clusters[1].mentions, 3);
  EXPECT_EQ(clusters[3].cluster, 3);
  EXPECT_EQ(clusters[4].cluster, 3);
  EXPECT_EQ(clusters[4].mentions, 2);
  // The order of the input does not matter.
  std::vector<StoredEvent> reversed(events.rbegin(), events.rend());
  auto again = cluster_events(reversed);
  for (const auto& [id, c] : clusters) {
    EXPECT_EQ(again[id].cluster, c.cluster) << id;
    EXPECT_EQ(again[id].mentions, c.mentions) << id;
  }
}

TEST(Clusters, AnEventWithoutPlaceJoinsTheFirstCompatibleCluster) {
  // Basra (id 1) and Baghdad (id 2) the same day are two events; a report
  // without a place the next day joins the first one opened (Basra's, taken
  // in (date, id) order); a later Baghdad report still finds Baghdad's.
  std::vector<StoredEvent> events = {
      report(1, "a", "2020-01-01", "190", "Basra"), report(2, "b", "2020-01-01", "190", "Baghdad"),
      report(3, "c", "2020-01-02", "190", ""), report(4, "d", "2020-01-02", "190", "Baghdad")};
  auto clusters = cluster_events(events);
  EXPECT_EQ(clusters[3].cluster, 1);
  EXPECT_EQ(clusters[4].cluster, 2);
  EXPECT_EQ(clusters[1].mentions, 2);
  EXPECT_EQ(clusters[2].mentions, 2);
  // A cluster opened without a place takes the first place that joins it.
  std::vector<StoredEvent> later = {report(1, "a", "2020-01-01", "190", ""),
                                    report(2, "b", "2020-01-01", "190", "Basra"),
                                    report(3, "c", "2020-01-02", "190", "Mosul")};
  auto c2 = cluster_events(later);
  EXPECT_EQ(c2[2].cluster, 1);
  EXPECT_EQ(c2[3].cluster, 3);
}

}  // namespace
}  // namespace tigris
