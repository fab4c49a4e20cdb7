"""Worker processes, for every stage that uses them (load, citations, data, render).

``with processes(n, doing, initializer, initargs) as pool:`` gives a
``ProcessPoolExecutor`` of forked workers (a fresh interpreter would import
everything again), with two guarantees that ``multiprocessing.Pool`` lacks:

- a worker that dies (killed, out of memory) makes the executor raise
  ``BrokenProcessPool``, which leaves the ``with`` as an internal error
  naming the stage (``doing``). A ``Pool`` waits for that worker's results for ever: a build
  hung, and ``archive serve`` with it (seen in the serve tests, where one
  idle worker waited on the task queue's lock for good);
- a worker dies with the process that started it (Linux ``prctl``
  ``PR_SET_PDEATHSIG``): a build killed with SIGKILL leaves no workers
  behind, which a ``Pool``'s did, waiting on their queue for ever.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

from builder.errors import InternalError
from builder.write import LIBC  # the C library, opened once for the writer's renameat2

PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class processes:  # noqa: N801 (used as ``with processes(...) as pool:``)
    """``workers`` forked processes, each running ``initializer(*initargs)`` first, for ``doing`` (e.g.
    'rendering pages'). A class, not @contextmanager: that one assigns ``__traceback__``, which a
    frozen BuilderError passing through refuses."""

    def __init__(self, workers: int, doing: str, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = (), now: bool = False):
        self.doing = doing
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=start,
                                        initargs=(os.getpid(), initializer, initargs))
        if now:  # forked now rather than at the first job (a fork pool starts its processes at the first submit)
            self.pool.submit(os.getpid)

    def __enter__(self) -> ProcessPoolExecutor:
        return self.pool.__enter__()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.pool.__exit__(kind, exc, tb)
        if isinstance(exc, BrokenProcessPool):
            raise InternalError(self.doing, "a worker process ended abruptly (killed, or out of memory): "
                                f"{exc}") from None


def in_background(doing: str) -> processes | ThreadPoolExecutor:
    """One worker process for work the build's own process goes on beside (``doing``, as ``processes`` names
    it), forked now; a thread where processes cannot be forked. The work is given its data as arguments, as to
    any worker.

    Forked early (the build forks it before loading, while its process holds little), not when the work is
    sent: a process forked from the build once it holds the model (250 MB at 10,000 statements) shares its
    pages until either writes to them, and both do (reference counts), each write copying a page. After an
    edit at 10,000 statements (search on, 2 cores, builds alternated with the code before), with the data
    files and the search index made in a worker forked when each was sent, the build took 0.2-0.7 s longer
    than with the data files made in its own process; in one worker forked before loading, 0.3-2.2 s shorter
    (4.8-5.5 s against 5.9-7.1 s, a noisy hour)."""
    return processes(1, doing, now=True) if can_fork() else ThreadPoolExecutor(max_workers=1)


def start(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    collecting()
    if initializer is not None:
        initializer(*initargs)


def collecting() -> None:
    """A worker collects its own garbage, even when it was forked while the build had paused the cycle
    collector (loading, the site model, citations and data: ``build.settled``); what it inherited is frozen,
    so collections never walk the build's model. A citations worker forked with the collector paused kept
    every cycle citeproc-py makes: at 100,000 statements it grew by 380 MB, to 1,944 MiB, the largest
    process of the build (a thread reading ``/proc/<pid>/status`` of each worker)."""
    gc.freeze()
    gc.enable()


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent ends (Linux); if it has ended already, end now."""
    if LIBC is not None and hasattr(LIBC, "prctl"):
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
