#include "dict/dictionary.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/mapped_file.h"
#include "common/strings.h"
#include "dict/tabari.h"
#include "lexicon/lexicon.h"

namespace tigris {

// ---------------------------------------------------------------- PhraseTrie

bool PhraseTrie::insert(const std::vector<std::string>& words, bool stem_last, std::uint32_t value,
                        Vocabulary& vocab) {
  if (words.empty()) return false;
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    bool stem = stem_last && i + 1 == words.size() && !word.empty() && word.size() < 64;
    std::uint32_t next = 0;
    bool inserted = false;
    if (stem) {
      std::uint64_t hash = stem_hash_start(node);
      for (char c : word) hash = stem_hash_step(hash, c);
      std::size_t slot = stem_probe(node, word, hash);
      if (stem_slots_[slot].child != 0) {
        next = stem_slots_[slot].child;
      } else {
        next = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
        nodes_[node].has_stems = 1;
        stem_heads_.insert(stem_head(node, word), 0, inserted) |= std::uint64_t{1} << word.size();
        stem_slots_[slot] = {node, next, static_cast<std::uint32_t>(stem_text_.size()),
                             static_cast<std::uint32_t>(word.size())};
        stem_text_ += word;
        if (2 * ++stem_count_ > stem_slots_.size()) grow_stems();
      }
    } else {
      std::uint32_t id = vocab.intern(word);
      if (node == 0) {
        if (starts_.size() <= id) starts_.resize(id + 1, false);
        starts_[id] = true;
      }
      auto candidate = static_cast<std::uint32_t>(nodes_.size());
      next = edges_.insert((static_cast<std::uint64_t>(node) << 32) | id, candidate, inserted);
      if (inserted) nodes_.emplace_back();
    }
    node = next;
  }
  if (nodes_[node].value != kNoValue) return false;
  nodes_[node].value = value;
  ++phrases_;
  return true;
}

std::uint64_t PhraseTrie::stem_head(std::uint32_t node, std::string_view text) {
  std::uint64_t head = static_cast<std::uint64_t>(node) << 16;
  if (!text.empty()) head |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[0])) << 8;
  if (text.size() > 1) head |= static_cast<unsigned char>(text[1]);
  // One-character stems are keyed without a second character.
  return text.size() == 1 ? head | (std::uint64_t{1} << 63) : head;
}

std::uint64_t PhraseTrie::stem_hash_start(std::uint32_t node) {
  return (static_cast<std::uint64_t>(node) + 1) * 0x9E3779B97F4A7C15ULL;
}

std::uint64_t PhraseTrie::stem_hash_step(std::uint64_t hash, char c) {
  return (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;  // FNV-1a's step
}

std::size_t PhraseTrie::stem_probe(std::uint32_t node, std::string_view prefix,
                                   std::uint64_t hash) const {
  std::size_t mask = stem_slots_.size() - 1;
  for (std::size_t i = (hash ^ (hash >> 29)) & mask;; i = (i + 1) & mask) {
    const StemSlot& slot = stem_slots_[i];
    if (slot.child == 0) return i;
    if (slot.node == node && slot.length == prefix.size() &&
        std::string_view(stem_text_).substr(slot.offset, slot.length) == prefix) {
      return i;
    }
  }
}

void PhraseTrie::grow_stems() {
  std::vector<StemSlot, LargeAllocator<StemSlot>> old(stem_slots_.size() * 2);
  old.swap(stem_slots_);
  for (const StemSlot& slot : old) {
    if (slot.child == 0) continue;
    std::string_view text = std::string_view(stem_text_).substr(slot.offset, slot.length);
    std::uint64_t hash = stem_hash_start(slot.node);
    for (char c : text) hash = stem_hash_step(hash, c);
    stem_slots_[stem_probe(slot.node, text, hash)] = slot;
  }
}

PhraseTrie::Match PhraseTrie::longest(const std::uint32_t* ids, const std::string_view* texts,
                                      std::size_t count) const {
  Match best;
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const Node& current = nodes_[node];
    // A stem ends the phrase: try each stem length starting with the token's
    // first characters, longest first.
    if (current.has_stems && !texts[i].empty()) {
      std::string_view text = texts[i];
      std::uint64_t lengths = 0;
      if (const std::uint64_t* two = stem_heads_.find(stem_head(node, text))) lengths |= *two;
      if (text.size() > 1) {
        if (const std::uint64_t* one = stem_heads_.find(stem_head(node, text.substr(0, 1)))) {
          lengths |= *one;
        }
      }
      std::size_t longest_stem = std::min<std::size_t>(63, text.size());
      if (longest_stem < 63) lengths &= (std::uint64_t{2} << longest_stem) - 1;
      if (lengths != 0) {
        // Hashes of every prefix up to the longest candidate, in one pass.
        std::uint64_t hashes[64];
        auto top = static_cast<std::size_t>(std::bit_width(lengths)) - 1;
        std::uint64_t hash = stem_hash_start(node);
        for (std::size_t k = 1; k <= top; ++k) hashes[k] = hash = stem_hash_step(hash, text[k - 1]);
        for (std::size_t len = top; len > 0; --len) {
          if (!(lengths & (std::uint64_t{1} << len))) continue;
          std::uint32_t child =
              stem_slots_[stem_probe(node, text.substr(0, len), hashes[len])].child;
          if (child && nodes_[child].value != kNoValue) {
            if (i + 1 > best.length) best = {i + 1, nodes_[child].value};
            break;
          }
        }
      }
    }
    if (ids[i] == Vocabulary::kUnknown) break;
    if (node == 0 && (ids[i] >= starts_.size() || !starts_[ids[i]])) break;
    const std::uint32_t* next = edges_.find((static_cast<std::uint64_t>(node) << 32) | ids[i]);
    if (next == nullptr) break;
    node = *next;
    if (nodes_[node].value != kNoValue) best = {i + 1, nodes_[node].value};
  }
  return best;
}

// ---------------------------------------------------------------- Dictionary

const std::vector<std::uint32_t>& Dictionary::verbs_for_lemma(std::uint32_t lemma_id) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = verbs_by_lemma_.find(lemma_id);
  return it == verbs_by_lemma_.end() ? kNone : it->second;
}

std::uint32_t Dictionary::irregular_verb(std::uint32_t surface_id) const {
  auto it = irregular_verbs_.find(surface_id);
  return it == irregular_verbs_.end() ? 0 : it->second;
}

