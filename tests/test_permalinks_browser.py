"""Permanent links in a real browser: /s/<id>/ and an old slug both reach the statement."""

from __future__ import annotations

from pathlib import Path

from tests.browser import chromium, serve_folder
from tests.conftest import build_project, project

OLD_SLUG = "2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming"
NEW_SLUG = "2023-01-30-russia-works-to-overcome-the-potential-for-conflict"
NEW_TITLE = "Russia works to overcome the potential for conflict in the South Caucasus"


def retitle(root: Path) -> None:
    """What a maintainer does: new title and slug, the old slug kept as an alias."""
    md = next((root / "content").rglob("*.md"))
    text = md.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title: "))
    text = text.replace(title_line, f"title: {NEW_TITLE}")
    text = text.replace(f"slug: {OLD_SLUG}", f"slug: {NEW_SLUG}\naliases: [{OLD_SLUG}]")
    md.write_text(text, encoding="utf-8")


def test_old_url_and_permalink_lead_to_the_retitled_statement(tmp_path: Path) -> None:
    root = project(tmp_path)
    base = "https://example.github.io/archive/"
    build_project(root, base_url=base)
    retitle(root)
    with serve_folder(root / "site", "/archive/") as url:
        build_project(root, base_url=url)
        assert (root / "site" / "statements" / NEW_SLUG / "index.html").exists()
        with chromium() as browser:
            page = browser.new_page()
            for start in (f"{url}statements/{OLD_SLUG}/", f"{url}s/45aa7c544b2f/"):
                page.goto(start)
                page.wait_for_url(f"{url}statements/{NEW_SLUG}/")
                assert page.locator("h1").inner_text() == NEW_TITLE
            page.goto(f"{url}statements/{NEW_SLUG}/")
            assert page.locator('button[data-copy="cite-chicago"]').is_visible(), "cite.js ran on the new address"
            assert NEW_TITLE.split()[0] in page.locator("#cite-chicago").inner_text()
