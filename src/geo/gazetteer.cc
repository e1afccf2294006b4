#include "geo/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>
#include <limits>
#include <new>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/strings.h"

namespace tigris {
namespace {

constexpr int kIndexFormat = 3;
constexpr std::string_view kIndexHeader = "#tigris-gazetteer\t3";
constexpr std::size_t kIndexFields = 12;

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
    case U'ß':
      return "ss";
    case U'æ':
    case U'Æ':
      return "ae";
    case U'œ':
    case U'Œ':
      return "oe";
    case U'ø':
    case U'Ø':
      return "o";
    case U'đ':
    case U'Đ':
    case U'ð':
    case U'Ð':
      return "d";
    case U'ł':
    case U'Ł':
    case U'ŀ':
    case U'Ŀ':
      return "l";
    case U'ı':
      return "i";
    case U'þ':
    case U'Þ':
      return "th";
    case U'ħ':
    case U'Ħ':
      return "h";
    case U'ŧ':
    case U'Ŧ':
      return "t";
    default:
      return nullptr;
  }
}

bool is_apostrophe(UChar32 c) {
  // ' ` and their typographic forms, the Arabic ayn/hamza transliterations
  // (ʿ ʾ ʻ ʼ) and the acute and prime that stand in for them.
  switch (c) {
    case '\'':
    case '`':
    case 0x00B4:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
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
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
    return;
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
  static constexpr std::string_view kArticles[] = {
      "al", "el", "an", "ar",  "as", "ash", "ad", "adh", "at", "ath", "az", "ed",
      "en", "er", "es", "esh", "et", "ez",  "ul", "ud",  "ur", "us",  "uz"};
  if (word.size() < 2 || word.size() > 3) return false;
  return std::find(std::begin(kArticles), std::end(kArticles), word) != std::end(kArticles);
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Computes the exact and loose keys of names (see place_key and
// loose_place_key), reusing its buffers from one name to the next.
class KeyBuilder {
 public:
  void build(std::string_view name) {
    fold(name);
    split_words();
    exact_.clear();
    for (std::string_view word : words_) {
      if (!exact_.empty()) exact_.push_back(' ');
      exact_ += word;
    }
    build_loose();
  }
  const std::string& exact() const { return exact_; }
  const std::string& loose() const { return loose_; }

 private:
  void fold(std::string_view name) {
    folded_.clear();
    std::size_t pos = 0;
    while (pos < name.size()) {
      auto byte = static_cast<unsigned char>(name[pos]);
      if (byte < 0x80) {
        fold_code_point(byte, folded_);
        ++pos;
      } else {
        fold_code_point(static_cast<UChar32>(decode_utf8(name, pos)), folded_);
      }
    }
  }

  void split_words() {
    words_.clear();
    std::string_view text = folded_;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view word = text.substr(pos, end - pos);
      pos = end + 1;
      if (word.empty()) continue;
      if (word == "st") {
        word = "saint";
      } else if (word == "ste") {
        word = "sainte";
      } else if (word == "mt") {
        word = "mount";
      }
      words_.push_back(word);
    }
    if (words_.size() > 1 && words_.front() == "the") words_.erase(words_.begin());
    for (std::size_t i = 0; i + 1 < words_.size(); ++i) {
      if (is_article(words_[i])) words_[i] = "al";
    }
  }

  void build_loose() {
    loose_.clear();
    for (std::string_view word : words_) {
      if (word == "al" && words_.size() > 1) continue;
      spelled_.clear();
      for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c == 'q') c = 'k';
        if (c == 'y') c = 'i';
        if (c == 'o' && i + 1 < word.size() && word[i + 1] == 'u') {
          spelled_.push_back('u');
          ++i;
          continue;
        }
        spelled_.push_back(c);
      }
      if (spelled_.size() > 2 && spelled_.back() == 'h' &&
          is_vowel(spelled_[spelled_.size() - 2])) {
        spelled_.pop_back();
      }
      // Doubled ASCII letters only: two equal bytes inside one UTF-8 sequence
      // ("ၑ" is E1 81 91) are not a doubled letter.
      for (char c : spelled_) {
        if (loose_.empty() || loose_.back() != c || static_cast<unsigned char>(c) >= 0x80) {
          loose_.push_back(c);
        }
      }
    }
  }

  std::string folded_;
  std::vector<std::string_view> words_;  // into folded_ or string literals
  std::string exact_;
  std::string loose_;
  std::string spelled_;
};

