"""Syndication and related statements kept between builds (``builder.remembered``): read back only when what
they are computed from is the same, so a site with the cache equals one without, whatever changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import builder.site
from builder.config import Config
from builder.remembered import remembered
from builder.site import Site, build_site
from tests.test_site_model import make

TEXT = "The ministry welcomed the progress in the normalization of relations and called for calm on the border."


def test_a_value_is_read_back_only_for_the_same_inputs(tmp_path: Path) -> None:
    calls: list[int] = []

    def compute(n: int):  # type: ignore[no-untyped-def]
        return lambda: calls.append(n) or n * 10

    assert remembered(tmp_path, "x", ("a", 1), compute(1)) == 10
    assert remembered(tmp_path, "x", ("a", 1), compute(2)) == 10, "read back"
    assert remembered(tmp_path, "x", ("a", 2), compute(3)) == 30, "other inputs: computed"
    assert remembered(None, "x", ("a", 2), compute(4)) == 40, "no cache folder: always computed"
    (tmp_path / "kept" / "x.pickle").write_bytes(b"damaged")
    assert remembered(tmp_path, "x", ("a", 2), compute(5)) == 50
    assert calls == [1, 3, 4, 5]


def test_a_value_kept_for_other_inputs_is_updated_when_an_update_is_given(tmp_path: Path) -> None:
    seen: list[object] = []

    def update(old: int) -> int:
        seen.append(old)
        return old + 1

    assert remembered(tmp_path, "y", "a", lambda: 1, update) == 1, "nothing kept: computed"
    assert remembered(tmp_path, "y", "b", lambda: 100, update) == 2, "kept for 'a': updated"
    assert remembered(tmp_path, "y", "b", lambda: 100, update) == 2, "kept for 'b': read back"
    assert seen == [1]
    (tmp_path / "kept" / "y.pickle").write_bytes(b"damaged")
    assert remembered(tmp_path, "y", "c", lambda: 7, update) == 7, "nothing usable kept: computed"
    assert seen == [1]


def statements() -> list:
    return [make("one", "2023-01-30", countries=("AM",), agencies=("Armenpress",), body="YEREVAN. " + TEXT),
            make("two", "2023-01-31", countries=("FR",), agencies=("TASS",), body="MOSCOW. " + TEXT),
            make("three", "2023-01-30", countries=("AM", "AZ"), people=("Ruben Rubinyan",)),
            make("four", "2023-02-10", countries=("AZ",), people=("Ruben Rubinyan",)),
            make("five", "2022-12-01", countries=("AM",))]


def relations(site: Site) -> tuple:
    return ({k: [s.id for s in v] for k, v in site.related.items()},
            {k: (v.canonical.id, [s.id for s in v.others]) for k, v in site.syndicated.items()})


@pytest.mark.parametrize("change", ["none", "wording", "countries", "date", "new copy", "removed"])
def test_a_site_built_with_the_kept_relations_equals_one_built_without(tmp_path: Path, change: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = statements()
    build_site(tuple(before), Config(), cache_dir=tmp_path)
    after = list(before)
    if change == "wording":
        after[2] = replace(after[2], body=after[2].body + " More talks followed.")
    elif change == "countries":
        after[4] = replace(after[4], countries=("AZ",))
    elif change == "date":
        after[3] = replace(after[3], date=after[2].date)
    elif change == "new copy":
        after.append(make("six", "2023-02-01", countries=("DE",), agencies=("dpa",), body="BERLIN. " + TEXT))
    elif change == "removed":
        del after[0]
    fresh = relations(build_site(tuple(after), Config()))
    computed: list[str] = []
    for name in ("related_statements", "all_pairs", "updated_pairs"):
        real = getattr(builder.site, name)
        monkeypatch.setattr(builder.site, name,
                            lambda *a, _r=real, _n=name, **k: computed.append(_n) or _r(*a, **k))
    assert relations(build_site(tuple(after), Config(), cache_dir=tmp_path)) == fresh
    if change == "none":
        assert computed == [], "nothing changed: both read back"
    if change == "wording":
        assert computed == ["updated_pairs"], "the texts changed, not the terms: the kept pairs brought up to date"
    if change in ("countries", "date", "removed", "new copy"):
        assert "related_statements" in computed
    assert "all_pairs" not in computed, "the pairs are never found afresh when kept ones can be updated"
