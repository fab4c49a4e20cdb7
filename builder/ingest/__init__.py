"""Ingest: raw statement bytes → front matter + Markdown (pure), and its writer.

``ingest_bytes`` (``builder.ingest.from_bytes``) is pure: bytes and a file name
in, an ``Ingested`` out. ``builder.ingest.store`` is the only code that writes
``content/``.

The extractor's modules (and their gazetteers, charset detection, fuzzy
matching) are imported when ``ingest_bytes`` or ``Ingested`` is first asked for
from this package, not by every import of one of its modules: a build reads
``builder.ingest.syndication`` and a few small helpers, and parses a raw text
only when the content folder holds one (its dateline gazetteer and charset
detection are imported when a text needs them). Importing ``builder.build``
took 0.12-0.135 s instead of 0.15-0.17 s (``python -X importtime``, five runs
each, alternated with the code before, 2 cores).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from builder.ingest.from_bytes import Ingested, ingest_bytes

__all__ = ["Ingested", "ingest_bytes"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from builder.ingest import from_bytes
        return getattr(from_bytes, name)
    raise AttributeError(f"module 'builder.ingest' has no attribute '{name}'")
