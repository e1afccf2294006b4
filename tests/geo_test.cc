// Tests of the gazetteer (src/geo/gazetteer.h): name normalisation, loading
// and its errors on small hand-written files, and a geolocation suite of
// toponyms in context against the real index built by tools/gazetteer/build.sh.
//
// The suite's expected coordinates were written from general knowledge (atlas
// values rounded to 0.01°), not read back from the index; a place counts as
// right when it is in the expected country and within 50 km of them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "geo/gazetteer.h"

namespace tigris {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Normalisation

struct KeyCase {
  const char* name;
  const char* key;
};

TEST(PlaceKey, FoldsCaseAccentsPunctuationAndArticles) {
  const KeyCase cases[] = {
      {"Paris", "paris"},
      {"  PARIS  ", "paris"},
      {"São Paulo", "sao paulo"},
      {"Zürich", "zurich"},
      {"Kraków", "krakow"},
      {"Bogotá", "bogota"},
      {"Ürümqi", "urumqi"},
      {"İzmir", "izmir"},
      {"Şanlıurfa", "sanliurfa"},
      {"Diyarbakır", "diyarbakir"},
      {"Łódź", "lodz"},
      {"Straße", "strasse"},
      {"Ærøskøbing", "aeroskobing"},
      {"Al Ḩillah", "al hillah"},
      {"Mişrātah", "misratah"},
      // Apostrophes and ayn/hamza signs vanish rather than split words.
      {"Sana'a", "sanaa"},
      {"Sana\u2019a", "sanaa"},
      {"Ta\u2018izz", "taizz"},
      {"Sāmarrā\u2019", "samarra"},
      {"N'Djamena", "ndjamena"},
      {"Côte d'Ivoire", "cote divoire"},
      // Hyphens, dots and commas separate words.
      {"Saint-Étienne", "saint etienne"},
      {"Mazār-e Sharīf", "mazar e sharif"},
      {"Washington, D.C.", "washington d c"},
      {"Frankfurt (Oder)", "frankfurt oder"},
      {"Guinea\u2013Bissau", "guinea bissau"},
      // Abbreviations.
      {"St. Petersburg", "saint petersburg"},
      {"St Louis", "saint louis"},
      {"Ste. Foy", "sainte foy"},
      {"Mt. Vernon", "mount vernon"},
      // A leading "the" goes, unless it is the whole name.
      {"The Hague", "hague"},
      {"the Netherlands", "netherlands"},
      {"The", "the"},
      // The Arabic article in any transliteration becomes "al".
      {"al-Anbar", "al anbar"},
      {"Al Anbar", "al anbar"},
      {"Al-Anbar", "al anbar"},
      {"El-Fasher", "al fasher"},
      {"An Najaf", "al najaf"},
      {"an-Najaf", "al najaf"},
      {"Ar-Ramadi", "al ramadi"},
      {"As Sulaymānīyah", "al sulaymaniyah"},
      {"Ash Shaţrah", "al shatrah"},
      {"Ad Dīwānīyah", "al diwaniyah"},
      {"Az Zubayr", "al zubayr"},
      {"Deir ez-Zor", "deir al zor"},
      {"Dayr az Zawr", "dayr al zawr"},
      // ... but not when it is the last or only word.
      {"Al", "al"},
      {"Salah al", "salah al"},
      {"", ""},
      {" - ", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(place_key(c.name), c.key) << "name: " << c.name;
  }
}

TEST(PlaceKey, LooseKeyEquatesCommonTransliterations) {
  const std::pair<const char*, const char*> same[] = {
      {"Basra", "Basrah"},
      {"al-Basrah", "Basra"},
      {"Raqqa", "Ar Raqqah"},
      {"Al-Raqqa", "Raqqah"},
      {"Taiz", "Ta‘izz"},
      {"Fallujah", "Al Fallūjah"},
      {"Falluja", "Fallujah"},
      {"Mansoura", "Al Manşūrah"},
      {"Hillah", "Al Ḩillah"},
      {"Qandahar", "Kandahar"},
      {"Sulaimaniya", "As Sulaymānīyah"},
      {"Hama", "Ḩamāh"},
  };
  for (const auto& [a, b] : same) {
    EXPECT_EQ(loose_place_key(a), loose_place_key(b)) << a << " vs " << b;
  }
  const std::pair<const char*, const char*> different[] = {
      {"Paris", "Parish"},  // the final h is dropped only after a vowel
      {"Tripoli", "Trípoli de Oriente"},
      {"Kiev", "Kyiv"},  // an alias's job, not the loose key's
      {"Bombay", "Mumbai"},
  };
  for (const auto& [a, b] : different) {
    EXPECT_NE(loose_place_key(a), loose_place_key(b)) << a << " vs " << b;
  }
  EXPECT_EQ(loose_place_key("Basrah"), "basra");
  EXPECT_EQ(loose_place_key("Ar Raqqah"), "raka");
  EXPECT_EQ(loose_place_key("Al"), "al");
}

// ---------------------------------------------------------------------------
// Loading small hand-written files

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("tigris_geo_test_" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& content) const {
    fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

 private:
  fs::path path_;
};

#ifndef TIGRIS_FOLD_JS
#define TIGRIS_FOLD_JS ""
#endif
#ifndef TIGRIS_TRICKY_NAMES
#define TIGRIS_TRICKY_NAMES ""
#endif

// The index carries keys folded by tools/gazetteer/fold.js; lookups fold with
// place_key. Both must agree on every name, or names silently stop matching.
TEST(PlaceKey, JavaScriptFoldingAgrees) {
  if (std::system("node --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "node is not installed: cannot compare tools/gazetteer/fold.js with place_key";
  }
  std::ifstream in(TIGRIS_TRICKY_NAMES);
  ASSERT_TRUE(in) << "cannot read " TIGRIS_TRICKY_NAMES;
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') names.push_back(line);
  }
  ASSERT_GE(names.size(), 100u);

  TempDir dir;
  std::string input;
  for (const auto& name : names) input += name + "\n";
  std::string input_path = dir.write("names.txt", input);
  std::string command = "node '" TIGRIS_FOLD_JS "' < '" + input_path + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr) << command;
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    output.append(buffer, got);
  }
  ASSERT_EQ(::pclose(pipe), 0) << command;

