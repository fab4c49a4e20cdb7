"""Extraction accuracy on a labelled corpus of real statements (an evaluation command, not a test).

    python bench/accuracy.py ../shared/corpus/real [--floors bench/accuracy_floors.json] [--misses]

Each folder under the corpus root that holds an ``answer_key.json`` (a list of
objects: ``file``, ``date``, ``title``/``titles_ok``, ``place``, ``agencies``,
``issuer``, ``type``, ``countries``, ``people``…) is ingested file by file with
``builder.ingest.ingest_bytes`` and scored field by field. The texts are read
where they lie and never copied. Prints one table of scores and, with
``--misses``, every miss; exits 1 when a score is below its floor in
``--floors`` (the floors recorded in the repository: raise them as the scores rise).

How each field is judged (the rules live in ``bench/judge.py``):

- ``date``: the statement's date as the key gives it (day, or month for a
  month-only key); ``reported``: the date line's date.
- ``place``: the dateline's place, found and right; no place is right only
  when the key has none.
- ``agencies``: the set of credited agencies, exactly (case and spelling folded).
- ``issuer``: filled and naming the key's speaker: the same person (surname),
  or the same body (kind of body and its country).
- ``type``: exactly.
- ``countries``, ``people``, ``organizations``: precision, recall and F1 over
  all files (micro-averaged); a person is the same person when the folded
  names are equal or share first and last name.
- ``title``: acceptable: close to the key's title or one of ``titles_ok``
  (token similarity >= 0.75), never ending in an ellipsis, never boilerplate.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.judge import (  # noqa: E402
    agencies_right, date_right, issuer_right, match_people, place_right, title_acceptable,
)
from builder.errors import BuilderError  # noqa: E402
from builder.ingest import ingest_bytes  # noqa: E402

FIELDS = ("date", "reported", "place", "agencies", "issuer", "type", "title")
SETS = ("countries", "people", "organizations")


@dataclass
class Score:
    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


def keyed_files(root: Path) -> list[tuple[Path, dict]]:
    """(file, its answer-key entry) for every keyed folder under ``root``."""
    found = []
    for key in sorted(root.rglob("answer_key.json")):
        for entry in json.loads(key.read_text(encoding="utf-8")):
            path = key.parent / Path(entry["file"]).name
            found.append((path, entry))
    return found


def judge_fields(front: dict, key: dict, text: str) -> dict[str, bool]:
    return {
        "date": date_right(front, key["date"]),
        "reported": key.get("reported") is None or date_right(page_dated(front), key["reported"]),
        "place": place_right(front.get("dateline", ""), key),
        "agencies": agencies_right(front.get("agencies", []), key.get("agencies") or []),
        "issuer": issuer_right(front.get("issuer", ""), key.get("issuer") or ""),
        "type": front.get("type") == key.get("type"),
        "title": title_acceptable(front.get("title", ""), key, text),
    }


def page_dated(front: dict) -> dict:
    """The front matter as dated by its page: ``source.published`` when ingest dated the statement earlier."""
    published = (front.get("source") or {}).get("published")
    return {**front, "date": published} if published else front


def shown(front: dict, name: str) -> object:
    if name == "reported":
        return page_dated(front).get("date")
    if name == "date":
        return front.get("date")
    if name == "place":
        return front.get("dateline")
    return front.get(name)


def expected(key: dict, name: str) -> object:
    if name == "place":
        return key.get("place")
    if name == "title":
        return [key.get("title"), *key.get("titles_ok", [])]
    return key.get(name)


def score_file(path: Path, key: dict, scores: dict[str, Score]) -> None:
    label = f"{path.parent.name}/{path.name}"
    data = path.read_bytes()
    try:
        front = ingest_bytes(data, path.name).front_matter
    except BuilderError as exc:
        for name in (*FIELDS, *SETS):
            scores[name].total += name in FIELDS
            scores[name].misses.append(f"{label}: rejected: {exc}")
        for name in SETS:
            scores[name].fn += len(key.get(name) or [])
        return
    text = data.decode(front["source"]["encoding"], errors="replace")
    for name, ok in judge_fields(front, key, text).items():
        scores[name].total += 1
        scores[name].right += ok
        if not ok:
            scores[name].misses.append(f"{label}: got {shown(front, name)!r}, want {expected(key, name)!r}")
    for name in SETS:
        tp, fp, fn = match_set(name, front.get(name) or [], key.get(name) or [])
        s = scores[name]
        s.tp, s.fp, s.fn = s.tp + len(tp), s.fp + len(fp), s.fn + len(fn)
        if fp or fn:
            s.misses.append(f"{label}: extra {sorted(fp)}, missing {sorted(fn)}")


def match_set(name: str, got: list[str], want: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(matched, extra, missing)."""
    if name == "people":
        return match_people(got, want)
    if name == "organizations":
        from bench.judge import match_organizations
        return match_organizations(got, want)
    g, w = set(got), set(want)
    return sorted(g & w), sorted(g - w), sorted(w - g)


def scores_table(scores: dict[str, Score]) -> tuple[list[str], dict[str, float]]:
    lines = ["| field | score | detail |", "|---|---:|---|"]
    values: dict[str, float] = {}
    for name in FIELDS:
        s = scores[name]
        values[name] = s.accuracy()
        lines.append(f"| {name} | {s.accuracy():.2f} | {s.right}/{s.total} right |")
    for name in SETS:
        s = scores[name]
        values[f"{name}_f1"] = s.f1()
        values[f"{name}_precision"] = s.precision()
        values[f"{name}_recall"] = s.recall()
        lines.append(f"| {name} F1 | {s.f1():.2f} | precision {s.precision():.2f}, recall {s.recall():.2f} "
                     f"({s.tp} right, {s.fp} extra, {s.fn} missed) |")
    return lines, values


def below_floors(values: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"{name}: {values.get(name, 0.0):.3f} < floor {floor:.3f}"
            for name, floor in sorted(floors.items()) if values.get(name, 0.0) + 1e-9 < floor]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score ingest extraction against a labelled corpus.")
    parser.add_argument("corpus", type=Path, help="folder holding answer_key.json files (searched recursively)")
    parser.add_argument("--floors", type=Path, help="JSON {field: minimum}; exit 1 when a score is below")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--only", help="comma-separated fields whose misses to list")
    args = parser.parse_args(argv)
    files = keyed_files(args.corpus)
    if not files:
        print(f"error: no answer_key.json under {args.corpus}", file=sys.stderr)
        return 2
    scores = {name: Score() for name in (*FIELDS, *SETS)}
    for path, key in files:
        score_file(path, key, scores)
    lines, values = scores_table(scores)
    print(f"Extraction accuracy on {len(files)} files under {args.corpus}\n")
    print("\n".join(lines))
    if args.misses or args.only:
        wanted = set(args.only.split(",")) if args.only else set(scores)
        for name, s in scores.items():
            if name in wanted and s.misses:
                print(f"\n## {name} ({len(s.misses)})")
                print("\n".join(f"- {m}" for m in s.misses))
    if args.floors:
        failed = below_floors(values, json.loads(args.floors.read_text(encoding="utf-8")))
        if failed:
            print("\nBelow the recorded floor:\n" + "\n".join(f"- {f}" for f in failed), file=sys.stderr)
            return 1
        print(f"\nAll scores at or above the floors in {args.floors}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
