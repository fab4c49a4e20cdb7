"""Pages stage: ``Site`` → groups of ``Page`` (output path, template, context).

Nothing is rendered here and nothing is computed in templates: each context
holds view objects. ``page_groups`` reads as a table of contents of the site;
``builder.plan.plan_site`` plans every group, the group's name naming where a
page came from in its errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from builder import urls
from builder.about import markdown_html
from builder.budget import human
from builder.config import DEFAULT_CONFIG
from builder.data import CSV_COLUMNS, VERSION_COLUMNS
from builder.feeds import feed_view, robots_txt, sitemap_entries
from builder.model import Statement
from builder.search import shard_years
from builder.site import Site
from builder.sitemap import index_entries, sitemap_files
from builder.slotstate import quick_state
from builder.urls import Urls
from builder.views import Link, Pagination, Summary, chrome, summary, when


@quick_state
@dataclass(frozen=True, slots=True)
class Page:
    path: str  # URL path relative to the site root; '' is the home page
    template: str
    context: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Deferred:
    """A page planned by what it is made of: ``make(reads)`` is the page, made only when the plan needs its
    context (``builder.plan``). ``make`` reads ``reads`` and the configuration, nothing else, so a page whose
    ``reads`` pickle alike (with the same templates, configuration and code) is the same page."""

    path: str
    template: str
    reads: Any
    lastmod: str  # the sitemap's, as ``sitemap_entry`` would find it in the context
    make: Callable[[Any], Page]
    # a value equal for equal ``reads``, statements in it given by ``digest(statement)`` (see ``Batch``);
    # None: the reads themselves
    stands_for: Callable[[Any, Callable[[Statement], bytes]], Any] | None = None

    def made(self) -> Page:
        return self.make(self.reads)


@dataclass(frozen=True, slots=True)
class Batch:
    """Pages planned together by what they are made of (a term's list pages and feed; a year's pages with its
    months' and days'): ``make(reads)`` gives them all, and reads ``reads``, the configuration and this
    plan's summaries, nothing else, and of a statement only what ``views.listed`` holds. ``stands_for(reads,
    listed)`` is a value equal for equal ``reads``, each statement in it given by ``listed(statement)`` (a hash
    of what ``views.listed`` holds): cheap to pickle where the statements are not. ``builder.plan`` keeps a
    batch's fingerprints by it (``builder.plan_memo``)."""

    name: str  # unique in the plan: 'country/am', 'year/2013'
    reads: Any
    stands_for: Callable[[Any, Callable[[Statement], bytes]], Any]
    make: Callable[[Any], list[Page]]

    def made(self) -> list[Page]:
        return self.make(self.reads)


@dataclass(frozen=True, slots=True)
class PageGroup:
    """Some pages of one part of the site, planned one at a time as ``plan()`` is iterated."""

    name: str
    plan: Callable[[], Iterator[Page | Deferred | Batch]]


def page_groups(site: Site) -> list[PageGroup]:
    """Every page of the site but the sitemap, in groups; reads as a table of contents."""
    from builder.index_pages import date_groups, term_groups
    from builder.statement_pages import statement_groups
    from builder.version_pages import version_groups
    u = urls_of(site)
    summaries: Summaries = {}
    groups = [group("home", lambda: [home_batch(site, u, summaries)], u)]
    groups += statement_groups(site, u) + version_groups(site, u)
    groups += term_groups(site, u, summaries) + date_groups(site, u, summaries)
    groups.append(group("pages", lambda: other_pages(site, u), u))
    return groups


def group(name: str, plan: Callable[[], Iterable[Page | Deferred | Batch]], u: Urls) -> PageGroup:
    return PageGroup(name, lambda: (finished(p, u) for p in plan()))


def finished(p: Page | Deferred | Batch, u: Urls) -> Page | Deferred | Batch:
    if isinstance(p, Page):
        return finish(p, u)
    if isinstance(p, Batch):
        return Batch(p.name, p.reads, p.stands_for, lambda reads, make=p.make: [finish(q, u) for q in make(reads)])
    return Deferred(p.path, p.template, p.reads, p.lastmod, lambda reads, make=p.make: finish(make(reads), u),
                    p.stands_for)


