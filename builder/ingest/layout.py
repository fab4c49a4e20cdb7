"""Ingest helpers: the blocks of a raw text → header, body, dateline.

A stored page opens with lines that are not the statement: site chrome
('Header Ads', 'Home>>'), timestamps, a headline (often twice), bylines,
labels. Then the text, whose first paragraph may open with a dateline, and
the dateline may also stand a paragraph or two further down, after the
first lines of the text. This module decides which blocks are header and
which are text, and finds the dateline wherever it stands in the first
blocks, or as a sign-off ('New Delhi' / 'April 20, 2020') at either end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.ingest.agencies import agency
from builder.ingest.dateline import Dateline, find_dateline, place_only, shown_place
from builder.ingest.dates import date_line

SCAN = 8  # blocks searched for a dateline and for the start of the text
SENTENCE_END = re.compile(r"[.!?…։:;»”\"’]\)?\s*$")
WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the text starts, and what the header and dateline are."""

    header: tuple[str, ...]  # blocks before the text
    body: tuple[str, ...]  # the text, verbatim
    dateline: Dateline | None
    dateline_block: int  # index in ``body`` of the paragraph the dateline opens, -1 if none


def is_prose(block: str) -> bool:
    """A paragraph of text rather than a header line: a sentence, or long."""
    flat = " ".join(block.split())
    words = len(WORDS.findall(flat))
    return words >= 40 or (words >= 8 and bool(SENTENCE_END.search(flat)))


def split_layout(blocks: tuple[str, ...], lead_line: str = "") -> Layout:
    """Header and body of a text's blocks; ``lead_line`` is the text after a seed's date, if any."""
    head = ((lead_line,) if lead_line else ()) + blocks
    found = first_dateline(head)
    start = first_prose(head)
    if found is not None and (start is None or found[0] <= start):
        start = found[0]
    if start is None:
        start = first_text(head, 1 if lead_line else 0)
    if lead_line and start == 0 and not (found and found[0] == 0):
        start = 1  # a seed's lead sentence is the standfirst, not the first paragraph
    body = head[start:]
    dateline, index = (found[1], found[0] - start) if found and found[0] >= start else (None, -1)
    if dateline is None:
        dateline = sign_off(body) or header_dateline(head[:start])
    return Layout(head[:start], body, dateline, index)


def first_text(blocks: tuple[str, ...], after: int) -> int:
    """With no prose near the top: the first block that is neither a date alone ('Date: 30 January 2023')
    nor a heading (a short line of words such as a headline or 'Table of contents'); failing that, the
    first that is not a date; failing that, none."""
    undated = [i for i in range(after, len(blocks)) if not date_line(" ".join(blocks[i].split()))]
    return next((i for i in undated if not is_heading(blocks[i])), undated[0] if undated else len(blocks))


def is_heading(block: str) -> bool:
    """One line of three to thirty words that does not end like a sentence nor open a numbered list."""
    flat = " ".join(block.split())
    words = len(WORDS.findall(flat))
    return ("\n" not in block.strip() and 3 <= words <= 30 and not SENTENCE_END.search(flat)
            and not re.match(r"[\d•·*-]", flat))


def first_dateline(blocks: tuple[str, ...]) -> tuple[int, Dateline] | None:
    """The first block (of the first few) that opens with a dateline, with agencies credited just after."""
    for i, block in enumerate(blocks[:SCAN]):
        found = find_dateline(block)
        if found is None:
            continue
        rest = block.replace("\n", " ")[found.end:].strip()
        if not rest and i + 1 < len(blocks):
            credited = credit_block(blocks[i + 1])
            if credited:
                found = Dateline(found.place, tuple(dict.fromkeys((*found.agencies, credited))), found.month,
                                 found.day, found.year, found.end, found.text)
        return i, found
    return None


def credit_block(block: str) -> str | None:
    """A block that only names an agency ('Trend:', 'Xinhua'): that agency."""
    text = " ".join(block.split()).strip(" :.-—")
    return agency(text) if len(text) <= 40 else None


def first_prose(blocks: tuple[str, ...]) -> int | None:
    """The first block of text: prose that the page does not repeat (a repeated block is a caption)."""
    window = blocks[:SCAN + 4]
    openings = [" ".join(b.split())[:60] for b in window]
    for i, block in enumerate(window):
        if is_prose(block) and openings.count(openings[i]) == 1:
            return i
    return None


def sign_off(body: tuple[str, ...]) -> Dateline | None:
    """A place block next to a date block, at the end ('New Delhi' / 'April 20, 2020')."""
    tail = body[-4:]
    for a, b in zip(tail, tail[1:]):
        where = place_only(a)
        if where and date_line(b):
            when = date_line(b)
            return Dateline(where, (), when.month, when.day, when.year, 0, f"{a} {b}")
    return None


def header_dateline(header: tuple[str, ...]) -> Dateline | None:
    """A place block followed by a date block in the header ('Washington, DC' / 'September 14, 2012'),
    or a place and full date closing a header line ('… The Kremlin, Moscow August 8, 2008')."""
    for a, b in zip(header, header[1:]):
        where = place_only(a)
        if where and date_line(b):
            when = date_line(b)
            return Dateline(where, (), when.month, when.day, when.year, 0, f"{a} {b}")
    for line in header:
        found = trailing_place(line)
        if found:
            return found
    return None


TRAILING = re.compile(r"(?:,\s*|\s)(?P<place>[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,2}),?\s+"
                      r"(?P<date>\d{1,2}\s+[^\W\d_]+\.?,?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
                      r"(?:\s*(?:года|г\.|թ\.))?\s*$")


def trailing_place(line: str) -> Dateline | None:
    """'Statement on … The Kremlin, Moscow August 8, 2008' → Moscow, 8 August 2008."""
    flat = " ".join(line.split())
    for m in TRAILING.finditer(flat):
        words = m.group("place").split()
        for n in range(len(words)):
            candidate = " ".join(words[n:])
            when = date_line(m.group("date"))
            if when and place_only(candidate):
                return Dateline(shown_place(candidate), (), when.month, when.day, when.year, 0,
                                flat[m.start("place") + len(" ".join(words[:n])):].strip(" ,"))
    return None
