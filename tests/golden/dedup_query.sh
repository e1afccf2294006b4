#!/usr/bin/env bash
# `tigris query --one-a-day` and `--clusters` on a handful of stored events,
# against expectations worked out by hand (docs/alerts.md, "Deduplication").
# usage: dedup_query.sh TIGRIS
set -euo pipefail
tigris=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ev STORY DATE SOURCE TARGET CAMEO PLACE
ev() {
  local place=null
  [[ -n $6 ]] && place="{\"name\":\"$6\",\"country\":\"IRQ\"}"
  printf '{"story_id":"%s","sentence_index":0,"sentence":"x","date":"%s","date_source":"text","source":{"code":"%s","country":"%.3s"},"target":{"code":"%s","country":"%.3s"},"cameo":"%s","root":"%.2s","quad_class":4,"goldstein":-10,"location":%s}\n' \
    "$1" "$2" "$3" "$3" "$4" "$4" "$5" "$5" "$place"
}
{
  ev s1 2020-09-29 USAMIL IRQ 190 Basra   # id 1: opens a cluster at Basra
  ev s2 2020-09-29 USAMIL IRQ 190 ""      # id 2: same day, no place: joins 1
  ev s2 2020-09-30 USAMIL IRQ 193 Basra   # id 3: next day, root 19, Basra: joins 1
  ev s3 2020-10-01 USAMIL IRQ 190 Basra   # id 4: two days after 1: a new cluster
  ev s3 2020-09-29 USAMIL IRQ 190 Mosul   # id 5: another place: a new cluster
} >"$work/events.jsonl"
"$tigris" ingest --events --db "$work/db.sqlite" "$work/events.jsonl" 2>/dev/null

expected_days='SQLDATE,EventDate,Actor1Code,Actor2Code,EventCode,NumEvents,NumArticles,StoryIDs,GLOBALEVENTIDs
20200929,2020-09-29,USAMIL,IRQ,190,3,3,s1 s2 s3,1 2 5
20200930,2020-09-30,USAMIL,IRQ,193,1,1,s2,3
20201001,2020-10-01,USAMIL,IRQ,190,1,1,s3,4'
days=$("$tigris" query --db "$work/db.sqlite" --one-a-day)
if [[ $days != "$expected_days" ]]; then
  diff <(echo "$expected_days") <(echo "$days") >&2 || true
  echo "FAIL: one-a-day view" >&2
  exit 1
fi

# Columns: GLOBALEVENTID, EventCluster, NumMentions, NumArticles (the last three).
# The filter keeps one event; its cluster is still counted over the whole database.
expected_clusters='1 1 3 2
2 1 3 2
5 5 1 1
3 1 3 2
4 4 1 1'
clusters=$("$tigris" query --db "$work/db.sqlite" --clusters --format tsv |
  awk -F'\t' 'NR > 1 { print $1, $(NF-2), $(NF-1), $NF }')
filtered=$("$tigris" query --db "$work/db.sqlite" --clusters --from 2020-09-30 --to 2020-09-30 -f jsonl)
if [[ $clusters != "$expected_clusters" ]]; then
  diff <(echo "$expected_clusters") <(echo "$clusters") >&2 || true
  echo "FAIL: cluster columns" >&2
  exit 1
fi
if [[ $filtered != *'"event_cluster":1,"num_mentions":3,"num_articles":2}' ]]; then
  echo "FAIL: filtered JSONL cluster fields: $filtered" >&2
  exit 1
fi
echo PASS
