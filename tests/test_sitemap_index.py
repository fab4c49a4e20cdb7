"""A sitemap index when one sitemap cannot hold every page (the protocol's 50,000 URLs or 50 MB).

The splitting is tested on entries in memory; a small site built with the limit
lowered to 3 URLs a file shows the index and its parts valid against the
protocol's schemas (tools/schemas/), under a project sub-path, byte-identical
from build to build, with the same URLs as the single sitemap.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder import sitemap, urls
from builder.errors import BuilderError
from builder.sitemap import SitemapFile, index_entries, sitemap_files
from builder.urls import Urls
from tests.conftest import REPO, build_project, project

BASE = "https://example.github.io/archive/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ENTRIES = tuple((f"{BASE}{name}/", lastmod) for name, lastmod in
                [("a", ""), ("b", "2023-01-30"), ("c", "2021-05"), ("d", ""), ("e", "2024-02-01"),
                 ("f", ""), ("g", "")])


def test_entries_within_the_limit_stay_one_sitemap() -> None:
    assert sitemap_files(ENTRIES, limit=7) == (SitemapFile("sitemap.xml", ENTRIES),)
    assert sitemap_files((), limit=3) == (SitemapFile("sitemap.xml", ()),)


def test_entries_over_the_limit_become_numbered_parts_in_order() -> None:
    files = sitemap_files(ENTRIES, limit=3)
    assert [f.path for f in files] == ["sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml", "sitemaps/sitemap-3.xml"]
    assert [len(f.entries) for f in files] == [3, 3, 1]
    assert tuple(e for f in files for e in f.entries) == ENTRIES


def test_a_part_is_as_recent_as_its_latest_entry() -> None:
    files = sitemap_files(ENTRIES, limit=3)
    assert [f.lastmod for f in files] == ["2023-01-30", "2024-02-01", ""]
    assert index_entries(files, Urls(BASE, "/archive/")) == (
        (f"{BASE}sitemaps/sitemap-1.xml", "2023-01-30"), (f"{BASE}sitemaps/sitemap-2.xml", "2024-02-01"),
        (f"{BASE}sitemaps/sitemap-3.xml", ""))


def test_the_byte_limit_splits_too() -> None:
    one = sitemap.entry_bytes(ENTRIES[0])
    assert one == len(f"  <url><loc>{BASE}a/</loc></url>\n")
    assert sitemap.entry_bytes((f"{BASE}?a&b", "2023-01")) == len(f"  <url><loc>{BASE}?a&amp;b</loc>"
                                                                  "<lastmod>2023-01</lastmod></url>\n")
    files = sitemap_files(ENTRIES[:4:3], limit=10, max_bytes=sitemap.FRAME_BYTES + one)  # a and d: one a file
    assert [f.entries for f in files] == [(ENTRIES[0],), (ENTRIES[3],)]


def locs(path: Path) -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().iter(f"{NS}loc")]


def built(root: Path, output: str) -> Path:
    build_project(root, BASE, root / output)
    return root / output


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The multi golden case under /archive/: with the default limit, and twice with 3 URLs a sitemap."""
    root = project(tmp_path_factory.mktemp("sitemap-index"), REPO / "tests" / "sites" / "multi" / "content")
    one = built(root, "one")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sitemap, "MAX_URLS", 3)
        return {"one": one, "split": built(root, "split"), "again": built(root, "again")}


def test_the_index_and_every_part_are_valid_and_lead_to_pages(sites: dict[str, Path]) -> None:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed")
    from tools import webcheck
    assert webcheck.check_sitemap(sites["split"], BASE) == []
    assert webcheck.check_sitemap(sites["one"], BASE) == []


def test_the_check_finds_a_bad_part_and_a_missing_one(sites: dict[str, Path], tmp_path: Path) -> None:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed")
    from tools import webcheck
    site = Path(shutil.copytree(sites["split"], tmp_path / "site"))
    part = site / "sitemaps" / "sitemap-2.xml"
    part.write_text(part.read_text(encoding="utf-8").replace("</loc></url>", "</loc><priority>2.0</priority></url>", 1),
                    encoding="utf-8")
    index = site / "sitemap.xml"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "<sitemap>", f"<sitemap><loc>{BASE}sitemaps/gone.xml</loc></sitemap><sitemap>", 1), encoding="utf-8")
    text = "\n".join(webcheck.check_sitemap(site, BASE))
    assert "sitemap-2.xml" in text and "priority" in text, text
    assert f"<loc>{BASE}sitemaps/gone.xml</loc> in sitemap.xml leads to no sitemap of the site" in text, text


def test_the_index_lists_parts_of_three_urls_under_the_sub_path(sites: dict[str, Path]) -> None:
    site = sites["split"]
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{NS}sitemapindex"
    parts = sorted(site.joinpath("sitemaps").iterdir(), key=lambda p: int(p.stem.split("-")[1]))
    assert locs(site / "sitemap.xml") == [f"{BASE}sitemaps/{p.name}" for p in parts]
    assert all(len(locs(p)) == 3 for p in parts[:-1]) and 1 <= len(locs(parts[-1])) <= 3
    assert [loc for p in parts for loc in locs(p)] == locs(sites["one"] / "sitemap.xml")


def test_each_index_lastmod_is_the_latest_of_its_part(sites: dict[str, Path]) -> None:
    site = sites["split"]
    for entry in ET.parse(site / "sitemap.xml").getroot():
        part = site / entry.findtext(f"{NS}loc", "").removeprefix(BASE)
        dates = [e.text or "" for e in ET.parse(part).getroot().iter(f"{NS}lastmod")]
        assert entry.findtext(f"{NS}lastmod", "") == max(dates, default="")
    assert any(entry.find(f"{NS}lastmod") is not None for entry in ET.parse(site / "sitemap.xml").getroot())


def test_the_same_pages_give_the_same_bytes_and_robots_still_names_sitemap_xml(sites: dict[str, Path]) -> None:
    split, again = sites["split"], sites["again"]
    files = sorted(p.relative_to(split) for p in split.rglob("*.xml") if "sitemap" in p.as_posix())
    assert files and all((split / f).read_bytes() == (again / f).read_bytes() for f in files)
    assert f"Sitemap: {BASE}sitemap.xml\n" in (split / "robots.txt").read_text(encoding="utf-8")
    assert not (sites["one"] / "sitemaps").exists()


def test_a_site_that_shrinks_below_the_limit_loses_its_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, REPO / "tests" / "sites" / "multi" / "content")
    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    assert (built(root, "site") / "sitemaps" / "sitemap-1.xml").is_file()
    monkeypatch.setattr(sitemap, "MAX_URLS", 50_000)
    site = built(root, "site")
    assert not (site / "sitemaps").exists() and ET.parse(site / "sitemap.xml").getroot().tag == f"{NS}urlset"


def test_a_part_may_not_land_on_a_static_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, REPO / "tests" / "sites" / "multi" / "content")
    (root / "static" / "sitemap-2.xml").write_text("<mine/>", encoding="utf-8")
    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    monkeypatch.setattr(urls, "SITEMAP_PARTS", "static/")
    with pytest.raises(BuilderError) as caught:
        build_project(root, BASE)
    assert str(caught.value) == ("two outputs at one path: 'static/sitemap-2.xml' from static/ and the sitemap "
                                 "(rename the static file)")
