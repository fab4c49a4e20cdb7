"""Filters that scale: a date range by day, month or year beside the year facet; long facets showing
their top values, narrowed by typing, with "show all"; the active filters, each removed with one
click. At ``/`` and under ``/archive/`` (see conftest.py for the statements).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.search.conftest import (QUERY, SEED, TBILISI, TEHRAN, YEREVAN, expect_results, filter_option,
                                   option_count, query, summary, type_query)

PEOPLE = 11  # in the test project; the facet shows 8 of them until "show all"

RANGES = [  # (from, to, the "ministry" statements in the range, oldest first)
    ("2022-03-10", "", [TBILISI, TEHRAN, SEED]),  # a month-only date is in a range that overlaps its month
    ("2022-03-10", "2022-03-31", [TBILISI, TEHRAN]),
    ("", "2022-03-05", [TBILISI, YEREVAN]),
    ("2022-03", "2022-03", [TBILISI, YEREVAN, TEHRAN]),  # by month
    ("2022-04", "", [SEED]),
    ("2023", "2023", [SEED]),  # by year
    ("", "2022", [TBILISI, YEREVAN, TEHRAN]),
    ("2021", "2021-12-31", []),
]


def set_range(page, start: str, end: str) -> None:
    """Type the range into the date boxes and leave them, as a person would."""
    for box, text in (("#search-from", start), ("#search-to", end)):
        page.locator(box).fill(text)
        page.locator(box).blur()


@pytest.mark.parametrize(("start", "end", "found"), RANGES)
def test_a_date_range_narrows_the_results(open_page, start: str, end: str, found: list[str]) -> None:
    page = open_page(f"search/?q={QUERY}&sort=oldest")
    expect(page.locator("#search-status")).to_have_text(summary(4))
    set_range(page, start, end)
    expect(page.locator("#search-status")).to_have_text(summary(len(found)))
    expect_results(page, found)
    assert query(page).get("from", [""]) == [start] and query(page).get("to", [""]) == [end]
    page.watch.assert_clean()


def test_the_year_facet_counts_within_the_range(open_page) -> None:
    page = open_page(f"search/?q={QUERY}")
    assert option_count(filter_option(page, "year", "2022")) == 3
    set_range(page, "2022-03-10", "")
    expect(page.locator("#search-status")).to_have_text(summary(3))
    expect(page.locator("#facet-year .options label")).to_have_text(["2023 1", "2022 2"])
    page.watch.assert_clean()


def test_an_unreadable_or_reversed_range_is_named_and_not_applied(open_page) -> None:
    page = open_page(f"search/?q={QUERY}")
    set_range(page, "2022-13", "")
    expect(page.locator("#range-error")).to_have_text(
        "“2022-13” is not a date: give a year, a month or a day, such as 2020, 2020-11 or 2020-11-15.")
    expect(page.locator("#search-from")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#search-status")).to_have_text(summary(4))
    assert "from" not in query(page)
    type_query(page, "Sochi")  # words are searched while a date box holds something unreadable
    expect(page.locator("#range-error")).not_to_be_empty()
    type_query(page, QUERY)
    set_range(page, "2023", "2022")
    expect(page.locator("#range-error")).to_have_text("The range ends (2022) before it starts (2023).")
    expect(page.locator("#search-to")).to_have_attribute("aria-invalid", "true")
    assert query(page) == {"q": [QUERY], "from": ["2023"]}, "the end that made the range backwards is not applied"
    expect(page.locator("#search-status")).to_have_text(summary(1))
    set_range(page, "2022", "2022")
    expect(page.locator("#range-error")).to_be_empty()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    expect(page.locator("#search-from")).to_have_attribute("aria-invalid", "false")
    page.watch.assert_clean()


def test_a_long_facet_shows_its_top_values_narrows_by_typing_and_shows_all(open_page) -> None:
    page = open_page()
    people = page.locator("#facet-person .options li")
    expect(people).to_have_count(8)
    show_all = page.locator("#facet-person .show-all")
    expect(show_all).to_have_text(f"Show all {PEOPLE} people")
    expect(show_all).to_have_attribute("aria-expanded", "false")
    show_all.click()
    expect(people).to_have_count(PEOPLE)
    expect(show_all).to_have_attribute("aria-expanded", "true")
    show_all.click()
    expect(people).to_have_count(8)

    narrow = page.get_by_label("Narrow the list of people")
    narrow.fill("cavus")  # accents and case aside
    expect(people).to_have_text(["Mevlüt Çavuşoğlu 1"])
    expect(page.locator("#facet-person .narrow-note")).to_have_text("1 person matches “cavus”.")
    narrow.fill("ar")
    expect(people).to_have_count(3)  # Ararat Mirzoyan, Ilia Darchiashvili, Serdar Kılıç
    narrow.fill("zz")
    expect(people).to_have_count(0)
    expect(page.locator("#facet-person .narrow-note")).to_have_text("No person matches “zz”.")
    narrow.fill("lavrov")
    filter_option(page, "person", "Sergey Lavrov").check()
    expect_results(page, [TBILISI])
    assert query(page) == {"person": ["Sergey Lavrov"]}
    expect(filter_option(page, "person", "Sergey Lavrov")).to_be_focused()
    page.watch.assert_clean()


def test_short_facets_have_no_narrowing_box(open_page) -> None:
    page = open_page()
    expect(page.locator("#facet-person .narrow")).to_be_visible()
    expect(page.locator("#facet-type .narrow")).to_be_hidden()
    expect(page.locator("#facet-type .show-all")).to_be_hidden()
    page.watch.assert_clean()


def test_active_filters_are_listed_and_each_removed_with_one_click(open_page) -> None:
    page = open_page(f"search/?q={QUERY}&country=Armenia+%28AM%29&year=2022&from=2022-03&to=2022-03-10")
    chips = page.locator("#active-list button")
    expect(chips).to_have_text(["Remove Country: Armenia (AM) ×", "Remove Year: 2022 ×", "Remove From 2022-03 ×",
                                "Remove To 2022-03-10 ×"])
    expect(page.locator("#search-status")).to_have_text(summary(2))
    expect(page.locator(".filters-toggle")).to_have_text("Filters (4 active)")

    page.get_by_role("button", name="Remove Year: 2022").click()
    assert query(page) == {"q": [QUERY], "country": ["Armenia (AM)"], "from": ["2022-03"], "to": ["2022-03-10"]}
    expect(chips).to_have_count(3)
    expect(chips.nth(1)).to_be_focused()  # the next filter takes the focus
    expect(filter_option(page, "year", "2022")).not_to_be_checked()
    page.get_by_role("button", name="Remove To 2022-03-10").click()
    expect(page.locator("#search-to")).to_have_value("")
    expect(page.locator("#search-status")).to_have_text(summary(3))  # from March 2022 on

    page.get_by_role("button", name="Clear all filters").click()
    assert query(page) == {"q": [QUERY]}
    expect(page.locator("#active-filters")).to_be_hidden()
    expect(page.locator("#search-from")).to_have_value("")
    expect(page.locator("#search-status")).to_have_text(summary(4))
    expect(page.locator("#search-status")).to_be_focused()
    page.watch.assert_clean()
