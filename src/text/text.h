// Text stage: boilerplate removal, sentence splitting, tokenization.
// Everything here works on byte spans into the story text; nothing is copied
// except the upper-cased token forms, which go to a caller-owned arena.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tigris/document.h"

namespace tigris {

// What the cleaner kept: paragraphs of news text (spans into the story) and
// the dateline place, with what it dropped for `explain`.
struct CleanedText {
  struct Paragraph {
    Span span;
    bool headline = false;  // a short line without final punctuation
  };
  struct Dropped {
    Span span;
    const char* reason;  // "browser banner", "caption label", "photo credit", "byline"
  };
  std::vector<Paragraph> paragraphs;
  std::vector<Dropped> dropped;
  std::string dateline;  // "Washington" for "WASHINGTON —"
  Span dateline_span;

  void clear() {
    paragraphs.clear();
    dropped.clear();
    dateline.clear();
    dateline_span = {};
  }
};

// Splits `text` into lines, drops web boilerplate, photo credits and bylines,
// and finds the dateline. Linear in the text length.
void clean_text(std::string_view text, CleanedText& out);

// Splits one paragraph into sentences with ICU's sentence rules, then undoes
// the breaks ICU makes after abbreviations ("U.S.", "Gen.", "Sept. 21").
// Appends to `out`.
class SentenceSplitter {
 public:
  SentenceSplitter();
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;

  void split(std::string_view text, const CleanedText::Paragraph& paragraph,
             std::uint32_t paragraph_index, std::vector<Sentence>& out);

 private:
  struct Impl;
  Impl* impl_;
};

// True when "word." (word given without the period) does not end a sentence
// when followed by `next` (the next word, may be empty).
bool abbreviation_continues(std::string_view word, std::string_view next);

// Tokenizes `sentence`, appending tokens (spans, flags, upper-cased forms in
// `arena`) to `tokens`. Vocabulary ids and tags are filled in later stages.
void tokenize(std::string_view text, Span sentence, std::vector<Token>& tokens, std::string& arena);

inline std::string_view token_norm(const Token& token, const std::string& arena) {
  return std::string_view(arena).substr(token.norm_text_begin, token.norm_text_size);
}

}  // namespace tigris
