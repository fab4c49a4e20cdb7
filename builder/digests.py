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

A statement the loader made needs no pickling: ``loaded_digest`` hashes the
cache key of the bytes it was parsed from (which names all that parsing reads)
and the fields loading sets after parsing. ``tests/test_digests.py`` checks,
over a series of changes, that two loads give one digest exactly when they
give one statement. Measured: see ``Digests.loaded``.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from typing import Any

from builder.cache import canonical
from builder.cache import fingerprint as code_fingerprint
from builder.model import Statement
from builder.shipping import encoded_state
from builder.views import listed

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


def loaded_digest(key: bytes, s: Statement) -> bytes:
    """The digest of ``s`` as the loader made it, without pickling it: the cache key of the bytes it was
    parsed from (``LoadCache.key``: their SHA-256, the file's names, the site's language and the builder's
    code, which is all parsing reads), and what loading sets after parsing (the slug when another file has
    it, the files holding its and its versions' original bytes). Tagged apart from ``digest_of``'s."""
    h = hashlib.blake2b(b"loaded\0" + code_fingerprint(), digest_size=SIZE)
    h.update(key)
    h.update(canonical((s.slug, s.original, tuple(v.original for v in s.versions))))
    return h.digest()


class Digests:
    """``digests(s)``: the digest of ``s``; the ones made in advance (``made``, ``loaded``) are looked up, any
    other statement is hashed when first asked for and remembered by its id. A digest made in advance is used
    only for that very statement object, so a statement replaced since is hashed again."""

    def __init__(self, known: dict[str, tuple[Statement, bytes]] | None = None):
        self.known = known or {}

    @classmethod
    def made(cls, statements: Sequence[Statement]) -> Digests:
        return cls({s.id: (s, digest_of(s)) for s in statements})

    @classmethod
    def loaded(cls, statements: Sequence[Statement], digests: Sequence[bytes]) -> Digests:
        """The statements' ``loaded_digest``s (``LoadResult.digests``). At 10,000 statements, 0.003-0.005 s
        instead of ``made``'s 0.25-0.46 s, for 0.02-0.1 s more in the load stage (in one process, loading
        from the cache, six runs each alternated with the code before, 2 cores)."""
        return cls({s.id: (s, d) for s, d in zip(statements, digests, strict=True)})

    def __call__(self, s: Statement) -> bytes:
        entry = self.known.get(s.id)
        if entry is None or entry[0] is not s:
            entry = self.known[s.id] = (s, digest_of(s))
        return entry[1]


class Listed:
    """``listed(s)``: a hash of what a list page reads of ``s`` (``views.listed``), looked up by ``s``'s digest
    in what the last plan made (``last``: digest → listed hash; the statement's digest covers all of it), made
    otherwise; ``made`` holds this plan's, for the next. Hashing 10,000 statements' list fields takes
    0.07 s; looking them up, a few milliseconds."""

    def __init__(self, digests: Callable[[Statement], bytes], last: dict[bytes, bytes] | None = None):
        self.digests, self.last = digests, last or {}
        self.made: dict[bytes, bytes] = {}
        self.by_id: dict[str, tuple[Statement, bytes]] = {}  # for that very statement object, as ``Digests``

    def __call__(self, s: Statement) -> bytes:
        """(Each statement is asked for by about ten batches: the home pages, its year, its terms. Found by
        its id the second time, the plan's batches took 0.05-0.06 s less at 10,000 statements.)"""
        entry = self.by_id.get(s.id)
        if entry is not None and entry[0] is s:
            return entry[1]
        digest = self.digests(s)
        found = self.made.get(digest) or self.last.get(digest)
        if found is None:
            found = hashlib.blake2b(canonical(listed(s)), digest_size=SIZE).digest()
        self.made[digest] = found
        self.by_id[s.id] = (s, found)
        return found
