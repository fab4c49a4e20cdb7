"""Test support, one home for all browser tests: serve a folder on 127.0.0.1 (optionally under a
prefix) and launch Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

LOCAL_HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1 (bind to port 0, read it back)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOCAL_HOST, 0))
        return int(s.getsockname()[1])


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``prefix``; every path outside the prefix is a 404."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def inside(self) -> bool:
        return urlsplit(self.path).path.startswith(self.prefix)

    def do_GET(self) -> None:
        if not self.inside():
            self.send_error(404, "outside the site prefix")
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        if not self.inside():
            self.send_error(404, "outside the site prefix")
            return
        super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):])


class LocalServer(http.server.ThreadingHTTPServer):
    """A threaded server with a deep accept queue, so that a crawler never sees a refusal."""

    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve_folder(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` at http://127.0.0.1:PORT{prefix}; yields that URL.

    The folder is read on every request, so it may be built after the server starts
    (which is how a test learns the URL to build with).
    """
    assert prefix.startswith("/") and prefix.endswith("/"), prefix
    handler = type("Handler", (PrefixHandler,), {"prefix": prefix})
    server = LocalServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright; yields the Browser."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
