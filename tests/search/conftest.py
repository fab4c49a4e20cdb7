"""Helpers for the search tests: a searchable test project served at ``/`` and under a sub-path,
a watch on what the browser loads and logs, the search page's controls, axe-core and Lighthouse.

The test project is tests/sites/multi, the bundled seed and tests/search/content (a statement
known only to the month, naming six people). The word "ministry" is in four statements:

    2022-03     Tbilisi     comment      countries AM, AZ, GE; six people    (month only)
    2022-03-03  Yerevan     statement    countries AM, TR                    (b.md)
    2022-03-15  Tehran      briefing     country IR                          (c.md)
    2023-01-30  Stepanakert news report  countries AM, AZ, GE, IR, …         (the seed)
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from builder import search
from tests.browser import chromium, serve_folder
from tests.conftest import REPO, build_project, project
from tools import webcheck

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
MULTI = REPO / "tests" / "sites" / "multi" / "content"
EXTRA = Path(__file__).resolve().parent / "content"
TIMEOUT = 15_000  # ms; generous for a loaded CI machine, never waited out when things work
PREFIXES = ["/", "/archive/"]
ALL = 7  # statements in the test project
QUERY = "ministry"
TBILISI = "Six foreign ministers discuss transit through the South Caucasus"  # 2022-03, month only
YEREVAN = "Yerevan welcomes the talks with Ankara"  # 2022-03-03
TEHRAN = "Tehran hosts a meeting of the 3+3 platform"  # 2022-03-15
SEED = "Russia is working intensely in the direction of overcoming"  # 2023-01-30 (start of the title)
# A search with filters, opened with the filter panel showing (#filters opens it on a phone).
FILTERED = "search/?country=Armenia+%28AM%29&from=2021#filters"


def search_project(tmp: Path) -> Path:
    """tests/sites/multi, the bundled seed and tests/search/content, with the repo's archive.yml (search on)."""
    root = project(tmp, MULTI)
    shutil.copytree(REPO / "content", root / "content" / "seed")
    shutil.copytree(EXTRA, root / "content" / "search")
    assert re.search(r"^search: true$", (root / "archive.yml").read_text(encoding="utf-8"), re.M), \
        "the repo's archive.yml must keep search on"
    return root


@dataclass(frozen=True)
class Served:
    """A built search project served at ``url`` (its base URL), and a Chromium to open it in."""

    url: str
    prefix: str
    browser: object


class Runs(list):
    """The years Pagefind was run for, as a list: each run is logged to a file, since the search stage runs
    Pagefind from a worker process, and the list reads the log again whenever it is looked at."""

    def __init__(self, log: Path):
        super().__init__()
        self.log = log

    def read(self) -> Runs:
        super().clear()
        self.extend(self.log.read_text().split() if self.log.exists() else [])
        return self

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)
        super().clear()

    def __iter__(self) -> Iterator[str]:
        return list.__iter__(self.read())

    def __len__(self) -> int:
        return list.__len__(self.read())

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return list.__getitem__(self.read(), index)

    def __eq__(self, other: object) -> bool:
        return list.__eq__(self.read(), other)

    def __repr__(self) -> str:
        return list.__repr__(self.read())


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runs:
    """The years Pagefind is run for, in this test's builds (by the build's process or a worker of it)."""
    years = Runs(tmp_path / "pagefind-runs.txt")
    real = search.run_pagefind

    def counted(site: Path, out: Path) -> None:
        with years.log.open("a") as log:
            log.writelines(f"{year}\n" for year in sorted({p.parent.name[:4] for p in site.rglob("index.html")}))
        real(site, out)

    monkeypatch.setattr(search, "run_pagefind", counted)
    return years


@pytest.fixture(scope="module", params=PREFIXES, ids=["root", "subpath"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The search project built and served at ``/`` and under ``/archive/``: one build per module and prefix."""
    root = search_project(tmp_path_factory.mktemp("search"))
    with serve_folder(root / "site", request.param) as url:
        build_project(root, base_url=url)
        with chromium() as browser:
            yield Served(url, request.param, browser)


@pytest.fixture
def open_page(served: Served) -> Iterator[object]:
    """``open_page(path, width, height)``: a page in a context of its own (so a history of its own) at
    the served site's ``path`` (None: left blank), with a Watch as ``page.watch``; closed after the test."""
    contexts = []

    def open_(path: str | None = "search/", width: int = 1280, height: int = 900):
        context = served.browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.watch = Watch(page, served.url)
        if path is not None:
            page.goto(served.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


class Watch:
    """Records requests that leave the test server, failed or 4xx/5xx responses and console errors."""

    def __init__(self, page, base_url: str) -> None:
        self.origin = re.match(r"https?://[^/]+/", base_url).group(0)
        self.offsite: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _request(self, request) -> None:
        # data: and blob: URLs never leave the browser; everything else must go to the test server.
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.offsite.append(request.url)

    def assert_clean(self) -> None:
        assert self.offsite == [], f"requests left {self.origin}: {self.offsite}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"


# ---------------------------------------------------------------- the search page's controls


def summary(count: int, words: str = QUERY) -> str:
    """The result count line for ``count`` results of ``words``."""
    return f"{count} {'result' if count == 1 else 'results'}" + (f" for “{words}”" if words else "")


def type_query(page, term: str) -> None:
    """Type words into the search box (as a person would, key by key) and wait for their results."""
    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially(term)
    expect(page.locator("#search-status")).to_have_text(re.compile(f"^\\d+ results? for “{re.escape(term)}”$"))


def expect_results(page, titles: list[str]) -> None:
    """The results, in order, are the statements whose titles start with ``titles``."""
    expect(page.locator("#results h2 a")).to_have_text([re.compile("^" + re.escape(t)) for t in titles])


def filter_option(page, facet: str, value: str):
    """One checkbox of a filter group (the group is shown expanded; "show all" reaches the rest)."""
    return page.locator(f'#facet-{facet} input[type="checkbox"][value="{value}"]')


def option_count(checkbox) -> int:
    """The result count shown next to a filter option."""
    return int(checkbox.locator("xpath=following-sibling::label").locator(".n").inner_text())


def query(page) -> dict[str, list[str]]:
    """The search held in the page's address, as {key: [values]}."""
    return parse_qs(urlsplit(page.url).query)


# ---------------------------------------------------------------- checkers


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe(violations: list[dict]) -> str:
    """One block per violated rule: what it is, where, and axe's own summary of the failure."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            lines.extend(f"       {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


LIGHTHOUSE_SCREENS = {  # width -> Lighthouse flags: a 360 px phone, a 1280 px desktop
    360: ["--form-factor=mobile", "--screenEmulation.mobile", "--screenEmulation.width=360",
          "--screenEmulation.height=780", "--screenEmulation.deviceScaleFactor=2"],
    1280: ["--preset=desktop", "--screenEmulation.width=1280", "--screenEmulation.height=800"],
}


def lighthouse(target: str, width: int) -> tuple[dict[str, float], list[str]]:
    """Lighthouse's category scores for ``target`` at ``width`` px, and the categories under 0.95."""
    report = webcheck.run_lighthouse(target, LIGHTHOUSE_SCREENS[width])
    assert not isinstance(report, str), report
    assert report["configSettings"]["screenEmulation"]["width"] == width
    return webcheck.lighthouse_scores(report)
