"""Site stage, last step: each statement's digest, a hash of the whole statement, made once a build.

The plan keys what a page or a batch of list pages reads with its statements'
digests (``builder.plan``), and the data stage keys each year's part with them
(``builder.data.DataMemo``). A digest hashes the statement pickled canonically
(``cache.canonical``). Pickling a string that is not ASCII leaves a UTF-8 copy
of it inside the string, which CPython keeps for the string's life: hashed in
the build's own process (as the plan and the data stage did), the statements'
texts held 25 MB more to the end of the build at 10,000 statements
(tracemalloc). So a large archive is hashed in forked processes, which are
given the statements when they start (a forked process inherits them: nothing
is pickled to send them) and send back only the digests. Measured on the
benchmark's 10,000 statements, 2 cores, one word edited before each build: the
build's peak 272-275 MB instead of 297-299 MB, and, when every year's search
shard is made afresh, 276-277 MB instead of 304-311 MB; hashing takes about
0.2 s either way (two processes, or this one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from builder.cache import canonical
from builder.model import Statement
from builder.workers import can_fork, processes

HASHED_HERE_BELOW = 1_000  # statements: fewer are hashed in the build's process (forking costs more)
SIZE = 16  # bytes of a digest


def digest_of(s: Statement) -> bytes:
    """The hash of everything ``s`` holds."""
    return hashlib.blake2b(canonical(s), digest_size=SIZE).digest()


class Digests:
    """``digests(s)``: the digest of ``s``; the ones made in advance (``made``) are looked up, any other
    statement is hashed when first asked for and remembered by its id. A digest made in advance is used
    only for that very statement object, so a statement replaced since (``archive serve``'s previews
    replace one) is hashed again."""

    def __init__(self, known: dict[str, tuple[Statement, bytes]] | None = None):
        self.known = known or {}

    @classmethod
    def made(cls, statements: Sequence[Statement], workers: int) -> Digests:
        """The digests of ``statements``, in ``workers`` forked processes for a large archive."""
        if workers < 2 or len(statements) < HASHED_HERE_BELOW or not can_fork():
            found = [digest_of(s) for s in statements]
        else:
            found = hashed_in_workers(statements, workers)
        return cls({s.id: (s, d) for s, d in zip(statements, found, strict=True)})

    def __call__(self, s: Statement) -> bytes:
        entry = self.known.get(s.id)
        if entry is None or entry[0] is not s:
            entry = self.known[s.id] = (s, digest_of(s))
        return entry[1]


def hashed_in_workers(statements: Sequence[Statement], workers: int) -> list[bytes]:
    step = -(-len(statements) // workers)
    parts = [range(k, min(k + step, len(statements))) for k in range(0, len(statements), step)]
    with processes(workers, "hashing statements", given, (statements,)) as pool:
        return [d for part in pool.map(hashed, parts) for d in part]


_GIVEN: list[Sequence[Statement]] = []  # in a worker: the statements it was started with


def given(statements: Sequence[Statement]) -> None:
    _GIVEN[:] = [statements]


def hashed(indices: range) -> list[bytes]:
    """In a worker: the digests of some of the statements it was given."""
    return [digest_of(_GIVEN[0][n]) for n in indices]

