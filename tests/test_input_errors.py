"""Smaller input errors of issue 14 (point 9): each names the file, the line and the fix.

* a binary .txt (PNG, NUL bytes, UTF-16) is "not a text file", not "no date line"
  (a stray NUL in a text is dropped like other control characters);
* a YAML quote opened on one line and never closed is reported on that line;
* ``ingest`` exits 0 when it only refused to overwrite hand edits, 1 when it rejected a file.
"""

from __future__ import annotations

import codecs
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEED, cli, project

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
NUL_TEXT = b" date 2023-01-30 A lead.\x00\x00\n\nMOSCOW, January 30. Text.\x00\n"
UTF16 = codecs.BOM_UTF16_LE + " date 2023-01-30 A lead.\n\nMOSCOW, January 30. Text.\n".encode("utf-16-le")


def errors_of(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done.stderr


@pytest.mark.parametrize("data,expected", [(PNG, "not a text file: this looks like a PNG image"),
                                           (NUL_TEXT, "not a text file: this looks like binary data"),
                                           (UTF16, "the file is UTF-16 text, which is not read")],
                         ids=["png", "nul-bytes", "utf-16"])
def test_a_binary_txt_is_not_a_text_file(tmp_path: Path, data: bytes, expected: str) -> None:
    root = project(tmp_path)
    (root / "content" / "scan.txt").write_bytes(data)
    done = cli(root, "build", "--no-search")
    assert done.returncode == 1
    err = errors_of(done)
    assert f"content/scan.txt: {expected}" in err and "no date line" not in err, err
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scan.txt").write_bytes(data)
    done = cli(tmp_path, "ingest", str(raw), "--content", str(tmp_path / "new-content"))
    assert done.returncode == 1 and "1 rejected" in done.stdout
    assert expected in errors_of(done)


def test_a_stray_nul_in_a_text_is_dropped_not_called_binary(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "nul.md").write_bytes(b"---\nid: n1\nslug: n1\ntitle: T\ndate: 2023-01-01\n---\n\n"
                                              + b"A text with one stray NUL\x00 in a paragraph.\n"
                                              + b"And more words, as a statement has them.\n" * 3)
    done = cli(root, "build", "--no-search")
    assert done.returncode == 0, done.stderr


def test_a_binary_md_is_not_a_text_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "image.md").write_bytes(PNG)
    err = errors_of(cli(root, "build", "--no-search"))
    assert "content/image.md: not a text file: this looks like a PNG image" in err, err


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path, quote: str) -> None:
    root = project(tmp_path)
    (root / "content" / "quote.md").write_text(
        f"---\nid: q1\nslug: q1\ntitle: {quote}An unclosed title\ndate: 2023-01-01\nlead: A lead\n---\n\nText.\n",
        encoding="utf-8")
    err = errors_of(cli(root, "build", "--no-search"))
    assert "content/quote.md:4: malformed YAML front matter: this quote is never closed" in err, err


def test_a_quote_closed_by_the_next_quoted_value_is_still_found(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "quote.md").write_text(
        '---\nid: q1\nslug: q1\ntitle: "An unclosed title\ndate: 2023-01-01\nlead: "A lead"\n---\n\nText.\n',
        encoding="utf-8")
    assert "content/quote.md:4: malformed YAML" in errors_of(cli(root, "build", "--no-search"))


def test_a_quoted_value_over_several_lines_is_still_fine(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "long.md").write_text(
        '---\nid: q1\nslug: q1\ntitle: "A title that\n  goes on"\ndate: 2023-01-01\n---\n\nText.\n', encoding="utf-8")
    done = cli(root, "build", "--no-search")
    assert done.returncode == 0, done.stderr


def test_ingest_exit_status_refused_is_0_rejected_is_1(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert cli(tmp_path, "ingest", str(SEED), "--content", str(content)).returncode == 0
    md = next(content.rglob("*.md"))
    md.write_text(re.sub(r"(?m)^title: .*$", "title: Edited by hand", md.read_text(encoding="utf-8")),
                  encoding="utf-8")
    refused = cli(tmp_path, "ingest", str(SEED), "--content", str(content))
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert "1 refused (hand-edited), 0 rejected" in refused.stdout
    (tmp_path / "empty.txt").write_bytes(b"")
    both = cli(tmp_path, "ingest", str(SEED), str(tmp_path / "empty.txt"), "--content", str(content))
    assert both.returncode == 1 and "1 refused (hand-edited), 1 rejected" in both.stdout


def test_an_archive_with_every_file_left_out_still_builds(tmp_path: Path) -> None:
    """Pagefind cannot index nothing: with no statement published there is no search page (serve relies on it)."""
    root = project(tmp_path)
    for md in (root / "content").rglob("*.md"):
        md.write_text("---\nid: x\n---\n", encoding="utf-8")  # missing keys: left out
    done = cli(root, "build", "--keep-going")
    assert done.returncode == 0, done.stderr
    assert "Built 0 statements" in done.stdout and not (root / "site" / "search").exists()
