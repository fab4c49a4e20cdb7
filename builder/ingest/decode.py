"""Ingest stage 1: original bytes → clean text, plus the encoding it was read as.

The sha256 is always taken of the original bytes, before any of this.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from charset_normalizer import from_bytes

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, normalise line endings, drop control characters.

    Returns (text, encoding name). UTF-8 is tried first (with or without a BOM),
    then charset-normalizer guesses among the legacy encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = guess(data)
    return clean(text), encoding


def guess(data: bytes) -> tuple[str, str]:
    """Legacy encodings (Windows-1251, Latin-1, …) by charset-normalizer."""
    best = from_bytes(data).best()
    if best is None:
        return data.decode("latin-1"), "latin-1"
    return str(best), normalise_name(best.encoding)


def normalise_name(name: str) -> str:
    """Python codec names → the names people know ('cp1251' → 'windows-1251')."""
    name = codecs.lookup(name).name
    return {"cp1251": "windows-1251", "cp1252": "windows-1252", "iso8859-1": "iso-8859-1",
            "latin-1": "iso-8859-1", "iso8859-15": "iso-8859-15"}.get(name, name)


def clean(text: str) -> str:
    """CRLF and CR → LF; control characters removed; tabs kept; no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
