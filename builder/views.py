"""Pages stage, part 1: small view objects that templates receive instead of the model.

Every href and formatted date is computed here, so templates only print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pycountry

from builder import urls
from builder.countries import country_name
from builder.model import Statement
from builder.slotstate import quick_state
from builder.urls import Urls

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
LEAD_EXCERPT = 160  # characters of a lead that a list shows under the title
KIND_LABELS = {"country": "Countries", "person": "People", "organization": "Organizations", "tag": "Topics"}
KIND_SINGULAR = {"country": "Country", "person": "Person", "organization": "Organization", "tag": "Topic"}


@quick_state
@dataclass(frozen=True, slots=True)
class Link:
    label: str
    href: str
    count: int = 0
    note: str = ""


@quick_state
@dataclass(frozen=True, slots=True)
class Summary:
    """A statement as it appears in a list."""

    title: str
    href: str
    date_iso: str
    date_text: str
    dateline: str
    source_line: str
    lead: str  # an excerpt of the lead (``lead_excerpt``), '' when it repeats the title
    language: str  # '' when it is the site's language


@quick_state
@dataclass(frozen=True, slots=True)
class Pagination:
    page: int
    pages: int
    newer: str  # href of the page with newer statements, or ''
    older: str


@quick_state
@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page's frame needs: site name, navigation, assets."""

    site_title: str
    language: str
    home: str
    stylesheet: str
    favicon: str
    feed: str
    archive: str
    search: str
    nav: tuple[Link, ...]


def date_text(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def when(s: Statement) -> str:
    """A statement's date as shown: '30 January 2023', or 'November 2020' when only the month is known."""
    return date_text(s.date) if s.precision == "day" else month_text(s.date.year, s.date.month)


def seen_text(seen: str) -> str:
    """When a wording was seen, as shown: '27 November 2026, 00:39 UTC', a day alone when only the day was
    recorded, or 'time not recorded'."""
    if not seen:
        return "time not recorded"
    if len(seen) == 10:
        return date_text(dt.date.fromisoformat(seen))
    when = dt.datetime.fromisoformat(seen).astimezone(dt.timezone.utc)
    return f"{date_text(when.date())}, {when:%H:%M} UTC"


def month_text(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def iso_text(iso: str) -> str:
    """'2020-11-09' → '9 November 2020'; '2022-01' → 'January 2022'."""
    if len(iso) == 7:
        return month_text(int(iso[:4]), int(iso[5:]))
    return date_text(dt.date.fromisoformat(iso))


def language_name(code: str) -> str:
    """'en' → 'English (en)': ISO 639's name, or the code alone when it names no language."""
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return f"{found.name} ({code})" if found else code


def source_line(s: Statement) -> str:
    """'Russian Foreign Ministry · statement · Artsakhpress, Armenpress'."""
    parts = [s.issuer, s.type, ", ".join(s.agencies)]
    return " · ".join(p for p in parts if p)


def listed(s: Statement) -> tuple[object, ...]:
    """All a list page reads of a statement: its ``summary``, its entry in a term's feed (``feed_view`` without
    the text), and the date its year, month and day pages and a term's chart place it by. The plan keys the
    list pages by a hash of this (``builder.digests.Listed``), so an edit of a statement's text alone leaves
    them planned as they were; ``tests/test_plan_memo.py`` changes each field of a statement in turn."""
    return s.id, s.slug, s.title, s.lead, s.date, s.precision, s.dateline, s.issuer, s.type, s.agencies, s.language, s.tags


def summary(s: Statement, u: Urls, site_language: str) -> Summary:
    """A statement in a list: its language only when it is not the site's (the page's own ``lang``)."""
    return Summary(s.title, u.href(urls.statement(s.slug)), s.date_iso, when(s), s.dateline, source_line(s),
                   lead_excerpt(s.title, s.lead), s.language if s.language != site_language else "")


def lead_excerpt(title: str, lead: str) -> str:
    """What a list shows under a title: the lead without the title it starts with ('…, the ministry said.'),
    cut at a word within ``LEAD_EXCERPT`` characters ('…'); '' when it adds nothing to the title. The
    statement's page shows the lead whole."""
    rest = lead
    if lead.startswith(title):
        rest = lead[len(title):].strip()
        if not rest.strip(" .,;:…"):
            return ""
        rest = "…" + rest
    if len(rest) > LEAD_EXCERPT:
        rest = rest[:LEAD_EXCERPT].rsplit(None, 1)[0].rstrip(",;:") + "…"
    return rest


def chrome(site_title: str, language: str, u: Urls, search: bool = True, about: bool = False) -> Chrome:
    """The frame of every page; without a search index there is no Search link, without an about page
    no About link."""
    search_link = (Link("Search", u.href(urls.SEARCH)),) if search else ()
    about_link = (Link("About", u.href(urls.ABOUT)),) if about else ()
    nav = (Link("Latest", u.href(urls.home())), *search_link, Link("Archive", u.href(urls.ARCHIVE)),
           Link("Changes", u.href(urls.CHANGES)),
           Link("Countries", u.href(urls.term_index("country"))),
           Link("People", u.href(urls.term_index("person"))),
           Link("Organizations", u.href(urls.term_index("organization"))),
           Link("Topics", u.href(urls.term_index("tag"))), Link("Data", u.href(urls.DATA_PAGE)), *about_link)
    return Chrome(site_title, language, u.href(urls.home()), u.href(urls.STYLESHEET),
                  u.href(urls.FAVICON), u.href(urls.FEED), u.href(urls.ARCHIVE), u.href(urls.SEARCH) if search else "", nav)


def term_label(kind: str, key: str, name: str) -> str:
    return f"{name} ({key.upper()})" if kind == "country" else name


def countries_text(codes: tuple[str, ...]) -> str:
    return ", ".join(country_name(c) for c in codes)
