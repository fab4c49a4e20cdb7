"""Ingest stage 3: parsed text → organizations, topics, dates referred to, language, tags.

Pure functions over strings. Gazetteers for organizations and topics live in
``gazetteer.py``. Titles, datelines, agencies, issuers, types, countries and
people have modules of their own (``headline``, ``dateline``, ``credits``,
``issuer``, ``genre``, ``country_forms``, ``people``).
"""

from __future__ import annotations

import re

from builder.countries import country_name
from builder.ingest.gazetteer import ORGANIZATIONS, TOPICS
from builder.ingest.parse import MONTHS

DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in MONTHS) + r"),?\s+(\d{4})\b")
MONTH_DAY_YEAR = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})\b")
MONTH_YEAR = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(?:of\s+)?(\d{4})\b")
ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_organizations(text: str) -> tuple[str, ...]:
    return tuple(sorted({name for name, pattern in ORGANIZATIONS if pattern.search(text)}))


def find_topics(text: str) -> tuple[str, ...]:
    return tuple(sorted({name for name, pattern in TOPICS if pattern.search(text)}))


def find_references(text: str) -> tuple[str, ...]:
    """Dates the text refers to, as ISO dates ('2020-11-09') or months ('2022-01')."""
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in DAY_MONTH_YEAR.finditer(text):
        found.add(iso(m[3], m[2], m[1])); spans.append(m.span())
    for m in MONTH_DAY_YEAR.finditer(text):
        found.add(iso(m[3], m[1], m[2])); spans.append(m.span())
    for m in MONTH_YEAR.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            found.add(f"{m[2]}-{MONTHS.index(m[1].lower()) + 1:02d}")
    for m in ISO_IN_TEXT.finditer(text):
        found.add(m.group(0))
    return tuple(sorted(r for r in found if r))


def iso(year: str, month: str, day: str) -> str:
    m, d = MONTHS.index(month.lower()) + 1, int(day)
    return f"{year}-{m:02d}-{d:02d}" if 1 <= d <= 31 else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid ships its model). Imported on first use: with numpy,
    which it loads, 50 ms of every build's start, and only a raw text's ingest needs it."""
    import py3langid

    return py3langid.classify(text[:5000])[0]


def make_tags(countries: tuple[str, ...], people: tuple[str, ...],
              organizations: tuple[str, ...], topics: tuple[str, ...]) -> tuple[str, ...]:
    """What the site shows as tags: the entities by name, then the topics."""
    names = [country_name(c) for c in countries] + list(organizations) + list(people)
    return tuple(sorted(set(names))) + tuple(t for t in topics if t not in names)
