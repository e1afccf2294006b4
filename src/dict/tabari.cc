#include "dict/tabari.h"

#include <algorithm>
#include <map>
#include <optional>

#include "common/strings.h"
#include "lexicon/lexicon.h"

namespace tigris {

namespace {

constexpr std::size_t kMaxVariants = 64;     // alternatives x synsets expanded per pattern line
constexpr std::size_t kMaxStemMatches = 24;  // lemmas a pattern stem may stand for
constexpr std::size_t kStemSlack = 4;        // ... at most this many letters longer than the stem

bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

// "SAUDI_ARABIA_" -> {SAUDI, ARABIA}, stem_last = false. Blanks also separate
// words (old KEDS entries). Hyphens are kept: Tigris's tokenizer keeps
// "al-Assad" as one token, where TABARI replaces the hyphen by a blank.
std::vector<std::string> words_of(std::string_view phrase, bool& stem_last) {
  std::vector<std::string> words;
  std::string current;
  stem_last = !phrase.empty() && phrase.back() != '_';
  for (char c : phrase) {
    if (c == '_' || blank(c)) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(ascii_upper(c));
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string plural_of(std::string_view word) {
  std::string out(word);
  auto vowel = [](char c) { return std::string_view("AEIOU").find(c) != std::string_view::npos; };
  if (out.size() > 1 && out.back() == 'Y' && !vowel(out[out.size() - 2])) {
    out.pop_back();
    return out + "IES";
  }
  if (out.ends_with("S") || out.ends_with("SH") || out.ends_with("CH") || out.ends_with("X")) {
    return out + "ES";
  }
  return out + "S";
}

bool parse_digits(std::string_view text, std::int32_t& value) {
  if (text.empty() || text.size() > 8) return false;
  value = 0;
  for (char c : text) {
    if (!is_ascii_digit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

// TABARI dates: YYMMDD, years 00-30 being 2000-2030 (manual 6.5.2); YYYYMMDD
// is accepted too.
bool parse_date(std::string_view text, std::int32_t& ymd) {
  text = trim(text);
  std::int32_t value = 0;
  if (!parse_digits(text, value)) return false;
  if (text.size() == 6) {
    std::int32_t year = value / 10000;
    ymd = (year <= 30 ? 2000 + year : 1900 + year) * 10000 + value % 10000;
  } else if (text.size() == 8) {
    ymd = value;
  } else {
    return false;
  }
  std::int32_t month = (ymd / 100) % 100;
  std::int32_t day = ymd % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// One [...] block of an actor line: "USA", "EGY <911231", "UNO > 920101",
// "ISRGOV 950601-990815", "---", "###", "GME/GMW".
struct CodeBlock {
  std::string code;  // upper case, as written otherwise
  std::int32_t from = 0;
  std::int32_t to = 99999999;
  bool dated = false;
  std::size_t line = 0;
  std::string text;  // the block as written, for notes
};

std::string parse_code_block(std::string_view body, CodeBlock& out) {
  body = trim(body);
  if (body.empty()) return "empty code []";
  std::size_t end = 0;
  while (end < body.size() && !blank(body[end]) && body[end] != '<' && body[end] != '>') ++end;
  out.code = to_upper_ascii(body.substr(0, end));
  std::string_view rest = trim(body.substr(end));
  if (out.code.empty()) return "missing code before the date restriction";
  for (char c : out.code) {
    auto b = static_cast<unsigned char>(c);
    if (!(is_ascii_upper(b) || is_ascii_digit(b) || c == '/' || c == '-' || c == '#' || c == '+')) {
      return "malformed actor code";
    }
  }
  if (rest.empty()) return "";
  out.dated = true;
  if (rest[0] == '<') {
    if (!parse_date(rest.substr(1), out.to)) return "bad date in restriction (want <YYMMDD)";
    return "";
  }
  if (rest[0] == '>') {
    if (!parse_date(rest.substr(1), out.from)) return "bad date in restriction (want >YYMMDD)";
    return "";
  }
  std::size_t dash = rest.find('-');
  if (dash == std::string_view::npos || !parse_date(rest.substr(0, dash), out.from) ||
      !parse_date(rest.substr(dash + 1), out.to)) {
    return "bad date restriction (want <YYMMDD, >YYMMDD or YYMMDD-YYMMDD)";
  }
  if (out.from > out.to && out.from >= 20000000 && out.from < 20310000 &&
      trim(rest.substr(0, dash)).size() == 6) {
    // "[BGDELI 230101-840330]": a start after the end under the 2030 pivot is
    // a year of the 1900s (birth years in GLOBALNET's person records).
    out.from -= 1000000;
  }
  if (out.from > out.to) return "date range ends before it starts";
  return "";
}

// Splits "PHRASE [A] [B <900101]" into the phrase and its bracket bodies;
// text after the last block goes to `trailing`.
std::string split_brackets(std::string_view text, std::string_view& phrase,
                           std::vector<std::string_view>& blocks, std::string_view& trailing) {
  std::size_t first = text.find('[');
  phrase = trim(text.substr(0, first));
  std::size_t pos = first;
  while (pos != std::string_view::npos && pos < text.size()) {
    std::size_t close = text.find(']', pos);
    if (close == std::string_view::npos) return "missing ']'";
    blocks.push_back(text.substr(pos + 1, close - pos - 1));
    std::size_t next = text.find('[', close);
    std::string_view between = trim(text.substr(
        close + 1, next == std::string_view::npos ? std::string_view::npos : next - close - 1));
    if (!between.empty()) {
      if (next != std::string_view::npos) return "text between code blocks";
      trailing = between;
    }
    pos = next;
  }
  if (text.find(']') != std::string_view::npos && first == std::string_view::npos)
    return "missing '['";
  return "";
}

bool is_event_code_char(char c) {
  return is_ascii_digit(static_cast<unsigned char>(c)) ||
         is_ascii_upper(static_cast<unsigned char>(c));
}

}  // namespace

// ---------------------------------------------------------------- detection

bool looks_like_tabari_verbs(std::string_view content) {
  std::size_t pos = 0;
  int lines = 0;
  int patterns = 0;
  bool root_seen = false;
  while (pos < content.size() && lines < 500) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = trim(content.substr(pos, end - pos));
    pos = end + 1;
    ++lines;
    if (line.starts_with("---")) return false;  // PETRARCH block header
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '-') {
      if (root_seen) ++patterns;
    } else if (is_ascii_upper(static_cast<unsigned char>(line[0])) &&
               line.find('[') != std::string_view::npos) {
      root_seen = true;
    }
  }
  return patterns > 0;
}

// ---------------------------------------------------------------- shared

const std::string& TabariReader::file() const {
  return builder_.dict_->sources_[source_];
}

void TabariReader::note(std::size_t line, std::string_view text, std::string reason) {
  builder_.note(source_, line, text, std::move(reason));
}

Status TabariReader::error(const Line& line, std::string message) const {
  Status status(StatusCode::kInvalidInput, std::move(message));
  status.at(file(), line.number).with_excerpt(std::string(trim(line.raw)));
  return status;
}

// Calls fn(Line) for every line up to TABARI's end mark "~~FINISH". Lines
// starting with '#' or '/' are comments (manual 5.2), and so is the text after
// ';'. A malformed line stops a strict build and is a note in a lenient one.
template <typename Fn>
Status TabariReader::for_each_line(std::string_view content, Fn&& fn) {
  std::size_t pos = 0;
  std::size_t number = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++number;
    pos = end + 1;
    std::string_view trimmed = trim(raw);
    if (trimmed.starts_with("~~FINISH")) {
      // Lines after it are kept by TABARI when it rewrites the file, never read.
      std::size_t after = 0;
      std::size_t first = 0;
      std::size_t scan = pos;
      std::size_t scan_number = number;
      while (scan < content.size()) {
        std::size_t e = content.find('\n', scan);
        if (e == std::string_view::npos) e = content.size();
        ++scan_number;
        if (!trim(content.substr(scan, e - scan)).empty()) {
          if (after++ == 0) first = scan_number;
        }
        scan = e + 1;
      }
      if (after > 0) {
        note(first, "",
             std::to_string(after) + " line(s) after TABARI's end mark ~~FINISH (line " +
                 std::to_string(number) + ") not read, as in TABARI");
      }
      break;
    }
    if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == '/') continue;
    std::string_view text = raw;
    std::size_t semicolon = text.find(';');
    if (semicolon != std::string_view::npos) text = text.substr(0, semicolon);
    while (!text.empty() && (blank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
    if (trim(text).empty()) continue;
    Line line{text, raw, number};
    Status status = fn(line);
    if (status.is_ok()) continue;
    if (!builder_.lenient_) return status;
    note(number, raw, "skipped: " + status.message());
  }
  return Status::ok();
}

// ---------------------------------------------------------------- actors

Status TabariReader::read_actors(std::string_view content) {
  Dictionary& dict = *builder_.dict_;
  struct Phrase {
    std::vector<std::string> words;
    bool stem = false;
    std::size_t line = 0;
    std::string raw;
  };
  struct Record {
    std::vector<Phrase> phrases;
    std::vector<CodeBlock> codes;
    std::size_t line = 0;
    std::string raw;
  };
  std::optional<Record> record;
  std::vector<std::pair<std::vector<std::string>, std::uint32_t>> plurals;
  // <NOUN> and <ADJECTIVE> lists: one note per list.
  std::string section;
  std::size_t section_line = 0;
  std::size_t section_entries = 0;

  // Turns a finished record into an actor (or discard) entry.
  auto commit = [&]() -> Status {
    if (!record) return Status::ok();
    Record r = std::move(*record);
    record.reset();
    if (r.codes.empty()) {
      Status status(StatusCode::kInvalidInput, "actor without a [code]");
      status.at(file(), r.line).with_excerpt(std::string(trim(r.raw)));
      if (!builder_.lenient_) return status;
      note(r.line, r.raw, "skipped: actor without a [code]");
      return Status::ok();
    }
    ActorEntry actor;
    actor.name = join_words(r.phrases.front().words);
    actor.source = source_;
    actor.line = static_cast<std::uint32_t>(r.line);
    bool discard = false;
    bool has_default = false;
    bool has_other = false;
    for (const CodeBlock& block : r.codes) {
      std::string code = block.code;
      if (code == "###") {
        if (!block.dated) {
          discard = true;
          continue;
        }
        note(block.line, block.text,
             "dated discard code [### ...]: read as no actor in that period (Tigris discards "
             "are not dated)");
        code.clear();
      } else if (code == "+++") {
        note(block.line, block.text,
             "complex code [+++] (divert the sentence to a human coder) not supported: read as no "
             "actor");
        code.clear();
      } else if (code == "---") {
        code.clear();  // null code: the phrase is recognised and codes nothing
      } else if (code.find('/') != std::string::npos) {
        std::string first = code.substr(0, code.find('/'));
        note(block.line, block.text,
             "coded compound actor " + code + ": Tigris gives an actor one code, the first (" +
                 first + ") is used");
        code = first;
      }
      if (code.find_first_of("#+-/") != std::string::npos) {
        note(block.line, block.text, "code " + block.code + " not understood; read as no actor");
        code.clear();
      }
      has_other = true;
      if (block.dated) {
        actor.dated.push_back({block.from, block.to, code});
      } else if (!has_default) {
        actor.default_code = code;
        has_default = true;
      } else {
        note(block.line, block.text,
             "second code without a date restriction ignored (TABARI: the default comes last, "
             "once)");
      }
    }
    if (discard && has_other) {
      note(r.line, r.raw,
           "discard code [###] beside other codes: read as no actor outside their dates (Tigris "
           "discards are not dated)");
      discard = false;
    }
    if (discard) {
      for (const Phrase& p : r.phrases) {
        auto index = static_cast<std::uint32_t>(dict.discards_.size());
        dict.discards_.push_back({join_words(p.words), false});
        if (!dict.discard_trie_.insert(p.words, p.stem, index, builder_.vocab_)) {
          builder_.duplicate(source_, p.line, p.raw);
        }
      }
      return Status::ok();
    }
    auto index = static_cast<std::uint32_t>(dict.actors_.size());
    dict.actors_.push_back(std::move(actor));
    for (const Phrase& p : r.phrases) {
      if (!dict.actor_trie_.insert(p.words, p.stem, index, builder_.vocab_)) {
        builder_.duplicate(source_, p.line, p.raw);
      }
      // TABARI accepts the regular plural of a whole last word (manual 5.2.3).
      if (!p.stem) {
        auto plural = p.words;
        plural.back() = plural_of(plural.back());
        plurals.emplace_back(std::move(plural), index);
      }
    }
    return Status::ok();
  };

  // A bad block stops a strict build; in a lenient one it alone is skipped.
  auto add_codes = [&](const Line& line, const std::vector<std::string_view>& blocks,
                       std::string_view trailing) -> Status {
    if (!trailing.empty()) {
      if (!builder_.lenient_) return error(line, "text after the code");
      note(line.number, line.raw, "skipped: text after the code: " + std::string(trailing));
    }
    for (std::string_view body : blocks) {
      CodeBlock block;
      std::string problem = parse_code_block(body, block);
      if (!problem.empty()) {
        if (!builder_.lenient_) return error(line, problem);
        note(line.number, line.raw, "skipped: code [" + std::string(trim(body)) + "]: " + problem);
        continue;
      }
      block.line = line.number;
      block.text = std::string(trim(line.raw));
      record->codes.push_back(std::move(block));
    }
    return Status::ok();
  };

  Status status = for_each_line(content, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.starts_with("<")) {
      std::string tag = to_upper_ascii(body);
      if (tag.starts_with("</")) {
        if (!section.empty()) {
          note(section_line, "<" + section + ">",
               "TABARI <" + section + "> list of " + std::to_string(section_entries) +
                   " phrase(s) (lines " + std::to_string(section_line) + "-" +
                   std::to_string(line.number) +
                   ") not loaded: it guides TABARI's own compound-phrase parser; Tigris tags "
                   "words with WordNet");
        }
        section.clear();
        return Status::ok();
      }
      TIGRIS_RETURN_IF_ERROR(commit());
      section = std::string(trim(std::string_view(tag).substr(1, tag.find('>') - 1)));
      section_line = line.number;
      section_entries = 0;
      return Status::ok();
    }
    if (!section.empty()) {
      ++section_entries;
      return Status::ok();
    }
    std::string_view phrase;
    std::string_view trailing;
    std::vector<std::string_view> blocks;
    if (body[0] == '[') {
      // An indented "[CODE ...]" line (manual 5.3.1) adds to the record.
      if (!record) return error(line, "code restriction without an actor phrase");
      std::string problem = split_brackets(body, phrase, blocks, trailing);
      if (!problem.empty()) return error(line, problem);
      return add_codes(line, blocks, trailing);
    }
    bool synonym = body[0] == '+';
    if (synonym) {
      body = trim(body.substr(1));
      if (!record) return error(line, "synonym '+' before any actor phrase");
    } else {
      // A phrase line (indented or not) ends the record before it, even when
      // it is malformed itself: its code lines must not join that record.
      TIGRIS_RETURN_IF_ERROR(commit());
    }
    std::string problem = split_brackets(body, phrase, blocks, trailing);
    if (!problem.empty()) return error(line, problem);
    Phrase p;
    p.words = words_of(phrase, p.stem);
    p.line = line.number;
    p.raw = std::string(trim(line.raw));
    if (p.words.empty()) return error(line, "actor line without a phrase");
    if (!synonym) {
      record = Record{};
      record->line = line.number;
      record->raw = std::string(trim(line.raw));
    }
    record->phrases.push_back(std::move(p));
    return add_codes(line, blocks, trailing);
  });
  TIGRIS_RETURN_IF_ERROR(status);
  TIGRIS_RETURN_IF_ERROR(commit());
  if (!section.empty()) {
    note(section_line, "<" + section + ">",
         "TABARI <" + section + "> list never closed; not loaded");
  }
  // Generated plurals last, so that they never shadow a phrase written out.
  for (const auto& [words, index] : plurals)
    dict.actor_trie_.insert(words, false, index, builder_.vocab_);
  return Status::ok();
}

// ---------------------------------------------------------------- agents

Status TabariReader::read_agents(std::string_view content) {
  Dictionary& dict = *builder_.dict_;
  std::vector<std::pair<std::vector<std::string>, std::uint32_t>> plurals;
  Status status = for_each_line(content, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.starts_with("<")) {
      note(line.number, line.raw, "section marker in an agents file not understood; ignored");
      return Status::ok();
    }
    std::string_view phrase;
    std::string_view trailing;
    std::vector<std::string_view> blocks;
    std::string problem = split_brackets(body, phrase, blocks, trailing);
    if (!problem.empty()) return error(line, problem);
    if (blocks.empty()) return error(line, "agent line without [code]");
    if (!trailing.empty())
      note(line.number, line.raw, "text after the code ignored: " + std::string(trailing));
    std::string code = to_upper_ascii(trim(blocks[0]));
    bool before = false;
    if (code.size() > 1 && code.front() == '~') {
      code.erase(0, 1);
    } else if (code.size() > 1 && code.back() == '~') {
      code.pop_back();
      before = true;
    } else {
      return error(line, "agent code needs '~' before or after it (manual 5.4)");
    }
    for (char c : code) {
      if (!is_event_code_char(c)) return error(line, "malformed agent code");
    }
    for (std::size_t b = 1; b < blocks.size(); ++b) {
      note(line.number, line.raw,
           "second agent code [" + std::string(trim(blocks[b])) +
               "] ignored: an agent has one code");
    }
    bool stem = false;
    auto words = words_of(phrase, stem);
    if (words.empty()) return error(line, "agent line without a phrase");
    AgentEntry entry;
    entry.phrase = join_words(words);
    entry.code = code;
    entry.before_country = before;
    entry.source = source_;
    entry.line = static_cast<std::uint32_t>(line.number);
    auto index = static_cast<std::uint32_t>(dict.agents_.size());
    dict.agents_.push_back(std::move(entry));
    if (!dict.agent_trie_.insert(words, stem, index, builder_.vocab_)) {
      builder_.duplicate(source_, line.number, line.raw);
    }
    if (!stem) {
      words.back() = plural_of(words.back());
      plurals.emplace_back(std::move(words), index);
    }
    return Status::ok();
  });
  TIGRIS_RETURN_IF_ERROR(status);
  for (const auto& [words, index] : plurals)
    dict.agent_trie_.insert(words, false, index, builder_.vocab_);
  return Status::ok();
}

// ---------------------------------------------------------------- options

Status TabariReader::read_options(std::string_view content) {
  std::size_t label_first = 0;
  std::size_t label_last = 0;
  std::size_t labels = 0;
  std::size_t number = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    // Comments: '#' or "//" anywhere (manual 8.1.1).
    std::string_view text = raw;
    std::size_t hash = text.find('#');
    if (hash != std::string_view::npos) text = text.substr(0, hash);
    std::size_t slashes = text.find("//");
    if (slashes != std::string_view::npos) text = text.substr(0, slashes);
    text = trim(text);
    if (text.empty() || text.starts_with("~~")) continue;
    std::string upper = to_upper_ascii(text);
    if (upper.starts_with("LABE")) {
      if (labels++ == 0) label_first = number;
      label_last = number;
      continue;
    }
    std::string directive = upper.substr(0, upper.find(':'));
    std::string reason;
    if (directive.starts_with("COMP")) {
      reason =
          "COMPLEX (divert sentences TABARI finds too complex) not supported: Tigris codes every "
          "sentence it can parse";
    } else if (directive.starts_with("DEFA")) {
      reason = "DEFAULT source/target codes not supported: Tigris codes no event without an actor";
    } else if (directive.starts_with("OUTP")) {
      reason =
          "OUTPUT fields are TABARI's event-file format; Tigris writes its own (docs/output.md)";
    } else if (directive.starts_with("FORW")) {
      reason =
          "FORWARD (pronouns across records by record id) not supported: Tigris reads whole "
          "stories";
    } else if (directive.starts_with("COMM")) {
      reason =
          "COMMA (drop comma-delimited clauses by length) not supported: Tigris parses clauses";
    } else if (directive.starts_with("NONE")) {
      reason = "NONEVENTS not supported: Tigris outputs events only";
    } else if (directive.starts_with("ISSU") || directive.starts_with("FREQ")) {
      reason = "ISSUES/FREQUENCY content analysis not supported";
    } else if (directive.starts_with("SET")) {
      reason = "SET switch is a TABARI run setting with no Tigris equivalent";
    } else {
      reason = "not a TABARI .options directive Tigris knows";
    }
    note(number, raw, reason + "; ignored");
  }
  if (labels > 0) {
    note(label_first, "LABEL: ...",
         std::to_string(labels) + " LABEL line(s) (lines " + std::to_string(label_first) + "-" +
             std::to_string(label_last) + ") not used: Tigris names codes from its codebook");
  }
  return Status::ok();
}

