"""Versions in a real browser (issue 17): the differences are marked (not by colour alone), announced to
a screen reader as deletions and insertions with their labels, kept apart in print, and axe-core finds no
violation on a statement page with versions, an earlier version's page or the changes page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve_folder
from tests.conftest import REPO
from tests.test_versions_site import SLUG, site  # noqa: F401 (the built site with three versions)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

PAGES = {"statement": f"statements/{SLUG}/", "earlier version": f"statements/{SLUG}/v1/", "changes": "changes/"}


@pytest.fixture(scope="module")
def browser_page(site: Path):  # noqa: F811
    with serve_folder(site, "/archive/") as url, chromium() as browser:
        yield url, browser


def test_the_differences_are_announced_with_their_labels(browser_page) -> None:
    url, browser = browser_page
    page = browser.new_page()
    page.goto(url + PAGES["statement"])
    tree = page.locator("#change-v2 .diff").aria_snapshot()
    assert '- deletion: "[deleted: intensely ]"' in tree and '- insertion: "[inserted: actively ]"' in tree, tree
    removed = page.locator("#change-v3 .diff").aria_snapshot()
    assert '- deletion: "[deleted: It also highlighted the importance' in removed, removed
    decoration = "e => getComputedStyle(e).textDecorationLine"
    assert page.locator("#change-v2 del").evaluate(decoration) == "line-through"
    assert page.locator("#change-v2 ins").evaluate(decoration) == "underline"
    label = page.locator("#change-v2 del .vh").first
    assert label.bounding_box()["width"] <= 1, "on screen the label is for screen readers only"
    page.emulate_media(media="print")
    assert label.bounding_box()["width"] > 20, "in print the label is shown, whatever the colours"
    assert page.locator("#change-v2 del").evaluate(decoration) == "line-through"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_axe_violations_on_pages_with_versions(browser_page, kind: str, scheme: str) -> None:
    url, browser = browser_page
    page = browser.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(url + PAGES[kind])
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    assert violations == [], f"axe on the {kind} page ({scheme}): " + "; ".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations)