std::string_view Dictionary::actor_code(const ActorEntry& actor, std::int32_t date_begin,
                                        std::int32_t date_end) const {
  if (actor.dated.empty()) return actor.default_code;
  // For an exact day, the range that contains it; for a month or a year, the
  // range that covers most of the period (approximated in days of YYYYMMDD).
  auto day_number = [](std::int32_t ymd) {
    return (ymd / 10000) * 372 + ((ymd / 100) % 100) * 31 + ymd % 100;
  };
  const DatedCode* best = nullptr;
  std::int32_t best_overlap = 0;
  for (const auto& range : actor.dated) {
    std::int32_t lo = std::max(range.from, date_begin);
    std::int32_t hi = std::min(range.to, date_end);
    if (lo > hi) continue;
    std::int32_t overlap = day_number(hi) - day_number(lo) + 1;
    if (overlap > best_overlap) {
      best_overlap = overlap;
      best = &range;
    }
  }
  return best ? std::string_view(best->code) : std::string_view(actor.default_code);
}

std::string_view Dictionary::negated_code(std::string_view code) const {
  auto it = code_values_.find(code);
  if (it == code_values_.end()) return {};
  auto negated = value_codes_.find(it->second - 0xFFFF);
  return negated == value_codes_.end() ? std::string_view() : std::string_view(negated->second);
}

std::string Dictionary::entry_label(std::uint32_t source, std::uint32_t line) const {
  std::string file = source < sources_.size() ? sources_[source] : "?";
  auto slash = file.rfind('/');
  if (slash != std::string::npos) file = file.substr(slash + 1);
  return file + ":" + std::to_string(line);
}

DictionaryKind dictionary_kind_from_name(std::string_view file_name) {
  std::string upper = to_upper_ascii(file_name);
  auto has = [&](std::string_view part) { return upper.find(part) != std::string::npos; };
  // TABARI names its files by extension: "CAMEO.080612.verbs".
  if (upper.ends_with(".ACTORS")) return DictionaryKind::kTabariActors;
  if (upper.ends_with(".AGENTS")) return DictionaryKind::kTabariAgents;
  if (upper.ends_with(".VERBS")) return DictionaryKind::kTabariVerbs;
  if (upper.ends_with(".OPTIONS")) return DictionaryKind::kTabariOptions;
  if (!(has(".TXT") || has(".DICT"))) return DictionaryKind::kUnknown;
  if (has("ACTORS")) return DictionaryKind::kActors;
  if (has("AGENTS")) return DictionaryKind::kAgents;
  if (has("NOMINALS")) return DictionaryKind::kNominals;
  if (has("DISCARDS")) return DictionaryKind::kDiscards;
  if (has("ONTOLOGY")) return DictionaryKind::kOntology;
  if (has("VERBS") || upper.rfind("CAMEO", 0) == 0) return DictionaryKind::kVerbs;
  return DictionaryKind::kUnknown;
}

// ---------------------------------------------------------------- parsing helpers

namespace {

struct Line {
  std::string_view text;  // with the comment removed, trimmed on the right
  std::string_view raw;
  std::size_t number = 0;
};

// Calls fn(Line) for each line; stops early when fn returns a non-ok Status.
template <typename Fn>
Status for_each_line(std::string_view content, Fn&& fn) {
  std::size_t pos = 0;
  std::size_t number = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++number;
    pos = end + 1;
    std::string_view text = raw;
    // '#' starts a comment, except inside a bracketed code: TABARI's "[###]".
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '[') ++depth;
      if (text[i] == ']' && depth > 0) --depth;
      if (text[i] == '#' && depth == 0) {
        text = text.substr(0, i);
        break;
      }
    }
    // TABARI-style trailing comments after ";" in actor files.
    while (!text.empty() && is_space(static_cast<unsigned char>(text.back())))
      text.remove_suffix(1);
    Status status = fn(Line{text, raw, number});
    if (!status.is_ok()) return status;
  }
  return Status::ok();
}

// "IRAQI_PRIME_MINISTER_" -> words, stem flag. Blanks also separate words.
// Calls `fn(word)` for each word of `phrase`, not yet upper-cased.
template <typename Fn>
void for_each_phrase_word(std::string_view phrase, Fn&& fn) {
  auto separator = [](char c) { return c == '_' || c == ' ' || c == '\t'; };
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && separator(phrase[i])) ++i;
    std::size_t begin = i;
    while (i < phrase.size() && !separator(phrase[i])) ++i;
    if (i > begin) fn(phrase.substr(begin, i - begin));
  }
}

std::vector<std::string> phrase_words(std::string_view phrase, bool& stem_last) {
  std::vector<std::string> words;
  stem_last = !phrase.empty() && phrase.back() != '_';
  for_each_phrase_word(phrase, [&](std::string_view word) {
    std::string& upper = words.emplace_back(word);
    for (char& c : upper) c = ascii_upper(c);
  });
  return words;
}

// The same words interned: appended to `ids`. `buffer` is scratch space.
void append_phrase_ids(std::string_view phrase, Vocabulary& vocab, std::string& buffer,
                       std::vector<std::uint32_t>& ids) {
  for_each_phrase_word(phrase, [&](std::string_view word) {
    buffer.assign(word);
    for (char& c : buffer) c = ascii_upper(c);
    ids.push_back(vocab.intern(buffer));
  });
}

// Regular English plural of an upper-case word, as PETRARCH forms it.
std::string regular_plural(std::string_view word) {
  std::string out(word);
  if (out.empty()) return out;
  auto is_vowel = [](char c) {
    return std::string_view("AEIOU").find(c) != std::string_view::npos;
  };
  if (out.size() > 1 && out.back() == 'Y' && !is_vowel(out[out.size() - 2])) {
    out.pop_back();
    return out + "IES";
  }
  if (out.ends_with("SS") || out.ends_with("SH") || out.ends_with("CH") || out.back() == 'X') {
    return out + "ES";
  }
  return out + "S";
}

// "PHRASE {PLURAL PLURAL}": takes the braces off `head` into `plurals`;
// `given` says whether braces were there ("{}" means no plural). False when
// the brace is not closed.
bool split_plurals(std::string_view& head, std::vector<std::string>& plurals, bool& given) {
  std::size_t brace = head.find('{');
  if (brace == std::string_view::npos) return true;
  std::size_t brace_close = head.find('}', brace);
  if (brace_close == std::string_view::npos) return false;
  given = true;
  for (auto p : split(head.substr(brace + 1, brace_close - brace - 1), ' ')) {
    p = trim(p);
    if (!p.empty()) plurals.emplace_back(p);
  }
  head = trim(head.substr(0, brace));
  return true;
}

