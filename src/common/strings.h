// Small string helpers shared by the stages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

inline bool is_ascii_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
inline bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_upper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_ascii_lower(unsigned char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline char ascii_upper(char c) {
  return is_ascii_lower(static_cast<unsigned char>(c)) ? c - 32 : c;
}

std::string_view trim(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char sep);
std::string to_upper_ascii(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);
bool equals_ci(std::string_view a, std::string_view b);

// Upper-cases UTF-8 text (ICU for non-ASCII letters) and folds typographic
// quotes and apostrophes to their ASCII forms, appending to `out`.
void append_normalized_upper(std::string_view text, std::string& out);

// Decodes one UTF-8 code point at `pos`, advancing it; returns 0xFFFD on bad bytes.
char32_t decode_utf8(std::string_view text, std::size_t& pos);
// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace tigris
