"""Site stage, versions: statements → every change of wording between consecutive versions, with its
word-level difference (``builder.worddiff``), computed once per build.

A statement with earlier versions has versions 1 … n, the last being its
body; each change leads from version k - 1 to version k and happened when
version k was seen. Times come from the front matter, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.frontmatter_versions import check_seen
from builder.model import Statement
from builder.slotstate import quick_state
from builder.worddiff import WordDiff, diff_words


@quick_state
@dataclass(frozen=True, slots=True)
class Change:
    """One statement's wording changing from version ``number - 1`` to version ``number``."""

    statement: Statement
    number: int  # the newer version: 2 … statement.version
    seen: str  # when the newer version was seen (normalised as in ``versions``), '' if unknown
    diff: WordDiff

    @property
    def is_current(self) -> bool:
        return self.number == self.statement.version


def seen_of(s: Statement, number: int) -> str:
    """When version ``number`` of a statement was seen: its entry's ``seen``, or for the current text the
    time ingest recorded (``source.ingested``)."""
    if number <= len(s.versions):
        return s.versions[number - 1].seen
    try:
        return check_seen(s.source.ingested) if s.source.ingested else ""
    except ValueError:
        return ""


def statement_changes(s: Statement) -> tuple[Change, ...]:
    """The changes of one statement, oldest first (none for a statement never changed)."""
    bodies = [v.body for v in s.versions] + [s.body]
    return tuple(Change(s, n, seen_of(s, n), diff_words(bodies[n - 2], bodies[n - 1]))
                 for n in range(2, len(bodies) + 1))


def seen_time(seen: str) -> dt.datetime:
    """A sortable time for a ``seen`` value; unknown times sort as the oldest."""
    if not seen:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    when = dt.datetime.fromisoformat(seen)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def index_changes(statements: tuple[Statement, ...]) -> dict[str, tuple[Change, ...]]:
    """id → its changes, oldest first, for every statement with earlier versions."""
    return {s.id: statement_changes(s) for s in statements if s.versions}


def newest_first(history: dict[str, tuple[Change, ...]]) -> tuple[Change, ...]:
    """Every change, the newest first (then by statement date and address, so ties never depend on order)."""
    changes = [c for changes in history.values() for c in changes]
    return tuple(sorted(changes, key=lambda c: (seen_time(c.seen), c.statement.sort_key, c.number), reverse=True))
