"""What a maintainer should check by hand: the metadata of a statement that extraction left empty or
only guessed. Pure functions over front matter (ingest) and ``Statement``s (``archive check``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from builder.model import Statement


def gaps(fields: dict[str, Any], notes: Iterable[str] = ()) -> tuple[str, ...]:
    """'no dateline found', 'issuer unknown', … for one statement's front matter, plus ingest's own notes."""
    found = list(notes)
    if not fields.get("dateline"):
        found.append("no dateline found")
    if fields.get("type") == "news report" and not fields.get("agencies"):
        found.append("no agency credited")
    if not fields.get("issuer"):
        found.append("issuer unknown")
    if not fields.get("countries"):
        found.append("no country found")
    if not fields.get("people"):
        found.append("no person found")
    date = fields.get("date")
    if isinstance(date, str):
        found.append("date known only to the month")
    return tuple(found)


def statement_gaps(s: Statement) -> tuple[str, ...]:
    return gaps({"dateline": s.dateline, "type": s.type, "agencies": s.agencies, "issuer": s.issuer,
                 "countries": s.countries, "people": s.people,
                 "date": s.date_iso if s.precision == "month" else s.date})


def report_lines(rows: Iterable[tuple[str, tuple[str, ...]]]) -> list[str]:
    """'path: issuer unknown; no dateline found' for each statement with something to check."""
    return [f"{path}: {'; '.join(found)}" for path, found in rows if found]
