"""Ingest stage 1: original bytes → clean text, plus the encoding it was read as.

The sha256 is always taken of the original bytes, before any of this.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from charset_normalizer import from_bytes

# The single-byte encodings statements arrive in; anything else is not guessed at.
LEGACY = ["cp1251", "koi8_r", "cp1252", "latin_1", "iso8859_15"]
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HIGH_CONTROL = re.compile(rb"[\x80-\x9f]")
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
    """Legacy encodings (Windows-1251, Latin-1, …) by charset-normalizer; Latin-1 if unsure.

    Control bytes are ignored while guessing (they confuse the detector); a
    Windows-1252 guess without bytes 0x80–0x9F is reported as ISO-8859-1, which
    decodes it identically.
    """
    best = from_bytes(CONTROL_BYTES.sub(b"", data), cp_isolation=LEGACY).best()
    name = normalise_name(best.encoding) if best is not None else "iso-8859-1"
    if name == "windows-1252" and not HIGH_CONTROL.search(data):
        name = "iso-8859-1"
    return data.decode(name, errors="replace"), name


def normalise_name(name: str) -> str:
    """Python codec names → the names people know ('cp1251' → 'windows-1251')."""
    name = codecs.lookup(name).name
    return {"cp1251": "windows-1251", "cp1252": "windows-1252", "iso8859-1": "iso-8859-1",
            "latin-1": "iso-8859-1", "iso8859-15": "iso-8859-15"}.get(name, name)


def clean(text: str) -> str:
    """CRLF and CR → LF; control characters removed; tabs kept; no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    text = CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
