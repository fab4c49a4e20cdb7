"""The fast relations (related statements, co-occurrence) give exactly what the plain algorithms gave.

The reference functions below are the pre-optimisation code, kept verbatim as the specification:
same statements in the same order, same counts, same dict order.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict

import pycountry
import pytest

from builder.config import Config
from builder.countries import DISPLAY, country_code, country_name, name_index
from builder.model import Source, Statement, Term
from builder.related import COOCCURRING, ENTITY_KINDS, RELATED, WINDOW, best, cooccurrence, related_statements
from builder.site import build_site, index_terms, topics_of
from builder.slugs import _slug, name_slug, slugify

COUNTRIES = ("AM", "AZ", "RU", "TR", "FR", "GE", "IR", "US", "DE", "CN")
PEOPLE = ("Sergey Lavrov", "Ruben Rubinyan", "Serdar Kılıç", "Amal", "Jeyhun Bayramov", "Ararat Mirzoyan")
ORGANIZATIONS = ("AMAL", "OSCE", "3+3 platform", "NATO", "United Nations")  # 'AMAL' ties 'Amal' when casefolded
TAGS = ("trade", "Armenia", "Russia", "normalization", "Sergey Lavrov", "regional security", "Türkiye", "Nato")


def statement(n: int, rng: random.Random) -> Statement:
    date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.choice([rng.randrange(40), rng.randrange(2000)]))
    pick = lambda pool, most: tuple(rng.sample(pool, rng.randrange(most + 1)))  # noqa: E731
    return Statement(id=f"id{n:04d}", slug=f"{date}-s{n:04d}", title=f"T{n}", lead="", date=date, dateline="",
                     agencies=("TASS",), issuer="", type="statement", language="en", countries=pick(COUNTRIES, 4),
                     people=pick(PEOPLE, 3), organizations=pick(ORGANIZATIONS, 2), tags=pick(TAGS, 3),
                     references=(), source=Source(f"{n}.txt", "0" * 64, "utf-8"),
                     body=f"Statement number {n} about item {n * 7919}.", body_html="", path=f"content/{n}.md")


def corpus(seed: int, size: int) -> tuple[Statement, ...]:
    rng = random.Random(seed)
    return tuple(statement(n, rng) for n in range(size))


def ref_term_weight(term: Term) -> float:
    return 1.0 / math.log2(2 + len(term.statements))


def ref_related(terms: dict[str, tuple[Term, ...]], first: dict[str, tuple[Statement, ...]]
                ) -> dict[str, tuple[Statement, ...]]:
    scores: dict[str, Counter[str]] = defaultdict(Counter)
    by_id: dict[str, Statement] = {}
    for term in (t for kind in terms.values() for t in kind):
        weight = ref_term_weight(term)
        items = term.statements
        for i, s in enumerate(items):
            by_id[s.id] = s
            for other in items[max(0, i - WINDOW):i + WINDOW + 1]:
                if other.id != s.id:
                    scores[s.id][other.id] += weight / (1 + abs((s.date - other.date).days) / 180)
    out: dict[str, tuple[Statement, ...]] = {}
    for sid, counter in scores.items():
        lead = first.get(sid, ())
        skip = {x.id for x in lead} | {sid}
        ranked = sorted((c for c in counter if c not in skip),
                        key=lambda c: (-round(counter[c], 9), by_id[c].date.toordinal() * -1, by_id[c].slug))
        out[sid] = lead + tuple(by_id[c] for c in ranked[:max(0, RELATED - len(lead))])
    for sid, lead in first.items():
        out.setdefault(sid, lead)
    return out


def ref_cooccurrence(terms: dict[str, tuple[Term, ...]]) -> dict[tuple[str, str], tuple[tuple[Term, int], ...]]:
    of_statement: dict[str, list[Term]] = defaultdict(list)
    for kind in ENTITY_KINDS:
        for term in terms.get(kind, ()):
            for s in term.statements:
                of_statement[s.id].append(term)
    counts: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    lookup: dict[tuple[str, str], Term] = {}
    for group in of_statement.values():
        for a in group:
            lookup[(a.kind, a.key)] = a
            for b in group:
                if a is not b:
                    counts[(a.kind, a.key)][(b.kind, b.key)] += 1
    return {tid: tuple((lookup[o], n) for o, n in sorted(c.items(), key=lambda x: (-x[1], lookup[x[0]].name.casefold()))
                       [:COOCCURRING]) for tid, c in counts.items()}


def ref_slugify(text: str) -> str:
    """The slug computed afresh, without the memo."""
    return _slug(text)


def ref_country_name(code: str) -> str:
    if code in DISPLAY:
        return DISPLAY[code]
    country = pycountry.countries.get(alpha_2=code)
    return code if country is None else getattr(country, "common_name", None) or country.name


def ids(related: dict[str, tuple[Statement, ...]]) -> list[tuple[str, list[str]]]:
    return [(k, [s.id for s in v]) for k, v in related.items()]


def shown(co: dict[tuple[str, str], tuple[tuple[Term, int], ...]]) -> list[tuple[tuple[str, str], list]]:
    return [(k, [((t.kind, t.key), n) for t, n in v]) for k, v in co.items()]


@pytest.mark.parametrize("seed,size", [(1, 300), (2, 500), (3, 40), (4, 2)])
def test_related_and_cooccurrence_match_the_plain_algorithms(seed: int, size: int) -> None:
    newest_first = tuple(sorted(corpus(seed, size), key=lambda s: s.sort_key, reverse=True))
    terms, _ = index_terms(newest_first)
    rng = random.Random(seed)
    chosen = rng.sample(newest_first, min(len(newest_first), 30))
    first = {s.id: tuple(rng.sample(newest_first, min(size, rng.randrange(1, 7)))) for s in chosen}  # leads of 1..6
    first = {k: tuple(x for x in v if x.id != k) for k, v in first.items()}
    for leads in ({}, first):
        assert ids(related_statements(terms, leads)) == ids(ref_related(terms, leads))
    assert shown(cooccurrence(terms)) == shown(ref_cooccurrence(terms))


def ref_statement_terms(s: Statement) -> list[tuple[str, str, str]]:
    """``Site.statement_terms`` as it was, made again for each page from the statement."""
    pairs = [("country", c) for c in s.countries] + [("person", p) for p in s.people]
    pairs += [("organization", o) for o in s.organizations] + [("tag", t) for t in topics_of(s)]
    return [(kind, name.lower() if kind == "country" else name_slug(name, kind),
             country_name(name) if kind == "country" else name) for kind, name in pairs]


@pytest.mark.parametrize("seed,size", [(1, 300), (3, 40)])
def test_each_statements_entities_are_made_once_as_they_were_for_each_page(seed: int, size: int) -> None:
    newest_first = tuple(sorted(corpus(seed, size), key=lambda s: s.sort_key, reverse=True))
    site = build_site(newest_first, Config())
    assert any(t[2] == "Türkiye" for s in newest_first for t in site.statement_terms(s))
    for s in newest_first:
        assert list(site.statement_terms(s)) == ref_statement_terms(s)


def test_best_is_the_head_of_the_full_sort_even_for_scores_a_rounding_apart() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        size = rng.randrange(12)
        tail = [(-rng.randrange(3), f"s{b}") for b in range(size)]
        nudges = (0.0, 1e-12, -1e-12, 4e-10, -4e-10, 6e-10, 2e-9)
        row = [(b, rng.choice((0.3, 0.1 + 0.2, 1.25, 0.7)) + rng.choice(nudges)) for b in range(size)]
        k = rng.randrange(7)
        expected = [b for b, v in sorted(row, key=lambda c: (-round(c[1], 9), tail[c[0]]))[:max(0, k)]]
        assert best(row, k, tail) == expected


def test_build_site_relations_match_the_plain_algorithms() -> None:
    site = build_site(corpus(7, 400), Config())
    first = {k: v.others for k, v in site.syndicated.items()}
    assert ids(site.related) == ids(ref_related(site.terms, first))
    assert shown(site.cooccurring) == shown(ref_cooccurrence(site.terms))
    assert any(len(v) == RELATED for v in site.related.values())


def test_memoised_lookups_match_the_plain_functions() -> None:
    texts = list(PEOPLE + ORGANIZATIONS + TAGS) + ["", "Пример", "  Armenia ", "Ivory Coast", "ß+ø"]
    for text in texts * 2:
        assert slugify(text) == ref_slugify(text)
        assert country_code(text) == (name_index().get(text) or name_index().get(text.strip()))
    for code in COUNTRIES + ("XX", "GB", "KR", "ZZ") * 2:
        assert country_name(code) == ref_country_name(code)
