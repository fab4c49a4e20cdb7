"""Worker processes, for every stage that uses them (load, citations, render).

``processes(n, initializer, initargs)`` is a ``ProcessPoolExecutor`` of forked
workers (a fresh interpreter would import everything again), with two
guarantees that ``multiprocessing.Pool`` lacks:

- a worker that dies (killed, out of memory) makes the executor raise
  ``BrokenProcessPool``, which ``died`` turns into an internal error naming
  the stage. A ``Pool`` waits for that worker's results for ever: a build
  hung, and ``archive serve`` with it (seen in the serve tests, where one
  idle worker waited on the task queue's lock for good);
- a worker dies with the process that started it (Linux ``prctl``
  ``PR_SET_PDEATHSIG``): a build killed with SIGKILL leaves no workers
  behind, which a ``Pool``'s did, waiting on their queue for ever.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from builder.errors import InternalError

PR_SET_PDEATHSIG = 1
try:
    LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
except OSError:
    LIBC = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def processes(workers: int, initializer: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """``workers`` forked processes, each running ``initializer(*initargs)`` first."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=start,
                               initargs=(os.getpid(), initializer, initargs))


def start(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent ends (Linux); if it has ended already, end now."""
    if LIBC is not None and hasattr(LIBC, "prctl"):
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def died(doing: str, exc: BrokenProcessPool) -> InternalError:
    """A worker that ended abruptly, as a bug report (it is never the input's fault)."""
    return InternalError(doing, f"a worker process ended abruptly (killed, or out of memory): {exc}")
