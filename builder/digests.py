"""Site stage, last step: each statement's digest, a hash of the whole statement, made once a build.

The plan keys what a page or a batch of list pages reads with its statements'
digests (``builder.plan``), and the data stage keys each year's part with them
(``builder.data.DataMemo``). A digest hashes the statement pickled without
pickle's memo, as ``cache.canonical`` pickles, with one difference: each
string field of the statement (and of the dataclasses it holds) that is not
ASCII is pickled as its UTF-8 bytes. Pickling a string that is not ASCII
leaves a UTF-8 copy of it inside the string, which CPython keeps for the
string's life: hashed with ``canonical`` (as the plan and the data stage did),
the statements' texts held 25 MB more to the end of the build at 10,000
statements (tracemalloc; the build's peak after an edit 297-299 MB, against
269-275 MB now). Encoding them here makes the same bytes, which are freed once
hashed; it costs 10 % more time than ``canonical`` (0.39 s against 0.35 s for
the benchmark's 10,000 statements, 2 cores).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from typing import Any

from builder.cache import canonical
from builder.model import Statement
from builder.shipping import encoded_state

SIZE = 16  # bytes of a digest


class TextAsBytes(pickle.Pickler):
    """A pickler for hashing only: a dataclass is written as its ``encoded_state``, each non-ASCII string
    as its UTF-8 bytes (never unpickled: the bytes only have to differ when the statements do; as
    ``Encoded`` objects, which ``builder.shipping`` sends to workers, hashing 10,000 statements took
    0.26-0.27 s instead of 0.21 s)."""

    def reducer_override(self, obj: Any) -> Any:
        state = encoded_state(obj, as_is)
        return NotImplemented if state is None else (type(obj), (), state)


def as_is(data: bytes) -> bytes:
    return data


def digest_of(s: Statement) -> bytes:
    """The hash of everything ``s`` holds."""
    return hashlib.blake2b(canonical(s, TextAsBytes), digest_size=SIZE).digest()


class Digests:
    """``digests(s)``: the digest of ``s``; the ones made in advance (``made``) are looked up, any other
    statement is hashed when first asked for and remembered by its id. A digest made in advance is used
    only for that very statement object, so a statement replaced since is hashed again."""

    def __init__(self, known: dict[str, tuple[Statement, bytes]] | None = None):
        self.known = known or {}

    @classmethod
    def made(cls, statements: Sequence[Statement]) -> Digests:
        return cls({s.id: (s, digest_of(s)) for s in statements})

    def __call__(self, s: Statement) -> bytes:
        entry = self.known.get(s.id)
        if entry is None or entry[0] is not s:
            entry = self.known[s.id] = (s, digest_of(s))
        return entry[1]
