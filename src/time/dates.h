// Temporal expressions: finding them in a tokenized sentence and resolving
// them against the story's publication date (or the previous event's date).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

// A calendar date at day, month or year precision (month/day 0 when unknown).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  bool valid() const { return year > 0; }
  // "YYYY-MM-DD", "YYYY-MM" or "YYYY".
  std::string to_string() const;
  // First and last day covered, as YYYYMMDD integers.
  std::int32_t first_day() const;
  std::int32_t last_day() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses "YYYY-MM-DD" (a real calendar day).
bool parse_iso_date(std::string_view text, Date& out);
int days_in_month(int year, int month);
// Day arithmetic on full dates (proleptic Gregorian).
Date add_days(const Date& date, int days);
Date add_months(const Date& date, int months);  // keeps the precision
int weekday(const Date& date);                  // 0 = Monday ... 6 = Sunday

struct TimeExpression {
  enum class Kind : std::uint8_t {
    kAbsolute,       // resolved against the story date: "in 2018", "last month", "on Saturday"
    kAfterPrevious,  // "five days later": an offset from the previous event's date
    kSamePrevious,   // "at the time", "then": the previous event's date
  };
  std::uint16_t first = 0;  // token range, inclusive
  std::uint16_t last = 0;
  Kind kind = Kind::kAbsolute;
  Date date;            // kAbsolute: resolved assuming a past event
  Date date_if_future;  // kAbsolute: resolved assuming a future event (may equal `date`)
  int offset_days = 0;  // kAfterPrevious
  int offset_months = 0;
  int offset_years = 0;
};

// Finds the temporal expressions among `words` (upper-cased token forms) and
// resolves them against `story_date`. Appends to `out`; expressions do not overlap.
void find_time_expressions(const std::vector<std::string_view>& words, const Date& story_date,
                           std::vector<TimeExpression>& out);

// Resolves one expression given the date of the previous event in the story
// (for "later" and "at the time") and whether the clause speaks of the future.
Date resolve_time_expression(const TimeExpression& expression, const Date& previous_event,
                             bool future);

}  // namespace tigris
