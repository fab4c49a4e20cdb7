"""Ingest of real messy files, checked against what a careful reader records (an evaluation, not a test).

    python bench/real_odd.py ../shared/corpus/real-odd

The four files there (a dpa wire report, a Latin-1 ATS report with IPTC control
characters, two UN General Assembly speeches without a date; sources and
licences in SOURCES.md beside them) are third-party texts: they are read where
they lie and never copied into the repository, so the test suite cannot use
them and ``.ci/run`` runs this after the tests. ``tests/test_ingest_odd.py``
holds invented files of the same shapes and checks them with the same
``misses``.

Prints one line per file, ``ok`` or its misses, and exits 1 when anything is
missed or a file is missing.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.errors import BuilderError  # noqa: E402
from builder.ingest import Ingested, ingest_bytes  # noqa: E402
from builder.markup import body_to_html  # noqa: E402

Check = Callable[[Ingested, Any, bytes], str | None]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # CR among them; tab and line feed allowed

EXPECTED: dict[str, dict[str, Any]] = {
    "101.txt": {
        "date": "2018-12-10", "dateline": "Luxembourg", "agencies": ["dpa"], "language": "en",
        "title": "Top EU court: Britain can unilaterally reverse Brexit decision",
        "lead starts": "Britain could unilaterally decide not to leave the European Union,",
        "countries include": ["GB"], "organizations include": ["European Court of Justice"],
        "people include": ["Jeremy Hunt", "Tom Brake", "Alyn Smith", "Helen Maguire"],  # the byline counts too
        "body excludes": ["eca00075", "2ND LEAD", "/politics/", "Notebook", "not intended for publication",
                          "101137 GMT"],
        "first paragraph starts": "Luxembourg (dpa) - Britain could unilaterally decide not to leave the\n",
        "last paragraph ends": "say it goes too far.", "paragraphs": 18,
    },
    "102.txt": {
        "date": "2018-12-09", "encoding": "iso-8859-1", "dateline": "Paris", "agencies": ["ATS", "AFP"],
        "language": "fr", "title": "Gilets jaunes: une «catastrophe pour notre économie» (Le Maire)",
        "text includes": ["économie", "Ségolène Royal"], "body excludes": ["SDA", "091223"], "clean": True,
        "paragraphs": 3,
    },
    "103.txt": {
        "rejected": "date", "dated": "2012-09-28", "verbatim": True, "paragraphs": 3,
        "first paragraph includes": "sixty-\nseventh", "encoding": "utf-8-sig", "countries include": ["AM"],
        "organizations include": ["United Nations"], "lead starts": "I would like to join previous speakers",
    },
    "104.txt": {
        "rejected": "date", "dated": "1960-09-23", "seconds": 10, "list free": True, "language": "en",
        "first paragraph includes": "95.\tThis should be the most responsible meeting",
    },
}


def equal(key: str) -> Check:
    """The front-matter value (a date as YYYY-MM-DD) equals the expected one."""
    def check(item: Ingested, want: Any, raw: bytes) -> str | None:
        got = item.front_matter[key] if key != "encoding" else item.front_matter["source"]["encoding"]
        got = got.isoformat() if hasattr(got, "isoformat") else got
        return None if got == want else f"{key} is {got!r}, not {want!r}"
    return check


def includes(key: str) -> Check:
    def check(item: Ingested, want: list[str], raw: bytes) -> str | None:
        absent = sorted(set(want) - set(item.front_matter[key]))
        return f"{key} lack {absent} (found {item.front_matter[key]})" if absent else None
    return check


def people_exclude(item: Ingested, want: list[str], raw: bytes) -> str | None:
    wrong = sorted(set(want) & set(item.front_matter["people"]))
    return f"people wrongly include {wrong}" if wrong else None


def body_excludes(item: Ingested, want: list[str], raw: bytes) -> str | None:
    left = [junk for junk in want if junk in item.body]
    return f"the body still has {left}" if left else None


def text_includes(item: Ingested, want: list[str], raw: bytes) -> str | None:
    text = "\n".join(item.paragraphs)
    lost = [words for words in want if words not in text]
    return f"the text lost {lost}" if lost else None


PARAGRAPH_TESTS: dict[str, Callable[[str, str], bool]] = {
    "start with": str.startswith, "end with": str.endswith, "include": lambda text, words: words in text,
}


def paragraph_check(index: int, test: str) -> Check:
    """The first (0) or last (-1) paragraph starts with, ends with or includes the expected words."""
    def check(item: Ingested, want: str, raw: bytes) -> str | None:
        paragraph = item.paragraphs[index]
        ok = PARAGRAPH_TESTS[test](paragraph, want)
        return None if ok else f"paragraph {index} does not {test} {want!r}: {paragraph[:80]!r}…"
    return check


def lead_starts(item: Ingested, want: str, raw: bytes) -> str | None:
    lead = item.front_matter["lead"]
    return None if lead.startswith(want) else f"the lead starts {lead[:len(want) + 20]!r}"


def paragraph_count(item: Ingested, want: int, raw: bytes) -> str | None:
    return None if len(item.paragraphs) == want else f"{len(item.paragraphs)} paragraphs, not {want}"


def clean(item: Ingested, want: bool, raw: bytes) -> str | None:
    """No control characters (tabs and line feeds aside) and no CR left in the Markdown."""
    return "control characters or CR left in the Markdown" if CONTROL.search(item.markdown) else None


def verbatim(item: Ingested, want: bool, raw: bytes) -> str | None:
    """The paragraphs are the original text, line breaks kept, blank-line runs made one."""
    original = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8").strip("\n")
    same = "\n\n".join(item.paragraphs) == re.sub(r"\n(?:[ \t]*\n)+", "\n\n", original)
    return None if same else "the text is not kept verbatim"


def list_free(item: Ingested, want: bool, raw: bytes) -> str | None:
    html = body_to_html(item.body)
    return "numbered paragraphs became a Markdown list" if "<ol" in html or "<li" in html else None


CHECKS: dict[str, Check] = {
    **{key: equal(key) for key in ("date", "dateline", "agencies", "language", "title", "encoding")},
    **{f"{key} include": includes(key) for key in ("countries", "organizations", "people")},
    "people exclude": people_exclude, "body excludes": body_excludes, "text includes": text_includes,
    "lead starts": lead_starts, "paragraphs": paragraph_count, "clean": clean, "verbatim": verbatim,
    "list free": list_free, "first paragraph starts": paragraph_check(0, "start with"),
    "first paragraph includes": paragraph_check(0, "include"),
    "last paragraph ends": paragraph_check(-1, "end with"),
}
NOT_CHECKS = {"rejected", "dated", "seconds"}  # handled around the ingest


def rejection_misses(data: bytes, name: str, field: str) -> list[str]:
    """A file without a date is rejected, naming the field and how to fix it."""
    try:
        ingest_bytes(data, name)
    except BuilderError as err:
        right = (err.file == name and err.field == field and "no date" in err.message
                 and "' date YYYY-MM-DD'" in (err.hint or ""))
        return [] if right else [f"rejected, but as {err}"]
    return [f"not rejected (expected: no {field})"]


def with_date_line(data: bytes, day: str) -> bytes:
    """The file with a first line ' date YYYY-MM-DD' (after its BOM, if it has one)."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom + f" date {day}\n\n".encode() + data[len(bom):]


