"""A statement back to plain text: the inverse of ingest's Markdown escaping.

Used for the ``text`` field of the data downloads. (The "original text" download
is never rebuilt from the body: it is the original bytes, see ``builder.load``.)
"""

from __future__ import annotations

import re

BACKSLASHED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
ENTITIES = {"&amp;": "&", "&lt;": "<", "&#61;": "=", "&#41;": ")"}
ENTITY = re.compile("|".join(map(re.escape, ENTITIES)))


def unescape_line(line: str) -> str:
    return ENTITY.sub(lambda m: ENTITIES[m.group(0)], BACKSLASHED.sub(r"\1", line))


def body_text(body: str) -> str:
    """The body Markdown as the text it renders to, lines and paragraphs kept."""
    return "\n".join(unescape_line(line) for line in body.strip("\n").split("\n"))
