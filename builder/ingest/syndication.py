"""Syndicated copies: statement records → groups of near-identical reports (pure).

Two agencies often carry the same text under their own datelines
('STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:' vs 'YEREVAN, JANUARY 30,
ARMENPRESS.'). The dateline is dropped, the words are lower-cased, and bodies
whose word 5-shingle sets have Jaccard similarity >= 0.8 are one group. Both
copies stay in the archive; the group names one canonical copy (earliest date,
then smallest id) and the others are "also reported by".

Copies of one report appear within days of each other: only statements at most
``WINDOW_DAYS`` apart are compared, so the work grows with the archive, not
with its square. Candidate pairs come from prefix filtering, which finds every
pair above the threshold in that window without comparing all pairs.

Whether two texts are a pair depends on those two texts alone (their dates and
5-grams), so the pairs of a set of records (``Pairs``) can be brought up to date
after a few records change (``updated_pairs``): the pairs of two unchanged
records stay, and each changed record is compared with the records of its
window. The groups are then made from the pairs as on a first run.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
import zlib
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from builder.slotstate import quick_state

THRESHOLD = 0.8
SHINGLE = 5
WINDOW_DAYS = 7  # copies further apart in time are separate statements, not syndication
WORD = re.compile(r"\w+")


@quick_state
@dataclass(frozen=True, slots=True)
class Record:
    """What syndication needs of a statement."""

    id: str
    date: dt.date
    body: str
    agencies: tuple[str, ...] = ()
    shingles: bytes | None = None  # ``shingle_key(body)`` when already made (then ``body`` is not read)


@dataclass(frozen=True, slots=True)
class SyndicatedGroup:
    """One text carried several times: the canonical copy and the others, each with its agencies."""

    canonical: str
    also: tuple[str, ...]                                   # the other ids, by (date, id)
    agencies: tuple[tuple[str, tuple[str, ...]], ...]       # (id, agencies) for every member, canonical first

    @property
    def members(self) -> tuple[str, ...]:
        return (self.canonical, *self.also)


def shingle_key(body: str) -> bytes:
    """The body's word 5-grams as sorted 64-bit hashes (``array('Q')`` bytes), without its opening
    dateline, case and punctuation: what syndication compares, made once per text (the loader keeps it
    with the statement, so a build reads it from the load cache instead of parsing every dateline again).

    The hashes are the same in every process (two zlib checksums of the 5-gram's UTF-8), so they can be
    cached; the grouping compares set sizes and overlaps only, so no hash order can change a result
    (short of a 64-bit collision).
    """
    from builder.ingest.dateline import find_dateline  # (with the place gazetteer: when a text is parsed)
    first, _, rest = body.partition("\n\n")
    dl = find_dateline(first)
    words = WORD.findall(((first[dl.end:] if dl else first) + " " + rest).lower())
    grams = [" ".join(words)] if 0 < len(words) < SHINGLE else [" ".join(g) for g in zip(*(words[i:] for i in range(SHINGLE)))]
    hashes = {zlib.crc32(b) << 32 | zlib.adler32(b) for b in (g.encode("utf-8") for g in grams)}
    return array("Q", sorted(hashes)).tobytes()


def shingles(body: str) -> frozenset[int]:
    """``shingle_key`` as a set."""
    return frozenset(array("Q", shingle_key(body)))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not (a or b):
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similar_pairs(records: Iterable[Record], threshold: float) -> Iterator[tuple[str, str]]:
    """(earlier id, later id) of every two records at most ``WINDOW_DAYS`` apart with Jaccard >= threshold.

    Records are read in date order through a sliding window: only the last
    days' shingle sets are held, with an index of their prefixes (the smallest
    hashes: any one global order makes prefix filtering exact), so memory stays
    flat however large the archive.
    """
    window: deque[tuple[int, str, list[int]]] = deque()  # (day, id, prefix) in date order
    sets: dict[str, frozenset[int]] = {}
    index: dict[int, list[str]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.date, r.id)):
        day = r.date.toordinal()
        while window and day - window[0][0] > WINDOW_DAYS:
            forget(window.popleft(), index, sets)
        ordered = array("Q", shingle_key(r.body) if r.shingles is None else r.shingles)
        if not ordered:
            continue
        shingle_set = frozenset(ordered)
        prefix = list(ordered[:len(ordered) - math.ceil(threshold * len(ordered)) + 1])
        for other in sorted({other for s in prefix for other in index.get(s, ())}):
            if jaccard(shingle_set, sets[other]) >= threshold:
                yield other, r.id
        for s in prefix:
            index[s].append(r.id)
        sets[r.id] = shingle_set
        window.append((day, r.id, prefix))


def forget(entry: tuple[int, str, list[int]], index: dict[int, list[str]], sets: dict[str, frozenset[int]]) -> None:
    """Drop a record that left the window from the prefix index."""
    _, key, prefix = entry
    for s in prefix:
        keys = index[s]
        keys.remove(key)
        if not keys:
            del index[s]
    del sets[key]


@dataclass(frozen=True, slots=True)
class Pairs:
    """Every similar pair among a set of records, and what each record was when they were found."""

    keys: dict[str, bytes]  # id → ``pair_key`` of the record
    pairs: frozenset[tuple[str, str]]  # (earlier id, later id) by (date, id)


def pair_key(r: Record) -> bytes:
    """What decides a record's pairs: its date and its 5-grams."""
    h = hashlib.blake2b(r.date.isoformat().encode(), digest_size=16)
    h.update(shingle_key(r.body) if r.shingles is None else r.shingles)
    return h.digest()


