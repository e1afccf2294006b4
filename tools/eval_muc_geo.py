#!/usr/bin/env python3
"""Score Tigris's event locations on MUC-3/4 stories against our hand-read sample.

Gold: tools/muc34_geo.tsv (52 stories read by hand; how it was made is in its
header). Stories: ../shared/data/corpus/muc34.jsonl, with their datelines from
muc34.meta.jsonl put back in front of the text as the wire wrote them
("SAN SALVADOR, 3 JAN 90 (EFE) -- ..."), since the corpus conversion moved them
out and a dateline is part of a real story. `tigris code --quiet` runs once on
the sampled stories.

Among the events of the sampled stories (all of them, not only the incident's):
  located:        events with a location;
  country right:  located events whose location country is the story's incident
                  country or the country of a place in its `also` column;
  place right:    located events whose location name, as written, is one of the
                  story's places (incident or `also`), compared after folding
                  case, accents and punctuation and dropping a trailing
                  "department(s)"/"province" and a leading "the";
and per story, whether some event is located in the incident country.

Exit status: 0 ok, 1 a --min-* threshold not met (both are percentages of
located events), 2 tigris failed or bad input, 77 corpus absent (SKIP).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO / ".." / "shared" / "data" / "corpus").resolve()
DEFAULT_GOLD = REPO / "tools" / "muc34_geo.tsv"


def die(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def find_tigris(given):
    candidates = [Path(given)] if given else [REPO / "build" / "tigris", REPO / "build-dev" / "tigris"]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    die(f"tigris not found at {' or '.join(map(str, candidates))} (use --tigris PATH)")


def fold(name):
    """Case, accents and punctuation folded; 'X department' and 'the X' -> 'x'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^(the|department of|province of) ", "", text)
    text = re.sub(r" (department|departments|province|dept)$", "", text)
    return text


def read_gold(path):
    """{story id: (country, {folded place}, {country of also places})}."""
    gold = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("id\t"):
                continue
            fields = line.split("\t")
            if len(fields) < 4 or not fields[0] or len(fields[1]) != 3:
                die(f"{path}:{number}: expected id, country, places, also, note: {line!r}")
            places = {fold(p) for p in fields[2].split("|") if p}
            countries = {fields[1]}
            for item in filter(None, fields[3].split("|")):
                if "/" not in item:
                    die(f"{path}:{number}: 'also' entry {item!r} is not Place/ISO")
                place, country = item.rsplit("/", 1)
                places.add(fold(place))
                countries.add(country)
            gold[fields[0]] = (fields[1], places, countries)
    return gold


def read_stories(corpus, ids):
    """[(id, date, text with its dateline)] for the stories in ids, in corpus order."""
    datelines = {}
    with open(corpus / "muc34.meta.jsonl", encoding="utf-8") as f:
        for line in f:
            meta = json.loads(line)
            if meta["id"] in ids:
                parts = [meta.get("dateline_place") or "", meta.get("dateline_date") or ""]
                head = ", ".join(p for p in parts if p)
                if meta.get("outlet"):
                    head += f" ({meta['outlet']})"
                datelines[meta["id"]] = head
    stories = []
    with open(corpus / "muc34.jsonl", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            if story["id"] not in ids:
                continue
            head = datelines.get(story["id"], "")
            text = f"{head} -- {story['text']}" if head else story["text"]
            stories.append((story["id"], story.get("date"), text))
    return stories


def coded_events(tigris, stories):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for sid, date, text in stories:
            tmp.write(json.dumps({"id": sid, "date": date, "text": text}) + "\n")
    try:
        run = subprocess.run([str(tigris), "code", "--quiet", "--threads", "1", tmp.name],
                             capture_output=True, text=True, encoding="utf-8")
    finally:
        os.unlink(tmp.name)
    if run.returncode not in (0, 2):
        die(f"tigris code failed ({run.returncode}): {run.stderr.strip()}")
    events = []
    for line in run.stdout.splitlines():
        if line.strip():
            events.append(json.loads(line))
    return events


def percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tigris", help="tigris binary (default: build/tigris)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder with muc34.jsonl")
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="hand-read sample (TSV)")
    parser.add_argument("--min-country", type=float, default=0.0,
                        help="fail below this %% of located events in the right country")
    parser.add_argument("--min-place", type=float, default=0.0,
                        help="fail below this %% of located events at a right place")
    parser.add_argument("--list", action="store_true", help="list every located event")
    args = parser.parse_args()

    corpus = Path(args.corpus)
    if not (corpus / "muc34.jsonl").is_file() or not (corpus / "muc34.meta.jsonl").is_file():
        print(f"SKIP: {corpus}/muc34.jsonl or muc34.meta.jsonl not found (../shared absent?)")
        sys.exit(77)
    gold = read_gold(args.gold)
    stories = read_stories(corpus, set(gold))
    missing = set(gold) - {s[0] for s in stories}
    if missing:
        die(f"stories of {args.gold} not in the corpus: {', '.join(sorted(missing))}")
    events = coded_events(find_tigris(args.tigris), stories)

    located = country_right = place_right = 0
    by_source = Counter()
    wrong = Counter()
    stories_found = set()
    for event in events:
        story = event["story_id"]
        if story not in gold:
            continue
        location = event.get("location")
        if not location:
            continue
        country, places, countries = gold[story]
        located += 1
        rules = event.get("evidence", {}).get("rules", [])
        source = "dateline" if "location from the dateline" in rules else "text"
        by_source[source] += 1
        country_ok = location.get("country") in countries
        place_ok = fold(location.get("name") or "") in places
        country_right += country_ok
        place_right += place_ok
        if location.get("country") == country:
            stories_found.add(story)
        if not country_ok:
            wrong[(location.get("name"), location.get("country"), country)] += 1
        if args.list:
            mark = ("C" if country_ok else "-") + ("P" if place_ok else "-")
            print(f"{mark} {story} {location.get('name')!r} {location.get('country')} ({source})"
                  f" | {event['sentence'][:90]}")

    total = sum(1 for e in events if e["story_id"] in gold)
    country_share = percent(country_right, located)
    place_share = percent(place_right, located)
    print(f"MUC-4 geolocation sample: {len(gold)} stories, {total} events, "
          f"{located} located ({percent(located, total):.1f}%; {by_source['text']} from the text, "
          f"{by_source['dateline']} from the dateline)")
    print(f"  country right: {country_right}/{located} ({country_share:.1f}%)")
    print(f"  place right:   {place_right}/{located} ({place_share:.1f}%)")
    print(f"  stories with an event located in the incident country: "
          f"{len(stories_found)}/{len(gold)}")
    if wrong:
        print("  wrong countries (name, got, story's country): " +
              "; ".join(f"{n!r} {g} vs {c} x{k}" for (n, g, c), k in wrong.most_common(10)))
    failed = False
    if country_share < args.min_country:
        print(f"FAIL: country right {country_share:.1f}% < {args.min_country}%")
        failed = True
    if place_share < args.min_place:
        print(f"FAIL: place right {place_share:.1f}% < {args.min_place}%")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
