"""Worker processes' work, pickled in the build's own process without leaving copies in its texts.

Pickling a string that is not ASCII makes CPython keep a UTF-8 copy inside the
string for the string's life (``builder.digests`` found it first). A
``ProcessPoolExecutor`` pickles each job's arguments in the build's process,
so every statement sent to a worker kept a UTF-8 copy of each of its texts
(Markdown, HTML, plain text) until the build ended: the data stage, which sends
every statement, left 24.9 MB at 10,000 statements (tracemalloc, allocated by
the queue's feeder thread in ``multiprocessing/reduction.py``), and rendering
did the same for the statements its pages show.

``shipped(value)`` pickles ``value`` with each non-ASCII string field of a
dataclass written as its UTF-8 bytes, made into a string again when the worker
unpickles it (``unshipped``): the same objects arrive, and the bytes made here
are freed once pickled. Strings that are not fields of a dataclass (a dict's,
a list's) are pickled as pickle writes them.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable
from typing import Any


def text(data: bytes) -> str:
    """A string shipped as its UTF-8 bytes, made again (in the worker)."""
    return data.decode("utf-8", "surrogatepass")


class Encoded:
    """A non-ASCII string while it is pickled: unpickled, it is the string again."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return text, (self.data,)


def encoded_state(obj: Any, wrap: Callable[[bytes], Any]) -> list[Any] | None:
    """The state of a dataclass that keeps its fields as a list (``slots=True``), each non-ASCII string in
    it as ``wrap(its UTF-8 bytes)``; None for any other object, and for a dataclass that says how it is
    pickled (its own ``__reduce__``). Also what ``builder.digests`` hashes statements by."""
    kind = type(obj)
    if not hasattr(kind, "__dataclass_fields__") or "__reduce__" in vars(kind):
        return None
    state = obj.__getstate__()
    if not isinstance(state, list):
        return None
    return [wrap(v.encode("utf-8", "surrogatepass")) if type(v) is str and not v.isascii() else v for v in state]


class Shipper(pickle.Pickler):
    """Writes a dataclass as a new object of its class and its ``encoded_state``, each non-ASCII string in
    it ``Encoded``; any other object as pickle does."""

    def reducer_override(self, obj: Any) -> Any:
        state = encoded_state(obj, Encoded)
        return NotImplemented if state is None else (copyreg.__newobj__, (type(obj),), state)


def shipped(value: Any) -> bytes:
    """``value`` pickled for a worker (``unshipped`` reads it)."""
    out = io.BytesIO()
    Shipper(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def unshipped(data: bytes) -> Any:
    return pickle.loads(data)