bool parse_int(std::string_view text, std::int32_t& value) {
  if (text.empty() || text.size() > 9) return false;  // more would overflow; no date has them
  value = 0;
  for (char c : text) {
    if (!is_ascii_digit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

// YYYYMMDD or YYMMDD (TABARI: 2-digit years 00-29 are 20xx, else 19xx).
bool parse_dict_date(std::string_view text, std::int32_t& ymd) {
  std::int32_t value = 0;
  if (!parse_int(text, value)) return false;
  if (text.size() == 8) {
    ymd = value;
  } else if (text.size() == 6) {
    std::int32_t year = value / 10000;
    ymd = (year < 30 ? 2000 + year : 1900 + year) * 10000 + value % 10000;
  } else {
    return false;
  }
  std::int32_t month = (ymd / 100) % 100;
  std::int32_t day = ymd % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// "[USAGOV 180426-210120]", "[USA]", "[IRQ <200301]", "[IRQ >200301]".
Status parse_code_restriction(std::string_view body, DatedCode& out, bool& has_range) {
  body = trim(body);
  std::size_t space = body.find_first_of(" \t");
  out.code = to_upper_ascii(body.substr(0, space));  // some files write "[pse]"
  has_range = false;
  if (space == std::string_view::npos) return Status::ok();
  std::string_view range = trim(body.substr(space));
  if (range.empty()) return Status::ok();
  has_range = true;
  if (range[0] == '<') {
    if (!parse_dict_date(trim(range.substr(1)), out.to)) {
      return Status(StatusCode::kInvalidInput, "bad date in restriction");
    }
    return Status::ok();
  }
  if (range[0] == '>') {
    if (!parse_dict_date(trim(range.substr(1)), out.from)) {
      return Status(StatusCode::kInvalidInput, "bad date in restriction");
    }
    return Status::ok();
  }
  std::size_t dash = range.find('-');
  if (dash == std::string_view::npos || !parse_dict_date(trim(range.substr(0, dash)), out.from) ||
      !parse_dict_date(trim(range.substr(dash + 1)), out.to)) {
    return Status(StatusCode::kInvalidInput, "bad date range (want YYYYMMDD-YYYYMMDD)");
  }
  if (out.from > out.to)
    return Status(StatusCode::kInvalidInput, "date range ends before it starts");
  return Status::ok();
}

// Codes are upper-case letters and digits in CAMEO; third-party files also use
// "+++" (TABARI), "ELR/GAL" (alternatives), "---" and "~" markers, which are
// accepted here and left to `dict lint`.
bool is_code(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    auto b = static_cast<unsigned char>(c);
    bool ok = is_ascii_upper(b) || is_ascii_digit(b) || c == '-' || c == '~' || c == '!' ||
              c == '+' || c == '/' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status line_error(const std::string& file, const Line& line, std::string message) {
  Status status(StatusCode::kInvalidInput, std::move(message));
  status.at(file, line.number).with_excerpt(std::string(trim(line.raw)));
  return status;
}

}  // namespace

// ---------------------------------------------------------------- builder

void DictionaryBuilder::note(std::uint32_t source, std::size_t line, std::string_view text,
                             std::string reason) {
  notes_.push_back({dict_->sources_[source], line, std::string(trim(text)), std::move(reason)});
}

// Runs `fn` on every line. A malformed line stops a strict build (our own
// dictionaries must be clean); in a lenient build (third-party files) it is
// reported as a note with its line and skipped.
template <typename Fn>
Status DictionaryBuilder::for_each_line_of(std::string_view content, std::uint32_t source,
                                           Fn&& fn) {
  return for_each_line(content, [&](const Line& line) -> Status {
    Status status = fn(line);
    if (status.is_ok() || !lenient_) return status;
    note(source, line.number, line.raw, "skipped: " + status.message());
    return Status::ok();
  });
}

void DictionaryBuilder::duplicate(std::uint32_t source, std::size_t line, std::string_view text) {
  duplicates_.push_back({dict_->sources_[source], line, std::string(trim(text)),
                         "phrase already defined earlier (the first entry wins)"});
}

Status DictionaryBuilder::add_file(const std::string& path, DictionaryKind kind) {
  auto file = MappedFile::open(path);
  if (!file.is_ok())
    return Status(StatusCode::kNotFound, "cannot open dictionary file").at(path, 0);
  return add_text(file.value().text(), path, kind);
}

Status DictionaryBuilder::add_text(std::string_view content, const std::string& path,
                                   DictionaryKind kind) {
  auto source = static_cast<std::uint32_t>(dict_->sources_.size());
  dict_->sources_.push_back(path);
  switch (kind) {
    case DictionaryKind::kActors:
      return parse_actors(content, source);
    case DictionaryKind::kAgents:
      return parse_agents(content, source);
    case DictionaryKind::kNominals:
      return parse_nominals(content, source);
    case DictionaryKind::kVerbs:
      // Old KEDS/TABARI verb files also circulate as "*.verbs.txt".
      if (looks_like_tabari_verbs(content)) return TabariReader(*this, source).read_verbs(content);
      return parse_verbs(content, source);
    case DictionaryKind::kDiscards:
      return parse_discards(content, source);
    case DictionaryKind::kOntology:
      return parse_ontology(content, source);
    case DictionaryKind::kTabariActors:
      return TabariReader(*this, source).read_actors(content);
    case DictionaryKind::kTabariAgents:
      return TabariReader(*this, source).read_agents(content);
    case DictionaryKind::kTabariVerbs:
      return TabariReader(*this, source).read_verbs(content);
    case DictionaryKind::kTabariOptions:
      return TabariReader(*this, source).read_options(content);
    case DictionaryKind::kUnknown:
      break;
  }
  note(source, 0, "", "not a dictionary kind Tigris reads (file not loaded)");
  return Status::ok();
}

Status DictionaryBuilder::add_directory(const std::string& dir) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  if (error) return Status(StatusCode::kNotFound, "cannot read dictionary folder").at(dir, 0);
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string name = path.filename().string();
    DictionaryKind kind = dictionary_kind_from_name(name);
    // PETRARCH2 keeps its validation suite's small dictionaries (made-up
    // actors such as Gondor and Mordor) beside the Phoenix files; a folder
    // load must not mix them into real coding. `--dict-file` or `tigris
    // validate` still loads them.
    if (kind != DictionaryKind::kUnknown && to_upper_ascii(name).rfind("PETR.VALIDATE.", 0) == 0) {
      auto source = static_cast<std::uint32_t>(dict_->sources_.size());
      dict_->sources_.push_back(path.string());
      note(source, 0, "",
           "PETRARCH validation-suite dictionary; not loaded from a folder (name it with "
           "--dict-file to load it)");
      continue;
    }
    if (kind == DictionaryKind::kUnknown) {
      auto ext = path.extension().string();
      if (ext == ".txt" || ext == ".project") {
        auto source = static_cast<std::uint32_t>(dict_->sources_.size());
        dict_->sources_.push_back(path.string());
        note(source, 0, "",
             ext == ".project"
                 ? "TABARI project file (names a session's files and options); not read"
                 : "file name names no dictionary kind Tigris reads; not loaded");
      }
      continue;
    }
    TIGRIS_RETURN_IF_ERROR(add_file(path.string(), kind));
  }
  return Status::ok();
}

Status DictionaryBuilder::parse_actors(std::string_view content, std::uint32_t source) {
  const std::string& file = dict_->sources_[source];
  std::int64_t current = -1;  // index of the actor record being read
  // One entry per line at most: reserving once spares the copies of doubling.
  dict_->actors_.reserve(
      dict_->actors_.size() +
      static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n')) + 1);
  std::vector<std::vector<std::string>> pending_words;
  // Regular plurals of the phrases' last words, inserted by finish() so that
  // they never shadow a phrase written out, in this file or a later one
  // ("HAMA_" must not take "HAMAS").
  auto add_plural = [&](std::vector<std::string> words, std::uint32_t index) {
    words.back() = regular_plural(words.back());
    actor_plurals_.emplace_back(std::move(words), index);
  };
  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view text = line.text;
    if (trim(text).empty()) return Status::ok();
    // TABARI comments after ';' on actor lines.
    std::size_t semicolon = text.find(';');
    if (semicolon != std::string_view::npos) text = text.substr(0, semicolon);
    bool indented = !text.empty() && (text[0] == '\t' || text[0] == ' ');
    std::string_view body = trim(text);
    if (body.empty()) return Status::ok();
    if (body.starts_with("<")) {  // XML-ish markers some files carry
      return Status::ok();
    }
    if (body[0] == '[') {
      // Date restriction line for the current record.
      if (current < 0) return line_error(file, line, "code restriction without an actor phrase");
      std::size_t close = body.find(']');
      if (close == std::string_view::npos) return line_error(file, line, "missing ']'");
      DatedCode code;
      bool has_range = false;
      Status status = parse_code_restriction(body.substr(1, close - 1), code, has_range);
      if (!status.is_ok()) return line_error(file, line, status.message());
      if (!is_code(code.code)) return line_error(file, line, "malformed actor code");
      auto& actor = dict_->actors_[static_cast<std::size_t>(current)];
      if (has_range) {
        actor.dated.push_back(std::move(code));
      } else {
        actor.default_code = code.code;
      }
      (void)indented;
      return Status::ok();
    }
    bool synonym = body[0] == '+';
    if (synonym) body = trim(body.substr(1));
    std::string_view phrase = body;
    std::string code;
    std::size_t bracket = body.find('[');
    if (bracket != std::string_view::npos) {
      std::size_t close = body.find(']', bracket);
      if (close == std::string_view::npos) return line_error(file, line, "missing ']'");
      DatedCode parsed;
      bool has_range = false;
      Status status =
          parse_code_restriction(body.substr(bracket + 1, close - bracket - 1), parsed, has_range);
      if (!status.is_ok()) return line_error(file, line, status.message());
      if (!is_code(parsed.code)) return line_error(file, line, "malformed actor code");
      phrase = trim(body.substr(0, bracket));
      if (has_range) {
        // TABARI allows the restriction on the phrase line; keep it as a dated code.
        if (!synonym || current < 0) {
          ActorEntry entry;
          dict_->actors_.push_back(std::move(entry));
          current = static_cast<std::int64_t>(dict_->actors_.size() - 1);
        }
        dict_->actors_[static_cast<std::size_t>(current)].dated.push_back(parsed);
      } else {
        code = parsed.code;
      }
    }
    if (phrase.empty()) return line_error(file, line, "actor line without a phrase");
    bool stem = false;
    auto words = phrase_words(phrase, stem);
    if (words.empty()) return line_error(file, line, "actor line without a phrase");
    // PETRARCH matches actor phrases word by word, whole words only: a last
    // word without "_" is not a stem here ("THE_KU" does not match "The
    // Kuwait"); the last word also takes its regular plural ("AMERICAN_":
    // "Americans"). TABARI's .actors files keep their stems (tabari.cc).
    stem = false;
    if (!synonym || current < 0) {
      if (!(bracket != std::string_view::npos && current >= 0 &&
            dict_->actors_[static_cast<std::size_t>(current)].name.empty())) {
        ActorEntry entry;
        dict_->actors_.push_back(std::move(entry));
        current = static_cast<std::int64_t>(dict_->actors_.size() - 1);
      }
      auto& actor = dict_->actors_[static_cast<std::size_t>(current)];
      for (std::size_t i = 0; i < words.size(); ++i) actor.name += (i ? " " : "") + words[i];
      actor.default_code = code;
      actor.source = source;
      actor.line = static_cast<std::uint32_t>(line.number);
    } else if (!code.empty()) {
      // A synonym with its own code is its own actor (TABARI allows this).
      ActorEntry entry;
      for (std::size_t i = 0; i < words.size(); ++i) entry.name += (i ? " " : "") + words[i];
      entry.default_code = code;
      entry.source = source;
      entry.line = static_cast<std::uint32_t>(line.number);
      dict_->actors_.push_back(std::move(entry));
      if (!dict_->actor_trie_.insert(
              words, stem, static_cast<std::uint32_t>(dict_->actors_.size() - 1), vocab_)) {
        duplicate(source, line.number, line.raw);
      }
      add_plural(std::move(words), static_cast<std::uint32_t>(dict_->actors_.size() - 1));
      return Status::ok();
    }
    if (!dict_->actor_trie_.insert(words, stem, static_cast<std::uint32_t>(current), vocab_)) {
      duplicate(source, line.number, line.raw);
    }
    add_plural(std::move(words), static_cast<std::uint32_t>(current));
    return Status::ok();
  });
}

Status DictionaryBuilder::parse_agents(std::string_view content, std::uint32_t source) {
  const std::string& file = dict_->sources_[source];
  // Substitution sets: !PERSON! = MAN, MEN, WOMAN ...
  std::unordered_map<std::string, std::vector<std::string>> substitutions;
  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.empty() || body.starts_with("<")) return Status::ok();
    if (body[0] == '!' && body.find('=') != std::string_view::npos) {
      std::size_t eq = body.find('=');
      std::string name(trim(body.substr(0, eq)));
      auto& list = substitutions[name];
      for (auto item : split(body.substr(eq + 1), ',')) {
        item = trim(item);
        if (!item.empty()) list.push_back(to_upper_ascii(item));
      }
      return Status::ok();
    }
    std::size_t bracket = body.find('[');
    if (bracket == std::string_view::npos)
      return line_error(file, line, "agent line without [code]");
    std::size_t close =
        body.find_first_of("]}", bracket);  // PETRARCH files sometimes close with '}'
    if (close == std::string_view::npos) return line_error(file, line, "missing ']'");
    std::string_view code_text = trim(body.substr(bracket + 1, close - bracket - 1));
    bool before = false;
    if (code_text.starts_with("~")) {
      code_text.remove_prefix(1);
    } else if (code_text.ends_with("~")) {
      code_text.remove_suffix(1);
      before = true;
    } else {
      return line_error(file, line, "agent code needs '~' before or after it");
    }
    if (!is_code(code_text)) return line_error(file, line, "malformed agent code");
    std::string_view head = trim(body.substr(0, bracket));
    std::vector<std::string> plurals;
    bool plural_given = false;
    if (!split_plurals(head, plurals, plural_given)) return line_error(file, line, "missing '}'");
    if (head.empty()) return line_error(file, line, "agent line without a phrase");
    // Expand a substitution marker, if any.
    std::vector<std::string> phrases;
    std::size_t bang = head.find('!');
    if (bang != std::string_view::npos) {
      std::size_t bang_end = head.find('!', bang + 1);
      if (bang_end == std::string_view::npos) return line_error(file, line, "unclosed '!' marker");
      std::string marker(head.substr(bang, bang_end - bang + 1));
      auto it = substitutions.find(marker);
      if (it == substitutions.end())
        return line_error(file, line, "undefined substitution " + marker);
      for (const auto& item : it->second) {
        phrases.push_back(std::string(head.substr(0, bang)) + item +
                          std::string(head.substr(bang_end + 1)));
      }
      plural_given = true;  // substitution lists carry their own plurals
    } else {
      phrases.emplace_back(head);
      for (const auto& p : plurals) phrases.push_back(p);
    }
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      bool stem = false;
      auto words = phrase_words(phrases[i], stem);
      if (words.empty()) continue;
      AgentEntry entry;
      for (std::size_t w = 0; w < words.size(); ++w) entry.phrase += (w ? " " : "") + words[w];
      entry.code = std::string(code_text);
      entry.before_country = before;
      entry.source = source;
      entry.line = static_cast<std::uint32_t>(line.number);
      auto index = static_cast<std::uint32_t>(dict_->agents_.size());
      dict_->agents_.push_back(entry);
      // Agents are whole words; PETRARCH's stems become exact words here, and
      // the regular plural is generated unless "{...}" was given.
      if (!dict_->agent_trie_.insert(words, false, index, vocab_)) {
        duplicate(source, line.number, line.raw);
      }
      if (!plural_given && i == 0) {
        auto plural_words = words;
        plural_words.back() = regular_plural(words.back());
        dict_->agent_trie_.insert(plural_words, false, index, vocab_);
      }
    }
    return Status::ok();
  });
}

