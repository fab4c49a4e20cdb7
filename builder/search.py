"""Search stage: rendered statement pages → the Pagefind index, one shard per year, under pagefind/.

Pagefind (PyPI ``pagefind[extended]``, which ships the binary) indexes only what
statement pages mark with ``data-pagefind-body``: their title and text, with
filters, metadata and a date sort. It has no incremental mode, so the index is
split into shards, one complete Pagefind bundle per year of the statements'
dates (``pagefind/2023/``…); the search page loads the newest as its primary
index and merges the others (``mergeIndex``), so one search covers all years.

A shard is indexed again only when its input changed. Its fingerprint is a
hash of its statement pages, the base path and Pagefind's version, kept in the
shard as ``fingerprint.txt`` (written last). A build names each page by its
plan fingerprint (``builder.plan``: equal fingerprints render equal bytes), so
it reads no page to know which shards changed (at 10,000 statements, reading
and hashing every statement page took 0.2 s of each build); ``serve``'s
preview, whose page has no plan fingerprint, hashes the pages' bytes.
When a generation of the site already holds a shard with that fingerprint, its
files are kept (the target generation) or copied (the served one) instead of
running Pagefind. The cache folder keeps a copy of each year's last shard, as
one file (``<cache>/search/pagefind/<year>-<fingerprint>.pickle``), so a build that has the cache but no
site, as on a CI runner that restores ``.cache/archive`` before publishing,
copies the shards of unchanged years from there. The shards that need it run
in parallel, each in a scratch site under the base path (so result URLs carry
it). Pagefind's ready-made user
interfaces are left out: the search page (static/search.js) uses only its
JavaScript API (pagefind.js, its worker, WebAssembly and index).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from builder import urls
from builder.errors import BuilderError
from builder.manifest import store as put_file
from builder.manifest import stored
from builder.write import files_in

# Pagefind's ready-made interfaces, which the search page does not load.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
FINGERPRINT = "fingerprint.txt"
# Bump when what a shard holds or what its fingerprint covers changes, so old shards are rebuilt.
SHARD_FORMAT = "archive-search-shard 1"
HINT = "pip install 'pagefind[extended]', or build with --no-search"


@dataclass(frozen=True, slots=True)
class Shard:
    """One year's statement pages (paths in the site), indexed as one Pagefind bundle."""

    year: int
    pages: tuple[str, ...]

    @property
    def folder(self) -> str:
        return urls.search_shard(self.year)


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """What one build did with the shards besides giving the copied and re-indexed ones to ``put``."""

    kept: tuple[str, ...]  # paths of the shards the target generation already holds
    indexed: tuple[int, ...]  # the shards Pagefind ran for (the others given to ``put`` were copied)


# Write one shard's files ({'pagefind/<year>/…': bytes}): the shard's folder is replaced by exactly those.
Put = Callable[[Shard, dict[str, bytes]], None]


def shard_years(years: Iterable[int]) -> tuple[int, ...]:
    """The shards for statements dated in ``years``, newest first: the search page's primary comes first."""
    return tuple(sorted(set(years), reverse=True))


def plan_shards(pages: Iterable[tuple[int, str]]) -> tuple[Shard, ...]:
    """(year, page path) pairs → one shard per year, newest first, each with its pages sorted."""
    by_year: dict[int, list[str]] = {}
    for year, path in pages:
        by_year.setdefault(year, []).append(path)
    return tuple(Shard(y, tuple(sorted(by_year[y]))) for y in shard_years(by_year))


