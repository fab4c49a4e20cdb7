"""Write stage, the only writer of the output folder.

Builds the new site in a temporary folder next to the output and swaps it in
only when complete, so a failed or killed build leaves the last good site.
Refuses paths that would escape the folder and two files at one path.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from builder.errors import BuilderError

MARKER = ".archive-site"
try:
    LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
except OSError:
    LIBC = None


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that stays inside the output folder, or an error."""
    if not path or "\\" in path or "\x00" in path or ":" in path.split("/")[0]:
        raise BuilderError(f"refusing to write unsafe output path {path!r}")
    p = PurePosixPath(path)
    if p.is_absolute() or str(p) != path or any(part in ("..", ".", "") for part in p.parts):
        raise BuilderError(f"refusing to write output path outside the site folder: {path!r}")
    return p


def merge(sources: Iterable[tuple[str, dict[str, bytes]]]) -> dict[str, bytes]:
    """Join the files of several producers; two files at one path is an error."""
    files: dict[str, bytes] = {}
    origin: dict[str, str] = {}
    for name, produced in sources:
        for path, data in produced.items():
            if path in files:
                raise BuilderError(f"two outputs at one path: '{path}' from {origin[path]} and {name}",
                                   hint="rename the static file or the statement slug")
            files[path], origin[path] = data, name
    return files


def write_site(files: dict[str, bytes], output: Path) -> None:
    """Write every file into a fresh folder, then swap it in for ``output``.

    Killed at any moment, the output folder is either the old site or the new
    one, complete; the next build cleans up (under a lock on the parent folder).
    """
    output = output.resolve()
    paths = checked_paths(files)
    output.parent.mkdir(parents=True, exist_ok=True)
    with locked(output.parent):
        recover(output)
        check_replaceable(output)
        tmp = output.with_name(f".{output.name}.new-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            for path in sorted(files):
                target = tmp.joinpath(*paths[path].parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[path])
            (tmp / MARKER).write_bytes(b"")
            swap(tmp, output)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def checked_paths(files: dict[str, bytes]) -> dict[str, PurePosixPath]:
    """Every output path checked before anything is written; a file may not also be a folder."""
    paths = {path: safe_relative(path) for path in files}
    folders = {str(parent) for p in paths.values() for parent in p.parents}
    clash = sorted(folders & set(files))
    if clash:
        raise BuilderError(f"output path '{clash[0]}' would be both a file and a folder",
                           hint="rename the static file or the statement slug")
    return paths


class locked:  # noqa: N801 (used as ``with locked(folder):``)
    """Hold an exclusive lock on ``folder``, released by the kernel even if the process is killed.

    A class, not @contextmanager: that one assigns ``__traceback__``, which a frozen BuilderError refuses.
    """

    def __init__(self, folder: Path):
        self.fd = os.open(folder, os.O_RDONLY)

    def __enter__(self) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: go on unlocked
            pass

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


def check_replaceable(output: Path) -> None:
    """Only a folder this tool made (or an empty or missing one) may be replaced."""
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise BuilderError("refusing to replace a folder that archive did not build", file=str(output),
                           hint="choose an empty or new --output folder")


def swap(new: Path, output: Path) -> None:
    """Put ``new`` at ``output``: one atomic exchange where the kernel has it, else two renames.

    After an exchange ``new`` holds the old site, which the caller deletes.
    """
    if output.exists() and exchange(new, output):
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        os.rename(output, old)
    os.rename(new, output)  # killed before this line: recover() puts ``old`` back
    shutil.rmtree(old, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    renameat2 = getattr(LIBC, "renameat2", None) if LIBC else None
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def recover(output: Path) -> None:
    """Undo what a killed build left: put the old site back if it was moved away, delete temporaries."""
    olds = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not output.exists() and olds:
        os.rename(olds.pop(), output)
    for stale in olds + list(output.parent.glob(f".{output.name}.new-*")):
        shutil.rmtree(stale, ignore_errors=True)
