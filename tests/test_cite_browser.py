"""Citation files made in the browser (``static/cite.js``) are exactly what ``builder/cite.py`` makes.

The site publishes no BibTeX, RIS or CSL-JSON file per statement: each page carries one citation record
and its buttons make the files from it. For every wording of every statement of the golden sites plus a
statement full of BibTeX specials, odd whitespace, markup and characters outside the BMP, the file each
button downloads (name, MIME type and bytes) must equal the output of ``bibtex``, ``ris`` and
``csl_json``; without JavaScript the page links the whole archive's files instead, and those hold every
current wording exactly as the pages make them.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy

from builder import jsontext, urls
from builder.cite import bibtex, cite_context, csl, csl_json, ris
from builder.load import load_content
from builder.model import Statement
from builder.urls import Urls
from tests.browser import chromium, serve_folder
from tests.conftest import REPO, build_project

BASE = "https://example.github.io/archive/"
TITLE = "Archive & {Friends} of 100% #1_x"  # the site's name is in every record: BibTeX specials in it too
SITES = REPO / "tests" / "sites"
FORMATS = {"bib": (bibtex, "application/x-bibtex"), "ris": (ris, "application/x-research-info-systems"),
           "csl.json": (csl_json, "application/vnd.citationstyles.csl+json")}
HOSTILE = """---
id: h-0001
slug: 2022-05-01-hostile
title: "Braces {x} & 100% $5 #1 _a_ ^b ~c \\\\d </script><b>bold</b> 𝔘nicode"
lead: "A lead\\twith  odd\\u2003spaces,\\u00a0a \\u2028 separator and “quotes” — <i>markup</i>."
date: 2022-05-01
dateline: Baku_City
agencies: ["AP & Co", "Reuters"]
issuer: ''
type: press release
language: az
countries: [AZ]
people: [Ilham Aliyev]
organizations: []
tags: ["a <tag> & more", "  spaced  out ", Ilham Aliyev]
references: []
source: {file: h.txt, sha256: 0000000000000000000000000000000000000000000000000000000000000002, encoding: utf-8,
  publisher: Reuters}
---

Body.
"""


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden sites' statements (multi, seed, versions, sparse) and the hostile one, built under a sub-path."""
    root = tmp_path_factory.mktemp("cite-browser") / "project"
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    content = root / "content"
    for case in ("multi", "seed", "versions", "sparse"):
        shutil.copytree(SITES / case / "content", content / case,
                        ignore=shutil.ignore_patterns("_originals", "about.md"))
        if (SITES / case / "content" / "_originals").is_dir():
            shutil.copytree(SITES / case / "content" / "_originals", content / "_originals", dirs_exist_ok=True)
    (content / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (root / "archive.yml").write_text(f"title: '{TITLE}'\nbase_url: {BASE}\nsearch: false\n", encoding="utf-8")
    build_project(root)
    return root


@pytest.fixture(scope="module")
def statements(project_root: Path) -> tuple[Statement, ...]:
    loaded = load_content(project_root / "content")
    assert not loaded.errors and len(loaded.statements) == 11
    return loaded.statements


@pytest.fixture(scope="module")
def browser_url(project_root: Path) -> Iterator[tuple[Any, str]]:
    with serve_folder(project_root / "site", "/archive/") as url, chromium() as browser:
        yield browser, url


RECORD_BLOB_TYPES = """(() => { window.blobTypes = []; const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => { window.blobTypes.push(blob.type); return make(blob); }; })();"""


def wordings(statements: tuple[Statement, ...]) -> Iterator[tuple[Statement, int]]:
    for s in sorted(statements, key=lambda s: s.id):
        for number in range(1, s.version + 1):
            yield s, number


def test_every_button_downloads_what_cite_py_makes(statements: tuple[Statement, ...],
                                                   browser_url: tuple[Any, str]) -> None:
    browser, url = browser_url
    u = Urls(BASE, "/archive/")
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(RECORD_BLOB_TYPES)
    page = context.new_page()
    checked = 0
    try:
        for s, number in wordings(statements):
            current = number == s.version
            page.goto(url + (urls.statement(s.slug) if current else urls.version(s.slug, number)))
            c = cite_context(s, u, TITLE, number)
            stem = s.id if current else f"{s.id}.v{number}"
            for ext, (make, mime) in FORMATS.items():
                button = page.locator(f'button[data-cite-file="{ext}"]')
                assert button.is_visible(), f"{stem}: no {ext} button"
                with page.expect_download() as info:
                    button.click()
                download = info.value
                assert download.suggested_filename == f"{stem}.{ext}"
                assert Path(download.path()).read_bytes().decode("utf-8") == make(s, c), f"{stem}.{ext}"
                assert page.evaluate("() => window.blobTypes.at(-1)") == mime
                checked += 1
    finally:
        context.close()
    assert checked == 3 * 13, "11 statements, one with two earlier versions"


def test_without_javascript_the_page_links_the_whole_archives_files(statements: tuple[Statement, ...],
                                                                   browser_url: tuple[Any, str]) -> None:
    browser, url = browser_url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url + urls.statement(statements[0].slug))
        assert not page.locator("button[data-cite-file]").first.is_visible()
        link = page.get_by_role("link", name="BibTeX, RIS and CSL-JSON of every statement")
        assert link.get_attribute("href") == "/archive/data/#citations"
        page.goto(url + "data/")
        for name in ("citations.bib.gz", "citations.ris.gz", "citations.csl.json.gz"):
            assert page.get_by_role("link", name=name).get_attribute("href") == f"/archive/data/{name}"
    finally:
        context.close()


def test_the_whole_archives_citation_files_hold_every_current_wording(
        project_root: Path, statements: tuple[Statement, ...]) -> None:
    u = Urls(BASE, "/archive/")
    ordered = sorted(statements, key=lambda s: s.sort_key)
    contexts = [(s, cite_context(s, u, TITLE)) for s in ordered]

    def read(name: str) -> str:
        data = (project_root / "site" / "data" / name).read_bytes()
        assert data[4:8] == b"\0\0\0\0" and not data[3] & 0x08, f"{name}: gzip with a time or a file name"
        return gzip.decompress(data).decode("utf-8")

    assert read("citations.bib.gz") == "".join(bibtex(s, c) for s, c in contexts)
    assert read("citations.ris.gz") == "".join(ris(s, c) for s, c in contexts)
    assert read("citations.csl.json.gz") == jsontext.dumps([csl(s, c) for s, c in contexts], 2) + "\n"
    library = bibtexparser.parse_string(read("citations.bib.gz"))
    assert not library.failed_blocks and [e.key for e in library.entries] == [f"stmt-{s.id}" for s in ordered]
    assert [r["id"] for r in rispy.loads(read("citations.ris.gz"))] == [s.id for s in ordered]
    assert not list((project_root / "site" / "statements").rglob("*.bib")), "no citation file per statement"
