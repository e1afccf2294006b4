// Sentence splitting: ICU's sentence BreakIterator proposes boundaries (it
// knows quotes, ellipses and Unicode punctuation); our rules veto the ones that
// follow an abbreviation which does not end a sentence here.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <memory>

#include "common/strings.h"
#include "text/text.h"

namespace tigris {
namespace {

// Titles and other abbreviations that are never the last word of a sentence.
constexpr std::array<std::string_view, 45> kTitles = {
    "MR",   "MRS",    "MS",   "DR",   "GEN", "LT",   "COL",  "MAJ",  "CAPT",
    "SGT",  "ADM",    "CMDR", "CMDT", "GOV", "SEN",  "REP",  "REV",  "PROF",
    "ST",   "SR",     "NO",   "NOS",  "VOL", "ART",  "BRIG", "CPL",  "PVT",
    "SUPT", "INSP",   "AMB",  "PRES", "SEC", "MT",   "FT",   "GENS", "LT.GEN",
    "VS",   "APPROX", "DEPT", "EST",  "FIG", "GOVT", "MSGR", "ATTY", "JR"};

// Months: not final when a day number follows ("Sept. 21").
constexpr std::array<std::string_view, 13> kMonths = {
    "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "AUGUST"};

// Words that usually begin a sentence; after "U.S." they signal a real break.
constexpr std::array<std::string_view, 40> kSentenceStarters = {
    "THE",   "A",      "AN",    "HE",    "SHE",       "IT",      "THEY",      "WE",
    "I",     "YOU",    "BUT",   "AND",   "IN",        "ON",      "AT",        "THIS",
    "THAT",  "THESE",  "THOSE", "HIS",   "HER",       "THEIR",   "ITS",       "OUR",
    "AFTER", "BEFORE", "WHEN",  "WHILE", "ALTHOUGH",  "HOWEVER", "MEANWHILE", "THERE",
    "SINCE", "AS",     "IF",    "FOR",   "OFFICIALS", "SOME",    "MANY",      "NO"};

bool in_list(std::string_view word, const auto& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Dotted initialisms: "U.S", "U.N", "D.C", "E.U" (the final period stripped).
bool is_initialism(std::string_view word) {
  if (word.size() < 3) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    bool letter_slot = (i % 2 == 0);
    if (letter_slot != is_ascii_alpha(static_cast<unsigned char>(word[i])) ||
        (!letter_slot && word[i] != '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool abbreviation_continues(std::string_view word, std::string_view next) {
  std::string upper = to_upper_ascii(word);
  std::string next_upper = to_upper_ascii(next);
  bool next_digit = !next.empty() && is_ascii_digit(static_cast<unsigned char>(next[0]));
  // An initial ("J. F. Kennedy"), unless a usual sentence opener follows ("Plan B. The").
  if (upper.size() == 1 && is_ascii_upper(static_cast<unsigned char>(word[0]))) {
    return !in_list(std::string_view(next_upper), kSentenceStarters);
  }
  // "No. 4", "Vol. 2", "Art. 5": abbreviations only before a number.
  if (upper == "NO" || upper == "NOS" || upper == "VOL" || upper == "ART") return next_digit;
  if (in_list(std::string_view(upper), kTitles)) return true;
  if (in_list(std::string_view(upper), kMonths)) return next_digit;
  if (is_initialism(upper) || upper == "INC" || upper == "CORP" || upper == "CO" ||
      upper == "LTD" || upper == "A.M" || upper == "P.M") {
    if (next.empty()) return false;
    auto first = static_cast<unsigned char>(next[0]);
    if (is_ascii_lower(first) || next_digit) return true;
    return !in_list(std::string_view(next_upper), kSentenceStarters);
  }
  return false;
}

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;
  std::vector<std::uint32_t> boundaries;
};

SentenceSplitter::SentenceSplitter() : impl_(new Impl) {
  UErrorCode error = U_ZERO_ERROR;
  impl_->iterator.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getUS(), error));
  if (U_FAILURE(error)) impl_->iterator.reset();
}

SentenceSplitter::~SentenceSplitter() {
  delete impl_;
}

namespace {

// The word before byte `at` (skipping spaces, quotes and the period itself).
std::string_view word_before(std::string_view text, std::size_t begin, std::size_t at) {
  std::size_t end = at;
  while (end > begin && (is_space(static_cast<unsigned char>(text[end - 1])))) --end;
  if (end > begin && text[end - 1] == '.')
    --end;
  else
    return {};
  std::size_t start = end;
  while (start > begin && !is_space(static_cast<unsigned char>(text[start - 1])) &&
         text[start - 1] != '(' && text[start - 1] != '"') {
    --start;
  }
  return text.substr(start, end - start);
}

std::string_view word_after(std::string_view text, std::size_t at, std::size_t end) {
  std::size_t start = at;
  while (start < end && (is_space(static_cast<unsigned char>(text[start])) || text[start] == '"')) {
    ++start;
  }
  std::size_t stop = start;
  while (stop < end && (is_ascii_alpha(static_cast<unsigned char>(text[stop])) ||
                        is_ascii_digit(static_cast<unsigned char>(text[stop])))) {
    ++stop;
  }
  return text.substr(start, stop - start);
}

}  // namespace

void SentenceSplitter::split(std::string_view text, const CleanedText::Paragraph& paragraph,
                             std::uint32_t paragraph_index, std::vector<Sentence>& out) {
  auto push = [&](std::uint32_t begin, std::uint32_t end) {
    std::string_view piece = trim(text.substr(begin, end - begin));
    if (piece.empty()) return;
    auto b = static_cast<std::uint32_t>(piece.data() - text.data());
    out.push_back(
        {{b, static_cast<std::uint32_t>(b + piece.size())}, paragraph_index, paragraph.headline});
  };
  if (paragraph.headline || !impl_->iterator) {
    push(paragraph.span.begin, paragraph.span.end);
    return;
  }
  std::string_view piece = text.substr(paragraph.span.begin, paragraph.span.size());
  UErrorCode error = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, piece.data(), static_cast<int64_t>(piece.size()), &error);
  if (U_FAILURE(error)) {
    push(paragraph.span.begin, paragraph.span.end);
    return;
  }
  impl_->iterator->setText(utext, error);
  auto& bounds = impl_->boundaries;
  bounds.clear();
  // With a UTF-8 UText, ICU's native indexes are byte offsets into `piece`.
  for (int32_t b = impl_->iterator->next(); b != icu::BreakIterator::DONE;
       b = impl_->iterator->next()) {
    bounds.push_back(paragraph.span.begin + static_cast<std::uint32_t>(b));
  }
  utext_close(utext);
  std::uint32_t start = paragraph.span.begin;
  for (std::uint32_t boundary : bounds) {
    if (boundary < paragraph.span.end) {
      std::string_view before = word_before(text, start, boundary);
      std::string_view after = word_after(text, boundary, paragraph.span.end);
      if (!before.empty() && abbreviation_continues(before, after)) continue;
    }
    push(start, std::min(boundary, paragraph.span.end));
    start = boundary;
  }
  if (start < paragraph.span.end) push(start, paragraph.span.end);
}

}  // namespace tigris