  std::stringstream lines(output);
  std::size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    ASSERT_LT(i, names.size()) << "fold.js printed more lines than it read";
    std::string expected = place_key(names[i]) + "\t" + loose_place_key(names[i]);
    EXPECT_EQ(line, expected) << "name: " << names[i];
  }
  EXPECT_EQ(i, names.size()) << "fold.js printed fewer lines than it read";
}

// An index file of format 3 from rows of its first ten columns (kind id name
// country admin1 lat lon population feature other_names): the key columns are
// appended with place_key and loose_place_key, as tools/gazetteer/fold.js
// writes them (FoldingAgrees checks that the two agree).
std::string index_file(std::string_view rows) {
  std::string out = "#tigris-gazetteer\t3\n";
  std::stringstream lines{std::string(rows)};
  for (std::string line; std::getline(lines, line);) {
    out += line;
    if (!line.empty() && line[0] != '#') {
      std::vector<std::string> fields;
      std::stringstream split(line);
      for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
      if (line.back() == '\t') fields.emplace_back();
      std::vector<std::string> names{fields.at(2)};
      std::stringstream others(fields.at(9));
      for (std::string other; std::getline(others, other, '|');) names.push_back(other);
      std::string exact, loose;
      for (std::size_t i = 0; i < names.size(); ++i) {
        exact += (i ? "|" : "") + place_key(names[i]);
        loose += (i ? "|" : "") + loose_place_key(names[i]);
      }
      out += "\t" + exact + "\t" + loose;
    }
    out += "\n";
  }
  return out;
}

// kind id name country admin1 lat lon population feature other_names
const char kSmallIndex[] =
    "C\t3566573\tCabañas\tCUB\tAR\t22.97944\t-82.92214\t1200\tPPL\t\n"
    "C\t3583446\tSan Miguel\tSLV\t09\t13.48333\t-88.18333\t161880\tPPLA\t\n"
    "S\t0\tCabañas\tSLV\t\t\t\t0\tDepartment\t\n"
    "S\t0\tSan Miguel\tSLV\t\t\t\t0\tDepartment\t\n"
    "# a comment\n"
    "C\t2988507\tParis\tFRA\t11\t48.85341\t2.3488\t2138551\tPPLC\t\n"
    "C\t4717560\tParis\tUSA\tTX\t33.66094\t-95.55551\t24782\tPPLA2\t\n"
    "C\t6942553\tParis\tCAN\t08\t43.2\t-80.38333\t11177\tPPL\t\n"
    "C\t2210247\tTripoli\tLBY\t77\t32.88743\t13.18733\t1150989\tPPLC\t\n"
    "C\t266826\tTripoli\tLBN\t09\t34.43352\t35.84415\t229398\tPPLA\t\n"
    "C\t99532\tBasrah\tIRQ\t02\t30.50852\t47.7804\t2600000\tPPLA\t\n"
    "C\t99999\tAl Başrah al Qadīmah\tIRQ\t02\t30.5\t47.8\t2500000\tPPLX\t\n"
    "C\t98182\tBaghdad\tIRQ\t07\t33.34058\t44.40088\t7216000\tPPLC\t\n"
    "C\t98860\tAl Fallūjah\tIRQ\t01\t33.34913\t43.78599\t190159\tPPLA2\t\n"
    "C\t111111\tFallujah\tUSA\tXX\t40.0\t-100.0\t1000\tPPL\t\n"
    "C\t4140963\tWashington, D.C.\tUSA\tDC\t38.89511\t-77.03637\t601723\tPPLC\t\n"
    "C\t703448\tKyiv\tUKR\t12\t50.45466\t30.5238\t2797553\tPPLC\t\n"
    "C\t611717\tTbilisi\tGEO\t04\t41.69411\t44.83368\t1049498\tPPLC\t\n"
    "C\t5030000\tJordan\tUSA\tMN\t44.66691\t-93.62690\t6076\tPPL\t\n"
    "C\t5526000\tIraan\tUSA\tTX\t30.91403\t-101.89792\t1287\tPPL\t\n"
    "N\t0\tIraq\tIRQ\t\t33.34058\t44.40088\t20846671\t\tRepublic of Iraq\n"
    "N\t0\tGeorgia\tGEO\t\t41.69411\t44.83368\t2382172\t\t\n"
    "N\t0\tUnited States\tUSA\t\t38.89511\t-77.03637\t256594365\t\tUnited States of America\n"
    "N\t0\tFrance\tFRA\t\t48.85341\t2.3488\t50000000\t\tFrench Republic\n"
    "N\t0\tCanada\tCAN\t\t45.41117\t-75.69812\t30000000\t\t\n"
    "N\t0\tLibya\tLBY\t\t32.88743\t13.18733\t5000000\t\t\n"
    "N\t0\tLebanon\tLBN\t\t33.88894\t35.49442\t4000000\t\tLebanese Republic\n"
    "N\t0\tUkraine\tUKR\t\t50.45466\t30.5238\t40000000\t\t\n"
    "N\t0\tJordan\tJOR\t\t31.95522\t35.94503\t8000000\t\tHashemite Kingdom of Jordan\n"
    "N\t0\tIran\tIRN\t\t35.69439\t51.42151\t60000000\t\tIslamic Republic of Iran\n";

const char kSmallAliases[] =
    "# alias\tname\tcountry\n"
    "Kiev\tKyiv\tUKR\n"
    "\n"
    "Washington\tWashington, D.C.\tUSA\n"
    "Al Anbar\tAl Anbar\tIRQ\t33.0\t42.0\t1800000\n"
    "Anbar\tAl Anbar\tIRQ\n"
    "Georgia\tGeorgia\tUSA\t32.7\t-83.4\t10700000\n"
    "America\tUnited States\tUSA\n";

std::shared_ptr<const Gazetteer> load_small(const TempDir& dir) {
  auto loaded = Gazetteer::load(dir.write("index.tsv", index_file(kSmallIndex)),
                                dir.write("aliases.tsv", kSmallAliases));
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  return loaded.is_ok() ? loaded.value() : nullptr;
}

