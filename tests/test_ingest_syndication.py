"""Syndicated copies: near-identical bodies under different datelines form one group."""

from __future__ import annotations

import datetime as dt

from builder.ingest import ingest_bytes
from builder.ingest.syndication import Record, find_syndicated, shingles

BODY = ("“We are intensely working in direction of overcoming the accumulated potential for conflict in the "
        "region. In this regard a priority task is the normalization of the Armenian-Azerbaijani relations,” "
        "the Russian Foreign Ministry said.\n\nIt also highlighted the importance of the 3+3 regional platform "
        "(Azerbaijan, Armenia, Georgia, Russia, Iran and Turkey), describing it as useful and relevant.")


def test_same_text_under_two_datelines_is_one_group_with_the_earliest_canonical() -> None:
    items = [
        Record("bbb", dt.date(2023, 1, 30), "YEREVAN, JANUARY 30, ARMENPRESS. " + BODY, ("Armenpress",)),
        Record("aaa", dt.date(2023, 1, 31), "STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS: " + BODY,
               ("Artsakhpress", "Armenpress")),
        Record("ccc", dt.date(2023, 1, 30), "MOSCOW, January 30. /TASS/. Something else entirely was said "
               "about the weather in the capital and the state of the roads.", ("TASS",)),
    ]
    groups = find_syndicated(items)
    assert len(groups) == 1
    group = groups[0]
    assert group.canonical == "bbb" and group.also == ("aaa",)
    assert dict(group.agencies) == {"bbb": ("Armenpress",), "aaa": ("Artsakhpress", "Armenpress")}


def test_ties_on_date_go_to_the_smaller_id_and_plain_tuples_are_accepted() -> None:
    day = dt.date(2023, 1, 30)
    groups = find_syndicated([("z9", day, "BAKU (Reuters) - " + BODY, ("Reuters",)),
                              ("a1", day, "MOSCOW (AP) — " + BODY, ("AP",))])
    assert [(g.canonical, g.also) for g in groups] == [("a1", ("z9",))]


def test_small_edits_stay_together_but_different_texts_do_not() -> None:
    edited = BODY.replace("useful and relevant", "useful, relevant and timely")
    other = " ".join(reversed(BODY.split()))
    day = dt.date(2023, 1, 30)
    groups = find_syndicated([Record("a", day, BODY), Record("b", day, edited), Record("c", day, other)])
    assert [g.members for g in groups] == [("a", "b")]


def test_transitive_copies_form_one_group_and_singletons_none() -> None:
    day = dt.date(2023, 1, 30)
    records = [Record(str(i), day + dt.timedelta(days=i), f"PARIS (AFP) - {BODY}") for i in range(4)]
    records.append(Record("x", day, "Unrelated words about nothing in particular at all today."))
    groups = find_syndicated(records)
    assert len(groups) == 1 and groups[0].members == ("0", "1", "2", "3")
    assert find_syndicated([]) == () and find_syndicated(records[-1:]) == ()


def test_dateline_is_ignored_when_shingling() -> None:
    assert shingles("YEREVAN, MARCH 3, ARMENPRESS. " + BODY) == shingles("MOSCOW (AP) — " + BODY)


def test_ingested_copies_of_the_seed_are_grouped(tmp_path) -> None:
    from tests.conftest import SEED
    raw = SEED.read_bytes()
    copy = raw.replace(b"STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:", b"YEREVAN, JANUARY 31, ARMENPRESS.")
    copy = copy.replace(b"date 2023-01-30", b"date 2023-01-31")
    items = [ingest_bytes(raw, "a.txt"), ingest_bytes(copy, "b.txt")]
    records = [Record(i.id, i.date, "\n\n".join(i.paragraphs), tuple(i.front_matter["agencies"])) for i in items]
    groups = find_syndicated(records)
    assert len(groups) == 1 and groups[0].canonical == items[0].id and groups[0].also == (items[1].id,)


def test_copies_more_than_a_week_apart_are_separate_statements() -> None:
    day = dt.date(2023, 1, 30)
    records = [Record("a", day, BODY), Record("b", day + dt.timedelta(days=7), BODY),
               Record("c", day + dt.timedelta(days=30), BODY)]
    assert [g.members for g in find_syndicated(records)] == [("a", "b")]


def test_the_sliding_window_finds_exactly_the_pairs_brute_force_finds() -> None:
    import random

    from builder.ingest.syndication import THRESHOLD, WINDOW_DAYS, jaccard
    rng = random.Random(7)
    bases = [rng.sample(BODY.split(), len(BODY.split())) for _ in range(6)]  # six unrelated texts
    records = []
    for i in range(120):
        text = rng.choice(bases)[:]
        for _ in range(rng.choice([0, 1, 2, 8, 30])):  # a few edits: near copies; many: different texts
            text[rng.randrange(len(text))] = rng.choice(["alpha", "beta", "gamma", "delta"])
        records.append(Record(f"r{i:03}", dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(40)), " ".join(text)))
    sets = {r.id: shingles(r.body) for r in records}
    parent = {r.id: r.id for r in records}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for a in records:
        for b in records:
            if a.id < b.id and abs((a.date - b.date).days) <= WINDOW_DAYS and jaccard(sets[a.id], sets[b.id]) >= THRESHOLD:
                parent[root(a.id)] = root(b.id)
    expected = {}
    for r in records:
        expected.setdefault(root(r.id), set()).add(r.id)
    want = sorted(sorted(g) for g in expected.values() if len(g) > 1)
    got = sorted(sorted(g.members) for g in find_syndicated(records))
    assert got == want and len(want) > 3


def test_pairs_brought_up_to_date_equal_pairs_found_afresh() -> None:
    """``updated_pairs`` after texts are edited, redated, added and removed gives exactly what ``all_pairs``
    finds, and the same groups; with most records changed it finds them afresh."""
    import random
    from dataclasses import replace

    from builder.ingest.syndication import all_pairs, groups_of, updated_pairs
    rng = random.Random(11)
    bases = [rng.sample(BODY.split(), len(BODY.split())) for _ in range(5)]

    def text() -> str:
        words = rng.choice(bases)[:]
        for _ in range(rng.choice([0, 1, 2, 30])):
            words[rng.randrange(len(words))] = rng.choice(["alpha", "beta", "gamma"])
        return " ".join(words)

    def day() -> dt.date:
        return dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(30))

    records = [Record(f"r{i:03}", day(), text(), (f"agency {i % 3}",)) for i in range(80)]
    kept = all_pairs(records)
    assert len(kept.pairs) > 10
    for round_ in range(30):
        after = list(records)
        for _ in range(rng.choice([1, 1, 2, 5])):
            i = rng.randrange(len(after))
            kind = rng.choice(["wording", "date", "copy", "removed", "agencies"])
            if kind == "wording":
                after[i] = replace(after[i], body=text())
            elif kind == "date":
                after[i] = replace(after[i], date=day())
            elif kind == "copy":  # a new copy of an existing text, a few days later
                after.append(Record(f"n{round_}-{i}", after[i].date + dt.timedelta(days=rng.randrange(8)), after[i].body))
            elif kind == "removed":
                del after[i]
            else:
                after[i] = replace(after[i], agencies=("another agency",))
        updated, fresh = updated_pairs(after, kept), all_pairs(after)
        assert updated == fresh, f"round {round_}"
        assert groups_of(after, updated.pairs) == find_syndicated(after)
        records, kept = after, updated
    everything = [replace(r, body=text()) for r in records]
    assert updated_pairs(everything, kept) == all_pairs(everything)