Status DictionaryBuilder::parse_nominals(std::string_view content, std::uint32_t source) {
  const std::string& file = dict_->sources_[source];
  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.empty()) return Status::ok();
    std::size_t bracket = body.find('[');
    std::size_t close = bracket == std::string_view::npos ? bracket : body.find(']', bracket);
    if (close == std::string_view::npos)
      return line_error(file, line, "nominal line without [code]");
    std::string code(trim(body.substr(bracket + 1, close - bracket - 1)));
    if (code.empty() || !is_code(code)) return line_error(file, line, "malformed event code");
    std::string_view head = trim(body.substr(0, bracket));
    std::vector<std::string> plurals;
    bool plural_given = false;
    if (!split_plurals(head, plurals, plural_given)) return line_error(file, line, "missing '}'");
    NominalEntry entry;
    entry.code = code;
    entry.source = source;
    entry.line = static_cast<std::uint32_t>(line.number);
    std::string_view rest = trim(body.substr(close + 1));
    if (rest.starts_with("(")) {
      std::size_t paren = rest.find(')');
      if (paren == std::string_view::npos) return line_error(file, line, "missing ')'");
      for (auto prep : split(rest.substr(1, paren - 1), ',')) {
        prep = trim(prep);
        if (!prep.empty()) entry.target_preps.push_back(vocab_.intern(to_upper_ascii(prep)));
      }
    } else if (!rest.empty()) {
      return line_error(file, line, "unexpected text after [code]");
    }
    if (entry.target_preps.empty()) entry.target_preps.push_back(vocab_.intern("OF"));
    bool stem = false;
    auto words = phrase_words(head, stem);
    if (words.empty()) return line_error(file, line, "nominal line without a phrase");
    for (std::size_t w = 0; w < words.size(); ++w) entry.phrase += (w ? " " : "") + words[w];
    auto index = static_cast<std::uint32_t>(dict_->nominals_.size());
    dict_->nominals_.push_back(entry);
    if (!dict_->nominal_trie_.insert(words, false, index, vocab_)) {
      duplicate(source, line.number, line.raw);
    }
    if (!plural_given) {
      auto plural_words = words;
      plural_words.back() = regular_plural(words.back());
      dict_->nominal_trie_.insert(plural_words, false, index, vocab_);
    }
    for (const auto& plural : plurals) {
      auto plural_words = phrase_words(plural, stem);
      dict_->nominal_trie_.insert(plural_words, false, index, vocab_);
    }
    return Status::ok();
  });
}

