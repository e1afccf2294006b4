#!/usr/bin/env bash
# usage: seed_score.sh TIGRIS SHARED_DIR MIN_RECALL MIN_PRECISION
# Codes ../shared/seed/story.jsonl and scores it with ../shared/eval/score_events.py.
set -uo pipefail
tigris=$1 shared=$2 min_recall=$3 min_precision=$4
if [ ! -f "$shared/seed/story.jsonl" ] || [ ! -f "$shared/eval/score_events.py" ]; then
  echo "SKIP: $shared/seed not found (the seed story lives outside the repository)"
  exit 77
fi
events=$(mktemp)
trap 'rm -f "$events"' EXIT
"$tigris" code --quiet "$shared/seed/story.jsonl" > "$events" || { echo "tigris code failed"; exit 1; }
python3 "$shared/eval/score_events.py" "$shared/seed/gold.json" "$events" \
  --min-recall "$min_recall" --min-precision "$min_precision"
