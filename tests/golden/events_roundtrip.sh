#!/usr/bin/env bash
# Events written by `tigris code`, stored with `tigris ingest --events`, come
# back from `tigris query` as the same JSON as when the stories themselves are
# ingested, and as `tigris code` wrote them (spans, actor names and entries,
# admin1, rules and reported_by included).
# usage: events_roundtrip.sh TIGRIS STORIES.jsonl
set -euo pipefail
tigris=$1
stories=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tigris" code -q -j 1 -o "$work/events.jsonl" "$stories"
"$tigris" ingest --db "$work/direct.sqlite" "$stories" 2>/dev/null
"$tigris" ingest --events --db "$work/events.sqlite" "$work/events.jsonl" 2>/dev/null
"$tigris" query --db "$work/direct.sqlite" -f jsonl >"$work/direct.out"
"$tigris" query --db "$work/events.sqlite" -f jsonl >"$work/events.out"

count=$(wc -l <"$work/events.jsonl")
if [[ $count -lt 5 ]]; then
  echo "FAIL: only $count events coded from $stories" >&2
  exit 1
fi
# The coded events carry the fields the reader used to drop.
for field in '"name":"' '"entry":"' '"sentence_begin":' '"rules":["'; do
  if ! grep -qF "$field" "$work/events.jsonl"; then
    echo "FAIL: no event has $field; the check would prove nothing" >&2
    exit 1
  fi
done
if ! cmp -s "$work/direct.out" "$work/events.out"; then
  diff "$work/direct.out" "$work/events.out" | head -20 >&2 || true
  echo "FAIL: ingest --events stored different events than ingest" >&2
  exit 1
fi
# Both equal what `tigris code` wrote: the store keeps every field (the query
# orders by date, story and sentence, hence the sort).
if ! cmp -s <(sort "$work/events.jsonl") <(sort "$work/events.out"); then
  diff <(sort "$work/events.jsonl") <(sort "$work/events.out") | head -20 >&2 || true
  echo "FAIL: stored events differ from the coded ones" >&2
  exit 1
fi
echo "PASS: $count events"
