"""Ingest helpers: the dateline that opens a wire report → place, date parts, agencies.

Recognised (place in capitals, or in title case when an agency or date follows):
``STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:``  ``YEREVAN, MARCH 3, ARMENPRESS.``
``MOSCOW, January 30. /TASS/.``  ``МОСКВА, 30 января. /ТАСС/.``  ``МОСКВА, 5 апр — РИА Новости.``
``MOSCOW, Jan 30 (Reuters) -``  ``BAKU (Reuters) -``  ``MOSCOW (AP) —``  ``BAKU, Azerbaijan (AP) —``
``BEIJING, Jan. 30 (Xinhua) --``  ``Paris (ats afp)``  ``NEW YORK, 30 January —``  ``Berne, 10.11.2020 -``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.ingest.dates import month_number

L = r"[^\W\d_]"
PLACE = r"(?P<place>" + L + r"[^\W\d_.'’-]*(?:[.'’-]" + L + r"*)*\.?(?:\s+" + L + r"[^\W\d_.'’-]*(?:[.'’-]" + L + r"*)*\.?){0,3})"
DATE = (r"(?P<date>(?P<m1>" + L + r"{3,10})\.?\s+(?P<d1>\d{1,2})(?:,?\s+(?P<y1>\d{4}))?"
        r"|(?P<d2>\d{1,2})\s+(?P<m2>" + L + r"{3,10})\.?(?:,?\s+(?P<y2>\d{4}))?"
        r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4}))")
DASH = r"(?:--|[-—–])"
PATTERNS = (
    re.compile(PLACE + r",\s+" + DATE + r",\s+(?P<agency>" + L + r"[^\W\d_-]*(?:-" + L + r"[^\W\d_-]*)*)[:.]\s+"),
    re.compile(PLACE + r",\s+" + DATE + r"\.?\s+/(?P<agency>" + L + r"+)/\.?\s*"),
    re.compile(PLACE + r",\s+" + DATE + r"\s+" + DASH + r"\s+(?P<agency>" + L + r"+(?:\s" + L + r"+)?)\.\s+"),
    re.compile(PLACE + r"(?:,\s+(?P<region>" + L + r"+(?:\s" + L + r"+)?))?(?:,\s+" + DATE + r")?"
               r"\s+\((?P<agency>" + L + r"[^()\d]{0,28})\)\s*(?:" + DASH + r"\s*)?"),
    re.compile(PLACE + r",\s+" + DATE + r"\s*(?:" + DASH + r"|:)\s*"),
)
AGENCY_NAMES = {
    "ARMENPRESS": "Armenpress", "ԱՐՄԵՆՊՐԵՍ": "Armenpress", "ARTSAKHPRESS": "Artsakhpress",
    "TASS": "TASS", "ТАСС": "TASS", "REUTERS": "Reuters", "AP": "AP", "AFP": "AFP", "XINHUA": "Xinhua",
    "DPA": "dpa", "ATS": "ATS", "SDA": "SDA", "RIA": "RIA Novosti", "RIA NOVOSTI": "RIA Novosti",
    "РИА НОВОСТИ": "RIA Novosti", "INTERFAX": "Interfax", "ИНТЕРФАКС": "Interfax", "APA": "APA",
    "TREND": "Trend", "NEWS.AM": "News.am", "ANADOLU": "Anadolu", "AA": "Anadolu", "IRNA": "IRNA",
    "ANSA": "ANSA", "EFE": "EFE", "KYODO": "Kyodo", "BELTA": "BelTA", "ANI": "ANI",
}


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says; ``end`` is where the report's own words start."""

    place: str
    agencies: tuple[str, ...]
    month: int | None
    day: int | None
    year: int | None
    end: int


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph (line breaks count as spaces), or None."""
    text = paragraph.replace("\n", " ")
    start = len(text) - len(text.lstrip())
    for pattern in PATTERNS:
        m = pattern.match(text, start)
        if m and valid(m):
            month, day, year = date_parts(m)
            if "date" in m.groupdict() and m.group("date") and month is None:
                continue
            agencies = agency_names(m.groupdict().get("agency") or "")
            return Dateline(place_name(m.group("place")), agencies, month, day, year, m.end())
    return None


def valid(m: re.Match[str]) -> bool:
    """Place words capitalised; title-case places only with an agency or a date; known agencies."""
    words = m.group("place").split()
    if not all(w[0].isupper() for w in words):
        return False
    groups = m.groupdict()
    agency = groups.get("agency")
    if agency and not known_or_wire_agency(agency, bracketed="(" in m.group(0)):
        return False
    capitals = all(w.isupper() or not any(c.isalpha() for c in w) for w in words)
    return capitals or bool(agency) or bool(groups.get("date"))


def known_or_wire_agency(raw: str, bracketed: bool) -> bool:
    parts = split_agencies(raw)
    if not parts or len(parts) > 3:
        return False
    if raw.strip().upper() in AGENCY_NAMES:
        return True
    return all(p.upper() in AGENCY_NAMES or (p.isupper() and len(p) >= 3) or (bracketed and p.islower())
               for p in parts)


def date_parts(m: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    """(month, day, year) as written; year None when the dateline leaves it out."""
    g = m.groupdict()
    if not g.get("date"):
        return None, None, None
    if g.get("d3"):
        return int(g["m3"]), int(g["d3"]), int(g["y3"])
    if g.get("m1"):
        return month_number(g["m1"]), int(g["d1"]), int(g["y1"]) if g.get("y1") else None
    return month_number(g["m2"]), int(g["d2"]), int(g["y2"]) if g.get("y2") else None


def split_agencies(raw: str) -> list[str]:
    raw = raw.strip()
    if raw.upper() in AGENCY_NAMES:
        return [raw]
    return [p for p in re.split(r"[-/\s]+", raw) if p]


def agency_names(raw: str) -> tuple[str, ...]:
    """'ARTSAKHPRESS-ARMENPRESS' → ('Artsakhpress', 'Armenpress'); 'ats afp' → ('ATS', 'AFP')."""
    names = []
    for part in split_agencies(raw):
        known = AGENCY_NAMES.get(part.upper())
        names.append(known or (part.capitalize() if part.isupper() and len(part) > 4 else part.upper()
                               if part.islower() else part))
    return tuple(dict.fromkeys(names))


def place_name(raw: str) -> str:
    """'NEW YORK' → 'New York', 'ST. PETERSBURG' → 'St. Petersburg', 'МОСКВА' → 'Москва'."""
    def word(w: str) -> str:
        w = "-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w
        return w[0] + w[1:].replace("եվ", "և")  # Armenian: 'ԵՐԵՎԱՆ' → 'Երևան'

    return " ".join(word(w) for w in raw.split())
