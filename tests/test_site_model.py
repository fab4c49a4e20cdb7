"""Unit tests on in-memory statements: the Site model's indexes, relations and checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.charts import year_chart
from builder.config import Config
from builder.load import load_content
from builder.markup import body_to_html
from builder.model import Source, Statement
from builder.related import year_counts
from builder.site import build_site, check_duplicates
from tests.conftest import SEED

BODY = "MOSCOW, January 30. /TASS/. The ministry said the talks on {topic} would continue next week in {place}."


def make(sid: str, date: str, *, countries: tuple[str, ...] = (), people: tuple[str, ...] = (),
         tags: tuple[str, ...] = (), body: str = "", agencies: tuple[str, ...] = ("TASS",),
         aliases: tuple[str, ...] = ()) -> Statement:
    text = body or BODY.format(topic=sid, place=sid)
    return Statement(id=sid, slug=f"{date}-{sid}", title=f"Title {sid}", lead=f"Lead {sid}.",
                     date=dt.date.fromisoformat(date), dateline="Moscow", agencies=agencies, issuer="Ministry",
                     type="statement", language="en", countries=countries, people=people, organizations=(),
                     tags=tags, references=(), source=Source(f"{sid}.txt", "0" * 64, "utf-8"), body=text,
                     body_html=body_to_html(text), path=f"content/{sid}.md", aliases=aliases)


def test_statements_are_newest_first_and_neighbours_follow_dates() -> None:
    a, b, c = make("a", "2021-05-01"), make("b", "2022-01-02"), make("c", "2022-01-01")
    site = build_site((a, b, c), Config())
    assert [s.id for s in site.statements] == ["b", "c", "a"]
    assert site.neighbours["c"] == (a, b)
    assert site.neighbours["b"] == (c, None) and site.neighbours["a"] == (None, c)


def test_years_months_and_days_are_indexed_with_counts() -> None:
    site = build_site((make("a", "2021-05-01"), make("b", "2022-01-02"), make("c", "2022-01-02")), Config())
    assert [y.year for y in site.years] == [2022, 2021]
    jan = site.years[0].months[0]
    assert (jan.month, len(jan.statements), [len(d.statements) for d in jan.days]) == (1, 2, [2])
    assert sorted(site.days) == ["2021-05-01", "2022-01-02"]


def test_terms_group_entities_and_leave_entity_tags_out_of_topics() -> None:
    a = make("a", "2022-01-01", countries=("AM", "RU"), tags=("Armenia", "Russia", "normalization"))
    b = make("b", "2022-02-01", countries=("RU",), people=("Sergey Lavrov",), tags=("Sergey Lavrov", "trade"))
    site = build_site((a, b), Config())
    countries = {t.key: [s.id for s in t.statements] for t in site.terms["country"]}
    assert countries == {"am": ["a"], "ru": ["b", "a"]}
    assert [t.name for t in site.terms["tag"]] == ["normalization", "trade"]
    assert [t.key for t in site.terms["person"]] == ["sergey-lavrov"]
    together = dict(((o.kind, o.key), n) for o, n in site.cooccurring[("country", "ru")])
    assert together == {("country", "am"): 1, ("person", "sergey-lavrov"): 1}


def test_related_prefers_shared_rare_entities_and_closeness_in_time() -> None:
    base = make("base", "2022-01-10", countries=("AM", "AZ"), people=("Ruben Rubinyan",))
    close = make("close", "2022-01-12", countries=("AM",), people=("Ruben Rubinyan",))
    far = make("far", "2015-01-12", countries=("AM",), people=("Ruben Rubinyan",))
    unrelated = make("none", "2022-01-10", countries=("FR",))
    site = build_site((base, close, far, unrelated), Config())
    assert [s.id for s in site.related["base"]] == ["close", "far"]


def test_syndicated_copies_are_linked_and_come_first_in_related() -> None:
    text = "The ministry welcomed the progress in the normalization of relations and called for calm on the border."
    first = make("one", "2023-01-30", countries=("AM",), agencies=("Armenpress",),
                 body="YEREVAN, JANUARY 30, ARMENPRESS. " + text)
    copy = make("two", "2023-01-31", countries=("FR",), agencies=("TASS",), body="MOSCOW, January 31. /TASS/. " + text)
    other = make("three", "2023-01-30", countries=("AM",))
    site = build_site((first, copy, other), Config())
    assert site.syndicated["two"].canonical.id == "one" and site.syndicated["one"].is_canonical(first)
    assert site.related["two"][0].id == "one" and site.related["one"][0].id == "two"
    assert "three" not in site.syndicated


def test_duplicate_slugs_and_aliases_are_reported_with_both_files() -> None:
    a = make("a", "2022-01-01", aliases=("old-slug",))
    b = make("b", "2022-01-01", aliases=("old-slug",))
    errors = check_duplicates((a, b))
    assert len(errors) == 1 and errors[0].file == "content/b.md" and "content/a.md" in errors[0].message


def test_year_chart_has_a_bar_per_year_including_empty_ones() -> None:
    site = build_site((make("a", "2019-01-01", countries=("AM",)), make("b", "2021-01-01", countries=("AM",)),
                       make("c", "2021-06-01", countries=("AM",))), Config())
    counts = year_counts(site.terms["country"][0])
    assert counts == ((2019, 1), (2020, 0), (2021, 2))
    chart = year_chart(counts)
    assert chart is not None and [b.count for b in chart.bars] == [1, 0, 2]
    assert chart.bars[2].height == 100 > chart.bars[0].height > chart.bars[1].height == 0
    assert chart.bars[2].show_year and chart.show_counts and chart.peak == "most: 2 in 2021"
    assert "2020: 0" in chart.description


def test_a_raw_copy_with_the_same_slug_is_kept_apart(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_bytes(SEED.read_bytes())
    (content / "b.txt").write_bytes(SEED.read_bytes().replace(b"ARTSAKHPRESS-ARMENPRESS:", b"ARMENPRESS:"))
    loaded = load_content(content)
    assert not loaded.errors and len(loaded.statements) == 2
    slugs = sorted(s.slug for s in loaded.statements)
    assert slugs[1].startswith(slugs[0] + "-") and not check_duplicates(loaded.statements)
