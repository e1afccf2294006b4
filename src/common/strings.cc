#include "common/strings.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace tigris {

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && is_space(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_upper(text[i]) != ascii_upper(prefix[i])) return false;
  }
  return true;
}

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && starts_with_ci(a, b);
}

char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  auto index = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(bytes, index, length, c);
  pos = static_cast<std::size_t>(index);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    auto index = static_cast<std::int32_t>(pos);
    UChar32 cp = 0;
    U8_NEXT(bytes, index, static_cast<std::int32_t>(text.size()), cp);
    if (cp < 0) return false;
    pos = static_cast<std::size_t>(index);
  }
  return true;
}

void append_normalized_upper(std::string_view text, std::string& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out.push_back(ascii_upper(static_cast<char>(byte)));
      ++pos;
      continue;
    }
    char32_t c = decode_utf8(text, pos);
    switch (c) {
      case U'\u2018':
      case U'\u2019':
      case U'\u02BC':
      case U'\u2032':
        out.push_back('\'');
        continue;
      case U'\u201C':
      case U'\u201D':
      case U'\u2033':
        out.push_back('"');
        continue;
      case U'\u2010':
      case U'\u2011':
      case U'\u2012':
      case U'\u2013':
        out.push_back('-');
        continue;
      default:
        break;
    }
    // Fold accents so "Erdoğan" matches ERDOGAN: keep the base letter of the
    // canonical decomposition.
    UChar32 base = static_cast<UChar32>(c);
    static const icu::Normalizer2* nfd = [] {
      UErrorCode error = U_ZERO_ERROR;
      const icu::Normalizer2* instance = icu::Normalizer2::getNFDInstance(error);
      return U_SUCCESS(error) ? instance : nullptr;
    }();
    if (nfd && u_isalpha(base)) {
      icu::UnicodeString decomposition;
      if (nfd->getDecomposition(base, decomposition) && decomposition.length() > 0) {
        base = decomposition.char32At(0);
      }
    }
    auto upper = static_cast<UChar32>(u_toupper(base));
    char buffer[4];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(buffer), length, 4, upper, error);
    if (!error) out.append(buffer, static_cast<std::size_t>(length));
  }
}

}  // namespace tigris
