"""One search over every shard of the index, in Chromium: the newest year's bundle is the primary and
the others are merged into it (Pagefind's mergeIndex), so counts add up and dates sort across years.

The test project's shards (tests/search/conftest.py): Armenia (AM) is named by statements of three
years, 2021 (1), 2022 (3: Tbilisi, Yerevan and the Sochi statement of 31 October) and 2023 (the seed).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.search.conftest import (
    SEED,
    TBILISI,
    TEHRAN,
    YEREVAN,
    expect_results,
    filter_option,
    option_count,
    summary,
    type_query,
)

ARMENIA = "Armenia (AM)"
SOCHI_2021 = "Leaders of Russia, Azerbaijan and Armenia adopt a statement in Sochi"  # 2021-11-26, its own shard


def test_every_shard_is_loaded_and_counts_are_summed_across_them(open_page, served) -> None:
    page = open_page(None)
    shards = set()
    page.on("request", lambda r: shards.update(re.findall(r"/pagefind/(\d{4})/", r.url)))
    page.goto(served.url + "search/")
    expect(page.locator("#search-status")).to_have_text(summary(7, ""))
    assert shards == {"2021", "2022", "2023"}, "each year's shard is part of the search"
    armenia = filter_option(page, "country", ARMENIA)
    assert option_count(armenia) == 5, "1 statement in 2021, 3 in 2022 and 1 in 2023"
    assert option_count(filter_option(page, "year", "2022")) == 5
    armenia.check()
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^5 results"))
    assert [option_count(filter_option(page, "year", y)) for y in ("2023", "2022", "2021")] == [1, 3, 1]
    page.watch.assert_clean()


def test_dates_sort_across_shards(open_page, served) -> None:
    page = open_page("search/?sort=oldest")
    expect(page.locator("#search-status")).to_have_text(summary(7, ""))
    titles = page.locator("#results h2 a")
    expect(titles.first).to_have_text(re.compile("^" + re.escape(SOCHI_2021)))
    expect(titles.last).to_have_text(re.compile("^" + re.escape(SEED)))
    page.locator("#search-sort").select_option(label="Newest first")
    expect(titles.first).to_have_text(re.compile("^" + re.escape(SEED)))
    expect(titles.last).to_have_text(re.compile("^" + re.escape(SOCHI_2021)))
    type_query(page, "ministry")
    page.locator("#search-sort").select_option(label="Oldest first")
    expect_results(page, [TBILISI, YEREVAN, TEHRAN, SEED])
    page.watch.assert_clean()
