"""Pages stage, citations: one wording of a statement → the view of its citation block (formatted
citations, downloads, the record ``static/cite.js`` makes BibTeX, RIS and CSL-JSON from, meta tags),
shared by statement pages and the pages of earlier versions."""

from __future__ import annotations

from typing import Any

from builder import urls
from markupsafe import Markup

from builder.cite import apa, chicago, citation_record, cite_context, highwire, json_ld, wording
from builder.model import Statement
from builder.urls import Urls
from builder.views import Link


def cite_view(u: Urls, s: Statement, site_title: str, number: int = 0,
              formatted: dict[tuple[str, int], tuple[Markup, Markup]] | None = None) -> dict[str, Any]:
    """Version ``number`` (default: the current wording) cited by its permanent link, with its downloads;
    Chicago and APA from ``formatted`` (``Site.citations``) when it has them."""
    number = number or s.version
    current = number == s.version
    c = cite_context(s, u, site_title, number)
    entries = (formatted or {}).get(wording(s, number)) or (chicago(s, c), apa(s, c))
    downloads = (Link("JSON record", u.href(urls.data_json(s.id)), note="json"),)
    original = s.original if current else s.versions[number - 1].original
    if original:  # the original bytes, when they are kept: never text rebuilt from the body
        text = urls.data_text(s.id) if current else urls.version_text(s.id, number)
        downloads += (Link("Original text", u.href(text), note="txt"),)
    page = urls.statement(s.slug) if current else urls.version(s.slug, number)
    short = urls.version_permalink(s.id, number) if s.versions else urls.permalink(s.id)
    file = s.id if current else f"{s.id}.v{number}"
    return {"permalink": c.permalink, "permalink_href": u.href(short),
            "chicago": entries[0], "apa": entries[1], "downloads": downloads,
            "record": Markup(citation_record(s, c, file)), "bulk": u.href(urls.DATA_PAGE) + "#citations",
            "highwire": highwire(s, c), "json_ld": json_ld(s, c, u.absolute(page)),
            "site_title": site_title, "script": u.href(urls.CITE_SCRIPT)}
