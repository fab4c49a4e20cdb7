"""axe-core finds no violations on each kind of page, in the light and the dark colour scheme.

The site (tests/sites/multi plus the seed) is served under /archive/, as on GitHub Pages.
The search page is checked with results, excerpts and a ticked filter showing (tests/search/
test_search_quality.py checks it at 360 and 1280 px with everything open).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser import chromium, serve_folder
from tests.conftest import build_project
from tests.search.conftest import TIMEOUT, describe, filter_option, run_axe, search_project, type_query

SEED = "statements/2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming/"
PAGES = {
    "home": "",
    "search": "search/",
    "country": "countries/am/",
    "archive": "archive/",
    "statement": SEED,  # related statements, date links in the text
    "day": "2022/10/31/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """(base URL, browser) for the whole module: one build, one Chromium."""
    root = search_project(tmp_path_factory.mktemp("axe"))
    with serve_folder(root / "site", "/archive/") as url:
        build_project(root, base_url=url)
        with chromium() as browser:
            yield url, browser


def show_search_results(page) -> None:
    type_query(page, "ministry")
    expect(page.locator("#results li")).to_have_count(4)
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#results li")).to_have_count(3)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_axe_violations(site: tuple[str, object], kind: str, scheme: str) -> None:
    url, browser = site
    page = browser.new_page()
    try:
        page.set_default_timeout(TIMEOUT)
        page.emulate_media(color_scheme=scheme)
        page.goto(url + PAGES[kind])
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        if kind == "search":
            show_search_results(page)
        violations = run_axe(page)
        assert violations == [], f"axe on {kind} page ({PAGES[kind] or '/'}, {scheme}):\n{describe(violations)}"
    finally:
        page.close()
