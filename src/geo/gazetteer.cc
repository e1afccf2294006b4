#include "geo/gazetteer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/strings.h"

namespace tigris {
namespace {

constexpr std::string_view kIndexHeader = "#tigris-gazetteer\t1";

// ---------------------------------------------------------------------------
// Normalisation

void append_utf8(UChar32 c, std::string& out) {
  char buffer[4];
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buffer), length, 4, c, error);
  if (!error) out.append(buffer, static_cast<std::size_t>(length));
}

// Letters with no canonical decomposition that readers still see as a base
// letter plus a stroke or ligature.
const char* unaccented(UChar32 c) {
  switch (c) {
    case U'ß': return "ss";
    case U'æ': case U'Æ': return "ae";
    case U'œ': case U'Œ': return "oe";
    case U'ø': case U'Ø': return "o";
    case U'đ': case U'Đ': case U'ð': case U'Ð': return "d";
    case U'ł': case U'Ł': case U'ŀ': case U'Ŀ': return "l";
    case U'ı': return "i";
    case U'þ': case U'Þ': return "th";
    case U'ħ': case U'Ħ': return "h";
    case U'ŧ': case U'Ŧ': return "t";
    default: return nullptr;
  }
}

bool is_apostrophe(UChar32 c) {
  // ' ` and their typographic forms, the Arabic ayn/hamza transliterations
  // (ʿ ʾ ʻ ʼ) and the acute and prime that stand in for them.
  switch (c) {
    case '\'': case '`': case 0x00B4: case 0x2018: case 0x2019: case 0x201B: case 0x2032:
      return true;
    default:
      return u_charType(c) == U_MODIFIER_LETTER;
  }
}

// Appends the folded form of `c` to `out`: lower case without marks; a space
// for anything that separates words.
void fold_code_point(UChar32 c, std::string& out, int depth = 0) {
  if (c < 0x80) {
    auto byte = static_cast<unsigned char>(c);
    if (is_ascii_alpha(byte) || is_ascii_digit(byte)) {
      out.push_back(static_cast<char>(is_ascii_upper(byte) ? byte + 32 : byte));
    } else if (!is_apostrophe(c)) {
      out.push_back(' ');
    }
    return;
  }
  if (const char* replacement = unaccented(c)) {
    out += replacement;
    return;
  }
  if (is_apostrophe(c)) return;
  auto type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) return;
  UErrorCode error = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  icu::UnicodeString decomposition;
  if (depth == 0 && nfd != nullptr && nfd->getDecomposition(c, decomposition)) {
    for (std::int32_t i = 0; i < decomposition.length();) {
      UChar32 part = decomposition.char32At(i);
      i += U16_LENGTH(part);
      fold_code_point(part, out, depth + 1);
    }
    return;
  }
  if (u_isalnum(c)) {
    append_utf8(u_tolower(c), out);
  } else {
    out.push_back(' ');
  }
}

bool is_article(std::string_view word) {
  // The Arabic article as transliterated, sun-letter assimilations included
  // (an-Najaf, ar-Ramadi, as-Sulaymaniyah, ash-Shatrah, ad-Diwaniyah,
  // az-Zubayr, el-Fasher, ed-Damer, es-Salt, en-Nahud, er-Rachidia, ul-).
  static const std::unordered_set<std::string_view> kArticles = {
      "al", "el", "an", "ar", "as", "ash", "ad", "adh", "at", "ath", "az", "ed",
      "en", "er", "es", "esh", "et", "ez", "ul", "ud", "ur", "us", "uz"};
  return kArticles.contains(word);
}

