"""Load stage, part 1 helpers: checks every front-matter value shares (printable text, a brief repr).

Kept apart from ``builder.frontmatter`` so that the checks of a nested key
(``builder.frontmatter_versions``) can use them without an import cycle.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")  # only a "\\ud800" escape in quoted YAML makes one


def brief(value: Any) -> str:
    """A value for a message: its repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def printable(text: str) -> str:
    """The text, unless it holds a control character (invalid in XML feeds) or a lone
    surrogate (no character at all: no file format can hold it)."""
    bad = CONTROL_RE.search(text)
    if bad:
        raise ValueError(f"contains the control character U+{ord(bad.group()):04X}")
    bad = SURROGATE_RE.search(text)
    if bad:
        raise ValueError(f"contains U+{ord(bad.group()):04X}, half of a surrogate pair and not a character "
                         "(write the character itself instead of its \\u escape)")
    return text
