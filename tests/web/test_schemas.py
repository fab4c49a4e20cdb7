"""The schemas webcheck validates with (tools/schemas/): each accepts what its standard allows and
rejects what it forbids, one small document per rule, with the validator webcheck runs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import webcheck

SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>\n'
URL = "<url><loc>https://example.org/archive/</loc>{}</url>"

GOOD_SITEMAPS = {
    "loc only": URL.format(""),
    "every optional tag": URL.format("<lastmod>2023-01-30</lastmod><changefreq>monthly</changefreq>"
                                     "<priority>0.8</priority>"),
    "lastmod to the second": URL.format("<lastmod>2023-01-30T17:33:30+04:00</lastmod>"),
    "lastmod to the minute": URL.format("<lastmod>2023-01-30T17:33Z</lastmod>"),
    "lastmod a month": URL.format("<lastmod>2023-01</lastmod>"),
    "priority bounds": URL.format("<priority>0.0</priority>") + URL.format("<priority>1.0</priority>"),
    "an extension": URL.format('<x:note xmlns:x="https://example.org/ns">kept</x:note>'),
}
BAD_SITEMAPS = {
    "no url": "",
    "no loc": "<url><priority>0.5</priority></url>",
    "a relative loc": "<url><loc>/archive/</loc></url>",
    "a loc of 2,048 characters": f"<url><loc>https://example.org/{'a' * 2028}</loc></url>",
    "tags out of order": "<url><priority>0.5</priority><loc>https://example.org/</loc></url>",
    "priority above 1": URL.format("<priority>2.0</priority>"),
    "priority below 0": URL.format("<priority>-0.1</priority>"),
    "an unknown changefreq": URL.format("<changefreq>often</changefreq>"),
    "lastmod without a zone": URL.format("<lastmod>2023-01-30T17:33:30</lastmod>"),
    "lastmod month 13": URL.format("<lastmod>2023-13-01</lastmod>"),
    "lastmod in words": URL.format("<lastmod>yesterday</lastmod>"),
    "an element of the protocol's namespace it does not define": URL.format("<title>x</title>"),
}

SITEINDEX = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>\n')
PART = "<sitemap><loc>https://example.org/archive/sitemaps/sitemap-1.xml</loc>{}</sitemap>"

GOOD_INDEXES = {
    "loc only": PART.format(""),
    "lastmod a day": PART.format("<lastmod>2023-01-30</lastmod>"),
    "lastmod a month": PART.format("<lastmod>2023-01</lastmod>"),
    "lastmod to the second": PART.format("<lastmod>2023-01-30T17:33:30+04:00</lastmod>"),
    "several sitemaps": PART.format("") + PART.replace("-1.xml", "-2.xml").format("<lastmod>2024</lastmod>"),
    "an extension": PART.format('<x:note xmlns:x="https://example.org/ns">kept</x:note>'),
}
BAD_INDEXES = {
    "no sitemap": "",
    "no loc": "<sitemap><lastmod>2023-01-30</lastmod></sitemap>",
    "a relative loc": "<sitemap><loc>/archive/sitemaps/sitemap-1.xml</loc></sitemap>",
    "a loc of 2,048 characters": f"<sitemap><loc>https://example.org/{'a' * 2028}</loc></sitemap>",
    "tags out of order": "<sitemap><lastmod>2023-01-30</lastmod><loc>https://example.org/s.xml</loc></sitemap>",
    "two locs": PART.format("<loc>https://example.org/s.xml</loc>"),
    "lastmod without a zone": PART.format("<lastmod>2023-01-30T17:33:30</lastmod>"),
    "lastmod in words": PART.format("<lastmod>yesterday</lastmod>"),
    "a url entry's changefreq": PART.format("<changefreq>daily</changefreq>"),
    "a url entry instead of a sitemap": URL.format(""),
}

FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Archive</title>
  <id>https://example.org/archive/</id>
  <updated>2023-01-30T00:00:00Z</updated>
  <link rel="self" href="https://example.org/archive/feed.xml"/>
  <author><name>Archive</name></author>
  {}
</feed>
"""
ENTRY = """<entry>
    <title type="html">Statement &amp;lt;1&amp;gt;</title>
    <id>https://example.org/archive/s/45aa7c544b2f/</id>
    <updated>2023-01-30T00:00:00Z</updated>
    <link href="https://example.org/archive/statements/a/"/>
    <category term="AM" label="Armenia"/>
    {}
  </entry>"""

