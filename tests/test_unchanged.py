"""The whole-build shortcut (``builder.unchanged``): a build whose inputs are those of the site in the output
folder does nothing and says so; any change to what a build reads, or to the output folder, gets past it."""

from __future__ import annotations

import builtins
import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import builder.build
import builder.unchanged
from builder.build import BuildReport, build
from builder.config import Config, load_config
from builder.errors import BuilderError
from builder.write import MARKER
from tests.conftest import cli, make_corpus, project, tree


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return project(tmp_path, make_corpus(tmp_path / "corpus", 6))


def config_of(root: Path, **overrides: Any) -> Config:
    return load_config(root / "archive.yml").with_overrides(search=False, **overrides)


def run(root: Path, config: Config | None = None, **options: Any) -> BuildReport:
    options = {"cache_dir": root / "cache", "workers": 1, **options}
    return build(config or config_of(root), root / "content", root / "site", **options)


def test_nothing_changed_loads_nothing_and_reports_the_last_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(root)
    site = tree(root / "site")

    def no_loading(*args: object) -> None:
        raise AssertionError("an unchanged build loaded the content")

    monkeypatch.setattr(builder.build, "load_cached", no_loading)
    again = run(root)
    assert again.unchanged and again.written == 0
    assert replace(again, written=first.written, unchanged=False) == first
    assert "nothing changed since the last build, wrote 0 of" in again.summary()
    assert tree(root / "site") == site


def edit_content(root: Path) -> None:
    raw = sorted((root / "content").rglob("*.txt"))[0]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n", encoding="utf-8")


def add_content(root: Path) -> None:
    raw = sorted((root / "content").rglob("*.txt"))[0]
    (root / "content" / "copy-of-first.txt").write_text(raw.read_text(encoding="utf-8").replace(
        "agreed", "agreed again", 1), encoding="utf-8")


def edit_template(root: Path) -> None:
    page = root / "templates" / "404.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")


def edit_static(root: Path) -> None:
    (root / "static" / "extra.txt").write_text("added", encoding="utf-8")


def hidden_static(root: Path) -> None:
    (root / "static" / ".hidden").write_text("not published, but read", encoding="utf-8")


@pytest.mark.parametrize("change", [edit_content, add_content, edit_template, edit_static, hidden_static],
                         ids=lambda f: f.__name__)
def test_a_changed_input_file_is_built(root: Path, change: Any) -> None:
    run(root)
    change(root)
    report = run(root)
    assert not report.unchanged
    clean = build(config_of(root), root / "content", root / "clean", workers=1)
    assert tree(root / "site") == tree(root / "clean") and report.files == clean.files


@pytest.mark.parametrize("setting", [{"base_url": "https://example.org/other/"}, {"title": "Another title"}])
def test_a_changed_setting_is_built(root: Path, setting: dict[str, str]) -> None:
    run(root)
    assert not run(root, config_of(root, **setting)).unchanged
    assert run(root, config_of(root, **setting)).unchanged


