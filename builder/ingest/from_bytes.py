"""Ingest: raw statement bytes → front matter + Markdown. ``ingest_bytes`` is pure: bytes and a file name in,
an ``Ingested`` out (see ``builder.ingest`` for when this module is imported).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from builder.ingest import extract
from builder.ingest.country_forms import find_countries
from builder.ingest.credits import find_agencies
from builder.ingest.genre import find_type
from builder.ingest.headline import title_from_lead
from builder.ingest.issuer import find_issuer
from builder.ingest.people import find_people
from builder.slugs import slugify
from builder.ingest.decode import decode, sha256_hex
from builder.ingest.emit import body_markdown, to_markdown
from builder.ingest.parse import Parsed, first_sentence, parse

SLUG_WORDS_MAX = 60


@dataclass(frozen=True, slots=True)
class Ingested:
    """A raw statement turned into front matter and Markdown text."""

    front_matter: dict[str, Any]
    paragraphs: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what extraction only guessed ('title made from the lead'), for review

    @property
    def markdown(self) -> str:
        return to_markdown(self.front_matter, self.paragraphs)

    @property
    def body(self) -> str:
        return body_markdown(self.paragraphs)

    def with_slug(self, slug: str) -> Ingested:
        return Ingested({**self.front_matter, "slug": slug}, self.paragraphs, self.notes)

    def with_ingested(self, timestamp: str) -> Ingested:
        """The same statement with ``source.ingested`` set (recorded when written to content/)."""
        source = {**self.front_matter["source"], "ingested": timestamp}
        return Ingested({**self.front_matter, "source": source}, self.paragraphs, self.notes)

    @property
    def id(self) -> str:
        return self.front_matter["id"]

    @property
    def slug(self) -> str:
        return self.front_matter["slug"]

    @property
    def date(self) -> dt.date:
        """The statement's date (the first of the month when only the month is known)."""
        value = self.front_matter["date"]
        return value if isinstance(value, dt.date) else dt.date(int(value[:4]), int(value[5:7]), 1)


def ingest_bytes(data: bytes, name: str, display: str | None = None) -> Ingested:
    """Raw statement bytes → ``Ingested``. Raises ``BuilderError`` on bad input."""
    digest = sha256_hex(data)
    text, encoding = decode(data)
    parsed = parse(text, display or name)
    front = front_matter(parsed, digest, name, encoding)
    notes = tuple(note for note in ("" if parsed.title else "no headline: title made from the lead",
                                    parsed.date_note) if note)
    return Ingested(front, parsed.paragraphs, notes)


def front_matter(parsed: Parsed, digest: str, name: str, encoding: str) -> dict[str, Any]:
    """Every front-matter key, in the documented order."""
    text = "\n\n".join((*parsed.header, parsed.lead, *parsed.paragraphs))
    title = parsed.title or title_from_lead(first_sentence(parsed.lead))
    agencies = find_agencies(parsed)
    kind = find_type(parsed, title, agencies)
    language = extract.detect_language(text)
    countries = find_countries(text, language)
    people = find_people(text, language)
    organizations = extract.find_organizations(text)
    topics = extract.find_topics(text)
    return {
        "id": digest[:12],
        "slug": make_slug(parsed.date, title, digest[:12], parsed.precision),
        "title": title,
        "lead": parsed.lead,
        "date": parsed.date if parsed.precision == "day" else parsed.date.strftime("%Y-%m"),
        "dateline": parsed.dateline,
        "agencies": list(agencies),
        "issuer": find_issuer(parsed, language, kind),
        "type": kind,
        "language": language,
        "countries": list(countries),
        "people": list(people),
        "organizations": list(organizations),
        "tags": list(extract.make_tags(countries, people, organizations, topics)),
        "references": list(extract.find_references("\n\n".join(parsed.paragraphs))),
        "source": {"file": name, "sha256": digest, "encoding": encoding,
                   **({"published": parsed.published} if parsed.published else {})},
    }


def make_slug(date: dt.date, title: str, short_id: str, precision: str = "day") -> str:
    """'2023-01-30-russia-is-working-intensely…' (cut at a word; other scripts transliterated), or the id.
    A statement known only to the month has a month in its address: '2020-11-…'."""
    words = slugify(title)
    if len(words) > SLUG_WORDS_MAX:
        words = words[:SLUG_WORDS_MAX].rsplit("-", 1)[0]
    when = date.isoformat() if precision == "day" else date.strftime("%Y-%m")
    return f"{when}-{words or short_id}"