// Splits `line` at `separator` into at most fields.size() views and returns
// how many there are (fields.size() + 1 when there are more).
template <std::size_t N>
std::size_t split_fields(std::string_view line, char separator,
                         std::array<std::string_view, N>& fields) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find(separator, start);  // memchr: most fields are long
    if (count == N) return N + 1;
    if (end == std::string_view::npos) {
      fields[count++] = line.substr(start);
      return count;
    }
    fields[count++] = line.substr(start, end - start);
    start = end + 1;
  }
}

// Calls fn on each '|'-separated part of `list` ("" gives none).
template <typename Fn>
void for_each_part(std::string_view list, Fn&& fn) {
  if (list.empty()) return;
  std::size_t start = 0;
  while (true) {
    std::size_t end = list.find('|', start);
    if (end == std::string_view::npos) {
      fn(list.substr(start));
      return;
    }
    fn(list.substr(start, end - start));
    start = end + 1;
  }
}

std::size_t count_parts(std::string_view list) {
  if (list.empty()) return 0;
  return static_cast<std::size_t>(std::count(list.begin(), list.end(), '|')) + 1;
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
// Memory and files
//
// Loading touches ~30 MB of fresh memory: in a virtual machine a 4 KB page
// fault can cost 20 µs, which would be 150 ms for the index. So the large
// arrays (the copy of the index file, places, key tables) are few, reserved
// once, and ask for transparent huge pages (2 MB), which Linux grants in its
// "madvise" and "always" modes; with huge pages off the advice is ignored and
// nothing else changes.

template <typename T>
class LargeArrayAllocator {
 public:
  using value_type = T;
  LargeArrayAllocator() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): allocators convert implicitly.
  template <typename U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) return static_cast<T*>(::operator new(bytes));
    void* memory =
        ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(memory, bytes, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(memory);
  }
  void deallocate(T* pointer, std::size_t n) noexcept {
    std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) {
      ::operator delete(pointer);
    } else {
      ::munmap(pointer, bytes);
    }
  }
  template <typename U>
  bool operator==(const LargeArrayAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr std::size_t kThreshold = std::size_t{1} << 21;
};

template <typename T>
using LargeVector = std::vector<T, LargeArrayAllocator<T>>;

// A whole file, read into memory that asks for huge pages (see above). Read
// rather than mapped: the names of the index point into this buffer for the
// Gazetteer's lifetime, and a mapped file truncated by a rebuild meanwhile
// would kill the process (SIGBUS) at the next lookup.
class FileBuffer {
 public:
  FileBuffer() = default;
  FileBuffer(const FileBuffer&) = delete;
  FileBuffer& operator=(const FileBuffer&) = delete;
  ~FileBuffer() {
    if (data_ != nullptr) LargeArrayAllocator<char>().deallocate(data_, capacity_);
  }

