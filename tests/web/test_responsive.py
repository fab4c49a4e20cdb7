"""Readable on a 360 px phone and a wide screen, and printable: screenshots of one page of each
type at both widths go to the test's tmp folder; horizontal overflow fails; print media hides
the navigation and footer and keeps the statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve_folder
from tests.web.conftest import BuiltSite
from tools import webcheck

WIDTHS = {"phone": (360, 780), "wide": (1600, 1000)}


@pytest.mark.parametrize("name", ["bundled-root", "bundled-subpath"])
def test_pages_fit_a_phone_and_a_wide_screen(name: str, web_sites, tmp_path: Path) -> None:
    site: BuiltSite = web_sites[name]
    sample = webcheck.sample_pages(webcheck.html_pages(site.folder))
    overflow = []
    with serve_folder(site.folder, site.prefix) as url, chromium() as browser:
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for kind, path in sample.items():
                page.goto(url + webcheck.page_url(path), wait_until="load")
                page.screenshot(path=str(tmp_path / f"{label}-{kind}.png"), full_page=True)
                scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    overflow.append(f"{path} at {width} px: {scroll} px wide")
            page.close()
    assert len(list(tmp_path.glob("*.png"))) == 2 * len(sample)
    assert overflow == [], "\n".join(overflow)


def test_print_hides_navigation_and_footer_and_keeps_the_statement(web_sites) -> None:
    site: BuiltSite = web_sites["bundled-root"]
    statement = next(p for p in webcheck.html_pages(site.folder) if webcheck.page_type(p) == "statement")
    visible = """(sel) => { const el = document.querySelector(sel);
                   if (!el) return null; const s = getComputedStyle(el);
                   return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; }"""
    with serve_folder(site.folder, site.prefix) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + webcheck.page_url(statement), wait_until="load")
        for sel in (".masthead nav", ".footer", ".prevnext", ".cite p:last-child"):
            assert page.evaluate(visible, sel) is True, f"{sel} should show on screen"
        page.emulate_media(media="print")
        for sel in (".masthead nav", ".footer", ".skip", ".prevnext", ".cite p:last-child"):
            assert page.evaluate(visible, sel) is False, f"{sel} should not print"
        for sel in ("body", "h1", ".statement .body", ".provenance", ".citation"):
            assert page.evaluate(visible, sel) is True, f"{sel} should print"
        colours = page.evaluate("() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000
