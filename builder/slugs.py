"""Slugs: any text → lower-case ASCII words joined by '-', always safe as one path segment.

Text in any script is transliterated with anyascii ('Сергей Лавров' → 'sergey-lavrov',
'Անի Բադալյան' → 'ani-badalyan', '習近平' → 'xi-jin-ping'), so every name has a
readable address of its own. Plain ``str`` inputs are memoised: the site slugifies
the same names thousands of times.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from anyascii import anyascii

LETTER_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")  # 'XiJinPing' → 'Xi Jin Ping'


def slugify(text: str) -> str:
    """'Serdar Kılıç' → 'serdar-kilic'; '3+3 platform' → '3-plus-3-platform'; '' when nothing is left."""
    return _cached_slug(text) if type(text) is str else _slug(text)


@lru_cache(maxsize=None)
def _cached_slug(text: str) -> str:
    return _slug(text)


def _slug(text: str) -> str:
    ascii_text = LETTER_CASE.sub(" ", anyascii(str(text).replace("+", " plus ")))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def name_slug(name: str, fallback: str) -> str:
    """The address segment of a named entity: its slug, else ``fallback`` and a short hash of the name."""
    return slugify(name) or f"{fallback}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"
