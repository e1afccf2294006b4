#!/usr/bin/env bash
# Ingest integrity: `tigris ingest` killed with SIGKILL mid-way leaves a
# database that opens, passes PRAGMA integrity_check and holds nothing of the
# killed run (one transaction per run; all of it if the kill came after the
# commit); a rerun then stores exactly what an
# uninterrupted run stores; ingesting the same file again changes nothing.
#
# usage: ingest_kill.sh TIGRIS SAMPLE.jsonl [COPIES]
# The input is COPIES (default 6000) copies of the sample stories under new
# ids, so the test needs nothing from ../shared. Checks use Python's sqlite3.
set -euo pipefail
tigris=$1
sample=$2
copies=${3:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$sample" "$work/stories.jsonl" "$copies" <<'PY'
import json, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
stories = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
with open(dst, "w", encoding="utf-8") as out:
    for i in range(copies):
        for story in stories:
            copy = dict(story, id=f"{story['id']}-{i}")
            out.write(json.dumps(copy) + "\n")
PY

# Prints "stories events digest" (the digest covers every event's content,
# not its row id, which a re-ingest renumbers) or fails on a bad database.
summary() {
  python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
check = db.execute("PRAGMA integrity_check").fetchall()
if check != [("ok",)]:
    sys.exit(f"integrity_check failed: {check[:5]}")
stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
digest = hashlib.sha256()
for row in db.execute(
        "SELECT story_id, sentence_index, event_date, source_code, target_code, cameo, quad_class,"
        " location_name, dictionary_hash FROM events"
        " ORDER BY story_id, sentence_index, cameo, source_code, target_code, event_date"):
    digest.update(repr(row).encode())
print(stories, events, digest.hexdigest()[:16])
PY
}

fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The uninterrupted run.
"$tigris" ingest --db "$work/clean.sqlite" "$work/stories.jsonl" 2>"$work/clean.log" ||
  fail "uninterrupted ingest failed: $(cat "$work/clean.log")"
clean=$(summary "$work/clean.sqlite")
read -r stories events _ <<<"$clean"
[[ $stories -eq $copies ]] || fail "uninterrupted run stored $stories stories, not $copies"
[[ $events -gt 0 ]] || fail "uninterrupted run stored no events"
echo "uninterrupted: $clean"

# 2. A run killed once its write-ahead log has grown past 256 KiB: SQLite
# writes to the log before the commit only when the transaction outgrows its
# page cache (2 MB), so the input must be larger than that.
"$tigris" ingest --db "$work/killed.sqlite" "$work/stories.jsonl" 2>"$work/killed.log" &
pid=$!
for _ in $(seq 1 600); do
  size=$(stat -c %s "$work/killed.sqlite-wal" 2>/dev/null || echo 0)
  ((size > 262144)) && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$pid" 2>/dev/null || fail "ingest ended before it could be killed; raise COPIES"
kill -KILL "$pid"
wait "$pid" 2>/dev/null && fail "the killed ingest exited normally"
echo "killed with the WAL at $size bytes"
after_kill=$(summary "$work/killed.sqlite") || fail "the database does not open cleanly after SIGKILL"
read -r stories events _ <<<"$after_kill"
[[ ($stories -eq 0 && $events -eq 0) || $after_kill == "$clean" ]] ||
  fail "the killed run left $stories stories and $events events (a run is one transaction)"
echo "after the kill: $after_kill"

# 3. The rerun completes with what the uninterrupted run stored.
"$tigris" ingest --db "$work/killed.sqlite" "$work/stories.jsonl" 2>"$work/rerun.log" ||
  fail "rerun failed: $(cat "$work/rerun.log")"
rerun=$(summary "$work/killed.sqlite")
[[ $rerun == "$clean" ]] || fail "rerun gives '$rerun', the uninterrupted run '$clean'"
echo "rerun: $rerun"

# 4. Ingesting the same file again changes nothing.
"$tigris" ingest --db "$work/killed.sqlite" "$work/stories.jsonl" 2>"$work/again.log" ||
  fail "second ingest failed: $(cat "$work/again.log")"
again=$(summary "$work/killed.sqlite")
[[ $again == "$clean" ]] || fail "a second ingest of the same file gives '$again', not '$clean'"
echo "same file again: $again"
echo PASS