Status DictionaryBuilder::parse_discards(std::string_view content, std::uint32_t source) {
  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.empty() || body.starts_with("<")) return Status::ok();
    DiscardEntry entry;
    if (body[0] == '+') {
      entry.whole_story = true;
      body = trim(body.substr(1));
    }
    bool stem = false;
    auto words = phrase_words(body, stem);
    if (words.empty()) return Status::ok();
    for (std::size_t w = 0; w < words.size(); ++w) entry.phrase += (w ? " " : "") + words[w];
    auto index = static_cast<std::uint32_t>(dict_->discards_.size());
    dict_->discards_.push_back(entry);
    if (!dict_->discard_trie_.insert(words, stem, index, vocab_)) {
      duplicate(source, line.number, line.raw);
    }
    return Status::ok();
  });
}

// ---------------------------------------------------------------- verbs

namespace {

struct SynsetTable {
  // name ("&MILITARY") -> alternative word sequences, interned
  std::unordered_map<std::string, std::vector<std::vector<std::uint32_t>>> sets;
};

// Splits a pattern body into items: words, {phrases}, (prep ...), + $ * &SET.
std::vector<std::string_view> pattern_items(std::string_view body) {
  std::vector<std::string_view> items;
  std::size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (is_space(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (c == '(' || c == '{') {
      char close = c == '(' ? ')' : '}';
      int depth = 0;
      while (i < body.size()) {
        if (body[i] == c) ++depth;
        if (body[i] == close && --depth == 0) break;
        ++i;
      }
      items.push_back(body.substr(start, std::min(i + 1, body.size()) - start));
      ++i;
      continue;
    }
    while (i < body.size() && !is_space(static_cast<unsigned char>(body[i])) && body[i] != '(' &&
           body[i] != '{') {
      ++i;
    }
    items.push_back(body.substr(start, i - start));
  }
  return items;
}

}  // namespace

Status DictionaryBuilder::parse_verbs(std::string_view content, std::uint32_t source) {
  const std::string& file = dict_->sources_[source];
  SynsetTable synsets;
  std::string current_synset;
  std::int64_t block = -1;
  bool in_block_verbs = false;

  // Word sequences an item stands for: a word, a {phrase} or a &SYNSET.
  std::string scratch;
  auto expand = [&](std::string_view item, std::vector<std::vector<std::uint32_t>>& out,
                    std::string& error) -> bool {
    if (item.starts_with("{")) item = item.substr(1, item.size() - 2);
    if (item.find('&') == std::string_view::npos) {  // plain words: one sequence
      std::vector<std::uint32_t> ids;
      append_phrase_ids(item, vocab_, scratch, ids);
      if (!ids.empty()) out.push_back(std::move(ids));
      return !out.empty();
    }
    // Words are separated by blanks or "_": "&TIETYPES_MEMOS", "MEMOS_ON_&TIETYPES".
    // A synset name may itself contain "_" (&FIGHT_OF_WORDS): the longest
    // defined name wins, and the rest of the "_"-joined word is read on.
    std::vector<std::vector<std::uint32_t>> sequences{{}};
    std::vector<std::uint32_t> words;
    auto append_alternatives = [&](const std::vector<std::vector<std::uint32_t>>& alternatives) {
      std::vector<std::vector<std::uint32_t>> next;
      next.reserve(sequences.size() * alternatives.size());
      for (const auto& prefix : sequences) {
        for (const auto& alt : alternatives) {
          auto& joined = next.emplace_back();
          joined.reserve(prefix.size() + alt.size());
          joined.insert(joined.end(), prefix.begin(), prefix.end());
          joined.insert(joined.end(), alt.begin(), alt.end());
        }
      }
      sequences = std::move(next);
    };
    for (auto blank_word : split(item, ' ')) {
      std::string_view rest = trim(blank_word);
      while (!rest.empty()) {
        if (rest.front() == '_') {
          rest.remove_prefix(1);
          continue;
        }
        if (rest.front() != '&') {
          std::size_t end = rest.find('_');
          std::string_view word = rest.substr(0, end);
          rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
          words.clear();
          append_phrase_ids(word, vocab_, scratch, words);
          for (auto& seq : sequences) seq.insert(seq.end(), words.begin(), words.end());
          continue;
        }
        auto found = synsets.sets.end();
        std::size_t length = rest.size();
        while (true) {
          found = synsets.sets.find(std::string(rest.substr(0, length)));
          if (found != synsets.sets.end()) break;
          std::size_t cut = rest.rfind('_', length - 1);
          if (cut == std::string_view::npos || cut == 0) break;
          length = cut;
        }
        if (found == synsets.sets.end()) {
          error = "undefined synset " + std::string(rest);
          return false;
        }
        append_alternatives(found->second);
        rest.remove_prefix(length);
      }
    }
    for (auto& seq : sequences) {
      if (!seq.empty()) out.push_back(std::move(seq));
    }
    return !out.empty();
  };

  auto parse_pattern = [&](const Line& line, std::string_view body) -> Status {
    // "- PRE * POST [CODE]"
    std::size_t bracket = body.rfind('[');
    std::size_t close = bracket == std::string_view::npos ? bracket : body.find(']', bracket);
    if (close == std::string_view::npos) return line_error(file, line, "pattern without [code]");
    std::string code(trim(body.substr(bracket + 1, close - bracket - 1)));
    // TABARI paired codes "[032:033]": the first codes source -> target, the
    // second the reverse event target -> source ("left for X" is a visit by
    // the source and a hosted visit by X). "[:173]" has only the reverse event.
    std::string paired;
    std::size_t colon = code.find(':');
    if (colon != std::string::npos) {
      paired = std::string(trim(code.substr(colon + 1)));
      code = std::string(trim(code.substr(0, colon)));
      if (code.empty()) code = "---";
    }
    if (code.empty()) return line_error(file, line, "empty code");
    if (code == "+++") {
      // TABARI's complex code (divert the sentence to a human coder), which
      // PETRARCH does not implement: the sentence is coded by the other patterns.
      note(source, line.number, line.raw,
           "complex code [+++] not supported: the pattern is skipped");
      return Status::ok();
    }
    if (code == "###") {
      note(source, line.number, line.raw, "TABARI discard code [###] read as no event");
      code = "---";
    }
    std::string_view pattern = trim(body.substr(1, bracket - 1));
    std::size_t star = pattern.find('*');
    if (star == std::string_view::npos)
      return line_error(file, line, "pattern without '*' for the verb");
    VerbPattern result;
    result.code = code;
    result.paired_code = paired;
    result.text = std::string(trim(line.raw.substr(0, line.raw.find('#'))));
    result.source = source;
    result.line = static_cast<std::uint32_t>(line.number);
    std::string error;
    auto add_items = [&](std::string_view part, std::vector<PatternElement>& elements) -> bool {
      for (auto item : pattern_items(part)) {
        PatternElement element;
        if (item == "+") {
          element.kind = PatternElement::Kind::kTarget;
        } else if (item == "$") {
          element.kind = PatternElement::Kind::kSource;
        } else if (item == "^") {
          element.kind = PatternElement::Kind::kSkip;
        } else if (item == "%") {
          // A compound actor ("Arnor and Gondor"): before the verb the subject,
          // after it an object or a prepositional phrase, must be one.
          if (&elements == &result.before) {
            result.compound_subject = true;
          } else {
            result.compound_object = true;
          }
          continue;
        } else if (item.starts_with("(")) {
          std::string_view inside = trim(item.substr(1, item.size() - 2));
          std::size_t space = inside.find(' ');
          std::string_view prep = inside.substr(0, space);
          element.kind = PatternElement::Kind::kPrep;
          element.preposition = vocab_.intern(to_upper_ascii(prep));
          std::string_view object =
              space == std::string_view::npos ? std::string_view() : trim(inside.substr(space));
          // "(AT ^ ^)": the phrase's object is skipped, and so is the next actor.
          std::size_t extra_skips = 0;
          while (object.size() > 1 && object.ends_with('^') &&
                 is_space(static_cast<unsigned char>(object[object.size() - 2]))) {
            object = trim(object.substr(0, object.size() - 1));
            ++extra_skips;
          }
          if (object == "+") {
            element.prep_target = true;
          } else if (object == "$") {
            element.prep_source = true;
          } else if (object == "^") {
            element.prep_skip = true;
          } else if (object == "%") {
            element.prep_target = true;
          } else if (!object.empty()) {
            // "(OF &FIGHT) +" style objects may themselves end with a marker.
            std::string obj(object);
            if (obj.ends_with(" +")) {
              element.prep_target = true;
              obj.resize(obj.size() - 2);
            }
            if (!expand(obj, element.alternatives, error)) return false;
          }
          elements.push_back(std::move(element));
          for (std::size_t k = 0; k < extra_skips; ++k) {
            PatternElement skip;
            skip.kind = PatternElement::Kind::kSkip;
            elements.push_back(std::move(skip));
          }
          continue;
        } else {
          if (!expand(item, element.alternatives, error)) return false;
        }
        elements.push_back(std::move(element));
      }
      return true;
    };
    if (!add_items(pattern.substr(0, star), result.before) ||
        !add_items(pattern.substr(star + 1), result.after)) {
      // PETRARCH: "a pattern containing an undefined synset will be ignored".
      note(source, line.number, line.raw, error + "; pattern ignored");
      return Status::ok();
    }
    // "RECENTLY_*", "*_OFF": the word joined to the verb by "_" must touch it.
    if (star > 0 && pattern[star - 1] == '_' && !result.before.empty() &&
        result.before.back().kind == PatternElement::Kind::kWords) {
      result.before.back().adjacent = true;
    }
    if (star + 1 < pattern.size() && pattern[star + 1] == '_' && !result.after.empty() &&
        result.after.front().kind == PatternElement::Kind::kWords) {
      result.after.front().adjacent = true;
    }
    // Specificity and the negation flag are set by finish().
    dict_->blocks_[static_cast<std::size_t>(block)].patterns.push_back(std::move(result));
    return Status::ok();
  };

  auto add_verb = [&](const Line& line, std::string_view body) -> Status {
    // "VERB {IRREGULAR FORMS} [CODE]", "+PULL_OUT", "WIRE_+TAP {...}"
    std::string code;
    std::size_t bracket = body.find('[');
    if (bracket != std::string_view::npos) {
      std::size_t close = body.find(']', bracket);
      if (close == std::string_view::npos) return line_error(file, line, "missing ']'");
      code = std::string(trim(body.substr(bracket + 1, close - bracket - 1)));
      body = trim(body.substr(0, bracket));
    }
    std::vector<std::string_view> forms;
    std::size_t brace = body.find('{');
    if (brace != std::string_view::npos) {
      std::size_t brace_close = body.find('}', brace);
      if (brace_close == std::string_view::npos) return line_error(file, line, "missing '}'");
      for (auto f : split(body.substr(brace + 1, brace_close - brace - 1), ' ')) {
        f = trim(f);
        if (!f.empty()) forms.push_back(f);
      }
      body = trim(body.substr(0, brace));
    }
    if (body.empty()) return line_error(file, line, "verb line without a verb");
    // Split a multi-word verb at the '+'-marked word.
    auto split_verb = [&](std::string_view phrase, std::vector<std::string>& pre, std::string& verb,
                          std::vector<std::string>& post) {
      bool stem = false;
      auto raw_words = split(phrase, '_');
      bool has_plus = phrase.find('+') != std::string_view::npos;
      bool seen_verb = false;
      for (std::size_t i = 0; i < raw_words.size(); ++i) {
        std::string_view w = raw_words[i];
        if (w.empty()) continue;
        bool is_verb = has_plus ? w.starts_with("+") : i == 0;
        if (w.starts_with("+")) w.remove_prefix(1);
        auto words = phrase_words(w, stem);
        if (words.empty()) continue;
        if (is_verb && !seen_verb) {
          verb = words[0];
          seen_verb = true;
        } else if (!seen_verb) {
          pre.push_back(words[0]);
        } else {
          post.push_back(words[0]);
        }
      }
    };
    std::vector<std::string> pre, post;
    std::string verb;
    split_verb(body, pre, verb, post);
    if (verb.empty()) return line_error(file, line, "cannot find the verb word");
    std::uint32_t verb_id = vocab_.intern(verb);
    // The verb word's lemma: WordNet knows most; otherwise the word itself.
    auto lemma = lexicon_.verb_lemma(verb, vocab_);
    std::uint32_t lemma_id = lemma.id != 0 && lemma.form == VerbForm::kBase ? lemma.id : verb_id;
    VerbEntry entry;
    entry.lemma = lemma_id;
    for (const auto& w : post) entry.particles.push_back(vocab_.intern(w));
    for (const auto& w : pre) entry.preceding.push_back(vocab_.intern(w));
    entry.code = code;
    entry.block = static_cast<std::uint32_t>(block);
    entry.source = source;
    entry.line = static_cast<std::uint32_t>(line.number);
    entry.text = std::string(body);
    auto index = static_cast<std::uint32_t>(dict_->verbs_.size());
    dict_->verbs_.push_back(std::move(entry));
    dict_->verbs_by_lemma_[lemma_id].push_back(index);
    for (auto form : forms) {
      std::vector<std::string> fpre, fpost;
      std::string fverb;
      split_verb(form, fpre, fverb, fpost);
      if (!fverb.empty()) dict_->irregular_verbs_.emplace(vocab_.intern(fverb), lemma_id);
    }
    return Status::ok();
  };

  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view raw = line.raw;
    std::string_view body = trim(line.text);
    // Block headers keep their "---" even though '#' handling happened first.
    std::string_view trimmed_raw = trim(raw);
    if (trimmed_raw.starts_with("---")) {
      std::string_view header = trimmed_raw;
      std::size_t bracket = header.find('[');
      std::size_t close = bracket == std::string_view::npos ? bracket : header.find(']', bracket);
      VerbBlock new_block;
      if (close == std::string_view::npos) {
        // TABARI-style "--- DEFEND ###": a block whose bare verb codes nothing.
        if (!lenient_) return line_error(file, line, "block header without [code]");
        note(source, line.number, raw, "block header without [code]: read as [---]");
        std::string_view name = trim(header.substr(3));
        new_block.name = std::string(name.substr(0, name.find_first_of(" \t#")));
        new_block.code = "---";
      } else {
        new_block.name = std::string(trim(header.substr(3, bracket - 3)));
        new_block.code = std::string(trim(header.substr(bracket + 1, close - bracket - 1)));
      }
      dict_->blocks_.push_back(std::move(new_block));
      block = static_cast<std::int64_t>(dict_->blocks_.size() - 1);
      in_block_verbs = true;
      current_synset.clear();
      return Status::ok();
    }
    if (body.empty()) return Status::ok();
    if (body.starts_with("<")) return Status::ok();  // <!-- --> and section markers
    if (body[0] == '&') {
      current_synset = std::string(trim(body));
      bool no_plural = current_synset.ends_with("_");
      std::string name = current_synset;
      if (no_plural) name.pop_back();
      current_synset = name;
      synsets.sets[name];  // defined, possibly empty
      return Status::ok();
    }
    if (body[0] == '+' && !current_synset.empty()) {
      // A member may use a synset defined earlier ("+&TIETYPES").
      std::vector<std::vector<std::uint32_t>> members;
      std::string error;
      if (!expand(trim(body.substr(1)), members, error)) {
        note(source, line.number, raw, error + "; synset member ignored");
        return Status::ok();
      }
      auto& set = synsets.sets[current_synset];
      for (auto& member : members) set.push_back(std::move(member));
      return Status::ok();
    }
    if (body[0] == '~') {
      note(source, line.number, raw, "verb transformation rule (~) not supported; ignored");
      return Status::ok();
    }
    if (body[0] == '-') {
      if (block < 0) return line_error(file, line, "pattern before any verb block");
      in_block_verbs = false;
      return parse_pattern(line, body);
    }
    if (block < 0) {
      return line_error(file, line, "verb line before any '--- NAME [CODE] ---' block header");
    }
    (void)in_block_verbs;
    return add_verb(line, body);
  });
}

