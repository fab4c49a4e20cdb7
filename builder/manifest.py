"""Write stage, memo: which page fingerprints a generation of the site holds.

After a build, the generation just published holds exactly the planned pages,
so the fingerprints of its pages (file → fingerprint) describe it; the data
files are in the table by the hash of their bytes (``produce.write_files``). Their hash,
the *token*, is written into the generation's marker file (by the writer), and
the table itself is kept in the cache folder under that token. The next build
into that generation reads the token, finds the table, and leaves every page
whose fingerprint is unchanged as it is: neither rendered nor written.

The writer clears a generation's token before it changes anything in it, so a
build that fails half-way leaves no token, and the build after it renders every
page again. The token depends only on the fingerprints, so two builds of the
same content write the same marker: the site stays byte-identical. Without a
cache folder (``--no-cache``) nothing is kept and every page is rendered.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TypeVar

FOLDER = "pages"
T = TypeVar("T")
KEEP = 4  # tables kept: the two generations' and a few spare
TOKEN_CHARS = frozenset("0123456789abcdef")


def token_of(table: dict[str, bytes]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for file in sorted(table):
        h.update(file.encode() + b"\0" + table[file])
    return h.hexdigest()


class Manifests:
    """``held(token)`` and ``keep(table)``; ``Manifests(None)`` keeps nothing."""

    def __init__(self, cache_dir: Path | None):
        self.folder = cache_dir / FOLDER if cache_dir else None

    def held(self, token: str) -> dict[str, bytes]:
        """The table a generation with ``token`` holds; {} when unknown (every page is then rendered)."""
        if not self.folder or not token or not set(token) <= TOKEN_CHARS:
            return {}
        table = stored(self.folder / f"{token}.pickle", dict)
        return table if table is not None and token_of(table) == token else {}

    def keep(self, table: dict[str, bytes]) -> str:
        """Store ``table`` (if there is a cache folder); returns its token, for the generation's marker."""
        token = token_of(table)
        if self.folder:
            try:
                path = self.folder / f"{token}.pickle"
                if path.exists():
                    os.utime(path)  # in use again: the newest
                else:
                    store(path, table)
                self.prune()
            except OSError:
                pass  # without the table the next build renders every page: slower, never wrong
        return token

    def without(self, token: str, file: str) -> str:
        """The token of the table ``token`` names less ``file`` (stored); '' when that table is unknown."""
        table = self.held(token)
        return self.keep({f: v for f, v in table.items() if f != file}) if table else ""

    def prune(self) -> None:
        """Delete all but the ``KEEP`` tables used last."""
        tables = sorted(self.folder.glob("*.pickle"), key=lambda p: -p.stat().st_mtime_ns) if self.folder else []
        for old in tables[KEEP:]:
            old.unlink(missing_ok=True)


def store(path: Path, value: object) -> None:
    """``value`` pickled into ``path`` (in the cache folder), whole or not at all: written beside it, then
    renamed. Raises OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, path)


def stored(path: Path, kind: type[T]) -> T | None:
    """What ``store`` put into ``path``, if it is there, whole and a ``kind``; else None (a missing, damaged or
    older builder's file is a cache miss, never an error)."""
    try:
        value = pickle.loads(path.read_bytes())  # noqa: S301 (written by this builder, in the user's cache folder)
    except Exception:  # noqa: BLE001 (missing, truncated, or from an older builder)
        return None
    return value if isinstance(value, kind) else None
