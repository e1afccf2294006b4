#!/usr/bin/env python3
"""Score Tigris's PLOVER event types against the PLOVER gold-standard records.

Data: ../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt
(repo-relative), a JSON array: one DOCUMENT header, then 322 records built
from the CAMEO manual's example sentences, each with "text", "source" and
"target" actors and ONE PLOVER "event" type (a list of types is accepted too).

The gold file uses PLOVER 0.5b1 names; Tigris writes current PLOVER names
(CAMEO-to-PLOVER table of the PLOVER manual). Gold types are renamed before
comparing: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT (--no-rename compares the raw names). Comparison is
case-insensitive.

Every record becomes one JSONL story {"id": "gsr-<n>", "date": "2000-01-01",
"text": TEXT}; `tigris code --quiet` runs once on the whole file. Two figures,
both among records with >= 1 coded event:
  first-event agreement: the plover.event_type of the FIRST event (lowest
      sentence_index, then output order) is a gold type; an event with a null
      type (CAMEO 01, which PLOVER drops) counts as a disagreement;
  any-event agreement: some coded event's type is a gold type.
Also reported: records, coverage, per-gold-type figures and the most frequent
(gold -> first coded) confusions.

Exit status: 0 ok, 1 a --min-* threshold not met (both apply to first-event
agreement), 2 tigris failed or bad input, 77 data file absent (SKIP).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = (REPO / ".." / "shared" / "data" / "plover" / "gold_standard_records"
                / "PLOVER_GSR_CAMEO.txt").resolve()
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def die(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def find_tigris(given):
    candidates = [Path(given)] if given else [REPO / "build" / "tigris", REPO / "build-dev" / "tigris"]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    die(f"tigris not found at {' or '.join(map(str, candidates))} (use --tigris PATH)")


def read_records(path, rename):
    """[(id, text, set of gold types)] for every record with text and an event."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    records = []
    for rec in data if isinstance(data, list) else [data]:
        events = rec.get("event")
        events = [events] if isinstance(events, str) else (events or [])
        types = {e.upper() for e in events if e and e.upper() != "DOCUMENT"}
        if rename:
            types = {OLD_NAMES.get(t, t) for t in types}
        if rec.get("text") and types:
            records.append((rec.get("id", ""), rec["text"], types))
    return records


