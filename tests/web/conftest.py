"""Fixtures for the web checks: the bundled site and a generated 1,000-statement site, each
built at ``/`` and under a sub-path, and the W3C Nu checker run once over all four.

Sites are built with ``python -m builder build`` (as a user would) with public base URLs that
are not the test server's: the checks serve each site under its prefix and rewrite those
absolute URLs to the server, so canonical links, feeds and the sitemap are checked as published.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, make_corpus, project
from tools import webcheck

BIG = 1000
SITES = {  # name -> (content, base URL)
    "bundled-root": ("bundled", "https://archive.example.org/"),
    "bundled-subpath": ("bundled", "https://example.github.io/archive/"),
    "big-root": ("big", "https://archive.example.org/"),
    "big-subpath": ("big", "https://example.github.io/archive/"),
}


@dataclass(frozen=True)
class BuiltSite:
    name: str
    folder: Path
    base_url: str

    @property
    def prefix(self) -> str:
        return "/" + self.base_url.split("://", 1)[1].split("/", 1)[1]


def cli_build(root: Path, output: Path, base_url: str) -> None:
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--config", str(root / "archive.yml"),
                          "--content", str(root / "content"), "--output", str(output), "--base-url", base_url],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, f"build failed:\n{run.stdout}\n{run.stderr}"


class LazyProjects(dict):
    """The bundled project, and one whose content is 1,000 generated raw statements; made on first use."""

    def __init__(self, tmp: pytest.TempPathFactory) -> None:
        super().__init__()
        self.tmp = tmp

    def __missing__(self, name: str) -> Path:
        if name == "bundled":
            self[name] = project(self.tmp.mktemp("web-bundled"))
        else:
            corpus = make_corpus(self.tmp.mktemp("web-corpus"), BIG)
            self[name] = project(self.tmp.mktemp("web-big"), corpus)
        return self[name]


@pytest.fixture(scope="session")
def web_projects(tmp_path_factory: pytest.TempPathFactory) -> LazyProjects:
    return LazyProjects(tmp_path_factory)


class Sites(dict):
    """Each site is built on first use, so a test of the bundled site never waits for the big one."""

    def __init__(self, projects: dict[str, Path], out: Path) -> None:
        super().__init__()
        self.projects, self.out = projects, out

    def __missing__(self, name: str) -> BuiltSite:
        content, base_url = SITES[name]
        cli_build(self.projects[content], self.out / name, base_url)
        self[name] = BuiltSite(name, self.out / name, base_url)
        return self[name]


@pytest.fixture(scope="session")
def web_sites(web_projects: LazyProjects, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(web_projects, tmp_path_factory.mktemp("web-sites"))


@pytest.fixture(scope="session")
def vnu_results(web_sites: Sites) -> dict[str, list[str]]:
    """vnu over all four sites in one JVM run (about a minute for ~9,600 pages)."""
    folders = {web_sites[name].folder.resolve(): name for name in SITES}
    results = webcheck.check_html(list(folders))
    return {folders[folder]: problems for folder, problems in results.items() if folder in folders}


@pytest.fixture
def bundled_copy(web_sites: Sites, tmp_path: Path) -> BuiltSite:
    """A writable copy of the bundled site (at /), for planting defects."""
    site = web_sites["bundled-root"]
    copy = tmp_path / "site"
    shutil.copytree(site.folder, copy)
    return BuiltSite("planted", copy, site.base_url)
