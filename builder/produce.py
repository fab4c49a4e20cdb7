"""Render + write stage, across cores: jobs → files in the generation being updated.

A ``Job`` is a named, pure producer of (output path, bytes, sitemap entry or
None): a group of pages to plan and render, or the data, citation or static
files. Jobs are dealt out to worker processes (forked, so they share the
``Site`` without copying it); each worker runs its jobs and hands every file
to the writer's ``Generation.put``, which writes only bytes that changed.
Workers return the paths they produced and the sitemap entries, and the
parent checks that no two jobs claimed one path before anything is published.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from builder.errors import BuilderError, InternalError
from builder.progress import Progress
from builder.write import Generation, checked_paths

Entry = tuple[str, str]  # (URL path, lastmod) of a page the sitemap lists
Files = Iterable[tuple[str, bytes | BinaryIO, Entry | None]]  # an open file: read, then closed, by the writer


@dataclass(frozen=True, slots=True)
class Job:
    name: str  # which producer, for error messages
    run: Callable[[], Files]
    size: int = 1  # units of work, for the progress bar


@dataclass(frozen=True, slots=True)
class Produced:
    paths: dict[str, str]  # output path → job name
    written: int  # files whose bytes changed
    entries: list[Entry]  # for the sitemap


_JOBS: list[Job] = []  # the jobs of the current run, inherited by forked workers
_TARGET: list[Generation] = []
_DONE: list[object] = []  # a shared counter, for the progress bar


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def produce(jobs: list[Job], target: Generation, workers: int, progress: Progress | None = None) -> Produced:
    """Run every job, writing into ``target``; raises BuilderError for the first failure or clash."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = [run_shard(jobs, target, range(len(jobs)), None, progress)]
    else:
        results = run_forked(jobs, target, workers, progress)
    return combine(results)


def run_forked(jobs: list[Job], target: Generation, workers: int, progress: Progress | None) -> list[tuple]:
    context = multiprocessing.get_context("fork")
    done = context.Value("q", 0)
    _JOBS[:], _TARGET[:], _DONE[:] = jobs, [target], [done]
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i].size)  # largest first, dealt in turn
    shards = [order[k::workers] for k in range(workers)]
    total = sum(j.size for j in jobs)
    try:
        with context.Pool(workers) as pool:
            pending = pool.map_async(worker, shards)
            while not pending.ready():
                pending.wait(0.1)
                if progress:
                    progress.advance(done.value, total)
            return pending.get()
    finally:
        _JOBS.clear(), _TARGET.clear(), _DONE.clear()


def worker(shard: list[int]) -> tuple:
    return run_shard(_JOBS, _TARGET[0], shard, _DONE[0], None)


def run_shard(jobs: list[Job], target: Generation, shard: Iterable[int], done: object | None,
              progress: Progress | None) -> tuple:
    """(paths with their job, files written, sitemap entries, error or None); never raises.

    A BuilderError is the input's fault; any other exception is a bug, returned
    as an InternalError carrying the traceback (a worker's own would be lost)."""
    paths: list[tuple[str, str]] = []
    entries: list[Entry] = []
    written, finished, total = 0, 0, sum(j.size for j in jobs)
    job = None
    try:
        for index in shard:
            job = jobs[index]
            for path, data, entry in job.run():
                written += target.put(path, data)
                paths.append((path, job.name))
                if entry is not None:
                    entries.append(entry)
            finished += job.size
            if done is not None:
                with done.get_lock():  # type: ignore[attr-defined]
                    done.value += job.size  # type: ignore[attr-defined]
            elif progress:
                progress.advance(finished, total)
    except (BuilderError, InternalError) as exc:
        return paths, written, entries, exc
    except Exception:  # noqa: BLE001 (a bug: sent back with its traceback, raised by the parent)
        doing = f"producing the {job.name if job else ''} files" + (f" (after {paths[-1][0]})" if paths else "")
        return paths, written, entries, InternalError(doing, traceback.format_exc())
    return paths, written, entries, None


def combine(results: list[tuple]) -> Produced:
    """One table of paths; a worker's error or a path claimed twice fails the build."""
    for *_, error in results:
        if error is not None:
            raise error
    origin: dict[str, str] = {}
    for paths, *_ in results:
        for path, name in paths:
            if path in origin:
                raise BuilderError(f"two outputs at one path: '{path}' from {origin[path]} and {name}",
                                   hint="rename the static file or the statement slug")
            origin[path] = name
    checked_paths(origin)
    return Produced(origin, sum(r[1] for r in results), [e for r in results for e in r[2]])
