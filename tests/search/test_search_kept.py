"""The cache folder's copy of the search shards: a build that has the cache but no site (a CI runner that
restores ``.cache/archive`` before publishing) copies the shards of unchanged years instead of running
Pagefind, and runs it for the years whose pages changed.

The test project (tests/search/conftest.py) has statements in 2021, 2022 and 2023: three shards.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path


from builder.build import BuildReport, build
from builder.config import load_config
from builder.search import FINGERPRINT
from tests.search.conftest import search_project
from tests.search.test_search_shards import YEARS, edit, files

CACHE = ".cache/archive"


def cached_build(root: Path) -> BuildReport:
    return build(load_config(root / "archive.yml"), root / "content", root / "site", cache_dir=root / CACHE)


def without_site(root: Path) -> None:
    """What a CI runner has: the project and the restored cache folder, no site and no previous generation."""
    shutil.rmtree(root / "site")
    shutil.rmtree(root / ".site.previous", ignore_errors=True)


def shards(folder: Path) -> dict[str, bytes]:
    return {path: p.read_bytes() for path, p in files(folder).items() if path.startswith("pagefind/")}


def kept(root: Path) -> dict[str, bytes]:
    """The shards the cache folder keeps, a file each ('pagefind/<year>-<fingerprint>.pickle'), as site paths."""
    found: dict[str, bytes] = {}
    for bundle in sorted((root / CACHE / "search" / "pagefind").iterdir()):
        files = pickle.loads(bundle.read_bytes())
        year, fp = bundle.stem.split("-")
        assert files[f"pagefind/{year}/{FINGERPRINT}"] == f"{fp}\n".encode(), "named by the fingerprint it holds"
        found.update(files)
    return found


def test_a_build_with_the_cache_but_no_site_copies_every_shard(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    cached_build(root)
    first = shards(root / "site")
    assert sorted(runs) == YEARS
    assert kept(root) == first, "the cache folder holds each shard as the site does"
    without_site(root)
    runs.clear()
    cached_build(root)
    assert runs == [], "no Pagefind run: every year's pages are as they were"
    assert shards(root / "site") == first, "the shards are the ones kept, byte for byte"


def test_an_edited_year_is_indexed_again_and_kept_for_the_next_build(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    cached_build(root)
    edit(root)  # the only 2021 statement
    without_site(root)
    runs.clear()
    cached_build(root)
    assert runs == ["2021"], "a kept shard whose pages changed is not used"
    assert kept(root) == shards(root / "site"), "the new 2021 shard replaced the kept one"
    without_site(root)
    runs.clear()
    cached_build(root)
    assert runs == []


def test_a_damaged_kept_shard_is_indexed_again(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    cached_build(root)
    (bundle,) = (root / CACHE / "search" / "pagefind").glob("2022-*.pickle")
    bundle.write_bytes(bundle.read_bytes()[:100])  # a damaged file (a whole one is renamed into place)
    without_site(root)
    runs.clear()
    cached_build(root)
    assert runs == ["2022"]
    assert kept(root) == shards(root / "site")


def test_a_year_left_without_statements_leaves_the_cache_too(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    cached_build(root)
    (root / "content" / "a.md").unlink()  # the only 2021 statement
    cached_build(root)
    assert sorted(p.name[:4] for p in (root / CACHE / "search" / "pagefind").iterdir()) == ["2022", "2023"]


def test_shards_kept_only_in_a_generation_are_copied_into_the_cache(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    cached_build(root)
    shutil.rmtree(root / CACHE / "search")  # e.g. a cache folder from before the shards were kept there
    runs.clear()
    report = cached_build(root)
    assert (runs, report.unchanged) == ([], True), "nothing changed: the last build's report"
    edit(root)
    cached_build(root)
    assert runs == ["2021"]
    assert kept(root) == shards(root / "site"), \
        "the shards the site kept are copied into the cache, the new one written there"


def test_shards_kept_as_folders_by_an_older_builder_are_dropped(tmp_path: Path, runs: list[str]) -> None:
    root = search_project(tmp_path)
    old = root / CACHE / "search" / "pagefind" / "2022"
    old.mkdir(parents=True)
    (old / FINGERPRINT).write_bytes(b"old\n")
    cached_build(root)
    assert sorted(runs) == YEARS
    assert sorted(p.name[:4] for p in (root / CACHE / "search" / "pagefind").iterdir()) == YEARS
    assert all(p.is_file() for p in (root / CACHE / "search" / "pagefind").iterdir())
    assert kept(root) == shards(root / "site")
