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
    shared = SharedTerms(terms)
    statements, number = shared.statements, shared.numbers
    tail = [(-s.date.toordinal(), s.slug) for s in statements]
    out: dict[str, tuple[Statement, ...]] = {}
    for a, s in enumerate(statements):
        lead = first.get(s.id, ())
        skip = {number.get(x.id) for x in lead}
        row = shared.scored(a)
        candidates = [c for c in row if c[0] not in skip] if skip else row
        out[s.id] = lead + tuple(statements[b] for b in best(candidates, RELATED - len(lead), tail))
    for sid, lead in first.items():
        out.setdefault(sid, lead)
    return out


class SharedTerms:
    """The terms with more than one statement, in term order, as lists of statement numbers and days, and
    where each statement stands in them. Statements are numbered as first met in those terms.

    A statement's candidates are scored one statement at a time (``scored``), so only one row of scores
    is held at once. Scoring every pair first, then copying each into both statements' rows, held 86 MB
    at its peak for the benchmark's 10,000 statements (tracemalloc), against 15 MB now, in the same
    0.8 s, with the same result: the site stage of a cold build had grown the build's process by 85 MB.
    """

    def __init__(self, terms: dict[str, tuple[Term, ...]]):
        self.numbers: dict[str, int] = {}  # id → number
        numbers = self.numbers
        self.statements: list[Statement] = []
        self.lists: list[tuple[list[int], list[int], float]] = []  # (numbers, days, weight) of each term
        self.places: list[list[tuple[int, int]]] = []  # of each statement: (term, position) in term order
        for term in (t for kind in terms.values() for t in kind if len(t.statements) > 1):
            members = []
            for position, s in enumerate(term.statements):
                if s.id not in numbers:
                    numbers[s.id] = len(self.statements)
                    self.statements.append(s)
                    self.places.append([])
                members.append(numbers[s.id])
                self.places[numbers[s.id]].append((len(self.lists), position))
            self.lists.append((members, [s.date.toordinal() for s in term.statements], term_weight(term)))

    def scored(self, a: int) -> list[tuple[int, float]]:
        """(other's number, score) of each statement within WINDOW of ``a`` in a term they share.

        A pair's score is summed over its shared terms in term order: the same sum, term by term, whichever
        of the two statements it is computed for.
        """
        scores: dict[int, float] = {}
        for t, i in self.places[a]:
            members, days, weight = self.lists[t]
            day = days[i]
            for j in range(max(0, i - WINDOW), min(len(members), i + WINDOW + 1)):
                b = members[j]
                if b != a:
                    scores[b] = scores.get(b, 0.0) + weight / (1 + abs(day - days[j]) / 180)
        return list(scores.items())


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
