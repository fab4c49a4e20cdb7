"""Lighthouse on the search page with a search and its filters open, on a 360 px phone and a
1280 px screen: performance, accessibility, best practices and SEO all at least 0.95.

Lighthouse cannot click, so the page is opened from an address that holds a search with filters
and #filters, which opens the filter panel on a phone (on a wide screen it is always open). The
site is served under /archive/, as on GitHub Pages; about 15 s per run. Run with ``pytest -s``
to see the scores.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import chromium, serve_folder
from tests.conftest import build_project
from tests.search.conftest import FILTERED, Served, lighthouse, search_project


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The search project under /archive/ only (this module's runs are slow)."""
    root = search_project(tmp_path_factory.mktemp("lighthouse"))
    with serve_folder(root / "site", "/archive/") as url:
        build_project(root, base_url=url)
        with chromium() as browser:
            yield Served(url, "/archive/", browser)


@pytest.mark.parametrize("width", [360, 1280])
def test_lighthouse_scores_at_least_095_with_the_filters_open(served: Served, width: int) -> None:
    scores, problems = lighthouse(served.url + FILTERED, width)
    print(f"\nLighthouse, search page with filters open, {width} px: {scores}")
    assert problems == [], f"at {width} px: {problems}; scores {scores}"
