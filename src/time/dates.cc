// Resolution rules (docs/dates.md has the full table):
//   weekday            the most recent such day on or before the story date
//                      (the next one after it when the clause is future)
//   today, yesterday   the story date, the day before
//   last/this/next week|month|year, earlier this year
//   MONTH              the most recent such month (this month counts) unless a
//                      year is given or the clause is future
//   MONTH DAY, DAY MONTH, with or without a year; YYYY-MM-DD; in/since/by YYYY
//   N days|weeks|months|years ago / later / earlier, the next day
//   at the time, then  the previous event's date
#include "time/dates.h"

#include <array>
#include <cstdio>

namespace tigris {
namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days since 1970-01-01 (Howard Hinnant's civil-from-days algorithm, inverted).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

constexpr std::array<std::string_view, 12> kMonthNames = {
    "JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
    "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
constexpr std::array<std::string_view, 12> kMonthAbbrevs = {
    "JAN.", "FEB.", "MAR.", "APR.", "MAY", "JUN.", "JUL.", "AUG.", "SEPT.", "OCT.", "NOV.", "DEC."};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};

// 1..12, or 0. `strict` excludes month names that are common words (MAY, MARCH)
// unless the caller has other evidence.
int month_number(std::string_view word) {
  for (std::size_t i = 0; i < kMonthNames.size(); ++i) {
    if (word == kMonthNames[i] || word == kMonthAbbrevs[i]) return static_cast<int>(i) + 1;
  }
  if (word == "SEP.") return 9;
  if (word == "JUNE.") return 6;
  return 0;
}

int weekday_number(std::string_view word) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (word == kWeekdays[i]) return static_cast<int>(i);
  }
  return -1;
}

bool all_digits(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view word) {
  int value = 0;
  for (char c : word) value = value * 10 + (c - '0');
  return value;
}

// "21", "21ST", "1ST": a day of the month, or 0.
int day_number(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return 0;
  std::string_view rest = word.substr(digits);
  if (!(rest.empty() || rest == "ST" || rest == "ND" || rest == "RD" || rest == "TH" ||
        rest == ","))
    return 0;
  int day = to_int(word.substr(0, digits));
  return day >= 1 && day <= 31 ? day : 0;
}

int year_number(std::string_view word) {
  if (word.size() != 4 || !all_digits(word)) return 0;
  int year = to_int(word);
  return year >= 1800 && year <= 2100 ? year : 0;
}

// "five", "a", "two", "3": a small count, or 0.
int count_number(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "ZERO",  "ONE",   "TWO",  "THREE", "FOUR",   "FIVE",  "SIX",
      "SEVEN", "EIGHT", "NINE", "TEN",   "ELEVEN", "TWELVE"};
  if (word == "A" || word == "AN") return 1;
  if (word == "SEVERAL" || word == "FEW") return 0;
  for (std::size_t i = 1; i < kWords.size(); ++i) {
    if (word == kWords[i]) return static_cast<int>(i);
  }
  if (all_digits(word) && word.size() <= 3) return to_int(word);
  return 0;
}

enum class Unit { kNone, kDay, kWeek, kMonth, kYear };

Unit unit_of(std::string_view word) {
  if (word == "DAY" || word == "DAYS") return Unit::kDay;
  if (word == "WEEK" || word == "WEEKS") return Unit::kWeek;
  if (word == "MONTH" || word == "MONTHS") return Unit::kMonth;
  if (word == "YEAR" || word == "YEARS") return Unit::kYear;
  return Unit::kNone;
}

Date month_only(const Date& d) {
  return {d.year, d.month, 0};
}
Date year_only(const Date& d) {
  return {d.year, 0, 0};
}

// The most recent (month, day) on or before the story date, or the next one
// on or after it.
Date month_day_near(const Date& story, int month, int day, bool future) {
  int year = story.year;
  if (!future) {
    if (month > story.month || (month == story.month && day > story.day)) --year;
  } else {
    if (month < story.month || (month == story.month && day < story.day)) ++year;
  }
  if (day > days_in_month(year, month)) day = days_in_month(year, month);
  return {year, month, day};
}

Date month_near(const Date& story, int month, bool future) {
  int year = story.year;
  if (!future && month > story.month) --year;
  if (future && month < story.month) ++year;
  return {year, month, 0};
}

}  // namespace

std::string Date::to_string() const {
  char buffer[48];
  if (day > 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", year, month, day);
  } else if (month > 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%04d", year);
  }
  return buffer;
}

