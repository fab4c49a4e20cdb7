"""Pages stage, statements: each statement's page view, its citations, related
statements, linked date references, and the redirect pages that lead to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from builder import urls
from builder.changes import Change
from builder.cite import wording
from builder.cite_view import cite_view
from builder.datephrases import DATE_PHRASE, match_iso, mentioned_dates
from builder.markup import resanitise
from builder.model import Statement
from builder.pages import Batch, Deferred, Page, PageGroup, group, page
from builder.site import Site
from builder.slotstate import quick_state
from builder.urls import Urls
from builder.version_pages import history_view
from builder.views import (KIND_LABELS, Link, iso_text, language_name, month_text, seen_text, source_line,
                           term_label, when)

TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def statement_groups(site: Site, u: Urls) -> list[PageGroup]:
    """Statement pages, then their redirects."""
    return [group("statements", lambda: statement_plans(site, u), u),
            group("redirects", lambda: redirect_batches(site, u), u)]


def statement_pages(site: Site, u: Urls, statements: tuple[Statement, ...]) -> Iterator[Page]:
    """One page a statement, made as it is asked for (the plan hands each on to be rendered)."""
    return (statement_page(site, u, statement_reads(site, u, s)) for s in statements)


def statement_plans(site: Site, u: Urls) -> Iterator[Deferred]:
    """What the plan gets for the statement pages: each page's reads, its context made only if it must be
    (``builder.plan``: a page whose reads are those of the last plan keeps its fingerprint)."""
    make = partial(statement_page, site, u, link=linked_once(u))
    return (Deferred(urls.statement(s.slug), "statement.html", statement_reads(site, u, s), s.date_iso, make,
                     reads_stand_for) for s in site.statements)


def reads_stand_for(r: StatementReads, digest: Callable[[Statement], bytes]) -> object:
    """The reads' fields in order, each statement in them (its own, its neighbours', the related ones) as its
    digest, and the citation as whether there is one: its entries are a function of the statement's record,
    made from the statement (in the key by its digest) and the site's addresses and title, formatted by code
    and libraries the plan's render key covers (``builder.plan.RENDER_LIBRARIES``). A list, not a
    ``StatementReads``: pickling 10,000 of them took 0.21 s instead of 0.50 s (a copy made with ``replace``,
    and pickled as an object of its class without pickle's memo; in one process, 2 cores); with the other
    statements and the citation standing so, 0.06 s instead of 0.25 s (0.55 KB a page instead of 2.3 KB)."""
    state = r.__getstate__()
    state[0:3] = digest(r.s), r.older and digest(r.older), r.newer and digest(r.newer)
    state[4] = tuple(map(digest, r.related))
    state[7] = r.citation is not None
    return state


def linked_once(u: Urls) -> Callable[[Statement | None], Link | None]:
    """``statement_link``, made once a statement for one plan (each is linked from about seven pages:
    its neighbours' and related statements')."""
    links: dict[str, Link] = {}

    def link(other: Statement | None) -> Link | None:
        if other is None:
            return None
        found = links.get(other.id)
        if found is None:
            found = links[other.id] = statement_link(u, other)  # type: ignore[assignment]
        return found
    return link


def statement_page(site: Site, u: Urls, r: StatementReads,
                   link: Callable[[Statement | None], Link | None] | None = None) -> Page:
    """``link``: how another statement is linked (default ``statement_link``)."""
    s = r.s
    return page(site, u, urls.statement(s.slug), "statement.html", s.title, description=s.lead or s.title,
                s=statement_view(u, r, link or partial(statement_link, u)))


@quick_state
@dataclass(frozen=True, slots=True)
class StatementReads:
    """All a statement's page is made of: the statement, and what its page shows from the rest of the
    ``Site``. ``statement_view`` reads nothing else (it is given no ``Site``), so two plans with equal reads
    (and templates, configuration and code) make the page alike."""

    s: Statement
    older: Statement | None  # its neighbours in time, and the related statements: the page links each
    newer: Statement | None  # by its title, address and date
    terms: tuple[tuple[str, str, str], ...]  # (kind, key, name), in page order
    related: tuple[Statement, ...]
    copies: dict[str, Any] | None
    changes: tuple[Change, ...]  # its changes of wording, oldest first
    citation: tuple[Markup, Markup] | None  # (Chicago, APA) of the current wording, when formatted already
    dated: Dated
    site_title: str


@quick_state
@dataclass(frozen=True, slots=True)
class Dated:
    """Of the dates and months a page mentions, those the archive has a page for (ISO, sorted)."""

    days: tuple[str, ...]
    months: tuple[str, ...]

    def href(self, ref: str, u: Urls) -> str:
        """The day (or month) page of a mentioned date, when the archive holds statements then; else ''."""
        if len(ref) == 10 and ref in self.days:
            y, m, d = map(int, ref.split("-"))
            return u.href(urls.day(y, m, d))
        if len(ref) == 7 and ref in self.months:
            y, m = map(int, ref.split("-"))
            return u.href(urls.month(y, m))
        return ""


def statement_reads(site: Site, u: Urls, s: Statement) -> StatementReads:
    """What ``s``'s page shows."""
    older, newer = site.neighbours[s.id]
    return StatementReads(
        s, older, newer, tuple(site.statement_terms(s)), tuple(site.related.get(s.id, ())),
        copies_view(site, u, s), site.history.get(s.id, ()), site.citations.get(wording(s)),
        dated_pages(site, s), site.config.title)


def statement_link(u: Urls, other: Statement | None) -> Link | None:
    """Another statement as its page links it (title, date); None for no statement."""
    return Link(other.title, u.href(urls.statement(other.slug)), note=when(other)) if other else None


def dated_pages(site: Site, s: Statement) -> Dated:
    """Which of the dates ``s`` mentions (in its text, a superset of those ``link_dates`` links, and its
    references) have a day page, and which of the months it refers to have a month page."""
    mentioned = set(s.mentioned if s.mentioned is not None else mentioned_dates(s.body_html)) if site.days else set()
    mentioned.update(ref for ref in s.references if len(ref) == 10)
    return Dated(tuple(sorted(d for d in mentioned if d in site.days)),
                 tuple(sorted(ref for ref in s.references if len(ref) == 7 and ref in site.months)))


def statement_view(u: Urls, r: StatementReads, link: Callable[[Statement | None], Link | None]) -> dict[str, Any]:
    s = r.s
    entities: dict[str, list[Link]] = {}
    filters: list[tuple[str, str]] = [("type", s.type), ("year", str(s.date.year)), ("date", s.date_iso)]
    filters += [("agency", a) for a in s.agencies]
    for kind, key, name in r.terms:
        entities.setdefault(KIND_LABELS[kind], []).append(Link(term_label(kind, key, name), u.href(urls.term(kind, key))))
        if kind != "tag":
            filters.append((kind, term_label(kind, key, name)))
    formatted = {wording(s): r.citation} if r.citation else None
    return {
        "title": s.title, "lead": s.lead, "date_iso": s.date_iso, "date_text": when(s),
        "date": date_links(u, s), "dateline": s.dateline,
        "agencies": ", ".join(s.agencies), "issuer": s.issuer, "type": s.type, "language": s.language,
        "language_name": language_name(s.language),
        "body_html": link_dates(s.body_html, r.dated, u), "entities": entities, "source": s.source, "id": s.id,
        "ingested": ingested_view(s), "original_link": original_link(s), "original": u.href(urls.data_text(s.id)) if s.original else "",
        "source_line": source_line(s), "references": reference_links(s, r.dated, u), "tags": s.tags,
        "filters": tuple(filters), "search_meta": search_meta(s),
        "cite": cite_view(u, s, r.site_title, formatted=formatted), "copies": r.copies,
        "history": history_view(u, s, r.changes), "statement_permalink": u.absolute(urls.permalink(s.id)),
        "statement_permalink_href": u.href(urls.permalink(s.id)),
        "related": tuple(map(link, r.related)), "older": link(r.older), "newer": link(r.newer),
    }


def date_links(u: Urls, s: Statement) -> tuple[Link, ...]:
    """The statement's date, linked to its day page (its month page when only the month is known), then
    the wider pages it belongs to: its month and year, or its year."""
    d = s.date
    month = Link(month_text(d.year, d.month), u.href(urls.month(d.year, d.month)))
    year = Link(str(d.year), u.href(urls.year(d.year)))
    if s.precision == "month":
        return month, year
    return Link(when(s), u.href(urls.day(d.year, d.month, d.day))), month, year


def original_link(s: Statement) -> Link | None:
    """The link back to where the text was published: labelled with its publisher, else the address's host."""
    if not s.source.url:
        return None
    return Link(s.source.publisher or urlsplit(s.source.url).hostname or s.source.url, s.source.url)


def ingested_view(s: Statement) -> Link | None:
    """When ingest first saw the text, readable ('27 November 2026, 00:39 UTC', the ISO time as ``href``
    for <time datetime>); for a raw text in the content folder, ingested at every build, a note; else None."""
    if s.source.ingested:
        return Link(seen_text(s.source.ingested), s.source.ingested)
    if s.path.endswith(".txt"):
        return Link("at build time, from the raw text in the content folder", "")
    return None


def search_meta(s: Statement) -> tuple[tuple[str, str], ...]:
    """What a search result shows besides the title (the page's h1) and the excerpt: Pagefind metadata."""
    meta = {"date": when(s), "dateline": s.dateline, "type": s.type, "issuer": s.issuer,
            "agencies": ", ".join(s.agencies), "language": s.language}
    return tuple((key, value) for key, value in meta.items() if value)


def copies_view(site: Site, u: Urls, s: Statement) -> dict[str, Any] | None:
    """Syndicated copies: the other reports of the same text, and which one is canonical."""
    group = site.syndicated.get(s.id)
    if group is None:
        return None
    others = tuple(Link(", ".join(o.agencies) or o.title, u.href(urls.statement(o.slug)),
                        note="canonical copy" if group.is_canonical(o) else when(o)) for o in group.others)
    return {"canonical": group.is_canonical(s), "others": others}


def reference_links(s: Statement, dated: Dated, u: Urls) -> tuple[Link, ...]:
    """Each date the text refers to, readable ('9 November 2020'), its ISO form as ``note``."""
    return tuple(Link(iso_text(ref), dated.href(ref, u), note=ref) for ref in s.references)


def link_dates(html: str, dated: Dated, u: Urls) -> str:
    """Wrap '9 November 2020' in a link to that day when the archive holds statements of that day.

    A regular expression over HTML: the result is sanitised again (``resanitise``)
    whenever it linked something, so a date phrase where the split went wrong
    (inside an attribute, say) can never turn text into markup."""
    if not dated.days:
        return html
    parts = TAG_OR_TEXT.split(html)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            inside_link = part.startswith("<a ") or (inside_link and not part.startswith("</a"))
        elif not inside_link:
            parts[i] = DATE_PHRASE.sub(lambda m: date_link(m, dated, u), part)
    linked = "".join(parts)
    return html if linked == html else resanitise(linked)


def date_link(m: re.Match[str], dated: Dated, u: Urls) -> str:
    iso = match_iso(m)
    if iso not in dated.days:
        return m.group(0)
    return f'<a class="dateref" href="{dated.href(iso, u)}">{m.group(0)}</a>'


@quick_state
@dataclass(frozen=True, slots=True)
class Redirected:
    """All a statement's redirect pages read of it (``redirect_pages`` is given nothing else)."""

    id: str
    slug: str
    title: str
    description: str  # the lead, else the title
    aliases: tuple[str, ...]
    wordings: int  # its versions' number when its wording changed (a /s/<id>/v<n>/ page each), else 0

    @classmethod
    def of(cls, s: Statement) -> Redirected:
        return cls(s.id, s.slug, s.title, s.lead or s.title, s.aliases, s.version if s.versions else 0)


def redirect_batches(site: Site, u: Urls) -> Iterator[Batch]:
    """The redirect pages, a batch a year of statements (in the statements' order), planned by what they read.

    Planned one by one, the 10,000-statement benchmark's 10,000 redirect pages were each made and
    fingerprinted at every build; as batches, the plan memo gives an unchanged year's fingerprints from one
    key of its ``Redirected`` tuple: planning the whole site with the memo took 0.87-0.99 s instead of
    0.95-1.10 s (medians of five plans, three runs alternated with the code before, in one process)."""
    years: dict[int, list[Redirected]] = {}
    for s in site.statements:
        years.setdefault(s.date.year, []).append(Redirected.of(s))
    for year, reads in years.items():
        yield Batch(f"redirects/{year}", tuple(reads), same_reads, partial(redirect_pages, site, u))


def same_reads(reads: object, digest: Callable[[Statement], bytes]) -> object:
    """What a batch of no statements stands for: its reads themselves."""
    return reads


def redirect_pages(site: Site, u: Urls, statements: tuple[Redirected, ...]) -> list[Page]:
    """/s/<id>/, every earlier slug, and /s/<id>/v<n>/ of each wording lead to their page (static meta refresh)."""
    out = []
    for s in statements:
        target = Link(s.title, u.absolute(urls.statement(s.slug)))
        for path in (urls.permalink(s.id), *(urls.statement(a) for a in s.aliases)):
            out.append(page(site, u, path, "redirect.html", s.title, target=target, description=s.description))
        for n in range(1, s.wordings + 1):
            wording = Link(f"{s.title} (version {n})", u.absolute(urls.wording(s.slug, n, s.wordings)))
            out.append(page(site, u, urls.version_permalink(s.id, n), "redirect.html", wording.label, target=wording,
                            description=s.description))
    return out