// "name/COUNTRY" of the resolved place, or "-" for none.
std::string resolved(const Gazetteer& gazetteer, std::string_view name,
                     const std::vector<std::string>& context = {}) {
  const Place* place = gazetteer.resolve(name, context);
  return place == nullptr ? "-" : std::string(place->name) + "/" + std::string(place->country);
}

TEST(GazetteerLoad, ReadsPlacesCountriesRegionsAndAliases) {
  TempDir dir;
  auto gazetteer = load_small(dir);
  ASSERT_NE(gazetteer, nullptr);
  EXPECT_EQ(gazetteer->size(), 31u);  // 17 cities, 10 countries, 2 regions, 2 subdivisions
  EXPECT_EQ(gazetteer->alias_count(), 6u);

  const Place* paris = gazetteer->resolve("PARIS", {});
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->name, "Paris");
  EXPECT_EQ(paris->country, "FRA");
  EXPECT_EQ(paris->admin1, "11");
  EXPECT_EQ(paris->geonames_id, 2988507);
  EXPECT_EQ(paris->population, 2138551);
  EXPECT_DOUBLE_EQ(paris->lat, 48.85341);
  EXPECT_DOUBLE_EQ(paris->lon, 2.3488);
  EXPECT_EQ(paris->kind, PlaceKind::kCity);

  const Place* iraq = gazetteer->resolve("iraq", {});
  ASSERT_NE(iraq, nullptr);
  EXPECT_EQ(iraq->kind, PlaceKind::kCountry);
  EXPECT_EQ(iraq->geonames_id, 0);
  EXPECT_EQ(resolved(*gazetteer, "Republic of Iraq"), "Iraq/IRQ");  // other names of a country

  const Place* anbar = gazetteer->resolve("al-Anbar", {});
  ASSERT_NE(anbar, nullptr);
  EXPECT_EQ(anbar->kind, PlaceKind::kRegion);
  EXPECT_EQ(anbar->name, "Al Anbar");
  EXPECT_DOUBLE_EQ(anbar->lat, 33.0);
  EXPECT_EQ(resolved(*gazetteer, "Anbar"), "Al Anbar/IRQ");

  // ISO 3166-2 subdivisions: coordinates when the index has them; below cities
  // of their name.
  const Place* cabanas = gazetteer->resolve("CABANAS", {"SLV"});
  ASSERT_NE(cabanas, nullptr);
  EXPECT_EQ(cabanas->kind, PlaceKind::kSubdivision);
  EXPECT_EQ(cabanas->country, "SLV");
  EXPECT_TRUE(std::isnan(cabanas->lat));
  EXPECT_EQ(resolved(*gazetteer, "Cabanas"), "Cabañas/CUB");  // out of context, the town
  // A subdivision of a country outside a non-empty context is not a guess worth making.
  TempDir other;
  auto only_subdivision = Gazetteer::load(
      other.write("index.tsv", index_file("S\t0\tLittoral\tBEN\t\t\t\t0\tDepartment\t\n")), "");
  ASSERT_TRUE(only_subdivision.is_ok()) << only_subdivision.status().to_string();
  EXPECT_EQ(resolved(*only_subdivision.value(), "LITTORAL"), "Littoral/BEN");
  EXPECT_EQ(resolved(*only_subdivision.value(), "LITTORAL", {"SLV"}), "-");
  EXPECT_EQ(resolved(*only_subdivision.value(), "LITTORAL", {"SLV", "BEN"}), "Littoral/BEN");
  const Place* san_miguel = gazetteer->resolve("San Miguel", {"SLV"});
  ASSERT_NE(san_miguel, nullptr);
  EXPECT_EQ(san_miguel->kind, PlaceKind::kCity);  // the city before the department
}

TEST(GazetteerLoad, ContextCountriesDecideAmbiguousNames) {
  TempDir dir;
  auto gazetteer = load_small(dir);
  ASSERT_NE(gazetteer, nullptr);
  EXPECT_EQ(resolved(*gazetteer, "Paris"), "Paris/FRA");  // most populous
  EXPECT_EQ(resolved(*gazetteer, "Paris", {"USA"}), "Paris/USA");
  EXPECT_EQ(resolved(*gazetteer, "Paris", {"CAN", "GBR"}), "Paris/CAN");
  EXPECT_EQ(resolved(*gazetteer, "Paris", {"DEU"}), "Paris/FRA");  // no Paris there
  EXPECT_EQ(resolved(*gazetteer, "Tripoli"), "Tripoli/LBY");
  EXPECT_EQ(resolved(*gazetteer, "Tripoli", {"LBN"}), "Tripoli/LBN");
  // Both in context: the most populous.
  EXPECT_EQ(resolved(*gazetteer, "Tripoli", {"LBN", "LBY"}), "Tripoli/LBY");
  // A country before a more populous region of the same name, unless the
  // region is in context ...
  EXPECT_EQ(resolved(*gazetteer, "Georgia"), "Georgia/GEO");
  EXPECT_EQ(resolved(*gazetteer, "Georgia", {"USA"}), "Georgia/USA");
  // ... and is not a hundred times smaller than the country.
  EXPECT_EQ(resolved(*gazetteer, "Jordan"), "Jordan/JOR");
  EXPECT_EQ(resolved(*gazetteer, "Jordan", {"USA"}), "Jordan/JOR");
  EXPECT_EQ(resolved(*gazetteer, "Jordan", {"USA", "JOR"}), "Jordan/JOR");

  auto all = gazetteer->candidates("paris", {"USA"});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->country, "USA");
  EXPECT_EQ(all[1]->country, "FRA");
  EXPECT_EQ(all[2]->country, "CAN");
}