  Status read(const std::string& path, const char* what) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::string message = std::string("cannot open the ") + what;
      if (std::string_view(what) == "gazetteer index") {
        message += " (build it with tools/gazetteer/build.sh OUT_DIR)";
      }
      return Status(StatusCode::kNotFound, message + ": " + std::strerror(errno)).at(path, 0);
    }
    Status status = read_all(fd, path, what);
    ::close(fd);
    return status;
  }
  std::string_view text() const { return {data_, size_}; }

 private:
  Status read_all(int fd, const std::string& path, const char* what) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      return Status(StatusCode::kIoError,
                    std::string("cannot read the ") + what + ": not a regular file")
          .at(path, 0);
    }
    capacity_ = static_cast<std::size_t>(info.st_size);
    if (capacity_ == 0) return Status::ok();
    data_ = LargeArrayAllocator<char>().allocate(capacity_);
    while (size_ < capacity_) {
      ssize_t got = ::read(fd, data_ + size_, capacity_ - size_);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        return Status(StatusCode::kIoError,
                      std::string("cannot read the ") + what + ": " + std::strerror(errno))
            .at(path, 0);
      }
      if (got == 0) break;  // shrunk since fstat: what was read is the file
      size_ += static_cast<std::size_t>(got);
    }
    return Status::ok();
  }

  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};
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

bool parse_coordinates(std::string_view lat_text, std::string_view lon_text, double& lat,
                       double& lon) {
  return parse_number(lat_text, lat) && parse_number(lon_text, lon) && lat >= -90 && lat <= 90 &&
         lon >= -180 && lon <= 180;
}

bool is_alpha3(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
           return is_ascii_upper(static_cast<unsigned char>(c));
         });
}

// ---------------------------------------------------------------------------
// Key tables

// Name keys pointing at places, sorted by hash: a lookup is an equal_range and
// a comparison of the key text.
class KeyTable {
 public:
  void reserve(std::size_t entries) { entries_.reserve(entries); }
  // `key` must outlive the table: it points into the index text or into the
  // keys folded at load (Gazetteer::Data).
  void add(std::string_view key, std::uint32_t place) {
    if (key.empty()) return;
    entries_.push_back({key_hash(key), key.data(), static_cast<std::uint32_t>(key.size()), place});
  }
  // Makes what was added findable. Entries added since the last call are sorted
  // and merged in, so sealing again after the few aliases costs little.
  void seal() {
    auto by_hash = [](const Entry& a, const Entry& b) {
      return a.hash != b.hash ? a.hash < b.hash : a.place < b.place;
    };
    auto middle = entries_.begin() + static_cast<std::ptrdiff_t>(sorted_size_);
    std::sort(middle, entries_.end(), by_hash);
    std::inplace_merge(entries_.begin(), middle, entries_.end(), by_hash);
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const Entry& a, const Entry& b) {
                                 return a.hash == b.hash && a.place == b.place;
                               }),
                   entries_.end());
    sorted_size_ = entries_.size();
  }
  // Appends the places of `key` to `places`. Only entries sealed are found.
  void find(std::string_view key, std::vector<std::uint32_t>& places) const {
    if (key.empty()) return;
    std::uint64_t hash = key_hash(key);
    auto end = entries_.begin() + static_cast<std::ptrdiff_t>(sorted_size_);
    auto it = std::lower_bound(entries_.begin(), end, hash,
                               [](const Entry& entry, std::uint64_t h) { return entry.hash < h; });
    for (; it != end && it->hash == hash; ++it) {
      if (std::string_view(it->key, it->key_size) == key) places.push_back(it->place);
    }
  }

 private:
  struct Entry {
    std::uint64_t hash;
    const char* key;
    std::uint32_t key_size;
    std::uint32_t place;
  };
  LargeVector<Entry> entries_;
  std::size_t sorted_size_ = 0;
};

}  // namespace

std::string place_key(std::string_view name) {
  KeyBuilder keys;
  keys.build(name);
  return keys.exact();
}

std::string loose_place_key(std::string_view name) {
  KeyBuilder keys;
  keys.build(name);
  return keys.loose();
}

struct Gazetteer::Data {
  // Every name and precomputed key of the index is a view into index_text, and
  // a region's name into aliases_text; keys folded at load (aliases, regions)
  // live in folded_keys, whose elements never move.
  FileBuffer index_text;
  FileBuffer aliases_text;
  std::deque<std::string> folded_keys;
  LargeVector<Place> places;
  LargeVector<std::uint8_t> is_district;  // per place: a GeoNames city district (PPLX)
  KeyTable exact;
  KeyTable loose;
  std::size_t alias_count = 0;
  KeyBuilder keys;  // loading only

