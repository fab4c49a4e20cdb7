"""Every version of a statement on the site (issue 17, points 2 to 5).

The seed arrives three times: as published, with one word changed, then with
a paragraph removed. The built site shows "3 versions" and what changed, gives
each version a page, permanent link, citation and original download, lists
the changes newest first (page and Atom feed), and carries the versions in the
data downloads; the search index holds only the current wording.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest

from builder.ingest import ingest_bytes
from builder.ingest.store import Held, keep_original, store
from tests.conftest import build_project, project
from tests.e2e.support import html_paragraphs, raw_paragraphs
from tests.test_versions_ingest import ONE_WORD, V1

BASE = "https://example.org/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"
SLUG = "2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming"
ID = "45aa7c544b2f"
REMOVED_PARAGRAPH = ("It also highlighted the importance of the 3+3 regional platform (Azerbaijan, Armenia, Georgia, "
                     "Russia, Iran and Turkey), describing it as useful and relevant.")
V3 = ONE_WORD.replace(REMOVED_PARAGRAPH.encode() + b"\n\n", b"")
WORDINGS = (V1, ONE_WORD, V3)
SEEN = ("2026-11-20T08:00:00+00:00", "2026-11-21T09:30:00+00:00", "2026-11-22T17:45:00+00:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three wordings ingested (at fixed times) into an empty archive, built under a sub-path with search."""
    root = project(tmp_path_factory.mktemp("versions"), tmp_path_factory.mktemp("empty"))
    content, held = root / "content", Held()
    for n, (data, seen) in enumerate(zip(WORDINGS, SEEN), 1):
        keep_original(content, data)
        store(content, ingest_bytes(data, f"seed-v{n}.txt"), held, seen)
    build_project(root, base_url=BASE)
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html" if path.endswith("/") or not path else site / path).read_text(encoding="utf-8")


def words(text: str) -> list[str]:
    return " ".join(text).split() if isinstance(text, list) else text.split()


def test_the_statement_page_says_how_many_versions_and_when_each_was_seen(site: Path) -> None:
    page = read(site, f"statements/{SLUG}/")
    assert '<h2 id="versions-h">3 versions</h2>' in page
    for n, when in ((1, "20 November 2026, 08:00 UTC"), (2, "21 November 2026, 09:30 UTC")):
        assert re.search(rf'<a href="/archive/statements/{SLUG}/v{n}/">Version {n}</a>, seen <time datetime="'
                         rf'{re.escape(SEEN[n - 1])}">{when}</time>', page), f"version {n} listed with its date"
    assert "<strong>Version 3</strong> (this page), seen" in page and "22 November 2026, 17:45 UTC" in page
    assert "it supersedes versions 1 and 2" in page, "the current version says it supersedes the earlier ones"
    assert f'<link rel="predecessor-version" href="/archive/statements/{SLUG}/v2/">' in page


def test_the_differences_are_marked_with_text_labels(site: Path) -> None:
    page = read(site, f"statements/{SLUG}/")
    assert ('<del><span class="vh">[deleted: </span>intensely<span class="vh">]</span></del> '
            '<ins><span class="vh">[inserted: </span>actively<span class="vh">]</span></ins> working') in page
    removed = REMOVED_PARAGRAPH.replace("&", "&amp;")
    assert f'<p><del><span class="vh">[deleted: </span>{removed}<span class="vh">]</span></del></p>' in page
    assert "1 word deleted, 1 inserted" in page and "23 words deleted" in page
    assert 'class="diff-legend"' in page and "struck through" in page and "underlined" in page
    assert "[2 unchanged paragraphs]" in page, "unchanged paragraphs are left out and counted"


def test_every_word_of_every_version_appears_in_order_on_its_page(site: Path) -> None:
    for n, data in enumerate(WORDINGS, 1):
        path = f"statements/{SLUG}/" + ("" if n == len(WORDINGS) else f"v{n}/")
        rendered = html_paragraphs(read(site, path))
        original = raw_paragraphs(data.decode("utf-8"))
        assert rendered == original, f"version {n}: the page's text differs from its original"
        assert words(rendered) == words(original)


def test_each_version_has_a_permanent_link_citation_and_original(site: Path) -> None:
    for n, data in enumerate(WORDINGS, 1):
        target = f"{BASE}statements/{SLUG}/" + ("" if n == 3 else f"v{n}/")
        redirect = read(site, f"s/{ID}/v{n}/")
        assert f'<link rel="canonical" href="{target}">' in redirect and f"url={target}" in redirect
        folder = f"statements/{SLUG}/" + ("" if n == 3 else f"v{n}/")
        page = read(site, folder)
        record = json.loads(re.search(r'<script type="application/json" id="cite-record">(.*?)</script>', page).group(1))
        assert record["file"] == (ID if n == 3 else f"{ID}.v{n}"), "the file its buttons make (cite.js)"
        assert record["permalink"] == f"{BASE}s/{ID}/v{n}/" and record["version"] == n
        assert record["versionText"] == f"Version {n}, seen November {20 + n - 1}, 2026"
        chicago = re.search(r'<p class="citation" id="cite-chicago">(.*?)</p>', page, re.S).group(1)
        assert f"{BASE}s/{ID}/v{n}/" in chicago, "Chicago cites the version by its permanent link"
        txt = f"data/statements/{ID}.txt" if n == 3 else f"data/statements/{ID}.v{n}.txt"
        assert (site / txt).read_bytes() == data, "the original download is that version's bytes"
        assert f'href="/archive/{txt}"' in page


