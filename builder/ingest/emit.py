"""Ingest stage 4: metadata + paragraphs → Markdown text with YAML front matter.

The body is escaped so that Python-Markdown renders every character as written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
LINE_START = re.compile(r"^([#>+\-!])")
ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_line(line: str) -> str:
    """One line of text → Markdown that renders to exactly that text."""
    s = line.strip()
    s = INLINE_SPECIAL.sub(r"\\\1", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;")
    s = LINE_START.sub(r"\\\1", s)
    s = ORDERED.sub(lambda m: m.group(1) + ("\\." if m.group(2) == "." else "&#41;"), s)
    if s.startswith("="):
        s = "&#61;" + s[1:]
    return s


def escape_paragraph(paragraph: str) -> str:
    return "\n".join(escape_line(line) for line in paragraph.split("\n") if line.strip())


def to_markdown(front_matter: dict[str, Any], paragraphs: tuple[str, ...]) -> str:
    """The content file: '---', YAML, '---', a blank line, escaped paragraphs."""
    yaml_text = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True,
                               width=10_000, default_flow_style=None)
    return f"---\n{yaml_text}---\n\n{body_markdown(paragraphs)}\n"


def body_markdown(paragraphs: tuple[str, ...]) -> str:
    """The escaped body: paragraphs separated by one blank line."""
    return "\n\n".join(escape_paragraph(p) for p in paragraphs)
