"""Ingest stage 3: parsed text → metadata (title, issuer, type, entities, references).

Pure functions over strings. Gazetteers for organizations, people and topics
live in ``gazetteer.py``; country names come from pycountry via ``countries``.
"""

from __future__ import annotations

import re

import py3langid

from builder.countries import country_name, mention_code, mention_pattern
from builder.ingest.country_forms import foreign_countries
from builder.ingest.gazetteer import ORGANIZATIONS, TOPICS
from builder.ingest.parse import MONTHS

TITLE_MAX = 110
TITLE_SLACK = 120
CLAUSE_BREAKS = re.compile(r",\s|;\s|:\s|\s[—–]\s|\s(?:and|but|while|which|when|after|as|amid)\s")

ISSUER = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w'’.-]*\s+){0,4}(?:[Ff]oreign\s+[Mm]inistry|Ministry of Foreign Affairs(?: of (?:the )?[A-Z][\w]*(?: [A-Z][\w]*)*)?"
    r"|Foreign Office|Presidential (?:Office|Administration|Press Service)|Embassy(?: of [A-Z]\w*(?: [A-Z]\w*)*)?"
    r"|Government|Security Council|Permanent Mission(?: of [A-Z]\w*)*(?: to the (?:UN|United Nations))?"
    r"|Parliament|State Department|Defen[cs]e Ministry|Ministry of Defen[cs]e|Kremlin|White House|Spokesperson|Spokesman))"
    r"(?:'s?\s+[\w ]{0,40}?)?\s+(?:said|says|stated|announced|noted|reported|declared|stressed|added|urged|called)\b")

# Genre cues, strongest first. Titles and header labels are read before the text.
TYPE_RULES = [
    ("joint statement", re.compile(r"\bjoint (?:statement|declaration|communiqu)|совместн\w+ заявлени"
                                   r"|déclaration conjointe|համատեղ հայտարարություն", re.I)),
    ("briefing", re.compile(r"\b(?:briefing|press conference|news conference|point de presse|conférence de presse)\b"
                            r"|брифинг|пресс-конференц|ճեպազրույց", re.I)),
    ("interview", re.compile(r"\binterview|интервью|\bentretien\b|հարցազրույց", re.I)),
    ("press release", re.compile(r"\bpress release\b|\bnews release\b|communiqué de presse|пресс-релиз"
                                 r"|\breadout\b", re.I)),
    ("statement", re.compile(r"\b(?:in a|issued a|in its|the following|the) statement\b|\bstatement (?:said|reads)\b"
                             r"|^statement\b|^заявлени|^déclaration|հայտարարություն", re.I)),
    ("comment", re.compile(r"\bcomment(?:ed|ing)? on\b|\bin a comment\b|^comment|\brespond(?:ed|ing) to (?:a )?"
                           r"(?:media|journalist)|\banswering a question|комментари|\bcommentaire", re.I)),
]
STANCE = re.compile(r"\b(?:we|our|I)\b|\b(?:condemns?|calls? on|urges?|welcomes?|reaffirms?|expresses|"
                    r"condamne|appelle|salue|réaffirme|призыва\w*|осужда\w*|приветству\w*|считаем|"
                    r"կոչ ենք|դատապարտ)", re.I)

DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in MONTHS) + r"),?\s+(\d{4})\b")
MONTH_DAY_YEAR = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})\b")
MONTH_YEAR = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(?:of\s+)?(\d{4})\b")
NOT_A_STATE = re.compile(r"[ -](?:Group|format|agreements?|process)\b")  # 'Minsk Group'
ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def make_title(lead: str) -> str:
    """The lead cut at a clause boundary: the longest prefix <= 110 characters,
    else the shortest <= 120, else a word boundary with an ellipsis."""
    lead = " ".join(lead.split()).rstrip(".")
    if len(lead) <= TITLE_MAX:
        return lead
    cuts = [m.start() for m in CLAUSE_BREAKS.finditer(lead)]
    fitting = [c for c in cuts if 20 <= c <= TITLE_MAX]
    if fitting:
        return lead[:max(fitting)].rstrip(" ,;:")
    slack = [c for c in cuts if 20 <= c <= TITLE_SLACK]
    if slack:
        return lead[:min(slack)].rstrip(" ,;:")
    return lead[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def find_issuer(lead: str, text: str) -> str:
    """Who speaks: 'the Russian Foreign Ministry said' → 'Russian Foreign Ministry'."""
    for source in (lead, text):
        m = ISSUER.search(source)
        if m:
            return normalise_issuer(m.group(1))
    return ""


def normalise_issuer(raw: str) -> str:
    words = " ".join(raw.split()).removeprefix("The ").split(" ")
    return " ".join(w[0].upper() + w[1:] if w.islower() and w not in ("of", "the", "to") else w for w in words)


def find_type(title: str, labels: tuple[str, ...], lead: str, text: str, agencies: tuple[str, ...] = ()) -> str:
    """The statement's genre: header cues first, then the text; otherwise a wire copy is a
    news report, and an issuer's own text a statement (its voice) or a press release."""
    head = "\n".join((title, *labels))
    for source in (head, lead + "\n" + text):
        for name, pattern in TYPE_RULES:
            if pattern.search(source):
                return name
    if agencies:
        return "news report"
    outside_quotes = re.sub(r"[“\"«][^”\"»]*[”\"»]", "", text)
    return "statement" if STANCE.search(outside_quotes) else "press release"


def find_countries(text: str) -> tuple[str, ...]:
    """ISO codes of the states a text mentions: names, adjectives, capitals, in en/ru/fr/hy."""
    codes = {mention_code(m.group(1)) for m in mention_pattern().finditer(text)
             if not NOT_A_STATE.match(text, m.end())}
    codes |= foreign_countries(text)
    return tuple(sorted(c for c in codes if c))


def find_organizations(text: str) -> tuple[str, ...]:
    return tuple(sorted({name for name, pattern in ORGANIZATIONS if pattern.search(text)}))


def find_topics(text: str) -> tuple[str, ...]:
    return tuple(sorted({name for name, pattern in TOPICS if pattern.search(text)}))


def find_references(text: str) -> tuple[str, ...]:
    """Dates the text refers to, as ISO dates ('2020-11-09') or months ('2022-01')."""
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in DAY_MONTH_YEAR.finditer(text):
        found.add(iso(m[3], m[2], m[1])); spans.append(m.span())
    for m in MONTH_DAY_YEAR.finditer(text):
        found.add(iso(m[3], m[1], m[2])); spans.append(m.span())
    for m in MONTH_YEAR.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            found.add(f"{m[2]}-{MONTHS.index(m[1].lower()) + 1:02d}")
    for m in ISO_IN_TEXT.finditer(text):
        found.add(m.group(0))
    return tuple(sorted(r for r in found if r))


def iso(year: str, month: str, day: str) -> str:
    m, d = MONTHS.index(month.lower()) + 1, int(day)
    return f"{year}-{m:02d}-{d:02d}" if 1 <= d <= 31 else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid ships its model)."""
    return py3langid.classify(text[:5000])[0]


def make_tags(countries: tuple[str, ...], people: tuple[str, ...],
              organizations: tuple[str, ...], topics: tuple[str, ...]) -> tuple[str, ...]:
    """What the site shows as tags: the entities by name, then the topics."""
    names = [country_name(c) for c in countries] + list(organizations) + list(people)
    return tuple(sorted(set(names))) + tuple(t for t in topics if t not in names)
