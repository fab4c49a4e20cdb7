"""Ingest: raw statement bytes → front matter + Markdown (pure), and its writer.

``ingest_bytes`` is pure: bytes and a file name in, an ``Ingested`` out.
``builder.ingest.store`` is the only code that writes ``content/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from builder.ingest import extract
from builder.ingest.people import find_people
from builder.slugs import slugify
from builder.ingest.decode import decode, sha256_hex
from builder.ingest.emit import body_markdown, to_markdown
from builder.ingest.parse import Parsed, parse

SLUG_WORDS_MAX = 60


@dataclass(frozen=True, slots=True)
class Ingested:
    """A raw statement turned into front matter and Markdown text."""

    front_matter: dict[str, Any]
    paragraphs: tuple[str, ...]

    @property
    def markdown(self) -> str:
        return to_markdown(self.front_matter, self.paragraphs)

    @property
    def body(self) -> str:
        return body_markdown(self.paragraphs)

    def with_slug(self, slug: str) -> Ingested:
        return Ingested({**self.front_matter, "slug": slug}, self.paragraphs)

    def with_ingested(self, timestamp: str) -> Ingested:
        """The same statement with ``source.ingested`` set (recorded when written to content/)."""
        source = {**self.front_matter["source"], "ingested": timestamp}
        return Ingested({**self.front_matter, "source": source}, self.paragraphs)

    @property
    def id(self) -> str:
        return self.front_matter["id"]

    @property
    def slug(self) -> str:
        return self.front_matter["slug"]

    @property
    def date(self) -> dt.date:
        return self.front_matter["date"]


def ingest_bytes(data: bytes, name: str, display: str | None = None) -> Ingested:
    """Raw statement bytes → ``Ingested``. Raises ``BuilderError`` on bad input."""
    digest = sha256_hex(data)
    text, encoding = decode(data)
    parsed = parse(text, display or name)
    front = front_matter(parsed, digest, name, encoding)
    return Ingested(front, parsed.paragraphs)


def front_matter(parsed: Parsed, digest: str, name: str, encoding: str) -> dict[str, Any]:
    """Every front-matter key, in the documented order."""
    text = "\n\n".join(parsed.paragraphs)
    content = "\n\n".join((parsed.title, parsed.lead, text[parsed.opening_end:]))
    title = extract.make_title(parsed.title or parsed.lead)
    countries = extract.find_countries(content)
    people = find_people(content)
    organizations = extract.find_organizations(content)
    topics = extract.find_topics(content)
    return {
        "id": digest[:12],
        "slug": make_slug(parsed.date, title, digest[:12]),
        "title": title,
        "lead": parsed.lead,
        "date": parsed.date,
        "dateline": parsed.dateline,
        "agencies": list(parsed.agencies),
        "issuer": extract.find_issuer(parsed.lead, text),
        "type": extract.find_type(parsed.title, parsed.labels, parsed.lead, text, parsed.agencies),
        "language": extract.detect_language(content),
        "countries": list(countries),
        "people": list(people),
        "organizations": list(organizations),
        "tags": list(extract.make_tags(countries, people, organizations, topics)),
        "references": list(extract.find_references(text)),
        "source": {"file": name, "sha256": digest, "encoding": encoding},
    }


def make_slug(date: dt.date, title: str, short_id: str) -> str:
    """'2023-01-30-russia-is-working-intensely…' (cut at a word), or the id for non-Latin titles."""
    words = slugify(title)
    if len(words) > SLUG_WORDS_MAX:
        words = words[:SLUG_WORDS_MAX].rsplit("-", 1)[0]
    return f"{date.isoformat()}-{words or short_id}"