def pair_keys(records: Iterable[Record]) -> dict[str, bytes]:
    """id → ``pair_key`` of each record: all that its pairs depend on."""
    return {r.id: pair_key(r) for r in records}


def all_pairs(records: Iterable[Record], threshold: float = THRESHOLD,
              keys: dict[str, bytes] | None = None) -> Pairs:
    """Every similar pair of ``records``; ``keys``: their ``pair_keys``, when the caller has them."""
    records = list(records)
    return Pairs(pair_keys(records) if keys is None else keys, frozenset(similar_pairs(records, threshold)))


def updated_pairs(records: Iterable[Record], last: Pairs, threshold: float = THRESHOLD,
                  keys: dict[str, bytes] | None = None) -> Pairs:
    """``all_pairs(records)``, from the pairs ``last`` found for the records as they were then: the pairs of
    two records that did not change are kept, and each new or changed record is compared with its window.
    ``keys``: the records' ``pair_keys``, when the caller has them."""
    records = list(records)
    keys = pair_keys(records) if keys is None else keys
    changed = {key for key, k in keys.items() if last.keys.get(key) != k}
    if 4 * len(changed) > len(records):
        return all_pairs(records, threshold, keys)
    kept = {(a, b) for a, b in last.pairs if a in keys and b in keys and a not in changed and b not in changed}
    return Pairs(keys, frozenset(kept | set(pairs_of(records, changed, threshold))))


def pairs_of(records: list[Record], changed: set[str], threshold: float) -> Iterator[tuple[str, str]]:
    """The similar pairs that have a record of ``changed`` in them: each compared with every record at most
    ``WINDOW_DAYS`` from it, as ``similar_pairs`` compares them."""
    ordered = sorted(records, key=lambda r: (r.date, r.id))
    days = [r.date.toordinal() for r in ordered]
    sets: dict[str, frozenset[int]] = {}

    def shingle_set(r: Record) -> frozenset[int]:
        if r.id not in sets:
            sets[r.id] = frozenset(array("Q", shingle_key(r.body) if r.shingles is None else r.shingles))
        return sets[r.id]

    for r in (r for r in ordered if r.id in changed):
        day = r.date.toordinal()
        if not shingle_set(r):
            continue
        for other in ordered[bisect.bisect_left(days, day - WINDOW_DAYS):bisect.bisect_right(days, day + WINDOW_DAYS)]:
            if other.id != r.id and shingle_set(other) and jaccard(shingle_set(r), shingle_set(other)) >= threshold:
                yield ((other.id, r.id) if (other.date, other.id) < (r.date, r.id) else (r.id, other.id))


def find_syndicated(items: Iterable[Record | tuple[str, dt.date, str, tuple[str, ...]]],
                    threshold: float = THRESHOLD) -> tuple[SyndicatedGroup, ...]:
    """Groups of two or more near-identical bodies, sorted by canonical (date, id)."""
    records = [x if isinstance(x, Record) else Record(x[0], x[1], x[2], tuple(x[3])) for x in items]
    return groups_of(records, similar_pairs(records, threshold))


def groups_of(items: Iterable[Record], pairs: Iterable[tuple[str, str]]) -> tuple[SyndicatedGroup, ...]:
    """The groups the ``pairs`` of ``items`` join, sorted by canonical (date, id)."""
    records = {r.id: r for r in items}
    parent = {key: key for key in records}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in sorted(pairs):
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