TEST(GazetteerLoad, ExactMatchesBeforeLooseOnesAndTownsBeforeDistricts) {
  TempDir dir;
  auto gazetteer = load_small(dir);
  ASSERT_NE(gazetteer, nullptr);
  // "Fallujah" is exactly a (made-up) American village and loosely the Iraqi
  // city: the exact match wins without context, the city with it.
  EXPECT_EQ(resolved(*gazetteer, "Fallujah"), "Fallujah/USA");
  EXPECT_EQ(resolved(*gazetteer, "Fallujah", {"IRQ"}), "Al Fallūjah/IRQ");
  EXPECT_EQ(resolved(*gazetteer, "Falluja", {"IRQ"}), "Al Fallūjah/IRQ");
  EXPECT_EQ(resolved(*gazetteer, "al-Fallujah"), "Al Fallūjah/IRQ");
  // A loose match in context does not beat a country's exact name.
  EXPECT_EQ(resolved(*gazetteer, "Iran", {"USA"}), "Iran/IRN");
  EXPECT_EQ(resolved(*gazetteer, "Iraan", {"USA"}), "Iraan/USA");
  // Loose: Basra = Basrah.
  EXPECT_EQ(resolved(*gazetteer, "Basra"), "Basrah/IRQ");
  EXPECT_EQ(resolved(*gazetteer, "Kiev"), "Kyiv/UKR");
  EXPECT_EQ(resolved(*gazetteer, "KIEV", {"RUS"}), "Kyiv/UKR");
  EXPECT_EQ(resolved(*gazetteer, "Washington"), "Washington, D.C./USA");
  EXPECT_EQ(resolved(*gazetteer, "America"), "United States/USA");
  EXPECT_EQ(resolved(*gazetteer, "Atlantis"), "-");
  EXPECT_EQ(resolved(*gazetteer, ""), "-");
  EXPECT_EQ(resolved(*gazetteer, "--"), "-");
}

TEST(GazetteerLoad, SharedReadOnlyAcrossThreads) {
  TempDir dir;
  auto gazetteer = load_small(dir);
  ASSERT_NE(gazetteer, nullptr);
  const std::vector<std::pair<std::string, std::vector<std::string>>> queries = {
      {"Paris", {}},      {"Paris", {"USA"}},   {"Tripoli", {"LBN"}}, {"Kiev", {}},
      {"Anbar", {"IRQ"}}, {"Georgia", {"USA"}}, {"Basra", {}},        {"nowhere", {}}};
  std::vector<const Place*> expected;
  for (const auto& [name, context] : queries) expected.push_back(gazetteer->resolve(name, context));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        std::size_t i = (round + t) % queries.size();
        if (gazetteer->resolve(queries[i].first, queries[i].second) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

TEST(GazetteerLoad, LoadsWithoutAliases) {
  TempDir dir;
  auto loaded = Gazetteer::load(dir.write("index.tsv", index_file(kSmallIndex)), "");
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  EXPECT_EQ(loaded.value()->alias_count(), 0u);
  EXPECT_EQ(resolved(*loaded.value(), "Kiev"), "-");
  EXPECT_EQ(resolved(*loaded.value(), "Kyiv"), "Kyiv/UKR");
}

struct LoadErrorCase {
  const char* what;
  std::string index;
  std::string aliases;
  StatusCode code;
  std::size_t line;
  const char* message_part;
  bool in_aliases;
};

TEST(GazetteerLoad, ReportsErrorsWithFileAndLine) {
  const std::string header = "#tigris-gazetteer\t3\n";
  const std::string iraq =
      "N\t0\tIraq\tIRQ\t\t33.3\t44.4\t100\t\tRepublic of Iraq\tiraq|republic of iraq\t"
      "irak|republicofirak\n";
  const LoadErrorCase cases[] = {
      // An index of the previous format (no key columns) must be rebuilt.
      {"format version", "#tigris-gazetteer\t2\nN\t0\tIraq\tIRQ\t\t33.3\t44.4\t100\t\t\n", "",
       StatusCode::kInvalidInput, 1, "format 3 but of format 2: rebuild it", false},
      {"not an index", "kind\tname\n", "", StatusCode::kInvalidInput, 1, "format 3", false},
      {"empty index", "", "", StatusCode::kInvalidInput, 1, "format 3", false},
      {"city without coordinates", header + "C\t1\tX\tIRQ\t01\t\t\t3\tPPL\t\tx\tx\n", "",
       StatusCode::kInvalidInput, 2, "coordinates", false},
      {"field count", header + "C\t1\tX\tIRQ\t01\t1\t2\t3\tPPL\t\n", "", StatusCode::kInvalidInput,
       2, "12 tab-separated", false},
      {"too many fields", header + "C\t1\tX\tIRQ\t01\t1\t2\t3\tPPL\t\tx\tx\tx\n", "",
       StatusCode::kInvalidInput, 2, "12 tab-separated", false},
      {"key count", header + iraq + "N\t0\tIran\tIRN\t\t35.7\t51.4\t100\t\tPersia\tiran\tiran\n",
       "", StatusCode::kInvalidInput, 3, "one exact and one loose key per name", false},
      {"kind", header + iraq + "Z\t1\tX\tIRQ\t01\t1\t2\t3\tPPL\t\tx\tx\n", "",
       StatusCode::kInvalidInput, 3, "kind", false},
      {"id", header + "C\tx\tX\tIRQ\t01\t1\t2\t3\tPPL\t\tx\tx\n", "", StatusCode::kInvalidInput, 2,
       "geonames_id", false},
      {"country", header + "C\t1\tX\tIQ\t01\t1\t2\t3\tPPL\t\tx\tx\n", "", StatusCode::kInvalidInput,
       2, "alpha-3", false},
      {"latitude", header + "C\t1\tX\tIRQ\t01\t91\t2\t3\tPPL\t\tx\tx\n", "",
       StatusCode::kInvalidInput, 2, "coordinates", false},
      {"population", header + "C\t1\tX\tIRQ\t01\t1\t2\t-\tPPL\t\tx\tx\n", "",
       StatusCode::kInvalidInput, 2, "population", false},
      {"alias fields", header + iraq, "# c\nMesopotamia\tIraq\n", StatusCode::kInvalidInput, 2,
       "separated by tabs", true},
      {"alias country", header + iraq, "Mesopotamia\tIraq\tIRK\n", StatusCode::kInvalidInput, 1,
       "country code", true},
      {"alias country absent", header + iraq, "Mesopotamia\tIraq\tSYR\n", StatusCode::kInvalidInput,
       1, "country code", true},
      {"alias target", header + iraq, "\nBabylon\tBabil\tIRQ\n", StatusCode::kInvalidInput, 2,
       "not in the gazetteer index: Babil (IRQ)", true},
      {"region coordinates", header + iraq, "Anbar\tAl Anbar\tIRQ\t33\teast\t100\n",
       StatusCode::kInvalidInput, 1, "coordinates", true},
  };
  for (const auto& c : cases) {
    TempDir dir;
    std::string index = dir.write("index.tsv", c.index);
    std::string aliases = c.aliases.empty() ? "" : dir.write("aliases.tsv", c.aliases);
    auto loaded = Gazetteer::load(index, aliases);
    ASSERT_FALSE(loaded.is_ok()) << c.what;
    const Status& status = loaded.status();
    EXPECT_EQ(status.code(), c.code) << c.what << ": " << status.to_string();
    EXPECT_EQ(status.file(), c.in_aliases ? aliases : index) << c.what;
    EXPECT_EQ(status.line(), c.line) << c.what << ": " << status.to_string();
    EXPECT_NE(status.message().find(c.message_part), std::string::npos)
        << c.what << ": " << status.to_string();
  }

  TempDir dir;
  auto missing =
      Gazetteer::load((fs::temp_directory_path() / "tigris_no_such_index.tsv").string(), "");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("tools/gazetteer/build.sh"), std::string::npos);
  auto no_aliases =
      Gazetteer::load(dir.write("index.tsv", header + iraq), "/nonexistent/aliases.tsv");
  ASSERT_FALSE(no_aliases.is_ok());
  EXPECT_EQ(no_aliases.status().code(), StatusCode::kNotFound);
}

// ---------------------------------------------------------------------------
// The real index

#ifndef TIGRIS_GAZETTEER_INDEX
#define TIGRIS_GAZETTEER_INDEX ""
#endif
#ifndef TIGRIS_GAZETTEER_ALIASES
#define TIGRIS_GAZETTEER_ALIASES ""
#endif

// Loaded once for all tests below; nullptr when the index was not built.
const Gazetteer* real_gazetteer() {
  static const std::shared_ptr<const Gazetteer> gazetteer =
      []() -> std::shared_ptr<const Gazetteer> {
    if (!fs::exists(TIGRIS_GAZETTEER_INDEX)) return nullptr;
    auto loaded = Gazetteer::load(TIGRIS_GAZETTEER_INDEX, TIGRIS_GAZETTEER_ALIASES);
    EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    return loaded.is_ok() ? loaded.value() : nullptr;
  }();
  return gazetteer.get();
}

#define SKIP_WITHOUT_INDEX()                                                                       \
  if (real_gazetteer() == nullptr) {                                                               \
    GTEST_SKIP() << "no gazetteer index at " TIGRIS_GAZETTEER_INDEX                                \
                    " (it is built by tools/gazetteer/build.sh during the build, which needs the " \
                    "npm registry; rerun cmake --build when online)";                              \
  }

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRadians;
  double dlon = (lon2 - lon1) * kRadians;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRadians) *
                                                           std::cos(lat2 * kRadians) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

