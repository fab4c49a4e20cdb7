"""Reporting while a build or ingest runs: a progress bar on a terminal, stage timings.

On a terminal, long steps draw one self-updating line on stderr. Elsewhere
(CI, pipes) nothing is drawn, except one plain line per step that took more
than ``PLAIN_AFTER`` seconds. ``--timings`` adds ``timing <stage> <s>s`` lines,
the shape the benchmark reads.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

PLAIN_AFTER = 5.0  # seconds; quicker steps stay silent off a terminal
WIDTH = 28  # characters of bar


class Progress:
    """Times named stages and shows progress within them. ``Progress.quiet()`` shows nothing."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None, timings: bool = False,
                 enabled: bool = True):
        self.stream = stream or sys.stderr
        self.tty = enabled and (self.stream.isatty() if tty is None else tty)
        self.enabled = enabled
        self.timings = timings
        self.times: dict[str, float] = {}
        self.stage_name = ""
        self.started = 0.0
        self.last_draw = 0.0

    @classmethod
    def quiet(cls) -> Progress:
        return cls(enabled=False)

    def start(self, name: str) -> None:
        """Begin a stage (ending the current one)."""
        self.finish()
        self.stage_name, self.started, self.last_draw = name, time.perf_counter(), 0.0
        if self.tty:
            self.draw(f"{name}…")

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current stage; redrawn at most 10 times a second."""
        now = time.perf_counter()
        if not self.tty or (now - self.last_draw < 0.1 and done < total):
            return
        self.last_draw = now
        filled = WIDTH * done // max(total, 1)
        self.draw(f"{self.stage_name} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:,}/{total:,}")

    def finish(self) -> None:
        """End the current stage, recording its time."""
        if not self.stage_name:
            return
        seconds = time.perf_counter() - self.started
        self.times[self.stage_name] = self.times.get(self.stage_name, 0.0) + seconds
        if self.tty:
            self.draw("")
        elif self.enabled and seconds > PLAIN_AFTER:
            print(f"{self.stage_name}: {seconds:.1f} s", file=self.stream, flush=True)
        self.stage_name = ""

    def report(self) -> None:
        """With ``timings``: one ``timing <stage> <s>s`` line per stage, then the total."""
        self.finish()
        if self.timings:
            for name, seconds in self.times.items():
                print(f"timing {name} {seconds:.3f}s", file=self.stream)
            print(f"timing total {sum(self.times.values()):.3f}s", file=self.stream, flush=True)

    def say(self, text: str, stream: TextIO) -> None:
        """Print a line without mixing it into the bar (the bar is redrawn on the next advance)."""
        if self.tty:
            self.draw("")
            self.last_draw = 0.0
        print(text, file=stream, flush=self.tty)

    def draw(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
