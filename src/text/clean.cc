// Removes what web pages wrap around news: browser banners, caption labels,
// photo credits and bylines. Each rule only drops text that cannot be news
// (short lines with fixed markers, credits ending in an agency name), so a
// false positive costs a caption, never a report.
#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "common/strings.h"
#include "text/text.h"

namespace tigris {
namespace {

constexpr std::size_t kMaxBoilerplateLine = 200;
constexpr std::size_t kMaxHeadline = 180;

// Markers of browser/site chrome; matched case-insensitively in short lines.
constexpr std::array<std::string_view, 16> kBannerMarkers = {
    "is not supported",       "optimal experience",  "update your browser",
    "browser is out of date", "enable javascript",   "javascript is disabled",
    "accept cookies",         "uses cookies",        "subscribe to our newsletter",
    "sign up for our",        "all rights reserved", "click here",
    "download our app",       "share this article",  "follow us on",
    "skip to main content"};

// Line prefixes that label a caption or an embedded media item.
constexpr std::array<std::string_view, 8> kCaptionLabels = {
    "image:", "photo:", "video:", "watch:", "caption:", "pictured:", "photograph:", "graphic:"};

// Photo agencies and wire services that end a credit line.
constexpr std::array<std::string_view, 14> kAgencies = {
    "reuters",          "afp",  "ap",        "getty images", "epa",  "anadolu", "xinhua",
    "associated press", "sipa", "bloomberg", "nbc news",     "pool", "efe",     "tass"};

// `lower` is already lower-cased; markers are lower case.
bool contains(std::string_view lower, std::string_view needle) {
  return lower.find(needle) != std::string_view::npos;
}

// Words that show a line speaks about the web page itself.
constexpr std::array<std::string_view, 9> kPageWords = {
    "browser", "javascript", "cookie", "site", "app", "newsletter", "page", "subscribe", "click"};

bool is_banner(std::string_view line) {
  if (line.size() > kMaxBoilerplateLine) return false;
  char buffer[kMaxBoilerplateLine];
  for (std::size_t i = 0; i < line.size(); ++i) {
    buffer[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(line[i])));
  }
  std::string_view lower(buffer, line.size());
  bool about_page = false;
  for (auto word : kPageWords) about_page = about_page || contains(lower, word);
  // Generic phrases ("is not supported") also occur in news; they count only
  // in a line that talks about the page.
  if (!about_page) {
    return lower == "advertisement" || contains(lower, "all rights reserved") ||
           contains(lower, "skip to main content");
  }
  for (auto marker : kBannerMarkers) {
    if (contains(lower, marker)) return true;
  }
  return false;
}

bool is_caption_label(std::string_view line) {
  for (auto label : kCaptionLabels) {
    if (starts_with_ci(line, label)) return true;
  }
  return false;
}

bool is_capitalized_word(std::string_view word) {
  return !word.empty() && (is_ascii_upper(static_cast<unsigned char>(word[0])) ||
                           static_cast<unsigned char>(word[0]) >= 0x80);
}

// "By Dan De Luce and Courtney Kube" or "By JANE DOE, Reuters".
bool is_byline(std::string_view line) {
  if (line.size() > 90 || !starts_with_ci(line, "by ")) return false;
  auto words = split(line.substr(3), ' ');
  if (words.empty() || words.size() > 10) return false;
  for (auto word : words) {
    word = trim(word);
    if (word.empty() || word == "and" || word == "&") continue;
    if (!is_capitalized_word(word)) return false;
  }
  return true;
}

// The text after the slash of a credit: "Reuters file", "AFP - Getty Images".
bool is_agency_tail(std::string_view tail) {
  tail = trim(tail);
  if (tail.empty() || tail.size() > 40) return false;
  for (auto agency : kAgencies) {
    // A whole word: "AP" is an agency, "April" is not.
    if (starts_with_ci(tail, agency) &&
        (tail.size() == agency.size() ||
         !is_ascii_alpha(static_cast<unsigned char>(tail[agency.size()])))) {
      return true;
    }
  }
  return false;
}

// Finds a trailing photo credit "Firstname Lastname / Agency ..." in `line`;
// returns its start offset in the line, or npos.
std::size_t find_credit(std::string_view line) {
  std::size_t slash = line.rfind('/');
  if (slash == std::string_view::npos || !is_agency_tail(line.substr(slash + 1))) {
    return std::string_view::npos;
  }
  // Walk back over one to four capitalized words: the photographer's name.
  std::size_t start = slash;
  while (start > 0 && line[start - 1] == ' ') --start;
  int words = 0;
  std::size_t name_start = start;
  while (words < 4 && start > 0) {
    std::size_t word_end = start;
    std::size_t word_begin = word_end;
    while (word_begin > 0 && line[word_begin - 1] != ' ') --word_begin;
    std::string_view word = line.substr(word_begin, word_end - word_begin);
    // A name glued to the caption's last sentence: "Sept. 21.Patrick".
    std::size_t glued = word.rfind('.');
    if (glued != std::string_view::npos && glued + 1 < word.size() &&
        is_ascii_upper(static_cast<unsigned char>(word[glued + 1]))) {
      name_start = word_begin + glued + 1;
      ++words;
      break;
    }
    // A word ending in a period ends the caption's last sentence ("White
    // House."), unless it is an initial ("J.").
    if (!is_capitalized_word(word) || (word.size() > 2 && word.back() == '.')) break;
    name_start = word_begin;
    ++words;
    start = word_begin;
    while (start > 0 && line[start - 1] == ' ') --start;
  }
  return words == 0 ? std::string_view::npos : name_start;
}

// Wire services that sign a dateline: "Baghdad (AP) —", "(Reuters)".
constexpr std::array<std::string_view, 22> kWireServices = {
    "reuters",   "ap",       "afp",     "efe",     "upi",       "dpa",          "xinhua", "tass",
    "ansa",      "kyodo",    "yonhap",  "irna",    "ips",       "pti",          "ians",   "bernama",
    "itar-tass", "interfax", "notimex", "anadolu", "bloomberg", "prensa latina"};

// "(Reuters)": a wire service's name in parentheses, in any case.
bool is_wire_signature(std::string_view parenthesized) {
  if (parenthesized.size() < 3 || parenthesized.front() != '(' || parenthesized.back() != ')') {
    return false;
  }
  std::string_view inside = trim(parenthesized.substr(1, parenthesized.size() - 2));
  for (auto service : kWireServices) {
    if (inside.size() == service.size() && starts_with_ci(inside, service)) return true;
  }
  return false;
}

// Lower-case words inside place names: "Rio de Janeiro", "Frankfurt am Main".
constexpr std::array<std::string_view, 22> kPlaceConnectors = {
    "de", "del", "la", "las", "los", "el", "da",  "do", "dos", "das",  "di",
    "du", "des", "of", "on",  "am",  "an", "der", "y",  "sur", "upon", "les"};

bool is_place_letter(unsigned char b) {
  return is_ascii_alpha(b) || b >= 0x80 || b == '.' || b == '\'' || b == '-';
}

// "San Jose", "Rio de Janeiro", "Port-au-Prince", "al-Arish": at most five
// words, the first and last capitalized (or an article before a capital:
// "al-Arish"), lower-case ones only among kPlaceConnectors.
bool is_capitalized_place(std::string_view city) {
  if (city.size() < 2 || city.size() > 40) return false;
  auto words = split(city, ' ');
  if (words.empty() || words.size() > 5) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i];
    if (word.empty()) return false;
    for (char c : word) {
      if (!is_place_letter(static_cast<unsigned char>(c))) return false;
    }
    auto first = static_cast<unsigned char>(word[0]);
    if (is_ascii_upper(first) || first >= 0x80) continue;
    std::size_t hyphen = word.find('-');
    if (hyphen != std::string_view::npos && hyphen <= 3 && hyphen + 1 < word.size() &&
        is_ascii_upper(static_cast<unsigned char>(word[hyphen + 1]))) {
      continue;  // al-Arish, el-Fasher
    }
    bool connector =
        std::find(kPlaceConnectors.begin(), kPlaceConnectors.end(), word) != kPlaceConnectors.end();
    if (!connector || i == 0 || i + 1 == words.size()) return false;
  }
  return true;
}

