"""Reconciliation: inputs == published + skipped + rejected, in every mode; --strict and --keep-going."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from builder.build import build
from builder.config import load_config
from builder.errors import ContentErrors
from tests.conftest import SEED, build_project, cli, project

MD = "---\nid: {id}\nslug: {slug}\ntitle: T {id}\nlead: {lead}\ndate: 2023-01-0{day}\n---\n\n{body}\n"
SUMMARY = re.compile(r"\((\d+) input files: (\d+) published, (\d+) skipped, (\d+) rejected; (\d+) warnings?\)")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(root, "build", "--no-search", *args)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Seed .md, its raw .txt (skipped), two good, one broken, one slug clash, one warning, one ignored file."""
    root = project(tmp_path)
    content = root / "content"
    (content / "raw-seed.txt").write_bytes(SEED.read_bytes())
    (content / "good1.md").write_text(MD.format(id="g1", slug="good-one", lead="L", day=1, body="Text."), "utf-8")
    (content / "good2.md").write_text(MD.format(id="g2", slug="good-two", lead="L", day=2, body="Text."), "utf-8")
    (content / "broken.md").write_text("---\nid: b1\ntitle: [unclosed\n---\n", "utf-8")
    (content / "clash.md").write_text(MD.format(id="c1", slug="good-one", lead="L", day=3, body="Text."), "utf-8")
    (content / "nolead.md").write_text(MD.format(id="n1", slug="no-lead", lead="''", day=4, body="Text."), "utf-8")
    (content / "notes.MD").write_text("stray", "utf-8")
    return root


def test_default_fails_listing_every_error_and_the_tally(root: Path) -> None:
    result = run(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/broken.md:4" in result.stderr and "content/clash.md: slug" in result.stderr
    assert "7 input files: 4 would be published, 1 skipped, 2 rejected" in result.stderr
    assert not (root / "site").exists()


def test_keep_going_publishes_the_rest_and_lists_what_it_left_out(root: Path) -> None:
    result = run(root, "--keep-going")
    assert result.returncode == 0, result.stderr
    assert "left out: content/broken.md:4" in result.stderr and "left out: content/clash.md" in result.stderr
    assert "warning: content/notes.MD: not read" in result.stderr
    assert "warning: content/nolead.md: lead: empty lead" in result.stderr
    assert "skipped content/raw-seed.txt: already published from content/" in result.stdout
    inputs, published, skipped, rejected, warnings = map(int, SUMMARY.search(result.stdout).groups())
    assert (inputs, published, skipped, rejected, warnings) == (7, 4, 1, 2, 2)
    assert inputs == published + skipped + rejected
    assert (root / "site" / "statements" / "good-one" / "index.html").is_file()
    assert (root / "site" / "statements" / "no-lead" / "index.html").is_file()
    assert "T g1" in (root / "site" / "statements" / "good-one" / "index.html").read_text("utf-8")


def test_strict_keep_going_also_leaves_out_statements_with_warnings(root: Path) -> None:
    result = run(root, "--keep-going", "--strict")
    assert result.returncode == 0, result.stderr
    assert "left out: content/nolead.md" in result.stderr and "left out: content/notes.MD" in result.stderr
    assert SUMMARY.search(result.stdout).groups() == ("7", "3", "1", "3", "0")
    assert not (root / "site" / "statements" / "no-lead").exists()


def test_strict_fails_on_warnings_alone(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "notes.MD").write_text("stray", "utf-8")
    assert run(root).returncode == 0
    before = (root / "site" / "index.html").read_bytes()
    result = run(root, "--strict")
    assert result.returncode == 1 and "content/notes.MD: not read" in result.stderr
    assert (root / "site" / "index.html").read_bytes() == before


def test_a_clean_build_reports_numbers_that_add_up(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "raw-seed.txt").write_bytes(SEED.read_bytes())
    report = build_project(root)
    assert (report.inputs, report.statements, len(report.skipped), report.rejected) == (2, 1, 1, 0)
    assert report.errors == () and report.warnings == ()


def test_the_api_raises_with_counts_and_keeps_going_on_request(root: Path) -> None:
    config = load_config(root / "archive.yml")
    with pytest.raises(ContentErrors) as info:
        build(config, root / "content", root / "site")
    assert info.value.counts == (7, 4, 1, 2)
    report = build(config, root / "content", root / "site", keep_going=True)
    assert {e.file for e in report.errors} == {"content/broken.md", "content/clash.md"} or all(
        e.file.endswith(("broken.md", "clash.md")) for e in report.errors)
    assert report.inputs == report.statements + len(report.skipped) + report.rejected