def test_changed_options_code_or_libraries_are_built(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(root)
    assert not run(root, keep_going=True).unchanged, "another option"
    assert run(root, keep_going=True).unchanged
    monkeypatch.setattr(builder.unchanged, "code_fingerprint", lambda: b"another builder")
    assert not run(root, keep_going=True).unchanged, "another version of the builder"
    monkeypatch.setattr(builder.unchanged, "installed_libraries", lambda: b"jinja2=99")
    assert not run(root, keep_going=True).unchanged, "another library"


def test_a_site_replaced_by_another_build_is_built_again(root: Path) -> None:
    """The marker names what the output folder holds: a build without the cache put another site there."""
    run(root)
    build(config_of(root, title="Another title"), root / "content", root / "site", workers=1)
    report = run(root)
    assert not report.unchanged
    assert b"Another title" not in (root / "site" / "index.html").read_bytes()


@pytest.mark.parametrize("damage", ["a marker naming no inputs", "remove the site", "no cache record"])
def test_without_proof_of_what_the_output_holds_it_is_built(root: Path, damage: str) -> None:
    run(root)
    if damage == "a marker naming no inputs":  # as an older builder wrote it
        marker = root / "site" / MARKER
        marker.write_text(marker.read_text().split("\n")[0] + "\n")
    elif damage == "remove the site":
        for p in sorted((root / "site").rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
    else:
        for p in (root / "cache" / builder.unchanged.FOLDER).iterdir():
            p.unlink()
    assert not run(root).unchanged
    assert run(root).unchanged


def test_a_failed_build_leaves_the_site_it_did_not_replace_unchanged(root: Path) -> None:
    run(root)
    site = tree(root / "site")
    page = root / "templates" / "statement.html"
    kept = page.read_text(encoding="utf-8")
    page.write_text(kept.replace("{% block main %}", "{% block main %}{{ s.title + 1 }}", 1), encoding="utf-8")
    with pytest.raises(BuilderError):
        run(root)
    page.write_text(kept, encoding="utf-8")
    assert run(root).unchanged, "the output still holds the first build's site"
    assert tree(root / "site") == site


def test_no_cache_always_builds(root: Path) -> None:
    run(root)
    assert not run(root, fresh=True).unchanged
    assert not run(root, cache_dir=None).unchanged


def test_the_command_line_says_nothing_changed(root: Path) -> None:
    args = ("build", "--no-search", "--jobs", "1")
    first = cli(root, *args)
    assert first.returncode == 0, first.stderr
    second = cli(root, *args)
    assert second.returncode == 0, second.stderr
    assert "nothing changed since the last build, wrote 0 of" in second.stdout
    assert "nothing changed" not in first.stdout


def test_links_and_unreadable_files_are_hashed_without_looping(root: Path, tmp_path: Path) -> None:
    """A link back up is read once, a dangling link counts by its name: the build goes on to report it."""
    (root / "content" / "loop").symlink_to(root / "content")
    (root / "content" / "dangling.md").symlink_to(tmp_path / "missing")
    config = config_of(root)
    first = builder.unchanged.inputs_key(config, root / "content", ())
    assert builder.unchanged.inputs_key(config, root / "content", ()) == first
    (tmp_path / "missing").write_text("now it is there", encoding="utf-8")
    assert builder.unchanged.inputs_key(config, root / "content", ()) != first


def test_the_content_folder_read_by_two_processes_hashes_as_read_by_one(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second half of the files read by a worker: the same hash and digests, in the same order, a link
    back up, a dangling link and a file added or changed included."""
    (root / "content" / "loop").symlink_to(root / "content")
    (root / "content" / "dangling.md").symlink_to(tmp_path / "missing")
    monkeypatch.setattr(builder.unchanged, "PARALLEL_FROM", 2)
    log = tmp_path / "readers.txt"

    def logged_open(path: str, mode: str) -> Any:  # (a worker inherits it: the log names who read each file)
        with builtins.open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return builtins.open(path, mode)

    monkeypatch.setattr(builder.unchanged, "open", logged_open, raising=False)

    def read(workers: int) -> tuple[bytes, dict[str, bytes], set[str]]:
        log.unlink(missing_ok=True)
        h = hashlib.blake2b()
        digests = builder.unchanged.files_digest(h, root / "content", workers)
        return h.digest(), digests, set(log.read_text(encoding="utf-8").split())

    *alone, readers = read(1)
    assert readers == {str(os.getpid())}
    *both, readers = read(2)
    assert both == alone and len(readers) == 2 and str(os.getpid()) in readers, "two halves, one in a worker"
    assert "dangling.md" not in alone[1] and "loop/dangling.md" not in alone[1]
    files = sorted((root / "content").rglob("*.md"))
    files[-1].write_text("changed", encoding="utf-8")
    assert read(2)[:2] != tuple(alone) and read(2)[:2] == read(1)[:2]
