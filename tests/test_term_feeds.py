"""A term's Atom feed lists its newest statements by title, summary (the lead) and link; the texts are in
the site feed. At one full text per term a statement is in, term feeds had been half of the term folders."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import build_project, project

ATOM = "{http://www.w3.org/2005/Atom}"


def test_term_feeds_link_and_summarise_and_the_site_feed_carries_the_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    build_project(root)
    (entry,) = ET.parse(root / "site" / "countries" / "am" / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content") is None
    assert entry.findtext(f"{ATOM}summary", "").startswith("Russia is working intensely")
    assert "/statements/2023-01-30-russia-is-working" in entry.find(f"{ATOM}link").get("href")
    (site_entry,) = ET.parse(root / "site" / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert "potential for conflict" in site_entry.findtext(f"{ATOM}content", "")
