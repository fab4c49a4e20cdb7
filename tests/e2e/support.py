"""Helpers for the end-to-end tests.

* ``crawl``: follow every internal link of a served site (HTML, Atom feeds,
  sitemap, robots.txt) and report the broken ones with the page that links them.
* ``html_paragraphs`` / ``raw_paragraphs``: statement text, rendered and original.
* ``cli_build`` and ``ServeProcess``: ``python -m builder build`` / ``serve`` as
  subprocesses; the server's output is collected line by line so that tests can wait
  for a message.
* ``watched_page``: a page of Debian's Chromium (``tests.browser.chromium``), with
  console errors, failed responses and any request off 127.0.0.1 recorded (and blocked).
* ``poll``: wait for a condition with a bounded deadline instead of sleeping.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

from tests.browser import LOCAL_HOST, free_port  # tests/browser.py serves folders and launches Chromium for every test

REPO = Path(__file__).resolve().parents[2]
PUBLIC_BASE = "https://example.github.io/archive/"
PREFIX = "/archive/"

SEED_ID = "45aa7c544b2f"
SEED_SLUG = "2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming"
SEED_TITLE = "Russia is working intensely in the direction of overcoming the “potential for conflict” amassed in South Caucasus"


ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

T = TypeVar("T")


# --------------------------------------------------------------------------- waiting


def poll(check: Callable[[], T], timeout: float, what: str | Callable[[], str], interval: float = 0.1) -> T:
    """Call ``check`` until it returns something truthy, at most ``timeout`` seconds.

    Exceptions from ``check`` count as "not yet" (a server that is still starting
    refuses connections); the last one is reported if the deadline passes. ``what``
    may be a function, called only then (to gather a diagnosis that takes time).
    """
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    final = False  # one more check once the deadline has passed: a check that was cut short by the
    while True:    # machine stalling (a socket timeout fires as it resumes) gets a fair last try
        try:
            value = check()
            if value:
                return value
        except AssertionError:
            raise  # a definite failure (e.g. the server died), not "not ready yet"
        except Exception as exc:  # noqa: BLE001 - "not ready yet"
            last = exc
        if final:
            detail = f" (last error: {last!r})" if last else ""
            described = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout:g} s waiting for {described}{detail}")
        final = time.monotonic() >= deadline
        time.sleep(interval)


# --------------------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class ServedSite:
    """A built site and where it is served."""

    url: str  # local URL of the site root, ends with '/'
    output: Path  # the built folder
    public_base: str  # the base URL the site was built with

    @property
    def aliases(self) -> dict[str, str]:
        """Public base URL → local URL, for links written with the configured base URL."""
        return {} if self.public_base == self.url else {self.public_base: self.url}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects as they are: a link to 'x' that only works as 'x/' is not a 200."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(NoRedirect)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(url: str, timeout: float = 10.0) -> Response:
    """GET ``url`` without following redirects; HTTP errors are returned, not raised."""
    try:
        with _OPENER.open(url, timeout=timeout) as r:
            return Response(r.status, r.headers.get("Content-Type", ""), r.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.headers.get("Content-Type", "") if exc.headers else "", exc.read())


# --------------------------------------------------------------------------- links


@dataclass(frozen=True)
class Ref:
    """One reference found in a document: where it points and what wrote it."""

    value: str
    source: str  # e.g. 'a href', 'link[canonical] href', 'atom link', 'sitemap loc'


LINK_ATTRS = {"a": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
              "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
              "audio": ("src",), "form": ("action",)}
REFRESH_RE = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


class LinkParser(HTMLParser):
    """Collects every URL-valued attribute, the meta refresh target, and element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[Ref] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for name in LINK_ATTRS.get(tag, ()):
            if name not in a:
                continue
            label = f"{tag}[{a['rel']}] {name}" if tag == "link" and "rel" in a else f"{tag} {name}"
            values = [c.strip().split()[0] for c in a[name].split(",") if c.strip()] if name == "srcset" else [a[name]]
            self.refs.extend(Ref(v, label) for v in values)
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = REFRESH_RE.match(a.get("content", ""))
            if m:
                self.refs.append(Ref(m.group(1).strip(), "meta refresh"))

    handle_startendtag = handle_starttag


def html_refs(text: str) -> tuple[list[Ref], set[str]]:
    """(references, element ids) of an HTML document."""
    p = LinkParser()
    p.feed(text)
    p.close()
    return p.refs, p.ids