// ---------------------------------------------------------------- verbs

const std::vector<std::string>& TabariReader::sorted_lemmas() {
  if (lemmas_.empty()) {
    const Vocabulary& vocab = builder_.vocab_;
    for (std::uint32_t id = 1; id < vocab.size(); ++id) {
      if (builder_.lexicon_.pos_bits(id) != 0) lemmas_.emplace_back(vocab.text(id));
    }
    std::sort(lemmas_.begin(), lemmas_.end());
  }
  return lemmas_;
}

// The lemma id of a verb root word: its own lemma when it is a verb form
// ("KILLED" -> KILL); for a stem, the stem + E ("ABUS" -> ABUSE) or the
// shortest verb lemma it begins ("CRITICI" -> CRITICIZE). 0 when none.
std::uint32_t TabariReader::verb_lemma_for(const std::string& word, bool stem) {
  const Lexicon& lexicon = builder_.lexicon_;
  Vocabulary& vocab = builder_.vocab_;
  auto verb_of = [&](const std::string& w) -> std::uint32_t {
    auto lemma = lexicon.verb_lemma(w, vocab);
    return lemma.id != 0 && (lexicon.pos_bits(lemma.id) & kPosVerb) ? lemma.id : 0;
  };
  if (std::uint32_t id = verb_of(word)) return id;
  if (!stem) return 0;
  // "DENIE" (DENIED), "SUPPLI" (SUPPLIED), "COMMITT" (COMMITTED): the stem
  // of an inflected form.
  for (const char* ending : {"E", "D", "ED", "ES"}) {
    if (std::uint32_t id = verb_of(word + ending)) return id;
  }
  const auto& lemmas = sorted_lemmas();
  std::string best;
  for (auto it = std::lower_bound(lemmas.begin(), lemmas.end(), word);
       it != lemmas.end() && it->starts_with(word); ++it) {
    if (it->size() > word.size() + 3) continue;
    std::uint32_t id = vocab.find(*it);
    if (!(lexicon.pos_bits(id) & kPosVerb)) continue;
    if (best.empty() || it->size() < best.size()) best = *it;
  }
  return best.empty() ? 0 : vocab.find(best);
}

