"""Bad input: one clear line naming the file (and line), a non-zero exit, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, cli, project

GOOD_MD = (REPO / "content").rglob("*.md").__next__().read_text(encoding="utf-8")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return cli(cwd, *args, timeout=120)


def assert_clean_failure(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return project(tmp_path)


@pytest.mark.parametrize("name,data,needles", [
    ("empty.txt", b"", ["content/empty.txt", "empty"]),
    ("nodate.txt", b"MOSCOW, January 30. /TASS/. Text without any date line.\n", ["content/nodate.txt:1", "no date line"]),
    ("impossible.txt", b" date 2023-02-30 Lead.\n\nBody text.\n", ["content/impossible.txt:1", "impossible date"]),
    ("badyaml.md", b"---\nid: x1\ntitle: [unclosed\ndate: 2023-01-01\nslug: a\n---\n\nBody\n", ["content/badyaml.md:", "malformed YAML"]),
    ("baddate.md", b"---\nid: x2\nslug: b\ntitle: T\ndate: 2023-02-30\n---\n\nBody\n", ["content/baddate.md", "malformed YAML"]),
    ("nofm.md", b"Just text\n", ["content/nofm.md:1", "no front matter", "---"]),
    ("typo.md", b"---\nid: x3\nslug: c\ntitle: T\ndate: 2023-01-01\ncontries: [AM]\n---\n\nBody\n", ["content/typo.md", "countries"]),
])
def test_bad_content_is_reported_with_file_and_line(root: Path, name: str, data: bytes, needles: list[str]) -> None:
    (root / "content" / name).write_bytes(data)
    assert_clean_failure(run("build", cwd=root), *needles)


def test_every_error_of_a_build_is_listed_together(root: Path) -> None:
    (root / "content" / "a.txt").write_bytes(b"")
    (root / "content" / "b.md").write_bytes(b"no front matter\n")
    result = run("build", cwd=root)
    assert_clean_failure(result, "content/a.txt", "content/b.md", "2 error(s)")


def test_two_statements_with_one_slug_name_both_files(root: Path) -> None:
    copy = GOOD_MD.replace("id: 45aa7c544b2f", "id: othercopy1")
    (root / "content" / "copy.md").write_text(copy, encoding="utf-8")
    result = run("build", cwd=root)
    assert_clean_failure(result, "content/copy.md", "slug", "content/2023/")


def test_a_failed_build_leaves_the_last_good_site(root: Path) -> None:
    assert run("build", cwd=root).returncode == 0
    before = (root / "site" / "index.html").read_bytes()
    (root / "content" / "broken.md").write_bytes(b"---\n: :\n")
    assert_clean_failure(run("build", cwd=root), "content/broken.md")
    assert (root / "site" / "index.html").read_bytes() == before


TEMPLATE_FAULTS = [  # (template, original text, broken text, what the one error line must say)
    ("statement.html", "<h1>{{ s.title }}</h1>", "<h1>{{ s.titel }}</h1>",
     ["templates/statement.html:", "while rendering /statements/", "no attribute 'titel'"]),
    ("_macros.html", '<a href="{{ item.href }}">{{ item.title }}</a>', '<a href="{{ item.href }}">{{ item.titel }}</a>',
     ["templates/_macros.html:", "no attribute 'titel'"]),  # a list entry, rendered through once()
    ("statement.html", "<h1>{{ s.title }}</h1>", "<h1>{{ s.title </h1>", ["templates/statement.html:", "template error"]),
]


@pytest.mark.parametrize("template,before,after,needles", TEMPLATE_FAULTS)
def test_template_errors_name_the_template_and_line_that_failed(root: Path, template: str, before: str, after: str,
                                                                 needles: list[str]) -> None:
    assert run("build", "--no-search", cwd=root).returncode == 0
    page = root / "templates" / template
    text = page.read_text(encoding="utf-8")
    assert before in text, f"{template} no longer holds {before!r}: update the test"
    page.write_text(text.replace(before, after, 1), encoding="utf-8")
    line = text[:text.index(before)].count("\n") + 1
    result = run("build", "--no-search", cwd=root)
    assert_clean_failure(result, *needles, f"templates/{template}:{line}:")
    assert (root / "site" / "index.html").is_file()  # the last good site stays


def test_unknown_config_key_suggests_the_right_one(root: Path) -> None:
    (root / "archive.yml").write_text("title: X\nper_pgae: 5\n", encoding="utf-8")
    assert_clean_failure(run("build", cwd=root), "archive.yml", "per_pgae", "did you mean 'per_page'")


def test_wrong_config_type_names_the_key(root: Path) -> None:
    (root / "archive.yml").write_text("per_page: many\n", encoding="utf-8")
    assert_clean_failure(run("build", cwd=root), "archive.yml", "per_page", "whole number")


def test_bad_base_url_is_refused(root: Path) -> None:
    assert_clean_failure(run("build", "--base-url", "not a url", cwd=root), "base_url")


def test_output_folder_that_is_not_a_site_is_never_replaced(root: Path) -> None:
    (root / "precious").mkdir()
    (root / "precious" / "notes.txt").write_text("keep me")
    assert_clean_failure(run("build", "--output", "precious", cwd=root), "refusing to replace")
    assert (root / "precious" / "notes.txt").read_text() == "keep me"


def test_missing_content_folder(root: Path) -> None:
    assert_clean_failure(run("build", "--content", "nowhere", cwd=root), "nowhere", "content folder not found")


@pytest.mark.parametrize("command", ["build", "ingest", "serve"])
def test_help_for_each_command(root: Path, command: str) -> None:
    result = run(command, "--help", cwd=root)
    assert result.returncode == 0 and "usage: archive " + command in result.stdout


def test_build_prints_one_summary_line(root: Path) -> None:
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert "1 statement" in last and "pages" in last and str(root / "site") in last


def test_output_into_a_buffered_pipe_is_flushed_before_the_quick_exit(root: Path) -> None:
    """``python -m builder`` ends its process without tearing the interpreter down (``cli.run``): what it
    printed into a block-buffered pipe (no PYTHONUNBUFFERED) is flushed first, on success and on failure."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | {"PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "builder", "build"], cwd=root, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0 and "site is in" in result.stdout.splitlines()[-1], result
    (root / "content" / "bad.md").write_text("Just text\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder", "build"], cwd=root, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 1 and "content/bad.md:1" in result.stderr, result