def xml_refs(body: bytes) -> list[Ref]:
    """Atom ``<link href>`` and sitemap ``<loc>`` of an XML document (a parse error is a failure)."""
    root = ET.fromstring(body)
    refs = [Ref(e.attrib["href"], "atom link") for e in root.iter(f"{ATOM}link") if "href" in e.attrib]
    refs += [Ref((e.text or "").strip(), "sitemap loc") for e in root.iter(f"{SITEMAP}loc")]
    return refs


def robots_refs(text: str) -> list[Ref]:
    return [Ref(line.split(":", 1)[1].strip(), "robots sitemap") for line in text.splitlines()
            if line.lower().startswith("sitemap:")]


# --------------------------------------------------------------------------- crawling


@dataclass(frozen=True)
class Broken:
    url: str
    status: int
    found_on: str
    source: str

    def __str__(self) -> str:
        return f"{self.status} {self.url}  ({self.source} on {self.found_on})"


@dataclass
class Crawl:
    """What a crawl saw: every internal URL fetched, and what went wrong."""

    root: str
    statuses: dict[str, int] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)
    found_on: dict[str, tuple[str, str]] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (url, fragment, found on)
    external: dict[str, str] = field(default_factory=dict)  # url -> found on
    errors: list[str] = field(default_factory=list)  # unparsable documents

    @property
    def broken(self) -> list[Broken]:
        return [Broken(u, s, *self.found_on.get(u, ("(start)", "start"))) for u, s in sorted(self.statuses.items())
                if s != 200]

    @property
    def missing_fragments(self) -> list[str]:
        return [f"{url}#{frag} (on {page})" for url, frag, page in self.fragments
                if self.statuses.get(url) == 200 and url in self.ids and frag not in self.ids[url]]

    def reached(self, path: str) -> bool:
        """Whether ``root + path`` was fetched with a 200."""
        return self.statuses.get(self.root + path) == 200

    def paths(self) -> set[str]:
        return {u[len(self.root):] for u in self.statuses if u.startswith(self.root)}


def origin(url: str) -> str:
    s = urlsplit(url)
    return f"{s.scheme}://{s.netloc}"


def crawl(root: str, starts: list[str], aliases: Mapping[str, str] | None = None, limit: int = 5000) -> Crawl:
    """Breadth-first crawl of every URL on ``root``'s origin, from ``root + start`` for each start.

    ``aliases`` maps a public base URL (as written into canonical links, feeds and the
    sitemap) to the local one it is served at, e.g. {'https://example.github.io/archive/':
    'http://127.0.0.1:PORT/archive/'}. Internal means "on the local server's origin", so a
    link that misses the prefix is fetched too and shows up as a 404.
    """
    aliases = dict(aliases or {})
    local = origin(root)
    result = Crawl(root)
    queue = [root + s for s in starts]
    queued = set(queue)

    def add(ref: Ref, page: str) -> None:
        value = ref.value.strip()  # the parsers have already decoded character references
        if not value or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
            return
        url, frag = urldefrag(urljoin(page, value))
        for public, mapped in aliases.items():
            if url.startswith(public):
                url = mapped + url[len(public):]
            elif url.rstrip("/") == public.rstrip("/"):
                url = mapped
        if origin(url) != local:
            result.external.setdefault(url, page)
            return
        if frag:
            result.fragments.append((url, frag, page))
        if url not in queued:
            queued.add(url)
            queue.append(url)
            result.found_on[url] = (page, ref.source)

    while queue:
        url = queue.pop(0)
        assert len(result.statuses) < limit, f"crawl exceeded {limit} URLs: runaway links?"
        r = fetch(url)
        result.statuses[url] = r.status
        result.content_types[url] = r.content_type
        if r.status != 200:
            continue
        path = urlsplit(url).path
        try:
            if r.content_type.startswith("text/html"):
                refs, ids = html_refs(r.text)
                result.ids[url] = ids
            elif path.endswith(".xml"):
                refs = xml_refs(r.body)
            elif path.endswith("/robots.txt"):
                refs = robots_refs(r.text)
            else:
                refs = []
        except ET.ParseError as exc:
            result.errors.append(f"{url}: not well-formed XML: {exc}")
            refs = []
        for ref in refs:
            add(ref, url)
    return result


# --------------------------------------------------------------------------- text


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return " ".join(text.split())


