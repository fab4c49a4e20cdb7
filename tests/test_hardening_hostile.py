"""Hostile content: never run, never escape the output folder, never hang; bad input gets a clear line."""

from __future__ import annotations

import html.parser
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from builder.errors import ContentErrors
from tests.browser import chromium, serve_folder
from tests.conftest import REPO, build_project, cli, project

HOSTILE = REPO / "tests" / "hostile"
GOOD = "---\nid: {id}\nslug: {slug}\ntitle: T\nlead: L\ndate: 2023-01-01\n---\n\n"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(root, "build", "--no-search", *args)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    build_project(root)
    return root / "site"


def test_no_script_from_content_runs_in_a_browser(hostile_site: Path) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")
                   if b'http-equiv="refresh"' not in p.read_bytes())  # redirects: their targets are loaded
    assert any("hostile-raw-html" in p for p in pages)
    outside, dialogs = [], []
    with serve_folder(hostile_site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def route(r):  # noqa: ANN001
            if r.request.url.startswith(base):
                return r.continue_()
            outside.append(r.request.url)
            return r.abort()
        page.route("**/*", route)
        for name in pages:
            page.goto(base + name, wait_until="load")
            for element in page.query_selector_all("p, input, svg, img, h1"):
                for event in ("mouseover", "focus"):
                    element.dispatch_event(event)
            assert page.evaluate("typeof window.__pwned") == "undefined", name
        page.goto(base + "statements/hostile-markdown/", wait_until="load")
        assert "{{ 7*7 }}" in page.inner_text("body")
    assert dialogs == []
    assert outside == []


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.data: list[str] = []  # JSON blocks: never run, and never able to end their element early
        self.in_script = self.in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))
        data = {("type", "application/ld+json"), ("type", "application/json")} & set(attrs)  # never run
        self.in_script = tag == "script" and not data
        self.in_data = tag == "script" and bool(data)

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)
            self.in_script = False
        elif self.in_data:
            self.data.append(data)
            self.in_data = False


@pytest.mark.parametrize("slug", ["hostile-raw-html", "hostile-markdown"])
def test_hostile_markup_is_neutralised_in_the_html(hostile_site: Path, slug: str) -> None:
    text = (hostile_site / "statements" / slug / "index.html").read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(text)
    for tag, attrs in tags.found:
        assert tag not in ("iframe", "object", "embed", "style", "base", "form", "input", "svg", "img"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "content"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), value
    assert all("__pwned" not in script for script in tags.scripts)
    assert all("<" not in block and "&" not in block for block in tags.data)
    assert "{{ 7*7 }}" in text


@pytest.mark.parametrize("field,value", [
    ("slug", "../../escape"), ("slug", "a/b"), ("slug", "a\\\\b"), ("slug", "C:x"), ("slug", "a\\x00b"),
    ("slug", ".."), ("id", "../x"), ("id", "a/b"), ("aliases", "[../../etc]"), ("aliases", "['c:/x']"),
])
def test_names_that_would_escape_are_refused(tmp_path: Path, field: str, value: str) -> None:
    root = project(tmp_path)
    text = GOOD.format(id="x1", slug="ok-slug").replace(f"{field}: ", f"{field}: \"{value}\"\n#") \
        if field in ("slug", "id") else GOOD.format(id="x1", slug="ok-slug").replace("date:", f"{field}: {value}\ndate:")
    (root / "content" / "evil.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        build_project(root)
    assert any(e.file.endswith("evil.md") and e.field == field and e.line for e in info.value.errors), info.value
    assert not list(tmp_path.rglob("escape*")) and not list(tmp_path.rglob("etc"))


@pytest.mark.parametrize("name,data,needles", ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "", argvalues=[
    ("tag.md", "---\nid: t1\nslug: t\ntitle: !!python/object/apply:os.system ['touch pwned']\ndate: 2023-01-01\n---\n",
     ["content/tag.md:4", "YAML tags are not allowed", "remove"]),
    ("bomb.md", "---\nid: t2\nslug: t\ntitle: T\ndate: 2023-01-01\na: &a [x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
               for p, c in zip("abcdefgh", "bcdefghi")) + "tags: *i\n---\n", ["content/bomb.md:7", "aliases"]),
    ("deep.md", "---\nid: t3\nslug: t\ntitle: T\ndate: 2023-01-01\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n",
     ["content/deep.md:6", "nested"]),
    ("huge.md", "---\nid: t4\nslug: t\ntitle: " + "x" * 300_000 + "\ndate: 2023-01-01\n---\n", ["content/huge.md:1", "256 KB"]),
    ("nested.md", GOOD.format(id="t5", slug="t") + "- " * 10_000 + "x\n", ["content/nested.md:9", "nested", "flatten"]),
    ("indent.md", GOOD.format(id="t6", slug="t") + "".join("    " * i + "- x\n" for i in range(3000)),
     ["content/indent.md:", "nested"]),
    ("brackets.md", GOOD.format(id="t7", slug="t") + "intro\n\n" + "[" * 1_000_000 + "\n",
     ["content/brackets.md:11", "too much Markdown", "split long paragraphs"]),
    ("ctrl.md", "---\nid: t8\nslug: t\ntitle: \"a\\x00b\"\ndate: 2023-01-01\n---\n", ["content/ctrl.md:4", "title", "control"]),
    ("unknown.md", GOOD.format(id="t9", slug="t").replace("lead:", "laed:"), ["content/unknown.md:5", "laed", "did you mean 'lead'"]),
    ("latin1.md", (GOOD.format(id="t10", slug="t") + "caf\xe9").encode("latin-1"), ["content/latin1.md", "UTF-8"]),
])
def test_bad_input_gets_one_clear_line_fast(tmp_path: Path, name: str, data: str | bytes, needles: list[str]) -> None:
    root = project(tmp_path)
    (root / "content" / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    started = time.monotonic()
    result = run(root)
    assert time.monotonic() - started < 60
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr
    assert not (root / "pwned").exists()


@pytest.mark.parametrize("name,body", ids=lambda v: v if len(v) < 20 else "", argvalues=[
    ("long-line", "word " * 200_000),  # a 1 MB line
    ("big", ("The ministry said that (the two) countries would continue talks &amp; cooperation. " * 12 + "\n\n")
     * 20_000),  # ≈ 20 MB
    ("nested-ok", "".join("    " * i + "- x\n" for i in range(40))),
])
def test_large_but_sane_statements_build_in_bounded_time(tmp_path: Path, name: str, body: str) -> None:
    root = project(tmp_path)
    (root / "content" / f"{name}.md").write_text(GOOD.format(id=name, slug=name) + body, encoding="utf-8")
    started = time.monotonic()
    result = run(root)
    assert result.returncode == 0, result.stderr[-2000:]
    assert time.monotonic() - started < 120
    assert (root / "site" / "statements" / name / "index.html").stat().st_size > 100


def test_a_20_mb_raw_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "huge.txt").write_bytes(b" date 2023-01-01 Lead.\n\n" + b"x" * (21 * 1024 * 1024))
    result = run(root)
    assert result.returncode == 1 and "content/huge.txt: file is larger than 20 MB" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_and_oddly_named_files_are_reported_not_crashed_on(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "folder.md").mkdir()
    (root / "content" / "dangling.md").symlink_to(tmp_path / "missing")
    (root / "content" / "loop").symlink_to(root / "content")
    shutil.copy(HOSTILE / "raw-html.md", root / "content" / "ok.md")
    result = run(root)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "content/dangling.md: not read" in result.stderr
