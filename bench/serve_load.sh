#!/usr/bin/env bash
# usage: bench/serve_load.sh [BUILD_DIR]
#
# Load run of `tigris serve` with wrk (a benchmark, not a test): requests/s and
# p99 latency for POST /v1/code with one sentence per request, and for
# GET /v1/series (weekly, whole database). Target (issue 8): >= 2,000 code
# requests/s on 2 cores with p99 < 50 ms.
#
# Environment: DB (default BUILD_DIR/sample.sqlite from scripts/demo, else a
# database of the sample story made here), DURATION (15s), CONNECTIONS (4),
# WRK_THREADS (2), SERVER_THREADS (4). Writes bench/results/serve_load.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-4}
wrk_threads=${WRK_THREADS:-2}
server_threads=${SERVER_THREADS:-4}

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target tigris_cli >/dev/null

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db=${DB:-$build/sample.sqlite}
if [ ! -f "$db" ]; then
  db=$work/sample.sqlite
  "$build/tigris" ingest data/samples/sample.jsonl --db "$db" 2>/dev/null
fi

"$build/tigris" serve --db "$db" --port 0 --threads "$server_threads" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 600); do
  grep -q '^listening on ' "$work/serve.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$work/serve.log")
[ -n "$url" ] || { echo "tigris serve did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

# One story of one sentence per request, cycling through a few sentences.
cat >"$work/code.lua" <<'LUA'
local texts = {
  "Iranian forces fired missiles at two Iraqi air bases on Tuesday.",
  "The U.S. secretary of state visited Ankara and met Turkey's foreign minister.",
  "Russia accused Ukraine of shelling a border village.",
  "China and Brazil signed a trade agreement in Beijing on Monday.",
}
local bodies = {}
for i, text in ipairs(texts) do
  bodies[i] = '{"id":"bench-' .. i .. '","date":"2024-03-14","text":"' .. text .. '"}'
end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n % #bodies + 1
  return wrk.format(nil, "/v1/code", nil, bodies[n])
end
LUA

# Check once that each endpoint answers 200 before loading it.
curl -fsS -o /dev/null -X POST --data '{"id":"x","date":"2024-03-14","text":"Iran attacked Iraq."}' "$url/v1/code"
curl -fsS -o /dev/null "$url/v1/series"

events=$(curl -fsS "$url/healthz" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
mkdir -p bench/results
out=bench/results/serve_load.txt
{
  echo "# tigris serve load run, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, server threads $server_threads,"
  echo "# wrk -t$wrk_threads -c$connections -d$duration, database $db ($events events)"
} >"$out"
run() {
  local name=$1
  shift
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$@" >"$work/wrk.txt"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" | tr -s ' ' | paste -sd ';' - || true)
  printf '%-16s %10s requests/s   p99 %8s   %s\n' "$name" "$rps" "$p99" "${errors:-no errors}" | tee -a "$out"
}
run "POST /v1/code" -s "$work/code.lua" "$url"
run "GET /v1/series" "$url/v1/series"
echo "written to $out" >&2
