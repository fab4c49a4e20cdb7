"""Sanitise last (issue 14, point 1): HTML the builder rewrites after nh3 (date links) is sanitised again.

Date phrases are linked by a regular expression over the sanitised body. nh3
before 0.3.7 left '<' and '>' raw inside attribute values, so a date phrase
inside an attribute split the tag and let an ``onerror`` handler through.
These tests give the pages stage exactly such HTML (as the old nh3 wrote it)
and parse the output with an HTML parser: no element may carry an ``on*``
attribute, and no element outside the allowed tags may appear.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from pathlib import Path

import nh3
import pytest

from builder import markup
from builder.config import Config
from builder.model import Source, Statement
from builder.site import build_site
from builder.statement_pages import dated_pages, link_dates
from builder.urls import Urls
from tests.conftest import build_project, project

ATTACK = '<p title="x>9 November 2020 <img src=x onerror=window.__pwned=1>">hi</p>'
OLD_NH3_OUTPUT = ATTACK  # what nh3 0.2.14 .. 0.3.6 return for ATTACK (checked against their wheels)


class Elements(html.parser.HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(markup_text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(markup_text)
    parser.close()
    return parser.found


def assert_inert(body: str) -> None:
    for tag, attrs in elements(body):
        handlers = [a for a in attrs if a.lower().startswith("on")]
        assert not handlers, f"<{tag}> kept the event handler(s) {handlers}: {body}"
        assert tag in markup.ALLOWED_TAGS, f"<{tag}> is not an allowed tag: {body}"


def statement_of(day: dt.date, body_html: str) -> Statement:
    return Statement(id="a1", slug="a1", title="T", lead="L", date=day, dateline="", agencies=(), issuer="",
                     type="statement", language="en", countries=(), people=(), organizations=(), tags=(),
                     references=(), source=Source("", "", ""), body="", body_html=body_html, path="a.md")


def test_a_date_phrase_inside_an_attribute_cannot_open_a_tag() -> None:
    """The HTML the old nh3 produced, through the date linker: the result is sanitised again."""
    s = statement_of(dt.date(2020, 11, 9), OLD_NH3_OUTPUT)
    site = build_site((s,), Config())
    linked = link_dates(s.body_html, dated_pages(site, s), Urls(site.config.base_url, site.config.base_path))
    assert_inert(linked)


def test_ordinary_date_links_survive_the_second_pass() -> None:
    body = markup.body_to_html("Signed on 9 November 2020, see [the text](https://example.org/x).")
    s = statement_of(dt.date(2020, 11, 9), body)
    site = build_site((s,), Config())
    linked = link_dates(s.body_html, dated_pages(site, s), Urls(site.config.base_url, site.config.base_path))
    tags = elements(linked)
    assert ("a", {"class": "dateref", "href": "/2020/11/09/"}) in tags, linked
    assert ("a", {"href": "https://example.org/x", "rel": markup.LINK_REL}) in tags, linked


class OldNh3:
    """nh3 before 0.3.7: the same sanitising, but '<' and '>' left raw in attribute values."""

    def __init__(self, cleaner: nh3.Cleaner) -> None:
        self.cleaner = cleaner

    def clean(self, text: str) -> str:
        return re.sub(r'="[^"]*"', lambda m: m.group(0).replace("&lt;", "<").replace("&gt;", ">"),
                      self.cleaner.clean(text))


def test_a_hostile_statement_built_with_the_old_nh3_has_no_live_handler(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "_SANITISE", OldNh3(markup._SANITISE))
    monkeypatch.setattr(markup, "_RESANITISE", OldNh3(markup._RESANITISE))
    assert markup.body_to_html(ATTACK) == OLD_NH3_OUTPUT, "the emulation no longer matches the old nh3"
    root = project(tmp_path)
    (root / "content" / "hostile.md").write_text(
        f"---\nid: hostile\nslug: hostile\ntitle: T\nlead: L\ndate: 2020-11-09\n---\n\n{ATTACK}\n", encoding="utf-8")
    build_project(root)
    page = (root / "site" / "statements" / "hostile" / "index.html").read_text(encoding="utf-8")
    body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert_inert(body)
    for tag, attrs in elements(page):
        assert not [a for a in attrs if a.lower().startswith("on")], f"<{tag} {attrs}> on the page"


def test_the_installed_nh3_escapes_angle_brackets_in_attributes() -> None:
    """pyproject.toml requires nh3>=0.3.7 for this: the first pass alone already keeps the tag whole."""
    cleaned = markup.body_to_html(ATTACK)
    assert "&lt;img" in cleaned and "<img" not in cleaned, cleaned


def test_control_characters_are_removed_as_the_translation_table_removed_them() -> None:
    """``markup.without_control`` (a regular expression, for speed) drops the C0 controls but tab, newline and
    return, and DEL: what ``str.translate`` with the table it replaced dropped, over the whole Basic Multilingual
    Plane and a few astral characters, alone and in a text."""
    table = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r") | {0x7F: None}
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["\U0001F600", "\U00010000"]
    assert [markup.without_control(c) for c in chars] == [c.translate(table) for c in chars]
    text = "".join(chars)
    assert markup.without_control(text) == text.translate(table)
    assert markup.without_control("a\x00b\x1fc\x7fd\te\nf\rg\x0bh\x85i") == "abcd\te\nf\rgh\x85i"