// The dateline at the start of a paragraph, through its dash, in wire form:
//   an upper-case place: "WASHINGTON —", "BAGHDAD, Iraq (Reuters) -",
//     "SAN JOSE (COSTA RICA) --", "WASHINGTON, Sept 21 (Reuters) -";
//   a capitalized place signed by a wire service: "Baghdad (AP) —",
//     "San Jose, Costa Rica (Reuters) -", "Washington, Sept. 21 (Reuters) -".
// A mixed-case place needs the signature: "Iraq (the country) - ..." or
// "Iran and Iraq - two neighbours - ..." start ordinary sentences. What follows
// the place's comma (country, date) is not part of it. Returns the length
// through the dash (0 for none) and sets `place` ("Washington", "San Jose").
std::size_t find_dateline(std::string_view line, std::string& place) {
  constexpr std::array<std::string_view, 4> kDashes = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ",
                                                       " - "};
  for (auto dash : kDashes) {
    std::size_t at = line.find(dash);
    if (at == std::string_view::npos || at == 0 || at > 60) continue;
    std::string_view head = line.substr(0, at);
    std::size_t paren = head.find(" (");
    std::string_view name = paren == std::string_view::npos ? head : head.substr(0, paren);
    bool signed_by_wire =
        paren != std::string_view::npos && is_wire_signature(head.substr(paren + 1));
    std::size_t comma = name.find(',');
    std::string_view city = comma == std::string_view::npos ? name : name.substr(0, comma);
    bool upper = !city.empty();
    for (char c : city) {
      auto b = static_cast<unsigned char>(c);
      if (!(is_ascii_upper(b) || c == ' ' || c == '.' || c == '\'' || c == '-')) upper = false;
    }
    if (upper && city.size() >= 2) {
      place.clear();
      bool word_start = true;
      for (char c : city) {
        place.push_back(
            word_start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        word_start = (c == ' ' || c == '-' || c == '.');
      }
      return at + dash.size();
    }
    if (signed_by_wire && is_capitalized_place(city)) {
      place.assign(city);
      return at + dash.size();
    }
  }
  return 0;
}

