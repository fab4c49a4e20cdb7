"""Site stage: statements → ``Site``, with every index computed once, before rendering.

Sorting, term indexes (tags, countries, people, organizations), years and
months, previous/next, changes of wording, and the duplicate checks all happen here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from builder.about import Prose
from builder.changes import Change, index_changes
from builder.changes import newest_first as newest_changes
from builder.config import Config
from builder.countries import country_code, country_name
from builder.errors import BuilderError
from builder.slugs import name_slug
from builder.model import Day, Month, Statement, Term, Year
from builder.ingest.syndication import Record, all_pairs, groups_of, pair_keys, updated_pairs
from builder.plaintext import body_text
from builder.related import TermId, cooccurrence, related_statements
from builder.remembered import remembered
from builder.slotstate import quick_state

KINDS = ("country", "person", "organization", "tag")


@dataclass(frozen=True, slots=True)
class Site:
    config: Config
    statements: tuple[Statement, ...]  # newest first
    terms: dict[str, tuple[Term, ...]]  # kind → terms, by name
    years: tuple[Year, ...]  # newest first
    neighbours: dict[str, tuple[Statement | None, Statement | None]]  # id → (older, newer)
    entities: dict[str, tuple[tuple[str, str, str], ...]]  # id → (kind, key, name) of its entities and topics
    related: dict[str, tuple[Statement, ...]]  # id → related statements, most related first
    cooccurring: dict[TermId, tuple[tuple[Term, int], ...]]  # entity → (other entity, shared count)
    days: dict[str, Day]  # ISO date → the statements of that day
    months: frozenset[str]  # 'YYYY-MM' of every month that has statements (and so a month page)
    syndicated: dict[str, Syndication]  # id → its group of near-identical copies, if any
    history: dict[str, tuple[Change, ...]]  # id → its changes of wording, oldest first
    changes: tuple[Change, ...]  # every change of wording, newest first
    about: Prose | None = None  # the about page (content/about.md), if there is one
    citations: dict[tuple[str, int], tuple[Markup, Markup]] = field(default_factory=dict)  # (id, version) →
    # (Chicago, APA), formatted before rendering (builder.citations); a wording missing here is formatted on the spot

    def statement_terms(self, s: Statement) -> tuple[tuple[str, str, str], ...]:
        """(kind, key, name) for every entity and topic of a statement, in page order (made by
        ``index_terms``: at 10,000 statements, made again for each page took the plan 0.04-0.06 s)."""
        return self.entities[s.id]


def topics_of(s: Statement) -> tuple[str, ...]:
    """Tags that are not already one of the statement's entities."""
    entity_names = set(s.people) | set(s.organizations) | {country_name(c) for c in s.countries}
    codes = set(s.countries)
    return tuple(t for t in s.tags if t not in entity_names and country_code(t) not in codes)


def check_duplicates(statements: Iterable[Statement]) -> list[BuilderError]:
    """Two statements may not share a slug or alias (they would share a URL)."""
    seen: dict[str, Statement] = {}
    errors = []
    for s in statements:
        for key, slug in [("slug", s.slug)] + [("aliases", a) for a in s.aliases]:
            other = seen.setdefault(slug, s)
            if other is not s:
                errors.append(BuilderError(f"'{slug}' is also the slug or an alias of {other.path}", file=s.path,
                                           field=key, hint="give one of them a different slug"))
    return errors


def build_site(statements: tuple[Statement, ...], config: Config, about: Prose | None = None,
               cache_dir: Path | None = None) -> Site:
    """The whole site model. ``statements`` must already be free of duplicate slugs. ``cache_dir``: where
    syndication and related statements are kept between builds (``builder.remembered``); None: nowhere."""
    newest_first = tuple(sorted(statements, key=lambda s: s.sort_key, reverse=True))
    terms, entities = index_terms(newest_first)
    years = index_dates(newest_first)
    days = {d.date.isoformat(): d for y in years for m in y.months for d in m.days}
    months = frozenset(f"{y.year:04d}-{m.month:02d}" for y in years for m in y.months)
    copies = syndication(newest_first, cache_dir)
    history = index_changes(newest_first)
    return Site(config, newest_first, terms, years, neighbours(newest_first), entities,
                related(terms, {k: v.others for k, v in copies.items()}, cache_dir), cooccurrence(terms),
                days, months, copies, history, newest_changes(history), about)


def related(terms: dict[str, tuple[Term, ...]], first: dict[str, tuple[Statement, ...]],
            cache_dir: Path | None) -> dict[str, tuple[Statement, ...]]:
    """``related_statements``, kept by what it reads: each term's statements in order (id, day, slug) and
    the syndicated copies that lead each list."""
    inputs = ([(kind, [(t.key, [(s.id, s.date.toordinal(), s.slug) for s in t.statements]) for t in group])
               for kind, group in terms.items()], [(k, [s.id for s in v]) for k, v in first.items()])
    by_id = {s.id: s for group in terms.values() for t in group for s in t.statements}
    by_id.update((s.id, s) for v in first.values() for s in v)

    def ids() -> dict[str, tuple[str, ...]]:
        return {k: tuple(s.id for s in v) for k, v in related_statements(terms, first).items()}

    return {k: tuple(by_id[i] for i in v) for k, v in remembered(cache_dir, "related", inputs, ids).items()}