std::int32_t Date::first_day() const {
  return year * 10000 + (month > 0 ? month : 1) * 100 + (day > 0 ? day : 1);
}

std::int32_t Date::last_day() const {
  int m = month > 0 ? month : 12;
  int d = day > 0 ? day : days_in_month(year, m);
  return year * 10000 + m * 100 + d;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool parse_iso_date(std::string_view text, Date& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!all_digits(text.substr(0, 4)) || !all_digits(text.substr(5, 2)) ||
      !all_digits(text.substr(8, 2))) {
    return false;
  }
  Date d{to_int(text.substr(0, 4)), to_int(text.substr(5, 2)), to_int(text.substr(8, 2))};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month))
    return false;
  out = d;
  return true;
}

Date add_days(const Date& date, int days) {
  if (date.day == 0) return date;
  return civil_from_days(days_from_civil(date.year, date.month, date.day) + days);
}

Date add_months(const Date& date, int months) {
  if (date.month == 0) return {date.year + months / 12, 0, 0};
  int index = date.year * 12 + (date.month - 1) + months;
  Date out{index / 12, index % 12 + 1, 0};
  if (date.day > 0) out.day = std::min(date.day, days_in_month(out.year, out.month));
  return out;
}

int weekday(const Date& date) {
  long days = days_from_civil(date.year, date.month, date.day);
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

void find_time_expressions(const std::vector<std::string_view>& w, const Date& story,
                           std::vector<TimeExpression>& out) {
  const std::size_t n = w.size();
  auto at = [&](std::size_t i) -> std::string_view { return i < n ? w[i] : std::string_view(); };
  auto push_abs = [&](std::size_t first, std::size_t last, Date past, Date future) {
    TimeExpression e;
    e.first = static_cast<std::uint16_t>(first);
    e.last = static_cast<std::uint16_t>(last);
    e.kind = TimeExpression::Kind::kAbsolute;
    e.date = past;
    e.date_if_future = future;
    out.push_back(e);
  };
  const bool have_story = story.valid() && story.day > 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view word = w[i];
    // ISO date token "1990-06-06".
    Date iso;
    if (parse_iso_date(word, iso)) {
      push_abs(i, i, iso, iso);
      continue;
    }
    // "at the time", "at that time".
    if (word == "AT" && (at(i + 1) == "THE" || at(i + 1) == "THAT") && at(i + 2) == "TIME") {
      TimeExpression e;
      e.first = static_cast<std::uint16_t>(i);
      e.last = static_cast<std::uint16_t>(i + 2);
      e.kind = TimeExpression::Kind::kSamePrevious;
      out.push_back(e);
      i += 2;
      continue;
    }
    // Full dates ("March 2019", "21 September 2019", "in 2018") resolve
    // without a story date; everything relative needs one.
    if (!have_story) {
      int month = month_number(word);
      if (month > 0) {
        int day = day_number(at(i + 1));
        std::size_t y = day > 0 ? i + 2 : i + 1;
        if (at(y) == ",") ++y;
        if (int yr = year_number(at(y)); yr > 0) {
          Date d{yr, month, day > 0 ? std::min(day, days_in_month(yr, month)) : 0};
          push_abs(i, y, d, d);
          i = y;
        }
      } else if (int day = day_number(word); day > 0 && month_number(at(i + 1)) > 0) {
        if (int yr = year_number(at(i + 2)); yr > 0) {
          int m = month_number(at(i + 1));
          Date d{yr, m, std::min(day, days_in_month(yr, m))};
          push_abs(i, i + 2, d, d);
          i += 2;
        }
      } else if (int yr = year_number(word);
                 yr > 0 && i > 0 &&
                 (w[i - 1] == "IN" || w[i - 1] == "SINCE" || w[i - 1] == "BY" ||
                  w[i - 1] == "UNTIL" || w[i - 1] == "DURING" || w[i - 1] == "FROM")) {
        push_abs(i, i, {yr, 0, 0}, {yr, 0, 0});
      }
      continue;
    }
    if (word == "TODAY" || word == "TONIGHT" ||
        (word == "THIS" &&
         (at(i + 1) == "MORNING" || at(i + 1) == "AFTERNOON" || at(i + 1) == "EVENING"))) {
      std::size_t last = word == "THIS" ? i + 1 : i;
      push_abs(i, last, story, story);
      i = last;
      continue;
    }
    if (word == "YESTERDAY") {
      push_abs(i, i, add_days(story, -1), add_days(story, -1));
      continue;
    }
    if (word == "TOMORROW") {
      push_abs(i, i, add_days(story, 1), add_days(story, 1));
      continue;
    }
    // last/this/next/earlier this + week/month/year
    if ((word == "LAST" || word == "THIS" || word == "NEXT" || word == "PAST") &&
        unit_of(at(i + 1)) != Unit::kNone && at(i + 1).back() != 'S') {
      Unit unit = unit_of(at(i + 1));
      int step = word == "LAST" || word == "PAST" ? -1 : word == "NEXT" ? 1 : 0;
      Date d;
      if (unit == Unit::kDay) continue;
      if (unit == Unit::kWeek) d = month_only(add_days(story, 7 * step));
      if (unit == Unit::kMonth) d = add_months(month_only(story), step);
      if (unit == Unit::kYear) d = {story.year + step, 0, 0};
      push_abs(i, i + 1, d, d);
      ++i;
      continue;
    }
    if ((word == "EARLIER" || word == "LATER") && at(i + 1) == "THIS" &&
        (at(i + 2) == "YEAR" || at(i + 2) == "MONTH")) {
      Date d = at(i + 2) == "YEAR" ? year_only(story) : month_only(story);
      push_abs(i, i + 2, d, d);
      i += 2;
      continue;
    }
    // N units ago / later / earlier; "a week later"; "the next day".
    if ((word == "THE") && (at(i + 1) == "NEXT" || at(i + 1) == "FOLLOWING") &&
        unit_of(at(i + 2)) != Unit::kNone) {
      TimeExpression e;
      e.first = static_cast<std::uint16_t>(i);
      e.last = static_cast<std::uint16_t>(i + 2);
      e.kind = TimeExpression::Kind::kAfterPrevious;
      Unit unit = unit_of(at(i + 2));
      if (unit == Unit::kDay) e.offset_days = 1;
      if (unit == Unit::kWeek) e.offset_days = 7;
      if (unit == Unit::kMonth) e.offset_months = 1;
      if (unit == Unit::kYear) e.offset_years = 1;
      out.push_back(e);
      i += 2;
      continue;
    }
    if (int count = count_number(word); count > 0 && unit_of(at(i + 1)) != Unit::kNone) {
      std::string_view direction = at(i + 2);
      Unit unit = unit_of(at(i + 1));
      if (direction == "AGO" || direction == "EARLIER" || direction == "LATER" ||
          direction == "AFTER") {
        int sign = direction == "AGO" || direction == "EARLIER" ? -1 : 1;
        TimeExpression e;
        e.first = static_cast<std::uint16_t>(i);
        e.last = static_cast<std::uint16_t>(i + 2);
        int days = unit == Unit::kDay ? count : unit == Unit::kWeek ? 7 * count : 0;
        int months = unit == Unit::kMonth ? count : 0;
        int years = unit == Unit::kYear ? count : 0;
        if (direction == "AGO") {
          Date d = story;
          if (days) d = add_days(story, -days);
          if (months) d = month_only(add_months(story, -months));
          if (years) d = year_only({story.year - years, 1, 1});
          push_abs(i, i + 2, d, d);
        } else {
          e.kind = TimeExpression::Kind::kAfterPrevious;
          e.offset_days = sign * days;
          e.offset_months = sign * months;
          e.offset_years = sign * years;
          out.push_back(e);
        }
        i += 2;
        continue;
      }
    }
    // Weekdays: "Saturday", "on Monday", "last Friday", "next Tuesday".
    if (int wd = weekday_number(word); wd >= 0) {
      int story_wd = weekday(story);
      int back = (story_wd - wd + 7) % 7;
      int forward = (wd - story_wd + 7) % 7;
      std::size_t first = i;
      bool last_flag = i > 0 && w[i - 1] == "LAST";
      bool next_flag = i > 0 && w[i - 1] == "NEXT";
      if (last_flag || next_flag) first = i - 1;
      Date past = add_days(story, -(last_flag && back == 0 ? 7 : back));
      Date future = add_days(story, forward == 0 ? (next_flag ? 7 : 0) : forward);
      if (next_flag) past = future;
      if (last_flag) future = past;
      push_abs(first, i, past, future);
      continue;
    }
    // Month-based: "Sept. 21", "September 21, 2019", "21 September 2019",
    // "January", "January 2019", "in March".
    int month = month_number(word);
    if (month > 0) {
      // "May" and "March" are also words: require a capital-letter context the
      // caller gave us through a neighbouring day/year or a preceding preposition.
      bool ambiguous = word == "MAY" || word == "MARCH";
      int day = day_number(at(i + 1));
      std::size_t last = i;
      int year = 0;
      if (day > 0) {
        last = i + 1;
        std::size_t y = i + 2;
        if (at(y) == ",") ++y;
        if (int yr = year_number(at(y)); yr > 0) {
          year = yr;
          last = y;
        }
      } else if (int yr = year_number(at(i + 1)); yr > 0) {
        year = yr;
        last = i + 1;
      }
      std::string_view before = i > 0 ? w[i - 1] : std::string_view();
      bool preposition = before == "IN" || before == "ON" || before == "SINCE" || before == "BY" ||
                         before == "UNTIL" || before == "LAST" || before == "NEXT" ||
                         before == "EARLY" || before == "LATE" || before == "MID" ||
                         before == "FROM" || before == "THIS" || before == "DURING" ||
                         before == "THE";
      // "the march on parliament", "they may": the bare words are not months.
      if (ambiguous && day == 0 && year == 0 && (!preposition || before == "THE")) continue;
      Date past;
      Date future;
      if (day > 0 && year > 0) {
        past = future = {year, month, std::min(day, days_in_month(year, month))};
      } else if (day > 0) {
        past = month_day_near(story, month, day, false);
        future = month_day_near(story, month, day, true);
      } else if (year > 0) {
        past = future = {year, month, 0};
      } else if (before == "LAST") {
        past = future = {month >= story.month ? story.year - 1 : story.year, month, 0};
      } else if (before == "NEXT") {
        past = future = {month <= story.month ? story.year + 1 : story.year, month, 0};
      } else {
        past = month_near(story, month, false);
        future = month_near(story, month, true);
      }
      std::size_t first = (before == "LAST" || before == "NEXT") ? i - 1 : i;
      push_abs(first, last, past, future);
      i = last;
      continue;
    }
    // "21 September 2019", "21 September".
    if (int day = day_number(word); day > 0 && month_number(at(i + 1)) > 0) {
      int m = month_number(at(i + 1));
      std::size_t last = i + 1;
      Date past;
      Date future;
      if (int yr = year_number(at(i + 2)); yr > 0) {
        past = future = {yr, m, std::min(day, days_in_month(yr, m))};
        last = i + 2;
      } else {
        past = month_day_near(story, m, day, false);
        future = month_day_near(story, m, day, true);
      }
      push_abs(i, last, past, future);
      i = last;
      continue;
    }
    // "in 2018", "since 2003", "by 2030", "the 1990s" is left alone.
    if (int yr = year_number(word); yr > 0 && i > 0) {
      std::string_view before = w[i - 1];
      if (before == "IN" || before == "SINCE" || before == "BY" || before == "UNTIL" ||
          before == "DURING" || before == "FROM" || before == "TO" || before == "EARLY" ||
          before == "LATE" || before == "OF" || before == "AND" || before == "SUMMER" ||
          before == "WINTER" || before == "SPRING" || before == "AUTUMN" || before == "FALL" ||
          before == "," || i == 0) {
        Date d{yr, 0, 0};
        push_abs(i, i, d, d);
      }
      continue;
    }
    if (word == "THEN" && !(i > 0 && w[i - 1] == "SINCE") && !(i > 0 && w[i - 1] == "UNTIL") &&
        !(i > 0 && w[i - 1] == "AND")) {
      TimeExpression e;
      e.first = e.last = static_cast<std::uint16_t>(i);
      e.kind = TimeExpression::Kind::kSamePrevious;
      out.push_back(e);
    }
  }
}

Date resolve_time_expression(const TimeExpression& e, const Date& previous, bool future) {
  switch (e.kind) {
    case TimeExpression::Kind::kAbsolute:
      return future ? e.date_if_future : e.date;
    case TimeExpression::Kind::kSamePrevious:
      return previous;
    case TimeExpression::Kind::kAfterPrevious: {
      if (!previous.valid()) return {};
      Date d = previous;
      if (e.offset_days != 0) d = add_days(d, e.offset_days);
      if (e.offset_months != 0) d = add_months(d, e.offset_months);
      if (e.offset_years != 0) d = {d.year + e.offset_years, d.month, d.day};
      if (d.day > 0 && d.day > days_in_month(d.year, d.month))
        d.day = days_in_month(d.year, d.month);
      return d;
    }
  }
  return {};
}

}  // namespace tigris