std::vector<std::string> key_words(std::string_view name) {
  std::string folded;
  folded.reserve(name.size());
  std::size_t pos = 0;
  while (pos < name.size()) {
    auto byte = static_cast<unsigned char>(name[pos]);
    if (byte < 0x80) {
      fold_code_point(byte, folded);
      ++pos;
    } else {
      fold_code_point(static_cast<UChar32>(decode_utf8(name, pos)), folded);
    }
  }
  std::vector<std::string> words;
  for (std::string_view word : split(folded, ' ')) {
    if (word.empty()) continue;
    if (word == "st") {
      words.emplace_back("saint");
    } else if (word == "ste") {
      words.emplace_back("sainte");
    } else if (word == "mt") {
      words.emplace_back("mount");
    } else {
      words.emplace_back(word);
    }
  }
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (is_article(words[i])) words[i] = "al";
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string key;
  for (const auto& word : words) {
    if (!key.empty()) key.push_back(' ');
    key += word;
  }
  return key;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string loose_from_words(const std::vector<std::string>& words) {
  std::string key;
  for (const auto& word : words) {
    if (word == "al" && words.size() > 1) continue;
    std::string spelled;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      if (c == 'q') c = 'k';
      if (c == 'y') c = 'i';
      if (c == 'o' && i + 1 < word.size() && word[i + 1] == 'u') {
        spelled.push_back('u');
        ++i;
        continue;
      }
      spelled.push_back(c);
    }
    if (spelled.size() > 2 && spelled.back() == 'h' && is_vowel(spelled[spelled.size() - 2])) {
      spelled.pop_back();
    }
    for (char c : spelled) {
      if (key.empty() || key.back() != c) key.push_back(c);
    }
  }
  return key;
}

std::uint64_t key_hash(std::string_view key) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// ---------------------------------------------------------------------------
// Files

Result<std::string> read_whole_file(const std::string& path, const char* what) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    std::string message = std::string("cannot open the ") + what;
    if (std::string_view(what) == "gazetteer index") {
      message += " (build it with tools/gazetteer/build.sh OUT_DIR)";
    }
    return Status(StatusCode::kNotFound, message).at(path, 0);
  }
  std::string content;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) content.append(buffer, got);
  bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return Status(StatusCode::kIoError, std::string("cannot read the ") + what).at(path, 0);
  return content;
}

template <typename Fn>
Status for_each_line(std::string_view content, Fn&& fn) {
  std::size_t pos = 0;
  std::size_t number = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    TIGRIS_RETURN_IF_ERROR(fn(line, number));
    pos = end + 1;
  }
  return Status::ok();
}

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && ptr == end;
}

bool parse_coordinates(std::string_view lat_text, std::string_view lon_text, double& lat, double& lon) {
  return parse_number(lat_text, lat) && parse_number(lon_text, lon) && lat >= -90 && lat <= 90 &&
         lon >= -180 && lon <= 180;
}

bool is_alpha3(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
           return is_ascii_upper(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::string place_key(std::string_view name) { return join_words(key_words(name)); }

std::string loose_place_key(std::string_view name) { return loose_from_words(key_words(name)); }

// ---------------------------------------------------------------------------
// Key tables

void Gazetteer::Table::add(std::string_view key, std::uint32_t place) {
  if (key.empty()) return;
  entries.push_back({key_hash(key), static_cast<std::uint32_t>(key_text.size()),
                     static_cast<std::uint32_t>(key.size()), place});
  key_text += key;
}

void Gazetteer::Table::seal() {
  std::sort(entries.begin(), entries.end(), [](const KeyEntry& a, const KeyEntry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.place < b.place;
  });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const KeyEntry& a, const KeyEntry& b) {
                              return a.hash == b.hash && a.place == b.place;
                            }),
                entries.end());
  entries.shrink_to_fit();
}

void Gazetteer::Table::find(std::string_view key, std::vector<std::uint32_t>& places) const {
  if (key.empty()) return;
  std::uint64_t hash = key_hash(key);
  auto it = std::lower_bound(entries.begin(), entries.end(), hash,
                             [](const KeyEntry& entry, std::uint64_t h) { return entry.hash < h; });
  for (; it != entries.end() && it->hash == hash; ++it) {
    if (std::string_view(key_text).substr(it->key_offset, it->key_size) == key) {
      places.push_back(it->place);
    }
  }
}

// ---------------------------------------------------------------------------
// Loading

void Gazetteer::index_names(std::uint32_t place, std::string_view name) {
  std::vector<std::string> words = key_words(name);
  exact_.add(join_words(words), place);
  loose_.add(loose_from_words(words), place);
}

