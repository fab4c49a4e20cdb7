"""Ingest helpers: one grammar of datelines → place, date parts, agencies.

A dateline is a run of parts at the start of a paragraph, joined by commas,
slashes, dots, brackets or dashes, and ended by a dash, a colon, a full stop
or the end of the paragraph:

    PLACE [, REGION] [, DATE] [(AGENCY [/ AGENCY] [- DATE])] [, AGENCY] [/ REPORTER /]  SEPARATOR

in any order the wires use, in any script: ``STEPANAKERT, JANUARY 30,
ARTSAKHPRESS-ARMENPRESS:``, ``MOSCOW, March 1 (Reuters) -``, ``BAKU. Feb 16
(Interfax) -``, ``МОСКВА, 4 мар - РИА Новости.``, ``Вашингтон. 13 февраля.
INTERFAX.RU -``, ``ԵՐԵՎԱՆ, 2 ԴԵԿՏԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ:``, ``يريفان في 6 أبريل/أرمنبريس:``,
``Azerbaijan, Baku, June 22 / Trend , E. Tariverdiyeva/``, ``WASHINGTON
(UrduPoint News / Sputnik - 25th July, 2020)``, ``( May 23, 2014, Colombo,
Sri Lanka Guardian)``, ``VIENNA—``, ``ISLAMABAD:``.

A place is a city the gazetteer knows (``places``), or a word in capitals
followed by a date. Agencies come from the gazetteer of ``agencies``,
matched tolerantly ('ARTSAKHPRES'). Anything else ends the dateline; a run
without a place, or with a place and nothing that marks it as a dateline
(a date, an agency, or a capitalised place and a dash or colon), is not one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from builder.countries import country_code
from builder.ingest.agencies import agency, is_publisher, mention_pattern
from builder.ingest.dates import month_number
from builder.ingest.places import place

L = r"[^\W\d_]"
WORD = L + r"[\w'’.-]*"
DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|-?(?:го|е|ին|ի))?"
MONTH = r"(?P<m>" + L + r"{3,11}\.?)"
YEAR = r"(?P<y>\d{4})(?:\s*(?:года|г\.|թ\.))?"
DATES = (
    re.compile(MONTH + r"\s+" + DAY + r"(?:,?\s+" + YEAR + r")?(?!\d)"),
    re.compile(DAY + r"\s+" + MONTH + r"(?:,?\s+" + YEAR + r")?(?!\d)"),
    re.compile(r"(?P<d>\d{1,2})[./](?P<mn>\d{1,2})[./](?P<y>\d{4}|\d{2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})(?!\d)"),
)
JOINER = re.compile(r"(?:\s*(?:[,/()]|\.(?!\w)|--|[-—–:])\s*)+|\s+(?:в|في|in|à|en)\s+|\s+")
SPACED_DASH = re.compile(r"--|\s[-—–]|[-—–]\s|[-—–]$")
REPORTER = re.compile(r"(?:[A-ZА-Я]\.\s?)+[A-ZА-Я][\w'-]+|Staff")
REGIONS = ("D. C.", "D.C.", "N.Y.", "Calif.", "DC")
LABELS = {"PRESS", "RELEASE", "STATEMENT", "UPDATE", "BREAKING", "QUESTION", "ANSWER", "COMMENT", "NOTE",
          "EDITOR", "EDITORS", "URGENT", "FLASH", "ADVISORY", "CORRECTION", "UPDATED", "LEAD", "NEWS", "MS", "MR",
          "MRS", "SECRETARY", "MINISTER", "SPOKESPERSON", "SPOKESMAN", "FRAGE", "ВОПРОС", "ОТВЕТ", "Q", "A"}


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says; ``end`` is where the report's own words start."""

    place: str
    agencies: tuple[str, ...]
    month: int | None
    day: int | None
    year: int | None
    end: int
    text: str = ""