class Paragraphs(HTMLParser):
    """The text of each ``<p>`` inside the first ``<div class="{scope}">`` (or anywhere, if no scope)."""

    VOID: ClassVar[frozenset[str]] = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                "link", "meta", "source", "track", "wbr"})

    def __init__(self, scope: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.scope = scope
        self.done = False
        self.depth = 0 if scope else 1  # open elements inside the scope, its div included
        self.current: list[str] | None = None
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0:
            if tag == "div" and self.scope in classes and not self.done:
                self.depth = 1
            return
        if tag not in self.VOID:
            self.depth += 1
        if tag == "p":
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        if tag == "p" and self.current is not None:
            self.paragraphs.append("".join(self.current))
            self.current = None
        if tag not in self.VOID:
            self.depth -= 1
        if self.depth == 0:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth and self.current is not None:
            self.current.append(data)


def html_paragraphs(markup: str, scope: str | None = "body") -> list[str]:
    """Normalised ``<p>`` texts of ``<div class="{scope}">`` (default: a statement page's body)."""
    p = Paragraphs(scope)
    p.feed(markup)
    p.close()
    return [normalise(x) for x in p.paragraphs]


def raw_paragraphs(raw: str) -> list[str]:
    """Normalised body paragraphs of a raw statement: blank-line separated blocks after the first line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    rest = text.split("\n", 1)[1] if "\n" in text else ""
    return [normalise(b) for b in re.split(r"\n[ \t]*\n", rest) if b.strip()]


# --------------------------------------------------------------------------- the CLI


def cli_env() -> dict[str, str]:
    """The environment for ``python -m builder``: this checkout's package first on the path."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONUNBUFFERED": "1"}


def cli_build(project: Path, output: Path, base_url: str, timeout: float = 120.0) -> str:
    """``python -m builder build`` of a project folder, as a user runs it; returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--content", str(project / "content"), "--output", str(output),
         "--base-url", base_url, "--config", str(project / "archive.yml")],
        cwd=project, env=cli_env(), capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False)
    assert done.returncode == 0, f"build failed ({done.returncode}):\n{done.stdout}{done.stderr}"
    return done.stdout


# --------------------------------------------------------------------------- the serve command


@dataclass(frozen=True)
class Line:
    """One line of the server's output."""

    stream: str  # 'stdout' or 'stderr'
    text: str
    at: float  # time.monotonic() when it was read

    def __str__(self) -> str:
        return f"[{self.stream}] {self.text}"


# ``python -m builder``, with faulthandler on SIGUSR1: a server that stops answering can be asked
# where each of its threads is (``ServeProcess.diagnosis``), instead of a bare timeout. Ctrl+C is
# made to work even when pytest runs in a background job (which starts with SIGINT ignored).
SERVE_MAIN = ("import faulthandler, signal, sys; faulthandler.register(signal.SIGUSR1, all_threads=True); "
              "signal.signal(signal.SIGINT, signal.default_int_handler); "
              "from builder.cli import main; sys.exit(main(sys.argv[1:]))")


class ServeProcess:
    """``python -m builder serve`` in a subprocess; stdout and stderr collected by reader threads."""

    def __init__(self, project: Path, port: int, extra_env: Mapping[str, str] | None = None) -> None:
        self.port = port
        self.url = f"http://{LOCAL_HOST}:{port}/"
        self.lines: list[Line] = []
        self._lock = threading.Lock()
        env = {**cli_env(), **(extra_env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE_MAIN, "serve", "--host", LOCAL_HOST, "--port", str(port),
             "--content", str(project / "content"), "--config", str(project / "archive.yml")],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", errors="replace", bufsize=1)
        self._readers = [threading.Thread(target=self._read, args=(name, stream), daemon=True)
                         for name, stream in (("stdout", self.proc.stdout), ("stderr", self.proc.stderr))]
        for t in self._readers:
            t.start()

    def _read(self, name: str, stream: Any) -> None:
        for text in stream:
            with self._lock:
                self.lines.append(Line(name, text.rstrip("\n"), time.monotonic()))

    def output_text(self) -> str:
        with self._lock:
            return "\n".join(str(line) for line in self.lines)

    def diagnosis(self) -> str:
        """The output so far, then where the server's threads are and which processes it has started.

        For a timed-out wait: the stack dump (faulthandler, on SIGUSR1) says whether the
        server is stuck in a build, in the file watcher or waiting on a worker."""
        if self.proc.poll() is not None:
            return self.output_text()
        mark = self.mark()
        self.proc.send_signal(signal.SIGUSR1)
        with contextlib.suppress(AssertionError):
            poll(lambda: any(line.text.startswith("Current thread") for line in self.lines_since(mark)), 5.0,
                 "the stack dump")
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        running = [f"{pid}: {command_line(pid)}" for pid in pids]
        return f"{self.output_text()}\nchild processes of the server: {running or 'none'}"

    def mark(self) -> int:
        """A position in the output; ``lines_since`` reads what came after it."""
        with self._lock:
            return len(self.lines)

    def lines_since(self, mark: int = 0) -> list[Line]:
        with self._lock:
            return self.lines[mark:]

    def wait_for_line(self, pattern: str, timeout: float, since: int = 0) -> Line:
        """The first line after ``since`` (a ``mark``) matching the regex ``pattern``."""
        rx = re.compile(pattern)

        def found() -> Line | None:
            match = next((line for line in self.lines_since(since) if rx.search(line.text)), None)
            if match is None:
                self.check_alive()
            return match

        return poll(found, timeout, lambda: f"server output matching {pattern!r}; output so far:\n{self.diagnosis()}")

    def check_alive(self) -> None:
        code = self.proc.poll()
        if code is not None:
            for t in self._readers:
                t.join(timeout=2)
            raise ServerDied(f"the serve process exited with {code}:\n{self.output_text()}")

    def stop(self, timeout: float = 10.0) -> int:
        """Ctrl+C (SIGINT) and wait; killed (and the test failed) if it does not stop. Returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError(f"the serve process ignored Ctrl+C for {timeout:g} s:\n{self.output_text()}")
        for t in self._readers:
            t.join(timeout=5)
        return self.proc.returncode

    def kill(self) -> None:
        """Last resort for a failed test: make sure this process is gone."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def command_line(pid: str) -> str:
    """A process's command line, from /proc ('gone' if it has exited)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "gone"


class ServerDied(AssertionError):
    """The serve process exited while a test was waiting for it (not a "not ready yet")."""


def start_serve(project: Path, ready: Callable[[ServeProcess], bool], timeout: float, what: str,
                extra_env: Mapping[str, str] | None = None) -> ServeProcess:
    """``serve`` on a free port of 127.0.0.1, returned once ``ready(server)``.

    ``free_port`` can only say a port was free a moment ago: an outgoing connection may take it
    before the server binds it. A server that exits saying so is started again on another port."""
    for attempt in range(3):
        server = ServeProcess(project, free_port(), extra_env)
        try:
            poll(lambda: server.check_alive() or ready(server), timeout,
                 lambda: f"{what} at {server.url}; output:\n{server.diagnosis()}")
            return server
        except ServerDied as exc:
            server.kill()
            if "Address already in use" not in str(exc) or attempt == 2:
                raise
        except BaseException:
            server.kill()
            raise
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- browser


@dataclass
class Watch:
    """Everything a page did that a test should object to."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors] + [f"page error: {m}" for m in self.page_errors]
                + [f"request off 127.0.0.1: {u}" for u in self.foreign_requests]
                + [f"failed response: {r}" for r in self.failed_responses])


FOREIGN_URL = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1[:/])(?:https?|wss?)://")


