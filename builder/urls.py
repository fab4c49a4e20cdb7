"""Every URL and output path, in one place. The GitHub Pages base path lives here.

URLs are written relative to the site root ('statements/x/'); ``href`` adds the
base path ('/archive/statements/x/'), ``absolute`` the whole base URL.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND_DIRS = {"tag": "tags", "country": "countries", "person": "people", "organization": "organizations"}


@dataclass(frozen=True, slots=True)
class Urls:
    base_url: str  # ends with '/'
    base_path: str  # '/' or '/archive/'

    def href(self, path: str) -> str:
        return self.base_path + path

    def absolute(self, path: str) -> str:
        return self.base_url + path


def paged(path: str, page: int) -> str:
    return path if page <= 1 else f"{path}page/{page}/"


def home(page: int = 1) -> str:
    return paged("", page)


def statement(slug: str) -> str:
    return f"statements/{slug}/"


def term_index(kind: str) -> str:
    return f"{KIND_DIRS[kind]}/"


def term(kind: str, key: str, page: int = 1) -> str:
    return paged(f"{KIND_DIRS[kind]}/{key}/", page)


def term_feed(kind: str, key: str) -> str:
    return f"{KIND_DIRS[kind]}/{key}/feed.xml"


def year(y: int) -> str:
    return f"{y:04d}/"


def month(y: int, m: int) -> str:
    return f"{y:04d}/{m:02d}/"


def day(y: int, m: int, d: int) -> str:
    return f"{y:04d}/{m:02d}/{d:02d}/"


def permalink(statement_id: str) -> str:
    """The short permanent URL of a statement: it redirects to the current slug."""
    return f"s/{statement_id}/"


def version(slug: str, number: int) -> str:
    """The page of an earlier wording of a statement (the current one is the statement's own page)."""
    return f"statements/{slug}/v{number}/"


def wording(slug: str, number: int, current: int) -> str:
    """The page of wording ``number`` of a statement whose current wording is ``current``: the statement's own
    page for that one, else the version's."""
    return statement(slug) if number == current else version(slug, number)


def version_permalink(statement_id: str, number: int) -> str:
    """The permanent URL of one wording: it redirects to that version's page, or to the statement while current."""
    return f"s/{statement_id}/v{number}/"


def version_text(statement_id: str, number: int) -> str:
    """The original bytes of an earlier wording."""
    return f"data/statements/{statement_id}.v{number}.txt"


def data_json(statement_id: str) -> str:
    return f"data/statements/{statement_id}.json"


def data_text(statement_id: str) -> str:
    return f"data/statements/{statement_id}.txt"


SEARCH = "search/"
ABOUT = "about/"
SEARCH_SCRIPT = "static/search.js"
PAGEFIND = "pagefind/"
DATA_PAGE = "data/"
DATA_JSONL = "data/statements.jsonl.gz"  # the whole-archive files are published gzip-compressed only
DATA_CSV = "data/statements.csv.gz"
DATA_INDEX = "data/index.json"
DATA_VERSIONS_CSV = "data/versions.csv.gz"
DATA_CITATIONS = {"bib": "data/citations.bib.gz", "ris": "data/citations.ris.gz",
                  "csl.json": "data/citations.csl.json.gz"}  # every statement's current wording, one file a format
CHANGES = "changes/"
CHANGES_FEED = "changes/feed.xml"
CITE_SCRIPT = "static/cite.js"
ARCHIVE = "archive/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
SITEMAP_PARTS = "sitemaps/"  # the parts of a sitemap index, when one sitemap file cannot hold every page
STYLESHEET = "static/style.css"
FAVICON = "static/favicon.svg"


def sitemap_part(number: int) -> str:
    return f"{SITEMAP_PARTS}sitemap-{number}.xml"


def output_file(path: str) -> str:
    """The file a URL path is written to: 'a/b/' → 'a/b/index.html'."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def search_shard(year: int) -> str:
    """One year's Pagefind bundle (a shard of the search index)."""
    return f"{PAGEFIND}{year}/"
