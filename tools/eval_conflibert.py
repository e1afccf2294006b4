#!/usr/bin/env python3
"""Score Tigris against the ConfliBERT CAMEO sentence classes (5 classes).

Data: ../shared/data/conflibert-cameo/cameo_class/train.tsv (repo-relative),
1,349 real news sentences, each line "SENTENCE<TAB>LABEL" with LABEL 0..4:

    0 = CAMEO roots 01-02        (public statement, appeal)
    1 = roots 03-05              (verbal cooperation)
    2 = roots 06-08              (material cooperation)
    3 = roots 09-13 and 16       (verbal conflict, reduce relations)
    4 = roots 14, 15, 17-20      (material conflict)

Every sentence becomes one JSONL story {"id": "cb-<row>", "date": "2020-01-01",
"text": SENTENCE}; `tigris code --quiet` runs once on the whole file. A story's
prediction is its FIRST event (lowest sentence_index, then output order), its
root mapped to the class above. Sentences without an event count against
coverage only. Reported: sentences, coverage (sentences with >= 1 event), class
agreement among covered sentences, a 5x5 confusion matrix (rows gold, columns
coded) with a "none" column for uncovered sentences, and per-class precision
and recall among covered sentences ("recall (all)" also counts the sentences
without an event as misses).

Exit status: 0 ok, 1 a --min-* threshold not met, 2 tigris failed or bad
input, 77 data file absent (SKIP).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = (REPO / ".." / "shared" / "data" / "conflibert-cameo" / "cameo_class" / "train.tsv").resolve()
CLASS_NAMES = ["01-02 statement/appeal", "03-05 verbal coop", "06-08 material coop",
               "09-13,16 verbal conflict", "14,15,17-20 material conflict"]
ROOT_CLASS = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3,
              13: 3, 16: 3, 14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}


def die(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def find_tigris(given):
    candidates = [Path(given)] if given else [REPO / "build" / "tigris", REPO / "build-dev" / "tigris"]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    die(f"tigris not found at {' or '.join(map(str, candidates))} (use --tigris PATH)")


def read_sentences(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label.strip().isdigit():
                rows.append((text, int(label)))
    return rows


def first_events(tigris, stories):
    """Run tigris once over stories [(id, text)]; return {story_id: first event}."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for sid, text in stories:
            tmp.write(json.dumps({"id": sid, "date": "2020-01-01", "text": text}) + "\n")
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
    first = {}
    for line in run.stdout.splitlines():
        if line.strip():
            try:
                event = json.loads(line)
            except ValueError:
                die(f"tigris wrote a line that is not JSON: {line[:80]!r}")
            sid = event["story_id"]
            if sid not in first or event["sentence_index"] < first[sid]["sentence_index"]:
                first[sid] = event
    return first


def pct(num, den):
    return round(100.0 * num / den, 1) if den else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Class mapping, method and exit codes: see the module docstring "
                                        "and docs/accuracy.md.")
    ap.add_argument("--data", metavar="PATH", default=str(DEFAULT_DATA), help="sentence<TAB>label file (default: %(default)s)")
    ap.add_argument("--tigris", metavar="PATH", help="tigris binary (default: build/tigris, else build-dev/tigris)")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT")
    ap.add_argument("--min-coverage", type=float, metavar="PCT", help="exit 1 if coverage %% is below PCT")
    ap.add_argument("--min-agreement", type=float, metavar="PCT", help="exit 1 if agreement %% is below PCT")
    ap.add_argument("--examples", type=int, default=0, metavar="N",
                    help="print N disagreements and N sentences without an event")
    args = ap.parse_args()

    if not Path(args.data).is_file():
        print(f"SKIP: ConfliBERT data file {args.data} not found")
        return 77
    tigris = find_tigris(args.tigris)
    rows = read_sentences(args.data)
    if not rows:
        die(f"no 'sentence<TAB>label' rows in {args.data}")
    first = first_events(tigris, [(f"cb-{i}", text) for i, (text, _) in enumerate(rows)])

    confusion = [[0] * 5 for _ in range(5)]
    no_event = [0] * 5
    disagreements, misses = [], []
    for i, (text, gold) in enumerate(rows):
        event = first.get(f"cb-{i}")
        if event is None:
            no_event[gold] += 1
            misses.append((gold, text))
            continue
        coded = ROOT_CLASS.get(int(event["root"]))
        if coded is None:
            die(f"unexpected CAMEO root {event['root']!r} in tigris output")
        confusion[gold][coded] += 1
        if coded != gold:
            disagreements.append((gold, coded, event, text))

    covered = sum(map(sum, confusion))
    agree = sum(confusion[c][c] for c in range(5))
    per_class = []
    for c in range(5):
        predicted = sum(confusion[g][c] for g in range(5))
        per_class.append({"class": c, "name": CLASS_NAMES[c], "gold": sum(confusion[c]) + no_event[c],
                          "covered": sum(confusion[c]), "predicted": predicted,
                          "precision": pct(confusion[c][c], predicted),
                          "recall": pct(confusion[c][c], sum(confusion[c])),
                          "recall_all": pct(confusion[c][c], sum(confusion[c]) + no_event[c])})
    result = {"data": str(args.data), "tigris": str(tigris), "sentences": len(rows),
              "with_event": covered, "coverage_pct": pct(covered, len(rows)),
              "agree": agree, "agreement_pct": pct(agree, covered),
              "confusion": confusion, "no_event": no_event, "per_class": per_class}

    print(f"data      {args.data}\ntigris    {tigris}")
    print(f"sentences {len(rows)}")
    print(f"coverage  {covered} with >= 1 event ({result['coverage_pct']}%)")
    print(f"agreement {agree} of {covered} first events in the gold class ({result['agreement_pct']}%)")
    print("\nconfusion (rows gold, columns class of the first coded event)")
    print("gold\\coded" + "".join(f"{c:>7}" for c in range(5)) + "   none")
    for g in range(5):
        print(f"{g:>10}" + "".join(f"{n:>7}" for n in confusion[g]) + f"{no_event[g]:>7}")
    print("\nclass                              gold  cover%  prec%  recall%  recall%(all)")
    for p in per_class:
        print(f"{p['class']} {p['name']:<30} {p['gold']:>5} {pct(p['covered'], p['gold']):>7}"
              f" {p['precision']:>6} {p['recall']:>8} {p['recall_all']:>13}")
    if args.examples:
        print(f"\n-- {min(args.examples, len(disagreements))} disagreements (gold -> coded: cameo verb | sentence)")
        for gold, coded, e, text in disagreements[:args.examples]:
            ev = e.get("evidence") or {}
            print(f"{gold} -> {coded}: {e['cameo']} {ev.get('verb')!r} "
                  f"{(e.get('source') or {}).get('code')}->{(e.get('target') or {}).get('code')} | {text}")
        print(f"\n-- {min(args.examples, len(misses))} sentences without an event (gold | sentence)")
        for gold, text in misses[:args.examples]:
            print(f"{gold} | {text}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    failed = []
    if args.min_coverage is not None and result["coverage_pct"] < args.min_coverage:
        failed.append(f"coverage {result['coverage_pct']}% < {args.min_coverage}%")
    if args.min_agreement is not None and result["agreement_pct"] < args.min_agreement:
        failed.append(f"agreement {result['agreement_pct']}% < {args.min_agreement}%")
    for msg in failed:
        print(f"FAIL: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
