"""Home, statement, tag, country, archive and about pages in Chromium: axe-core finds no violations at
360 px and 1280 px in both colour schemes; nothing is cut off on a phone (the archive grid shows every
month, chart labels are text at a readable size); the copy buttons copy the citations."""

from __future__ import annotations

import pytest

from tests.pages.conftest import PAGES, SEED, Served
from tests.search.conftest import TIMEOUT, describe, run_axe

WIDTHS = (360, 1280)


def open_page(served: Served, path: str, width: int, scheme: str = "light"):
    context = served.browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(served.url + path)
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_axe_violations(served: Served, kind: str, width: int, scheme: str) -> None:
    context, page = open_page(served, PAGES[kind], width, scheme)
    try:
        violations = run_axe(page)
        assert violations == [], f"axe on {kind} at {width} px, {scheme}:\n{describe(violations)}"
        wide, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert wide <= inner, f"{kind} scrolls sideways at {width} px: {wide} px wide"
    finally:
        context.close()


def test_archive_grid_shows_every_month_on_a_phone(served: Served) -> None:
    context, page = open_page(served, PAGES["archive"], 360)
    try:
        cells = page.evaluate("""() => [...document.querySelectorAll('.calendar tbody tr')].map(row =>
            [...row.querySelectorAll('td')].map(td => { const r = td.getBoundingClientRect();
              return [getComputedStyle(td, '::before').content, r.left >= 0 && r.right <= innerWidth]; }))""")
        assert cells and all(len(row) == 12 for row in cells)
        assert all(inside for row in cells for _, inside in row), "a month of the grid is off screen"
        assert [label for label, _ in cells[0]][:2] == ['"Jan"', '"Feb"'], "each cell names its month"
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_are_readable_text(served: Served, width: int) -> None:
    context, page = open_page(served, PAGES["country"], width)
    try:
        sizes = page.evaluate("""() => [...document.querySelectorAll('.chart .year, .chart .count')]
            .filter(el => el.getClientRects().length && el.getBoundingClientRect().width > 1)
            .map(el => parseFloat(getComputedStyle(el).fontSize))""")
        assert sizes and min(sizes) >= 12, f"chart labels at {width} px: {sizes} px"
        years = page.locator(".chart .year").all_inner_texts()
        assert years == ["2021", "2022", "2023", "2024"]
    finally:
        context.close()


@pytest.mark.parametrize("name", ["chicago", "apa"])
def test_copy_button_copies_the_citation(served: Served, name: str) -> None:
    context = served.browser.new_context(viewport={"width": 360, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url.split("/archive/")[0])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(served.url + SEED)
        citation = page.locator(f"#cite-{name}")
        button = page.locator(f'button[data-copy="cite-{name}"]')
        assert button.is_visible() and "[date of access]" not in citation.inner_text()
        button.click()
        page.locator(".cite .copied").filter(has_text="copied").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == " ".join(citation.inner_text().split())
        assert copied.startswith("Russian Foreign Ministry.") and "s/45aa7c544b2f/" in copied
    finally:
        context.close()


def test_without_javascript_there_is_no_copy_button(served: Served) -> None:
    context = served.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served.url + SEED)
        assert page.locator(".cite .copy").first.is_hidden()
        assert page.locator("#cite-chicago").inner_text().startswith("Russian Foreign Ministry.")
    finally:
        context.close()
