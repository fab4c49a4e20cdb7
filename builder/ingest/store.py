"""Ingest stage 5, the only writer of ``content/``: put ``Ingested`` files in place.

Never overwrites a file that differs (a hand edit) unless forced; a statement
whose id or text (``builder.textkey``: whitespace and encoding aside) is
already in the content folder is a duplicate and is skipped. The
original bytes are kept, content-addressed, in ``content/_originals/<sha256>.txt``:
written once, never overwritten, published by the build as the "original text".
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from builder.ingest import Ingested
from builder.textkey import text_key

ORIGINALS = "_originals"  # a folder of original bytes: the loader reads no statements there
INGESTED_LINE = re.compile(r"\bingested:\s*['\"]?([0-9T:+.Z-]+)['\"]?")
ID_LINE = re.compile(r"^id:\s*['\"]?([0-9a-zA-Z_-]+)['\"]?\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # "written" | "unchanged" | "duplicate" | "refused" | "overwritten"
    path: Path
    detail: str = ""


def existing_ids(content: Path) -> dict[str, Path]:
    """id → file, and 'text:<key>' → file (``builder.textkey``), for every Markdown statement already in
    the content folder."""
    ids: dict[str, Path] = {}
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            head, _, body = text[3:].partition("\n---")
            m = ID_LINE.search(head)
            if m:
                ids.setdefault(m.group(1), path)
                ids.setdefault("text:" + text_key(body.partition("\n")[2]), path)
    return ids


def target_path(content: Path, item: Ingested) -> Path:
    return content / f"{item.date.year:04d}" / f"{item.slug}.md"


def recorded_ingest_time(text: str) -> str | None:
    """The ``source.ingested`` value of an existing content file, if it has one."""
    m = INGESTED_LINE.search(text.split("\n---", 1)[0])
    return m.group(1) if m else None


def store(content: Path, item: Ingested, ids: dict[str, Path], now: str, force: bool = False) -> Outcome:
    """Write one statement, respecting what is already there. ``now`` is recorded as
    ``source.ingested`` for new files; a re-ingest keeps the first time."""
    if item.id in ids:
        path = ids[item.id]
        existing = path.read_text(encoding="utf-8", errors="replace")
        item = item.with_ingested(recorded_ingest_time(existing) or now)
        if existing == item.markdown:
            return Outcome("unchanged", path)
        if not force:
            return Outcome("refused", path, "differs from a fresh ingest (hand-edited?); "
                           "kept as it is; use --force to overwrite")
        write_text_atomic(path, item.markdown)
        return Outcome("overwritten", path)
    same_text = ids.get("text:" + text_key(item.body))
    if same_text is not None:
        return Outcome("unchanged", same_text, "the same text differing only in whitespace or encoding")
    item = item.with_ingested(now)
    path = target_path(content, item)
    if path.exists():
        item = item.with_slug(f"{item.slug}-{item.id[:6]}")
        path = target_path(content, item)
    write_text_atomic(path, item.markdown)
    ids[item.id] = ids["text:" + text_key(item.body)] = path
    return Outcome("written", path)


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def original_path(content: Path, sha256: str) -> Path:
    """Where the original bytes with this SHA-256 (64 hex digits) are kept."""
    return content / ORIGINALS / f"{sha256}.txt"


def keep_original(content: Path, data: bytes) -> Path:
    """``content/_originals/<sha256 of data>.txt`` holding ``data``; an existing one is left as it is."""
    path = original_path(content, hashlib.sha256(data).hexdigest())
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    try:
        os.link(tmp, path)  # fails if another process wrote it meanwhile: never overwritten
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path
