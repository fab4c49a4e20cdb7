"""Load stage, across cores: content files → Statements (or their errors), in input order.

Each file is looked up in the cache here, by its SHA-256 as the inputs stage
found it (``builder.unchanged.Inputs``; read and hashed here when it is not
known), and read only when it is a miss; the misses (decode, ingest, YAML,
Markdown → HTML) are parsed by forked worker processes when there are enough
of them to pay for it, and the results are cached here. A miss is keyed by
the bytes it parsed, so a file changed since the inputs stage never puts
another text under its earlier digest.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from builder.cache import FETCH, LoadCache
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
             progress: Progress | None, digests: Mapping[str, bytes] | None = None) -> list[Outcome]:
    """Every input's Statement, or the errors that name it. ``digests``: SHA-256 of the files by name, as
    the inputs stage read them."""
    return [item for item, _ in load_keyed(inputs, language, cache, workers, progress, digests)]


def load_keyed(inputs: list[Input], language: str, cache: LoadCache, workers: int, progress: Progress | None,
               digests: Mapping[str, bytes] | None = None) -> list[tuple[Outcome, bytes]]:
    """``load_all``, each outcome with the cache key of the bytes it was parsed from (``LoadCache.key``: the
    bytes' SHA-256, the file's names, the language and the builder's code); b'' for a file with errors."""
    known = digests or {}
    found: list[Outcome | tuple[bytes, bytes]] = []
    keys: list[bytes] = []
    for n, i in enumerate(tick(inputs, progress)):
        if n % FETCH == 0:  # the next inputs' entries read at once, a part at a time (each part's pickles held)
            cache.fetch([cache.key(digest, name, shown, language) for _, name, shown in inputs[n:n + FETCH]
                         if (digest := known.get(name)) is not None])
        item, key = looked_up(i, language, cache, known.get(i[1]))
        found.append(item)
        keys.append(key)
    misses = [n for n, f in enumerate(found) if isinstance(f, tuple)]
    pending = [(inputs[n], found[n][0], language) for n in misses]  # type: ignore[index]
    keep_in(cache.folder)  # parsing reads the dateline gazetteer: kept beside the cached statements
    if workers < 2 or len(misses) < PARALLEL_FROM or not can_fork():
        parsed: Iterable[Outcome | bytes] = (outcome(lambda p=p: parse_one(*p)) for p in pending)
    else:
        parsed = parse_forked(pending, workers, progress)
    for n, item in zip(misses, parsed):  # each unpickled as it comes: the pickles are never all held
        if isinstance(item, (Statement, bytes)):
            cache.put(found[n][1], item)  # type: ignore[index]
        found[n] = pickle.loads(item) if isinstance(item, bytes) else item  # noqa: S301 (our worker's)
    return list(zip(found, keys))  # type: ignore[arg-type]


def tick(inputs: list[Input], progress: Progress | None) -> Iterator[Input]:
    for done, item in enumerate(inputs, 1):
        if progress:
            progress.advance(done, len(inputs))
        yield item


def looked_up(i: Input, language: str, cache: LoadCache,
              digest: bytes | None) -> tuple[Outcome | tuple[bytes, bytes], bytes]:
    """(the cached Statement, the file's errors, or (bytes, key) still to be parsed; the cache key of the
    file's bytes, b'' for a file with errors). ``digest``: the file's SHA-256 if known; then it is read only
    on a miss."""
    path, name, shown = i

    def read() -> tuple[Statement | tuple[bytes, bytes], bytes]:
        check_name(shown)
        if digest is not None:
            key = cache.key(digest, name, shown, language)
            if cache.db is not None and (hit := cache.get(key)):
                return hit, key
        data = guarded(shown, lambda: read_content(path, shown))
        actual = hashlib.sha256(data).digest()
        key = cache.key(actual, name, shown, language)
        if actual == digest:  # looked up above already: a miss
            return (data, key), key
        return cache.get(key) or (data, key), key
    found = outcome(read)
    return (found, b"") if isinstance(found, list) else found


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


def parse_forked(pending: list[tuple[Input, bytes, str]], workers: int,
                 progress: Progress | None) -> Iterator[bytes | list[BuilderError]]:
    _PENDING[:] = pending
    chunks = [range(k, min(k + CHUNK, len(pending))) for k in range(0, len(pending), CHUNK)]
    done = 0
    try:
        with processes(workers, "loading content files") as pool:  # (a worker collects its own garbage)
            for part in pool.map(parse_chunk, chunks):
                done += len(part)
                if progress:
                    progress.advance(done, len(pending))
                yield from part
    finally:
        _PENDING.clear()


def parse_chunk(indices: range) -> list[bytes | list[BuilderError]]:
    """In a worker: parse some pending files, each Statement pickled here. The build's process unpickles it
    and caches these bytes, so it never pickles the statement itself, which would leave a UTF-8 copy in
    each of its texts (``builder.shipping``: 25 MB at 10,000 statements)."""
    return [pickled(outcome(lambda n=n: parse_one(*_PENDING[n]))) for n in indices]


def pickled(item: Outcome) -> bytes | list[BuilderError]:
    return pickle.dumps(item, pickle.HIGHEST_PROTOCOL) if isinstance(item, Statement) else item
