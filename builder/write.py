"""Write stage, the only writer of the output folder.

Builds the new site in a temporary folder next to the output and swaps it in
only when complete, so a failed or killed build leaves the last good site.
Refuses paths that would escape the folder and two files at one path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from builder.errors import BuilderError

MARKER = ".archive-site"


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that stays inside the output folder, or an error."""
    if not path or "\\" in path or "\x00" in path or ":" in path.split("/")[0]:
        raise BuilderError(f"refusing to write unsafe output path {path!r}")
    p = PurePosixPath(path)
    if p.is_absolute() or any(part in ("..", ".", "") for part in p.parts):
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
    """Write every file into a fresh folder, then swap it in for ``output``."""
    output = output.resolve()
    recover(output)
    check_replaceable(output)
    tmp = output.with_name(f".{output.name}.new-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        for path in sorted(files):
            target = tmp.joinpath(*safe_relative(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        (tmp / MARKER).write_bytes(b"")
        swap(tmp, output)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_replaceable(output: Path) -> None:
    """Only a folder this tool made (or an empty or missing one) may be replaced."""
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise BuilderError("refusing to replace a folder that archive did not build", file=str(output),
                           hint="choose an empty or new --output folder")


def swap(new: Path, output: Path) -> None:
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        os.rename(output, old)
    os.rename(new, output)
    shutil.rmtree(old, ignore_errors=True)


def recover(output: Path) -> None:
    """If a previous build was killed between the two renames, put the old site back."""
    if output.exists():
        for stale in output.parent.glob(f".{output.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
        return
    olds = sorted(output.parent.glob(f".{output.name}.old-*"))
    if olds:
        os.rename(olds[-1], output)
