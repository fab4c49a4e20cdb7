"""Ingest, versions (pure): is a raw text a new wording of a statement already held, and the content
file that keeps both.

A new version is a text with the same date, issuer and agencies as a held
statement and most of its words (difflib's ratio on words at least
``SIMILAR``), but not the same text (``builder.textkey``: whitespace and
encoding aside). The content file then holds the new text as its body and
the earlier ones, oldest first, under ``versions``: each with the SHA-256,
file name and encoding of its original bytes, when ingest first saw it, and
its text as a YAML block (``body: |``), so the file stays readable and editable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from builder.worddiff import similarity, tokens

SIMILAR = 0.6  # share of words in common (difflib ratio) from which a text is a new wording, not a new statement


class Block(str):
    """Text written as a YAML literal block (``|``): lines kept as they are, nothing escaped."""


class VersionsDumper(yaml.SafeDumper):
    """The safe dumper, writing ``Block`` text as literal blocks (a subclass: the safe dumper is untouched)."""


VersionsDumper.add_representer(Block, lambda d, text: d.represent_scalar("tag:yaml.org,2002:str", text, style="|"))


def date_text(value: Any) -> str:
    """A front-matter date as written: '2023-01-30', or '2020-11' for a month."""
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip().strip("'\"")


def publisher(front: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """(issuer, agencies): who published the text; None when the front matter names neither."""
    issuer = str(front.get("issuer") or "").strip()
    agencies = tuple(str(a) for a in front.get("agencies") or ())
    return (issuer, agencies) if issuer or agencies else None


def is_new_version(held: dict[str, Any], held_body: str, new: dict[str, Any], new_body: str) -> float:
    """How alike the two texts are (0 when they are not one statement): same date and publisher, similar words."""
    if date_text(held.get("date")) != date_text(new.get("date")) or publisher(new) is None:
        return 0.0
    if publisher(held) != publisher(new):
        return 0.0
    ratio = similarity(tokens(held_body), tokens(new_body))
    return ratio if ratio >= SIMILAR else 0.0


def version_entry(front: dict[str, Any], body: str) -> dict[str, Any]:
    """The ``versions`` entry that keeps a held statement's current text when a newer one replaces it."""
    source = front.get("source") or {}
    entry = {"sha256": source.get("sha256"), "seen": source.get("ingested"), "file": source.get("file"),
             "encoding": source.get("encoding"), "body": body.strip("\n")}
    return {k: v for k, v in entry.items() if v not in (None, "")}


def front_yaml(front: dict[str, Any]) -> str:
    """The YAML of a content file: the keys as ``builder.ingest.emit`` writes them, then ``versions``."""
    rest = {k: v for k, v in front.items() if k != "versions"}
    text = yaml.safe_dump(rest, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=None)
    if front.get("versions"):
        versions = [{k: Block(v) if k == "body" and isinstance(v, str) else v for k, v in entry.items()}
                    for entry in front["versions"]]
        text += yaml.dump({"versions": versions}, Dumper=VersionsDumper, sort_keys=False, allow_unicode=True,
                          width=10_000, default_flow_style=False)
    return text


def compose(front: dict[str, Any], body: str) -> str:
    """A content file: '---', the YAML, '---', a blank line, the body (Markdown)."""
    return f"---\n{front_yaml(front)}---\n\n{body.strip(chr(10))}\n"
