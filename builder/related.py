"""Site stage, relations: related statements and co-occurring entities, computed once.

Related statements share entities and are close in time. For speed at archive
scale, candidates come from each shared term's nearest neighbours in time,
never from all pairs.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from itertools import chain, permutations
from operator import itemgetter

from builder.model import Statement, Term

WINDOW = 8  # neighbours on each side, per shared term
RELATED = 5  # statements shown
COOCCURRING = 8  # entities shown on an entity page
ENTITY_KINDS = ("country", "person", "organization")
TermId = tuple[str, str]  # (kind, key)


def term_weight(term: Term) -> float:
    """Rare terms say more than common ones."""
    return 1.0 / math.log2(2 + len(term.statements))


def related_statements(terms: dict[str, tuple[Term, ...]], first: dict[str, tuple[Statement, ...]]
                       ) -> dict[str, tuple[Statement, ...]]:
    """id → the most related statements: ``first`` (syndicated copies) lead, then by score.

    Assumes unique ids and slugs (``load_content`` and ``check_duplicates`` see to it), so the
    ranking key — score rounded to 9 places, newer first, then slug — never ties.
    """
    statements, rows = scored_pairs(terms)
    number = {s.id: n for n, s in enumerate(statements)}
    tail = [(-s.date.toordinal(), s.slug) for s in statements]
    out: dict[str, tuple[Statement, ...]] = {}
    for s, row in zip(statements, rows):
        lead = first.get(s.id, ())
        skip = {number.get(x.id) for x in lead}
        candidates = [c for c in row if c[0] not in skip] if skip else row
        out[s.id] = lead + tuple(statements[b] for b in best(candidates, RELATED - len(lead), tail))
    for sid, lead in first.items():
        out.setdefault(sid, lead)
    return out


def scored_pairs(terms: dict[str, tuple[Term, ...]]) -> tuple[list[Statement], list[list[tuple[int, float]]]]:
    """Statements sharing a term with another (first seen first), and each one's (other's number, score).

    A pair's score is summed over its shared terms in term order, kept once (under the lower
    number) since both directions get the same additions, then copied into both rows.
    """
    numbers: dict[str, int] = {}
    statements: list[Statement] = []
    half: list[defaultdict[int, float]] = []
    for term in (t for kind in terms.values() for t in kind if len(t.statements) > 1):
        for s in term.statements:
            if s.id not in numbers:
                numbers[s.id] = len(statements)
                statements.append(s)
                half.append(defaultdict(float))
        add_window(half, [numbers[s.id] for s in term.statements],
                   [s.date.toordinal() for s in term.statements], term_weight(term))
    rows: list[list[tuple[int, float]]] = [[] for _ in statements]
    for a, partners in enumerate(half):
        for b, score in partners.items():
            rows[a].append((b, score))
            rows[b].append((a, score))
    return statements, rows


def add_window(half: list[defaultdict[int, float]], numbers: list[int], days: list[int], weight: float) -> None:
    """Add one term's closeness for every pair at most WINDOW apart in its (newest first) list."""
    n = len(numbers)
    for i in range(n - 1):
        a, day = numbers[i], days[i]
        for j in range(i + 1, min(n, i + WINDOW + 1)):
            b = numbers[j]
            v = weight / (1 + abs(day - days[j]) / 180)
            if a < b:
                half[a][b] += v
            elif b < a:
                half[b][a] += v


def best(row: list[tuple[int, float]], k: int, tail: list[tuple[int, str]]) -> list[int]:
    """The k best numbers by (-round(score, 9), tail): exactly ``sorted(...)[:k]``.

    Rounding never reverses order, so only scores within rounding reach of the k-th highest
    raw score can rank; the exact key is computed for those alone.
    """
    if k <= 0:
        return []
    if len(row) > k:
        floor = round(heapq.nlargest(k, row, key=itemgetter(1))[-1][1], 9) - 1e-6
        row = [c for c in row if c[1] >= floor]
    return [b for b, _ in heapq.nsmallest(k, row, key=lambda c: (-round(c[1], 9), tail[c[0]]))]


def cooccurrence(terms: dict[str, tuple[Term, ...]]) -> dict[TermId, tuple[tuple[Term, int], ...]]:
    """(kind, key) of each entity → the other entities it most often appears with, and how often."""
    entities = [t for kind in ENTITY_KINDS for t in terms.get(kind, ())]
    of_statement: dict[str, list[int]] = defaultdict(list)
    for n, term in enumerate(entities):
        for s in term.statements:
            of_statement[s.id].append(n)
    pairs = Counter(chain.from_iterable(permutations(g, 2) for g in of_statement.values()))
    rows: dict[int, list[tuple[int, int]]] = {}
    for (a, b), n in pairs.items():  # first-met order, as counting pair by pair would give
        if a != b:
            rows.setdefault(a, []).append((b, n))
    folded = [t.name.casefold() for t in entities]
    return {(entities[a].kind, entities[a].key):
            tuple((entities[b], n) for b, n in heapq.nsmallest(COOCCURRING, row, key=lambda x: (-x[1], folded[x[0]])))
            for a, row in rows.items()}


def year_counts(term: Term) -> tuple[tuple[int, int], ...]:
    """(year, count), oldest first, with empty years in between filled as 0."""
    counts = Counter(s.date.year for s in term.statements)
    if not counts:
        return ()
    return tuple((y, counts.get(y, 0)) for y in range(min(counts), max(counts) + 1))