Status Gazetteer::read_index(const std::string& path) {
  auto content = read_whole_file(path, "gazetteer index");
  if (!content.is_ok()) return content.status();
  std::string_view text = content.value();
  if (text.substr(0, text.find('\n')) != kIndexHeader) {
    return Status(StatusCode::kInvalidInput,
                  "not a gazetteer index of format 1 (rebuild it with tools/gazetteer/build.sh)")
        .at(path, 1)
        .with_excerpt(std::string(text.substr(0, std::min<std::size_t>(text.find('\n'), 80))));
  }
  auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  places_.reserve(lines + 400);  // + regions of the aliases file
  is_district_.reserve(lines + 400);
  exact_.entries.reserve(lines + 2000);
  loose_.entries.reserve(lines + 2000);

  std::vector<std::string_view> fields;
  return for_each_line(text, [&](std::string_view line, std::size_t number) -> Status {
    if (line.empty() || line.front() == '#') return Status::ok();
    fields = split(line, '\t');
    auto malformed = [&](const char* why) {
      return Status(StatusCode::kInvalidInput, std::string("malformed gazetteer index line: ") + why)
          .at(path, number)
          .with_excerpt(std::string(line));
    };
    if (fields.size() != 10) return malformed("expected 10 tab-separated fields");
    Place place;
    if (fields[0] == "C") {
      place.kind = PlaceKind::kCity;
    } else if (fields[0] == "N") {
      place.kind = PlaceKind::kCountry;
    } else {
      return malformed("kind is not C or N");
    }
    if (!parse_number(fields[1], place.geonames_id)) return malformed("bad geonames_id");
    if (fields[2].empty()) return malformed("empty name");
    place.name = fields[2];
    if (!is_alpha3(fields[3])) return malformed("country is not an ISO alpha-3 code");
    place.country = fields[3];
    place.admin1 = fields[4];
    if (!parse_coordinates(fields[5], fields[6], place.lat, place.lon)) return malformed("bad coordinates");
    if (!parse_number(fields[7], place.population)) return malformed("bad population");
    auto id = static_cast<std::uint32_t>(places_.size());
    places_.push_back(std::move(place));
    is_district_.push_back(fields[8] == "PPLX" ? 1 : 0);
    index_names(id, fields[2]);
    if (!fields[9].empty()) {
      for (std::string_view other : split(fields[9], '|')) index_names(id, other);
    }
    return Status::ok();
  });
}

