"""A reader's path through the site in real Chromium, at ``/`` and under ``/archive/``.

Home → the seed statement (by its title) → a topic tag and a country chip (each
lists the statement) → back on the statement, its year in the date line → the
year page (months and the statement) → the month → the statement again.
Throughout: no console errors, no failed responses, and no request leaves 127.0.0.1
(requests to other hosts are aborted and recorded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import chromium
from tests.e2e.support import (
    SEED_SLUG,
    SEED_TITLE,
    ServedSite,
    Watch,
    watched_page,
)

TITLE = re.compile(r"^\s*Russia is working intensely")
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser(root_site: ServedSite, subpath_site: ServedSite) -> Iterator[Any]:
    """One Chromium for this module, started after both sites are built and served."""
    with chromium() as b:
        yield b


@pytest.fixture(params=["root", "subpath"])
def served(request: pytest.FixtureRequest) -> ServedSite:
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh page whose console, errors and network are watched; foreign hosts are blocked."""
    with watched_page(browser, TIMEOUT_MS) as (p, watch):
        yield p, watch


def click_and_wait(page: Any, locator: Any, url: str) -> None:
    """Click a link and wait until the browser is on ``url`` and the page has loaded."""
    assert locator.count() >= 1, f"no such link on {page.url}"
    locator.first.click()
    page.wait_for_url(url, wait_until="load")


def lists_the_statement(page: Any) -> Any:
    return page.locator("ol.statements").get_by_role("link", name=TITLE)


def test_reader_path_from_home_through_tags_and_dates(served: ServedSite, page: tuple[Any, Watch]) -> None:
    p, watch = page
    base = served.url
    statement = f"{base}statements/{SEED_SLUG}/"

    response = p.goto(base, wait_until="load")
    assert response is not None and response.status == 200
    assert p.locator("link[rel=stylesheet]").count() >= 1
    # The stylesheet really applied: the masthead is not laid out with browser defaults.
    assert p.evaluate("getComputedStyle(document.body).margin") != "8px", "style.css did not apply"

    # Home → the statement, by its title.
    click_and_wait(p, p.get_by_role("link", name=TITLE), statement)
    assert p.locator("h1").inner_text() == SEED_TITLE

    # The statement → its "normalization" topic → the topic lists the statement.
    entities = p.locator("section.entities")
    click_and_wait(p, entities.get_by_role("link", name="normalization", exact=True), f"{base}tags/normalization/")
    assert "normalization" in p.locator("h1").inner_text()
    assert lists_the_statement(p).count() == 1, "the topic page does not list the statement"

    # ... and a country chip from the statement.
    click_and_wait(p, lists_the_statement(p), statement)
    click_and_wait(p, p.locator("section.entities").get_by_role("link", name="Armenia (AM)"), f"{base}countries/am/")
    assert "Armenia" in p.locator("h1").inner_text()
    assert lists_the_statement(p).count() == 1, "the country page does not list the statement"

    # Back to the statement: its date is one link, to its day; the provenance leads up to its year.
    p.go_back(wait_until="load")
    assert p.url == statement
    date_line = p.locator("header.page-head .meta a").first
    assert date_line.inner_text() == "30 January 2023" and date_line.get_attribute("href").endswith("2023/01/30/")
    click_and_wait(p, p.locator("section.provenance").get_by_role("link", name="2023", exact=True), f"{base}2023/")
    assert "2023" in p.locator("h1").inner_text()
    months = p.locator("nav.months")
    assert months.get_by_role("link", name=re.compile("January")).count() == 1, "the year page does not list January"
    assert lists_the_statement(p).count() == 1, "the year page does not list the statement"

    # Year → month → the statement again.
    click_and_wait(p, months.get_by_role("link", name=re.compile("January")), f"{base}2023/01/")
    assert lists_the_statement(p).count() == 1, "the month page does not list the statement"
    click_and_wait(p, lists_the_statement(p), statement)
    assert p.locator("h1").inner_text() == SEED_TITLE

    assert not watch.problems(), "\n".join(watch.problems())
