"""Run one command and measure it: wall time, peak memory, stage timings.

``run(cmd, cwd) -> Sample``. Peak memory is the ``ru_maxrss`` that
``os.wait4`` reports for that one child: the largest resident set of the
child or of any descendant it waited for (Pagefind, Hugo's own threads), not
a sum over processes. Dirty pages are flushed (``sync``) before each run,
unmeasured, so one build does not pay for the previous one's writeback.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# `build --timings` prints one `timing STAGE 1.234s` line per stage (stderr);
# they are collected here per stage (load, site, render, search, write, total).
TIMING_LINE = re.compile(r"^\s*timing\s+(?P<stage>\S+)\s+(?P<seconds>\d+(?:\.\d+)?)\s*s\b", re.M)


class CommandFailed(RuntimeError):
    """A measured command exited with a non-zero status."""


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    max_rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    output: str = ""


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``cmd`` in ``cwd``; its wall time, peak RSS and reported stage timings."""
    os.sync()  # flush the previous build's writes so they are not charged to this one
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited {proc.returncode}:\n{text[-3000:]}")
    return Sample(seconds, usage.ru_maxrss / 1024, parse_timings(text), text)


def parse_timings(text: str) -> dict[str, float]:
    """Stage → seconds from `timing STAGE 1.234s` lines (summed if a stage repeats)."""
    stages: dict[str, float] = {}
    for m in TIMING_LINE.finditer(text):
        stages[m["stage"]] = stages.get(m["stage"], 0.0) + float(m["seconds"])
    return stages


def median_sample(samples: list[Sample]) -> dict:
    """Median seconds, peak RSS over the runs, median per-stage timings."""
    stages = sorted({k for s in samples for k in s.stages})
    return {"runs": len(samples),
            "median_s": statistics.median(s.seconds for s in samples),
            "min_s": min(s.seconds for s in samples),
            "max_s": max(s.seconds for s in samples),
            "max_rss_mb": max(s.max_rss_mb for s in samples),
            "stages": {k: statistics.median(s.stages.get(k, 0.0) for s in samples) for k in stages}}


def help_text(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """The output of ``cmd --help`` (empty if it fails)."""
    done = subprocess.run(cmd + ["--help"], cwd=cwd, env=env, capture_output=True, text=True)
    return done.stdout + done.stderr if done.returncode == 0 else ""