def coded_events(tigris, stories):
    """Run tigris once over stories [(id, text)]; return {story_id: [events, first first]}."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for sid, text in stories:
            tmp.write(json.dumps({"id": sid, "date": "2000-01-01", "text": text}) + "\n")
    try:
        run = subprocess.run([str(tigris), "code", "--quiet", tmp.name],
                             capture_output=True, text=True, encoding="utf-8")
    finally:
        os.unlink(tmp.name)
    if run.returncode not in (0, 2):
        sys.stderr.write(run.stderr)
        die(f"tigris exited with status {run.returncode}")
    if run.stderr.strip():
        sys.stderr.write(run.stderr)  # skipped stories are listed even with --quiet
    events = {}
    for line in run.stdout.splitlines():
        if line.strip():
            try:
                event = json.loads(line)
            except ValueError:
                die(f"tigris wrote a line that is not JSON: {line[:80]!r}")
            events.setdefault(event["story_id"], []).append(event)
    for evs in events.values():
        evs.sort(key=lambda e: e["sentence_index"])  # stable: output order within a sentence
    return events


def plover_type(event):
    return ((event.get("plover") or {}).get("event_type") or "none").upper()


def pct(num, den):
    return round(100.0 * num / den, 1) if den else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Name mapping, method and exit codes: see the module docstring "
                                        "and docs/accuracy.md.")
    ap.add_argument("--data", metavar="PATH", default=str(DEFAULT_DATA),
                    help="PLOVER gold-standard JSON file (default: %(default)s)")
    ap.add_argument("--tigris", metavar="PATH", help="tigris binary (default: build/tigris, else build-dev/tigris)")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT")
    ap.add_argument("--min-coverage", type=float, metavar="PCT", help="exit 1 if coverage %% is below PCT")
    ap.add_argument("--min-agreement", type=float, metavar="PCT",
                    help="exit 1 if first-event agreement %% is below PCT")
    ap.add_argument("--no-rename", action="store_true", help="compare the gold's PLOVER 0.5b1 names as they are")
    ap.add_argument("--top", type=int, default=15, metavar="N", help="confusions to list (default %(default)s)")
    ap.add_argument("--examples", type=int, default=0, metavar="N",
                    help="print N disagreements and N records without an event")
    args = ap.parse_args()

    if not Path(args.data).is_file():
        print(f"SKIP: PLOVER gold-standard file {args.data} not found")
        return 77
    tigris = find_tigris(args.tigris)
    try:
        records = read_records(args.data, rename=not args.no_rename)
    except (OSError, ValueError) as err:
        die(f"cannot read {args.data}: {err}")
    if not records:
        die(f"no records with text and an event in {args.data}")
    coded = coded_events(tigris, [(f"gsr-{i}", text) for i, (_, text, _) in enumerate(records)])

    covered = first_agree = any_agree = 0
    confusions = Counter()
    by_type = {}  # gold type -> [records, covered, first agree, any agree]
    disagreements, misses = [], []
    for i, (rid, text, gold) in enumerate(records):
        events = coded.get(f"gsr-{i}", [])
        key = "/".join(sorted(gold))
        stats = by_type.setdefault(key, [0, 0, 0, 0])
        stats[0] += 1
        if not events:
            misses.append((rid, key, text))
            continue
        covered += 1
        stats[1] += 1
        first = plover_type(events[0])
        if first in gold:
            first_agree += 1
            stats[2] += 1
        else:
            confusions[(key, first)] += 1
            disagreements.append((rid, key, events[0], text))
        if gold & {plover_type(e) for e in events}:
            any_agree += 1
            stats[3] += 1

    result = {"data": str(args.data), "tigris": str(tigris), "renamed_gold": not args.no_rename,
              "records": len(records), "with_event": covered, "coverage_pct": pct(covered, len(records)),
              "first_agree": first_agree, "first_agreement_pct": pct(first_agree, covered),
              "any_agree": any_agree, "any_agreement_pct": pct(any_agree, covered),
              "by_gold_type": {k: dict(zip(["records", "with_event", "first_agree", "any_agree"], v))
                               for k, v in sorted(by_type.items())},
              "confusions": [{"gold": g, "coded": c, "count": n} for (g, c), n in confusions.most_common()]}

    print(f"data      {args.data}\ntigris    {tigris}")
    print(f"records   {len(records)} (gold names {'as written' if args.no_rename else 'renamed to current PLOVER'})")
    print(f"coverage  {covered} with >= 1 event ({result['coverage_pct']}%)")
    print(f"agreement first event: {first_agree} of {covered} ({result['first_agreement_pct']}%); "
          f"any event: {any_agree} of {covered} ({result['any_agreement_pct']}%)")
    print("\ngold type      records  cover%  first%    any%")
    for key, (n, cov, fa, aa) in sorted(by_type.items(), key=lambda kv: -kv[1][0]):
        print(f"{key:<14} {n:>7} {pct(cov, n):>7} {pct(fa, cov):>7} {pct(aa, cov):>7}")
    print(f"\nmost frequent confusions (gold -> first coded event; 'none' = CAMEO 01, no PLOVER type)")
    for (g, c), n in confusions.most_common(args.top):
        print(f"{n:>4}  {g} -> {c}")
    if args.examples:
        print(f"\n-- {min(args.examples, len(disagreements))} disagreements (id gold -> coded: cameo verb | text)")
        for rid, key, e, text in disagreements[:args.examples]:
            ev = e.get("evidence") or {}
            print(f"{rid} {key} -> {plover_type(e)}: {e['cameo']} {ev.get('verb')!r} "
                  f"{(e.get('source') or {}).get('code')}->{(e.get('target') or {}).get('code')} | {text}")
        print(f"\n-- {min(args.examples, len(misses))} records without an event (id gold | text)")
        for rid, key, text in misses[:args.examples]:
            print(f"{rid} {key} | {text}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    failed = []
    if args.min_coverage is not None and result["coverage_pct"] < args.min_coverage:
        failed.append(f"coverage {result['coverage_pct']}% < {args.min_coverage}%")
    if args.min_agreement is not None and result["first_agreement_pct"] < args.min_agreement:
        failed.append(f"first-event agreement {result['first_agreement_pct']}% < {args.min_agreement}%")
    for msg in failed:
        print(f"FAIL: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