GOOD_FEEDS = {
    "no entries": "",
    "an entry": ENTRY.format(""),
    "an entry with summary and content": ENTRY.format('<summary>Lead.</summary><content type="html">&lt;p&gt;Text'
                                                      '&lt;/p&gt;</content><published>2023-01-30T12:00:00+04:00'
                                                      '</published>'),
    "an extension element": ENTRY.format('<x:note xmlns:x="https://example.org/ns">kept</x:note>'),
}
BAD_FEEDS = {
    "an entry without an id": ENTRY.replace("<id>https://example.org/archive/s/45aa7c544b2f/</id>", "").format(""),
    "an entry without updated": ENTRY.replace("<updated>2023-01-30T00:00:00Z</updated>", "").format(""),
    "a date that is not RFC 3339": ENTRY.format("<published>30 January 2023</published>"),
    "a link without href": ENTRY.format('<link rel="related"/>'),
    "a text construct of an unknown type": ENTRY.format('<summary type="markdown">*x*</summary>'),
    "an element Atom does not define": ENTRY.format("<updatd>2023-01-30T00:00:00Z</updatd>"),
    "two titles": ENTRY.format("<title>Again</title>"),
    "a category without term": ENTRY.format('<category label="x"/>'),
}


def xmllint(tmp_path: Path, body: str, document: str = SITEMAP,
            schema: Path = webcheck.SITEMAP_XSD) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "sitemap.xml"
    path.write_text(document.format(body), encoding="utf-8")
    return subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(path)],
                          capture_output=True, text=True)


def xmllint_index(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    return xmllint(tmp_path, body, SITEINDEX, webcheck.SITEINDEX_XSD)


def jing(tmp_path: Path, entries: str) -> subprocess.CompletedProcess[str]:
    document = tmp_path / "feed.xml"
    document.write_text(FEED.format(entries), encoding="utf-8")
    return subprocess.run(["jing", "-c", str(webcheck.ATOM_RNC), str(document)], capture_output=True, text=True)


def test_the_schemas_are_in_the_repository() -> None:
    assert webcheck.ATOM_RNC.is_file() and webcheck.SITEMAP_XSD.is_file() and webcheck.SITEINDEX_XSD.is_file()
    assert webcheck.SCHEMAS.parent == webcheck.REPO / "tools"


@pytest.mark.parametrize("case", GOOD_SITEMAPS)
def test_sitemap_schema_accepts(case: str, tmp_path: Path) -> None:
    run = xmllint(tmp_path, GOOD_SITEMAPS[case])
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("case", BAD_SITEMAPS)
def test_sitemap_schema_rejects(case: str, tmp_path: Path) -> None:
    run = xmllint(tmp_path, BAD_SITEMAPS[case])
    assert run.returncode != 0 and "fails to validate" in run.stderr, run.stderr


def test_sitemap_schema_allows_50000_urls_and_no_more(tmp_path: Path) -> None:
    assert xmllint(tmp_path, URL.format("") * 50_000).returncode == 0
    assert xmllint(tmp_path, URL.format("") * 50_001).returncode != 0


@pytest.mark.parametrize("case", GOOD_INDEXES)
def test_siteindex_schema_accepts(case: str, tmp_path: Path) -> None:
    run = xmllint_index(tmp_path, GOOD_INDEXES[case])
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("case", BAD_INDEXES)
def test_siteindex_schema_rejects(case: str, tmp_path: Path) -> None:
    run = xmllint_index(tmp_path, BAD_INDEXES[case])
    assert run.returncode != 0 and "fails to validate" in run.stderr, run.stderr


def test_siteindex_schema_allows_50000_sitemaps_and_no_more(tmp_path: Path) -> None:
    assert xmllint_index(tmp_path, PART.format("") * 50_000).returncode == 0
    assert xmllint_index(tmp_path, PART.format("") * 50_001).returncode != 0


def test_each_sitemap_schema_accepts_only_its_own_root(tmp_path: Path) -> None:
    """An index is not a sitemap and a sitemap is not an index, though they share a namespace."""
    assert xmllint(tmp_path, URL.format(""), SITEMAP, webcheck.SITEINDEX_XSD).returncode != 0
    assert xmllint(tmp_path, PART.format(""), SITEINDEX, webcheck.SITEMAP_XSD).returncode != 0


@pytest.mark.parametrize("case", GOOD_FEEDS)
def test_atom_schema_accepts(case: str, tmp_path: Path) -> None:
    run = jing(tmp_path, GOOD_FEEDS[case])
    assert run.returncode == 0 and run.stdout == "", run.stdout


@pytest.mark.parametrize("case", BAD_FEEDS)
def test_atom_schema_rejects(case: str, tmp_path: Path) -> None:
    run = jing(tmp_path, BAD_FEEDS[case])
    assert run.returncode != 0 and "error:" in run.stdout, run.stdout