Status Gazetteer::read_aliases(const std::string& path) {
  auto content = read_whole_file(path, "gazetteer aliases file");
  if (!content.is_ok()) return content.status();

  struct AliasRow {
    std::size_t line_number;
    std::string_view line;
    std::string_view alias;
    std::string_view name;
    std::string_view country;
  };
  std::vector<AliasRow> rows;
  std::unordered_set<std::string> countries;
  for (const auto& place : places_) {
    if (place.kind == PlaceKind::kCountry) countries.insert(place.country);
  }
  // Regions first (rows with coordinates), so that any row may name them.
  std::unordered_map<std::string, std::uint32_t> regions;  // "IRQ al anbar" -> place
  TIGRIS_RETURN_IF_ERROR(for_each_line(content.value(), [&](std::string_view line,
                                                            std::size_t number) -> Status {
    if (trim(line).empty() || line.front() == '#') return Status::ok();
    std::vector<std::string_view> fields = split(line, '\t');
    auto malformed = [&](std::string why) {
      return Status(StatusCode::kInvalidInput, "malformed alias: " + why)
          .at(path, number)
          .with_excerpt(std::string(line));
    };
    if (fields.size() != 3 && fields.size() != 6) {
      return malformed("expected alias, name, country [, lat, lon, population] separated by tabs");
    }
    for (auto& field : fields) field = trim(field);
    if (fields[0].empty() || fields[1].empty()) return malformed("empty alias or name");
    if (!is_alpha3(fields[2]) || !countries.contains(std::string(fields[2]))) {
      return malformed("unknown ISO alpha-3 country code");
    }
    rows.push_back({number, line, fields[0], fields[1], fields[2]});
    if (fields.size() == 6) {
      Place region;
      region.kind = PlaceKind::kRegion;
      region.name = fields[1];
      region.country = fields[2];
      if (!parse_coordinates(fields[3], fields[4], region.lat, region.lon)) {
        return malformed("bad coordinates");
      }
      if (!parse_number(fields[5], region.population)) return malformed("bad population");
      std::string region_key = region.country + " " + place_key(region.name);
      if (regions.contains(region_key)) return Status::ok();  // the first row with coordinates wins
      auto id = static_cast<std::uint32_t>(places_.size());
      regions.emplace(std::move(region_key), id);
      places_.push_back(std::move(region));
      is_district_.push_back(0);
      index_names(id, fields[1]);
    }
    return Status::ok();
  }));
  exact_.seal();

  // Each alias names the region of that name, else the most populous place
  // with the name in that country (towns before city districts).
  std::vector<std::uint32_t> found;
  for (const AliasRow& row : rows) {
    std::string target_key = place_key(row.name);
    std::uint32_t target = 0;
    auto region = regions.find(std::string(row.country) + " " + target_key);
    if (region != regions.end()) {
      target = region->second;
    } else {
      found.clear();
      exact_.find(target_key, found);
      std::erase_if(found, [&](std::uint32_t p) { return places_[p].country != row.country; });
      if (found.empty()) {
        return Status(StatusCode::kInvalidInput,
                      "alias target is not in the gazetteer index: " + std::string(row.name) + " (" +
                          std::string(row.country) + ")")
            .at(path, row.line_number)
            .with_excerpt(std::string(row.line));
      }
      target = *std::min_element(found.begin(), found.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (is_district_[a] != is_district_[b]) return is_district_[a] < is_district_[b];
        return places_[a].population > places_[b].population;
      });
    }
    index_names(target, row.alias);
    ++alias_count_;
  }
  return Status::ok();
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::load(const std::string& index_path,
                                                          const std::string& aliases_path) {
  // Not make_shared: the constructor is private.
  std::shared_ptr<Gazetteer> gazetteer(new Gazetteer());
  TIGRIS_RETURN_IF_ERROR(gazetteer->read_index(index_path));
  if (!aliases_path.empty()) TIGRIS_RETURN_IF_ERROR(gazetteer->read_aliases(aliases_path));
  gazetteer->exact_.seal();
  gazetteer->loose_.seal();
  gazetteer->places_.shrink_to_fit();
  gazetteer->is_district_.shrink_to_fit();
  return std::shared_ptr<const Gazetteer>(std::move(gazetteer));
}

// ---------------------------------------------------------------------------
// Lookup

std::vector<const Place*> Gazetteer::candidates(std::string_view name,
                                                const std::vector<std::string>& context_countries) const {
  std::vector<std::string> words = key_words(name);
  std::vector<std::uint32_t> exact;
  std::vector<std::uint32_t> loose;
  exact_.find(join_words(words), exact);
  loose_.find(loose_from_words(words), loose);

  struct Ranked {
    std::uint32_t place;
    bool in_context;
    bool loose;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(exact.size() + loose.size());
  auto add = [&](std::uint32_t p, bool is_loose) {
    for (auto& r : ranked) {
      if (r.place == p) return;  // exact matches come first
    }
    bool in_context = std::find(context_countries.begin(), context_countries.end(),
                                places_[p].country) != context_countries.end();
    ranked.push_back({p, in_context, is_loose});
  };
  for (auto p : exact) add(p, false);
  for (auto p : loose) add(p, true);

  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    if (a.in_context != b.in_context) return a.in_context;
    if (a.loose != b.loose) return b.loose;
    if (is_district_[a.place] != is_district_[b.place]) return is_district_[a.place] < is_district_[b.place];
    if (places_[a.place].population != places_[b.place].population) {
      return places_[a.place].population > places_[b.place].population;
    }
    return a.place < b.place;  // stable across runs
  });
  std::vector<const Place*> out;
  out.reserve(ranked.size());
  for (const auto& r : ranked) out.push_back(&places_[r.place]);
  return out;
}

const Place* Gazetteer::resolve(std::string_view name, const std::vector<std::string>& context_countries) const {
  std::vector<const Place*> all = candidates(name, context_countries);
  return all.empty() ? nullptr : all.front();
}

}  // namespace tigris
