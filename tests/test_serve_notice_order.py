"""``archive serve``'s notice is up to date before the build's report is printed.

A build publishes the new site, then serve prints its report ("Built …") and
sets the notice the served pages carry. In that order a page fetched as the
report appeared could still carry the notice of a file already fixed (seen
once in ``tests/e2e/test_serve.py`` during a full test run, under load). The notice now comes first:
whoever reads the report and then asks for a page gets the new notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import serve
from builder.config import load_config
from tests.conftest import project
from tests.e2e.test_serve_notice import BAD, FIXED


def test_the_notice_is_set_before_the_report_is_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    bad = root / "content" / "bad.md"
    bad.write_text(BAD, encoding="utf-8")
    session = serve.Session(load_config(root / "archive.yml"), root / "archive.yml", root / "content",
                            tmp_path / "site", serve.Speed(tmp_path / "cache", 1, tmp_path / "logs"), serve.Notice())
    at_report: list[bytes] = []
    printed = serve.print_report
    monkeypatch.setattr(serve, "print_report", lambda report: at_report.append(session.notice.html) or printed(report))

    assert serve.build_and_report(session) == "built"
    assert b"content/bad.md" in at_report[-1], "the report of a build that left a file out came before its notice"

    bad.write_text(FIXED, encoding="utf-8")
    assert serve.build_and_report(session) == "built"
    assert at_report[-1] == b"", "the report of the fixed build came while the old notice was still served"
    assert session.notice.html == b""
