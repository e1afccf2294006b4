#!/usr/bin/env bash
# usage: bench/run.sh [BUILD_DIR]
# Builds the benchmarks (Release) and runs the end-to-end throughput on the
# shared corpora with the default dictionaries and with the Phoenix set,
# writing bench/results/*.json, then the gazetteer (index build once, load time
# and memory), the per-stage Google Benchmark suite and the event store
# benchmarks (the first run builds a 1M-event SQLite file in the build tree;
# set TIGRIS_BENCH_CLICKHOUSE=clickhouse://HOST:PORT to measure ClickHouse too).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shared=../shared/data
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target throughput bench_stages gazetteer_bench bench_store >/dev/null
mkdir -p bench/results
corpora=("$shared/corpus/reuters21578.jsonl" "$shared/corpus/wikinews.jsonl")
"$build/bench/throughput" --label default --json bench/results/throughput-default.json "${corpora[@]}"
if [ -d "$shared/petrarch2/dictionaries" ]; then
  d=$shared/petrarch2/dictionaries
  phoenix=()
  for f in CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt \
           Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt; do
    phoenix+=(--dict-file "$d/$f")
  done
  "$build/bench/throughput" --label phoenix --no-default-dict "${phoenix[@]}" \
    --json bench/results/throughput-phoenix.json "${corpora[@]}"
fi
if [ -f "$build/gazetteer/gazetteer.tsv" ]; then
  "$build/bench/gazetteer_bench" --build-script tools/gazetteer/build.sh --package-dir "$build/gazetteer" \
    --json bench/results/gazetteer.json "$build/gazetteer/gazetteer.tsv" data/geo/aliases.tsv
fi
"$build/bench/bench_stages" --benchmark_out=bench/results/stages.json --benchmark_out_format=json
"$build/bench/bench_store" --benchmark_out=bench/results/store.json --benchmark_out_format=json
