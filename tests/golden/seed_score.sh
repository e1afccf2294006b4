#!/usr/bin/env bash
# usage: seed_score.sh TIGRIS SHARED_DIR MIN_RECALL MIN_PRECISION [phoenix]
# Codes ../shared/seed/story.jsonl and scores it with ../shared/eval/score_events.py.
# With "phoenix", the Phoenix dictionaries are first installed from
# ../shared/data/petrarch2/dictionaries with `tigris dict fetch phoenix --from`
# (SHA-256 checked) and loaded on top of the defaults (issue 6's check).
set -uo pipefail
tigris=$1 shared=$2 min_recall=$3 min_precision=$4 set=${5:-}
if [ ! -f "$shared/seed/story.jsonl" ] || [ ! -f "$shared/eval/score_events.py" ]; then
  echo "SKIP: $shared/seed not found (the seed story lives outside the repository)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dict=()
if [ "$set" = phoenix ]; then
  if [ ! -d "$shared/data/petrarch2/dictionaries" ]; then
    echo "SKIP: $shared/data/petrarch2/dictionaries not found"
    exit 77
  fi
  "$tigris" dict fetch phoenix --from "$shared/data/petrarch2/dictionaries" --to "$work/phoenix" \
    || { echo "tigris dict fetch failed"; exit 1; }
  dict=(--dict "$work/phoenix")
fi
"$tigris" code --quiet "${dict[@]}" "$shared/seed/story.jsonl" > "$work/events.jsonl" \
  || { echo "tigris code failed"; exit 1; }
python3 "$shared/eval/score_events.py" "$shared/seed/gold.json" "$work/events.jsonl" \
  --min-recall "$min_recall" --min-precision "$min_precision"
