"""Ingest on four messy files in the shapes real wire and UN texts arrive in (tests/fixtures/odd/).

The texts are invented (fictional officials and events); the shapes are those of real files:

- dpa_wire.txt: a dpa wire report: header codes, keyword path, '2ND LEAD', byline ending in '=',
  hard-wrapped paragraphs, a '# Notebook' trailer with a U+FFFD, and the date only in the
  transmission stamp '141052 GMT Dez 21' (German month).
- ats_latin1_crlf.txt: an ATS/AFP report in French: Latin-1 bytes, CRLF, IPTC control characters
  (SOH, STX, ETX, EOT, DEL), « » quotes, a headline ending in ' = ', indented hard-wrapped
  paragraphs, the signature '(SDA\\/mk)' and the date only in the trailer '151418 nov 22'.
- un_speech_bom.txt: a UN General Assembly speech: UTF-8 with BOM, hard-wrapped as extracted from
  a PDF ('seventy-\\neighth'), no title, no date: rejected.
- un_speech_numbered.txt: the opening and numbered paragraphs ('95.<TAB>…') of a verbatim record;
  the test repeats them into a speech of over 100 KB, as long records run. No date: rejected.

Each file is checked with ``bench.real_odd.misses``, the checker the evaluation of the real
files of these shapes uses (``bench/real_odd.py``, run by ``.ci/run``; the suite never reads them).
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Any

import pytest

from bench.real_odd import misses
from builder.ingest import ingest_bytes

ODD = Path(__file__).resolve().parent / "fixtures" / "odd"
LONG_SPEECH_LAST = 444  # numbered 95 … 444: 350 paragraphs

EXPECTED: dict[str, dict[str, Any]] = {
    "dpa_wire.txt": {
        "date": "2021-12-14", "dateline": "Vienna", "agencies": ["dpa"], "language": "en",
        "title": "Armenia and Azerbaijan agree to resume border talks in Vienna",
        "lead starts": "Armenia and Azerbaijan agreed on Tuesday to resume talks on the delimitation",
        "countries include": ["AM", "AZ"], "organizations include": ["OSCE", "ICRC"],
        "people include": ["Ingrid Solberg", "Narek Galstyan", "Farid Huseynli", "Katrin Oswald"],  # and the byline
        "people exclude": ["Jonas Weber", "Lena Hoffmann"],  # editorial contacts in the cut trailer
        "body excludes": ["eca00142", "2ND LEAD", "/politics/", "Notebook", "not intended for publication",
                          "141052 GMT", "\ufffd", "example.org"],
        "first paragraph starts": "Vienna (dpa) - Armenia and Azerbaijan agreed on Tuesday to resume\n",
        "last paragraph ends": "a door that was closed this morning is open tonight.\"", "paragraphs": 16,
    },
    "ats_latin1_crlf.txt": {
        "date": "2022-11-15", "encoding": "iso-8859-1", "dateline": "Berne", "agencies": ["ATS", "AFP"],
        "language": "fr", "title": "Caucase du Sud: Berne propose ses «bons offices» (Rochat)",
        "countries include": ["AM", "AZ"],
        "text includes": ["Azerbaïdjan", "Étienne Favre", "«fenêtre d'opportunité»"],
        "body excludes": ["SDA", "151418", "bsf031", "Diplomatie"], "clean": True, "paragraphs": 3,
    },
    "un_speech_bom.txt": {
        "rejected": "date", "dated": "2023-09-21", "verbatim": True, "paragraphs": 3,
        "first paragraph includes": "seventy-\neighth", "encoding": "utf-8-sig", "countries include": ["KZ"],
        "organizations include": ["United Nations"], "lead starts": "I would like to join previous speakers",
    },
    "un_speech_numbered.txt": {
        "rejected": "date", "dated": "1961-09-26", "seconds": 10, "list free": True, "language": "en",
        "first paragraph includes": "95.\tThe Assembly meets at a moment when the fear of a new war",
    },
}


def read(name: str) -> bytes:
    return (ODD / name).read_bytes()


def long_numbered_speech() -> bytes:
    """The numbered speech's opening line, then its paragraphs in turn, numbered 95 to 444."""
    opening, *numbered = read("un_speech_numbered.txt").decode("utf-8").splitlines()
    texts = [line.split("\t", 1)[1] for line in numbered]
    lines = [opening] + [f"{n}.\t{texts[(n - 95) % len(texts)]}" for n in range(95, LONG_SPEECH_LAST + 1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def fixture(name: str) -> bytes:
    return long_numbered_speech() if name == "un_speech_numbered.txt" else read(name)


def test_the_fixtures_keep_their_odd_bytes() -> None:
    """An editor that 'fixes' a fixture (line endings, encoding, BOM) would empty these tests."""
    dpa, ats, bom = read("dpa_wire.txt"), read("ats_latin1_crlf.txt"), read("un_speech_bom.txt")
    assert "\ufffd".encode() in dpa and b"\r" not in dpa
    assert b"\r\n" in ats and all(c in ats for c in (b"\x01", b"\x02", b"\x03", b"\x04", b"\x7f"))
    assert b"\xab" in ats and b"\xbb" in ats  # « » in Latin-1
    with pytest.raises(UnicodeDecodeError):
        ats.decode("utf-8")
    assert bom.startswith(codecs.BOM_UTF8)
    assert len(long_numbered_speech()) > 100_000 and f"\n{LONG_SPEECH_LAST}.\t".encode() in long_numbered_speech()


@pytest.mark.parametrize("name", EXPECTED)
def test_ingest_gets_the_odd_file_right(name: str) -> None:
    assert misses(fixture(name), name, EXPECTED[name]) == []


def test_the_source_digest_is_of_the_original_bytes() -> None:
    data = read("ats_latin1_crlf.txt")
    assert ingest_bytes(data, "ats_latin1_crlf.txt").front_matter["source"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_the_checker_reports_what_ingest_got_wrong() -> None:
    """The checker itself: wrong expectations are reported, one miss each, and unknown keys refused."""
    wrong = {**EXPECTED["dpa_wire.txt"], "date": "2021-12-15", "paragraphs": 15, "people exclude": ["Narek Galstyan"],
             "first paragraph starts": "Luxembourg (dpa)"}
    found = misses(read("dpa_wire.txt"), "dpa_wire.txt", wrong)
    assert len(found) == 4, found
    assert found[0] == "date is '2021-12-14', not '2021-12-15'"
    assert misses(read("dpa_wire.txt"), "dpa_wire.txt", {"rejected": "date"}) == ["not rejected (expected: no date)"]
    with pytest.raises(ValueError, match="unknown expectation"):
        misses(read("dpa_wire.txt"), "dpa_wire.txt", {"titel": "x"})
