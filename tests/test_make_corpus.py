"""bench/make_corpus.py, the synthetic corpus the benchmark and the scale tests build.

Deterministic for (N, seed), in the seed's raw shape, ingested without a rejection or a
clashing slug, and varied enough that a site built from it has every kind of index page.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from builder.ingest import Ingested, ingest_bytes
from tests.conftest import make_corpus

N = 300
DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) \S.*\n\n")  # a title or a lead sentence


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return files(make_corpus(tmp_path_factory.mktemp("corpus"), N))


@pytest.fixture(scope="module")
def ingested(corpus: dict[str, bytes]) -> list[Ingested]:
    return [ingest_bytes(data, name) for name, data in corpus.items()]


def test_same_count_and_seed_give_the_same_bytes(corpus: dict[str, bytes], tmp_path: Path) -> None:
    assert list(corpus) == [f"statement-{i:03d}.txt" for i in range(N)]
    assert files(make_corpus(tmp_path / "again", N)) == corpus
    fewer = files(make_corpus(tmp_path / "fewer", 40))  # the first statements do not depend on N
    assert list(fewer.values()) == list(corpus.values())[:40]
    other = files(make_corpus(tmp_path / "other", 40, seed=7))
    assert not set(other.values()) & set(corpus.values())


def test_every_statement_has_the_seed_shape_and_the_words_edits_look_for(corpus: dict[str, bytes]) -> None:
    for name, data in corpus.items():
        text = data.decode("utf-8")
        assert DATE_LINE.match(text), name
        assert text.endswith(".\n") and "\n\n\n" not in text, name
        assert " said." in text and "agreed" in text, name


def test_every_statement_is_ingested_with_its_own_date_and_slug(corpus: dict[str, bytes],
                                                                ingested: list[Ingested]) -> None:
    for data, item in zip(corpus.values(), ingested):
        assert item.date.isoformat() == DATE_LINE.match(data.decode("utf-8"))[1]
        assert item.front_matter["dateline"], item.front_matter["source"]["file"]
    slugs = Counter(item.slug for item in ingested)
    assert [s for s, n in slugs.items() if n > 1] == []
    assert len({item.date.year for item in ingested}) > 20


def test_the_corpus_fills_every_kind_of_index(ingested: list[Ingested]) -> None:
    def spread(key: str) -> Counter[str]:
        return Counter(v for item in ingested for v in item.front_matter[key])

    assert len(spread("countries")) >= 20 and spread("countries")["KZ"] > N // 10
    assert len(spread("people")) >= 12 and len(spread("organizations")) >= 10
    assert {"border delimitation", "trade", "sanctions"} <= set(spread("tags"))  # topics among the tags
    assert sum(bool(item.front_matter["references"]) for item in ingested) > N // 3
    assert sum(bool(item.front_matter["issuer"]) for item in ingested) > N // 3
    assert len(spread("agencies")) >= 6 and any(not item.front_matter["agencies"] for item in ingested)
    assert {item.front_matter["type"] for item in ingested} >= {"statement", "briefing", "interview",
                                                                "joint statement", "press release", "comment",
                                                                "news report"}
    assert {item.front_matter["language"] for item in ingested} == {"en"}
