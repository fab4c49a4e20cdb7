"""Write stage: a generation's inventory (``builder.manifest.Held.files``) instead of a walk of the site.

A build into a generation whose record is at hand removes the files that
record lists and the build no longer makes (``Generation.prune_listed``), and
takes the sizes of the files it left alone from it, without walking or
stat'ing the generation. These tests check that such builds never walk, that
what they publish equals a clean build, that their size report is the
published site's, that a page ``archive serve`` patched stays known, and that
nothing is deleted through a symlink.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import builder.write
from builder.budget import budget
from builder.build import BuildReport, build
from builder.config import load_config
from builder.manifest import Manifests
from builder.preview import Model, preview
from builder.write import MARKER, Generation, patch_served
from tests.conftest import nudge, tree


INGESTED = 8  # statements in the project (``ingested_once``)


@pytest.fixture
def root(ingested_copy: Path) -> Path:
    return ingested_copy


def run(root: Path, output: Path | None = None, search: bool = False, **options: Any) -> BuildReport:
    config = load_config(root / "archive.yml").with_overrides(search=search)
    kept: list[Any] = []
    report = build(config, root / "content", output or root / "site", workers=1, on_published=kept.append,
                   **{"cache_dir": root / "cache", **options})
    run.site = kept[0]  # type: ignore[attr-defined]
    return report


def statement_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").rglob("*.md") if "_originals" not in p.parts)


def never_walked(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """From now on, walking a generation of ``root``'s site fails the test (a clean build elsewhere may walk)."""
    walk = builder.write.walk_sparing

    def refuse(folder: str, spare: frozenset[str]) -> object:
        if Path(folder).parent == root:
            raise AssertionError("the generation was walked although its record was at hand")
        return walk(folder, spare)
    monkeypatch.setattr(builder.write, "walk_sparing", refuse)


def site_of(folder: Path) -> dict[str, bytes]:
    """Every file of a site, the marker as its token alone (its second line names the inputs, options included)."""
    files = tree(folder)
    files[MARKER] = files[MARKER].split(b"\n")[0]
    return files


def clean(root: Path, tmp_path: Path, search: bool = False) -> dict[str, bytes]:
    run(root, tmp_path / "clean", search=search, cache_dir=None, fresh=True)
    found = site_of(tmp_path / "clean")
    shutil.rmtree(tmp_path / "clean")
    return found


