"""Syndicated copies: statement records → groups of near-identical reports (pure).

Two agencies often carry the same text under their own datelines
('STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:' vs 'YEREVAN, JANUARY 30,
ARMENPRESS.'). The dateline is dropped, the words are lower-cased, and bodies
whose word 5-shingle sets have Jaccard similarity >= 0.8 are one group. Both
copies stay in the archive; the group names one canonical copy (earliest date,
then smallest id) and the others are "also reported by".

Copies of one report appear within days of each other: only statements at most
``WINDOW_DAYS`` apart are compared, so the work grows with the archive, not
with its square. Candidate pairs come from prefix filtering (rarest shingles
first), which finds every pair above the threshold in that window without
comparing all pairs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from builder.ingest.dateline import find_dateline

THRESHOLD = 0.8
SHINGLE = 5
MASK = (1 << 64) - 1
WINDOW_DAYS = 7  # copies further apart in time are separate statements, not syndication
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Record:
    """What syndication needs of a statement."""

    id: str
    date: dt.date
    body: str
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SyndicatedGroup:
    """One text carried several times: the canonical copy and the others, each with its agencies."""

    canonical: str
    also: tuple[str, ...]                                   # the other ids, by (date, id)
    agencies: tuple[tuple[str, tuple[str, ...]], ...]       # (id, agencies) for every member, canonical first

    @property
    def members(self) -> tuple[str, ...]:
        return (self.canonical, *self.also)


def shingles(body: str) -> frozenset[int]:
    """The body's word 5-grams (as hashes), without its opening dateline, case and punctuation.

    Hashes keep the sets small; the grouping compares set sizes and overlaps only,
    so the hash seed cannot change a result (short of a 64-bit collision).
    """
    first, _, rest = body.partition("\n\n")
    dl = find_dateline(first)
    text = (first[dl.end:] if dl else first) + " " + rest
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(SHINGLE)))))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not (a or b):
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def candidate_pairs(sets: dict[str, frozenset[int]], threshold: float,
                    days: dict[str, int] | None = None, window: int = WINDOW_DAYS) -> set[tuple[str, str]]:
    """Pairs sharing a shingle in their prefixes (rarest first) and at most ``window`` days apart
    (``days``: key → day number; without it, any distance): a superset of all pairs >= threshold."""
    frequency = Counter(s for shingle_set in sets.values() for s in shingle_set)
    rank = {s: (count << 64) | (s & MASK) for s, count in frequency.items()}  # rarest first, one global order
    day = days or dict.fromkeys(sets, 0)
    index: dict[int, list[tuple[int, str]]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for key in sorted(sets, key=lambda k: (day[k], k)):
        shingle_set = sets[key]
        ordered = sorted(shingle_set, key=rank.__getitem__)
        prefix = len(ordered) - math.ceil(threshold * len(ordered)) + 1
        for s in ordered[:prefix]:
            seen = index[s]
            for when, other in reversed(seen):  # newest first; stop at the window's edge
                if day[key] - when > window:
                    break
                pairs.add((min(key, other), max(key, other)))
            seen.append((day[key], key))
    return pairs


def find_syndicated(items: Iterable[Record | tuple[str, dt.date, str, tuple[str, ...]]],
                    threshold: float = THRESHOLD) -> tuple[SyndicatedGroup, ...]:
    """Groups of two or more near-identical bodies, sorted by canonical (date, id)."""
    records = {r.id: r for r in (x if isinstance(x, Record) else Record(x[0], x[1], x[2], tuple(x[3]))
                                 for x in items)}
    sets = {key: shingles(r.body) for key, r in records.items()}
    parent = {key: key for key in records}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    days = {key: r.date.toordinal() for key, r in records.items()}
    for a, b in sorted(candidate_pairs({k: v for k, v in sets.items() if v}, threshold, days)):
        if jaccard(sets[a], sets[b]) >= threshold:
            parent[root(a)] = root(b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in records:
        clusters[root(key)].append(key)
    groups = [make_group([records[k] for k in keys]) for keys in clusters.values() if len(keys) > 1]
    return tuple(sorted(groups, key=lambda g: (records[g.canonical].date, g.canonical)))


def make_group(members: list[Record]) -> SyndicatedGroup:
    ordered = sorted(members, key=lambda r: (r.date, r.id))
    return SyndicatedGroup(ordered[0].id, tuple(r.id for r in ordered[1:]),
                           tuple((r.id, tuple(r.agencies)) for r in ordered))
