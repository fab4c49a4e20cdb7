"""Pages stage: ``Site`` → list of ``Page`` (output path, template, context).

Nothing is rendered here and nothing is computed in templates: each context
holds view objects. ``plan_pages`` reads as a table of contents of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder import urls
from builder.data import CSV_COLUMNS
from builder.feeds import feed_view, robots_txt, sitemap_entries
from builder.model import Statement
from builder.site import Site
from builder.urls import Urls
from builder.views import Link, Pagination, chrome, summary


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # URL path relative to the site root; '' is the home page
    template: str
    context: dict[str, Any]


def plan_pages(site: Site) -> list[Page]:
    from builder.index_pages import date_pages, term_pages
    from builder.statement_pages import redirect_pages, statement_pages
    u = urls_of(site)
    pages = home_pages(site, u) + statement_pages(site, u) + term_pages(site, u) + date_pages(site, u)
    pages += redirect_pages(site, u)
    pages.append(page(site, u, urls.DATA_PAGE, "data.html", "Data downloads", data=data_view(site, u)))
    if site.config.search:
        pages.append(page(site, u, urls.SEARCH, "search.html", "Search", search=search_view(u)))
    pages.append(page(site, u, urls.FEED, "atom.xml", site.config.title,
                      feed=feed_view(site, u, site.statements, site.config.title, urls.home(), urls.FEED)))
    pages.append(page(site, u, "404.html", "404.html", "Page not found", noindex=True))
    pages.append(page(site, u, urls.SITEMAP, "sitemap.xml", "Sitemap", entries=sitemap(site, pages, u)))
    pages.append(page(site, u, "robots.txt", "robots.txt", "robots", text=robots_txt(u)))
    return [finish(p, u) for p in pages]


def urls_of(site: Site) -> Urls:
    return Urls(site.config.base_url, site.config.base_path)


def page(site: Site, u: Urls, path: str, template: str, title: str, **context: Any) -> Page:
    context.setdefault("description", site.config.description)
    context.setdefault("feed_href", "")
    return Page(path, template, {"title": title, **context})


def finish(p: Page, u: Urls) -> Page:
    """Add what every page shares: its own canonical URL and href."""
    return Page(p.path, p.template, {**p.context, "canonical": u.absolute(p.path), "here": u.href(p.path)})


def sitemap(site: Site, pages: list[Page], u: Urls) -> tuple[tuple[str, str], ...]:
    dates = {urls.statement(s.slug): s.date.isoformat() for s in site.statements}
    html = [(p.path, dates.get(p.path, "")) for p in pages
            if p.template.endswith(".html") and p.template not in ("404.html", "redirect.html")]
    return sitemap_entries(html, u)


def paginate(site: Site, u: Urls, path: str, statements: tuple[Statement, ...], template: str,
             title: str, **context: Any) -> list[Page]:
    """One page per ``per_page`` statements: path/, path/page/2/, …"""
    size = site.config.per_page
    count = max(1, -(-len(statements) // size))
    out = []
    for n in range(1, count + 1):
        items = tuple(summary(s, u) for s in statements[(n - 1) * size:n * size])
        nav = Pagination(n, count, u.href(urls.paged(path, n - 1)) if n > 1 else "",
                         u.href(urls.paged(path, n + 1)) if n < count else "")
        shown = title if n == 1 else f"{title} (page {n} of {count})"
        out.append(page(site, u, urls.paged(path, n), template, shown, items=items, pagination=nav,
                        total=len(statements), **context))
    return out


def home_pages(site: Site, u: Urls) -> list[Page]:
    return paginate(site, u, urls.home(), site.statements, "list.html", site.config.title,
                    heading="Latest statements", is_home=True, feed_href=u.href(urls.FEED))


def data_view(site: Site, u: Urls) -> dict[str, Any]:
    files = (Link("statements.jsonl", u.href(urls.DATA_JSONL), note="one JSON record per line, oldest first"),
             Link("statements.csv", u.href(urls.DATA_CSV), note="the same records as CSV (UTF-8, lists joined by '; ')"),
             Link("index.json", u.href(urls.DATA_INDEX), note="manifest: counts, and size and SHA-256 of every data file"))
    return {"files": files, "count": len(site.statements), "columns": CSV_COLUMNS}


def search_view(u: Urls) -> dict[str, str]:
    bundle = u.href(urls.PAGEFIND)
    return {"bundle": bundle, "script": bundle + "pagefind-component-ui.js",
            "css": bundle + "pagefind-component-ui.css", "sort_script": u.href(urls.SEARCH_SCRIPT)}


def chrome_for(site: Site) -> Any:
    return chrome(site.config.title, site.config.language, urls_of(site), site.config.search)
