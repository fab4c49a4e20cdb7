"""Write stage, memo: which page fingerprints a generation of the site holds.

After a build, the generation just published holds exactly the planned pages,
so the fingerprints of its pages (file → fingerprint) describe it; the data
files are in the table by the hash of their bytes (``produce.write_files``). Their hash,
the *token*, is written into the generation's marker file (by the writer), and
the table itself is kept in the cache folder under that token. The next build
into that generation reads the token, finds the table, and leaves every page
whose fingerprint is unchanged as it is: neither rendered nor written.

The table comes with the generation's inventory: every file it holds but the
search index and the marker (which the search stage and the writer look after
themselves), with its size. The writer removes the files of the inventory
that a build no longer makes, instead of walking the whole generation to find
them, and the size report takes the size of a file the build left as it was
from the inventory instead of asking the file system (63,000 files at 10,000
statements: see ``builder.write.Generation.prune_listed``).

The writer clears a generation's token before it changes anything in it, so a
build that fails half-way leaves no token, and the build after it renders every
page again and walks the generation. The token depends only on the
fingerprints and the inventory, so two builds of the same content write the
same marker: the site stays byte-identical. Without a cache folder
(``--no-cache``) nothing is kept and every page is rendered.

Like the fingerprints, the inventory trusts that the output folders are the
builder's alone: a file put into them by hand is not noticed by a build that
has their record (``--no-cache`` starts the site afresh).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

FOLDER = "pages"
T = TypeVar("T")
KEEP = 4  # tables kept: the two generations' and a few spare
TOKEN_CHARS = frozenset("0123456789abcdef")


@dataclass(frozen=True, slots=True)
class Held:
    """What a generation of the site holds, as the build that published it left it."""

    pages: dict[str, bytes] = field(default_factory=dict)  # page or data file → its fingerprint
    files: dict[str, int | None] = field(default_factory=dict)  # every file but the search index's and the
    #   marker → its size in bytes (None: unknown, e.g. a page ``archive serve`` put there since)

    def without(self, file: str) -> Held:
        """This record once ``file`` was replaced by something no build planned (``archive serve``'s preview)."""
        return Held({f: v for f, v in self.pages.items() if f != file}, {**self.files, file: None})


def token_of(held: Held) -> str:
    h = hashlib.blake2b(digest_size=16)
    for file in sorted(held.pages):
        h.update(file.encode() + b"\0" + held.pages[file])
    h.update(b"\1")
    sizes = held.files
    h.update("".join(f"{file}\0{-1 if sizes[file] is None else sizes[file]}\0" for file in sorted(sizes)).encode())
    return h.hexdigest()


class Manifests:
    """``held(token)`` and ``keep(held)``; ``Manifests(None)`` keeps nothing."""

    def __init__(self, cache_dir: Path | None):
        self.folder = cache_dir / FOLDER if cache_dir else None

    def held(self, token: str) -> Held:
        """What a generation with ``token`` holds; empty when unknown (every page is then rendered, and the
        generation walked to find what no build made)."""
        if not self.folder or not token or not set(token) <= TOKEN_CHARS:
            return Held()
        held = stored(self.folder / f"{token}.pickle", Held)
        return held if held is not None and token_of(held) == token else Held()

    def keep(self, held: Held) -> str:
        """Store ``held`` (if there is a cache folder); returns its token, for the generation's marker."""
        token = token_of(held)
        if self.folder:
            try:
                path = self.folder / f"{token}.pickle"
                if path.exists():
                    os.utime(path)  # in use again: the newest
                else:
                    store(path, held)
                self.prune()
            except OSError:
                pass  # without the table the next build renders every page: slower, never wrong
        return token

    def without(self, token: str, file: str) -> str:
        """The token of what ``token`` names once ``file`` was replaced (``Held.without``, stored); '' when that
        is unknown."""
        held = self.held(token)
        return self.keep(held.without(file)) if held.pages or held.files else ""

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
    with open(partial, "wb") as f:  # pickled into the file as it goes: never the whole pickle in memory (the
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)  # plan memo and a generation's record: 3-5 MB
    os.replace(partial, path)                                    # at 10,000 statements, 10 times that at 100,000)


def stored(path: Path, kind: type[T]) -> T | None:
    """What ``store`` put into ``path``, if it is there, whole and a ``kind``; else None (a missing, damaged or
    older builder's file is a cache miss, never an error)."""
    try:
        with open(path, "rb") as f:  # read as it is unpickled, not first whole into memory
            value = pickle.load(f)  # noqa: S301 (written by this builder, in the user's cache folder)
    except Exception:  # noqa: BLE001 (missing, truncated, or from an older builder)
        return None
    return value if isinstance(value, kind) else None