namespace {

// Words a pattern must find, counted as PETRARCH ranks patterns (longer ones
// first): 2 per word of an element's shortest alternative, 1 per actor slot
// and per preposition.
int pattern_specificity(const VerbPattern& pattern) {
  int specificity = 0;
  for (const auto* side : {&pattern.before, &pattern.after}) {
    for (const auto& e : *side) {
      std::size_t words = 0;
      if (!e.alternatives.empty()) {
        words = e.alternatives.front().size();
        for (const auto& alternative : e.alternatives) words = std::min(words, alternative.size());
      }
      if (e.kind == PatternElement::Kind::kWords) {
        specificity += 2 * static_cast<int>(std::max<std::size_t>(words, 1));
      } else {
        specificity += 1 + 2 * static_cast<int>(words);
      }
    }
  }
  return specificity;
}

// True when some element before the verb holds a negation in every
// alternative ("&NEGATVAUXVRB *" with DID N'T, WILL NOT, ...).
bool names_negation(const VerbPattern& pattern, const std::vector<std::uint32_t>& negations) {
  for (const auto& e : pattern.before) {
    if (e.kind != PatternElement::Kind::kWords || e.alternatives.empty()) continue;
    bool all = true;
    for (const auto& alternative : e.alternatives) {
      all = all && std::find_first_of(alternative.begin(), alternative.end(), negations.begin(),
                                      negations.end()) != alternative.end();
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

// "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove": the code, then its value, a
// sum of hexadecimal (or decimal) terms; what follows '#' is a comment.
Status DictionaryBuilder::parse_ontology(std::string_view content, std::uint32_t source) {
  const std::string& file = dict_->sources_[source];
  return for_each_line_of(content, source, [&](const Line& line) -> Status {
    std::string_view body = trim(line.text);
    if (body.empty()) return Status::ok();
    std::size_t colon = body.find(':');
    if (colon == std::string_view::npos)
      return line_error(file, line, "ontology line without ':' (want CODE:VALUE)");
    std::string code(trim(body.substr(0, colon)));
    if (code.empty() || !std::all_of(code.begin(), code.end(), [](char c) {
          return is_ascii_digit(static_cast<unsigned char>(c));
        })) {
      return line_error(file, line, "ontology code is not a CAMEO code");
    }
    std::string_view expression = trim(body.substr(colon + 1));
    std::int64_t value = 0;
    std::size_t i = 0;
    bool any = false;
    while (i < expression.size()) {
      int sign = 1;
      if (expression[i] == '+' || expression[i] == '-') {
        sign = expression[i] == '-' ? -1 : 1;
        ++i;
      }
      int base = 10;
      if (expression.substr(i, 2) == "0x" || expression.substr(i, 2) == "0X") {
        base = 16;
        i += 2;
      }
      std::int64_t term = 0;
      std::size_t digits = 0;
      for (; i < expression.size() && digits < 12; ++i, ++digits) {
        char c = ascii_upper(expression[i]);
        int d = is_ascii_digit(static_cast<unsigned char>(c)) ? c - '0'
                : (base == 16 && c >= 'A' && c <= 'F')        ? c - 'A' + 10
                                                              : -1;
        if (d < 0) break;
        term = term * base + d;
      }
      if (digits == 0 || (i < expression.size() && expression[i] != '+' && expression[i] != '-'))
        return line_error(file, line, "ontology value is not a sum of numbers (0x1000-0xFFFF)");
      value += sign * term;
      any = true;
    }
    if (!any) return line_error(file, line, "ontology line without a value");
    if (!dict_->code_values_.emplace(code, value).second) {
      duplicate(source, line.number, line.raw);
      return Status::ok();
    }
    dict_->value_codes_.emplace(value, code);  // the first code with a value keeps it
    return Status::ok();
  });
}

std::unique_ptr<Dictionary> DictionaryBuilder::finish() {
  for (const auto& [words, index] : actor_plurals_)
    dict_->actor_trie_.insert(words, false, index, vocab_);
  actor_plurals_.clear();
  const std::vector<std::uint32_t> negations = {vocab_.intern("NOT"), vocab_.intern("N'T"),
                                                vocab_.intern("NEVER")};
  for (auto& block : dict_->blocks_) {
    for (auto& pattern : block.patterns) {
      pattern.specificity = pattern_specificity(pattern);
      pattern.negated = names_negation(pattern, negations);
    }
  }
  // Most specific patterns first, so matching can stop at the first hit.
  for (auto& block : dict_->blocks_) {
    std::stable_sort(
        block.patterns.begin(), block.patterns.end(),
        [](const VerbPattern& a, const VerbPattern& b) { return a.specificity > b.specificity; });
    for (auto& pattern : block.patterns) {
      for (const auto& element : pattern.after) {
        if (element.kind == PatternElement::Kind::kPrep) {
          pattern.required.push_back({element.preposition});
        }
        if (element.alternatives.empty()) continue;
        std::vector<std::uint32_t> heads;
        for (const auto& alternative : element.alternatives) heads.push_back(alternative.back());
        std::sort(heads.begin(), heads.end());
        heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
        pattern.required.push_back(std::move(heads));
      }
    }
  }
  return std::move(dict_);
}

}  // namespace tigris
