"""The model: frozen dataclasses shared by every stage after loading. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.slotstate import quick_state

TYPES = ("statement", "comment", "briefing", "interview", "speech", "joint statement",
         "press release", "news report")


@quick_state
@dataclass(frozen=True, slots=True)
class Source:
    """Where a statement came from: original file name, checksum of its bytes, encoding, and (when the front
    matter gives them) the address it was published at and its publisher."""

    file: str
    sha256: str
    encoding: str
    ingested: str = ""  # ISO timestamp recorded by `archive ingest`; '' for in-memory drops
    url: str = ""  # http(s) address of the original publication; '' if not stated
    publisher: str = ""  # who published it there (a ministry's website, a newspaper); '' if not stated
    published: str = ""  # the page's own date (ISO) when the statement was made earlier ('said yesterday'); '' if the same


@quick_state
@dataclass(frozen=True, slots=True)
class Version:
    """An earlier wording of a statement, kept when ingest met a newer one (front matter ``versions``)."""

    number: int  # 1 is the first wording seen; the statement's own text is number ``len(versions) + 1``
    body: str  # Markdown, as the statement's body was then
    body_html: str  # sanitised HTML
    sha256: str = ""  # of its original bytes
    seen: str = ""  # when ingest first saw it: 'YYYY-MM-DDTHH:MM:SS+00:00' (UTC), 'YYYY-MM-DD', or '' if unknown
    file: str = ""  # original file name
    encoding: str = ""
    original: str = ""  # the file holding its original bytes (checked against ``sha256``); '' if none


@quick_state
@dataclass(frozen=True, slots=True)
class Statement:
    """One statement, as published. ``body_html`` is sanitised HTML."""

    id: str
    slug: str
    title: str
    lead: str
    date: dt.date
    dateline: str
    agencies: tuple[str, ...]
    issuer: str
    type: str
    language: str
    countries: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    tags: tuple[str, ...]
    references: tuple[str, ...]
    source: Source
    body: str
    body_html: str
    path: str  # the content file, as shown in messages
    aliases: tuple[str, ...] = ()  # earlier slugs, each published as a redirect
    original: str = ""  # the file holding the original bytes (sha256 = source.sha256, checked); '' if none
    precision: str = "day"  # 'month' when only the month is known: ``date`` is then the first of the month
    versions: tuple[Version, ...] = ()  # earlier wordings, oldest first; the body is the current one
    shingles: bytes = b""  # the text's word 5-gram hashes, for finding syndicated copies (made at load)
    mentioned: tuple[str, ...] | None = None  # ISO dates the text names in words (found at load; None: not looked for)

    @property
    def sort_key(self) -> tuple[dt.date, bool, str]:
        """Oldest first: date (a month before its days), then slug, so order never depends on the file system."""
        return (self.date, self.precision == "day", self.slug)

    @property
    def version(self) -> int:
        """The number of the current wording: 1 for a statement never changed."""
        return len(self.versions) + 1

    @property
    def date_iso(self) -> str:
        """'2023-01-30', or '2020-11' when only the month is known (never an invented day)."""
        return self.date.isoformat() if self.precision == "day" else self.date.strftime("%Y-%m")


@quick_state
@dataclass(frozen=True, slots=True)
class Term:
    """An index entry: a topic tag, a country, a person or an organization."""

    kind: str  # "tag" | "country" | "person" | "organization"
    key: str  # slug or country code, unique within the kind
    name: str  # what the site shows
    statements: tuple[Statement, ...]  # newest first


@quick_state
@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    statements: tuple[Statement, ...]  # newest first (by slug within the day)


@quick_state
@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int
    statements: tuple[Statement, ...]  # newest first
    days: tuple[Day, ...] = ()  # first of the month first


@quick_state
@dataclass(frozen=True, slots=True)
class Year:
    year: int
    months: tuple[Month, ...]  # January first
    statements: tuple[Statement, ...]  # newest first