@dataclass(slots=True)
class Parts:
    """What a dateline run has read so far."""

    place: str = ""
    place_known: bool = False
    agencies: tuple[str, ...] = ()
    date: tuple[int, int, int | None] | None = None
    last: str = ""
    depth: int = 0  # open brackets


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph (line breaks count as spaces), or None."""
    text = paragraph.replace("\n", " ")
    start = len(text) - len(text.lstrip())
    parts, end, last_joint = read_parts(text, start)
    if not is_dateline(parts, last_joint):
        return None
    month, day, year = parts.date or (None, None, None)
    return Dateline(shown_place(parts.place), parts.agencies, month, day, year, end, text[start:end].strip())


def read_parts(text: str, pos: int) -> tuple[Parts, int, str]:
    """Read dateline parts from ``pos``: what they say, where the text after them starts, the last joint."""
    parts = Parts()
    opened = re.match(r"\(\s*", text[pos:])
    if opened:
        parts.depth, pos = 1, pos + opened.end()
    end, allowed, last_joint = pos, READERS, ""
    while pos < len(text):
        step = read_part(text, pos, parts, allowed)
        if step is None:
            break
        joint = JOINER.match(text, step)
        joint_text = joint.group(0) if joint else ""
        parts.depth += joint_text.count("(") - joint_text.count(")")
        pos, last_joint = step + len(joint_text), joint_text
        if parts.depth <= 0:
            end = pos
        if ":" in joint_text and parts.depth <= 0:
            break
        hard = parts.depth <= 0 and (SPACED_DASH.search(joint_text) or "." in joint_text)
        allowed = (read_agency, read_date) if hard else READERS
    return parts, end, last_joint


def read_part(text: str, pos: int, parts: Parts, readers: tuple) -> int | None:
    """Read one part at ``pos`` into ``parts``; its end, or None if nothing there is a dateline part."""
    for reader in readers:
        end = reader(text, pos, parts)
        if end is not None:
            return end
    return None


def read_date(text: str, pos: int, parts: Parts) -> int | None:
    if parts.date is not None:
        return None
    for pattern in DATES:
        m = pattern.match(text, pos)
        if m:
            groups = m.groupdict()
            month = int(groups["mn"]) if groups.get("mn") else month_number(groups["m"])
            if month is None or not 1 <= month <= 12 or not 1 <= int(m["d"]) <= 31:
                continue
            year = int(m["y"]) if m["y"] else None
            year = 2000 + year if year is not None and year < 100 else year
            parts.date, parts.last = (month, int(m["d"]), year), "date"
            return m.end()
    return None


def read_agency(text: str, pos: int, parts: Parts) -> int | None:
    """An agency by any of its spellings; two or three letters only in capitals, or in brackets."""
    m = mention_pattern().match(text, pos)
    if m:
        written = m.group(1)
        if len(written) <= 3 and not (parts.place or parts.date) or len(written) <= 3 and not (
                written.isupper() or parts.depth > 0):
            return None
        name, end = agency(written), m.end()
    else:
        token = re.match(r"[^\W\d_]{6,}", text[pos:])
        if not token or not token.group(0)[0].isupper():
            return None
        name, end = agency(token.group(0)), pos + token.end()
    if name is None:
        return None
    parts.agencies = tuple(dict.fromkeys((*parts.agencies, name)))
    parts.last = "agency"
    return end


def read_place(text: str, pos: int, parts: Parts) -> int | None:
    """A known city in up to four words ('NEW YORK', 'Washington', 'يريفان'), or words in capitals."""
    if parts.place or (parts.date and parts.depth <= 0):
        return None  # the place comes first, except in '( May 23, 2014, Colombo, …)'
    words = list(re.finditer(WORD, text[pos:pos + 60]))
    words = words[:next((i + 1 for i, (a, b) in enumerate(zip(words, words[1:])) if b.start() - a.end() > 1),
                        len(words))]
    if not words or words[0].start() != 0:
        return None
    for n in range(min(4, len(words)), 0, -1):
        raw = text[pos:pos + words[n - 1].end()].rstrip(".,")
        if place(raw) and not raw[0].islower():
            parts.place, parts.place_known, parts.last = raw, True, "place"
            return pos + len(raw)
    caps = [w.group(0).rstrip(".,") for w in words[:3]]
    caps = caps[:next((i for i, w in enumerate(caps) if not (w.isupper() and len(w) >= 2 and
                                                            re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", w))),
                      len(caps))]
    if caps and len(" ".join(caps)) >= 3 and not set(caps) & LABELS:
        raw = text[pos:pos + words[len(caps) - 1].start() + len(caps[-1])]
        parts.place, parts.place_known, parts.last = raw, False, "place"
        return pos + len(raw)
    return None


def read_region(text: str, pos: int, parts: Parts) -> int | None:
    """A country or US district right after the place, or before it ('BAKU, Azerbaijan', 'Azerbaijan, Baku')."""
    if parts.place and parts.last != "place":
        return None
    for region in REGIONS:
        if text.startswith(region, pos) and parts.place:
            parts.last = "region"
            return pos + len(region)
    name = longest_name(text, pos, 3, lambda n: bool(country_code(n)))
    if name:
        parts.last = "region"
        return pos + len(name)
    return None


def longest_name(text: str, pos: int, most: int, known: Callable[[str], bool]) -> str:
    """The longest run of up to ``most`` words at ``pos`` that ``known`` accepts, or ''."""
    words = [w.group(0) for w in re.finditer(WORD, text[pos:pos + 50])][:most]
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".,")
        if text.startswith(name, pos) and known(name):
            return name
    return ""


def read_reporter(text: str, pos: int, parts: Parts) -> int | None:
    """A reporter credited after the agency ('/ Trend , E. Tariverdiyeva/', 'Reuters Staff')."""
    if parts.last != "agency":
        return None
    m = REPORTER.match(text, pos)
    if m:
        parts.last = "reporter"
        return m.end()
    return None


def read_publisher(text: str, pos: int, parts: Parts) -> int | None:
    """A website that carries agency copy ('UrduPoint News', 'Sri Lanka Guardian'): part of the dateline."""
    if not parts.place and not parts.date:
        return None
    name = longest_name(text, pos, 4, is_publisher)
    if name:
        parts.last = "publisher"
        return pos + len(name)
    return None


READERS = (read_date, read_agency, read_publisher, read_place, read_region, read_reporter)


def is_dateline(parts: Parts, last_joint: str) -> bool:
    """A place, and a date, an agency, or (for a place in capitals) a dash or colon after it."""
    if not parts.place:
        return False
    if not parts.place_known:
        return parts.date is not None
    if parts.date or parts.agencies:
        return True
    return parts.place.isupper() and bool(SPACED_DASH.search(last_joint) or ":" in last_joint
                                          or re.search(r"[-—–]", last_joint))


def shown_place(raw: str) -> str:
    """'NEW YORK' → 'New York', 'ST. PETERSBURG' → 'St. Petersburg', 'МОСКВА' → 'Москва'."""
    def word(w: str) -> str:
        w = "-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w
        return w[0] + w[1:].replace("եվ", "և")  # Armenian: 'ԵՐԵՎԱՆ' → 'Երևան'

    return " ".join(word(w) for w in raw.split())


def place_only(block: str) -> str | None:
    """A block that is only a place ('Washington, DC', 'New Delhi'): the place, or None."""
    text = " ".join(block.split())
    parts, end, _ = read_parts(text, 0)
    if parts.place and parts.place_known and not parts.date and not parts.agencies and end >= len(text.rstrip(".")):
        return shown_place(parts.place)
    return None
