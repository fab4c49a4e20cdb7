#!/usr/bin/env python3
"""`archive serve`: seconds from saving an edited statement to livereload's reload messages.

    python bench/serve_reload.py PROJECT [--edits 3] [--port 8765]

PROJECT is a built benchmark project (``.cache/bench/project-N`` after
``bench/run.py``). The server is started on it and its first build awaited;
then a websocket client speaks livereload's protocol (``hello``, then
``info`` with a URL, as livereload.js does, so the server counts it as a
browser) and, per edit, one word of one statement is changed and the time
from the file's save to each ``reload`` command is measured: the first comes
with the edited page's preview (when serve printed "Previewing"), then serve
prints "Search updated" once the statement's year is indexed again, and the
last reload comes once the build, search index included, is done. Edits are spaced by 3.5 s
(outside the measured time). The figures are printed as one JSON line: the
seconds of each edit to its preview, to its search shard and to its build, their medians, the
first build's seconds and the server's peak memory (VmHWM of the serve process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RELOAD_GAP = 3.5  # livereload ignores a reload within 3 s of the previous one (handlers.py)


class Server:
    """``python -m builder serve`` on the project, its output collected by a thread."""

    def __init__(self, project: Path, port: int):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--port", str(port),
                                      "--config", str(project / "archive.yml")], cwd=project, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self.times: list[float] = []  # time.perf_counter() when each line was read
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.times.append(time.perf_counter())
            self.lines.append(line.rstrip("\n"))

    def seen(self, prefix: str, since: int) -> float | None:
        """When the first line starting with ``prefix`` after line ``since`` was read."""
        return next((self.times[i] for i in range(since, len(self.lines)) if self.lines[i].startswith(prefix)), None)

    def wait_for(self, pattern: str, timeout: float) -> None:
        rx, deadline = re.compile(pattern), time.monotonic() + timeout
        while not any(rx.search(line) for line in list(self.lines)):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("serve did not print %r:\n%s" % (pattern, "\n".join(self.lines[-30:])))
            time.sleep(0.05)

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status)[1]) / 1024

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


async def reloads(server: Server, port: int, files: list[Path], edits: int) -> list[tuple[float, float, float]]:
    """Connect as a browser would, then edit and time each: (to the first reload, to the search shard
    updated, to the last reload)."""
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await ws.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await ws.read_message()  # the server's hello
    await ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    seconds = []
    for i in range(edits):
        await drain(ws, RELOAD_GAP)  # e.g. the reload livereload sends once at start
        mark = len(server.lines)
        saved = time.perf_counter()
        corpus.edit_one(files[(i + 1) * len(files) // (edits + 2)])
        first = await next_reload(ws) - saved
        previewed = server.seen("Previewing ", mark) is not None
        last = await next_reload(ws) - saved if previewed else first
        searched = server.seen("Search updated: ", mark)
        seconds.append((first, searched - saved if searched is not None else last, last))
    ws.close()
    return seconds


async def next_reload(ws: Any) -> float:
    """When the next ``reload`` command arrives."""
    while True:
        message = await ws.read_message()
        if message is None:
            sys.exit("the livereload connection closed")
        if json.loads(message).get("command") == "reload":
            return time.perf_counter()


async def drain(ws: Any, seconds: float) -> None:
    """Read and drop whatever the server sends for ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            await asyncio.wait_for(ws.read_message(), left)
        except asyncio.TimeoutError:
            return


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("project", type=Path)
    p.add_argument("--edits", type=int, default=3)
    p.add_argument("--port", type=int, default=8765)
    args = p.parse_args(argv)
    args.project = args.project.resolve()
    files = corpus.statement_files(args.project / "content")
    started = time.perf_counter()
    server = Server(args.project, args.port)
    try:
        server.wait_for(r"^Serving the site at", timeout=3600)
        first = time.perf_counter() - started
        seconds = IOLoop.current().run_sync(lambda: reloads(server, args.port, files, args.edits), timeout=3600)
        shown, searched, built = ([edit[i] for edit in seconds] for i in range(3))
        print(json.dumps({"statements": len(files), "first_build_s": round(first, 2),
                          "save_to_preview_s": [round(s, 2) for s in shown],
                          "save_to_search_s": [round(s, 2) for s in searched],
                          "save_to_built_s": [round(s, 2) for s in built],
                          "median_preview_s": round(statistics.median(shown), 2),
                          "median_search_s": round(statistics.median(searched), 2),
                          "median_built_s": round(statistics.median(built), 2),
                          "peak_rss_mb": round(server.peak_mb())}))
    finally:
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
