"""Pages stage, indexes: term pages (countries, people, organizations, topics)
with charts, co-occurring entities and feeds; archive, year, month and day pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from builder import urls
from builder.charts import year_chart
from builder.feeds import feed_view
from builder.model import Month, Statement, Term, Year
from builder.pages import Batch, Page, PageGroup, Summaries, group, page, paginate, statement_digests
from builder.related import year_counts
from builder.site import Site
from builder.urls import Urls
from builder.views import KIND_LABELS, KIND_SINGULAR, Link, date_text, month_text, term_label


def term_groups(site: Site, u: Urls, summaries: Summaries) -> list[PageGroup]:
    """Each kind's index page, then each kind's terms' pages, a batch a term."""
    groups = [group("terms", lambda kind=kind: [term_index(site, u, kind)], u) for kind in site.terms]  # type: ignore[misc]
    groups += [group("terms", lambda ts=terms: [term_batch(site, u, summaries, t) for t in ts], u)  # type: ignore[misc]
               for terms in site.terms.values()]
    return groups


Together = tuple[tuple[str, str, str, int], ...]  # (kind, key, name, statements shared) of co-occurring terms


def term_batch(site: Site, u: Urls, summaries: Summaries, t: Term) -> Batch:
    """A term's pages, read from the term (its statements) and the terms it co-occurs with."""
    together = tuple((o.kind, o.key, o.name, n) for o, n in site.cooccurring.get((t.kind, t.key), ()))
    return Batch(f"{t.kind}/{t.key}", (t, together), term_stands_for, lambda r: one_term(site, u, summaries, *r))


def term_stands_for(reads: tuple[Term, Together], digest: Callable[[Statement], bytes]) -> object:
    t, together = reads
    return t.kind, t.key, t.name, statement_digests(t.statements, digest), together


def term_index(site: Site, u: Urls, kind: str) -> Page:
    links = tuple(Link(term_label(kind, t.key, t.name), u.href(urls.term(kind, t.key)), len(t.statements))
                  for t in site.terms[kind])
    return page(site, u, urls.term_index(kind), "terms.html", KIND_LABELS[kind], links=links,
                kind_label=KIND_LABELS[kind])


def one_term(site: Site, u: Urls, summaries: Summaries, t: Term, others: Together) -> list[Page]:
    label = term_label(t.kind, t.key, t.name)
    feed_path = urls.term_feed(t.kind, t.key)
    together = tuple(Link(term_label(kind, key, name), u.href(urls.term(kind, key)), n, KIND_SINGULAR[kind])
                     for kind, key, name, n in others)
    listing = paginate(site, u, summaries, urls.term(t.kind, t.key), t.statements, "list.html", label,
                       heading=label, kicker=KIND_SINGULAR[t.kind], feed_href=u.href(feed_path),
                       chart=year_chart(year_counts(t)), together=together,
                       description=f"{len(t.statements)} statements on {label} in {site.config.title}.")
    feed = page(site, u, feed_path, "atom.xml", label,
                feed=feed_view(site, u, t.statements, f"{site.config.title}: {label}", urls.term(t.kind, t.key), feed_path,
                               full=False))
    return listing + [feed]


def date_groups(site: Site, u: Urls, summaries: Summaries) -> list[PageGroup]:
    """The archive grid, then a batch a year (its year, month and day pages)."""
    groups = [group("dates", lambda: [archive_page(site, u)], u)]
    groups += [group("dates", lambda y=y: [Batch(f"year/{y.year}", y, year_stands_for,  # type: ignore[misc]
                                                 partial(year_pages, site, u, summaries))], u) for y in site.years]
    return groups


def year_stands_for(y: Year, digest: Callable[[Statement], bytes]) -> object:
    """The year and its statements: its months and days are made from those alone (``site.index_dates``)."""
    return y.year, statement_digests(y.statements, digest)


def archive_page(site: Site, u: Urls) -> Page:
    grid = tuple((Link(str(y.year), u.href(urls.year(y.year)), len(y.statements)),
                  tuple(month_cell(u, y.year, m, {mo.month: len(mo.statements) for mo in y.months}) for m in range(1, 13)))
                 for y in site.years)
    return page(site, u, urls.ARCHIVE, "archive.html", "Archive", grid=grid, total=len(site.statements))


def year_pages(site: Site, u: Urls, summaries: Summaries, y: Year) -> list[Page]:
    months = tuple(Link(month_text(y.year, mo.month), u.href(urls.month(y.year, mo.month)), len(mo.statements))
                   for mo in y.months)
    pages = paginate(site, u, summaries, urls.year(y.year), y.statements, "list.html", f"Statements of {y.year}",
                     heading=f"Statements of {y.year}", months=months, up=Link("Archive", u.href(urls.ARCHIVE)))
    for mo in y.months:
        pages += month_pages(site, u, summaries, y.year, mo)
    return pages


def month_pages(site: Site, u: Urls, summaries: Summaries, year: int, mo: Month) -> list[Page]:
    name = month_text(year, mo.month)
    days = tuple(Link(date_text(d.date), u.href(urls.day(year, d.date.month, d.date.day)), len(d.statements))
                 for d in mo.days)
    pages = paginate(site, u, summaries, urls.month(year, mo.month), mo.statements, "list.html",
                     f"Statements of {name}", heading=f"Statements of {name}", months=days,
                     up=Link(str(year), u.href(urls.year(year))))
    for d in mo.days:
        pages += paginate(site, u, summaries, urls.day(year, d.date.month, d.date.day), d.statements, "list.html",
                          f"Statements of {date_text(d.date)}", heading=f"Statements of {date_text(d.date)}",
                          up=Link(name, u.href(urls.month(year, d.date.month))))
    return pages


def month_cell(u: Urls, year: int, month: int, counts: dict[int, int]) -> Link:
    label = month_text(year, month)[:3]
    count = counts.get(month, 0)
    return Link(label, u.href(urls.month(year, month)) if count else "", count, month_text(year, month))
