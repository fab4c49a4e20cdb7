"""Finding statements in a real browser: type, filter by country then year, sort by date, open one.

The site is tests/sites/multi plus the bundled seed, served at the root and under /archive/.
The query "ministry" is in three statements:

    2022-03-03  Yerevan     countries AM, TR               (b.md)
    2022-03-15  Tehran      country IR                     (c.md)
    2023-01-30  Stepanakert countries AM, AZ, GE, IR, …    (the seed)

so Armenia narrows 3 → 2 and then 2022 narrows 2 → 1.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import chromium, serve_folder
from tests.conftest import build_project
from tests.search.conftest import TIMEOUT, Watch, filter_option, option_count, search_project, type_query

QUERY = "ministry"
# A result's title is "<day month year> · <dateline> — <statement title>".
RESULT_TITLE = re.compile(r"^(\d{1,2} [A-Z][a-z]+ \d{4}) · ([^—]+) — (.+)$")
NEWEST_FIRST = ["30 January 2023 · Stepanakert — ", "15 March 2022 · Tehran — ", "3 March 2022 · Yerevan — "]
TEHRAN = ("statements/2022-03-15-3-3-platform-meeting/", "Tehran hosts a meeting of the 3+3 platform")


def result_dates(page) -> list[dt.date]:
    texts = page.locator(".pf-result-link").all_inner_texts()
    return [dt.datetime.strptime(RESULT_TITLE.match(t).group(1), "%d %B %Y").date() for t in texts]


def starts_with(prefixes: list[str]) -> list[re.Pattern]:
    return [re.compile("^" + re.escape(p)) for p in prefixes]


def check_results_show_date_dateline_and_excerpt(page, prefix: str) -> None:
    for result in page.locator(".pf-result").all():
        link = result.locator(".pf-result-link")
        assert RESULT_TITLE.match(link.inner_text()), f"title without date · dateline: {link.inner_text()!r}"
        assert link.get_attribute("href").startswith(prefix + "statements/")
        excerpt = result.locator(".pf-result-excerpt")
        expect(excerpt.locator("mark").first).to_have_text(re.compile(QUERY, re.I))
        assert len(excerpt.inner_text()) > 40, "an excerpt of the text, not just the word"
        assert "(AM)" not in excerpt.inner_text() and "(RU)" not in excerpt.inner_text(), \
            "filter values are not indexed as text"


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_search_filter_sort_and_open_a_statement(prefix: str, tmp_path: Path) -> None:
    root = search_project(tmp_path)
    with serve_folder(root / "site", prefix) as url:  # the folder appears with the build
        build_project(root, base_url=url)
        with chromium() as browser:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT)
            watch = Watch(page, url)
            page.goto(url + "search/")
            results = page.locator(".pf-result")

            type_query(page, QUERY)
            expect(results).to_have_count(3)
            expect(page.locator("pagefind-summary")).to_have_text(f"3 results for {QUERY}")
            check_results_show_date_dateline_and_excerpt(page, prefix)

            armenia = filter_option(page, "country", "Armenia (AM)")
            assert option_count(armenia) == 2
            armenia.check()
            expect(results).to_have_count(2)
            year = filter_option(page, "year", "2022")
            year.check()
            expect(results).to_have_count(1)
            expect(page.locator(".pf-result-link")).to_have_text(re.compile(r"^3 March 2022 · Yerevan — "))

            year.uncheck()
            armenia.uncheck()
            expect(results).to_have_count(3)
            page.locator("#sort").select_option(label="Newest first")
            expect(page.locator(".pf-result-link")).to_have_text(starts_with(NEWEST_FIRST))
            assert result_dates(page) == sorted(result_dates(page), reverse=True)
            page.locator("#sort").select_option(label="Oldest first")
            expect(page.locator(".pf-result-link")).to_have_text(starts_with(NEWEST_FIRST[::-1]))

            page.locator(".pf-result-link", has_text=TEHRAN[1]).click()
            page.wait_for_url(url + TEHRAN[0])
            expect(page.locator("h1")).to_have_text(TEHRAN[1])
            watch.assert_clean()


def test_a_sort_chosen_before_the_index_has_loaded_orders_the_first_results(tmp_path: Path) -> None:
    """Pagefind stores its API before its filters have loaded; a search typed in that window is sorted too."""
    root = search_project(tmp_path)
    held = []
    with serve_folder(root / "site") as url:
        build_project(root, base_url=url)
        with chromium() as browser:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT)
            watch = Watch(page, url)
            page.route(re.compile(r".*/pagefind/filter/.*"), lambda route: held.append(route))  # filters stay loading
            page.goto(url + "search/")
            page.locator("#sort").select_option(label="Newest first")
            type_query(page, QUERY)
            expect(page.locator(".pf-result-link")).to_have_text(starts_with(NEWEST_FIRST))
            assert held, "the filter index was not requested: the test no longer holds the index loading"
            for route in held:
                route.continue_()
            expect(page.locator("pagefind-filter-pane details")).not_to_have_count(0)  # the filters arrived
            expect(page.locator("pagefind-summary")).to_have_text(f"3 results for {QUERY}")
            expect(page.locator(".pf-result-link")).to_have_text(starts_with(NEWEST_FIRST))
            watch.assert_clean()