  // Folds `name` (aliases.tsv is small) and indexes its keys for `place`.
  void index_folded_name(std::uint32_t place, std::string_view name) {
    keys.build(name);
    exact.add(folded_keys.emplace_back(keys.exact()), place);
    loose.add(folded_keys.emplace_back(keys.loose()), place);
  }
  Status read_index(const std::string& path);
  Status read_aliases(const std::string& path);
};

// ---------------------------------------------------------------------------
// Loading

Status Gazetteer::Data::read_index(const std::string& path) {
  TIGRIS_RETURN_IF_ERROR(index_text.read(path, "gazetteer index"));
  std::string_view text = index_text.text();
  std::string_view first_line = text.substr(0, text.find('\n'));
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  if (first_line != kIndexHeader) {
    std::string message = "not a gazetteer index of format " + std::to_string(kIndexFormat);
    if (first_line.starts_with("#tigris-gazetteer\t")) {
      message += " but of format " + std::string(first_line.substr(18, 8));
    }
    return Status(StatusCode::kInvalidInput,
                  message +
                      ": rebuild it with tools/gazetteer/build.sh OUT_DIR (or rerun "
                      "cmake --build, which does)")
        .at(path, 1)
        .with_excerpt(std::string(first_line.substr(0, 80)));
  }
  auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  places.reserve(lines + 400);  // + regions of the aliases file
  is_district.reserve(lines + 400);
  // Country names and aliases add a few keys.
  exact.reserve(lines + 2000);
  loose.reserve(lines + 2000);

  std::array<std::string_view, kIndexFields> fields;
  return for_each_line(text, [&](std::string_view line, std::size_t number) -> Status {
    if (line.empty() || line.front() == '#') return Status::ok();
    auto malformed = [&](const char* why) {
      return Status(StatusCode::kInvalidInput,
                    std::string("malformed gazetteer index line: ") + why)
          .at(path, number)
          .with_excerpt(std::string(line));
    };
    if (split_fields(line, '\t', fields) != kIndexFields) {
      return malformed("expected 12 tab-separated fields");
    }
    Place place;
    if (fields[0] == "C") {
      place.kind = PlaceKind::kCity;
    } else if (fields[0] == "N") {
      place.kind = PlaceKind::kCountry;
    } else if (fields[0] == "S") {
      place.kind = PlaceKind::kSubdivision;
    } else {
      return malformed("kind is not C, N or S");
    }
    if (!parse_number(fields[1], place.geonames_id)) return malformed("bad geonames_id");
    if (fields[2].empty()) return malformed("empty name");
    place.name = fields[2];
    if (!is_alpha3(fields[3])) return malformed("country is not an ISO alpha-3 code");
    place.country = fields[3];
    place.admin1 = fields[4];
    if (place.kind == PlaceKind::kSubdivision && fields[5].empty() && fields[6].empty()) {
      place.lat = place.lon = std::numeric_limits<double>::quiet_NaN();
    } else if (!parse_coordinates(fields[5], fields[6], place.lat, place.lon)) {
      return malformed("bad coordinates");
    }
    if (!parse_number(fields[7], place.population)) return malformed("bad population");
    // One exact and one loose key per name: the name, then each other name.
    std::size_t names = 1 + count_parts(fields[9]);
    if (count_parts(fields[10]) != names || count_parts(fields[11]) != names) {
      return malformed("expected one exact and one loose key per name");
    }
    auto id = static_cast<std::uint32_t>(places.size());
    places.push_back(place);
    is_district.push_back(fields[8] == "PPLX" ? 1 : 0);
    for_each_part(fields[10], [&](std::string_view key) { exact.add(key, id); });
    for_each_part(fields[11], [&](std::string_view key) { loose.add(key, id); });
    return Status::ok();
  });
}

