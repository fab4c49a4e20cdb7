"""How ``archive serve`` stops on Ctrl+C or SIGTERM (``builder.serve.stop_on_signals``).

While it waits, the signal stops its event loop from the loop: never a KeyboardInterrupt raised at
whatever runs, which Python swallows in a weakref callback (the server went on serving). During a
build it is a KeyboardInterrupt, which also ends a build waiting on workers.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator

import pytest

import builder.serve as serve


@pytest.fixture
def handlers() -> Iterator[None]:
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        serve.stop_on_signals()
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
        serve.BUILDING[0] = False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_waiting_server_stops_its_loop(handlers: None, signum: int) -> None:
    loop = asyncio.new_event_loop()
    try:
        loop.call_later(0.05, os.kill, os.getpid(), signum)
        timeout = loop.call_later(30, loop.stop)  # only if the signal did not stop it
        loop.run_forever()  # returns, without KeyboardInterrupt, once the signal has stopped the loop
        assert not timeout.cancelled() and timeout.when() > loop.time(), "the signal stopped the loop"
        timeout.cancel()
    finally:
        loop.close()


def test_a_build_in_progress_is_interrupted(handlers: None) -> None:
    loop = asyncio.new_event_loop()

    def building() -> None:
        serve.BUILDING[0] = True
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000_000):  # the handler runs between these bytecodes
            pass

    try:
        loop.call_soon(building)
        with pytest.raises(KeyboardInterrupt):
            loop.run_forever()
    finally:
        loop.close()


def test_before_the_server_runs_it_is_a_keyboard_interrupt(handlers: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000_000):
            pass
