"""Pages stage, versions: a statement's history on its own page, one page per earlier wording (its text,
provenance and citation), and the list and Atom feed of every change of wording, newest first.

Views only: the differences were computed in the site stage (``builder.changes``)
and their HTML escapes every word (``builder.worddiff``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from builder import urls
from builder.changes import Change, seen_of
from builder.cite_view import cite_view
from builder.feeds import Entry, timestamp
from builder.model import Statement
from builder.pages import Page, PageGroup, group, page
from builder.site import Site
from builder.slotstate import quick_state
from builder.urls import Urls
from builder.views import Link, Pagination, seen_text, source_line, when
from builder.worddiff import diff_html


@quick_state
@dataclass(frozen=True, slots=True)
class Wording:
    """One version in a statement's list of versions."""

    number: int
    href: str
    seen: str  # as shown
    seen_iso: str
    here: bool  # the page showing this list is this version's


@quick_state
@dataclass(frozen=True, slots=True)
class ChangeView:
    """What changed from one version to the next: the changed paragraphs, marked, and the size."""

    number: int  # the newer version
    older: Link
    newer: Link
    seen: str
    seen_iso: str
    size: str
    html: Markup


def wording_path(s: Statement, number: int) -> str:
    """The page of version ``number``: the statement's own page for the current wording."""
    return urls.wording(s.slug, number, s.version)


def wording_href(u: Urls, s: Statement, number: int) -> str:
    return u.href(wording_path(s, number))


def wordings(u: Urls, s: Statement, here: int) -> tuple[Wording, ...]:
    return tuple(Wording(n, wording_href(u, s, n), seen_text(seen_of(s, n)), seen_of(s, n), n == here)
                 for n in range(1, s.version + 1))


def change_view(u: Urls, c: Change) -> ChangeView:
    s = c.statement
    return ChangeView(c.number, Link(f"version {c.number - 1}", wording_href(u, s, c.number - 1)),
                      Link(f"version {c.number}", wording_href(u, s, c.number)),
                      seen_text(c.seen), c.seen, c.diff.size, diff_html(c.diff))


def supersedes(n: int) -> str:
    """'version 1', 'versions 1 and 2', 'versions 1 to 4': the wordings version ``n + 1`` replaced."""
    return "version 1" if n == 1 else "versions 1 and 2" if n == 2 else f"versions 1 to {n}"


def history_view(u: Urls, s: Statement, changes: tuple[Change, ...]) -> dict[str, Any] | None:
    """The statement page's account of its versions (``changes``: its changes of wording, oldest first);
    None for a statement never changed."""
    if not s.versions:
        return None
    return {"count": s.version, "seen": seen_text(seen_of(s, s.version)), "seen_iso": seen_of(s, s.version),
            "supersedes": supersedes(len(s.versions)), "wordings": wordings(u, s, s.version),
            "changes": tuple(change_view(u, c) for c in changes),
            "previous": wording_href(u, s, s.version - 1)}


def version_groups(site: Site, u: Urls) -> list[PageGroup]:
    """The pages of earlier versions, then the changes list."""
    versioned = [s for s in site.statements if s.versions]
    return [group("versions", lambda: version_pages(site, u, versioned), u),
            group("changes", lambda: changes_pages(site, u), u)]


def version_pages(site: Site, u: Urls, statements: list[Statement]) -> list[Page]:
    return [version_page(site, u, s, n) for s in statements for n in range(1, s.version)]


