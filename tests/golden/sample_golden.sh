#!/usr/bin/env bash
# usage: sample_golden.sh TIGRIS SAMPLE.jsonl EXPECTED.tsv
# Codes the bundled sample story and compares (sentence, source, target, CAMEO
# code, date) with the reviewed golden file; prints a diff when they differ.
set -uo pipefail
tigris=$1 sample=$2 expected=$3
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$tigris" code --quiet --format tsv "$sample" | tail -n +2 | \
  awk -F'\t' '{print $2 "\t" $5 "\t" $7 "\t" $9 "\t" $3}' > "$actual" || exit 1
if diff -u <(grep -v '^#' "$expected") "$actual"; then
  echo "sample story matches $expected"
else
  echo "sample story differs from the reviewed golden file (- expected, + produced)"
  exit 1
fi