Status TabariReader::read_verbs(std::string_view content) {
  Dictionary& dict = *builder_.dict_;
  Vocabulary& vocab = builder_.vocab_;
  const Lexicon& lexicon = builder_.lexicon_;
  std::map<std::string, std::vector<std::string>> synsets;  // "&NAME" -> member phrases
  std::string current_synset;
  std::string section;
  std::size_t section_line = 0;
  std::size_t section_entries = 0;
  std::int64_t block = -1;
  std::int64_t last_verb = -1;
  // (lemma, preceding, particles) -> block: a second root with the same lemma
  // (TABARI lists BEGIN and BEGUN apart) adds its patterns to the first.
  std::map<std::string, std::uint32_t> block_of_key;

  // Reads "[CODE]" of a root or pattern; empty string = error text in `problem`.
  auto parse_event_code = [&](const Line& line, std::string_view body, std::string& code,
                              std::string& paired, std::string& problem) {
    std::string text = to_upper_ascii(trim(body));
    std::size_t colon = text.find(':');
    if (colon != std::string::npos) {
      paired = std::string(trim(std::string_view(text).substr(colon + 1)));
      text = std::string(trim(std::string_view(text).substr(0, colon)));
      if (text.empty()) text = "---";
    }
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' '; }),
               text.end());
    if (text.empty()) {
      problem = "empty code []";
      return;
    }
    for (std::string* c : {&text, &paired}) {
      if (c->empty()) continue;
      char mark = c->back();
      if ((mark == '!' || mark == '?') && c->size() > 1 &&
          (is_event_code_char((*c)[c->size() - 2]) || (*c)[c->size() - 2] == '-')) {
        note(line.number, line.raw,
             std::string(mark == '!' ? "dominant" : "subordinate") + " code marker '" + mark +
                 "' in [" + std::string(trim(body)) +
                 "] not supported: the code is used as a plain code");
        c->pop_back();
      }
    }
    if (text == "###") {
      note(line.number, line.raw,
           "discard code [###] on a verb: read as no event (Tigris discards whole sentences only "
           "by phrase)");
      text = "---";
    } else if (text == "+++") {
      note(line.number, line.raw, "complex code [+++] on a verb not supported: read as no event");
      text = "---";
    }
    for (const std::string* c : {&text, &paired}) {
      if (*c == "---") continue;
      for (char ch : *c) {
        if (!is_event_code_char(ch)) {
          problem = "malformed event code [" + std::string(trim(body)) + "]";
          return;
        }
      }
    }
    code = text;
  };

  auto closed = [&](const std::string& word) { return lexicon.closed_class(word); };
  auto is_prep = [&](const std::string& word) {
    ClosedClass c = closed(word);
    return c == ClosedClass::kPreposition || c == ClosedClass::kPrepOrSub || c == ClosedClass::kTo;
  };
  // Function words no noun phrase contains: a pattern needing them cannot
  // match in Tigris, which reads tense, modality and negation from the clause.
  auto is_function_word = [&](const std::string& word) {
    switch (closed(word)) {
      case ClosedClass::kBe:
      case ClosedClass::kHave:
      case ClosedClass::kDo:
      case ClosedClass::kModal:
      case ClosedClass::kNegation:
      case ClosedClass::kConjunction:
      case ClosedClass::kSubordinator:
        return true;
      default:
        return false;
    }
  };
  // Alternatives for a word sequence whose last word may be a stem.
  auto sequences_for = [&](const std::vector<std::string>& words, bool stem) {
    std::vector<std::vector<std::uint32_t>> out;
    std::vector<std::uint32_t> ids;
    for (const auto& w : words) ids.push_back(vocab.intern(w));
    out.push_back(ids);
    const std::string& last = words.back();
    if (stem && last.size() >= 4) {
      const auto& lemmas = sorted_lemmas();
      for (auto it = std::lower_bound(lemmas.begin(), lemmas.end(), last);
           it != lemmas.end() && it->starts_with(last) && out.size() <= kMaxStemMatches; ++it) {
        if (*it == last || it->size() > last.size() + kStemSlack) continue;
        ids.back() = vocab.intern(*it);
        out.push_back(ids);
      }
    }
    return out;
  };

  // "{ A | B }" groups and &SYNSETs, expanded into whole pattern texts.
  auto expand_variants = [&](std::string text, std::vector<std::string>& out,
                             std::string& problem) {
    std::vector<std::string> work{std::move(text)};
    while (!work.empty()) {
      std::string t = std::move(work.back());
      work.pop_back();
      if (out.size() + work.size() > kMaxVariants) {
        problem =
            "more than " + std::to_string(kMaxVariants) + " variants from alternatives and synsets";
        return;
      }
      std::size_t open = t.find('{');
      if (open != std::string::npos) {
        std::size_t close = t.find('}', open);
        if (close == std::string::npos) {
          problem = "missing '}' in alternatives";
          return;
        }
        std::string inside = t.substr(open + 1, close - open - 1);
        for (auto alt : split(inside, '|')) {
          work.push_back(t.substr(0, open) + std::string(trim(alt)) + t.substr(close + 1));
        }
        continue;
      }
      std::size_t amp = t.find('&');
      if (amp != std::string::npos) {
        // "&TIETYPES_EVENTS": '_' may belong to the name or join the next
        // word; the longest defined synset name wins.
        std::size_t end = amp + 1;
        auto name_char = [&](char c) {
          return is_ascii_alpha(static_cast<unsigned char>(c)) ||
                 is_ascii_digit(static_cast<unsigned char>(c)) || c == '_';
        };
        while (end < t.size() && name_char(t[end])) ++end;
        std::string name;
        auto it = synsets.end();
        for (std::size_t cut = end; cut > amp + 1; --cut) {
          if (cut != end && t[cut] != '_') continue;
          std::string candidate = to_upper_ascii(std::string_view(t).substr(amp, cut - amp));
          while (candidate.size() > 1 && candidate.back() == '_') candidate.pop_back();
          if (name.empty()) name = candidate;
          auto found = synsets.find(candidate);
          if (found != synsets.end()) {
            it = found;
            end = cut;
            break;
          }
        }
        if (it == synsets.end() || it->second.empty()) {
          problem = "undefined synset " + name;
          return;
        }
        for (const auto& member : it->second)
          work.push_back(t.substr(0, amp) + member + t.substr(end));
        continue;
      }
      out.push_back(std::move(t));
    }
  };

  // One expanded pattern text -> a VerbPattern; empty `problem` and false
  // return = "not loaded, noted".
  // Notes for the pattern line being read, one per kind ("function word",
  // "%", "^") however many of its variants hit it.
  std::map<std::string, std::string> line_notes;
  std::size_t variants_skipped = 0;
  auto build_pattern = [&](const std::string& text, VerbPattern& result,
                           std::string& problem) -> bool {
    // Split blank-separated tokens; a token holding '*' splits around it.
    std::vector<std::string> tokens;
    for (auto piece : split(text, ' ')) {
      std::string t(trim(piece));
      std::replace(t.begin(), t.end(), '\t', ' ');
      if (t.empty()) continue;
      std::size_t star = t.find('*');
      while (star != std::string::npos) {
        std::string left = t.substr(0, star);
        if (!left.empty()) tokens.push_back(left);
        tokens.push_back("*");
        t = t.substr(star + 1);
        while (!t.empty() && t[0] == '_') t.erase(0, 1);
        star = t.find('*');
      }
      if (!t.empty()) tokens.push_back(t);
    }
    auto star_at = std::find(tokens.begin(), tokens.end(), "*");
    if (star_at == tokens.end()) {
      problem = "pattern without '*' for the verb";
      return false;
    }
    if (std::count(tokens.begin(), tokens.end(), "*") > 1) {
      problem = "pattern with more than one '*'";
      return false;
    }
    std::vector<std::string> dropped;
    std::string function_word;
    auto side = [&](std::vector<std::string>::iterator first,
                    std::vector<std::string>::iterator last, std::vector<PatternElement>& elements,
                    bool before) {
      for (auto it = first; it != last; ++it) {
        std::string token = *it;
        // "XXX~" joins XXX to the next word (manual 5.5.3): a word sequence here.
        while (!token.empty() && token.back() == '~' && it + 1 != last) {
          token.pop_back();
          token += "_" + *++it;
        }
        if (token == "%") {
          dropped.push_back(token);
          continue;
        }
        PatternElement element;
        if (token == "^") {  // skip an actor
          element.kind = PatternElement::Kind::kSkip;
          elements.push_back(std::move(element));
          continue;
        }
        if (token == "+" || token == "$") {
          element.kind =
              token == "+" ? PatternElement::Kind::kTarget : PatternElement::Kind::kSource;
          elements.push_back(std::move(element));
          continue;
        }
        bool stem = false;
        auto words = words_of(token, stem);
        if (words.empty()) continue;
        for (const auto& w : words) {
          if (function_word.empty() && is_function_word(w)) function_word = w;
        }
        if (!before && is_prep(words[0])) {
          element.kind = PatternElement::Kind::kPrep;
          element.preposition = vocab.intern(words[0]);
          std::vector<std::string> object(words.begin() + 1, words.end());
          if (object.empty() && it + 1 != last) {
            const std::string& next = *(it + 1);
            if (next == "+" || next == "$") {
              (next == "+" ? element.prep_target : element.prep_source) = true;
              ++it;
            } else if (next == "^") {
              element.prep_skip = true;
              ++it;
            } else if (next == "%") {
              dropped.push_back(next);
              ++it;
            } else if (next != "*") {
              bool next_stem = false;
              auto next_words = words_of(next, next_stem);
              if (!next_words.empty() && !is_prep(next_words[0])) {
                object = next_words;
                stem = next_stem;
                ++it;
              }
            }
          }
          if (!object.empty()) element.alternatives = sequences_for(object, stem);
        } else {
          element.kind = PatternElement::Kind::kWords;
          element.alternatives = sequences_for(words, stem);
        }
        elements.push_back(std::move(element));
      }
    };
    side(tokens.begin(), star_at, result.before, true);
    side(star_at + 1, tokens.end(), result.after, false);
    if (!function_word.empty()) {
      line_notes.emplace("function word", function_word);
      ++variants_skipped;
      return false;
    }
    for (const auto& token : dropped) {
      line_notes.emplace(token, "pattern token '" + token +
                                    "' (compound actor) not supported; dropped, the rest of the "
                                    "pattern kept");
    }
    // Specificity and the negation flag are set by DictionaryBuilder::finish().
    return true;
  };

  auto add_pattern = [&](const Line& line, std::string_view body) -> Status {
    if (block < 0) return error(line, "pattern before any verb root");
    std::size_t bracket = body.rfind('[');
    std::size_t close = bracket == std::string_view::npos ? bracket : body.find(']', bracket);
    if (close == std::string_view::npos) return error(line, "pattern without [code]");
    std::string code, paired, problem;
    parse_event_code(line, body.substr(bracket + 1, close - bracket - 1), code, paired, problem);
    if (!problem.empty()) return error(line, problem);
    std::vector<std::string> variants;
    expand_variants(std::string(trim(body.substr(1, bracket - 1))), variants, problem);
    if (problem.starts_with("undefined synset")) {
      // PETRARCH's rule too: "a pattern containing an undefined synset will be ignored".
      note(line.number, line.raw, problem + "; pattern ignored");
      return Status::ok();
    }
    if (!problem.empty()) return error(line, problem);
    std::reverse(variants.begin(), variants.end());  // in the order written
    line_notes.clear();
    variants_skipped = 0;
    for (const auto& text : variants) {
      VerbPattern pattern;
      pattern.code = code;
      pattern.paired_code = paired;
      pattern.text = "- " + text + " " + std::string(body.substr(bracket, close - bracket + 1));
      pattern.source = source_;
      pattern.line = static_cast<std::uint32_t>(line.number);
      if (!build_pattern(text, pattern, problem)) {
        if (!problem.empty()) return error(line, problem);
        continue;  // noted below, once for the line
      }
      dict.blocks_[static_cast<std::size_t>(block)].patterns.push_back(std::move(pattern));
    }
    for (const auto& [kind, text] : line_notes) {
      if (kind != "function word") {
        note(line.number, line.raw, text);
        continue;
      }
      std::string which = variants.size() == 1
                              ? "pattern not loaded"
                              : "pattern not loaded (" + std::to_string(variants_skipped) +
                                    " of its " + std::to_string(variants.size()) + " variants)";
      note(line.number, line.raw,
           which + ": it needs the function word " + text +
               ", which no noun phrase holds; Tigris reads tense, modality and negation from the "
               "clause");
    }
    return Status::ok();
  };

  auto add_forms = [&](const Line& line, std::string_view body) -> Status {
    if (last_verb < 0) return error(line, "verb forms {...} before any verb root");
    std::size_t close = body.find('}');
    if (close == std::string_view::npos) return error(line, "missing '}'");
    std::uint32_t lemma = dict.verbs_[static_cast<std::size_t>(last_verb)].lemma;
    for (auto form : split(body.substr(1, close - 1), ' ')) {
      bool stem = false;
      auto words = words_of(form, stem);
      if (words.empty()) continue;
      if (words.size() > 1) {
        note(line.number, line.raw, "multi-word verb form " + std::string(trim(form)) + " ignored");
        continue;
      }
      dict.irregular_verbs_.emplace(vocab.intern(words[0]), lemma);
    }
    return Status::ok();
  };

  auto add_root = [&](const Line& line, std::string_view body) -> Status {
    std::size_t bracket = body.find('[');
    if (bracket == std::string_view::npos) return error(line, "verb root without [code]");
    std::size_t close = body.find(']', bracket);
    if (close == std::string_view::npos) return error(line, "missing ']'");
    std::string code, paired, problem;
    parse_event_code(line, body.substr(bracket + 1, close - bracket - 1), code, paired, problem);
    if (!problem.empty()) return error(line, problem);
    std::string_view phrase = trim(body.substr(0, bracket));
    std::string_view forms = trim(body.substr(close + 1));
    bool stem = false;
    auto words = words_of(phrase, stem);
    if (words.empty()) return error(line, "verb root without a word");
    // The verb is the first word with a verb reading; the others are words
    // that must stand right before it or come after it ("ANGERED_BY").
    std::size_t verb_at = 0;
    std::uint32_t lemma = 0;
    for (std::size_t i = 0; i < words.size() && lemma == 0; ++i) {
      lemma = verb_lemma_for(words[i], stem && i + 1 == words.size());
      if (lemma != 0) verb_at = i;
    }
    if (lemma == 0) {
      note(line.number, line.raw,
           "verb root " + words[0] +
               " is no English verb form WordNet knows: it matches only that word");
      lemma = vocab.intern(words[0]);
    }
    VerbEntry entry;
    entry.lemma = lemma;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i < verb_at) entry.preceding.push_back(vocab.intern(words[i]));
      if (i > verb_at) entry.particles.push_back(vocab.intern(words[i]));
    }
    std::string key = std::to_string(lemma);
    for (auto id : entry.preceding) key += "<" + std::to_string(id);
    for (auto id : entry.particles) key += ">" + std::to_string(id);
    auto found = block_of_key.find(key);
    if (found != block_of_key.end()) {
      block = found->second;
      const VerbBlock& first = dict.blocks_[found->second];
      if (first.code != code) {
        note(line.number, line.raw,
             "root has the same verb as root " + first.name + " (" +
                 std::string(vocab.text(lemma)) +
                 "): its patterns join that root's, its own code [" + code + "] is not used");
      }
      last_verb = -1;
      for (std::size_t v = 0; v < dict.verbs_.size(); ++v) {
        if (dict.verbs_[v].block == found->second && dict.verbs_[v].source == source_) {
          last_verb = static_cast<std::int64_t>(v);
        }
      }
    } else {
      VerbBlock new_block;
      new_block.name = join_words(words);
      new_block.code = code;
      dict.blocks_.push_back(std::move(new_block));
      block = static_cast<std::int64_t>(dict.blocks_.size() - 1);
      block_of_key.emplace(key, static_cast<std::uint32_t>(block));
      entry.block = static_cast<std::uint32_t>(block);
      entry.source = source_;
      entry.line = static_cast<std::uint32_t>(line.number);
      entry.text = std::string(phrase);
      last_verb = static_cast<std::int64_t>(dict.verbs_.size());
      dict.verbs_by_lemma_[lemma].push_back(static_cast<std::uint32_t>(dict.verbs_.size()));
      dict.verbs_.push_back(std::move(entry));
    }
    if (!paired.empty()) {
      // "MEET [031:031]": the paired code goes on a bare pattern "*".
      VerbPattern bare;
      bare.code = code;
      bare.paired_code = paired;
      bare.text = std::string(trim(line.text));
      bare.source = source_;
      bare.line = static_cast<std::uint32_t>(line.number);
      dict.blocks_[static_cast<std::size_t>(block)].patterns.push_back(std::move(bare));
    }
    if (forms.starts_with("{")) return add_forms(line, forms);
    if (!forms.empty()) return error(line, "text after the root's [code]");
    return Status::ok();
  };

  Status status = for_each_line(content, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.starts_with("<")) {
      std::string tag = to_upper_ascii(body);
      if (tag.starts_with("</")) {
        if (section == "TIME") {
          note(section_line, "<TIME>",
               "TABARI <TIME> list of " + std::to_string(section_entries) +
                   " time-shift phrase(s) (lines " + std::to_string(section_line) + "-" +
                   std::to_string(line.number) +
                   ") not loaded: Tigris dates events from the text itself (docs/dates.md)");
        }
        section.clear();
        current_synset.clear();
        return Status::ok();
      }
      section = std::string(trim(std::string_view(tag).substr(1, tag.find('>') - 1)));
      section_line = line.number;
      section_entries = 0;
      if (section != "SYNSETS" && section != "TIME") {
        note(line.number, line.raw,
             "section <" + section + "> not understood; its lines are skipped");
      }
      return Status::ok();
    }
    if (!section.empty() && section != "SYNSETS") {
      ++section_entries;
      return Status::ok();
    }
    if (body[0] == '&') {
      std::string name = to_upper_ascii(body);
      while (name.size() > 1 && name.back() == '_') name.pop_back();
      current_synset = name;
      synsets[name];
      return Status::ok();
    }
    if (body[0] == '+') {
      if (current_synset.empty()) return error(line, "'+' line outside a synset");
      std::string member(trim(body.substr(1)));
      // Members may use earlier synsets: expand them now.
      std::vector<std::string> expanded;
      std::string problem;
      expand_variants(member, expanded, problem);
      if (!problem.empty()) return error(line, problem);
      auto& list = synsets[current_synset];
      list.insert(list.end(), expanded.rbegin(), expanded.rend());
      return Status::ok();
    }
    current_synset.clear();
    if (body[0] == '-') return add_pattern(line, body);
    if (body[0] == '{') return add_forms(line, body);
    if (body[0] == '~') {
      note(line.number, line.raw, "line starting with '~' not understood; ignored");
      return Status::ok();
    }
    return add_root(line, body);
  });
  return status;
}

}  // namespace tigris