def search_index(target: Path, served: Path | None, shards: tuple[Shard, ...], base_path: str, put: Put,
                 workers: int = 1, store: Path | None = None, planned: Mapping[str, bytes] | None = None,
                 version: Callable[[], str] | None = None, sizes: Mapping[str, int] | None = None) -> SearchIndex:
    """The shards for the pages written in the ``target`` generation; ``served``: the other generation;
    ``store``: the cache folder's copy of the shards (``<cache>/search``), or None; ``planned``: the
    pages' plan fingerprints (None: the pages' bytes are read and hashed instead); ``version``: gives
    Pagefind's version (``version_asked``: asked earlier; None: asked now); ``sizes``: the pages' sizes,
    where known (``index_shard``).

    A shard whose fingerprint ``target`` holds is kept; one that ``served`` or
    ``store`` holds is copied from there; the rest are indexed, up to
    ``workers`` at a time. Each copied or indexed shard is given to ``put`` as
    soon as it is ready (and kept in ``store``), so one shard's files at a time
    wait in memory, not the whole index's (20 MB at 10,000 statements). Then
    ``store`` is brought up to date.
    """
    said = (version or pagefind_version)()
    kept: list[str] = []
    todo: list[Shard] = []
    wanted = {shard: fingerprint(target, shard, base_path, said, planned) for shard in shards}

    def give(shard: Shard, bundle: dict[str, bytes]) -> None:
        put(shard, bundle)
        if store is not None:
            keep_in_store(store, shard, wanted[shard], lambda: bundle)

    for shard in shards:
        held = holding(target, shard.folder, wanted[shard])
        if held is not None:
            kept += held
        elif (there := holding(served, shard.folder, wanted[shard]) if served else None) is not None:
            give(shard, {path: (served / path).read_bytes() for path in there})  # type: ignore[operator]
        elif (bundle := stored_shard(store, shard, wanted[shard]) if store else None) is not None:
            give(shard, bundle)
        else:
            todo.append(shard)
    for shard, bundle in zip(todo, in_parallel(lambda s: index_shard(target, s, base_path, sizes), todo, workers)):
        bundle[shard.folder + FINGERPRINT] = fingerprint_text(wanted[shard])
        give(shard, bundle)
    if store is not None:
        tidy_store(store, target, wanted)
    return SearchIndex(tuple(sorted(kept)), tuple(s.year for s in todo))


def tidy_shards(root: Path, shards: Iterable[Shard]) -> None:
    """Delete from ``root``'s ``pagefind/`` whatever is not one of ``shards``' folders (a year left without
    statements, a stray file or scratch folder). ``root``: the generation a build's search stage just made
    (the writer's prune spares ``pagefind/`` while the shards are made; not ``serve``'s preview, which indexes
    one year)."""
    folder = root / urls.PAGEFIND.rstrip("/")
    wanted = {Path(shard.folder).name for shard in shards}
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        real_folder = entry.is_dir() and not entry.is_symlink()
        if real_folder and entry.name in wanted:
            continue
        if real_folder:
            shutil.rmtree(entry)
        else:
            entry.unlink()


def stored_path(store: Path, shard: Shard, fingerprint: str) -> Path:
    """Where ``store`` keeps a shard with that fingerprint: one file, '<cache>/search/pagefind/<year>-<fingerprint>.pickle'."""
    return store / urls.PAGEFIND / f"{shard.year}-{fingerprint}.pickle"


def stored_shard(store: Path, shard: Shard, fingerprint: str) -> dict[str, bytes] | None:
    """The shard's files ({'pagefind/<year>/…': bytes}) if ``store`` keeps it with that fingerprint, whole; else None
    (and a damaged file there is deleted, for the shard indexed again to take its place)."""
    path = stored_path(store, shard, fingerprint)
    bundle = stored(path, dict)
    if bundle is None or bundle.get(shard.folder + FINGERPRINT) != fingerprint_text(fingerprint):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return bundle


def keep_in_store(store: Path, shard: Shard, fingerprint: str, bundle: Callable[[], dict[str, bytes]]) -> None:
    """Keep the shard in ``store`` unless it holds that fingerprint already (a file's name: nothing read), as
    one file written beside its place and renamed there (a folder of 368 files for a year of the
    10,000-statement benchmark took 0.17 s to write on this machine's disk; all 29 years 5.3 s). A failure
    costs only time (the next build without a site indexes that year again)."""
    path = stored_path(store, shard, fingerprint)
    try:
        if not path.exists() and (files := bundle()):
            put_file(path, files)  # (the year's other fingerprints go with ``tidy_store``, which always follows)
    except OSError:
        pass


