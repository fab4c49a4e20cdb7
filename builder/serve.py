"""``archive serve``: build into a temporary folder, serve it, rebuild and reload on change.

Uses the same ``build()`` as ``archive build``, with its fast path: loaded
statements come from the cache unless their file changed, and only files whose
bytes changed are written. An edited statement's page is shown before that
build, made from the last build's model (``builder.preview``); the browser
reloads when it is there, and again when the build is done.

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
import logging
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from tornado.ioloop import IOLoop
from tornado.log import LogFormatter

from builder import urls
from builder.build import build
from builder.cli import print_report
from builder.config import DEFAULT_CONFIG, Config, load_config
from builder.crash import bug_report
from builder.errors import BuilderError, ContentErrors
from builder.ingest.places import ready as places_ready
from builder.manifest import Manifests
from builder.preview import Model, Preview, preview, search_shard
from builder.progress import Progress
from builder.site import Site
from builder.watch import Changes
from builder.write import patch_served, replace_served_folder

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


@dataclass(slots=True)
class Session:
    """What serve builds from and into, and the model of its last good build (for previews)."""

    config: Config
    config_file: Path
    content: Path
    output: Path
    speed: Speed
    notice: Notice
    model: Model | None = None

    def rebuild(self, reread_config: bool = True) -> str:
        """One build, like ``--keep-going``: 'built', 'unchanged' or 'failed' (a failed build leaves the last
        good site served). Problems are printed and put in the notice, never raised."""
        if reread_config:
            self.config = reload_config(self.config, self.config_file)
        BUILDING[0] = True
        try:
            return build_and_report(self)
        finally:
            BUILDING[0] = False

    def keep(self, site: Site) -> None:
        self.model = Model(site, self.content, self.config.root / "templates")

    def preview(self, changed: Path) -> Preview | None:
        """Serve the edited statement's page now, when it can be made from the last build's model
        (``builder.preview``)."""
        made = preview(self.model, changed) if self.model else None
        if made is not None:
            manifests = Manifests(self.speed.cache_dir)
            patch_served(self.output, made.file, made.data, lambda token: manifests.without(token, made.file))
        return made

    def search_preview(self, made: Preview) -> str | None:
        """Index the previewed statement's year again from the served pages; the shard's folder, or None
        (no search, or Pagefind failed: the build reports that)."""
        if self.model is None or not self.model.site.config.search:
            return None
        folder = urls.search_shard(made.year)
        try:
            replace_served_folder(self.output, folder, search_shard(self.model, self.output, made.year))
        except BuilderError:
            return None
        return folder


def build_and_report(session: Session) -> str:
    notice, speed = session.notice, session.speed
    try:
        report = build(session.config, session.content, session.output, keep_going=True, cache_dir=speed.cache_dir,
                       workers=speed.workers, progress=Progress(), on_published=session.keep)
    except (BuilderError, ContentErrors) as exc:
        problems = [str(e) for e in exc.errors] if isinstance(exc, ContentErrors) else [str(exc)]
        notice.show("the last build failed, so this is the last good site. Fix this and save:", problems)
        print(f"error: {exc}; still serving the last good site", file=sys.stderr, flush=True)
        return "failed"
    except Exception as exc:  # noqa: BLE001 (a bug, not bad input: reported, and the server keeps serving)
        report_text = bug_report(exc, speed.logs)
        notice.show("the last build failed with a bug in the builder, so this is the last good site:",
                    report_text.splitlines())
        print(f"{report_text}\nStill serving the last good site.", file=sys.stderr, flush=True)
        return "failed"
    if report.errors:  # the notice first: once the report is printed, pages are served with the new notice
        count = f"{report.rejected} file{'s' * (report.rejected != 1)}"
        notice.show(f"{count} left out of this preview. Fix and save: this notice goes away on the next build "
                    "with nothing left out.", [str(e) for e in report.errors])
    else:
        notice.clear()
    print_report(report)
    sys.stdout.flush()
    sys.stderr.flush()
    return "unchanged" if report.unchanged else "built"


def serve(config: Config, config_path: Path | None, content: Path, host: str, port: int,
          cache_dir: Path | None = None, workers: int | None = None) -> int:
    """Build, then serve from a thread while this one rebuilds on every change, until Ctrl+C or SIGTERM.

    The HTTP and livereload server runs its event loop in a thread of its own, so
    pages are served while a build runs. The watcher (``builder.watch``, from
    before the first build on) only queues what changed; builds run here, in the
    main thread, which is where signals arrive and where worker processes are
    forked from. After each save: the edited statement's page at once when it
    can be previewed (``builder.preview``), a reload, then the build, then a
    reload again.
    """
    config = config.with_overrides(base_url=f"http://{host}:{port}/")
    scratch = Path(tempfile.mkdtemp(prefix="archive-serve-"))
    stop_on_signals()
    loop: Loop | None = None
    try:
        speed = Speed(cache_dir, workers, cache_dir or config.root / ".cache" / "archive")
        session = Session(config, config_path or config.root / DEFAULT_CONFIG, content, scratch / "site", speed,
                          Notice())
        root = session.config.root
        with Changes([content, root / "templates", root / "static"], [session.config_file]) as changes:
            if session.rebuild(reread_config=False) == "failed":
                session.output.mkdir(parents=True, exist_ok=True)
            places_ready()  # the gazetteer that reading a saved file needs (for its dateline), opened now
            # rather than on the first save (when it was read whole, that first preview took 1.1 s, the others 0.15 s)
            loop = Loop.start(server_for(session), host, port, session.output)
            print(f"Serving the site at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
            follow(session, changes, loop)
    except KeyboardInterrupt:
        pass
    finally:
        if loop is not None:
            loop.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def server_for(session: Session) -> Server:
    """livereload's server on the output folder, with the notice; it watches nothing itself (``Changes`` does)."""
    server = Server()
    server.SFH = handler_for(session.notice)
    return server


