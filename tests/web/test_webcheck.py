"""The web's own checks on real builds: the bundled site and 1,000 generated statements,
each at ``/`` and under a GitHub Pages project sub-path (see conftest.py).

vnu and the file checks cover every page and feed; linkinator crawls every page over HTTP;
axe-core and the layout check run in Chromium on one page of every type; Lighthouse runs on
the bundled site (home, statement, tag, search) at both paths.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.web.conftest import SITES, BuiltSite
from tools import webcheck

NAMES = sorted(SITES)
EXPECTED_TYPES = {"home", "statement", "year", "month", "day", "archive", "data", "search", "404",
                  *(f"{k}-{t}" for k in ("countries", "people", "organizations", "tags") for t in ("index", "entry"))}


def show(problems: list[str], limit: int = 40) -> str:
    return "\n".join(problems[:limit]) + (f"\n… and {len(problems) - limit} more" if len(problems) > limit else "")


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_valid_html(name: str, vnu_results: dict[str, list[str]]) -> None:
    assert vnu_results[name] == [], f"{name}: W3C Nu checker errors:\n{show(vnu_results[name])}"


@pytest.mark.parametrize("name", NAMES)
def test_every_page_has_lang_title_description_canonical_and_favicon(
        name: str, web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites[name]
    problems = webcheck.check_meta(site.folder, site.base_url)
    assert problems == [], f"{name}:\n{show(problems)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_feed_is_valid_atom(name: str, web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites[name]
    feeds = webcheck.atom_feeds(site.folder)
    assert len(feeds) > 10, f"{name}: expected the site feed and one per entry, found {len(feeds)}"
    problems = webcheck.check_feeds(site.folder, site.base_url)
    assert problems == [], f"{name}:\n{show(problems)}"


@pytest.mark.parametrize("name", NAMES)
def test_sitemap_is_valid(name: str, web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites[name]
    problems = webcheck.check_sitemap(site.folder, site.base_url)
    assert problems == [], f"{name}:\n{show(problems)}"


@pytest.mark.parametrize("name", NAMES)
def test_no_broken_links_and_no_axe_violations_or_overflow(name: str, web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites[name]
    report = webcheck.run_checks(site.folder, site.base_url, site.prefix, only=("links", "axe", "layout"))
    sample = webcheck.sample_pages(webcheck.html_pages(site.folder))
    missing = EXPECTED_TYPES - set(sample)
    assert not missing, f"{name}: no page of type(s) {sorted(missing)} to check"
    if name.startswith("big"):
        assert {"home-paged", "countries-paged", "tags-paged", "date-paged"} <= set(sample), sorted(sample)
    assert report.ok, f"{name}:\n{show(report.lines())}"


@pytest.mark.parametrize("name", ["bundled-root", "bundled-subpath"])
def test_lighthouse_scores_at_least_095(name: str, web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites[name]
    pages = webcheck.lighthouse_pages(webcheck.html_pages(site.folder))
    assert [webcheck.page_type(p) for p in pages] == ["home", "statement", "tags-entry", "search"]
    report = webcheck.run_checks(site.folder, site.base_url, site.prefix, only=(), lighthouse=True)
    scores = report.figures["lighthouse"]
    print(f"\nLighthouse {name}: {scores}")
    assert report.ok, f"{name}:\n{show(report.lines())}\nscores: {scores}"


def test_command_line_passes_a_good_site_and_names_each_check(web_sites: dict[str, BuiltSite]) -> None:
    site = web_sites["bundled-subpath"]
    run = subprocess.run([sys.executable, "tools/webcheck.py", str(site.folder), "--only", "meta,feeds,sitemap"],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-4:] == ["meta: OK", "feeds: OK", "sitemap: OK", "all checks passed"]


def test_command_line_refuses_an_unbuilt_folder(tmp_path) -> None:
    run = subprocess.run([sys.executable, "tools/webcheck.py", str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 2 and "build the site first" in run.stderr