def tidy_store(store: Path, target: Path, wanted: dict[Shard, str]) -> None:
    """Keep in ``store`` the shards ``target`` kept as they were, and drop everything else there (years no
    longer planned, other fingerprints, scratch files, the folders of shards kept before 2026-12-06)."""
    for shard, fp in wanted.items():
        keep_in_store(store, shard, fp, lambda: {p: (target / p).read_bytes()
                                                  for p in holding(target, shard.folder, fp) or ()})
    names = {stored_path(store, shard, fp).name for shard, fp in wanted.items()}
    try:
        for entry in os.scandir(store / urls.PAGEFIND):
            if entry.name not in names:
                shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
    except OSError:
        pass  # the store only saves time


def fingerprint(folder: Path, shard: Shard, base_path: str, version: str,
                planned: Mapping[str, bytes] | None = None) -> str:
    """SHA-256 of what a shard is made from: its pages' paths and their plan fingerprints (``planned``; a
    page it lacks is read from ``folder``: its bytes), the base path, Pagefind's version."""
    digest = hashlib.sha256(f"{SHARD_FORMAT}\0{version}\0{base_path}\0{shard.year}\0".encode())
    planned = planned or {}
    for path in shard.pages:
        known = planned.get(path)
        data = (folder / path).read_bytes() if known is None else known
        digest.update(f"{path}\0{'bytes' if known is None else 'planned'}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def writing_order(paths: Iterable[str]) -> list[str]:
    """A shard's paths in the order to write them: its fingerprint last, so a shard that has one is whole."""
    return sorted(paths, key=lambda p: (p.endswith("/" + FINGERPRINT), p))


def fingerprint_text(fingerprint: str) -> bytes:
    return f"{fingerprint}\n".encode("ascii")


def holding(folder: Path, shard_path: str, fingerprint: str) -> list[str] | None:
    """The paths of the shard at ``shard_path`` in the site ``folder`` if its fingerprint matches, else None.

    A shard's folder only ever holds one run's files (it is replaced whole), and
    its fingerprint is written last, so a match means a complete shard.
    """
    if not holds(folder, shard_path, fingerprint):
        return None
    return sorted(files_in(os.path.join(folder, shard_path), shard_path))


def holds(folder: Path, shard_path: str, fingerprint: str) -> bool:
    """Whether the site ``folder`` holds the shard at ``shard_path`` with that fingerprint (see ``holding``)."""
    try:
        return (folder / shard_path / FINGERPRINT).read_bytes() == fingerprint_text(fingerprint)
    except OSError:
        return False


def in_parallel(work: Callable[[Shard], dict[str, bytes]], shards: list[Shard], workers: int) -> Iterator[dict[str, bytes]]:
    """``work`` for each shard, in order, each result as soon as it and those before it are done; up to
    ``workers`` at once (each is a Pagefind process)."""
    if len(shards) <= 1 or workers <= 1:
        yield from (work(s) for s in shards)
        return
    with ThreadPoolExecutor(max_workers=min(workers, len(shards))) as pool:
        yield from pool.map(work, shards)


def index_shard(folder: Path, shard: Shard, base_path: str,
                sizes: Mapping[str, int] | None = None) -> dict[str, bytes]:
    """Index one shard's pages (paths in the site ``folder``); {'pagefind/<year>/…': bytes}. ``sizes``: the pages'
    sizes where known (where the scratch site goes depends on them: ``scratch_folder``).

    The pages are hard-linked (copied where links fail) into a scratch site
    under the base path, so result URLs carry it.
    """
    with tempfile.TemporaryDirectory(prefix=f"archive-pagefind-{shard.year}-", dir=scratch_folder(folder, shard, sizes)) as tmp:
        site = Path(tmp) / "site"
        under = site.joinpath(*[p for p in base_path.split("/") if p])
        for path in shard.pages:
            target = under / path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(folder / path, target)
            except OSError:
                shutil.copyfile(folder / path, target)
        out = Path(tmp) / "pagefind"
        run_pagefind(site, out)
        return {shard.folder + p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(UNUSED)}


MEMORY_FOLDER = "/dev/shm"  # a memory file system, where the system has one


def scratch_folder(folder: Path, shard: Shard, sizes: Mapping[str, int] | None = None) -> str | None:
    """Where to make a shard's scratch site: in memory (``MEMORY_FOLDER``) when it has room for four times the
    shard's pages (their copies, Pagefind's bundle, a margin), else where ``tempfile`` puts temporary files
    (None). Each page is a folder of its own there, and Pagefind writes hundreds of files: a year of the
    10,000-statement benchmark (345 pages) is indexed in 0.53 s instead of 0.74-0.77 s on this machine's
    disk (ext4). ``sizes``: the pages' sizes where known (else each is asked of ``folder``)."""
    if not os.path.isdir(MEMORY_FOLDER) or not os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
        return None
    known = sizes or {}
    try:
        pages = sum(known[page] if page in known else os.path.getsize(folder / page) for page in shard.pages)
        room = os.statvfs(MEMORY_FOLDER)
    except OSError:
        return None
    needed = 4 * pages + (16 << 20)
    return MEMORY_FOLDER if room.f_bavail * room.f_frsize >= needed else None


BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")  # what ``pagefind[extended]`` installs, or plain


@functools.cache
def pagefind_program() -> tuple[str, ...]:
    """The command that runs Pagefind: its binary, found as the ``pagefind`` package finds it (the
    ``PAGEFIND_BINARY_PATH`` variable, else the public ``get_executable`` of the package that ships it), else
    ``python -m pagefind``, which does the same after starting a Python (0.07-0.1 s on each run). Not through
    ``pagefind.service.get_executable``, whose module imports asyncio: 10 MB more in the build's process."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    found: Path | None = Path(named) if named else None
    for package in () if found else BINARY_PACKAGES:
        try:
            found = Path(importlib.import_module(package).get_executable())
            break
        except (ImportError, AttributeError, OSError):  # not installed, another API, no binary in it
            continue
    if found is not None and found.is_file() and os.access(found, os.X_OK):
        return (str(found),)
    return (sys.executable, "-m", "pagefind")


@functools.cache
def pagefind_version() -> str:
    """What ``pagefind --version`` says (e.g. 'pagefind 1.5.2'): part of every shard's fingerprint."""
    return pagefind_command("--version").strip()


def version_asked() -> Callable[[], str]:
    """``pagefind_version`` asked now, in a thread that waits for Pagefind (mostly a Python's start: 0.07-0.11 s,
    which was on the search stage's path); what it returns gives the answer, or raises what asking raised.
    A build asks at its start, so the answer is there when its search stage begins."""
    pool = ThreadPoolExecutor(max_workers=1)
    answer = pool.submit(pagefind_version)
    pool.shutdown(wait=False)
    return answer.result


def run_pagefind(site: Path, out: Path) -> None:
    """Run the Pagefind binary over ``site`` into ``out``; a failure is a BuilderError naming the fix."""
    pagefind_command("--site", str(site), "--output-path", str(out), "--silent")
    if not (out / "pagefind.js").exists():
        raise BuilderError("Pagefind failed: it wrote no pagefind.js", hint=HINT)


def pagefind_command(*args: str) -> str:
    """Run Pagefind (``pagefind_program``) with ARGS; its output, or a BuilderError with its last line and the
    fix."""
    try:
        result = subprocess.run([*pagefind_program(), *args], capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuilderError(f"could not run Pagefind: {exc}", hint=HINT) from None
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuilderError(f"Pagefind failed: {reason[0]}", hint=HINT)
    return result.stdout

