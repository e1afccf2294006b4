// Tokenization: words (with internal periods, hyphens and apostrophes),
// numbers, clitics split off ("'s", "n't"), and one token per punctuation mark.
// Straight and curly quotes are the same token after normalization.
#include <unicode/uchar.h>

#include "common/strings.h"
#include "text/text.h"

namespace tigris {
namespace {

bool is_word_char(std::string_view text, std::size_t pos) {
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return is_ascii_alpha(c) || is_ascii_digit(c);
  std::size_t p = pos;
  char32_t cp = decode_utf8(text, p);
  return u_isalnum(static_cast<UChar32>(cp)) != 0 ||
         u_charType(static_cast<UChar32>(cp)) == U_NON_SPACING_MARK;
}

std::size_t char_length(std::string_view text, std::size_t pos) {
  std::size_t p = pos;
  decode_utf8(text, p);
  return p - pos;
}

// Apostrophe: ASCII ' or U+2019 (3 bytes). Returns its byte length, or 0.
std::size_t apostrophe_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '\'') return 1;
  if (text.compare(pos, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

bool ascii_ci_equal_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos + word.size() <= text.size() && starts_with_ci(text.substr(pos), word);
}

}  // namespace

void tokenize(std::string_view text, Span sentence, std::vector<Token>& tokens,
              std::string& arena) {
  std::size_t pos = sentence.begin;
  const std::size_t end = sentence.end;
  bool first = true;
  auto emit = [&](std::size_t begin, std::size_t stop) {
    Token token;
    token.span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(stop)};
    token.norm_text_begin = static_cast<std::uint32_t>(arena.size());
    append_normalized_upper(text.substr(begin, stop - begin), arena);
    token.norm_text_size = static_cast<std::uint16_t>(
        std::min<std::size_t>(arena.size() - token.norm_text_begin, 0xFFFF));
    std::string_view surface = text.substr(begin, stop - begin);
    bool has_lower = false;
    bool has_upper = false;
    int letters = 0;
    for (char c : surface) {
      auto b = static_cast<unsigned char>(c);
      if (is_ascii_lower(b)) has_lower = true;
      if (is_ascii_upper(b)) has_upper = true;
      if (is_ascii_alpha(b)) ++letters;
      if (is_ascii_digit(b)) token.flags |= kHasDigit;
    }
    if (!surface.empty() && is_ascii_upper(static_cast<unsigned char>(surface[0]))) {
      token.flags |= kCapitalized;
    }
    if (has_upper && !has_lower && letters > 1) token.flags |= kAllCaps;
    if (first) token.flags |= kLineStart;
    first = false;
    tokens.push_back(token);
  };

  while (pos < end) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (is_space(c)) {
      ++pos;
      continue;
    }
    if (c >= 0x80 && !is_word_char(text, pos)) {
      std::size_t len = char_length(text, pos);
      // No-break and other Unicode spaces separate tokens without being one.
      std::size_t p = pos;
      char32_t cp = decode_utf8(text, p);
      if (u_isUWhiteSpace(static_cast<UChar32>(cp))) {
        pos += len;
        continue;
      }
      if (apostrophe_at(text, pos) && pos + len < end && ascii_ci_equal_at(text, pos + len, "s") &&
          (pos + len + 1 >= end || !is_word_char(text, pos + len + 1))) {
        emit(pos, pos + len + 1);  // curly "'s"
        pos += len + 1;
        continue;
      }
      emit(pos, pos + len);
      pos += len;
      continue;
    }
    // "Dol_Amroth": an underscore joining two words separates them like a space
    // (PETRARCH and TABARI texts write multi-word names so), never a token.
    if (c == '_' && pos > sentence.begin && !tokens.empty() && tokens.back().span.end == pos &&
        pos + 1 < end && is_word_char(text, pos + 1)) {
      ++pos;
      continue;
    }
    if (!is_word_char(text, pos)) {
      // "'s" clitic after a word, written with a straight apostrophe.
      if (c == '\'' && pos + 1 < end && (text[pos + 1] == 's' || text[pos + 1] == 'S') &&
          (pos + 2 >= end || !is_word_char(text, pos + 2)) && !tokens.empty() &&
          tokens.back().span.end == pos) {
        emit(pos, pos + 2);
        pos += 2;
        continue;
      }
      emit(pos, pos + 1);
      ++pos;
      continue;
    }
    // A word or number. Extend over word characters and over internal
    // connectors (. - ' & ,) that are followed by another word character.
    std::size_t start = pos;
    bool numeric = is_ascii_digit(c);
    while (pos < end) {
      if (is_word_char(text, pos)) {
        pos += char_length(text, pos);
        continue;
      }
      char ch = text[pos];
      std::size_t apostrophe = apostrophe_at(text, pos);
      if (apostrophe > 0) {
        std::size_t after = pos + apostrophe;
        // Clitics are split: 's, n't handled below, 're 've 'll 'd 'm.
        if (after < end && is_word_char(text, after)) {
          std::size_t word_end = after;
          while (word_end < end && is_word_char(text, word_end))
            word_end += char_length(text, word_end);
          std::string_view tail = text.substr(after, word_end - after);
          if (equals_ci(tail, "s") || equals_ci(tail, "re") || equals_ci(tail, "ve") ||
              equals_ci(tail, "ll") || equals_ci(tail, "d") || equals_ci(tail, "m") ||
              equals_ci(tail, "t")) {
            break;
          }
          pos = after;  // O'Brien, Shi'ite
          continue;
        }
        break;
      }
      bool connector = ch == '-' || ch == '&' || (ch == '.' && !numeric) ||
                       (numeric && (ch == ',' || ch == '.'));
      if (connector && pos + 1 < end && is_word_char(text, pos + 1)) {
        ++pos;
        continue;
      }
      break;
    }
    std::size_t stop = pos;
    // "U.S." keeps its final period; so do known abbreviations ("Gen.", "Sept.").
    if (stop < end && text[stop] == '.') {
      std::string_view word = text.substr(start, stop - start);
      bool dotted = word.find('.') != std::string_view::npos;
      std::size_t next = stop + 1;
      while (next < end && is_space(static_cast<unsigned char>(text[next]))) ++next;
      std::size_t next_end = next;
      while (next_end < end && is_word_char(text, next_end))
        next_end += char_length(text, next_end);
      std::string_view following = text.substr(next, next_end - next);
      if ((dotted && !numeric) || (next < end && abbreviation_continues(word, following))) {
        ++stop;
        pos = stop;
      }
    }
    // "didn't" -> "did" + "n't"; "can't" -> "ca" + "n't".
    std::size_t apostrophe = apostrophe_at(text, stop);
    if (apostrophe > 0 && stop > start + 1 && (text[stop - 1] == 'n' || text[stop - 1] == 'N') &&
        stop + apostrophe < end &&
        (text[stop + apostrophe] == 't' || text[stop + apostrophe] == 'T')) {
      emit(start, stop - 1);
      emit(stop - 1, stop + apostrophe + 1);
      pos = stop + apostrophe + 1;
      continue;
    }
    emit(start, stop);
    if (apostrophe > 0) {
      std::size_t after = stop + apostrophe;
      std::size_t word_end = after;
      while (word_end < end && is_word_char(text, word_end))
        word_end += char_length(text, word_end);
      if (word_end > after && word_end - after <= 2) {
        emit(stop, word_end);  // 's 're 've 'll 'd 'm
        pos = word_end;
      }
    }
  }
}

}  // namespace tigris
