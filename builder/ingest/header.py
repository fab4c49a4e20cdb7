"""Ingest helpers: the lines around a statement's text → date, labels; wire trailer cut.

A header is what precedes the text: a `` date`` line, a ``Date:`` line, a
spelled date, a title, wire codes, keyword paths, a byline. A trailer is what
follows a wire report: '# Notebook' sections, signatures ('dpa hm bs',
'(SDA/sj)') and the transmission stamp ('101137 GMT Dez 18').
"""

from __future__ import annotations

import datetime as dt
import re

from builder.errors import BuilderError
from builder.ingest.dates import date_at_end, date_line, trailer_date

__all__ = ["DATE_LINE", "cut_trailer", "header_date", "labels", "parse_iso_date", "trailer_date"]

DATE_LINE = re.compile(r"^\s*date\s+(\S+)(?:\s+(.*))?$", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
LABEL = re.compile(r"^\s*(press release|news release|statement|comment|communiqué(?: de presse)?|"
                   r"déclaration|press statement|readout|пресс-релиз|заявление|комментарий|"
                   r"հաղորդագրություն|հայտարարություն)\s*\.?\s*$", re.IGNORECASE)
TRAILER_START = re.compile(r"^\s*(?:#+\s*Notebook\b|\*\s\*\s\*|.*not intended for publication)", re.IGNORECASE)
SIGNATURE = re.compile(r"^\s*(?:\((?:SDA|ATS|AFP|dpa|APA)\\?/[a-z]{1,4}\)|(?:dpa|afp|ats|sda|apa)(?:\s+[a-z]{1,4}){1,6})\s*$")


def parse_iso_date(value: str, file: str, line: int) -> tuple[dt.date, str]:
    """'YYYY-MM-DD' → (date, 'day'); 'YYYY-MM' → (first of the month, 'month'); else an error."""
    m = ISO_DATE.match(value)
    if not m:
        raise BuilderError(f"expected a date as YYYY-MM-DD (or YYYY-MM when the day is unknown), got {value!r}",
                           file=file, line=line, hint="write the date line as ' date 2023-01-30 <lead sentence>'")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 1)), "day" if m[3] else "month"
    except ValueError as exc:
        raise BuilderError(f"impossible date {value!r}: {exc}", file=file, line=line,
                           hint="check the day and month") from None


def header_date(line: str, file: str, number: int) -> tuple[dt.date, str] | None:
    """The date a header line gives, if any (' date 2023-01-30', 'Date: 12 June 2023', …)."""
    match = DATE_LINE.match(line)
    if match and not match.group(2):
        return parse_iso_date(match.group(1), file, number)
    found = date_line(line) or date_at_end(line)
    return (found, "day") if found else None


def cut_trailer(blocks: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """(the blocks without a wire trailer, the trailer's lines)."""
    end = len(blocks)
    for i, block in enumerate(blocks):
        if i > 0 and TRAILER_START.match(block.split("\n")[0]):
            end = i
            break
    while end > 1 and all(trailer_date(x) or SIGNATURE.match(x) or not x.strip()
                          for x in blocks[end - 1].split("\n")):
        end -= 1
    return blocks[:end], [line for b in blocks[end:] for line in b.split("\n")]


def labels(head: list[str]) -> tuple[str, ...]:
    """Genre labels written above the text ('Press release'), lower-cased."""
    return tuple(m.group(1).lower() for line in head if (m := LABEL.match(line)))
