"""The identity of a statement's text, whatever its whitespace or encoding: a key shared by ingest and load.

Two raw files that differ only in line endings, spaces or the encoding they
were saved in give the same text once decoded, so the same key: they are one
statement, and the second is skipped as a copy of the first.
"""

from __future__ import annotations

import hashlib
import unicodedata

from builder.plaintext import body_text


def text_key(body_markdown: str) -> str:
    """SHA-256 of the body's text with all whitespace runs made one space (NFC, so encodings agree)."""
    text = " ".join(unicodedata.normalize("NFC", body_text(body_markdown)).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