@contextlib.contextmanager
def watched_page(browser: Any, timeout_ms: float = 15_000) -> Iterator[tuple[Any, Watch]]:
    """A page in a fresh context with its console, errors and network watched.

    Requests to any host but 127.0.0.1 are aborted and recorded, so a test can assert
    that the site works offline and never calls out.
    """
    context = browser.new_context()
    context.set_default_timeout(timeout_ms)
    watch = Watch()

    def is_foreign(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST

    def block(route: Any) -> None:
        watch.foreign_requests.append(route.request.url)
        route.abort()

    def block_socket(ws: Any) -> None:
        watch.foreign_requests.append(ws.url)
        ws.close()

    # A regex (not a Python callable) is matched by the Playwright driver itself, so requests
    # to 127.0.0.1 are never held waiting for this thread (which may be busy polling a server).
    context.route(FOREIGN_URL, block)
    context.route_web_socket(FOREIGN_URL, block_socket)
    p = context.new_page()
    p.on("console", lambda m: watch.console_errors.append(f"{m.text} ({m.location.get('url', '')})")
         if m.type == "error" else None)
    p.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    # ERR_ABORTED is a request cancelled by navigating away (a favicon, say): not a failure.
    # A missing file still shows, as a >= 400 response and a console error.
    p.on("requestfailed", lambda r: None if is_foreign(r.url) or r.failure == "net::ERR_ABORTED"
         else watch.failed_responses.append(f"{r.url}: {r.failure}"))
    p.on("response", lambda r: watch.failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        yield p, watch
    finally:
        context.close()
