"""Sitemap stage: the (absolute URL, lastmod) entries of the pages → the sitemap files.

Pure: ``sitemap_files(entries) -> tuple[SitemapFile, ...]``; ``pages.sitemap_pages``
makes them pages, ``build.add_sitemap`` renders and writes them. The sitemaps
protocol allows at most 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed
per file. Within that, the site has one ``sitemap.xml`` (a ``<urlset>``), as it
always had. Beyond it, ``sitemap.xml`` becomes a ``<sitemapindex>`` of
``sitemaps/sitemap-1.xml``, ``sitemap-2.xml``, …, each a ``<urlset>`` of
consecutive entries in URL order, so the same pages give the same files, byte
for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from builder import urls
from builder.urls import Urls

MAX_URLS = 50_000  # per sitemap file (the protocol's limit); tests lower it
MAX_BYTES = 52_428_800  # per sitemap file, uncompressed (the protocol's 50 MB)
FRAME_BYTES = 200  # the XML declaration and <urlset …></urlset> around the entries, generously
URL_MARKUP = len("  <url><loc></loc></url>\n")
LASTMOD_MARKUP = len("<lastmod></lastmod>")

SitemapEntry = tuple[str, str]  # (absolute URL, lastmod or '')


@dataclass(frozen=True, slots=True)
class SitemapFile:
    """One ``<urlset>`` file: its output path and its entries, sorted by URL."""

    path: str
    entries: tuple[SitemapEntry, ...]

    @property
    def lastmod(self) -> str:
        """The latest lastmod of its entries ('' when none has one): W3C dates compare as text."""
        return max((lastmod for _, lastmod in self.entries), default="")


def sitemap_files(entries: tuple[SitemapEntry, ...], limit: int | None = None,
                  max_bytes: int | None = None) -> tuple[SitemapFile, ...]:
    """``sitemap.xml`` alone when the entries fit in one file, else the numbered parts of an index."""
    parts = split(entries, limit or MAX_URLS, max_bytes or MAX_BYTES)
    if len(parts) <= 1:
        return (SitemapFile(urls.SITEMAP, entries),)
    return tuple(SitemapFile(urls.sitemap_part(n), part) for n, part in enumerate(parts, 1))


def split(entries: tuple[SitemapEntry, ...], limit: int, max_bytes: int) -> list[tuple[SitemapEntry, ...]]:
    """Consecutive runs of ``entries``, each at most ``limit`` long and ``max_bytes`` as XML."""
    parts: list[tuple[SitemapEntry, ...]] = []
    start, size = 0, FRAME_BYTES
    for i, entry in enumerate(entries):
        cost = entry_bytes(entry)
        if i > start and (i - start >= limit or size + cost > max_bytes):
            parts.append(entries[start:i])
            start, size = i, FRAME_BYTES
        size += cost
    if entries:
        parts.append(entries[start:])
    return parts


def entry_bytes(entry: SitemapEntry) -> int:
    """The bytes one ``<url>`` line of templates/sitemap.xml takes (its URL escaped as the template does)."""
    loc, lastmod = entry
    return URL_MARKUP + len(str(escape(loc)).encode("utf-8")) + (LASTMOD_MARKUP + len(lastmod) if lastmod else 0)


def index_entries(files: tuple[SitemapFile, ...], u: Urls) -> tuple[SitemapEntry, ...]:
    """(absolute URL, latest lastmod) of each part, for the ``<sitemapindex>``."""
    return tuple((u.absolute(f.path), f.lastmod) for f in files)
