"""Before load: is there anything to build? Every input of a build, hashed, against the last build's.

A build reads its content folder, the project's templates and static files,
its configuration and options, this builder's code, Python and the installed
libraries (Pagefind's binary among them), and nothing else: no clock, no
environment variable, not where the project or the output folder is.
``inputs_key`` hashes exactly those, and the writer puts the key in the
marker of the generation it publishes, beside the token of its pages. After
a build, its report is kept in the cache folder with the key (``Record``).
A build whose key is the one the output folder's marker and the record both
name would write the same bytes: it stops before loading anything and gives
the last build's report, with nothing written. A failed build publishes
nothing, so the marker still names the site that is there.

Measured on 2 cores, 10,000 synthetic statements, ``archive build`` with
nothing changed: 13.0 s before (every stage, no page rendered), 0.62 s with
this (``bench/run.py --sizes 10000 --cases no-change``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.cache import fingerprint as code_fingerprint
from builder.config import Config
from builder.manifest import store, stored
from builder.workers import can_fork, processes
from builder.write import Generation

if TYPE_CHECKING:
    from builder.build import BuildReport

FORMAT = b"archive-unchanged 1"
FOLDER = "unchanged"  # in the cache folder: one record per output folder


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a build reads, as ``read_inputs`` found it."""

    key: bytes  # the hash of all of it
    content: dict[str, bytes]  # each readable file under the content folder ('2023/x.md') → SHA-256 of its bytes


def read_inputs(config: Config, content: Path, options: tuple[Any, ...], workers: int = 1) -> Inputs:
    """Everything a build of ``content`` with ``config`` and ``options`` reads, hashed; each content file's
    SHA-256 is handed on to the load stage, which then reads a file only to parse it (a cache miss).
    ``workers``: processes reading the content folder (``read_files``)."""
    h = hashlib.blake2b(FORMAT, digest_size=32)
    h.update(code_fingerprint())
    h.update(installed_libraries())
    h.update(repr((config.settings(), options)).encode())
    digests: dict[str, bytes] = {}
    for name, folder in (("content", content), ("templates", config.root / "templates"),
                         ("static", config.root / "static")):
        h.update(f"\0{name}\0".encode())
        found = files_digest(h, folder, workers if name == "content" else 1)
        if name == "content":
            digests = found
    return Inputs(h.digest(), digests)


def inputs_key(config: Config, content: Path, options: tuple[Any, ...]) -> bytes:
    """A hash of everything a build of ``content`` with ``config`` and ``options`` reads."""
    return read_inputs(config, content, options).key


def installed_libraries() -> bytes:
    """Every installed distribution with its version: a library upgraded is a different build."""
    names = sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())
    return "\n".join(names).encode()


def files_digest(h: Any, folder: Path, workers: int = 1) -> dict[str, bytes]:
    """Each file under ``folder`` (hidden ones too): its path, size and SHA-256, in sorted order, into ``h``;
    returns each file's SHA-256 by its path under ``folder``. ``workers``: processes reading the files.

    Links to folders are followed, each real folder once (a link back up is no loop). A file
    that cannot be read (a dangling link, no permission) counts by its name and the reason, so
    the build goes on to report it as loading does."""
    digests: dict[str, bytes] = {}
    if not folder.is_dir():
        h.update(b"(none)")
        return digests
    walked = listing(folder)
    read = iter(read_files([path for _, path in walked if path is not None], workers))
    for shown, path in walked:
        if path is None:  # a folder seen already, through a link
            h.update(f"{shown}\0(seen)\0".encode())
            continue
        size, found = next(read)
        if size is None:
            h.update(f"{shown}\0unreadable {found}\0".encode())
            continue
        digests[shown] = found  # type: ignore[assignment]
        h.update(f"{shown}\0{size}\0".encode())
        h.update(found)  # type: ignore[arg-type]
    return digests


def listing(folder: Path) -> list[tuple[str, str | None]]:
    """(path under ``folder``, path to read) of each file under it in sorted order, and (path under ``folder``,
    None) where the walk meets a folder it has seen (through a link to it)."""
    walked: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        under = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if under == "." else under + "/"
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            walked.append((under, None))
            continue
        seen.add(real)
        dirs.sort()
        walked += [(prefix + name, os.path.join(root, name)) for name in sorted(files)]
    return walked


# Files from which ``read_files`` shares them with a worker process. The content folder of the benchmark
# (10,000 statements and their 10,000 originals) read and hashed in 0.19-0.21 s instead of 0.32-0.36 s
# (three runs each, in one process, 2 cores); for fewer files, forking costs more than it saves.
PARALLEL_FROM = 2000


def read_files(paths: list[str], workers: int) -> list[tuple[int, bytes] | tuple[None, int | None]]:
    """(size, SHA-256) of each file, or (None, the error number) for one that cannot be read; the second half
    read by a worker process while this one reads the first, when there are many and ``workers`` > 1."""
    if workers < 2 or len(paths) < PARALLEL_FROM or not can_fork():
        return hashed_files(paths)
    half = len(paths) // 2
    with processes(1, "reading the content folder") as pool:
        later = pool.submit(hashed_files, paths[half:])
        return hashed_files(paths[:half]) + later.result()


def hashed_files(paths: list[str]) -> list[tuple[int, bytes] | tuple[None, int | None]]:
    found: list[tuple[int, bytes] | tuple[None, int | None]] = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            found.append((None, exc.errno))
            continue
        found.append((len(data), hashlib.sha256(data).digest()))
    return found


@dataclass(frozen=True, slots=True)
class Record:
    """The report of the last build into one output folder, and the key of what it read."""

    key: bytes
    report: BuildReport

    @staticmethod
    def path(cache_dir: Path, output: Path) -> Path:
        name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=16).hexdigest()
        return cache_dir / FOLDER / f"{name}.pickle"

    @classmethod
    def load(cls, cache_dir: Path, output: Path) -> Record | None:
        return stored(cls.path(cache_dir, output), Record)  # missing, truncated or older: build as usual

    def save(self, cache_dir: Path, output: Path) -> None:
        """Kept beside the other caches; a folder that cannot be written only costs the next build time."""
        try:
            store(self.path(cache_dir, output), self)
        except OSError:
            return


def last_build(cache_dir: Path, output: Path, key: bytes) -> BuildReport | None:
    """The last build's report when ``output`` holds the site a build of exactly ``key`` published; else None."""
    if Generation(output).inputs() != key.hex():
        return None
    record = Record.load(cache_dir, output)
    return record.report if record is not None and record.key == key else None
