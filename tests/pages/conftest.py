"""The project the page tests build: tests/sites/multi, the bundled seed and tests/sites/sparse (statements
missing issuer, agencies and dateline, one with a source address and publisher, an about page), with the
repository's archive.yml (search on, the home introduction), served under /archive/ as on GitHub Pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import chromium, serve_folder
from tests.conftest import REPO, build_project, project

SPARSE = REPO / "tests" / "sites" / "sparse" / "content"
SEED = "statements/2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming/"
SPARSE_STATEMENT = "statements/2024-03-12-statement-on-the-border-commission/"
PAGES = {  # kind → path under the base URL
    "home": "", "statement": SEED, "sparse-statement": SPARSE_STATEMENT, "tag": "tags/peace-process/",
    "country": "countries/am/", "archive": "archive/", "about": "about/",
}


@dataclass(frozen=True)
class Served:
    url: str
    browser: object


def pages_project(tmp: Path) -> Path:
    root = project(tmp, REPO / "tests" / "sites" / "multi" / "content")
    shutil.copytree(REPO / "content", root / "content" / "seed", dirs_exist_ok=True)
    for item in SPARSE.iterdir():
        target = root / "content" / item.name if item.name == "about.md" else root / "content" / "sparse" / item.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(item, target)
    return root


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = pages_project(tmp_path_factory.mktemp("pages"))
    with serve_folder(root / "site", "/archive/") as url:
        build_project(root, base_url=url)
        with chromium() as browser:
            yield Served(url, browser)
