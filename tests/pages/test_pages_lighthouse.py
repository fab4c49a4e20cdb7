"""Lighthouse on the home, a statement and a tag page, on a 360 px phone and a 1280 px screen: performance,
accessibility, best practices and SEO all at least 0.95 (about 15 s a run; ``pytest -s`` prints the scores)."""

from __future__ import annotations

import pytest

from tests.pages.conftest import PAGES, Served
from tests.search.conftest import lighthouse


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("kind", ["home", "statement", "sparse-statement", "tag"])
def test_lighthouse_scores_at_least_095(served: Served, kind: str, width: int) -> None:
    scores, problems = lighthouse(served.url + PAGES[kind], width)
    print(f"\nLighthouse, {kind} page, {width} px: {scores}")
    assert problems == [], f"{kind} at {width} px: {problems}; scores {scores}"
