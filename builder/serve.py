"""``archive serve``: build into a temporary folder, serve it, rebuild and reload on change.

Uses the same ``build()`` as ``archive build``, with its fast path: loaded
statements come from the cache unless their file changed, and only files whose
bytes changed are written, so the browser reloads the pages an edit touched.

It always serves what is good: it builds like ``--keep-going``, so a file with
an error is left out and named, in the terminal and in a notice at the top of
every page it serves (and of its 404 page, where a left-out statement's address
leads). The notice is added as pages are served (``NoticeHandler``), never
written into the site, and is gone after the next build with nothing left out.
A build that fails as a whole (a template or config error, a bug) keeps the
last good site up, with the notice saying so. Ctrl+C or SIGTERM stops the
server and removes the temporary folder.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from livereload import Server
from livereload.handlers import StaticFileHandler

from builder.build import build
from builder.cli import print_report
from builder.config import DEFAULT_CONFIG, Config, load_config
from builder.crash import bug_report
from builder.errors import BuilderError, ContentErrors
from builder.progress import Progress

NOTICE_ID = "archive-serve-notice"
NOTICE_STYLE = ("position:sticky;top:0;z-index:1000;margin:0;padding:.75rem 1rem;background:#fff3f0;"
                "color:#5c0f00;border-bottom:3px solid #b3261e;font:15px/1.4 system-ui,sans-serif")
BODY_TAG = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Speed:
    cache_dir: Path | None = None
    workers: int | None = None
    logs: Path = Path(".cache") / "archive"  # where a crash log goes


@dataclass(slots=True)
class Notice:
    """What the last build left out, or why it failed, as HTML for the top of every served page."""

    html: bytes = b""
    problems: list[str] = field(default_factory=list)

    def show(self, heading: str, problems: list[str]) -> None:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
        self.problems = problems
        self.html = (f'<div id="{NOTICE_ID}" role="alert" style="{NOTICE_STYLE}"><p style="margin:0">'
                     f"<strong>archive serve:</strong> {html.escape(heading)}</p>"
                     f'<ul style="margin:.25rem 0 0;padding-left:1.25rem">{items}</ul></div>').encode("utf-8")

    def clear(self) -> None:
        self.html, self.problems = b"", []


def with_notice(page: bytes, notice: bytes) -> bytes:
    """The page with the notice right after its ``<body>`` tag (unchanged without one)."""
    m = BODY_TAG.search(page)
    return page if m is None or not notice else page[:m.end()] + notice + page[m.end():]


class NoticeHandler(StaticFileHandler):
    """livereload's file handler, plus the serve notice in HTML pages and the site's own 404 page."""

    notice = Notice()  # each server gets a subclass with its own (see ``handler_for``)

    @classmethod
    def get_content(cls, abspath: str, start: int | None = None, end: int | None = None) -> Any:
        if not (abspath.endswith(".html") and cls.notice.html):
            return super().get_content(abspath, start, end)
        return with_notice(Path(abspath).read_bytes(), cls.notice.html)[start:end]

    def get_content_size(self) -> int:
        path = self.absolute_path or ""
        if path.endswith(".html") and self.notice.html:
            return len(self.get_content(path))
        return int(super().get_content_size())

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        page = Path(self.root) / "404.html"
        if status_code != 404 or not (page.is_file() or self.notice.html):
            super().write_error(status_code, **kwargs)
            return
        body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>Not found</title><body><p>Not found</p>"
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(with_notice(body, self.notice.html))


def handler_for(notice: Notice) -> type[NoticeHandler]:
    return type("ServeHandler", (NoticeHandler,), {"notice": notice})


def rebuild(config: Config, content: Path, output: Path, speed: Speed, notice: Notice) -> bool:
    """One build, like ``--keep-going``; problems are printed and put in the notice, never raised."""
    BUILDING[0] = True
    try:
        return build_and_report(config, content, output, speed, notice)
    finally:
        BUILDING[0] = False


def build_and_report(config: Config, content: Path, output: Path, speed: Speed, notice: Notice) -> bool:
    try:
        report = build(config, content, output, keep_going=True, cache_dir=speed.cache_dir, workers=speed.workers,
                       progress=Progress())
    except (BuilderError, ContentErrors) as exc:
        print(f"error: {exc}; still serving the last good site", file=sys.stderr, flush=True)
        problems = [str(e) for e in exc.errors] if isinstance(exc, ContentErrors) else [str(exc)]
        notice.show("the last build failed, so this is the last good site. Fix this and save:", problems)
        return False
    except Exception as exc:  # noqa: BLE001 (a bug, not bad input: reported, and the server keeps serving)
        report_text = bug_report(exc, speed.logs)
        print(f"{report_text}\nStill serving the last good site.", file=sys.stderr, flush=True)
        notice.show("the last build failed with a bug in the builder, so this is the last good site:",
                    report_text.splitlines())
        return False
    print_report(report)
    sys.stdout.flush()
    sys.stderr.flush()
    if report.errors:
        count = f"{report.rejected} file{'s' * (report.rejected != 1)}"
        notice.show(f"{count} left out of this preview. Fix and save: this notice goes away on the next build "
                    "with nothing left out.", [str(e) for e in report.errors])
    else:
        notice.clear()
    return True


def serve(config: Config, config_path: Path | None, content: Path, host: str, port: int,
          cache_dir: Path | None = None, workers: int | None = None) -> int:
    config = config.with_overrides(base_url=f"http://{host}:{port}/")
    scratch = Path(tempfile.mkdtemp(prefix="archive-serve-"))
    stop_on_signals()
    try:
        output = scratch / "site"
        speed, notice = Speed(cache_dir, workers, cache_dir or config.root / ".cache" / "archive"), Notice()
        if not rebuild(config, content, output, speed, notice):
            output.mkdir(parents=True, exist_ok=True)
        server = Server()
        server.SFH = handler_for(notice)
        config_file = config_path or config.root / DEFAULT_CONFIG
        for watched in (content, config.root / "templates", config.root / "static", config_file):
            server.watch(str(watched), lambda: rebuild(reload_config(config, config_file), content, output, speed,
                                                       notice))
        print(f"Serving the site at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
        server.serve(host=host, port=port, root=str(output), open_url_delay=None, restart_delay=0)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


BUILDING: list[bool] = [False]  # whether serve is in a build now (see ``stop_on_signals``)


def stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM stop serve, so the temporary folder is removed on the way out.

    While the server waits, the signal asks its event loop to stop, from the loop. Raised
    as KeyboardInterrupt at whatever the interpreter happens to run, it can land in a weakref
    callback, where Python prints "Exception ignored" and goes on: the server kept serving
    (seen in tests/e2e/test_serve.py runs). During a build, and before the server runs, it
    is a KeyboardInterrupt, which also ends a build waiting on worker processes.
    """
    serving = os.getpid()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != serving:  # a forked build worker inherited this: end as the signal would
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or BUILDING[0]:
            raise KeyboardInterrupt
        loop.call_soon_threadsafe(loop.stop)

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def reload_config(config: Config, path: Path) -> Config:
    """Re-read the config file on every rebuild, keeping the local base URL."""
    try:
        fresh = load_config(path if path.exists() else None)
    except BuilderError as exc:
        print(f"error: {exc}; using the previous settings", file=sys.stderr, flush=True)
        return config
    return fresh.with_overrides(base_url=config.base_url)