def test_an_earlier_version_page_says_it_was_superseded(site: Path) -> None:
    page = read(site, f"statements/{SLUG}/v1/")
    assert "This is version 1 of 3 of this statement's text" in page
    assert f'superseded by <a href="/archive/statements/{SLUG}/v2/">version 2</a>' in page
    assert f'<link rel="latest-version" href="/archive/statements/{SLUG}/">' in page
    assert hashlib.sha256(V1).hexdigest() in page and "seed-v1.txt" in page
    assert "What the next version changed" in page and "What this version changed" not in page
    v2 = read(site, f"statements/{SLUG}/v2/")
    assert "What this version changed" in v2 and "What the next version changed" in v2


def test_the_changes_page_and_feed_list_the_newest_change_first_with_its_size(site: Path) -> None:
    page = read(site, "changes/")
    assert "2 changes to 1 statement" in page
    three, two = page.index("Version 3, seen"), page.index("Version 2, seen")
    assert three < two, "newest change first"
    assert "<strong>23 words deleted</strong>" in page and "<strong>1 word deleted, 1 inserted</strong>" in page
    feed = ET.fromstring((site / "changes" / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"urn:statement-archive:{ID}:v3", f"urn:statement-archive:{ID}:v2"]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2026-11-22T17:45:00Z", "2026-11-21T09:30:00Z"]
    assert "<del>" in entries[1].findtext(f"{ATOM}content") and "1 word deleted, 1 inserted" in entries[1].findtext(
        f"{ATOM}summary")
    assert entries[1].find(f"{ATOM}link").get("href") == f"{BASE}statements/{SLUG}/v2/"
    assert 'href="/archive/changes/"' in read(site, ""), "every page links to the changes"


def unpacked(site: Path, name: str) -> str:
    return gzip.decompress((site / "data" / name).read_bytes()).decode("utf-8")


def test_the_whole_archives_bibtex_cites_the_current_version(site: Path) -> None:
    (entry,) = bibtexparser.parse_string(unpacked(site, "citations.bib.gz")).entries
    assert entry["url"] == f"{BASE}s/{ID}/v3/" and entry["version"] == "3"
    assert "Version 3, seen November 22, 2026" in entry["note"]


def test_the_data_downloads_carry_every_version(site: Path) -> None:
    (record,) = [json.loads(line) for line in unpacked(site, "statements.jsonl.gz").splitlines()]
    assert record["version"] == 3 and [v["number"] for v in record["versions"]] == [1, 2]
    assert [v["sha256"] for v in record["versions"]] == [hashlib.sha256(d).hexdigest() for d in WORDINGS[:2]]
    assert [v["seen"] for v in record["versions"]] == list(SEEN[:2])
    assert REMOVED_PARAGRAPH in record["versions"][1]["text"] and REMOVED_PARAGRAPH not in record["text"]
    assert record["versions"][0]["permalink"] == f"{BASE}s/{ID}/v1/"
    rows = list(csv.DictReader(io.StringIO(unpacked(site, "versions.csv.gz"))))
    assert [(r["version"], r["current"], r["seen"]) for r in rows] == [
        ("1", "false", SEEN[0]), ("2", "false", SEEN[1]), ("3", "true", SEEN[2])]
    assert "intensely working" in rows[0]["text"] and "actively working" in rows[2]["text"]
    table = list(csv.DictReader(io.StringIO(unpacked(site, "statements.csv.gz"))))
    assert table[0]["version"] == "3"
    manifest = json.loads((site / "data" / "index.json").read_text())
    assert {"versions.csv.gz", f"statements/{ID}.v1.txt", f"statements/{ID}.v2.txt"} <= set(manifest["files"])


def test_the_search_index_holds_the_current_wording_and_says_there_are_versions(site: Path) -> None:
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (site / "pagefind").glob("*/fragment/*.pf_fragment")]
    assert [f["url"] for f in fragments] == [f"/archive/statements/{SLUG}/"], "earlier versions are not indexed"
    (fragment,) = fragments
    assert "actively working" in fragment["content"]
    assert "intensely working" not in fragment["content"] and "useful and relevant" not in fragment["content"]
    assert fragment["meta"]["versions"] == "3" and fragment["filters"]["wording"] == ["changed after publication"]
