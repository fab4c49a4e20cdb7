"""Feeds and sitemap: pure functions from the site model to view objects for
``atom.xml`` and ``sitemap.xml``. Times come from statement dates, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder import urls
from builder.slotstate import quick_state
from builder.urls import Urls
from builder.views import source_line

if TYPE_CHECKING:
    from builder.model import Statement
    from builder.site import Site


@quick_state
@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    url: str
    id: str
    updated: str
    summary: str
    content_html: str
    author: str
    categories: tuple[str, ...]


def timestamp(s: Statement) -> str:
    return f"{s.date.isoformat()}T00:00:00Z"  # Atom needs a day: a statement known to the month has the 1st


def feed_view(site: Site, u: Urls, statements: tuple[Statement, ...], title: str,
              alternate: str, self_path: str, full: bool = True) -> dict[str, Any]:
    """The newest ``feed_size`` statements as an Atom feed; with ``full``, each with its text as content,
    else with its title, lead as summary and link only (a term's feed: the site feed carries the texts)."""
    chosen = statements[:site.config.feed_size]
    entries = tuple(Entry(s.title, u.absolute(urls.statement(s.slug)), f"urn:statement-archive:{s.id}",
                          timestamp(s), s.lead, s.body_html if full else "",
                          s.issuer or ", ".join(s.agencies) or site.config.title, s.tags) for s in chosen)
    return {"title": title, "id": u.absolute(self_path), "self": u.absolute(self_path),
            "alternate": u.absolute(alternate), "updated": entries[0].updated if entries else "1970-01-01T00:00:00Z",
            "author": site.config.title, "entries": entries, "source_line": source_line}


def sitemap_entries(paths: list[tuple[str, str]], u: Urls) -> tuple[tuple[str, str], ...]:
    """(absolute URL, lastmod or '') for every HTML page, sorted by URL."""
    return tuple(sorted((u.absolute(p), lastmod) for p, lastmod in paths))


def robots_txt(u: Urls) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {u.absolute(urls.SITEMAP)}\n"