Status Gazetteer::Data::read_aliases(const std::string& path) {
  TIGRIS_RETURN_IF_ERROR(aliases_text.read(path, "gazetteer aliases file"));

  struct AliasRow {
    std::size_t line_number;
    std::string_view line;
    std::string_view alias;
    std::string_view name;
    std::string_view country;
  };
  std::vector<AliasRow> rows;
  std::unordered_set<std::string_view> countries;
  for (const auto& place : places) {
    if (place.kind == PlaceKind::kCountry) countries.insert(place.country);
  }
  // Regions first (rows with coordinates), so that any row may name them.
  std::unordered_map<std::string, std::uint32_t> regions;  // "IRQ al anbar" -> place
  TIGRIS_RETURN_IF_ERROR(
      for_each_line(aliases_text.text(), [&](std::string_view line, std::size_t number) -> Status {
        if (trim(line).empty() || line.front() == '#') return Status::ok();
        std::vector<std::string_view> fields = split(line, '\t');
        auto malformed = [&](const std::string& why) {
          return Status(StatusCode::kInvalidInput, "malformed alias: " + why)
              .at(path, number)
              .with_excerpt(std::string(line));
        };
        if (fields.size() != 3 && fields.size() != 6) {
          return malformed(
              "expected alias, name, country [, lat, lon, population] separated by tabs");
        }
        for (auto& field : fields) field = trim(field);
        if (fields[0].empty() || fields[1].empty()) return malformed("empty alias or name");
        if (!is_alpha3(fields[2]) || !countries.contains(fields[2])) {
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
          std::string region_key = std::string(region.country) + " " + place_key(region.name);
          if (regions.contains(region_key)) {
            return Status::ok();  // the first row with coordinates defines the region
          }
          auto id = static_cast<std::uint32_t>(places.size());
          regions.emplace(std::move(region_key), id);
          places.push_back(region);
          is_district.push_back(0);
          index_folded_name(id, fields[1]);
        }
        return Status::ok();
      }));
  exact.seal();

  // An alias names the region of that name, else the most populous place with
  // the name in that country (towns before city districts).
  std::vector<std::uint32_t> found;
  for (const AliasRow& row : rows) {
    std::string target_key = place_key(row.name);
    std::uint32_t target = 0;
    auto region = regions.find(std::string(row.country) + " " + target_key);
    if (region != regions.end()) {
      target = region->second;
    } else {
      found.clear();
      exact.find(target_key, found);
      std::erase_if(found, [&](std::uint32_t p) { return places[p].country != row.country; });
      if (found.empty()) {
        return Status(StatusCode::kInvalidInput,
                      "alias target is not in the gazetteer index: " + std::string(row.name) +
                          " (" + std::string(row.country) + ")")
            .at(path, row.line_number)
            .with_excerpt(std::string(row.line));
      }
      target = *std::min_element(found.begin(), found.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (is_district[a] != is_district[b]) return is_district[a] < is_district[b];
        return places[a].population > places[b].population;
      });
    }
    index_folded_name(target, row.alias);
    ++alias_count;
  }
  return Status::ok();
}

Gazetteer::Gazetteer() : data_(std::make_unique<Data>()) {}
Gazetteer::~Gazetteer() = default;

Result<std::shared_ptr<const Gazetteer>> Gazetteer::load(const std::string& index_path,
                                                         const std::string& aliases_path) {
  // Not make_shared: the constructor is private.
  std::shared_ptr<Gazetteer> gazetteer(new Gazetteer());
  Data& data = *gazetteer->data_;
  TIGRIS_RETURN_IF_ERROR(data.read_index(index_path));
  if (!aliases_path.empty()) TIGRIS_RETURN_IF_ERROR(data.read_aliases(aliases_path));
  data.exact.seal();
  data.loose.seal();
  return std::shared_ptr<const Gazetteer>(std::move(gazetteer));
}

std::size_t Gazetteer::size() const {
  return data_->places.size();
}
std::size_t Gazetteer::alias_count() const {
  return data_->alias_count;
}

