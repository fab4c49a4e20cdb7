"""Ingest stage 2: clean text → ``Parsed`` (date, headline, lead, paragraphs, dateline, header).

One reading for every shape. An optional first line `` date YYYY-MM-DD <text>``
(or `` date YYYY-MM``: the day is unknown, and stays unknown) gives the date;
the text after it is the page's first line, which may be chrome, a headline,
the lead, or the first paragraph itself. Then the blocks: header lines
(chrome, timestamps, headline, byline, labels), the paragraphs of the text (a
dateline opens one of the first ones, or signs off at the end), and an
optional wire trailer, which is cut. The date comes from the date line, else
the header, a dateline with a year, a closing date or a wire trailer; a
missing date or year is a ``BuilderError``, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from builder.errors import BuilderError
from builder.ingest import header
from builder.ingest.dateline import Dateline, find_dateline
from builder.ingest.dates import date_line, make_date
from builder.ingest.said_on import said_on
from builder.ingest.headline import headline
from builder.ingest.layout import Layout, credit_block, is_prose, split_layout

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
    dateline: str  # the dateline's place
    agencies: tuple[str, ...]
    title: str = ""  # the page's headline, '' when the lead makes the title
    labels: tuple[str, ...] = ()  # header words such as 'Press release'
    header: tuple[str, ...] = ()  # the blocks before the text (chrome, headline, byline…)
    precision: str = "day"  # 'month' when only the month is known
    dateline_text: str = ""  # the dateline as written
    date_note: str = ""  # why ``date`` is not the page's date ('dated … by 'yesterday' in the lead; …')
    published: dt.date | None = None  # the page's date, when ``date`` is the statement's own earlier day


def parse(text: str, file: str) -> Parsed:
    """Split a raw statement into its parts, or say what is missing."""
    if not text.strip():
        raise BuilderError("the file is empty", file=file,
                           hint="a statement needs a first line ' date YYYY-MM-DD <lead sentence>' and its text")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    seed = header.DATE_LINE.match(lines[first])
    given: tuple[dt.date, str] | None = None
    lead_line, rest = "", text
    if seed:
        given = header.parse_iso_date(seed.group(1), file, first + 1)
        lead_line, rest = (seed.group(2) or "").strip(), "\n".join(lines[first + 1:])
    blocks, trailer = header.cut_trailer(split_paragraphs(rest))
    layout = split_layout(blocks, lead_line)
    if not layout.body:
        raise BuilderError("no statement text after the date line" if seed else "no statement text found",
                           file=file, line=first + 1,
                           hint="add the statement's paragraphs after a blank line")
    date, precision = given or resolve_date(layout, trailer, text, file)
    head_lines = [line for block in layout.header for line in block.split("\n")]
    lead = lead_of(layout, lead_line)
    dl = layout.dateline
    own, why = said_on(date, lead, dl) if precision == "day" else (date, "")
    return Parsed(own, lead, layout.body, dl.place if dl else "", dl.agencies if dl else (),
                  headline(layout.header, layout.body, bool(lead_line)), header.labels(head_lines), layout.header, precision,
                  dl.text if dl else "", f"dated {own.isoformat()} by {why}; the page is dated {date.isoformat()}" if why else "",
                  date if why else None)


def lead_of(layout: Layout, lead_line: str) -> str:
    """The first sentence of the text, after its dateline (a seed's lead line, when it is the standfirst)."""
    if lead_line and layout.header[:1] == (lead_line,) and is_prose(lead_line):
        return " ".join(lead_line.split())
    for i, paragraph in enumerate(layout.body[:4]):
        dl = find_dateline(paragraph) if i <= max(layout.dateline_block, 0) else None
        opening = paragraph.replace("\n", " ")[dl.end:] if dl else paragraph
        if opening.strip() and not credit_block(opening):
            return first_sentence(opening)
    return first_sentence(layout.body[0])


def resolve_date(layout: Layout, trailer: list[str], text: str, file: str) -> tuple[dt.date, str]:
    """Header date, else a dateline with a year, a closing date or a wire trailer; otherwise an error."""
    for line in (line for block in layout.header for line in block.split("\n")):
        found = header.header_date(line, file, line_number(text, line))
        if found:
            return found
    dl = layout.dateline
    if dl and dl.year and dl.month and dl.day:
        found_day = make_date(dl.year, dl.month, dl.day)
        if found_day:
            return found_day, "day"
    for line in [*reversed(trailer), *reversed(layout.body[-2:])]:
        found_day = header.trailer_date(line) or (date_line(line) if len(line) <= 40 else None)
        if found_day:
            return found_day, "day"
    if dl and dl.month and dl.day:
        raise BuilderError(f"no date line, and the dateline gives {MONTHS[dl.month - 1].capitalize()} {dl.day} "
                           "but no year", file=file, line=1, field="date", hint=DATE_HINT)
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
        if m.group(0)[0] == "." and (ABBREVIATION.search(flat[:m.start()]) or flat[:m.start()].isdigit()):
            continue
        return flat[:m.end()]
    return flat


__all__ = ["Dateline", "MONTHS", "Parsed", "parse", "split_paragraphs", "first_sentence"]