struct Toponym {
  const char* name;
  std::vector<std::string> context;  // the story's countries and its dateline's
  const char* country;               // expected ISO alpha-3
  double lat;
  double lon;
};

// Toponyms as news stories write them, with the countries of the story.
const std::vector<Toponym>& geolocation_suite() {
  static const std::vector<Toponym> suite = {
      // Ambiguous names, decided by context or else by size.
      {"Paris", {}, "FRA", 48.86, 2.35},
      {"Paris", {"USA"}, "USA", 33.66, -95.56},  // Paris, Texas
      {"Paris", {"CAN"}, "CAN", 43.20, -80.38},  // Paris, Ontario
      {"Tripoli", {}, "LBY", 32.89, 13.19},
      {"Tripoli", {"LBY", "ITA"}, "LBY", 32.89, 13.19},
      {"Tripoli", {"LBN", "SYR"}, "LBN", 34.44, 35.85},
      {"Georgia", {}, "GEO", 41.72, 44.79},  // the country, at Tbilisi
      {"Georgia", {"RUS"}, "GEO", 41.72, 44.79},
      {"Georgia", {"USA"}, "USA", 32.7, -83.4},  // the US state
      {"Santiago", {}, "CHL", -33.45, -70.67},
      {"Santiago", {"CHL", "ARG"}, "CHL", -33.45, -70.67},
      {"Santiago", {"DOM"}, "DOM", 19.45, -70.70},  // de los Caballeros
      {"Santiago", {"ESP"}, "ESP", 42.88, -8.54},   // de Compostela
      {"Santiago", {"CUB"}, "CUB", 20.02, -75.82},  // de Cuba
      {"Hyderabad", {}, "IND", 17.39, 78.49},
      {"Hyderabad", {"IND"}, "IND", 17.39, 78.49},
      {"Hyderabad", {"PAK"}, "PAK", 25.39, 68.37},
      {"Valencia", {"ESP"}, "ESP", 39.47, -0.38},
      {"Valencia", {"VEN", "COL"}, "VEN", 10.16, -68.00},
      {"Alexandria", {}, "EGY", 31.20, 29.92},
      {"Alexandria", {"EGY"}, "EGY", 31.20, 29.92},
      {"Alexandria", {"USA"}, "USA", 38.80, -77.05},  // Virginia
      {"London", {}, "GBR", 51.51, -0.13},
      {"London", {"GBR", "USA"}, "GBR", 51.51, -0.13},
      {"London", {"CAN"}, "CAN", 42.98, -81.25},  // Ontario
      {"Moscow", {}, "RUS", 55.76, 37.62},
      {"Athens", {"GRC"}, "GRC", 37.98, 23.73},
      {"Athens", {"USA"}, "USA", 33.96, -83.38},  // Georgia
      {"Birmingham", {}, "GBR", 52.49, -1.89},
      {"Birmingham", {"USA"}, "USA", 33.52, -86.80},
      {"Cordoba", {"ARG"}, "ARG", -31.42, -64.18},
      {"Córdoba", {"ESP"}, "ESP", 37.88, -4.78},
      {"Odessa", {}, "UKR", 46.48, 30.73},
      {"Odessa", {"USA"}, "USA", 31.85, -102.37},  // Texas
      {"Donetsk", {"RUS", "UKR"}, "UKR", 48.00, 37.80},
      {"St. Petersburg", {}, "RUS", 59.94, 30.31},
      {"St. Petersburg", {"USA"}, "USA", 27.77, -82.64},  // Florida
      // Iraq, with transliterations and the article.
      {"Baghdad", {"IRQ"}, "IRQ", 33.31, 44.37},
      {"Basra", {"IRQ"}, "IRQ", 30.51, 47.78},
      {"Basrah", {}, "IRQ", 30.51, 47.78},
      {"Mosul", {"IRQ"}, "IRQ", 36.34, 43.13},
      {"Erbil", {"IRQ"}, "IRQ", 36.19, 44.01},
      {"Irbil", {}, "IRQ", 36.19, 44.01},
      {"Arbil", {"IRQ", "TUR"}, "IRQ", 36.19, 44.01},
      {"Kirkuk", {"IRQ"}, "IRQ", 35.47, 44.39},
      {"Fallujah", {"IRQ"}, "IRQ", 33.35, 43.78},
      {"Falluja", {}, "IRQ", 33.35, 43.78},
      {"Ramadi", {"IRQ"}, "IRQ", 33.42, 43.30},
      {"Ar-Ramadi", {"IRQ"}, "IRQ", 33.42, 43.30},
      {"Najaf", {}, "IRQ", 32.00, 44.33},
      {"An-Najaf", {"IRQ"}, "IRQ", 32.00, 44.33},
      {"Karbala", {"IRQ"}, "IRQ", 32.62, 44.02},
      {"Kut", {"IRQ"}, "IRQ", 32.51, 45.82},
      {"al-Kut", {}, "IRQ", 32.51, 45.82},
      {"Hillah", {"IRQ"}, "IRQ", 32.48, 44.42},
      {"Tikrit", {"IRQ"}, "IRQ", 34.60, 43.68},
      {"Samarra", {"IRQ"}, "IRQ", 34.20, 43.87},
      {"Baquba", {"IRQ"}, "IRQ", 33.75, 44.64},
      {"Nasiriyah", {"IRQ"}, "IRQ", 31.05, 46.26},
      {"Sulaimaniya", {"IRQ"}, "IRQ", 35.56, 45.44},
      {"Dohuk", {"IRQ"}, "IRQ", 36.87, 42.99},
      {"al-Anbar", {"IRQ"}, "IRQ", 33.0, 42.0},  // the province, at its approximate centre
      {"Anbar", {"IRQ", "USA"}, "IRQ", 33.0, 42.0},
      {"Iraq", {}, "IRQ", 33.31, 44.37},  // the country, at Baghdad
      // Syria, Lebanon, Jordan, Palestine, Israel.
      {"Damascus", {"SYR"}, "SYR", 33.51, 36.29},
      {"Aleppo", {"SYR"}, "SYR", 36.20, 37.16},
      {"Homs", {"SYR"}, "SYR", 34.73, 36.71},
      {"Hama", {"SYR"}, "SYR", 35.13, 36.75},
      {"Raqqa", {"SYR", "USA"}, "SYR", 35.95, 39.01},
      {"Al-Raqqa", {}, "SYR", 35.95, 39.01},
      {"Deir ez-Zor", {"SYR"}, "SYR", 35.34, 40.14},
      {"Deir al-Zour", {"SYR"}, "SYR", 35.34, 40.14},
      {"Idlib", {"SYR", "TUR"}, "SYR", 35.93, 36.63},
      {"Daraa", {"SYR"}, "SYR", 32.62, 36.10},
      {"Latakia", {"SYR"}, "SYR", 35.52, 35.79},
      {"Syria", {}, "SYR", 33.51, 36.29},
      {"Beirut", {"LBN"}, "LBN", 33.89, 35.50},
      {"Sidon", {"LBN", "ISR"}, "LBN", 33.56, 35.37},
      {"Tyre", {"LBN", "ISR"}, "LBN", 33.27, 35.20},
      {"Amman", {"JOR"}, "JOR", 31.95, 35.93},
      {"Gaza City", {"PSE", "ISR"}, "PSE", 31.50, 34.47},
      {"Gaza", {"ISR"}, "PSE", 31.50, 34.47},
      {"Khan Younis", {"PSE"}, "PSE", 31.34, 34.31},
      {"Hebron", {"PSE", "ISR"}, "PSE", 31.53, 35.10},
      {"Ramallah", {"PSE"}, "PSE", 31.90, 35.20},
      {"Jerusalem", {"ISR", "PSE"}, "ISR", 31.77, 35.22},
      {"Tel Aviv", {"ISR"}, "ISR", 32.08, 34.78},
      // Yemen, Libya, Egypt, the Gulf, Iran.
      {"Sanaa", {"YEM"}, "YEM", 15.35, 44.21},
      {"Sana'a", {"YEM", "SAU"}, "YEM", 15.35, 44.21},
      {"Sana\u2019a", {}, "YEM", 15.35, 44.21},
      {"Aden", {"YEM"}, "YEM", 12.78, 45.04},
      {"Hodeidah", {"YEM"}, "YEM", 14.80, 42.95},
      {"Taiz", {"YEM"}, "YEM", 13.58, 44.02},
      {"Misrata", {"LBY"}, "LBY", 32.38, 15.09},
      {"Benghazi", {"LBY"}, "LBY", 32.12, 20.07},
      {"Sirte", {"LBY"}, "LBY", 31.21, 16.59},
      {"Cairo", {"EGY"}, "EGY", 30.04, 31.24},
      {"Riyadh", {"SAU"}, "SAU", 24.69, 46.72},
      {"Mecca", {"SAU"}, "SAU", 21.42, 39.83},
      {"Makkah", {}, "SAU", 21.42, 39.83},
      {"Dubai", {"ARE"}, "ARE", 25.20, 55.27},
      {"Tehran", {"IRN"}, "IRN", 35.69, 51.39},
      {"Teheran", {}, "IRN", 35.69, 51.39},
      {"Iran", {"USA"}, "IRN", 35.69, 51.39},
      {"Istanbul", {"TUR"}, "TUR", 41.01, 28.98},
      {"Diyarbakir", {"TUR"}, "TUR", 37.91, 40.22},
      // Afghanistan, Pakistan, India, Asia.
      {"Kabul", {"AFG"}, "AFG", 34.53, 69.17},
      {"Kandahar", {"AFG"}, "AFG", 31.61, 65.71},
      {"Qandahar", {}, "AFG", 31.61, 65.71},
      {"Herat", {"AFG"}, "AFG", 34.35, 62.20},
      {"Mazar-i-Sharif", {"AFG"}, "AFG", 36.71, 67.11},
      {"Peshawar", {"PAK"}, "PAK", 34.01, 71.58},
      {"Quetta", {"PAK"}, "PAK", 30.18, 66.98},
      {"Mumbai", {"IND"}, "IND", 19.08, 72.88},
      {"Bombay", {}, "IND", 19.08, 72.88},
      {"Calcutta", {"IND"}, "IND", 22.57, 88.36},
      {"Beijing", {"CHN"}, "CHN", 39.90, 116.40},
      {"Peking", {}, "CHN", 39.90, 116.40},
      {"Rangoon", {"MMR"}, "MMR", 16.87, 96.20},
      {"Saigon", {"VNM"}, "VNM", 10.82, 106.63},
      {"South Korea", {}, "KOR", 37.57, 126.98},
      {"Pyongyang", {"PRK", "KOR"}, "PRK", 39.03, 125.75},
      // Ukraine and Russia.
      {"Kyiv", {"UKR"}, "UKR", 50.45, 30.52},
      {"Kiev", {}, "UKR", 50.45, 30.52},
      {"Kiev", {"RUS", "UKR"}, "UKR", 50.45, 30.52},
      {"Odesa", {"UKR"}, "UKR", 46.48, 30.73},
      {"Kharkiv", {"UKR"}, "UKR", 49.99, 36.23},
      {"Kharkov", {"RUS", "UKR"}, "UKR", 49.99, 36.23},
      {"Lugansk", {"UKR"}, "UKR", 48.57, 39.31},
      {"Zaporizhzhia", {"UKR"}, "UKR", 47.84, 35.14},
      {"Mariupol", {"UKR", "RUS"}, "UKR", 47.10, 37.55},
      {"Crimea", {"RUS", "UKR"}, "UKR", 45.3, 34.4},
      {"Grozny", {"RUS"}, "RUS", 43.32, 45.69},
      // Accents, Saint/St., hyphens, English names.
      {"Sao Paulo", {"BRA"}, "BRA", -23.55, -46.63},
      {"Bogota", {"COL"}, "COL", 4.61, -74.08},
      {"Zurich", {"CHE"}, "CHE", 47.38, 8.54},
      {"Krakow", {"POL"}, "POL", 50.06, 19.94},
      {"Cracow", {}, "POL", 50.06, 19.94},
      {"Saint Etienne", {"FRA"}, "FRA", 45.43, 4.39},
      {"St Louis", {"USA"}, "USA", 38.63, -90.20},
      {"Cologne", {"DEU"}, "DEU", 50.94, 6.96},
      {"Frankfurt", {"DEU"}, "DEU", 50.11, 8.68},
      {"The Hague", {"NLD"}, "NLD", 52.08, 4.30},
      {"N'Djamena", {"TCD"}, "TCD", 12.11, 15.04},
      {"Ndjamena", {}, "TCD", 12.11, 15.04},
      {"Washington", {"USA", "RUS"}, "USA", 38.90, -77.04},
      {"New York", {"USA"}, "USA", 40.71, -74.01},
      // Africa.
      {"Mogadishu", {"SOM"}, "SOM", 2.04, 45.34},
      {"Khartoum", {"SDN"}, "SDN", 15.50, 32.56},
      {"El Fasher", {"SDN"}, "SDN", 13.63, 25.35},
      {"Darfur", {"SDN"}, "SDN", 13.5, 24.5},
      {"Goma", {"COD", "RWA"}, "COD", -1.68, 29.22},
      {"Maiduguri", {"NGA"}, "NGA", 11.85, 13.16},
      {"Timbuktu", {"MLI"}, "MLI", 16.77, -3.01},
      // Countries by other names.
      {"Ivory Coast", {}, "CIV", 6.82, -5.28},  // at Yamoussoukro, the capital
      {"Burma", {}, "MMR", 19.75, 96.13},       // at Naypyidaw
      {"Britain", {}, "GBR", 51.51, -0.13},
      {"United States", {}, "USA", 38.90, -77.04},
      {"Russia", {"UKR"}, "RUS", 55.76, 37.62},
      // Countries named in a story whose context lacks them, against towns
      // named after them.
      {"Jordan", {"USA"}, "JOR", 31.95, 35.93},
      {"Mexico", {"USA"}, "MEX", 19.43, -99.13},
      {"Lebanon", {"USA", "ISR"}, "LBN", 33.89, 35.50},
      {"Cuba", {"USA"}, "CUB", 23.13, -82.38},
      {"Peru", {"USA"}, "PER", -12.05, -77.04},
      // A city of millions against a village of its name in a context country.
      {"Havana", {"USA"}, "CUB", 23.13, -82.38},
      {"Havana", {"USA", "COL"}, "CUB", 23.13, -82.38},
      // Spanish names in Latin American stories (MUC-4), with their countries.
      {"San Miguel", {"SLV"}, "SLV", 13.48, -88.18},
      {"Usulutan", {"SLV"}, "SLV", 13.35, -88.45},
      {"Tingo Maria", {"PER"}, "PER", -9.29, -76.00},
      {"San Jose", {"CRI"}, "CRI", 9.93, -84.08},
  };
  return suite;
}

