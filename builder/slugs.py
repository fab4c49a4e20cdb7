"""Slugs: any text → lower-case ASCII words joined by '-', always safe as one path segment."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
EXTRA = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                       "ð": "d", "+": " plus "})


def slugify(text: str) -> str:
    """'Serdar Kılıç' → 'serdar-kilic'; '3+3 platform' → '3-plus-3-platform'; '' for non-Latin text."""
    folded = unicodedata.normalize("NFKD", text.translate(EXTRA)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