def misses(data: bytes, name: str, expected: dict[str, Any]) -> list[str]:
    """Everything ingest got wrong about one file, measured against ``expected`` (keys of CHECKS)."""
    unknown = set(expected) - set(CHECKS) - NOT_CHECKS
    if unknown:
        raise ValueError(f"unknown expectation {sorted(unknown)}")
    found = rejection_misses(data, name, expected["rejected"]) if "rejected" in expected else []
    started = time.perf_counter()
    try:
        item = ingest_bytes(with_date_line(data, expected["dated"]) if "dated" in expected else data, name)
    except BuilderError as err:
        return [*found, f"rejected: {err}"]
    seconds = time.perf_counter() - started
    if seconds > expected.get("seconds", float("inf")):
        found.append(f"ingest took {seconds:.1f} s")
    found += [miss for key, want in expected.items() if key in CHECKS
              if (miss := CHECKS[key](item, want, data))]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-odd corpus, e.g. ../shared/corpus/real-odd")
    args = parser.parse_args(argv)
    failed = 0
    for name, expected in EXPECTED.items():
        path = args.folder / name
        found = misses(path.read_bytes(), name, expected) if path.is_file() else [f"missing: {path}"]
        print(f"{name}: {'ok' if not found else '; '.join(found)}")
        failed += bool(found)
    print(f"real-odd: {len(EXPECTED) - failed} of {len(EXPECTED)} files as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