TEST(GazetteerSuite, ResolvesToponymsInContext) {
  SKIP_WITHOUT_INDEX();
  const Gazetteer& gazetteer = *real_gazetteer();
  const auto& suite = geolocation_suite();
  ASSERT_GE(suite.size(), 60u);
  std::size_t right = 0;
  std::ostringstream failures;
  for (const auto& t : suite) {
    const Place* place = gazetteer.resolve(t.name, t.context);
    std::string context;
    for (const auto& c : t.context) context += (context.empty() ? "" : ",") + c;
    if (place == nullptr) {
      failures << "  " << t.name << " {" << context << "}: not found, expected " << t.country
               << "\n";
      continue;
    }
    double km = distance_km(place->lat, place->lon, t.lat, t.lon);
    if (place->country == t.country && km <= 50) {
      ++right;
    } else {
      failures << "  " << t.name << " {" << context << "}: got " << place->name << " ("
               << place->country << ", " << place->lat << ", " << place->lon << ", "
               << static_cast<int>(km) << " km away), expected " << t.country << " near " << t.lat
               << ", " << t.lon << "\n";
    }
  }
  double share = static_cast<double>(right) / static_cast<double>(suite.size());
  std::string listed = failures.str();
  std::cout << "geolocation suite: " << right << "/" << suite.size() << " right ("
            << static_cast<int>(share * 100) << "%)\n"
            << listed;
  EXPECT_GE(share, 0.90) << "wrong:\n" << listed;
}

