"""Slugs: any text → lower-case ASCII words joined by '-', always safe as one path segment.

Plain ``str`` inputs are memoised: the site slugifies the same names thousands of times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition does not reduce to ASCII.
EXTRA = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                       "ð": "d", "+": " plus "})


def slugify(text: str) -> str:
    """'Serdar Kılıç' → 'serdar-kilic'; '3+3 platform' → '3-plus-3-platform'; '' for non-Latin text."""
    return _cached_slug(text) if type(text) is str else _slug(text)


@lru_cache(maxsize=None)
def _cached_slug(text: str) -> str:
    return _slug(text)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(EXTRA)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
