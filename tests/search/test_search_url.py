"""A search you can share and cite: its words, filters, dates and sort live in the address.

Typing, ticking, dates and sort write the address; opening or reloading an address shows the same
search; back and forward step through the searches made, one history entry each. At ``/`` and
under ``/archive/`` (see conftest.py for the statements).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.search.conftest import (ALL, QUERY, TBILISI, TEHRAN, YEREVAN, expect_results, filter_option, query,
                                   summary, type_query)


def results(page) -> list[str]:
    return page.locator("#results h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def ticked(page) -> list[str]:
    return page.locator(".facet input:checked").evaluate_all("boxes => boxes.map(b => b.id + '=' + b.value)")


def test_a_search_opened_from_its_address_shows_the_same_results_and_filters(open_page, served) -> None:
    page = open_page()
    type_query(page, QUERY)
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    page.locator("#search-to").fill("2022")
    page.locator("#search-to").blur()
    page.locator("#search-sort").select_option(label="Oldest first")
    expect_results(page, [TBILISI, YEREVAN])
    address = page.url
    assert address.startswith(served.url + "search/?")
    shown = results(page), ticked(page), page.locator("#active-list").inner_text()

    opened = open_page(address.removeprefix(served.url))
    expect_results(opened, [TBILISI, YEREVAN])
    assert (results(opened), ticked(opened), opened.locator("#active-list").inner_text()) == shown
    expect(opened.locator("#search-q")).to_have_value(QUERY)
    expect(opened.locator("#search-to")).to_have_value("2022")
    expect(opened.locator("#search-sort")).to_have_value("oldest")
    expect(opened.locator("#search-status")).to_have_text(summary(2))
    assert opened.url == address, "opening a search does not rewrite its address"

    opened.reload()
    expect_results(opened, [TBILISI, YEREVAN])
    assert ticked(opened) == shown[1]
    page.watch.assert_clean()
    opened.watch.assert_clean()


def test_a_hand_written_address_is_read_too(open_page) -> None:
    """Repeated keys tick several values; an unknown value stays listed (and removable) with no results."""
    page = open_page("search/?type=briefing&type=statement&q=ministry")
    expect(page.locator("#search-status")).to_have_text(summary(2))  # either type
    assert sorted(page.locator("#results h2 a").all_inner_texts()) == [TEHRAN, YEREVAN]
    expect(page.locator("#facet-type input:checked")).to_have_count(2)
    page = open_page("search/?q=ministry&country=Atlantis")
    expect(page.locator("#search-status")).to_have_text(summary(0))
    expect(page.locator("#active-list button")).to_have_text(["Remove Country: Atlantis ×"])
    page.watch.assert_clean()


def test_typing_filtering_dates_and_sort_write_the_address(open_page) -> None:
    page = open_page()
    expect(page.locator("#search-status")).to_have_text(summary(ALL, ""))  # everything, newest first
    assert query(page) == {}
    type_query(page, QUERY)
    assert query(page) == {"q": [QUERY]}
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    assert query(page) == {"q": [QUERY], "country": ["Armenia (AM)"]}
    filter_option(page, "type", "statement").check()
    expect(page.locator("#search-status")).to_have_text(summary(1))
    assert query(page) == {"q": [QUERY], "country": ["Armenia (AM)"], "type": ["statement"]}
    page.locator("#search-from").fill("2022-03")
    expect(page).to_have_url(re.compile(r"[?&]from=2022-03(&|$)"))
    page.locator("#search-sort").select_option(label="Newest first")
    assert query(page) == {"q": [QUERY], "country": ["Armenia (AM)"], "type": ["statement"],
                           "from": ["2022-03"], "sort": ["newest"]}
    filter_option(page, "type", "statement").uncheck()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    assert "type" not in query(page)
    page.watch.assert_clean()


def test_back_and_forward_step_through_the_searches(open_page) -> None:
    page = open_page()
    type_query(page, "mini")  # one typing session, however many pauses: one history entry
    type_query(page, QUERY)
    page.locator("#search-q").blur()
    filter_option(page, "country", "Armenia (AM)").check()
    expect(page.locator("#search-status")).to_have_text(summary(3))
    filter_option(page, "year", "2022").check()
    expect_results(page, [YEREVAN, TBILISI])

    page.go_back()
    assert query(page) == {"q": [QUERY], "country": ["Armenia (AM)"]}
    expect(page.locator("#search-status")).to_have_text(summary(3))
    expect(filter_option(page, "year", "2022")).not_to_be_checked()
    expect(filter_option(page, "country", "Armenia (AM)")).to_be_checked()
    page.go_back()
    assert query(page) == {"q": [QUERY]}
    expect(page.locator("#search-status")).to_have_text(summary(4))
    expect(page.locator(".facet input:checked")).to_have_count(0)
    page.go_back()
    assert query(page) == {}
    expect(page.locator("#search-q")).to_have_value("")
    expect(page.locator("#search-status")).to_have_text(summary(ALL, ""))

    page.go_forward()
    expect(page.locator("#search-q")).to_have_value(QUERY)
    expect(page.locator("#search-status")).to_have_text(summary(4))
    page.go_forward()
    page.go_forward()
    expect_results(page, [YEREVAN, TBILISI])
    expect(page.locator("#active-list button")).to_have_text(["Remove Country: Armenia (AM) ×", "Remove Year: 2022 ×"])
    page.watch.assert_clean()


def test_a_new_typing_session_is_a_new_history_entry(open_page) -> None:
    page = open_page(f"search/?q={QUERY}")
    expect(page.locator("#search-status")).to_have_text(summary(4))
    type_query(page, "Sochi")
    page.locator("#search-q").press("Enter")  # Enter ends the session too
    type_query(page, "platform")
    page.go_back()
    expect(page.locator("#search-q")).to_have_value("Sochi")
    page.go_back()
    expect(page.locator("#search-q")).to_have_value(QUERY)
    expect(page.locator("#search-status")).to_have_text(summary(4))
    page.watch.assert_clean()
