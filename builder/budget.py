"""Report stage: the published files' (path, size) pairs → the site's size by part, and its formatting.

Pure: ``budget(sizes, statements) -> Budget``; ``summary_line``, ``table`` and
``over_limit`` turn it into the lines ``archive build`` prints (``--sizes``
for the table). GitHub Pages refuses a site over 1 GB, so the build says which
part makes the site big. Sizes are bytes in decimal units (1 KB = 1,000 bytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PAGES_LIMIT = 1_000_000_000  # GitHub Pages: a published site may be at most 1 GB
CITATIONS = "data/citations."  # the whole archive's BibTeX, RIS and CSL-JSON (pages make their own)
STATEMENT_FOLDERS = ("statements", "s")  # statements/<slug>/ pages and s/<id>/ permanent links
VERSION_FOLDER = re.compile(r"v\d+")
YEAR = re.compile(r"\d{4}")
NAMED = {"data": "data downloads", "pagefind": "search", "search": "search", "static": "static",
         "page": "home pages"}


@dataclass(frozen=True, slots=True)
class Row:
    part: str
    files: int
    size: int  # bytes


@dataclass(frozen=True, slots=True)
class Budget:
    rows: tuple[Row, ...]  # biggest first
    statements: int

    @property
    def files(self) -> int:
        return sum(r.files for r in self.rows)

    @property
    def size(self) -> int:
        return sum(r.size for r in self.rows)


def part_of(path: str) -> str:
    """Which part of the site an output path belongs to, e.g. 'statements/x/v2/index.html' → 'version pages'."""
    segments = path.split("/")
    top = segments[0]
    if path.startswith(CITATIONS):
        return "citations"
    if top in STATEMENT_FOLDERS and len(segments) > 1:
        return "version pages" if len(segments) == 4 and VERSION_FOLDER.fullmatch(segments[2]) else "statement pages"
    if len(segments) == 1:
        return "home pages" if path == "index.html" else "other"
    if YEAR.fullmatch(top):
        return "dates (YYYY/MM/DD/)"
    return NAMED.get(top, f"{top}/")


def budget(sizes: Iterable[tuple[str, int]], statements: int) -> Budget:
    """Files and bytes per part of the site, biggest part first (ties by name)."""
    tally = Tally()
    tally.add(sizes)
    return tally.budget(statements)


class Tally:
    """``budget`` a few files at a time: the totals per part, no path kept (a site of 470,000 files at
    100,000 statements: a table of every path and size would be 40 MB more at the build's end)."""

    def __init__(self) -> None:
        self.totals: dict[str, list[int]] = {}  # part → [files, bytes]

    def add(self, sizes: Iterable[tuple[str, int]]) -> None:
        for path, size in sizes:
            total = self.totals.setdefault(part_of(path), [0, 0])
            total[0] += 1
            total[1] += size

    def budget(self, statements: int) -> Budget:
        rows = (Row(part, files, size) for part, (files, size) in self.totals.items())
        return Budget(tuple(sorted(rows, key=lambda r: (-r.size, r.part))), statements)


def human(size: float) -> str:
    """'512 B', '6.3 KB', '61.2 MB', '1.1 GB' (decimal units)."""
    if size < 999.5:
        return f"{size:,.0f} B"
    for unit in ("KB", "MB", "GB"):
        size /= 1000
        if size < 999.95 or unit == "GB":
            return f"{size:,.1f} {unit}"
    raise AssertionError("unreachable")


def summary_line(b: Budget) -> str:
    """'site: 61.2 MB in 9,142 files (6.1 files, 6.3 KB per statement)'."""
    per = (f" ({b.files / b.statements:,.1f} files, {human(b.size / b.statements)} per statement)"
           if b.statements else "")
    return f"site: {human(b.size)} in {b.files:,} files{per}"


def table(b: Budget) -> list[str]:
    """The parts as aligned columns: part, files, size, size per statement; then the total."""
    rows = [(r.part, f"{r.files:,}", human(r.size), per_statement(r.size, b.statements)) for r in b.rows]
    rows.append(("total", f"{b.files:,}", human(b.size), per_statement(b.size, b.statements)))
    header = ("part", "files", "size", "per statement")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    return [f"{row[0]:<{widths[0]}}  " + "  ".join(f"{cell:>{w}}" for cell, w in zip(row[1:], widths[1:]))
            for row in [header, *rows]]


def per_statement(size: int, statements: int) -> str:
    return human(size / statements) if statements else "-"


def over_limit(b: Budget, limit: int | None = None) -> str | None:
    """A warning when the site is bigger than GitHub Pages publishes, naming its biggest part; else None."""
    limit = limit or PAGES_LIMIT
    if b.size <= limit or not b.rows:
        return None
    top = b.rows[0]
    return (f"the site is {human(b.size)}, over GitHub Pages' limit of {human(limit)}; its biggest part is "
            f"{top.part} ({human(top.size)} in {top.files:,} files)")