def version_page(site: Site, u: Urls, s: Statement, number: int) -> Page:
    v = s.versions[number - 1]
    changes = site.history[s.id]  # changes[k - 2] leads from version k - 1 to version k
    view = {
        "number": number, "count": s.version, "title": s.title, "language": s.language, "id": s.id,
        "date_iso": s.date_iso, "date_text": when(s), "dateline": s.dateline, "source_line": source_line(s),
        "seen": seen_text(v.seen), "seen_iso": v.seen, "file": v.file, "sha256": v.sha256, "encoding": v.encoding,
        "original": u.href(urls.version_text(s.id, number)) if v.original else "", "body_html": v.body_html,
        "current": Link(s.title, u.href(urls.statement(s.slug))), "wordings": wordings(u, s, number),
        "previous": change_view(u, changes[number - 2]) if number > 1 else None,
        "next": change_view(u, changes[number - 1]), "cite": cite_view(u, s, site.config.title, number, site.citations),
    }
    title = f"{s.title} (version {number} of {s.version})"
    return page(site, u, urls.version(s.slug, number), "version.html", title,
                description=f"Version {number} of {s.version} of a statement of {when(s)}, as first published.", v=view)


@quick_state
@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One change of wording in the list of changes."""

    title: str
    href: str
    number: int
    seen: str
    seen_iso: str
    size: str
    date_text: str
    date_iso: str
    source_line: str
    language: str


def change_item(u: Urls, c: Change) -> ChangeItem:
    s = c.statement
    return ChangeItem(s.title, f"{wording_href(u, s, c.number)}#change-v{c.number}", c.number, seen_text(c.seen),
                      c.seen, c.diff.size, when(s), s.date_iso, source_line(s), s.language)


def changes_pages(site: Site, u: Urls) -> list[Page]:
    """changes/ (paginated, newest change first) and its Atom feed."""
    size = site.config.per_page
    count = max(1, -(-len(site.changes) // size))
    statements = len({c.statement.id for c in site.changes})
    out = []
    for n in range(1, count + 1):
        nav = Pagination(n, count, u.href(urls.paged(urls.CHANGES, n - 1)) if n > 1 else "",
                         u.href(urls.paged(urls.CHANGES, n + 1)) if n < count else "")
        items = tuple(change_item(u, c) for c in site.changes[(n - 1) * size:n * size])
        title = "Changes of wording" + ("" if n == 1 else f" (page {n} of {count})")
        out.append(page(site, u, urls.paged(urls.CHANGES, n), "changes.html", title, items=items, pagination=nav,
                        total=len(site.changes), statements=statements, feed_href=u.href(urls.CHANGES_FEED),
                        description=f"Statements whose wording changed after publication, in {site.config.title}."))
    out.append(page(site, u, urls.CHANGES_FEED, "atom.xml", "Changes of wording", feed=changes_feed(site, u)))
    return out


def atom_time(c: Change) -> str:
    """An Atom date-time for a change: when its version was seen (the statement's date when unknown)."""
    if len(c.seen) == 10:
        return f"{c.seen}T00:00:00Z"
    return c.seen.replace("+00:00", "Z") if c.seen else timestamp(c.statement)


def change_entry(site: Site, u: Urls, c: Change) -> Entry:
    """A change as an Atom entry: it links to the page of the version it made, and holds the marked differences."""
    s = c.statement
    return Entry(f"{s.title} (version {c.number})", u.absolute(wording_path(s, c.number)),
                 f"urn:statement-archive:{s.id}:v{c.number}", atom_time(c),
                 f"Version {c.number}, seen {seen_text(c.seen)}: {c.diff.size}.", str(diff_html(c.diff)),
                 s.issuer or ", ".join(s.agencies) or site.config.title, s.tags)


def changes_feed(site: Site, u: Urls) -> dict[str, Any]:
    """The newest ``feed_size`` changes as an Atom feed."""
    entries = tuple(change_entry(site, u, c) for c in site.changes[:site.config.feed_size])
    return {"title": f"{site.config.title}: changes of wording", "id": u.absolute(urls.CHANGES_FEED),
            "self": u.absolute(urls.CHANGES_FEED), "alternate": u.absolute(urls.CHANGES),
            "updated": entries[0].updated if entries else "1970-01-01T00:00:00Z",
            "author": site.config.title, "entries": entries, "source_line": source_line}
