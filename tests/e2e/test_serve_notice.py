"""``archive serve`` always serves what is good (issue 14, points 6 and 9).

A bad file at start-up is left out and named, in the terminal and in a notice
on the page that livereload shows; fixing it makes the notice go away on the
reload. The notice is only ever added by serve, never written by ``build``.
SIGTERM stops serve and removes its temporary folder.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import chromium
from tests.conftest import cli, project
from tests.e2e.support import SEED_SLUG, SEED_TITLE, ServeProcess, fetch, poll, start_serve, watched_page

STATEMENT = f"statements/{SEED_SLUG}/"
BAD = "---\nid: second\nslug: second\ntitle: \"An unclosed quote\ndate: 2023-02-01\nlead: L\n---\n\nSecond text.\n"
FIXED = "---\nid: second\nslug: second\ntitle: The second statement\ndate: 2023-02-01\nlead: L\n---\n\nSecond text.\n"
NOTICE = "#archive-serve-notice"
START_TIMEOUT = 60.0  # generous: a poll returns as soon as the server is ready; only a stalled machine waits
REBUILD_TIMEOUT = 60.0  # a rebuild of this one-statement site takes about a second


@pytest.fixture
def with_bad_file(tmp_path: Path) -> Path:
    root = project(tmp_path)
    (root / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    return root


def start(root: Path, scratch: Path) -> ServeProcess:
    scratch.mkdir(exist_ok=True)
    return start_serve(root, lambda s: fetch(s.url).status == 200, START_TIMEOUT, "the home page",
                       {"TMPDIR": str(scratch)})


def test_a_bad_file_at_start_up_is_left_out_and_named_in_the_browser(with_bad_file: Path, tmp_path: Path) -> None:
    server = start(with_bad_file, tmp_path / "tmp")
    try:
        server.wait_for_line(r"^left out: content/bad\.md:4: malformed YAML", START_TIMEOUT)
        assert fetch(server.url + "statements/second/").status == 404
        with chromium() as browser, watched_page(browser) as (page, watch):
            page.goto(server.url + STATEMENT, wait_until="load")
            assert page.locator("h1").inner_text() == SEED_TITLE, "the good statement is not served"
            notice = page.locator(NOTICE)
            expect(notice).to_be_visible(timeout=REBUILD_TIMEOUT * 1000)  # waits for layout, not for luck
            assert "content/bad.md:4" in notice.inner_text() and "left out" in notice.inner_text()
            server.wait_for_line(r"Browser Connected: .*" + STATEMENT, START_TIMEOUT)
            mark = server.mark()
            (with_bad_file / "content" / "bad.md").write_text(FIXED, encoding="utf-8")
            server.wait_for_line(r"^Built 2 statements", REBUILD_TIMEOUT, since=mark)
            poll(lambda: page.locator(NOTICE).count() == 0, REBUILD_TIMEOUT,
                 lambda: f"the notice to go away after the reload; output:\n{server.diagnosis()}")
            assert page.locator("h1").inner_text() == SEED_TITLE
            assert not watch.problems(), "\n".join(watch.problems())
        fixed = fetch(server.url + "statements/second/")
        assert fixed.status == 200 and "The second statement" in fixed.text and "archive-serve-notice" not in fixed.text
        assert "Traceback" not in server.output_text()
    finally:
        server.kill()


def test_a_failed_first_build_is_named_on_every_address(tmp_path: Path) -> None:
    root = project(tmp_path)
    base = root / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %", 1),
                    encoding="utf-8")
    server = start_failing(root, tmp_path / "tmp")
    try:
        page = fetch(server.url + STATEMENT)
        assert page.status == 404 and "archive-serve-notice" in page.text and "templates/base.html" in page.text
        assert "Traceback" not in server.output_text()
    finally:
        server.kill()


def start_failing(root: Path, scratch: Path) -> ServeProcess:
    scratch.mkdir(exist_ok=True)
    return start_serve(root, lambda s: fetch(s.url).status == 404, START_TIMEOUT, "the server to answer",
                       {"TMPDIR": str(scratch)})


def test_the_notice_never_reaches_build_output(with_bad_file: Path) -> None:
    done = cli(with_bad_file, "build", "--keep-going", "--no-search")
    assert done.returncode == 0 and "left out: content/bad.md" in done.stderr
    leaked = [p for p in (with_bad_file / "site").rglob("*") if p.is_file() and b"archive-serve-notice" in p.read_bytes()]
    assert not leaked, leaked


def test_sigterm_removes_the_temporary_folder(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    server = start(project(tmp_path), scratch)
    try:
        assert [p.name.startswith("archive-serve-") for p in scratch.iterdir()] == [True]
        server.proc.send_signal(signal.SIGTERM)
        code = server.proc.wait(timeout=15)
    finally:
        server.kill()
    assert code == 0, server.output_text()
    assert list(scratch.iterdir()) == [], "serve left its temporary folder behind after SIGTERM"
    assert "Traceback" not in server.output_text()
