"""``python -m builder serve``: live rebuilds, livereload, and surviving a broken edit.

A broken edit leaves that statement out (serve builds like ``--keep-going``):
its address answers 404 with the serve notice naming the file, the rest is served.

The server runs as a subprocess in a throwaway copy of the bundled project (its
own content/, templates/, static/ and archive.yml), on a free port of 127.0.0.1.
Every wait is a bounded poll; a traceback in the server's output fails at once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.conftest import project
from tests.e2e.support import (
    SEED_SLUG,
    SEED_TITLE,
    Line,
    ServeProcess,
    fetch,
    poll,
    start_serve,
    watched_page,
)

STATEMENT = f"statements/{SEED_SLUG}/"
NEW_TITLE = "Russia works to overcome the potential for conflict in the South Caucasus"
FIXED_TITLE = "Russia wants the South Caucasus to overcome its potential for conflict"
BROKEN_TITLE = "Broken: a second colon makes this a nested mapping"  # YAML: mapping values are not allowed here
START_TIMEOUT = 60.0  # generous: a poll returns as soon as the server is ready; only a stalled machine waits
REBUILD_TIMEOUT = 60.0  # a rebuild of this one-statement site takes about a second


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, ServeProcess]]:
    """A temp project being served; serve's build folder goes to a TMPDIR inside tmp_path."""
    root = project(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    server = start_serve(root, lambda s: fetch(s.url).status == 200, START_TIMEOUT, "the home page",
                         {"TMPDIR": str(scratch)})
    try:
        yield root, server
    finally:
        server.kill()


def content_file(root: Path) -> Path:
    return next((root / "content").rglob("*.md"))


def set_title(md: Path, title: str) -> int:
    """Replace the front matter's title line (the slug stays); returns its 1-based line number."""
    lines = md.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[n] = f"title: {title}"
    md.write_text("\n".join(lines), encoding="utf-8")
    return n + 1


def h1(page_html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.DOTALL)
    assert m, "the statement page has no <h1>"
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()


def served_title(server: ServeProcess) -> str:
    r = fetch(server.url + STATEMENT)
    assert r.status == 200, f"the statement page answered {r.status}"
    return h1(r.text)


def assert_no_crash(server: ServeProcess, since: int) -> None:
    """Fail at once (not at the deadline) if the server printed a traceback since ``since``."""
    lines = server.lines_since(since)
    if any("Traceback" in line.text for line in lines):
        raise AssertionError("serve crashed while rebuilding after the edit (the site is now stale):\n"
                             + "\n".join(str(line) for line in lines))


def wait_for_title(server: ServeProcess, title: str, since: int) -> None:
    def shown() -> bool:
        assert_no_crash(server, since)
        r = fetch(server.url + STATEMENT)  # a 404 until a left-out statement is fixed and rebuilt
        return r.status == 200 and h1(r.text) == title

    poll(shown, REBUILD_TIMEOUT,
         lambda: f"the served statement page to show the title {title!r}; output:\n{server.diagnosis()}")


def break_the_front_matter(server: ServeProcess, md: Path) -> tuple[int, Line]:
    """A broken edit; returns (the broken line's number, the 'left out: …' line the server printed)."""
    mark = server.mark()
    broken_line = set_title(md, BROKEN_TITLE)
    error = server.wait_for_line(r"^left out: .*" + re.escape(md.name) + r".*malformed YAML", REBUILD_TIMEOUT,
                                 since=mark)
    server.wait_for_line(r"^Built 0 statements", REBUILD_TIMEOUT, since=mark)
    return broken_line, error


def assert_left_out_with_notice(server: ServeProcess, md: Path) -> None:
    """The broken statement's page is a 404 whose notice names the file; the home page names it too."""
    name = f"content/{md.parent.name}/{md.name}"
    page = fetch(server.url + STATEMENT)
    assert page.status == 404 and 'id="archive-serve-notice"' in page.text and name in page.text, page.text[:2000]
    home = fetch(server.url)
    assert home.status == 200 and 'id="archive-serve-notice"' in home.text and name in home.text


def stop_cleanly(server: ServeProcess) -> None:
    code = server.stop()
    assert code in (0, 130), f"serve exited with {code} on Ctrl+C:\n{server.output_text()}"
    assert "Traceback" not in server.output_text(), server.output_text()


def test_serve_builds_with_its_own_url_and_injects_livereload(served: tuple[Path, ServeProcess]) -> None:
    _, server = served
    page = fetch(server.url + STATEMENT)
    assert page.status == 200
    assert h1(page.text) == SEED_TITLE
    assert f'<link rel="canonical" href="{server.url}{STATEMENT}">' in page.text, "serve builds with its own URL"
    # python-livereload 2.7.1 injects an inline <script> before </head> that appends
    # <script src="//HOST:PORT/livereload.js?port=PORT">; the JS itself is served too.
    head = page.text.split("</head>", 1)[0]
    assert re.search(r"<script[^>]*>[^<]*/livereload\.js\?port=", head), "no livereload script in the served HTML"
    js = fetch(server.url + "livereload.js")
    assert js.status == 200 and b"LiveReload" in js.body
    for path in ("", "feed.xml", "static/style.css", "2023/"):
        assert fetch(server.url + path).status == 200, path
    stop_cleanly(server)


def test_serve_rebuilds_after_an_edit(served: tuple[Path, ServeProcess]) -> None:
    """Edit → new page; broken edit → left out, with the notice; fixed → the fixed page, no notice."""
    root, server = served
    md = content_file(root)
    assert served_title(server) == SEED_TITLE

    mark = server.mark()
    set_title(md, NEW_TITLE)
    wait_for_title(server, NEW_TITLE, since=mark)

    break_the_front_matter(server, md)
    assert_left_out_with_notice(server, md)

    mark = server.mark()
    set_title(md, FIXED_TITLE)
    wait_for_title(server, FIXED_TITLE, since=mark)
    # the page may be the preview, served before the build that takes the notice off the other pages
    server.wait_for_line(r"^Built 1 statement", REBUILD_TIMEOUT, since=mark)
    assert 'id="archive-serve-notice"' not in fetch(server.url).text, "the notice outlived the fix"
    stop_cleanly(server)


def test_serve_previews_an_edited_statement_before_its_build(served: tuple[Path, ServeProcess]) -> None:
    """A word changed in a statement's text: its page is served from the last build's model and its year's
    search shard indexed again, both announced before the build that follows (``builder.preview``), and the
    build keeps the page."""
    root, server = served
    md = content_file(root)
    text = md.read_text(encoding="utf-8")
    assert text.count("highlighted") == 1
    mark = server.mark()
    md.write_text(text.replace("highlighted", "underlined"), encoding="utf-8")
    previewed = server.wait_for_line(r"^Previewing content/.*" + re.escape(md.name) + r" \(the build follows\)$",
                                     REBUILD_TIMEOUT, since=mark)
    searched = server.wait_for_line(r"^Search updated: pagefind/2023/ \(the build follows\)$", REBUILD_TIMEOUT,
                                    since=mark)
    built = server.wait_for_line(r"^Built 1 statement", REBUILD_TIMEOUT, since=mark)
    lines = server.lines_since(mark)
    assert lines.index(previewed) < lines.index(searched) < lines.index(built), "the build came before the previews"
    page = fetch(server.url + STATEMENT)
    assert page.status == 200 and "It also underlined the importance" in page.text
    assert_no_crash(server, mark)
    stop_cleanly(server)


def test_a_statement_saved_as_editors_save_is_previewed(served: tuple[Path, ServeProcess]) -> None:
    """Saved through a temporary file renamed over it (as sed -i and many editors do): the burst of events
    names two files, one of them gone; the statement is still previewed."""
    root, server = served
    md = content_file(root)
    text = md.read_text(encoding="utf-8")
    mark = server.mark()
    partial = md.with_name(".sedXYZ12")
    partial.write_text(text.replace("highlighted", "underlined"), encoding="utf-8")
    partial.replace(md)
    server.wait_for_line(r"^Previewing content/.*" + re.escape(md.name) + r" \(the build follows\)$", REBUILD_TIMEOUT,
                         since=mark)
    server.wait_for_line(r"^Built 1 statement", REBUILD_TIMEOUT, since=mark)
    assert "It also underlined the importance" in fetch(server.url + STATEMENT).text
    assert_no_crash(server, mark)
    stop_cleanly(server)


def test_serve_reports_a_broken_edit_and_keeps_serving(served: tuple[Path, ServeProcess]) -> None:
    root, server = served
    md = content_file(root)
    mark = server.mark()
    _, error = break_the_front_matter(server, md)
    assert error.stream == "stderr", f"the error went to {error.stream}: {error}"
    assert error.text.startswith(f"left out: content/{md.parent.name}/{md.name}:"), f"the error should name the file: {error}"
    assert_left_out_with_notice(server, md)
    assert fetch(server.url + "feed.xml").status == 200
    assert_no_crash(server, mark)
    stop_cleanly(server)


def test_broken_edit_error_points_at_the_broken_line(served: tuple[Path, ServeProcess]) -> None:
    root, server = served
    md = content_file(root)
    broken_line, error = break_the_front_matter(server, md)
    stop_cleanly(server)
    reported = error.text.split(md.name + ":", 1)[1].split(":", 1)[0]
    assert reported == str(broken_line), (
        f"the YAML error names line {reported} but the broken title is on line {broken_line} "
        f"(builder/frontmatter.py parse_yaml: the YAML text starts on line 1, right after the opening '---', "
        f"so the file line is mark.line + 1, not mark.line + 2): {error.text}")


def test_browser_reloads_itself_after_an_edit(served: tuple[Path, ServeProcess]) -> None:
    """The page open in Chromium connects to livereload and reloads with the new title on its own."""
    root, server = served
    # serve sends its reloads itself (builder.serve.Loop.reload): livereload's 3 s throttle, which only
    # applies to changes its own watcher saw, never holds them back, so nothing is waited out here.
    with chromium() as browser, watched_page(browser) as (page, watch):
        mark = server.mark()
        page.goto(server.url + STATEMENT, wait_until="load")
        assert page.locator("h1").inner_text() == SEED_TITLE
        server.wait_for_line(r"Browser Connected: .*" + re.escape(STATEMENT), START_TIMEOUT, since=mark)
        page.evaluate("window.__beforeEdit = true")
        mark = server.mark()
        set_title(content_file(root), NEW_TITLE)

        def reloaded() -> bool:
            assert_no_crash(server, mark)
            return page.locator("h1").inner_text(timeout=2000) == NEW_TITLE

        poll(reloaded, REBUILD_TIMEOUT, lambda: f"the open page to reload with the new title; output:\n{server.diagnosis()}")
        assert page.evaluate("window.__beforeEdit === undefined"), "the title changed without a page reload?"
        assert not watch.problems(), "\n".join(watch.problems())
    stop_cleanly(server)
