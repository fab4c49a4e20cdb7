"""Syndicated copies: statement records → groups of near-identical reports (pure).

Two agencies often carry the same text under their own datelines
('STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:' vs 'YEREVAN, JANUARY 30,
ARMENPRESS.'). The dateline is dropped, the words are lower-cased, and bodies
whose word 5-shingle sets have Jaccard similarity >= 0.8 are one group. Both
copies stay in the archive; the group names one canonical copy (earliest date,
then smallest id) and the others are "also reported by".

Candidate pairs come from prefix filtering (rarest shingles first), which finds
every pair above the threshold without comparing all pairs.
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


def shingles(body: str) -> frozenset[str]:
    """The body's word 5-grams, without its opening dateline, case and punctuation."""
    first, _, rest = body.partition("\n\n")
    dl = find_dateline(first)
    text = (first[dl.end:] if dl else first) + " " + rest
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def candidate_pairs(sets: dict[str, frozenset[str]], threshold: float) -> set[tuple[str, str]]:
    """Pairs sharing a shingle in their prefixes (rarest first): a superset of all pairs >= threshold."""
    frequency = Counter(s for shingle_set in sets.values() for s in shingle_set)
    index: dict[str, list[str]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for key, shingle_set in sets.items():
        ordered = sorted(shingle_set, key=lambda s: (frequency[s], s))
        prefix = len(ordered) - math.ceil(threshold * len(ordered)) + 1
        for s in ordered[:prefix]:
            for other in index[s]:
                pairs.add((min(key, other), max(key, other)))
            index[s].append(key)
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

    for a, b in sorted(candidate_pairs({k: v for k, v in sets.items() if v}, threshold)):
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
