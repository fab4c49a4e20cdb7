"""Search at archive scale: 1,000 generated statements (raw .txt) build with a full index, and
in the browser a word finds hundreds of them, a country filter narrows them, a result opens.

Prints the build time and the size of pagefind/ (run with ``pytest -s`` to see them).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser import chromium, serve_folder
from tests.conftest import build_project, make_corpus, project
from tests.search.conftest import TIMEOUT, Watch, filter_option, option_count, type_query

N = 1000
QUERY = "Kazakhstan"  # one of the generator's countries: in about a fifth of the statements
COUNTRY = "Armenia (AM)"  # another, in about a quarter
SUMMARY = re.compile(r"^(\d+) results? for " + QUERY + "$")


def generated_project(tmp: Path) -> Path:
    content = make_corpus(tmp / "corpus", N)
    assert len(list(content.glob("*.txt"))) == N
    return project(tmp, content)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def summary_count(page) -> int:
    summary = page.locator("pagefind-summary")
    expect(summary).to_have_text(SUMMARY)
    return int(SUMMARY.match(summary.inner_text()).group(1))


def test_thousand_statements_search_filter_and_open(tmp_path: Path) -> None:
    root = generated_project(tmp_path)
    with serve_folder(root / "site") as url:  # the folder appears with the build
        start = time.perf_counter()
        report = build_project(root, base_url=url)
        seconds = time.perf_counter() - start
        files, size = folder_size(root / "site" / "pagefind")
        print(f"\n{N} statements, {report.pages} pages: build with search {seconds:.1f} s; "
              f"pagefind/ {files} files, {size / 1e6:.2f} MB")
        assert report.statements == N
        assert len(list((root / "site" / "pagefind" / "fragment").iterdir())) == N, "one fragment per statement"

        with chromium() as browser:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT)
            watch = Watch(page, url)
            page.goto(url + "search/")
            type_query(page, QUERY)
            found = summary_count(page)
            assert 100 < found < N, f"{QUERY!r} should be in hundreds of statements, found {found}"

            country = filter_option(page, "country", COUNTRY)
            expected = option_count(country)
            assert 0 < expected < found
            country.check()
            expect(page.locator("pagefind-summary")).to_have_text(f"{expected} results for {QUERY}")

            first = page.locator(".pf-result-link").first
            title = re.match(r"^.+? — (.+)$", first.inner_text()).group(1)
            href = first.get_attribute("href")
            first.click()
            page.wait_for_url(url + href.lstrip("/"))
            expect(page.locator("h1")).to_have_text(title)
            expect(page.locator(".body")).to_contain_text(QUERY)
            watch.assert_clean()
