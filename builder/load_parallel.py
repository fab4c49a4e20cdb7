"""Load stage, across cores: content files → Statements (or their errors), in input order.

Each file is read and looked up in the cache here; the misses (decode,
ingest, YAML, Markdown → HTML) are parsed by forked worker processes when
there are enough of them to pay for it, and the results are cached here.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from builder.cache import LoadCache
from builder.errors import BuilderError, ContentErrors
from builder.ingest.places import keep_in
from builder.load import check_name, guarded, parse_file, read_content
from builder.model import Statement
from builder.progress import Progress
from builder.workers import can_fork, processes

Input = tuple[Path, str, str]  # (path, name in content/, name as messages show it)
Outcome = Statement | list[BuilderError]
PARALLEL_FROM = 200  # cache misses; fewer are parsed here, as forking costs more than it saves
CHUNK = 50
T = TypeVar("T")

_PENDING: list[tuple[Input, bytes, str]] = []  # inherited by forked workers: (input, bytes, language)


def load_all(inputs: list[Input], language: str, cache: LoadCache, workers: int,
             progress: Progress | None) -> list[Outcome]:
    """Every input's Statement, or the errors that name it."""
    found: list[Outcome | tuple[bytes, bytes]] = [looked_up(i, language, cache) for i in tick(inputs, progress)]
    misses = [n for n, f in enumerate(found) if isinstance(f, tuple)]
    pending = [(inputs[n], found[n][0], language) for n in misses]  # type: ignore[index]
    keep_in(cache.folder)  # parsing reads the dateline gazetteer: kept beside the cached statements
    if workers < 2 or len(misses) < PARALLEL_FROM or not can_fork():
        parsed = [outcome(lambda p=p: parse_one(*p)) for p in pending]
    else:
        parsed = parse_forked(pending, workers, progress)
    for n, item in zip(misses, parsed):
        if isinstance(item, Statement):
            cache.put(found[n][1], item)  # type: ignore[index]
        found[n] = item
    return found  # type: ignore[return-value]


def tick(inputs: list[Input], progress: Progress | None) -> Iterator[Input]:
    for done, item in enumerate(inputs, 1):
        if progress:
            progress.advance(done, len(inputs))
        yield item


def looked_up(i: Input, language: str, cache: LoadCache) -> Outcome | tuple[bytes, bytes]:
    """The cached Statement, the file's errors, or (bytes, cache key) still to be parsed."""
    path, name, shown = i

    def read() -> Statement | tuple[bytes, bytes]:
        check_name(shown)
        data = guarded(shown, lambda: read_content(path, shown))
        key = cache.key(data, name, shown, language)
        return cache.get(key) or (data, key)
    return outcome(read)


def parse_one(i: Input, data: bytes, language: str) -> Statement:
    path, name, shown = i
    return guarded(shown, lambda: parse_file(path, data, name, shown, language))


def outcome(step: Callable[[], T]) -> T | list[BuilderError]:
    """The step's result, or its errors as a list."""
    try:
        return step()
    except BuilderError as exc:
        return [exc]
    except ContentErrors as exc:
        return list(exc.errors)


def parse_forked(pending: list[tuple[Input, bytes, str]], workers: int, progress: Progress | None) -> list[Outcome]:
    _PENDING[:] = pending
    chunks = [range(k, min(k + CHUNK, len(pending))) for k in range(0, len(pending), CHUNK)]
    out: list[Outcome] = []
    try:
        # A worker's parsing garbage is its own: it collects as usual (the build pauses the parent's collector).
        with processes(workers, "loading content files", gc.enable) as pool:
            for part in pool.map(parse_chunk, chunks):
                out += part
                if progress:
                    progress.advance(len(out), len(pending))
    finally:
        _PENDING.clear()
    return out


def parse_chunk(indices: range) -> list[Outcome]:
    """In a worker: parse some pending files."""
    return [outcome(lambda n=n: parse_one(*_PENDING[n])) for n in indices]
