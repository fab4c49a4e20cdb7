"""The seed statement's text survives ingest + build verbatim, paragraph by paragraph.

The original is the raw seed file (first line: ' date YYYY-MM-DD <lead>', then
blank-line separated paragraphs). The rendered page's ``.body`` paragraphs and
the Atom feed's entry content must carry exactly those paragraphs, after HTML
unescaping and whitespace normalisation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import SEED
from tests.e2e.support import (
    ATOM,
    SEED_SLUG,
    ServedSite,
    fetch,
    html_paragraphs,
    raw_paragraphs,
)


@pytest.fixture(scope="module")
def original() -> list[str]:
    paragraphs = raw_paragraphs(SEED.read_text(encoding="utf-8"))
    assert len(paragraphs) == 4, f"the seed file should have 4 body paragraphs, found {len(paragraphs)}"
    return paragraphs


def assert_same_paragraphs(rendered: list[str], original: list[str], where: str) -> None:
    for n, (got, want) in enumerate(zip(rendered, original), start=1):
        assert got == want, f"{where}: paragraph {n} differs from the seed\n  seed:     {want!r}\n  rendered: {got!r}"
    assert len(rendered) == len(original), (
        f"{where}: {len(rendered)} paragraphs rendered, the seed has {len(original)}\n"
        f"extra: {rendered[len(original):] or original[len(rendered):]}")


def test_statement_page_body_matches_the_seed(root_site: ServedSite, original: list[str]) -> None:
    page = fetch(f"{root_site.url}statements/{SEED_SLUG}/")
    assert page.status == 200
    assert_same_paragraphs(html_paragraphs(page.text), original, "statement page .body")


def test_feed_entry_content_matches_the_seed(root_site: ServedSite, original: list[str]) -> None:
    feed = fetch(f"{root_site.url}feed.xml")
    assert feed.status == 200
    entries = ET.fromstring(feed.body).findall(f"{ATOM}entry")
    assert len(entries) == 1
    content = entries[0].find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert_same_paragraphs(html_paragraphs(content.text or "", scope=None), original, "feed entry content")