def other_pages(site: Site, u: Urls) -> list[Page]:
    pages = about_page(site, u)  # the Data page is made with the data downloads, once their sizes are known
    if site.config.search:
        pages.append(page(site, u, urls.SEARCH, "search.html", "Search", search=search_view(site, u)))
    pages.append(page(site, u, urls.FEED, "atom.xml", site.config.title,
                      feed=feed_view(site, u, site.statements, site.config.title, urls.home(), urls.FEED)))
    pages.append(page(site, u, "404.html", "404.html", "Page not found", noindex=True))
    pages.append(page(site, u, "robots.txt", "robots.txt", "robots", text=robots_txt(u)))
    return pages


def sitemap_entry(p: Page | Deferred) -> tuple[str, str] | None:
    """(URL path, lastmod) for a page the sitemap lists: HTML, not the 404 page or a redirect."""
    if not p.template.endswith(".html") or p.template in ("404.html", "redirect.html"):
        return None
    if isinstance(p, Deferred):
        return p.path, p.lastmod
    return p.path, p.context["s"]["date_iso"] if p.template == "statement.html" else ""


def sitemap_pages(site: Site, entries: list[tuple[str, str]]) -> list[Page]:
    """``sitemap.xml``; or, when one file cannot hold every page, it as an index and its parts after it."""
    u = urls_of(site)
    files = sitemap_files(sitemap_entries(entries, u))
    pages = [page(site, u, f.path, "sitemap.xml", "Sitemap", entries=f.entries) for f in files]
    if len(files) > 1:
        pages.insert(0, page(site, u, urls.SITEMAP, "sitemapindex.xml", "Sitemap index",
                             entries=index_entries(files, u)))
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


