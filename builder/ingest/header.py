"""Ingest helpers: the lines around a statement's text → date, title, labels; trailer cut.

A header is what precedes the text: a `` date`` line, a ``Date:`` line, a
spelled date, a title, wire codes, keyword paths, a byline. A trailer is what
follows a wire report: '# Notebook' sections, signatures ('dpa hm bs',
'(SDA/sj)') and the transmission stamp ('101137 GMT Dez 18').
"""

from __future__ import annotations

import datetime as dt
import re

from builder.errors import BuilderError
from builder.ingest.dateline import Dateline, find_dateline
from builder.ingest.dates import date_at_end, date_line, trailer_date

__all__ = ["DATE_LINE", "body_start", "cut_trailer", "header_date", "labels", "parse_iso_date",
           "title", "trailer_date"]

DATE_LINE = re.compile(r"^\s*date\s+(\S+)(?:\s+(.*))?$", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
JUNK = re.compile(r"^\s*(?:[a-z]{2,4}\d{2,5}\s+\d+\s+\w+\s+\d+\b.*|/[^ ]+/|\d+(?:ST|ND|RD|TH)\s+[A-Z]+"
                  r"|[-=*_#\s]+)\s*$")
BYLINE = re.compile(r"^\s*(?:By|Par|От|Von)\s+[^\W\d_].*$")
LABEL = re.compile(r"^\s*(press release|news release|statement|comment|communiqué(?: de presse)?|"
                   r"déclaration|press statement|readout|пресс-релиз|заявление|комментарий|"
                   r"հաղորդագրություն|հայտարարություն)\s*\.?\s*$", re.IGNORECASE)
BODY_END = re.compile(r"[.!?…:;,։][»”\"’)\]]*\s*$")
TRAILER_START = re.compile(r"^\s*(?:#+\s*Notebook\b|\*\s\*\s\*|.*not intended for publication)", re.IGNORECASE)
SIGNATURE = re.compile(r"^\s*(?:\((?:SDA|ATS|AFP|dpa|APA)\\?/[a-z]{1,4}\)|(?:dpa|afp|ats|sda|apa)(?:\s+[a-z]{1,4}){1,6})\s*$")
HEADER_SCAN = 8


def parse_iso_date(value: str, file: str, line: int) -> dt.date:
    """YYYY-MM-DD → date, or an error that says what was wrong."""
    m = ISO_DATE.match(value)
    if not m:
        raise BuilderError(f"expected a date as YYYY-MM-DD, got {value!r}", file=file, line=line,
                           hint="write the date line as ' date 2023-01-30 <lead sentence>'")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise BuilderError(f"impossible date {value!r}: {exc}", file=file, line=line,
                           hint="check the day and month") from None


def header_date(line: str, file: str, number: int) -> dt.date | None:
    """The date a header line gives, if any (' date 2023-01-30', 'Date: 12 June 2023', …)."""
    match = DATE_LINE.match(line)
    if match and not match.group(2):
        return parse_iso_date(match.group(1), file, number)
    return date_line(line) or date_at_end(line)


def is_known_header(line: str) -> bool:
    """Date lines, wire codes, keyword paths, bylines, labels: never part of the text."""
    bare = DATE_LINE.match(line) and not DATE_LINE.match(line).group(2)
    return bool(bare or date_line(line) or JUNK.match(line) or BYLINE.match(line) or LABEL.match(line))


def is_title_like(line: str) -> bool:
    """A headline: one short line that does not end like a sentence."""
    return 0 < len(line.strip()) <= 200 and not BODY_END.search(line.rstrip(" ="))


def is_header_block(block: str) -> bool:
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) == 1:
        return is_known_header(lines[0]) or is_title_like(lines[0]) or bool(date_at_end(lines[0]))
    return any(is_known_header(x) for x in lines) and all(is_known_header(x) or is_title_like(x) for x in lines)


def is_pre_dateline(block: str) -> bool:
    """Header material above a dateline: short lines, none ending a sentence (':' allowed)."""
    lines = [line for line in block.split("\n") if line.strip()]
    return len(lines) <= 8 and all(is_known_header(x) or (len(x) <= 200 and not re.search(r"[.!?;,…]\s*$", x))
                                   for x in lines)


def body_start(blocks: tuple[str, ...]) -> tuple[int, Dateline | None]:
    """Index of the first paragraph of the text, and its dateline if it has one."""
    for i, block in enumerate(blocks[:HEADER_SCAN]):
        dl = find_dateline(block)
        if dl and all(is_pre_dateline(b) for b in blocks[:i]):
            return i, dl
    start = 0
    while start < min(len(blocks), HEADER_SCAN) and is_header_block(blocks[start]):
        start += 1
    if start == len(blocks) and start and not all(is_known_header(x) for x in blocks[-1].split("\n") if x.strip()):
        start -= 1  # the last block was the (short) text itself, not a title
    return start, None


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


def title(head: list[str]) -> str:
    """The longest header line that is a headline ('… (Le Maire) =' → '… (Le Maire)')."""
    candidates = [line for line in head if line.strip() and not is_known_header(line)]
    if not candidates:
        return ""
    best = max(candidates, key=len)
    best = re.sub(r"\s*=\s*$", "", best)
    best = re.sub(r"\s*\(([^()]{6,40})\)\s*$", lambda m: "" if date_at_end(m.group(0)) else m.group(0), best)
    return " ".join(best.split())


def labels(head: list[str]) -> tuple[str, ...]:
    """Genre labels written above the text ('Press release'), lower-cased."""
    return tuple(m.group(1).lower() for line in head if (m := LABEL.match(line)))
