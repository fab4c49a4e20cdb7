"""Site stage, relations: related statements and co-occurring entities, computed once.

Related statements share entities and are close in time. For speed at archive
scale, candidates come from each shared term's nearest neighbours in time,
never from all pairs.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

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
    """id → the most related statements: ``first`` (syndicated copies) lead, then by score."""
    scores: dict[str, Counter[str]] = defaultdict(Counter)
    by_id: dict[str, Statement] = {}
    for term in (t for kind in terms.values() for t in kind):
        weight = term_weight(term)
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


def cooccurrence(terms: dict[str, tuple[Term, ...]]) -> dict[TermId, tuple[tuple[Term, int], ...]]:
    """(kind, key) of each entity → the other entities it most often appears with, and how often."""
    of_statement: dict[str, list[Term]] = defaultdict(list)
    for kind in ENTITY_KINDS:
        for term in terms.get(kind, ()):
            for s in term.statements:
                of_statement[s.id].append(term)
    counts: dict[TermId, Counter[TermId]] = defaultdict(Counter)
    lookup: dict[TermId, Term] = {}
    for group in of_statement.values():
        for a in group:
            lookup[(a.kind, a.key)] = a
            for b in group:
                if a is not b:
                    counts[(a.kind, a.key)][(b.kind, b.key)] += 1
    return {tid: tuple((lookup[o], n) for o, n in sorted(c.items(), key=lambda x: (-x[1], lookup[x[0]].name.casefold()))[:COOCCURRING])
            for tid, c in counts.items()}


def year_counts(term: Term) -> tuple[tuple[int, int], ...]:
    """(year, count), oldest first, with empty years in between filled as 0."""
    counts = Counter(s.date.year for s in term.statements)
    if not counts:
        return ()
    return tuple((y, counts.get(y, 0)) for y in range(min(counts), max(counts) + 1))