def paginate(site: Site, u: Urls, summaries: Summaries, path: str, statements: tuple[Statement, ...],
             template: str, title: str, **context: Any) -> list[Page]:
    """One page per ``per_page`` statements: path/, path/page/2/, …"""
    size = site.config.per_page
    count = max(1, -(-len(statements) // size))
    out = []
    for n in range(1, count + 1):
        items = tuple(summary_of(summaries, s, u, site.config.language) for s in statements[(n - 1) * size:n * size])
        nav = Pagination(n, count, u.href(urls.paged(path, n - 1)) if n > 1 else "",
                         u.href(urls.paged(path, n + 1)) if n < count else "")
        shown = title if n == 1 else f"{title} (page {n} of {count})"
        out.append(page(site, u, urls.paged(path, n), template, shown, items=items, pagination=nav,
                        total=len(statements), **context))
    return out


Summaries = dict[str, Summary]  # id → list entry, shared by every list of one plan that shows it


def summary_of(summaries: Summaries, s: Statement, u: Urls, site_language: str) -> Summary:
    """One Summary per statement per plan, however many lists show it (time and memory)."""
    found = summaries.get(s.id)
    if found is None:
        found = summaries[s.id] = summary(s, u, site_language)
    return found


def statement_digests(reads: tuple[Statement, ...], digest: Callable[[Statement], bytes]) -> tuple[bytes, ...]:
    return tuple(map(digest, reads))


def home_batch(site: Site, u: Urls, summaries: Summaries) -> Batch:
    """The home pages, read from the statements and what the first page says about the archive."""
    return Batch("home", (site.statements, home_view(site, u)), lambda r, digest: (statement_digests(r[0], digest), r[1]),
                 lambda r: home_pages(site, u, summaries, *r))


def home_pages(site: Site, u: Urls, summaries: Summaries, statements: tuple[Statement, ...],
               home: dict[str, Any]) -> list[Page]:
    """The latest statements, paginated; the first page also introduces the archive."""
    first, *rest = paginate(site, u, summaries, urls.home(), statements, "list.html", site.config.title,
                            heading="Latest statements", feed_href=u.href(urls.FEED))
    return [Page(first.path, first.template, {**first.context, "home": home}), *rest]


def home_view(site: Site, u: Urls) -> dict[str, Any]:
    """What the home page says about the archive: the introduction, a search box, what it holds and
    the span of its dates."""
    config = site.config
    intro = markdown_html(config.intro, DEFAULT_CONFIG, field="intro") if config.intro else ""
    kinds = (("country", "countries"), ("person", "people"), ("organization", "organizations"), ("tag", "topics"))
    counts = tuple(Link(plural(len(site.terms[kind]), noun), u.href(urls.term_index(kind)))
                   for kind, noun in kinds if site.terms.get(kind))
    newest, oldest = (site.statements[0], site.statements[-1]) if site.statements else (None, None)
    return {"intro": Markup(intro), "description": config.description, "counts": counts,
            "total": plural(len(site.statements), "statements"), "archive": u.href(urls.ARCHIVE),
            "search": u.href(urls.SEARCH) if config.search else "",
            "oldest": Link(when(oldest), oldest.date_iso) if oldest else None,
            "newest": Link(when(newest), newest.date_iso) if newest else None,
            "about": Link(site.about.title, u.href(urls.ABOUT)) if site.about else None}


def plural(n: int, noun: str) -> str:
    """'1 statement', '3 statements', '1 person', '2 people' (``noun`` is the plural)."""
    singular = {"people": "person", "countries": "country", "statements": "statement", "topics": "topic",
                "organizations": "organization"}
    return f"{n:,} {noun if n != 1 else singular[noun]}"


def about_page(site: Site, u: Urls) -> list[Page]:
    """The about page, from content/about.md, when there is one."""
    if site.about is None:
        return []
    return [page(site, u, urls.ABOUT, "about.html", site.about.title, about=Markup(site.about.html))]


DATA_FILES = (  # the whole-archive downloads the Data page lists, each gzip-compressed but the manifest
    ("statements.jsonl.gz", urls.DATA_JSONL, "one JSON record per line, oldest first"),
    ("statements.csv.gz", urls.DATA_CSV, "the same records as CSV (UTF-8, lists joined by '; ')"),
    ("versions.csv.gz", urls.DATA_VERSIONS_CSV, "every version of each statement whose wording changed, one row a version"),
    ("index.json", urls.DATA_INDEX, "manifest: counts, and size and SHA-256 of every data file"))
CITATION_FILES = (("citations.bib.gz", urls.DATA_CITATIONS["bib"], "BibTeX"),
                  ("citations.ris.gz", urls.DATA_CITATIONS["ris"], "RIS"),
                  ("citations.csl.json.gz", urls.DATA_CITATIONS["csl.json"], "CSL-JSON, one array"))


def data_page(site: Site, sizes: dict[str, int]) -> Page:
    """The Data page, listing the whole-archive files with their sizes (output path → bytes): made by the
    job that writes them."""
    u = urls_of(site)
    return finish(page(site, u, urls.DATA_PAGE, "data.html", "Data downloads", data=data_view(site, u, sizes)), u)


def data_view(site: Site, u: Urls, sizes: dict[str, int]) -> dict[str, Any]:
    def listed(files: tuple[tuple[str, str, str], ...]) -> tuple[dict[str, str], ...]:
        return tuple({"label": name, "href": u.href(path), "note": note, "size": human(sizes.get(path, 0))}
                     for name, path, note in files)
    return {"files": listed(DATA_FILES), "citations": listed(CITATION_FILES), "count": len(site.statements),
            "columns": CSV_COLUMNS, "version_columns": VERSION_COLUMNS}


def search_view(site: Site, u: Urls) -> dict[str, str]:
    """The search page's own script, and the Pagefind shards it loads, newest (its primary) first."""
    shards = shard_years(s.date.year for s in site.statements)
    return {"bundles": " ".join(u.href(urls.search_shard(year)) for year in shards), "script": u.href(urls.SEARCH_SCRIPT)}


def chrome_for(site: Site) -> Any:
    return chrome(site.config.title, site.config.language, urls_of(site), site.config.search, site.about is not None)