bool ends_sentence(std::string_view line) {
  if (line.empty()) return false;
  std::string_view tail = line.substr(line.size() > 4 ? line.size() - 4 : 0);
  for (char c : tail) {
    if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  }
  // Closing quote after punctuation: `said."` or the UTF-8 right double quote.
  return tail.find("\xE2\x80\x9D") != std::string_view::npos && line.size() > 4 &&
         (line[line.size() - 4] == '.' || line[line.size() - 4] == ',');
}

}  // namespace

void clean_text(std::string_view text, CleanedText& out) {
  out.clear();
  std::size_t pos = 0;
  bool dateline_found = false;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    std::string_view line = trim(raw);
    auto line_begin = static_cast<std::uint32_t>(line.data() - text.data());
    auto line_end = static_cast<std::uint32_t>(line_begin + line.size());
    if (!line.empty()) {
      if (is_banner(line)) {
        out.dropped.push_back({{line_begin, line_end}, "browser banner"});
      } else if (is_caption_label(line)) {
        out.dropped.push_back({{line_begin, line_end}, "caption label"});
      } else if (is_byline(line)) {
        out.dropped.push_back({{line_begin, line_end}, "byline"});
      } else {
        std::size_t credit = find_credit(line);
        if (credit != std::string_view::npos) {
          out.dropped.push_back(
              {{static_cast<std::uint32_t>(line_begin + credit), line_end}, "photo credit"});
          line = trim(line.substr(0, credit));
          line_end = static_cast<std::uint32_t>(line_begin + line.size());
        }
        if (!dateline_found) {
          std::string place;
          std::size_t skip = find_dateline(line, place);
          if (skip > 0) {
            dateline_found = true;
            out.dateline = place;
            out.dateline_span = {line_begin, static_cast<std::uint32_t>(line_begin + skip)};
            line_begin += static_cast<std::uint32_t>(skip);
            line = line.substr(skip);
          }
        }
        if (!line.empty()) {
          bool headline = line.size() <= kMaxHeadline && !ends_sentence(line);
          out.paragraphs.push_back({{line_begin, line_end}, headline});
        }
      }
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
}

}  // namespace tigris