@quick_state
@dataclass(frozen=True, slots=True)
class Syndication:
    """A statement's place among syndicated copies of one text."""

    canonical: Statement
    others: tuple[Statement, ...]  # the other copies, canonical first

    def is_canonical(self, s: Statement) -> bool:
        return self.canonical.id == s.id


def syndication(statements: tuple[Statement, ...], cache_dir: Path | None = None) -> dict[str, Syndication]:
    """id → Syndication for every statement carried by more than one agency report; the similar pairs the
    groups are made from are kept in ``cache_dir`` (``builder.remembered``), and after an edit only the
    changed texts are compared again (``updated_pairs``)."""
    by_id = {s.id: s for s in statements}
    records = [Record(s.id, s.date, "" if s.shingles else body_text(s.body), s.agencies, s.shingles or None)
               for s in sorted(statements, key=lambda s: s.id)]  # (a Statement made in memory has no shingles)
    out: dict[str, Syndication] = {}
    keys = pair_keys(records)  # what the pairs depend on, so what they are kept under (the agencies are not)
    pairs = remembered(cache_dir, "syndication", keys, lambda: all_pairs(records, keys=keys),
                       lambda last: updated_pairs(records, last, keys=keys))
    for group in groups_of(records, pairs.pairs):
        members = [by_id[m] for m in group.members]
        for s in members:
            out[s.id] = Syndication(members[0], tuple(m for m in members if m.id != s.id))
    return out


def index_terms(statements: tuple[Statement, ...]
                ) -> tuple[dict[str, tuple[Term, ...]], dict[str, tuple[tuple[str, str, str], ...]]]:
    """(kind → its terms, by name; id → (kind, key, name) of each of the statement's entities and topics, in
    page order: countries, people, organizations, then tags that name none of them)."""
    grouped: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    entities: dict[str, tuple[tuple[str, str, str], ...]] = {}
    made: dict[tuple[str, str], tuple[str, str, str]] = {}  # (kind, name as written) → one (kind, key, name)

    def entry(kind: str, raw: str) -> tuple[str, str, str]:
        found = made.get((kind, raw))
        if found is None:
            key = raw.lower() if kind == "country" else name_slug(raw, kind)
            found = made[(kind, raw)] = (kind, key, country_name(raw) if kind == "country" else raw)
        return found

    for s in statements:
        entries = [entry("country", c) for c in s.countries] + [entry("person", p) for p in s.people]
        entries += [entry("organization", o) for o in s.organizations] + [entry("tag", t) for t in topics_of(s)]
        entities[s.id] = tuple(entries)
        for kind, key, shown in entries:
            names.setdefault((kind, key), shown)
            group = grouped[(kind, key)]
            if not group or group[-1] is not s:
                group.append(s)
    terms: dict[str, list[Term]] = {k: [] for k in KINDS}
    for (kind, key), items in grouped.items():
        terms[kind].append(Term(kind, key, names[(kind, key)], tuple(items)))
    return {k: tuple(sorted(v, key=lambda t: (t.name.casefold(), t.key))) for k, v in terms.items()}, entities


def index_dates(statements: tuple[Statement, ...]) -> tuple[Year, ...]:
    """Years newest first; their months and days oldest first; statements newest first."""
    by_month: dict[tuple[int, int], list[Statement]] = defaultdict(list)
    by_year: dict[int, list[Statement]] = defaultdict(list)
    for s in statements:
        by_month[(s.date.year, s.date.month)].append(s)
        by_year[s.date.year].append(s)
    return tuple(Year(y, tuple(month(y, m, by_month[(y, m)]) for m in range(1, 13) if (y, m) in by_month),
                      tuple(by_year[y])) for y in sorted(by_year, reverse=True))


def month(year: int, number: int, statements: list[Statement]) -> Month:
    by_day: dict[int, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.precision == "day":  # a statement known only to the month has no day page
            by_day[s.date.day].append(s)
    days = tuple(Day(by_day[d][0].date, tuple(by_day[d])) for d in sorted(by_day))
    return Month(year, number, tuple(statements), days)


def neighbours(statements: tuple[Statement, ...]) -> dict[str, tuple[Statement | None, Statement | None]]:
    """id → (previous = older, next = newer) by date."""
    out = {}
    for i, s in enumerate(statements):
        older = statements[i + 1] if i + 1 < len(statements) else None
        newer = statements[i - 1] if i > 0 else None
        out[s.id] = (older, newer)
    return out
