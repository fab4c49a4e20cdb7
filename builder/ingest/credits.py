"""Ingest stage 3, agencies: a parsed text → the news agencies credited for it.

An agency is credited by the dateline ('MOSCOW, March 1 (Reuters) -'), by a
credit line of its own in the header or after the dateline ('Trend:',
'Xinhua'), or by a reporting phrase in the text ('Trend reports', 'according
to AFP', '(With EFE Agency)', 'сообщает ТАСС', 'selon l'AFP'). An agency that
only took a photo ('Photo: EFE/…', '© Reuters/…'), asked a question or was
given an interview is not credited for the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.ingest.agencies import agency, names_group
from builder.ingest.layout import credit_block
from builder.ingest.parse import Parsed

PHOTO = re.compile(r"\b(?:photo|фото|foto|credit|image|picture)\b|©|\bREUTERS/|\bAFP/|/\s*(?:AFP|REUTERS|AP|EFE)\b",
                   re.IGNORECASE)
BEFORE = (r"according to|reported by|citing|as reported by|(?:\(|\b)with|quoted by|via|"
          r"cit[ée]e?s? par (?:l[’']agence (?:[\w’'-]+ ){0,3})?|"
          r"сообщает|сообщило|сообщил[аи]?|передает|передаёт|по (?:данным|сообщению|информации)|со ссылкой на|"
          r"selon l[’']?|rapporte l[’']?|d[’']après l[’']?|según|informa|laut|berichtet|"
          r"وفقاً لـ|وفقا لـ|نقلا عن|حسب|ըստ|հաղորդում է")
AFTER = r"reports|reported|said in a report|сообщает|сообщил[аи]?|передает|informa|berichtet|-ը տեղեկանում է|-ի փոխանցմամբ"


@lru_cache(maxsize=1)
def credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = names_group()
    before = re.compile(r"(?:" + BEFORE + r")\s*(?:the\s+)?" + names + r"(?:\s+(?:news\s+)?agency)?", re.IGNORECASE)
    after = re.compile(r"(?<![\w.-])" + names + r"(?:\s+(?:news\s+)?agency)?\s*,?\s*(?:" + AFTER + r")\b",
                       re.IGNORECASE)
    return before, after


CREDITED_SCORE = 80  # after 'according to': a name two letters off is still the agency
OPENING_CREDIT = re.compile(r"^\s*(\S+(?:\s\S+){0,3}?)\s*(?::|\s[-—–])\s")  # 'AhlulBayt News Agency: …'
TRIGGER = re.compile(r"(?:" + BEFORE + r")\s*", re.IGNORECASE)


def find_agencies(parsed: Parsed) -> tuple[str, ...]:
    """Agencies credited for the text, dateline first, each once."""
    found = list(parsed.agencies)
    for text in (parsed.lead, *parsed.paragraphs[:1]):
        m = OPENING_CREDIT.match(text)
        if m and agency(m.group(1)):
            found.append(agency(m.group(1)))
    for block in (*parsed.header, *parsed.paragraphs[:3]):
        name = credit_block(block)
        if name:
            found.append(name)
    for line in "\n".join((parsed.lead, *parsed.paragraphs)).split("\n"):
        found += credited_in(line)
    return tuple(dict.fromkeys(found))


def misspelt_after(line: str, at: int) -> str | None:
    """An agency named, perhaps misspelt, in the words after a credit ('وفقاً لـريا نوفيسكي')."""
    words = line[at:at + 60].split()[:3]
    for n in range(len(words), 0, -1):
        name = agency(" ".join(words[:n]).strip(".,;:()"), score=CREDITED_SCORE)
        if name:
            return name
    return None


def credited_in(line: str) -> list[str]:
    """Agencies a reporting phrase in one line credits ('Trend reports', 'according to AFP')."""
    if PHOTO.search(line):
        line = PHOTO.split(line)[0]
    names = [name for m in TRIGGER.finditer(line) if (name := misspelt_after(line, m.end()))]
    for pattern in credit_patterns():
        for m in pattern.finditer(line):
            name = agency(m.group(1))
            if name and (len(m.group(1)) > 3 or m.group(1).isupper()):
                names.append(name)
    return names
