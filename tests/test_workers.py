"""Worker processes (``builder.workers``): a worker that dies is an error, never a hang; workers die with
their build.

Each build runs in its own Python process, whose rendering function is replaced before it forks its
workers (they inherit the replacement), so that a broken builder can only fail its own subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO, make_corpus, project

BUILD_WITH = """
import sys, time, os, signal
from pathlib import Path
import builder.produce
from builder.build import build
from builder.config import load_config
root = Path(sys.argv[1])
def render_chunk(chunk):
    {body}
builder.produce.render_chunk = render_chunk
config = load_config(root / "archive.yml").with_overrides(search=False)
build(config, root / "content", root / "site", workers=2)
"""


def start(root: Path, body: str, output: int = subprocess.PIPE) -> subprocess.Popen[str]:
    code = BUILD_WITH.format(body=body)
    return subprocess.Popen([sys.executable, "-c", code, str(root)], cwd=root, text=True, stdout=output,
                            stderr=output, env={**os.environ, "PYTHONPATH": str(REPO)})


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(tmp_path: Path) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "corpus", 6))
    proc = start(root, "os.kill(os.getpid(), signal.SIGKILL)")
    try:
        _, err = proc.communicate(timeout=120)  # a multiprocessing.Pool waited here for ever
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert "InternalError" in err and "rendering pages" in err and "ended abruptly" in err, err[-2000:]


def test_workers_end_with_a_build_that_is_killed(tmp_path: Path) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "corpus", 6))
    proc = start(root, "time.sleep(600)", subprocess.DEVNULL)  # no pipe for a leftover worker to hold open
    try:
        deadline = time.monotonic() + 60
        while len(workers := [c for c in children(proc.pid) if alive(c)]) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "the build started no workers"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(alive(w) for w in workers):
            assert time.monotonic() < deadline, f"workers {workers} outlived their build"
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        for w in workers if "workers" in locals() else []:
            if alive(w):
                os.kill(w, signal.SIGKILL)


def collector_state(_: int) -> tuple[bool, bool]:
    import gc
    return gc.isenabled(), gc.get_freeze_count() > 0


def test_a_worker_collects_its_garbage_when_forked_with_the_collector_paused() -> None:
    """The build pauses its cycle collector until the model is settled; a worker forked meanwhile (citations,
    data) collects its own garbage anyway, with what it inherited frozen (a citations worker that did not
    collect grew by 380 MB at 100,000 statements)."""
    import gc

    from builder.workers import processes
    gc.disable()
    try:
        with processes(2, "testing the collector") as pool:
            states = set(pool.map(collector_state, range(4)))
    finally:
        gc.enable()
    assert states == {(True, True)}
    assert gc.get_freeze_count() == 0  # the build's own process is left as it was