TEST(GazetteerSuite, EveryAliasResolvesInItsCountry) {
  SKIP_WITHOUT_INDEX();
  const Gazetteer& gazetteer = *real_gazetteer();
  std::ifstream in(TIGRIS_GAZETTEER_ALIASES);
  ASSERT_TRUE(in) << TIGRIS_GAZETTEER_ALIASES;
  std::string line;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    ASSERT_GE(fields.size(), 3u) << line;
    ++rows;
    // With its country as context, an alias must land on the named place.
    const Place* place = gazetteer.resolve(fields[0], {fields[2]});
    ASSERT_NE(place, nullptr) << line;
    EXPECT_EQ(place->country, fields[2]) << line;
    EXPECT_EQ(place_key(place->name), place_key(fields[1])) << line;
  }
  EXPECT_EQ(rows, gazetteer.alias_count());
  EXPECT_GE(rows, 150u);
}

// Every key written into the index (by fold.js at build time) is the C++
// folding of its name: otherwise a place could not be found by its own name.
TEST(GazetteerSuite, IndexKeysAreThePlaceKeysOfTheNames) {
  SKIP_WITHOUT_INDEX();
  std::ifstream in(TIGRIS_GAZETTEER_INDEX);
  ASSERT_TRUE(in);
  std::size_t names = 0;
  std::size_t mismatches = 0;
  std::vector<std::string> fields;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    while (fields.size() < 12) fields.emplace_back();  // getline drops trailing empty fields
    std::vector<std::string> all{fields[2]};
    std::stringstream others(fields[9]);
    for (std::string other; std::getline(others, other, '|');) all.push_back(other);
    std::string exact, loose;
    for (std::size_t i = 0; i < all.size(); ++i) {
      exact += (i ? "|" : "") + place_key(all[i]);
      loose += (i ? "|" : "") + loose_place_key(all[i]);
    }
    names += all.size();
    if (exact != fields[10] || loose != fields[11]) {
      if (++mismatches <= 10) {
        ADD_FAILURE() << "keys of " << fields[2] << ": index has " << fields[10] << " / "
                      << fields[11] << ", place_key gives " << exact << " / " << loose;
      }
    }
  }
  EXPECT_GT(names, 140000u);
  EXPECT_EQ(mismatches, 0u);
}

