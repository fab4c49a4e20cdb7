"""Ingest stage 1: original bytes → clean text, plus the encoding it was read as.

The sha256 is always taken of the original bytes, before any of this.
``not_text`` tells binary files (images, PDFs, UTF-16) from text first.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from builder.errors import BuilderError

# The single-byte encodings statements arrive in; anything else is not guessed at.
LEGACY = ["cp1251", "koi8_r", "cp1252", "latin_1", "iso8859_15"]
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HIGH_CONTROL = re.compile(rb"[\x80-\x9f]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


BINARY_SAMPLE = 8192
BINARY_MAGIC = {b"\x89PNG\r\n\x1a\n": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
                b"%PDF-": "a PDF document", b"PK\x03\x04": "a ZIP archive (or a .docx/.odt document)",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Word or Excel document"}


def not_text(data: bytes) -> str | None:
    """What a file that is not plain text looks like ('a PNG image', 'UTF-16 text', …), or None.

    Checked before decoding: control bytes are dropped while decoding, so a
    binary file would otherwise be reported as text with no date line. Binary:
    a known file signature, a UTF-16 byte order mark, or NUL bytes making up 1%
    or more of the first 8 KB."""
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text"
    sample = data[:BINARY_SAMPLE]
    if sample.count(0) * 100 >= len(sample):  # a stray NUL or two is dropped from text like other controls
        return "binary data (it contains NUL bytes)"
    return None


def check_text(data: bytes, shown: str) -> None:
    """Raise a BuilderError naming the file when its bytes are not plain text."""
    kind = not_text(data)
    if kind == "UTF-16 text":
        raise BuilderError("the file is UTF-16 text, which is not read", file=shown, hint="save it as UTF-8")
    if kind:
        raise BuilderError(f"not a text file: this looks like {kind}", file=shown,
                           hint="statements are plain text; save the text as a UTF-8 .txt file, or move this "
                                "file out of the folder")


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
    from charset_normalizer import from_bytes  # (only for a text in a legacy encoding)
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
