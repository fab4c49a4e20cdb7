"""Ingest says what it could not find, per file, and `archive check` says it for the whole archive."""

from __future__ import annotations

from pathlib import Path

from builder.review import gaps
from tests.conftest import cli

FULL = (" date 2023-01-30 Russia welcomed the talks.\n\nMOSCOW, January 30. /TASS/. Russia welcomed the talks "
        "between Armenia and Azerbaijan, Foreign Ministry spokeswoman Maria Zakharova said on Monday.")
BARE = " date 2020-11 The talks went on for a long time without any result at all, it seems.\n\nNothing more."


def test_gaps_name_every_empty_or_guessed_field() -> None:
    assert gaps({"dateline": "Moscow", "type": "news report", "agencies": ["TASS"], "issuer": "X",
                 "countries": ["RU"], "people": ["Y"]}) == ()
    found = gaps({"dateline": "", "type": "news report", "agencies": [], "issuer": "", "countries": [],
                  "people": [], "date": "2020-11"}, ["no headline: title made from the lead"])
    assert found == ("no headline: title made from the lead", "no dateline found", "no agency credited",
                     "issuer unknown", "no country found", "no person found", "date known only to the month")


def test_ingest_lists_what_to_check_and_check_lists_the_archive(tmp_path: Path) -> None:
    (tmp_path / "full.txt").write_text(FULL, encoding="utf-8")
    (tmp_path / "bare.txt").write_text(BARE, encoding="utf-8")
    ingested = cli(tmp_path, "ingest", "full.txt", "bare.txt", "--content", "content")
    assert ingested.returncode == 0, ingested.stderr
    out = ingested.stdout
    assert "To check by hand (1 of 2 written" in out
    line = next(x for x in out.splitlines() if "2020-11-" in x and ":" in x and "written" not in x)
    for gap in ("no headline: title made from the lead", "no dateline found", "issuer unknown",
                "date known only to the month"):
        assert gap in line
    assert not any("2023-01-30" in x and "check" not in x and ": " in x and "written" not in x
                   for x in out.splitlines()), "a statement with all its metadata is not listed"
    checked = cli(tmp_path, "check", "--content", "content")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[-1] == "2 statements, 1 with metadata to check by hand"
    assert "issuer unknown" in checked.stdout and "2023-01-30" not in checked.stdout
