"""A statement back to plain text: the inverse of ingest's Markdown escaping.

Used for the data downloads: ``original_text`` re-assembles the raw text in the
seed shape, and matches the original bytes whenever the original was UTF-8 in
that shape (checked against ``source.sha256``).
"""

from __future__ import annotations

import hashlib
import re

from builder.model import Statement

BACKSLASHED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
ENTITIES = {"&amp;": "&", "&lt;": "<", "&#61;": "=", "&#41;": ")"}
ENTITY = re.compile("|".join(map(re.escape, ENTITIES)))


def unescape_line(line: str) -> str:
    return ENTITY.sub(lambda m: ENTITIES[m.group(0)], BACKSLASHED.sub(r"\1", line))


def body_text(body: str) -> str:
    """The body Markdown as the text it renders to, lines and paragraphs kept."""
    return "\n".join(unescape_line(line) for line in body.strip("\n").split("\n"))


def original_text(s: Statement) -> str:
    """' date YYYY-MM-DD <lead>', a blank line, the paragraphs; with or without a
    final newline, whichever reproduces the recorded checksum."""
    text = f" date {s.date.isoformat()} {s.lead}".rstrip() + "\n\n" + body_text(s.body)
    if hashlib.sha256((text + "\n").encode("utf-8")).hexdigest() == s.source.sha256:
        return text + "\n"
    return text
