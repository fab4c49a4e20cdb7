"""Ingest stage 2: clean text → ``Parsed`` (date, lead, paragraphs, dateline).

Recognises the seed shape (a first line `` date YYYY-MM-DD <lead>``, a blank
line, paragraphs) and the common wire-service datelines. Raises
``BuilderError`` with a fix when the text has no usable date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from builder.errors import BuilderError

DATE_LINE = re.compile(r"^\s*date\s+(\S+)(?:\s+(.*))?$", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_WORD = r"(?:[A-Za-z]{3,9}\.?)"
PLACE = r"(?P<place>[A-Z][A-Z.'’ -]*[A-Z.])"

# Each pattern matches a dateline at the start of the first paragraph.
DATELINES = [
    # STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:   YEREVAN, MARCH 3, ARMENPRESS.
    re.compile(PLACE + r",\s+(?P<day>" + MONTH_WORD + r"\s+\d{1,2}),\s+(?P<agency>[A-Z][A-Z-]+)[:.]\s+"),
    # MOSCOW, January 30. /TASS/.
    re.compile(PLACE + r",\s+(?P<day>" + MONTH_WORD + r"\s+\d{1,2})\.\s+/(?P<agency>[A-Z]+)/\.\s+"),
    # MOSCOW, Jan 30 (Reuters) -   BAKU (Reuters) -   BEIJING, Jan. 30 (Xinhua) --   MOSCOW (AP) —
    re.compile(PLACE + r"(?:,\s+(?P<day>" + MONTH_WORD + r"\s+\d{1,2}))?\s+\((?P<agency>[A-Za-z][\w .]*)\)\s*(?:--|[-—–])\s*"),
]
AGENCY_NAMES = {"ARMENPRESS": "Armenpress", "ARTSAKHPRESS": "Artsakhpress", "TASS": "TASS",
                "REUTERS": "Reuters", "AP": "AP", "AFP": "AFP", "XINHUA": "Xinhua",
                "DPA": "dpa", "RIA": "RIA Novosti", "INTERFAX": "Interfax", "APA": "APA",
                "TREND": "Trend", "NEWS.AM": "News.am", "ANADOLU": "Anadolu", "IRNA": "IRNA"}


@dataclass(frozen=True, slots=True)
class Parsed:
    date: dt.date
    lead: str
    paragraphs: tuple[str, ...]
    dateline: str
    agencies: tuple[str, ...]


def parse(text: str, file: str) -> Parsed:
    """Split a raw statement into its parts, or say what is missing."""
    if not text.strip():
        raise BuilderError("the file is empty", file=file,
                           hint="a statement needs a first line ' date YYYY-MM-DD <lead sentence>' and its text")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    match = DATE_LINE.match(lines[first])
    if not match:
        raise BuilderError("no date line", file=file, line=first + 1,
                           hint="add a first line ' date YYYY-MM-DD <lead sentence>', e.g. ' date 2023-01-30 The ministry said…'")
    date = parse_iso_date(match.group(1), file, first + 1)
    paragraphs = split_paragraphs("\n".join(lines[first + 1:]))
    if not paragraphs:
        raise BuilderError("no statement text after the date line", file=file, line=first + 1,
                           hint="add the statement's paragraphs after a blank line")
    lead = (match.group(2) or "").strip() or first_sentence(paragraphs[0])
    place, agencies = find_dateline(paragraphs[0])
    return Parsed(date, lead, paragraphs, place, agencies)


def parse_iso_date(value: str, file: str, line: int) -> dt.date:
    """YYYY-MM-DD → date, or an error that says what was wrong."""
    m = ISO_DATE.match(value)
    if not m:
        raise BuilderError(f"expected a date as YYYY-MM-DD, got {value!r}", file=file, line=line,
                           hint="write the date line as ' date 2023-01-30 <lead sentence>'")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise BuilderError(f"impossible date {value!r}: {exc}", file=file, line=line,
                           hint="check the day and month") from None


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; lines inside one are kept."""
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    return tuple(b.strip("\n") for b in blocks if b.strip())


def first_sentence(paragraph: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(paragraph.split()))
    return match.group(1) if match else " ".join(paragraph.split())


def find_dateline(paragraph: str) -> tuple[str, tuple[str, ...]]:
    """The dateline's place (title case) and agencies, or ('', ())."""
    for pattern in DATELINES:
        m = pattern.match(paragraph)
        if m:
            return place_name(m.group("place")), agency_names(m.group("agency"))
    return "", ()


def place_name(raw: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in raw.strip().split())


def agency_names(raw: str) -> tuple[str, ...]:
    parts = [p for p in re.split(r"[-/]", raw.strip()) if p]
    return tuple(AGENCY_NAMES.get(p.upper(), p if not p.isupper() else p.capitalize()) for p in parts)
