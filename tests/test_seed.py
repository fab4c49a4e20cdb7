"""The seed statement: its exact, hand-checked front matter and a faithful body."""

from __future__ import annotations

import datetime as dt

import yaml

from builder.ingest import ingest_bytes
from builder.frontmatter import split_front_matter
from tests.conftest import REPO, SEED

EXPECTED = {
    "id": "45aa7c544b2f",
    "slug": "2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming",
    "title": "Russia is working intensely in the direction of overcoming the “potential for conflict” "
             "amassed in South Caucasus",
    "lead": "Russia is working intensely in the direction of overcoming the “potential for conflict” amassed "
            "in South Caucasus and in direction of the normalization of the Armenian-Azerbaijani relations and "
            "welcomes the progress in restoration of the Armenia-Turkey relations, the Russian Foreign Ministry "
            "said in a statement responding to media questions.",
    "date": dt.date(2023, 1, 30),
    "dateline": "Stepanakert",
    "agencies": ["Artsakhpress", "Armenpress"],
    "issuer": "Russian Foreign Ministry",
    "type": "news report",
    "language": "en",
    "countries": ["AM", "AZ", "GE", "IR", "RU", "TR"],
    "people": ["Ruben Rubinyan", "Serdar Kılıç"],
    "organizations": ["3+3 platform"],
    "tags": ["3+3 platform", "Armenia", "Azerbaijan", "Georgia", "Iran", "Ruben Rubinyan", "Russia",
             "Serdar Kılıç", "Turkey", "normalization", "regional security", "trade", "transport links"],
    "references": ["2020-11-09", "2021-01-11", "2021-11-26", "2022-01", "2022-10-31"],
    "source": {"file": "000_b7507ac4d02b7d42.txt",
               "sha256": "45aa7c544b2faa9cb8b06232edc89b1aec880e4a1aebadabfc3c924a55b1572b",
               "encoding": "utf-8"},
}


def test_seed_front_matter_is_exactly_the_hand_checked_one() -> None:
    item = ingest_bytes(SEED.read_bytes(), SEED.name)
    assert item.front_matter == EXPECTED
    assert list(item.front_matter) == list(EXPECTED), "key order is part of the documented schema"


def test_title_is_short_and_ends_at_a_clause_boundary() -> None:
    title = EXPECTED["title"]
    assert len(title) <= 120 and EXPECTED["lead"].startswith(title + " and ")


def test_bundled_content_is_the_ingested_seed() -> None:
    files = sorted((REPO / "content").rglob("*.md"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    yaml_text, body, _ = split_front_matter(text, files[0].name)
    front = yaml.safe_load(yaml_text)
    ingested = front["source"].pop("ingested")
    assert dt.datetime.fromisoformat(ingested).tzinfo is not None, "ingest time recorded, with zone"
    assert front == EXPECTED
    assert text == ingest_bytes(SEED.read_bytes(), SEED.name).with_ingested(ingested).markdown
    assert "3+3 regional platform" in body
