"""How ``archive serve`` stops on Ctrl+C or SIGTERM (``builder.serve.stop_on_signals``).

Signals arrive in the main thread, which waits for changes (``follow``) or builds: there the
signal is a KeyboardInterrupt, which also ends a build waiting on workers. Should Python
swallow it (raised in a weakref callback, it prints "Exception ignored" and goes on), the
``STOPPING`` flag still ends the wait.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

import builder.serve as serve


@pytest.fixture
def handlers() -> Iterator[list[Any]]:
    """serve's signal handlers installed; yields what reaches Python's hook for exceptions it cannot raise
    (``sys.unraisablehook``) past serve's own."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    saved_hook, reached = sys.unraisablehook, []
    sys.unraisablehook = reached.append
    try:
        serve.stop_on_signals()
        yield reached
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
        sys.unraisablehook = saved_hook
        serve.BUILDING[0] = False
        serve.STOPPING[0] = False


class NoChanges:
    """Stands for ``builder.watch.Changes``: nothing ever changes."""

    def next(self, timeout: float) -> list[str]:
        time.sleep(timeout)  # as a wait for file events that never come
        return []


class Untouched:
    """Stands for the session and the loop: a test fails if ``follow`` previews, builds or reloads."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"follow used {name} with no change queued")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_waiting_server_is_interrupted(handlers: None, signum: int) -> None:
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signum))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        serve.follow(Untouched(), NoChanges(), Untouched())  # type: ignore[arg-type]
    timer.join()
    assert serve.STOPPING[0]
    assert time.monotonic() - started < 30


def test_a_swallowed_interrupt_still_stops_the_wait(handlers: None) -> None:
    """As if the KeyboardInterrupt had been lost: only the flag is set, and the wait ends by itself."""
    timer = threading.Timer(0.05, lambda: serve.STOPPING.__setitem__(0, True))
    timer.start()
    started = time.monotonic()
    serve.follow(Untouched(), NoChanges(), Untouched())  # type: ignore[arg-type]
    timer.join()
    assert time.monotonic() - started < 30 * serve.WAKE_SECONDS


def raised_in_a_weakref_callback(error: BaseException) -> None:
    """``error`` raised where Python cannot raise it: a weakref callback, as a signal's KeyboardInterrupt can be."""
    class Thing:
        pass

    def callback(ref: object) -> None:
        raise error

    thing = Thing()
    ref = weakref.ref(thing, callback)
    del thing
    assert ref() is None


def test_a_stop_swallowed_in_a_weakref_callback_prints_no_traceback(handlers: list[Any]) -> None:
    """Seen in tests/e2e/test_serve.py: Ctrl+C during a build landed in a weakref callback, and Python printed
    "Exception ignored" with a traceback on serve's way out. A stop's interrupt goes nowhere now; any other
    exception Python cannot raise reaches its hook as before."""
    serve.STOPPING[0] = True  # as the handler sets it before raising
    raised_in_a_weakref_callback(KeyboardInterrupt())
    assert handlers == []
    raised_in_a_weakref_callback(ValueError("a bug"))
    assert [u.exc_type for u in handlers] == [ValueError]
    serve.STOPPING[0] = False  # an interrupt with no stop asked for is not serve's: reported
    raised_in_a_weakref_callback(KeyboardInterrupt())
    assert [u.exc_type for u in handlers] == [ValueError, KeyboardInterrupt]


def test_a_build_in_progress_is_interrupted(handlers: None) -> None:
    serve.BUILDING[0] = True
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000_000):  # the handler runs between these bytecodes
            pass


def test_a_forked_worker_ends_as_the_signal_would(handlers: None) -> None:
    pid = os.fork()
    if pid == 0:  # the child inherits the handler, and must die of the signal, not raise
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
