#!/usr/bin/env bash
# usage: threads_identical.sh TIGRIS SAMPLE.jsonl [CORPUS.jsonl]
# Codes the same input with --threads 1 and --threads 2 and requires
# byte-identical output. Uses the corpus when present, else 600 copies of the
# sample story under distinct ids (more than one batch).
set -uo pipefail
tigris=$1 sample=$2 corpus=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$corpus" ] && [ -f "$corpus" ]; then
  input=$corpus
else
  input=$work/input.jsonl
  for i in $(seq 1 600); do sed "s/\"id\": *\"[^\"]*\"/\"id\": \"copy-$i\"/" "$sample"; done > "$input"
fi
"$tigris" code --quiet --threads 1 "$input" > "$work/one.jsonl" || exit 1
"$tigris" code --quiet --threads 2 "$input" > "$work/two.jsonl" || exit 1
events=$(wc -l < "$work/one.jsonl")
if [ "$events" -eq 0 ]; then echo "no events coded: the comparison would be empty"; exit 1; fi
if cmp -s "$work/one.jsonl" "$work/two.jsonl"; then
  echo "identical output with 1 and 2 threads ($events events from $input)"
else
  echo "outputs differ between --threads 1 and --threads 2"
  diff <(head -c 2000 "$work/one.jsonl") <(head -c 2000 "$work/two.jsonl") | head -20
  exit 1
fi