// ---------------------------------------------------------------------------
// Lookup

std::vector<const Place*> Gazetteer::candidates(
    std::string_view name, const std::vector<std::string>& context_countries) const {
  const Data& data = *data_;
  KeyBuilder keys;
  keys.build(name);
  std::vector<std::uint32_t> exact;
  std::vector<std::uint32_t> loose;
  data.exact.find(keys.exact(), exact);
  data.loose.find(keys.loose(), loose);

  struct Ranked {
    std::uint32_t place;
    int tier;  // see resolve() in gazetteer.h
    bool in_context;
    bool country;
    bool district;
    std::int64_t population;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(exact.size() + loose.size());
  auto add = [&](std::uint32_t p, bool is_loose) {
    const Place& place = data.places[p];
    bool in_context = std::find(context_countries.begin(), context_countries.end(),
                                place.country) != context_countries.end();
    bool country = place.kind == PlaceKind::kCountry;
    // A subdivision without coordinates ranks with loose matches: "Santiago"
    // in a Dominican story is the city, not the province of that name.
    bool weak = is_loose || place.kind == PlaceKind::kSubdivision;
    int tier = weak ? (in_context ? 1 : 3) : (in_context || country ? 0 : 2);
    ranked.push_back({p, tier, in_context, country, data.is_district[p] != 0, place.population});
  };
  for (auto p : exact) add(p, false);
  for (auto p : loose) add(p, true);

  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.in_context != b.in_context) return a.in_context;
    if (a.country != b.country) return a.country;
    if (a.district != b.district) return b.district;
    if (a.population != b.population) return a.population > b.population;
    return a.place < b.place;  // the same order on every run
  });
  // A country named exactly is rarely meant as a town of its name twenty times
  // smaller, even in context: "Jordan" or "Lebanon" in a story about the US.
  if (!ranked.empty() && ranked[0].tier == 0 && !ranked[0].country) {
    for (std::size_t i = 1; i < ranked.size() && ranked[i].tier == 0; ++i) {
      if (ranked[i].country && ranked[i].population / 20 > ranked[0].population) {
        std::rotate(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(i),
                    ranked.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        break;
      }
    }
  }
  // Nor is a city of millions named exactly meant as a village of its name in
  // a context country: "Havana" in a story that names the US is not Havana,
  // Florida (1,688 people against 2.2 million). The bar (five hundred times
  // larger, a million people) keeps "Paris" in a US story in Texas and in a
  // Canadian one in Ontario, as context matches should be.
  constexpr std::int64_t kMetropolis = 1'000'000;
  if (!ranked.empty() && ranked[0].tier == 0 && ranked[0].in_context && !ranked[0].country) {
    for (std::size_t i = 1; i < ranked.size(); ++i) {
      if (ranked[i].tier == 2 && ranked[i].population >= kMetropolis &&
          ranked[i].population / 500 > ranked[0].population) {
        std::rotate(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(i),
                    ranked.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        break;
      }
    }
  }
  std::vector<const Place*> out;
  out.reserve(ranked.size());
  std::unordered_set<std::uint32_t> seen;  // an exact match is also a loose one
  for (const auto& r : ranked) {
    if (seen.insert(r.place).second) out.push_back(&data.places[r.place]);
  }
  return out;
}

const Place* Gazetteer::resolve(std::string_view name,
                                const std::vector<std::string>& context_countries) const {
  std::vector<const Place*> all = candidates(name, context_countries);
  if (all.empty()) return nullptr;
  // A subdivision of a country the story does not name is a weak guess: in
  // upper-case text "LITTORAL" in a Salvadoran story is not Benin's province.
  const Place* best = all.front();
  if (best->kind == PlaceKind::kSubdivision && !context_countries.empty() &&
      std::find(context_countries.begin(), context_countries.end(), best->country) ==
          context_countries.end()) {
    return nullptr;
  }
  return best;
}

}  // namespace tigris
