"""Render + write stage, across cores: planned pages and file jobs → files in the generation being updated.

The pages to render are cut into chunks and sent to worker processes as
data (pickled ``Page``s: a worker needs nothing else but the templates folder
and the chrome, given once when it starts). Each worker renders its chunk and
hands every file to the writer's ``Generation.put``, which writes only bytes
that changed. Meanwhile the parent makes the files that are not pages (data
downloads, citations, static files) from the ``Site`` it holds. Every file is
claimed by one producer: a path claimed twice fails the build before anything
is published.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, as_completed, wait
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import jinja2

from builder.data import Original
from builder.errors import BuilderError, InternalError
from builder.pages import Page
from builder.progress import Progress
from builder.render import make_environment, preload, render_page
from builder.shipping import shipped, unshipped
from builder.urls import output_file
from builder.views import Chrome
from builder.workers import can_fork, processes
from builder.write import Generation, checked_paths

# Streaming the plan into the workers keeps at most IN_FLIGHT chunks a worker of page contexts in memory:
# at 10,000 statements a cold build peaked at 263 MB, against 429 MB with the whole plan made first
# (bench/results/2026-11-30.md).
STREAM_CHUNK = 100  # pages a chunk sent to a worker: each costs one pickle round trip
IN_FLIGHT = 2  # chunks a worker that may wait, sent but not rendered, while the plan goes on


@dataclass(frozen=True, slots=True)
class Job:
    """Files that are not pages, made in the parent process."""

    name: str  # which producer, for error messages
    run: Callable[[], Iterable[tuple[str, bytes]]]


@dataclass(frozen=True, slots=True)
class Renderer:
    """What a worker needs to render any page: picklable, sent once per worker."""

    templates: Path
    chrome: Chrome
    target: Generation
    compiled: Path | None = None  # the cache folder for compiled templates (``render.bytecode_cache``)


@dataclass(frozen=True, slots=True)
class Produced:
    paths: dict[str, str]  # output path → producer, for the files that are not pages
    written: int  # files whose bytes changed
    sizes: dict[str, int]  # output path → bytes, of every file rendered or made (pages and the others)

    def joined(self, later: Produced) -> Produced:
        """This and what a later ``produce`` of the same build made (pages are claimed by the plan; the
        files that are not pages come from one ``produce`` of a build)."""
        return Produced({**self.paths, **later.paths}, self.written + later.written, {**self.sizes, **later.sizes})


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def produce(pages: Iterable[Page], jobs: list[Job], renderer: Renderer, workers: int,
            progress: Progress | None = None) -> Produced:
    """Render ``pages`` and run ``jobs``, writing into ``renderer.target``; raises the first failure or clash.

    ``pages`` may be a generator (the plan, as it goes): each chunk is sent to a worker as soon as it is
    full, and at most ``IN_FLIGHT`` chunks a worker wait to be rendered, so the pages planned but not yet
    rendered never pile up in memory."""
    chunks = chunked(pages, STREAM_CHUNK)
    first = list(islice(chunks, 2))  # no workers for one chunk (e.g. after an edit)
    if workers == 1 or not can_fork() or len(first) < 2:
        env = make_environment(renderer.templates, renderer.compiled)  # one environment: one ``once`` memo
        rendered, done = [], 0
        for chunk in chain(first, chunks):
            rendered.append(rendered_files(chunk, env, renderer))
            done += len(chunk)
            advance(progress, done, done)
        made = run_jobs(jobs, renderer.target)
    else:
        rendered, made = render_in_workers(chain(first, chunks), jobs, renderer, workers, progress)
    return combine(rendered, made)


def chunked(pages: Iterable[Page], size: int) -> Iterator[list[Page]]:
    chunk: list[Page] = []
    for p in pages:
        chunk.append(p)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def render_in_workers(chunks: Iterable[list[Page]], jobs: list[Job], renderer: Renderer, workers: int,
                      progress: Progress | None) -> tuple[list[tuple], tuple]:
    """Chunks go out to the workers as they come; then the parent runs the file jobs and collects the rest."""
    rendered: list[tuple] = []
    counts = [0, 0]  # pages done, pages sent

    def collect(finished: Iterable[Future]) -> None:
        for future in finished:
            rendered.append(future.result())
            counts[0] += rendered[-1][3]
            advance(progress, counts[0], counts[1])

    with processes(workers, "rendering pages", start_worker, (renderer,)) as pool:
        pending: set[Future] = set()
        try:
            for chunk in chunks:
                if len(pending) >= IN_FLIGHT * workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    collect(finished)
                counts[1] += len(chunk)
                pending.add(pool.submit(render_chunk, shipped(chunk)))
            made = run_jobs(jobs, renderer.target)
            collect(as_completed(pending))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # chunks not yet started are dropped
            raise
    return rendered, made


_WORKER: list[tuple[jinja2.Environment, Renderer]] = []  # this worker's environment, made by ``start_worker``


def start_worker(renderer: Renderer) -> None:
    env = make_environment(renderer.templates, renderer.compiled)
    preload(env)
    _WORKER[:] = [(env, renderer)]


def render_chunk(chunk: bytes) -> tuple:
    """A chunk of pages ``shipped`` to this worker (``builder.shipping``), rendered and written."""
    env, renderer = _WORKER[0]
    return rendered_files(unshipped(chunk), env, renderer)


def rendered_files(chunk: list[Page], env: jinja2.Environment, renderer: Renderer) -> tuple:
    """({path: size in bytes}, files written, error or None, pages done); never raises.

    A BuilderError is the input's fault; any other exception is a bug, returned
    as an InternalError carrying the traceback (a worker's own would be lost)."""
    sizes: dict[str, int] = {}
    written = 0
    try:
        for p in chunk:
            path = output_file(p.path)
            data = render_page(p, env, renderer.chrome)
            written += renderer.target.put(path, data)
            sizes[path] = len(data)
    except (BuilderError, InternalError) as exc:
        return sizes, written, exc, len(chunk)
    except Exception:  # noqa: BLE001 (a bug: sent back with its traceback, raised by the parent)
        after = f" (after {list(sizes)[-1]})" if sizes else ""
        return sizes, written, InternalError(f"rendering pages{after}", traceback.format_exc()), len(chunk)
    return sizes, written, None, len(chunk)


@dataclass(frozen=True, slots=True)
class Written:
    sizes: dict[str, int]  # output path → bytes
    written: int  # of which changed
    fingerprints: dict[str, bytes]  # output path → hash of its bytes, when ``write_files`` was given ``held``


def write_files(files: Iterable[tuple[str, bytes | Original]], target: Generation,
                held: dict[str, bytes] | None = None) -> Written:
    """Put each file into ``target`` as it comes; their sizes (the Data page lists the data files').

    With ``held`` (file → fingerprint of the files ``target`` holds, ``builder.manifest``), each file's
    fingerprint is the hash of its bytes (an ``Original``'s SHA-256, known without reading it), and a file
    ``target`` holds with that fingerprint is left as it is, neither read nor compared (its entry is taken
    out of ``held``, which later stages do not need it in). At 10,000 statements (20,000 per-statement
    data files, half of them originals that were read only to be compared), the data stage of an edit took
    0.68-0.74 s instead of 0.88-0.95 s, builds alternated (``bench/results/2026-12-05-d.md``)."""
    sizes: dict[str, int] = {}
    fingerprints: dict[str, bytes] = {}
    written = 0
    for path, item in files:
        if held is not None:
            fingerprints[path] = fp = item.fingerprint if isinstance(item, Original) else content_hash(item)
            if held.pop(path, None) == fp:  # (popped: no later stage needs it; 3 MB less at 10,000 statements)
                sizes[path] = item.size if isinstance(item, Original) else len(item)
                continue
        data = item.read() if isinstance(item, Original) else item
        sizes[path] = len(data)
        written += target.put(path, data)
    return Written(sizes, written, fingerprints)


def content_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def run_jobs(jobs: list[Job], target: Generation) -> tuple[list[tuple[str, str, int]], int, Exception | None]:
    """([(path, job name, size)], files written, error or None) for the file jobs, run here in turn."""
    paths: list[tuple[str, str, int]] = []
    written = 0
    job = None
    try:
        for job in jobs:
            done = write_files(job.run(), target)
            written += done.written
            paths += [(path, job.name, size) for path, size in done.sizes.items()]
    except (BuilderError, InternalError) as exc:
        return paths, written, exc
    except Exception:  # noqa: BLE001 (a bug)
        return paths, written, InternalError(f"producing the {job.name if job else ''} files", traceback.format_exc())
    return paths, written, None


def advance(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress.advance(done, total)


def combine(rendered: list[tuple], made: tuple[list[tuple[str, str, int]], int, Exception | None]) -> Produced:
    """The file jobs' paths by producer; an error, or a path two jobs claim, fails the build. (Pages are
    claimed by the plan, which has checked them already.)"""
    for _, _, error, _ in rendered:
        if error is not None:
            raise error
    if made[2] is not None:
        raise made[2]
    origin: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for path, name, size in made[0]:
        if path in origin:
            raise BuilderError(f"two outputs at one path: '{path}' from {origin[path]} and {name}",
                               hint="rename the static file")
        origin[path] = name
        sizes[path] = size
    checked_paths(origin)
    for r in rendered:
        sizes.update(r[0])
    return Produced(origin, sum(r[1] for r in rendered) + made[1], sizes)
