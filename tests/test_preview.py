"""``archive serve``'s preview (``builder.preview``, ``builder.write.patch_served``): an edited statement's
page made at once from the last build's model, byte for byte the page a clean build makes; no preview
when the edit moves the statement in the site; and no build ever keeps a previewed page by mistake."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.build import BuildReport, build
from builder.config import Config, load_config
from builder.manifest import Manifests
from builder.preview import Model, Preview, preview
from builder.site import Site
from builder.write import MARKER, Generation, patch_served
from tests.conftest import nudge, tree


INGESTED = 6  # statements in the project (``ingested_once``)


@pytest.fixture
def root(ingested_copy: Path) -> Path:
    return ingested_copy


def config_of(root: Path) -> Config:
    return load_config(root / "archive.yml").with_overrides(search=False)


def run(root: Path, output: Path | None = None, **options: Any) -> tuple[BuildReport, Site]:
    kept: list[Site] = []
    report = build(config_of(root), root / "content", output or root / "site", workers=1,
                   on_published=kept.append, **{"cache_dir": root / "cache", **options})
    return report, kept[0]


def model(root: Path, site: Site) -> Model:
    return Model(site, root / "content", root / "templates")


def statement_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").rglob("*.md") if "_originals" not in p.parts)


def edit(md: Path, old: str, new: str) -> None:
    text = md.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {md}"
    md.write_text(text.replace(old, new, 1), encoding="utf-8")


def body_word(md: Path) -> str:
    """A word of the body (after the front matter) to change."""
    body = md.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return re.search(r"\b[a-z]{6,}\b", body)[0]


def clean_page(root: Path, tmp_path: Path, file: str) -> bytes:
    run(root, tmp_path / "clean", cache_dir=None, fresh=True)
    return (tmp_path / "clean" / file).read_bytes()


@pytest.mark.parametrize("field", ["body", "title", "lead"])
def test_a_preview_is_the_page_a_clean_build_makes(root: Path, tmp_path: Path, field: str) -> None:
    _, site = run(root)
    md = statement_files(root)[2]
    if field == "body":
        word = body_word(md)
        edit(md, f" {word}", f" {word[::-1]}")
    else:
        edit(md, f"\n{field}: ", f"\n{field}: Edited ")
    made = preview(model(root, site), md)
    assert made is not None, "a change of wording should be previewed"
    assert made.file.startswith("statements/") and made.file.endswith("/index.html")
    assert made.statement.endswith(md.name)
    assert made.data == clean_page(root, tmp_path, made.file)


@pytest.mark.parametrize("key, value", [("date", "1999-01-01"), ("slug", "moved-elsewhere")])
def test_no_preview_when_the_statement_moves(root: Path, key: str, value: str) -> None:
    _, site = run(root)
    md = statement_files(root)[1]
    text = md.read_text(encoding="utf-8")
    line = re.search(rf"^{key}: .*$", text, re.M)[0]
    md.write_text(text.replace(line, f"{key}: {value}", 1), encoding="utf-8")
    assert preview(model(root, site), md) is None


def test_no_preview_when_an_entity_changes(root: Path) -> None:
    _, site = run(root)
    md = statement_files(root)[1]
    text = md.read_text(encoding="utf-8")
    assert "\ntags:" in text
    md.write_text(text.replace("\ntags:", "\ntags:\n- a topic nobody had before", 1), encoding="utf-8")
    assert preview(model(root, site), md) is None


def test_no_preview_for_anything_but_an_edited_statement_the_site_holds(root: Path, tmp_path: Path) -> None:
    _, site = run(root)
    md = statement_files(root)[0]
    m = model(root, site)
    assert preview(m, md) is None, "an unchanged file"
    new = root / "content" / "new.md"
    shutil.copy(md, new)
    assert preview(m, new) is None, "a file the site does not hold"
    broken = md.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: a: b: ", 1)
    md.write_text(broken, encoding="utf-8")
    assert preview(m, md) is None, "a file that does not load"
    outside = tmp_path / "elsewhere.md"
    outside.write_text(broken, encoding="utf-8")
    assert preview(m, outside) is None, "a file outside the content folder"
    assert preview(m, root / "templates" / "statement.html") is None, "a template"
    assert preview(m, root / "content" / "gone.md") is None, "a deleted file"


def patch(root: Path, made: Preview) -> None:
    manifests = Manifests(root / "cache")
    patch_served(root / "site", made.file, made.data, lambda token: manifests.without(token, made.file))


def test_a_previewed_page_is_served_and_never_kept_by_a_build(root: Path, tmp_path: Path) -> None:
    """Preview an edit, then take the edit back: both generations must still render that page again."""
    run(root)
    nudge(root)
    _, site = run(root)  # both generations now hold their pages' fingerprints
    md = statement_files(root)[3]
    original = md.read_text(encoding="utf-8")
    word = body_word(md)
    edit(md, f" {word}", f" {word.upper()}")
    made = preview(model(root, site), md)
    assert made is not None
    patch(root, made)
    assert (root / "site" / made.file).read_bytes() == made.data
    assert Generation(root / "site").inputs() == "", "a patched site is no build's output"
    md.write_text(original, encoding="utf-8")
    for _ in range(2):  # each generation in turn
        nudge(root)
        run(root)
    run(root, tmp_path / "clean", cache_dir=None, fresh=True)
    expected = tree(tmp_path / "clean")
    assert tree(root / "site") == expected
    assert word.upper() not in (root / "site" / made.file).read_text(encoding="utf-8")


def test_the_patched_generation_forgets_only_that_page(root: Path) -> None:
    run(root)
    nudge(root)
    _, site = run(root)
    manifests = Manifests(root / "cache")
    token = Generation(root / "site").token()
    table = manifests.held(token)
    md = statement_files(root)[4]
    word = body_word(md)
    edit(md, f" {word}", f" {word[::-1]}")
    made = preview(model(root, site), md)
    assert made is not None
    patch(root, made)
    after = manifests.held(Generation(root / "site").token())
    assert made.file in table.pages and after.pages == {f: v for f, v in table.pages.items() if f != made.file}
    assert table.files[made.file] is not None and after.files == {**table.files, made.file: None}, \
        "the page is still the generation's, its size no longer known"
    assert (root / "site" / MARKER).read_bytes().endswith(b"\n\n")


def test_without_a_cache_the_patched_generation_holds_no_token(root: Path) -> None:
    _, site = run(root, cache_dir=None)
    md = statement_files(root)[4]
    word = body_word(md)
    edit(md, f" {word}", f" {word[::-1]}")
    made = preview(model(root, site), md)
    assert made is not None
    patch_served(root / "site", made.file, made.data, lambda token: Manifests(None).without(token, made.file))
    assert Generation(root / "site").marker() == ("", "")
