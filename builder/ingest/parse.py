"""Ingest stage 2: clean text → ``Parsed`` (date, title, lead, paragraphs, dateline).

Two shapes. The seed shape: a first line `` date YYYY-MM-DD <lead>`` and then the
paragraphs, kept exactly. Every other shape: optional header lines (`` date``
line, ``Date:`` line, spelled date, title, wire codes, byline), the paragraphs
(the first may open with a dateline), and an optional wire trailer, which is
cut. The date comes from the header, else a dateline with a year, else a wire
trailer; a missing date or year is a ``BuilderError`` — never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from builder.errors import BuilderError
from builder.ingest import header
from builder.ingest.dateline import Dateline, find_dateline
from builder.ingest.dates import make_date

DATE_HINT = ("add a first line ' date YYYY-MM-DD' (optionally followed by the lead sentence), "
             "e.g. ' date 2023-01-30'; the date is never guessed")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
ARMENIAN = re.compile(r"[\u0531-\u0587]")
ABBREVIATION = re.compile(r"(?:\b[A-ZА-Я]|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Lt|Col|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|"
                          r"Jr|Sr|Prof|Amb|Rep|Sen|Gov|vs|etc|U\.S|U\.N|т|г|им))$")


@dataclass(frozen=True, slots=True)
class Parsed:
    date: dt.date
    lead: str
    paragraphs: tuple[str, ...]
    dateline: str
    agencies: tuple[str, ...]
    title: str = ""          # a headline given in the text, '' when the lead makes the title
    labels: tuple[str, ...] = ()  # header words such as 'Press release'
    opening_end: int = 0     # where the first paragraph's own words start (after the dateline)


def parse(text: str, file: str) -> Parsed:
    """Split a raw statement into its parts, or say what is missing."""
    if not text.strip():
        raise BuilderError("the file is empty", file=file,
                           hint="a statement needs a first line ' date YYYY-MM-DD <lead sentence>' and its text")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    seed = header.DATE_LINE.match(lines[first])
    if seed and (seed.group(2) or "").strip():
        return parse_seed(lines, first, seed, file)
    return parse_general(text, file)


def parse_seed(lines: list[str], first: int, match: re.Match[str], file: str) -> Parsed:
    """' date YYYY-MM-DD <lead>' then the paragraphs, all kept."""
    date = header.parse_iso_date(match.group(1), file, first + 1)
    paragraphs = split_paragraphs("\n".join(lines[first + 1:]))
    if not paragraphs:
        raise BuilderError("no statement text after the date line", file=file, line=first + 1,
                           hint="add the statement's paragraphs after a blank line")
    dl = find_dateline(paragraphs[0])
    place, agencies = (dl.place, dl.agencies) if dl else ("", ())
    return Parsed(date, match.group(2).strip(), paragraphs, place, agencies, opening_end=dl.end if dl else 0)


def parse_general(text: str, file: str) -> Parsed:
    """Header, body, trailer; the date from wherever the text honestly gives it."""
    blocks = split_paragraphs(text)
    blocks, trailer = header.cut_trailer(blocks)
    start, dl = header.body_start(blocks)
    head = [line for block in blocks[:start] for line in block.split("\n")]
    paragraphs = tuple(blocks[start:])
    if not paragraphs:
        raise BuilderError("no statement text found", file=file,
                           hint="separate the title and date lines from the text with a blank line")
    date = resolve_date(head, dl, trailer, text, file)
    opening = paragraphs[0][dl.end:] if dl else paragraphs[0]
    return Parsed(date, first_sentence(opening), paragraphs, dl.place if dl else "",
                  dl.agencies if dl else (), header.title(head), header.labels(head), dl.end if dl else 0)


def resolve_date(head: list[str], dl: Dateline | None, trailer: list[str], text: str, file: str) -> dt.date:
    """Header date, else a dateline with a year, else a wire trailer; otherwise an error."""
    for line in head:
        found = header.header_date(line, file, line_number(text, line))
        if found:
            return found
    if dl and dl.year and dl.month and dl.day:
        found = make_date(dl.year, dl.month, dl.day)
        if found:
            return found
    for line in reversed(trailer):
        found = header.trailer_date(line)
        if found:
            return found
    if dl and dl.month and dl.day:
        raise BuilderError(f"no date line, and the dateline gives {MONTHS[dl.month - 1].capitalize()} {dl.day} but no year",
                           file=file, line=1, field="date", hint=DATE_HINT)
    raise BuilderError("no date line and no date found in the text", file=file, line=1, field="date", hint=DATE_HINT)


def line_number(text: str, line: str) -> int:
    return text[:max(text.find(line), 0)].count("\n") + 1


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; lines inside one are kept."""
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    return tuple(b.strip("\n") for b in blocks if b.strip())


def first_sentence(paragraph: str) -> str:
    """Up to the first full stop that ends a sentence (not 'Mr.', 'Jan.', 'R. K.')."""
    flat = " ".join(paragraph.split())
    stops = "[.!?…։:]" if ARMENIAN.search(flat) else "[.!?…]"
    for m in re.finditer(stops + r"[»”\"’)]*(?=\s+[^\sa-zа-яա-ֆ]|$)", flat):
        if m.group(0)[0] == "." and ABBREVIATION.search(flat[:m.start()]):
            continue
        return flat[:m.end()]
    return flat
