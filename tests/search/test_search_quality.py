"""The search page on a 360 px phone and a 1280 px screen: usable with the filters open, and no
axe-core violations with everything showing (results, ticked filters, a narrowed facet, "show all",
a date range and its error), in the light and the dark colour scheme. At ``/`` and under ``/archive/``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.search.conftest import FILTERED, QUERY, describe, filter_option, run_axe, summary


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def open_everything(page) -> None:
    """Every kind of control showing: a ticked value, a narrowed facet, a facet shown whole, a range error."""
    expect(page.locator("#search-status")).to_have_text(summary(5, ""))
    page.locator("#facet-person .show-all").click()
    expect(page.locator("#facet-person .show-all")).to_have_attribute("aria-expanded", "true")
    page.get_by_label("Narrow the list of people").fill("a")
    page.locator("#search-to").fill("2020-02-30")
    page.locator("#search-to").blur()
    expect(page.locator("#range-error")).not_to_be_empty()


def test_the_search_page_is_usable_at_360_px(open_page) -> None:
    page = open_page(f"search/?q={QUERY}", width=360, height=780)
    expect(page.locator("#search-status")).to_have_text(summary(4))
    toggle = page.locator(".filters-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#search-filters")).to_be_hidden()
    assert overflow(page) == 0
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#search-filters")).to_be_visible()
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    expect(toggle).to_have_text("Filters (1 active)")
    page.locator("#search-from").fill("2022-03-10")
    page.locator("#search-from").blur()
    expect(page.locator("#search-status")).to_have_text(summary(2))
    for control in ("#search-q", "#search-sort", "#search-from", "#search-to", "#results h2 a >> nth=0",
                    "#active-list button >> nth=0"):
        box = page.locator(control).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{control} is outside the 360 px screen: {box}"
    assert overflow(page) == 0
    page.watch.assert_clean()


def test_a_search_link_to_the_filters_opens_them_on_a_phone(open_page) -> None:
    page = open_page(FILTERED, width=360, height=780)
    expect(page.locator("#search-filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filters (2 active)")).to_have_attribute("aria-expanded", "true")
    page.watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_with_the_filters_open(open_page, width: int, scheme: str) -> None:
    page = open_page(FILTERED, width=width)
    page.emulate_media(color_scheme=scheme)
    open_everything(page)
    assert overflow(page) == 0
    violations = run_axe(page)
    assert violations == [], f"axe on the search page at {width} px ({scheme}):\n{describe(violations)}"
    page.watch.assert_clean()