def test_ingest_writes_then_skips_then_refuses_hand_edits(tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = run("ingest", str(SEED), "--content", str(content), cwd=tmp_path)
    assert first.returncode == 0 and "1 written" in first.stdout
    files = list(content.rglob("*.md"))
    original = files[0].read_bytes()
    assert b"ingested: '20" in original, "the ingest time is recorded in source.ingested"
    second = run("ingest", str(SEED), "--content", str(content), cwd=tmp_path)
    assert "0 written, 1 skipped as duplicates" in second.stdout and files[0].read_bytes() == original
    files[0].write_bytes(re.sub(rb"(?m)^title: .*$", b"title: Edited by hand", original))
    third = run("ingest", str(SEED), "--content", str(content), cwd=tmp_path)
    assert third.returncode == 0 and "1 refused" in third.stdout and "--force" in third.stdout
    assert b"title: Edited by hand" in files[0].read_bytes()
    forced = run("ingest", str(SEED), "--content", str(content), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and files[0].read_bytes() == original


def test_ingest_rejects_bad_files_with_reason(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    (raw / "good.txt").write_bytes(SEED.read_bytes())
    result = run("ingest", str(raw), "--content", str(tmp_path / "content"), cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "raw/empty.txt" in result.stderr and "1 written" in result.stdout and "1 rejected" in result.stdout


def test_serve_on_a_port_in_use_says_so_and_which(root: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli(root, "serve", "--port", str(port))
    assert_clean_failure(result, f"cannot serve on 127.0.0.1:{port}: Address already in use", "choose another --port")
