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

import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import jinja2

from builder.errors import BuilderError, InternalError
from builder.pages import Page
from builder.progress import Progress
from builder.render import make_environment, preload, render_page
from builder.urls import output_file
from builder.views import Chrome
from builder.workers import can_fork, processes
from builder.write import Generation, checked_paths

CHUNKS_PER_WORKER = 8  # smaller chunks share the work out more evenly; each costs one pickle round trip
MAX_CHUNK = 400


@dataclass(frozen=True, slots=True)
class Job:
    """Files that are not pages, made in the parent process."""

    name: str  # which producer, for error messages
    run: Callable[[], Iterable[tuple[str, bytes | BinaryIO]]]  # an open file: read, then closed, by the writer


@dataclass(frozen=True, slots=True)
class Renderer:
    """What a worker needs to render any page: picklable, sent once per worker."""

    templates: Path
    chrome: Chrome
    target: Generation


@dataclass(frozen=True, slots=True)
class Produced:
    paths: dict[str, str]  # output path → producer, for the files that are not pages
    written: int  # files whose bytes changed


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def produce(pages: list[Page], jobs: list[Job], renderer: Renderer, workers: int,
            progress: Progress | None = None) -> Produced:
    """Render ``pages`` and run ``jobs``, writing into ``renderer.target``; raises the first failure or clash."""
    chunks = chunked(pages, workers)
    workers = max(1, min(workers, len(chunks)))
    if workers == 1 or not can_fork():
        env = make_environment(renderer.templates)  # one environment: its ``once`` memo serves every chunk
        rendered = [rendered_files(chunk, env, renderer) for chunk in chunks]
        advance(progress, len(pages), len(pages))
        made = run_jobs(jobs, renderer.target)
    else:
        rendered, made = render_in_workers(chunks, jobs, renderer, workers, progress, len(pages))
    return combine(rendered, made)


def chunked(pages: list[Page], workers: int) -> list[list[Page]]:
    size = max(1, min(MAX_CHUNK, -(-len(pages) // (workers * CHUNKS_PER_WORKER))))
    return [pages[i:i + size] for i in range(0, len(pages), size)]


def render_in_workers(chunks: list[list[Page]], jobs: list[Job], renderer: Renderer, workers: int,
                      progress: Progress | None, total: int) -> tuple[list[tuple], tuple]:
    """Chunks go out to the workers; the parent runs the file jobs, then collects the chunks as they finish."""
    with processes(workers, "rendering pages", start_worker, (renderer,)) as pool:
        pending = [pool.submit(render_chunk, chunk) for chunk in chunks]
        try:
            made = run_jobs(jobs, renderer.target)
            rendered, done = [], 0
            for finished in as_completed(pending):
                rendered.append(finished.result())
                done += rendered[-1][3]
                advance(progress, done, total)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # chunks not yet started are dropped
            raise
    return rendered, made


_WORKER: list[tuple[jinja2.Environment, Renderer]] = []  # this worker's environment, made by ``start_worker``


def start_worker(renderer: Renderer) -> None:
    env = make_environment(renderer.templates)
    preload(env)
    _WORKER[:] = [(env, renderer)]


def render_chunk(chunk: list[Page]) -> tuple:
    env, renderer = _WORKER[0]
    return rendered_files(chunk, env, renderer)


def rendered_files(chunk: list[Page], env: jinja2.Environment, renderer: Renderer) -> tuple:
    """(paths, files written, error or None, pages done); never raises.

    A BuilderError is the input's fault; any other exception is a bug, returned
    as an InternalError carrying the traceback (a worker's own would be lost)."""
    paths: list[str] = []
    written = 0
    try:
        for p in chunk:
            path = output_file(p.path)
            written += renderer.target.put(path, render_page(p, env, renderer.chrome))
            paths.append(path)
    except (BuilderError, InternalError) as exc:
        return paths, written, exc, len(chunk)
    except Exception:  # noqa: BLE001 (a bug: sent back with its traceback, raised by the parent)
        after = f" (after {paths[-1]})" if paths else ""
        return paths, written, InternalError(f"rendering pages{after}", traceback.format_exc()), len(chunk)
    return paths, written, None, len(chunk)


@dataclass(frozen=True, slots=True)
class Written:
    sizes: dict[str, int]  # output path → bytes
    written: int  # of which changed


def write_files(files: Iterable[tuple[str, bytes | BinaryIO]], target: Generation) -> Written:
    """Put each file into ``target`` as it comes; their sizes (the Data page lists the data files')."""
    sizes: dict[str, int] = {}
    written = 0
    for path, data in files:
        sizes[path] = len(data) if isinstance(data, bytes) else os.fstat(data.fileno()).st_size
        written += target.put(path, data)
    return Written(sizes, written)


def run_jobs(jobs: list[Job], target: Generation) -> tuple[list[tuple[str, str]], int, Exception | None]:
    """([(path, job name)], files written, error or None) for the file jobs, run here in turn."""
    paths: list[tuple[str, str]] = []
    written = 0
    job = None
    try:
        for job in jobs:
            done = write_files(job.run(), target)
            written += done.written
            paths += [(path, job.name) for path in done.sizes]
    except (BuilderError, InternalError) as exc:
        return paths, written, exc
    except Exception:  # noqa: BLE001 (a bug)
        return paths, written, InternalError(f"producing the {job.name if job else ''} files", traceback.format_exc())
    return paths, written, None


def advance(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress.advance(done, total)


def combine(rendered: list[tuple], made: tuple[list[tuple[str, str]], int, Exception | None]) -> Produced:
    """The file jobs' paths by producer; an error, or a path two jobs claim, fails the build. (Pages are
    claimed by the plan, which has checked them already.)"""
    for _, _, error, _ in rendered:
        if error is not None:
            raise error
    if made[2] is not None:
        raise made[2]
    origin: dict[str, str] = {}
    for path, name in made[0]:
        if path in origin:
            raise BuilderError(f"two outputs at one path: '{path}' from {origin[path]} and {name}",
                               hint="rename the static file")
        origin[path] = name
    checked_paths(origin)
    return Produced(origin, sum(r[1] for r in rendered) + made[1])