// ISO 3166-2 subdivisions are placed at a town of theirs (tools/gazetteer/
// convert.js). Expected coordinates from general knowledge, not the index.
TEST(GazetteerSuite, SubdivisionsSitAtOneOfTheirTowns) {
  SKIP_WITHOUT_INDEX();
  const Gazetteer& gazetteer = *real_gazetteer();
  auto subdivision = [&](std::string_view name, const std::string& country) -> const Place* {
    for (const Place* place : gazetteer.candidates(name, {country})) {
      if (place->kind == PlaceKind::kSubdivision && place->country == country) return place;
    }
    return nullptr;
  };
  struct Expected {
    const char* name;
    const char* country;
    double lat, lon;  // the subdivision's largest town or its seat
  };
  const Expected cases[] = {
      {"San Miguel", "SLV", 13.48, -88.18},   // seat of its name (rule 1)
      {"Texas", "USA", 29.76, -95.37},        // Houston: admin1 code TX (rule 2)
      {"California", "USA", 34.05, -118.24},  // Los Angeles
      {"Al Basrah", "IRQ", 30.51, 47.78},     // Basrah, by its loose key
      {"Zurich", "CHE", 47.37, 8.54},         // canton ZH
      {"Birmingham", "GBR", 52.48, -1.90},    // a district of its town's name (rule 3)
  };
  for (const auto& c : cases) {
    const Place* place = subdivision(c.name, c.country);
    ASSERT_NE(place, nullptr) << c.name;
    ASSERT_TRUE(std::isfinite(place->lat)) << c.name << " has no coordinates";
    EXPECT_LT(distance_km(place->lat, place->lon, c.lat, c.lon), 50.0) << c.name;
  }
  // Cabañas' seat is Sensuntepeque and El Salvador's admin1 codes are numbers:
  // no town is known to be in it, so no coordinates rather than a guess.
  const Place* cabanas = subdivision("Cabanas", "SLV");
  ASSERT_NE(cabanas, nullptr);
  EXPECT_TRUE(std::isnan(cabanas->lat));
}

TEST(GazetteerSuite, IndexHoldsCitiesCountriesAndRegions) {
  SKIP_WITHOUT_INDEX();
  const Gazetteer& gazetteer = *real_gazetteer();
  EXPECT_GT(gazetteer.size(), 130000u);
  const Place* iraq = gazetteer.resolve("Republic of Iraq", {});
  ASSERT_NE(iraq, nullptr);
  EXPECT_EQ(iraq->kind, PlaceKind::kCountry);
  EXPECT_EQ(iraq->name, "Iraq");
  const Place* kosovo = gazetteer.resolve("Kosovo", {});
  ASSERT_NE(kosovo, nullptr);
  EXPECT_EQ(kosovo->country, "XKX");
  const Place* basra = gazetteer.resolve("Basra", {});
  ASSERT_NE(basra, nullptr);
  EXPECT_EQ(basra->geonames_id, 99532);
  EXPECT_EQ(basra->kind, PlaceKind::kCity);
  EXPECT_EQ(basra->admin1, "02");
  const Place* gaza_strip = gazetteer.resolve("Gaza Strip", {});
  ASSERT_NE(gaza_strip, nullptr);
  EXPECT_EQ(gaza_strip->kind, PlaceKind::kRegion);
  EXPECT_EQ(gaza_strip->country, "PSE");
}

}  // namespace
}  // namespace tigris