def published_budget(site: Path, statements: int) -> list[tuple[str, int, int]]:
    files = [(p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*") if p.is_file()]
    return [(r.part, r.files, r.size) for r in budget(files, statements).rows]


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {p: b for p, b in files.items() if not p.startswith("pagefind/") and p != MARKER}


def test_builds_with_a_record_never_walk_and_equal_a_clean_build(root: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Delete a statement, edit one, add a static file and take it away again: each build into a generation
    with its record prunes from the record alone, reports the published site's sizes, and equals a clean build."""
    run(root)
    nudge(root)
    run(root)  # both generations now have records
    never_walked(monkeypatch, root)
    files = statement_files(root)
    deleted = files[2]
    slug = next(line for line in deleted.read_text("utf-8").splitlines() if line.startswith("slug:")).split()[1]
    deleted.unlink()
    extra = root / "static" / "extra" / "deep" / "note.css"
    extra.parent.mkdir(parents=True)
    extra.write_text("body{}", "utf-8")
    steps = [lambda: None, lambda: files[4].write_text(files[4].read_text("utf-8") + "\nOne more line.\n", "utf-8"),
             lambda: shutil.rmtree(root / "static" / "extra")]
    for step in steps:
        step()
        for _ in range(2):  # each generation in turn
            report = run(root)
            nudge(root)
            assert published_budget(root / "site", report.statements) == [
                (r.part, r.files, r.size) for r in report.budget.rows], "the size report is the published site's"
        assert site_of(root / "site") == clean(root, tmp_path)
    assert not any(p.name == slug for p in (root / "site").rglob("*")), "the deleted statement's folders went too"
    assert not (root / "site" / "static" / "extra").exists() and not (root / ".site.previous" / "static" / "extra").exists()


def test_search_turned_off_removes_the_index_without_a_walk(root: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run(root, search=True)
    nudge(root)
    run(root, search=True)
    assert (root / "site" / "pagefind").is_dir() and (root / ".site.previous" / "pagefind").is_dir()
    never_walked(monkeypatch, root)
    for _ in range(2):
        run(root)
        nudge(root)
        assert not (root / "site" / "pagefind").exists()
    assert site_of(root / "site") == clean(root, tmp_path)
    run(root, search=True)  # and back: the walk-free prune spares the index
    nudge(root)
    run(root, search=True)
    assert without_search(site_of(root / "site")) == without_search(clean(root, tmp_path, search=True))


def test_a_page_serve_patched_stays_listed_and_goes_with_its_statement(root: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``archive serve`` puts a preview into the served generation: its record keeps the page (size unknown), so
    when the statement is then deleted, the builds after remove that page from both generations."""
    run(root)
    nudge(root)
    run(root)
    md = statement_files(root)[5]
    md.write_text(md.read_text("utf-8").replace("\n---\n", "\n---\nA new first line.\n\n", 1), "utf-8")
    made = preview(Model(run.site, root / "content", root / "templates"), md)  # type: ignore[attr-defined]
    assert made is not None
    manifests = Manifests(root / "cache")
    patch_served(root / "site", made.file, made.data, lambda token: manifests.without(token, made.file))
    held = manifests.held(Generation(root / "site").token())
    assert held.files[made.file] is None and made.file not in held.pages
    never_walked(monkeypatch, root)
    md.unlink()
    for _ in range(2):
        run(root)
        nudge(root)
    assert not (root / "site" / made.file).exists() and not (root / ".site.previous" / made.file).exists()
    assert site_of(root / "site") == clean(root, tmp_path)


def test_prune_listed_deletes_only_listed_files_and_nothing_through_a_symlink(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    for path in ("index.html", "statements/a/index.html", "statements/b/index.html", "s/x/y/index.html",
                 "s/z/index.html", "data/kept.json", "stray.txt"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"page")
    (outside / "c").mkdir(parents=True)
    (outside / "c" / "index.html").write_bytes(b"not the site's")
    (site / "linked").symlink_to(outside, target_is_directory=True)  # where a folder of the site's went
    listed = ["index.html", "statements/a/index.html", "statements/b/index.html", "s/x/y/index.html",
              "s/z/index.html", "data/kept.json", "linked/c/index.html", "gone/already.html"]
    removed = Generation(site).prune_listed(listed, {"index.html", "statements/a/index.html", "s/z/index.html",
                                                     "data/kept.json"})
    assert removed == 2  # statements/b and s/x/y; not through the link, not what is already gone
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.is_symlink()) == [
        "data/kept.json", "index.html", "s/z/index.html", "statements/a/index.html", "stray.txt"]
    assert not (site / "statements" / "b").exists() and not (site / "s" / "x").exists() and (site / "s").is_dir()
    assert (outside / "c" / "index.html").read_bytes() == b"not the site's" and (site / "linked").is_symlink()


def test_the_record_is_bound_to_the_files_not_only_the_pages(root: Path) -> None:
    """Two generations with the same pages but different static files get different tokens, so neither's record
    is taken for the other's (a static file left out of one must still be pruned from the other)."""
    run(root)
    first = Generation(root / "site").token()
    (root / "static" / "extra.css").write_text("body{}", "utf-8")
    run(root)
    second = Generation(root / "site").token()
    assert first and second and first != second
    files = Manifests(root / "cache").held(second).files
    assert files["static/extra.css"] == len("body{}") and os.path.getsize(root / "site" / "static/extra.css") == 6
