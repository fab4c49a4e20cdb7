"""Search at archive scale: 1,000 generated statements (raw .txt) build with a full index, and in
the browser a word finds hundreds of them, a country filter and a date range narrow them, the
person facet shows its top entries and is narrowed by typing, more results
load a page at a time with nothing empty on screen, and a result opens.

Prints the build time and the size of pagefind/ (run with ``pytest -s`` to see them).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser import chromium, serve_folder
from tests.conftest import build_project, make_corpus, project
from tests.search.conftest import TIMEOUT, Watch, filter_option, option_count, query, summary, type_query

N = 1000
QUERY = "Kazakhstan"  # one of the generator's countries: in about a fifth of the statements
COUNTRY = "Armenia (AM)"  # another, in about a quarter
SUMMARY = re.compile(r"^(\d+) results? for “" + QUERY + "”$")
EMPTY_RESULTS = """() => [...document.querySelectorAll('#results li')]
    .filter(li => !li.querySelector('h2 a')?.textContent || !li.querySelector('.excerpt mark')).length"""


def generated_project(tmp: Path) -> Path:
    content = make_corpus(tmp / "corpus", N)
    assert len(list(content.glob("*.txt"))) == N
    return project(tmp, content)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def summary_count(page) -> int:
    status = page.locator("#search-status")
    expect(status).to_have_text(SUMMARY)
    return int(SUMMARY.match(status.inner_text()).group(1))


def result_years(page) -> list[int]:
    return [int(d[:4]) for d in page.locator("#results time").evaluate_all("ts => ts.map(t => t.dateTime)")]


def check_people_facet(page) -> None:
    """More names than the top 8 shown with counts: narrowed by typing, all of them on request."""
    people = page.locator("#facet-person .options li")
    expect(people).to_have_count(8)
    show_all = page.locator("#facet-person .show-all")
    total = int(re.search(r"\d+", show_all.inner_text()).group())
    assert total > 8, f"the generated archive should name more than 8 people, the facet has {total}"
    first = page.locator("#facet-person .options label").first.inner_text()
    name = first.rsplit(" ", 1)[0]
    page.get_by_label("Narrow the list of people").fill(name.split()[-1][:5])
    expect(people.first).to_have_text(first)
    assert people.count() < total
    page.get_by_label("Narrow the list of people").fill("")
    show_all.click()
    expect(people).to_have_count(total)


def test_thousand_statements_search_filter_narrow_and_open(tmp_path: Path) -> None:
    root = generated_project(tmp_path)
    with serve_folder(root / "site") as url:  # the folder appears with the build
        start = time.perf_counter()
        report = build_project(root, base_url=url)
        seconds = time.perf_counter() - start
        files, size = folder_size(root / "site" / "pagefind")
        print(f"\n{N} statements, {report.pages} pages: build with search {seconds:.1f} s; "
              f"pagefind/ {files} files, {size / 1e6:.2f} MB")
        assert report.statements == N
        assert len(list((root / "site" / "pagefind").glob("*/fragment/*"))) == N, "one fragment per statement"

        with chromium() as browser:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT)
            watch = Watch(page, url)
            page.goto(url + "search/")
            expect(page.locator("#search-status")).to_have_text(summary(N, ""))
            check_people_facet(page)
            type_query(page, QUERY)
            found = summary_count(page)
            assert 100 < found < N, f"{QUERY!r} should be in hundreds of statements, found {found}"

            expect(page.locator("#results li")).to_have_count(20)
            assert page.evaluate(EMPTY_RESULTS) == 0, "a result on screen without its title or excerpt"
            page.locator("#more-results").click()
            expect(page.locator("#results li")).to_have_count(40)
            expect(page.locator("#results li").nth(20).locator("h2 a")).to_be_focused()
            assert page.evaluate(EMPTY_RESULTS) == 0

            page.locator("#search-from").fill("2000")
            page.locator("#search-to").fill("2009")
            page.locator("#search-to").blur()
            assert query(page)["from"] == ["2000"] and query(page)["to"] == ["2009"]
            expect(page.locator("#results")).not_to_have_attribute("aria-busy", "true")  # the newest search shown
            expect(page.locator("#facet-year .narrow")).to_be_hidden()  # years are narrowed by the range
            page.locator("#facet-year .show-all").click()  # ten years: two more than the top eight
            years = page.locator("#facet-year .options label").all_inner_texts()
            assert [int(y.split()[0]) for y in years] == list(range(2009, 1999, -1)), years
            in_decade = sum(int(y.split()[1]) for y in years)
            assert 0 < in_decade < found
            expect(page.locator("#search-status")).to_have_text(summary(in_decade, QUERY))

            country = filter_option(page, "country", COUNTRY)
            expected = option_count(country)
            assert 0 < expected < in_decade
            country.check()
            expect(page.locator("#search-status")).to_have_text(summary(expected, QUERY))
            page.locator("#search-sort").select_option(label="Oldest first")
            expect(page.locator("#results")).not_to_have_attribute("aria-busy", "true")
            years = result_years(page)
            assert years == sorted(years) and 2000 <= years[0] and years[-1] <= 2009

            first = page.locator("#results h2 a").first
            title, href = first.inner_text(), first.get_attribute("href")
            first.click()
            page.wait_for_url(url + href.lstrip("/"))
            expect(page.locator("h1")).to_have_text(title)
            expect(page.locator(".body")).to_contain_text(QUERY)
            watch.assert_clean()
