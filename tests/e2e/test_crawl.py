"""Crawl the built bundled site over HTTP, at ``/`` and under the ``/archive/`` sub-path.

From the home page (plus robots.txt and 404.html, the other entry points a host
uses) every internal reference is followed: ``<a href>``, ``<link href>`` (CSS,
favicon, feeds, canonical), ``<script src>``, ``<img src>``, meta refresh, Atom
``<link href>`` and sitemap ``<loc>``. Absolute URLs written with the configured
base URL are mapped to the local server. Every one must answer 200 (redirects
are not followed: a link should point at the page itself).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.support import (
    PREFIX,
    PUBLIC_BASE,
    SEED_SLUG,
    Crawl,
    ServedSite,
    crawl,
    html_refs,
    xml_refs,
)

STARTS = ["", "robots.txt", "404.html"]

MUST_REACH = {
    "statement page": f"statements/{SEED_SLUG}/",
    "year page": "2023/",
    "month page": "2023/01/",
    "day page": "2023/01/30/",
    "archive page": "archive/",
    "country page": "countries/am/",
    "person page": "people/ruben-rubinyan/",
    "organization page": "organizations/3-plus-3-platform/",
    "tag page": "tags/normalization/",
    "site feed": "feed.xml",
    "tag feed": "tags/normalization/feed.xml",
    "country feed": "countries/am/feed.xml",
    "sitemap": "sitemap.xml",
    "stylesheet": "static/style.css",
    "favicon": "static/favicon.svg",
    "permanent link": "s/45aa7c544b2f/",
}

TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".css", ".js", ".gz"}  # .gz: the whole-archive downloads


@pytest.fixture(scope="module", params=["root", "subpath"])
def crawled(request: pytest.FixtureRequest) -> tuple[ServedSite, Crawl]:
    """Each served site, crawled once for the tests of this module."""
    site: ServedSite = request.getfixturevalue(f"{request.param}_site")
    return site, crawl(site.url, STARTS, site.aliases)


def test_no_broken_links(crawled: tuple[ServedSite, Crawl]) -> None:
    site, result = crawled
    assert len(result.statuses) > 30, f"the crawl found too little: {sorted(result.paths())}"
    broken = "\n".join(str(b) for b in result.broken)
    assert not result.broken, f"{len(result.broken)} broken link(s) on the site at {site.url}:\n{broken}"
    assert not result.errors, "documents that do not parse:\n" + "\n".join(result.errors)


def test_crawl_reaches_every_kind_of_page(crawled: tuple[ServedSite, Crawl]) -> None:
    site, result = crawled
    missing = {name: path for name, path in MUST_REACH.items() if not result.reached(path)}
    assert not missing, f"never reached from the home page of {site.url}: {missing}\nreached: {sorted(result.paths())}"
    assert result.content_types[site.url + "static/style.css"].startswith("text/css")


def test_fragment_links_have_targets(crawled: tuple[ServedSite, Crawl]) -> None:
    _, result = crawled
    assert not result.missing_fragments, "links to ids that do not exist:\n" + "\n".join(result.missing_fragments)


def test_no_link_leaks_a_wrong_base_url(crawled: tuple[ServedSite, Crawl]) -> None:
    """External links are fine (a source, say); an external link to a local or example host is a leaked base URL."""
    site, result = crawled
    own_hosts = {"127.0.0.1", "localhost", urlsplit(PUBLIC_BASE).hostname}
    leaked = {url: page for url, page in result.external.items() if urlsplit(url).hostname in own_hosts}
    assert not leaked, f"links to another copy of the site (wrong base URL) on {site.url}: {leaked}"


def test_every_built_page_is_reachable(crawled: tuple[ServedSite, Crawl]) -> None:
    """No orphans: every HTML page and feed in the output is linked from somewhere."""
    site, result = crawled
    built = {path_of(p.relative_to(site.output)) for p in site.output.rglob("*")
             if p.suffix in (".html", ".xml") and "pagefind" not in p.parts}
    orphans = sorted(built - result.paths())
    assert not orphans, f"built but not linked from anywhere: {orphans}"


def path_of(relative: Path) -> str:
    """The URL path (relative to the site root) a file in the output is served at."""
    posix = relative.as_posix()
    return posix.removesuffix("index.html") if posix == "index.html" or posix.endswith("/index.html") else posix


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES and "pagefind" not in p.parts)


def test_subpath_build_keeps_the_prefix_in_every_root_relative_link(subpath_site: ServedSite) -> None:
    """Built for https://example.github.io/archive/: every href/src starting with '/' starts with '/archive/'."""
    bad: list[str] = []
    for file in sorted(subpath_site.output.rglob("*.html")):
        rel = file.relative_to(subpath_site.output).as_posix()
        refs, _ = html_refs(file.read_text(encoding="utf-8"))
        for ref in refs:
            v = ref.value.strip()
            if v.startswith("/") and not v.startswith("//") and not v.startswith(PREFIX):
                bad.append(f"{rel}: {ref.source} {v!r}")
            if rel == "404.html" and not re.match(r"^(/|#|[a-z][a-z0-9+.-]*:)", v):
                # 404.html is served at any depth: a relative link would resolve against the missing URL
                bad.append(f"{rel}: relative {ref.source} {v!r}")
    for css in sorted(subpath_site.output.rglob("*.css")):
        if "pagefind" in css.parts:
            continue
        for url in re.findall(r"url\(\s*['\"]?(/[^)'\"]*)", css.read_text(encoding="utf-8")):
            if not url.startswith(PREFIX):
                bad.append(f"{css.relative_to(subpath_site.output)}: url({url})")
    assert not bad, "root-relative links that miss the /archive/ prefix:\n" + "\n".join(bad)


def test_subpath_build_writes_absolute_urls_with_the_configured_base(subpath_site: ServedSite) -> None:
    """Feeds, sitemap and robots.txt use https://example.github.io/archive/…; no other base URL leaks in."""
    bad: list[str] = []
    for file in text_files(subpath_site.output):
        rel = file.relative_to(subpath_site.output).as_posix()
        data = file.read_bytes()
        text = (gzip.decompress(data) if file.suffix == ".gz" else data).decode("utf-8")
        for m in re.finditer(r"https?://(?:127\.0\.0\.1|localhost)[^\s\"'<]*", text):
            bad.append(f"{rel}: local URL {m.group(0)!r}")
        for m in re.finditer(r"https?://example\.github\.io[^\s\"'<]*", text):
            if not m.group(0).startswith(PUBLIC_BASE):
                bad.append(f"{rel}: {m.group(0)!r} misses the prefix")
        if file.suffix == ".xml":
            bad += [f"{rel}: {r.source} {r.value!r}" for r in xml_refs(file.read_bytes()) if not r.value.startswith(PUBLIC_BASE)]
    robots = (subpath_site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLIC_BASE}sitemap.xml" in robots, robots
    assert not bad, "absolute URLs that are not under the configured base URL:\n" + "\n".join(bad)