def follow(session: Session, changes: Changes, loop: Loop) -> None:
    """Until stopped: wait for changes, preview a lone edited statement, rebuild; reload after each (not
    after a build that found nothing changed, e.g. for a file saved again as it was)."""
    while not STOPPING[0]:
        paths = changes.next(WAKE_SECONDS)
        if not paths:
            continue
        saved = [p for p in paths if os.path.exists(p)]  # an editor's temporary file is renamed away by now
        made = session.preview(Path(saved[0])) if len(saved) == 1 else None
        if made:
            print(f"Previewing {made.statement} (the build follows)", flush=True)
            loop.reload(saved[0])
            if shard := session.search_preview(made):
                print(f"Search updated: {shard} (the build follows)", flush=True)
        if session.rebuild() != "unchanged":
            loop.reload(paths[0])


WAKE_SECONDS = 1.0  # how often ``follow`` looks at STOPPING, should a signal's KeyboardInterrupt be swallowed


@dataclass(slots=True)
class Loop:
    """livereload's server, its tornado loop running in a thread of its own."""

    io_loop: IOLoop
    thread: threading.Thread

    @classmethod
    def start(cls, server: Server, host: str, port: int, root: Path) -> Loop:
        """Listen (a port in use, or any address it cannot listen on, is a BuilderError here), then run in a
        thread."""
        started: queue.SimpleQueue[IOLoop | BaseException] = queue.SimpleQueue()

        def run() -> None:
            asyncio.set_event_loop(asyncio.new_event_loop())
            try:
                server.root = str(root)
                server.default_filename = "index.html"
                log_like_livereload()
                server.application(port, host, liveport=None, debug=False, live_css=True)
                logging.getLogger("livereload").info(f"Serving on http://{host}:{port}")
            except BaseException as exc:  # noqa: BLE001 (handed to the caller)
                started.put(exc)
                return
            started.put(IOLoop.current())
            IOLoop.current().start()
            IOLoop.current().close(all_fds=True)

        thread = threading.Thread(target=run, name="archive-serve-http", daemon=True)
        thread.start()
        outcome = started.get()
        if isinstance(outcome, OSError):
            raise BuilderError(f"cannot serve on {host}:{port}: {outcome.strerror or outcome}",
                               hint="choose another --port, or stop what uses this one") from None
        if isinstance(outcome, BaseException):
            raise outcome
        return cls(outcome, thread)

    def reload(self, path: str) -> None:
        """Tell every connected browser to reload (livereload's message, sent from the loop)."""
        self.io_loop.add_callback(LiveReloadHandler.reload_waiters, path or "*")

    def stop(self) -> None:
        self.io_loop.add_callback(self.io_loop.stop)
        self.thread.join(timeout=10)


def log_like_livereload() -> None:
    """livereload's log lines ('Serving on', 'Browser Connected', 'Reload … waiters') on stderr, as its
    ``Server.serve`` sets them up."""
    logger = logging.getLogger("livereload")
    logger.setLevel(logging.INFO)
    channel = logging.StreamHandler()
    channel.setFormatter(LogFormatter())
    logger.addHandler(channel)
    logging.getLogger("tornado").addHandler(channel)


BUILDING: list[bool] = [False]  # whether serve is in a build now (see ``stop_on_signals``)
STOPPING: list[bool] = [False]  # a stop was asked for


def stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM stop serve, so the temporary folder is removed on the way out.

    Signals arrive in the main thread, which builds or waits for changes: the
    signal is a KeyboardInterrupt there, which also ends a build waiting on
    worker processes. Raised at whatever the interpreter happens to run, it can
    land in a weakref callback, where Python cannot raise it and goes on (seen in
    tests/e2e/test_serve.py runs): ``STOPPING`` is set too, and the wait for
    changes looks at it every ``WAKE_SECONDS``. Python would print such an
    interrupt as "Exception ignored" with a traceback; ``quiet_interrupts``
    keeps that off the terminal, as serve stops anyway.
    """
    serving = os.getpid()
    quiet_interrupts()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != serving:  # a forked build worker inherited this: end as the signal would
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        STOPPING[0] = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def quiet_interrupts() -> None:
    """Python's hook for an exception it cannot raise (``sys.unraisablehook``), without the one case that is
    no error: the KeyboardInterrupt of a stop, which landed in a weakref callback or a finaliser."""
    default = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if unraisable.exc_type is KeyboardInterrupt and STOPPING[0]:
            return  # STOPPING ends serve: nothing was lost
        default(unraisable)
    sys.unraisablehook = hook


def reload_config(config: Config, path: Path) -> Config:
    """Re-read the config file on every rebuild, keeping the local base URL."""
    try:
        fresh = load_config(path if path.exists() else None)
    except BuilderError as exc:
        print(f"error: {exc}; using the previous settings", file=sys.stderr, flush=True)
        return config
    return fresh.with_overrides(base_url=config.base_url)
