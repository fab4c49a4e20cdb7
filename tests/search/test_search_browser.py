"""Finding statements in a real browser: type, filter, sort, read the results, open one.

At ``/`` and under ``/archive/`` (see conftest.py for the statements and the word "ministry").
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.search.conftest import (QUERY, SEED, TBILISI, TEHRAN, TIMEOUT, YEREVAN, expect_results, filter_option,
                                   option_count, summary, type_query)

# What each result shows beside its title: date and dateline; type, issuer and agencies.
YEREVAN_LINES = ("3 March 2022 · Yerevan", "Statement · issued by Armenian Foreign Ministry · reported by Armenpress")
TEHRAN_LINES = ("15 March 2022 · Tehran", "Briefing · issued by Iranian Foreign Ministry · reported by Xinhua, IRNA")
TBILISI_LINES = ("March 2022 · Tbilisi", "Comment · issued by Georgian Foreign Ministry · reported by Interpressnews")


def result(page, title: str):
    return page.locator("#results li", has=page.locator("h2 a", has_text=title))


def test_filter_by_country_then_year_sort_and_open_a_statement(open_page, served) -> None:
    page = open_page()
    type_query(page, QUERY)
    expect(page.locator("#search-status")).to_have_text(summary(4))
    armenia = filter_option(page, "country", "Armenia (AM)")
    assert option_count(armenia) == 3
    armenia.check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    year = filter_option(page, "year", "2022")
    assert option_count(year) == 2
    year.check()
    expect(page.locator("#search-status")).to_have_text(summary(2))
    year.uncheck()
    armenia.uncheck()
    expect(page.locator("#search-status")).to_have_text(summary(4))

    page.locator("#search-sort").select_option(label="Newest first")
    expect_results(page, [SEED, TEHRAN, YEREVAN, TBILISI])  # a month-only date sorts before its month's days
    page.locator("#search-sort").select_option(label="Oldest first")
    expect_results(page, [TBILISI, YEREVAN, TEHRAN, SEED])

    page.locator("#results h2 a", has_text=TEHRAN).click()
    page.wait_for_url(served.url + "statements/2022-03-15-3-3-platform-meeting/")
    expect(page.locator("h1")).to_have_text(TEHRAN)
    page.watch.assert_clean()


def test_results_show_date_type_issuer_agencies_and_a_marked_excerpt(open_page, served) -> None:
    page = open_page(f"search/?q={QUERY}&sort=oldest")
    expect_results(page, [TBILISI, YEREVAN, TEHRAN, SEED])
    for title, lines in ((YEREVAN, YEREVAN_LINES), (TEHRAN, TEHRAN_LINES), (TBILISI, TBILISI_LINES)):
        expect(result(page, title).locator(".meta")).to_have_text(list(lines))
    expect(result(page, YEREVAN).locator("time")).to_have_attribute("datetime", "2022-03-03")
    expect(result(page, TBILISI).locator("time")).to_have_attribute("datetime", "2022-03")
    for item in page.locator("#results li").all():
        assert item.locator("h2 a").get_attribute("href").startswith(served.prefix + "statements/")
        excerpt = item.locator(".excerpt")
        expect(excerpt.locator("mark").first).to_have_text(re.compile(QUERY, re.I))
        assert len(excerpt.inner_text()) > 60, "an excerpt of the text, not just the word"
        assert "(AM)" not in excerpt.inner_text(), "filter values are not indexed as text"
        expect(item.locator("h2")).to_have_attribute("lang", "en")
    page.watch.assert_clean()


def test_ticking_two_types_finds_either_and_two_countries_finds_both(open_page) -> None:
    page = open_page(f"search/?q={QUERY}")
    filter_option(page, "type", "statement").check()
    expect(page.locator("#search-status")).to_have_text(summary(1))
    briefing = filter_option(page, "type", "briefing")
    assert option_count(briefing) == 1, "an 'any' facet counts what ticking the value would add"
    briefing.check()
    expect(page.locator("#search-status")).to_have_text(summary(2))
    expect(page.locator("#facet-type .hint")).to_have_text("Ticking several finds statements with any of them.")
    page.goto(page.url.split("?")[0] + f"?q={QUERY}")
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    azerbaijan = filter_option(page, "country", "Azerbaijan (AZ)")
    assert option_count(azerbaijan) == 2
    azerbaijan.check()
    expect(page.locator("#search-status")).to_have_text(summary(2))
    assert sorted(t[:20] for t in page.locator("#results h2 a").all_inner_texts()) == sorted([SEED[:20], TBILISI[:20]])
    expect(page.locator("#facet-country .hint")).to_have_text("Ticking several finds statements with all of them.")
    page.watch.assert_clean()


def test_a_sort_chosen_before_the_index_has_loaded_orders_the_first_results(open_page, served) -> None:
    """Searches wait for the filter index; a sort chosen and words typed meanwhile apply to the first results."""
    held = []
    page = open_page(None)
    filters = re.compile(r".*/pagefind/\d+/filter/.*")
    page.route(filters, lambda route: held.append(route))  # filters stay loading
    with page.expect_request(filters, timeout=TIMEOUT):  # fails if the test no longer holds the index loading
        page.goto(served.url + "search/")
        page.locator("#search-sort").select_option(label="Newest first")
        page.locator("#search-q").fill(QUERY)
        expect(page).to_have_url(re.compile(r"\?q=ministry&sort=newest$"))
    deadline = time.monotonic() + TIMEOUT / 1000
    while not held and time.monotonic() < deadline:  # the route handler runs as Playwright dispatches events
        page.wait_for_timeout(20)
    assert held, "the filter index request was never routed to the test"
    expect(page.locator("#results li")).to_have_count(0)
    for route in held:
        route.continue_()
    expect_results(page, [SEED, TEHRAN, YEREVAN, TBILISI])
    expect(page.locator("#search-status")).to_have_text(summary(4))
    page.watch.assert_clean()
