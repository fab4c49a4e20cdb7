"""Pages stage: ``Site`` → list of ``Page`` (output path, template, context).

Nothing is rendered here and nothing is computed in templates: each context
holds view objects from ``views``. ``plan_pages`` reads as a table of contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder import urls
from builder.cite import CiteContext, apa, chicago, highwire, json_ld
from builder.data import CSV_COLUMNS
from builder.feeds import feed_view, robots_txt, sitemap_entries
from builder.model import Statement, Term
from builder.site import Site
from builder.urls import Urls
from builder.views import (KIND_LABELS, KIND_SINGULAR, Link, Pagination, chrome, date_text,
                           month_text, source_line, summary, term_label)


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # URL path relative to the site root; '' is the home page
    template: str
    context: dict[str, Any]


def plan_pages(site: Site) -> list[Page]:
    u = Urls(site.config.base_url, site.config.base_path)
    pages = home_pages(site, u) + statement_pages(site, u) + term_pages(site, u) + date_pages(site, u)
    pages += redirect_pages(site, u)
    pages.append(page(site, u, urls.DATA_PAGE, "data.html", "Data downloads", data=data_view(site, u)))
    pages.append(page(site, u, urls.FEED, "atom.xml", site.config.title,
                      feed=feed_view(site, u, site.statements, site.config.title, urls.home(), urls.FEED)))
    pages.append(page(site, u, "404.html", "404.html", "Page not found"))
    pages.append(page(site, u, urls.SITEMAP, "sitemap.xml", "Sitemap", entries=sitemap(site, pages, u)))
    pages.append(page(site, u, "robots.txt", "robots.txt", "robots", text=robots_txt(u)))
    return [finish(p, u) for p in pages]


def sitemap(site: Site, pages: list[Page], u: Urls) -> tuple[tuple[str, str], ...]:
    dates = {urls.statement(s.slug): s.date.isoformat() for s in site.statements}
    html = [(p.path, dates.get(p.path, "")) for p in pages if p.template.endswith(".html") and p.template not in ("404.html", "redirect.html")]
    return sitemap_entries(html, u)


def page(site: Site, u: Urls, path: str, template: str, title: str, **context: Any) -> Page:
    context.setdefault("description", site.config.description)
    context.setdefault("feed_href", "")
    return Page(path, template, {"title": title, **context})


def finish(p: Page, u: Urls) -> Page:
    """Add what every page shares: its own canonical URL and href."""
    return Page(p.path, p.template, {**p.context, "canonical": u.absolute(p.path), "here": u.href(p.path)})


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


def statement_pages(site: Site, u: Urls) -> list[Page]:
    return [page(site, u, urls.statement(s.slug), "statement.html", s.title, description=s.lead or s.title,
                 s=statement_view(site, u, s)) for s in site.statements]


def statement_view(site: Site, u: Urls, s: Statement) -> dict[str, Any]:
    older, newer = site.neighbours[s.id]
    entities: dict[str, list[Link]] = {}
    for kind, key, name in site.statement_terms(s):
        entities.setdefault(KIND_LABELS[kind], []).append(Link(term_label(kind, key, name), u.href(urls.term(kind, key))))
    return {
        "title": s.title, "lead": s.lead, "date_iso": s.date.isoformat(), "date_text": date_text(s.date),
        "day": s.date.day, "month": Link(month_text(s.date.year, s.date.month), u.href(urls.month(s.date.year, s.date.month))),
        "year": Link(str(s.date.year), u.href(urls.year(s.date.year))), "dateline": s.dateline,
        "agencies": ", ".join(s.agencies), "issuer": s.issuer, "type": s.type, "language": s.language,
        "body_html": s.body_html, "entities": entities, "source": s.source, "id": s.id,
        "source_line": source_line(s), "references": s.references, "tags": s.tags,
        "cite": cite_view(site, u, s),
        "older": Link(older.title, u.href(urls.statement(older.slug)), note=date_text(older.date)) if older else None,
        "newer": Link(newer.title, u.href(urls.statement(newer.slug)), note=date_text(newer.date)) if newer else None,
    }


def cite_view(site: Site, u: Urls, s: Statement) -> dict[str, Any]:
    c = CiteContext(u.absolute(urls.permalink(s.id)), site.config.title)
    downloads = (Link("BibTeX", u.href(urls.citation(s.slug, s.id, "bib")), note="bib"),
                 Link("RIS", u.href(urls.citation(s.slug, s.id, "ris")), note="ris"),
                 Link("CSL-JSON", u.href(urls.citation(s.slug, s.id, "csl.json")), note="csl.json"),
                 Link("JSON record", u.href(urls.data_json(s.id)), note="json"),
                 Link("Original text", u.href(urls.data_text(s.id)), note="txt"))
    return {"permalink": c.permalink, "permalink_href": u.href(urls.permalink(s.id)),
            "chicago": chicago(s, c), "apa": apa(s, c), "downloads": downloads,
            "highwire": highwire(s, c), "json_ld": json_ld(s, c, u.absolute(urls.statement(s.slug))),
            "site_title": site.config.title, "script": u.href(urls.CITE_SCRIPT)}


def redirect_pages(site: Site, u: Urls) -> list[Page]:
    """/s/<id>/ and every earlier slug lead to the statement (static meta refresh)."""
    out = []
    for s in site.statements:
        target = Link(s.title, u.absolute(urls.statement(s.slug)))
        for path in (urls.permalink(s.id), *(urls.statement(a) for a in s.aliases)):
            out.append(page(site, u, path, "redirect.html", s.title, target=target, description=s.lead or s.title))
    return out


def data_view(site: Site, u: Urls) -> dict[str, Any]:
    files = (Link("statements.jsonl", u.href(urls.DATA_JSONL), note="one JSON record per line, oldest first"),
             Link("statements.csv", u.href(urls.DATA_CSV), note="the same records as CSV (UTF-8, lists joined by '; ')"),
             Link("index.json", u.href(urls.DATA_INDEX), note="manifest: counts, and size and SHA-256 of every data file"))
    return {"files": files, "count": len(site.statements), "columns": CSV_COLUMNS}


def term_pages(site: Site, u: Urls) -> list[Page]:
    pages: list[Page] = []
    for kind, terms in site.terms.items():
        links = tuple(Link(term_label(kind, t.key, t.name), u.href(urls.term(kind, t.key)), len(t.statements))
                      for t in terms)
        pages.append(page(site, u, urls.term_index(kind), "terms.html", KIND_LABELS[kind], links=links,
                          kind_label=KIND_LABELS[kind]))
        for t in terms:
            pages += one_term(site, u, t)
    return pages


def one_term(site: Site, u: Urls, t: Term) -> list[Page]:
    label = term_label(t.kind, t.key, t.name)
    feed_path = urls.term_feed(t.kind, t.key)
    listing = paginate(site, u, urls.term(t.kind, t.key), t.statements, "list.html", label,
                       heading=label, kicker=KIND_SINGULAR[t.kind], feed_href=u.href(feed_path),
                       description=f"{len(t.statements)} statements on {label} in {site.config.title}.")
    feed = page(site, u, feed_path, "atom.xml", label,
                feed=feed_view(site, u, t.statements, f"{site.config.title}: {label}", urls.term(t.kind, t.key), feed_path))
    return listing + [feed]


def date_pages(site: Site, u: Urls) -> list[Page]:
    grid = tuple((Link(str(y.year), u.href(urls.year(y.year)), len(y.statements)),
                  tuple(month_cell(u, y.year, m, {mo.month: len(mo.statements) for mo in y.months}) for m in range(1, 13)))
                 for y in site.years)
    pages = [page(site, u, urls.ARCHIVE, "archive.html", "Archive", grid=grid, total=len(site.statements))]
    for y in site.years:
        months = tuple(Link(month_text(y.year, mo.month), u.href(urls.month(y.year, mo.month)), len(mo.statements))
                       for mo in y.months)
        pages += paginate(site, u, urls.year(y.year), y.statements, "list.html", f"Statements of {y.year}",
                          heading=f"Statements of {y.year}", months=months)
        for mo in y.months:
            pages += paginate(site, u, urls.month(y.year, mo.month), mo.statements, "list.html",
                              f"Statements of {month_text(y.year, mo.month)}",
                              heading=f"Statements of {month_text(y.year, mo.month)}",
                              up=Link(str(y.year), u.href(urls.year(y.year))))
    return pages


def month_cell(u: Urls, year: int, month: int, counts: dict[int, int]) -> Link:
    label = month_text(year, month)[:3]
    count = counts.get(month, 0)
    return Link(label, u.href(urls.month(year, month)) if count else "", count, month_text(year, month))


def chrome_for(site: Site) -> Any:
    return chrome(site.config.title, site.config.language, Urls(site.config.base_url, site.config.base_path))
