"""Every check fails when it should: each test plants one defect in a copy of the built
bundled site and asserts that the checker reports it (and names where)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.web.conftest import BuiltSite
from tools import webcheck

STATEMENT = "statements/2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming/index.html"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_vnu_reports_invalid_html(bundled_copy: BuiltSite, tmp_path: Path) -> None:
    site = bundled_copy.folder
    edit(site / "archive/index.html", "<main", "<blink>old</blink><main")           # no such element
    edit(site / STATEMENT, '<p class="meta"', '<p class="meta" id="x"><span id="x"></span></p><p')  # duplicate id
    problems = webcheck.check_html([site])[site.resolve()]
    assert any(p.startswith("archive/index.html:") and "blink" in p for p in problems), problems
    assert any(p.startswith(STATEMENT) and "Duplicate ID" in p for p in problems), problems


def test_meta_check_reports_missing_description_canonical_lang_and_favicon(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    page = site / "data/index.html"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta name="description"[^>]*>', "", text)
    text = re.sub(r'<link rel="canonical"[^>]*>', "", text)
    page.write_text(text.replace('<html lang="en">', "<html>"), encoding="utf-8")
    (site / "static/favicon.svg").unlink()
    problems = webcheck.check_meta(site, bundled_copy.base_url)
    for what in ("no meta description", "no canonical link", "<html> has no lang"):
        assert f"data/index.html: {what}" in "\n".join(problems), (what, problems)
    assert any("favicon" in p and "does not exist" in p for p in problems), problems


def test_meta_check_reports_a_canonical_outside_the_site(bundled_copy: BuiltSite) -> None:
    edit(bundled_copy.folder / "archive/index.html", f'href="{bundled_copy.base_url}archive/"',
         'href="http://127.0.0.1:8000/archive/"')
    problems = webcheck.check_meta(bundled_copy.folder, bundled_copy.base_url)
    assert problems == [f"archive/index.html: canonical http://127.0.0.1:8000/archive/ is not a page of this site "
                        f"({bundled_copy.base_url})"]


def test_axe_reports_an_image_without_alt_and_a_nameless_link(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    edit(site / "index.html", "<main", '<img src="static/favicon.svg" width="10" height="10"><a href="archive/"></a><main')
    report = webcheck.run_checks(site, bundled_copy.base_url, only=("axe",))
    text = "\n".join(report.problems["axe"])
    assert "index.html: image-alt" in text and "index.html: link-name" in text, text


def test_layout_check_reports_a_wide_element(bundled_copy: BuiltSite) -> None:
    edit(bundled_copy.folder / STATEMENT, '<div class="body">', '<div class="body"><div style="width:900px">wide</div>')
    report = webcheck.run_checks(bundled_copy.folder, bundled_copy.base_url, only=("layout",))
    assert len(report.problems["layout"]) == 1, report.problems
    assert report.problems["layout"][0].startswith(f"{STATEMENT}: ") and "360 px viewport" in report.problems["layout"][0]


def test_linkinator_reports_broken_links_to_pages_assets_feeds_and_absolute_urls(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    shutil.rmtree(site / "tags/trade")                      # a linked page (and its feed) gone
    (site / "static/cite.js").unlink()                      # an asset
    (site / "countries/am/feed.xml").unlink()               # a feed
    # on the page the crawl starts from: the Data page is also linked as data/#citations, and which of its
    # two addresses linkinator crawls first varies; it twice missed a link planted there (seen in CI)
    edit(site / "index.html", "</main>", f'<a href="{bundled_copy.base_url}nowhere/">x</a></main>')
    report = webcheck.run_checks(site, bundled_copy.base_url, only=("links",))
    text = "\n".join(report.problems["links"])
    for broken in ("tags/trade/ is broken", "static/cite.js is broken", "countries/am/feed.xml is broken",
                   "nowhere/ is broken"):
        assert broken in text, (broken, text)


def test_feed_check_reports_schema_errors_and_the_rules_jing_skips(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    feed = site / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    text = re.sub(r"\s*<author>.*?</author>", "", text)                       # no author anywhere
    text = re.sub(r'\s*<link rel="alternate" type="text/html" href="[^"]*statements/[^"]*"/>', "", text)
    text = re.sub(r"\s*<content .*?</content>", "", text, flags=re.S)         # entry: neither link nor content
    feed.write_text(text, encoding="utf-8")
    edit(site / "tags/trade/feed.xml", "<updated>", "<updatd>", 1)
    edit(site / "tags/trade/feed.xml", "</updated>", "</updatd>", 1)          # schema: element not allowed
    problems = webcheck.check_feeds(site, bundled_copy.base_url)
    text = "\n".join(problems)
    assert "feed.xml: entry 1: neither an alternate link nor content" in text, text
    assert "feed.xml: entry 1: no author, and the feed has none" in text, text
    assert re.search(r"tags/trade/feed\.xml:\d+:\d+: error: .*updatd", text), text


def test_feed_check_reports_a_link_to_a_missing_page(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    shutil.rmtree(site / STATEMENT.removesuffix("/index.html"))
    problems = webcheck.check_feeds(site, bundled_copy.base_url)
    assert any(p.startswith("feed.xml: link ") and "leads to no file" in p for p in problems), problems


def test_sitemap_check_reports_schema_errors_and_missing_pages(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    edit(site / "sitemap.xml", "</loc></url>", "</loc><priority>2.0</priority></url>")   # priority is 0.0-1.0
    edit(site / "sitemap.xml", "<url><loc>", f"<url><loc>{bundled_copy.base_url}gone/</loc></url><url><loc>")
    problems = webcheck.check_sitemap(site, bundled_copy.base_url)
    text = "\n".join(problems)
    assert "priority" in text and "sitemap.xml" in text, text
    assert f"<loc>{bundled_copy.base_url}gone/</loc> leads to no page of the site" in text, text


def test_lighthouse_reports_a_page_kept_out_of_search_engines(bundled_copy: BuiltSite) -> None:
    site = bundled_copy.folder
    edit(site / "index.html", "<head>", '<head>\n<meta name="robots" content="noindex">')
    with webcheck.serve(site, "/") as url:
        problems, scores = webcheck.check_lighthouse(url, ["index.html"])
    assert scores["index.html"]["seo"] < 0.95, scores
    assert len(problems) == 1 and problems[0].startswith("index.html: seo ") and "is-crawlable" in problems[0]


def test_command_line_exits_1_and_names_the_problem(bundled_copy: BuiltSite) -> None:
    edit(bundled_copy.folder / "sitemap.xml", "</loc></url>", "</loc><changefreq>often</changefreq></url>")
    run = subprocess.run([sys.executable, "tools/webcheck.py", str(bundled_copy.folder), "--only", "sitemap"],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout
    assert "changefreq" in run.stdout and run.stdout.rstrip().endswith("some checks failed"), run.stdout
