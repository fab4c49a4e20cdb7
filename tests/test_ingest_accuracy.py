"""Ingest accuracy on the labelled statements in tests/ingest_cases/.

Each ``NAME.txt`` (raw bytes: any encoding, line ending, language) has a
``NAME.expected.yml`` written by hand: the date, dateline, agencies, countries,
organizations, people, type, language and encoding a careful reader would record
(or ``reject: <words the error must contain>`` for files with no honest date).
The test prints per-field figures and fails below the agreed thresholds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.accuracy import Score  # the evaluation's own tally, for the fixtures too

from builder.errors import BuilderError
from builder.ingest import ingest_bytes

CASES = Path(__file__).resolve().parent / "ingest_cases"
EXACT = ("date", "dateline", "agencies", "type", "language", "encoding")
SETS = ("countries", "organizations", "people")
THRESHOLDS = {"date": 1.0, "dateline": 0.95, "agencies": 0.95, "type": 0.90, "language": 0.95,
              "encoding": 0.95, "countries": 0.95, "organizations": 0.90, "people": 0.85}
# Latin-1 and Windows-1252 decode these texts identically; either name is right.
SAME_ENCODING = {"iso-8859-1": {"iso-8859-1", "windows-1252"}}


def cases() -> Iterator[tuple[str, bytes, dict]]:
    for expected in sorted(CASES.glob("*.expected.yml")):
        name = expected.name.removesuffix(".expected.yml")
        data = (CASES / f"{name}.txt").read_bytes()
        yield name, data, yaml.safe_load(expected.read_text(encoding="utf-8"))


def actual_value(front: dict, key: str) -> object:
    if key == "date":
        return front["date"].isoformat()
    if key == "encoding":
        return front["source"]["encoding"]
    return front[key]


def expected_value(expected: dict, key: str) -> object:
    value = expected[key]
    if key == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def score_case(name: str, data: bytes, expected: dict, scores: dict[str, Score]) -> None:
    try:
        front = ingest_bytes(data, f"{name}.txt").front_matter
    except BuilderError as exc:
        ok = "reject" in expected and expected["reject"] in str(exc)
        scores["date"].total += 1
        scores["date"].right += ok
        if not ok:
            scores["date"].misses.append(f"{name}: rejected: {exc}")
        return
    if "reject" in expected:
        scores["date"].total += 1
        scores["date"].misses.append(f"{name}: accepted (date {front['date']}), expected a rejection")
        return
    for key in EXACT:
        want, got = expected_value(expected, key), actual_value(front, key)
        ok = got == want or got in SAME_ENCODING.get(str(want), ())
        scores[key].total += 1
        scores[key].right += ok
        if not ok:
            scores[key].misses.append(f"{name}: got {got!r}, expected {want!r}")
    for key in SETS:
        want, got = set(expected[key]), set(front[key])
        s = scores[key]
        s.tp, s.fp, s.fn = s.tp + len(want & got), s.fp + len(got - want), s.fn + len(want - got)
        if want != got:
            s.misses.append(f"{name}: extra {sorted(got - want)}, missing {sorted(want - got)}")


def test_labelled_set_is_large_and_varied() -> None:
    labelled = list(cases())
    assert len(labelled) >= 40
    languages = {e.get("language") for _, _, e in labelled}
    encodings = {e.get("encoding") for _, _, e in labelled}
    assert {"en", "ru", "fr", "hy"} <= languages
    assert {"utf-8", "utf-8-sig", "windows-1251", "latin-1"} <= encodings
    assert any(b"\r\n" in d for _, d, _ in labelled) and any(b"\r" in d and b"\r\n" not in d for _, d, _ in labelled)
    assert sum("reject" in e for _, _, e in labelled) >= 5


def test_per_field_accuracy_meets_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    scores = {key: Score() for key in THRESHOLDS}
    for name, data, expected in cases():
        if expected.get("encoding") == "latin-1":
            expected["encoding"] = "iso-8859-1"
        score_case(name, data, expected, scores)
    figures = {key: (s.f1() if key in SETS else s.accuracy()) for key, s in scores.items()}
    with capsys.disabled():
        print("\ningest accuracy on", len(list(cases())), "labelled statements")
        for key, value in figures.items():
            kind = "F1" if key in SETS else "accuracy"
            print(f"  {key:14} {kind:8} {value:6.1%}  (threshold {THRESHOLDS[key]:.0%})")
            for miss in scores[key].misses:
                print(f"      {miss}")
    failing = {k: round(v, 3) for k, v in figures.items() if v < THRESHOLDS[k]}
    assert not failing, f"below threshold: {failing}"
