"""Ingest helpers: the header lines of a stored page → its headline, and a title from a lead.

A headline is a header line that reads as a title and is about the text:
it shares words with the first paragraphs. Site chrome ('Header Ads',
'Media Center', 'US Markets', '© Provided by Xinhua'), timestamps, bylines,
labels and bare datelines share none and are never titles. When the page
shows no headline, the title is the lead cut at a clause boundary, never in
the middle of a phrase and never with an ellipsis.
"""

from __future__ import annotations

import re

from builder.ingest.dates import date_at_end, date_line
from builder.ingest.layout import WORDS, is_prose, trailing_place

TITLE_MAX = 110
CLAUSE_BREAKS = re.compile(r"[,;:]\s|\s[—–-]\s|\s(?=(?:and|but|while|which|who|when|after|as|amid|saying|"
                           r"noting|stressing|adding|because|although|where|whereas|following)\s)")
CHROME = re.compile(r"©|\bprovided by\b|\bphoto\b|\bfoto\b|фото|\bread more\b|\bmin read\b|\bjoin now\b|"
                    r"\bsubscribe\b|\bheader\b|\bbanner\b|\bmenu\b|\bcookies?\b|\bcounter\b|\bmetrika\b|"
                    r"\btable of contents\b|содержание|\bhome\b\s*>|>>|\bpx\b|\blatest news\b|\bmarkets\b|"
                    r"\bадрес\b|\bedition\b|\bversion\b|版本|\bstaff\b|\bредакция\b|\bimage\b|"
                    r"^\W*(?:news|theme|politics|world|region|home|menu|search)\W*$|\(from [lr] to [lr]\)|\([lr]-[lr]\)|"
                    r"\bpictured\b|press-releases of|^\d+[.)]\s|^[•·*]", re.IGNORECASE)
GENRE_TITLE = re.compile(r"(?:(?:Daily|Regular|Joint|Press|From the)\s+)*(?:Briefing|Statement|Press release|Comment|"
                         r"Response|Interview|Remarks|Speech|Readout|Declaration)\s+(?:by|of|on|from)\s|"
                         r"Брифинг|Заявление|Комментарий|Ответ|Déclaration|Communiqué|Comunicado", re.IGNORECASE)
WIRE_JUNK = re.compile(r"^(?:[a-z]{2,4}\d{2,5}\s+\d+\s+\w+\s+\d+\b.*|/[^ ]+/|\d+(?:ST|ND|RD|TH)\s+[A-Z]+(?:\s+\d*[A-Z]+)*"
                       r"|(?:By|Par|От|Von)\s+[^\W\d_].*|[-=*_#\s]+)$")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
STOPWORDS = {"the", "and", "for", "with", "that", "this", "from", "have", "has", "was", "were", "are", "will",
             "said", "says", "about", "over", "into", "their", "they", "its", "his", "her", "not", "but",
             "des", "les", "une", "dans", "pour", "что", "это", "как", "для"}


def stem(word: str) -> str:
    return word.casefold()[:5]


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning ('l’Arménie' → 'armén')."""
    words = (part for w in WORDS.findall(text) for part in re.split(r"['’]", w))
    return {stem(w) for w in words if len(w) >= 3 and w.casefold() not in STOPWORDS}


def headline(header: tuple[str, ...], body: tuple[str, ...], first_is_page_title: bool = False) -> str:
    """The page's own headline among the header blocks, or ''.

    Each title-like block is scored by the share of its words found in the text and the rest of the
    header; the page's first line (a seed's line 1) and a headline the page repeats score higher.
    """
    candidates = header_lines(header)
    lines = [clean_headline(raw) for _, raw, _ in candidates]
    scores = []
    for i, ((block, raw, _), line) in enumerate(zip(candidates, lines)):
        others = [x for j, x in enumerate(lines) if j != i and x not in line and line not in x]
        page_title = block == 0 and first_is_page_title
        least = 0 if GENRE_TITLE.match(line) else 1 if page_title else 2
        score = 0.0 if is_prose(raw) else headline_score(line, content_words(" ".join([*body[:4], *others])), least)
        if score and (lines.count(line) > 1 or page_title):
            score += 0.3
        scores.append(score)
    best, best_score = "", 0.0
    for (block, _, joined), line, score in zip(candidates, lines, scores):
        if joined and any(s for (b, _, j), s in zip(candidates, scores) if b == block and not j):
            continue  # a wire header's own lines, not the block run together
        if score > best_score + 0.05:
            best, best_score = line, score
    return best


def header_lines(header: tuple[str, ...]) -> list[tuple[int, str, bool]]:
    """(block index, text, joined?) for each line of each header block, and for a block of several lines
    run together (a headline wrapped over two lines)."""
    out = []
    for i, block in enumerate(header):
        lines = [" ".join(x.split()) for x in block.split("\n") if x.strip()]
        out += [(i, line, False) for line in lines if not WIRE_JUNK.match(line)]
        if len(lines) > 1:
            out.append((i, " ".join(lines), True))
    return out


def headline_score(line: str, topic: set[str], least: int = 2) -> float:
    """How much a header line reads as the headline of the text: 0 when it cannot be one."""
    words = WORDS.findall(line)
    if len(words) < 3 or len(line) > 300 or is_chrome(line):
        return 0.0
    mine = content_words(line)
    shared = len(mine & topic)
    if len(mine) < 2 or shared < least:
        return 0.0
    return shared / len(mine)


def is_chrome(line: str) -> bool:
    """Site furniture, a timestamp, a date, a byline or a label: never a headline."""
    if CHROME.search(line) or WIRE_JUNK.match(line) or (TIME.search(line) and len(WORDS.findall(line)) <= 8):
        return True
    if date_line(line) or re.fullmatch(r"[\W\d_]*", line):
        return True
    letters = [c for c in line if c.isalpha()]
    camel = re.search(r"[a-z][A-Z][a-z]+[A-Z]", line)  # 'FinancialGovernment SolutionsLegal…'
    return bool(camel) or (len(letters) > 0 and sum(c.isupper() for c in letters) / len(letters) > 0.9
                           and len(line) > 60)


STAMP = re.compile(r"^(?:(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})"
                   r"[,;]?\s*)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?[,;|]?\s+")


def clean_headline(line: str) -> str:
    """Drop a leading timestamp ('July 26, 2023, 10:34 …'), a trailing ' =' or ' |', and a closing
    dateline ('… The Kremlin, Moscow August 8, 2008')."""
    line = re.sub(r"\s*[=|]\s*$", "", line).strip(" |")
    stamped = STAMP.match(line)
    if stamped and len(WORDS.findall(line[stamped.end():])) >= 3:
        line = line[stamped.end():]
    line = re.sub(r"^\|\s*", "", line)
    found = trailing_place(line)
    if found and not date_at_end(line):
        cut = line[:len(line) - len(found.text)].rstrip(" ,")
        cut = re.sub(r"\s+(?:The\s+)?[A-Z][\w-]*$", "", cut) if cut.endswith(("Kremlin", "Palace")) else cut
        if len(WORDS.findall(cut)) >= 3:
            line = cut
    return line


ELLIPSIS_END = re.compile(r"\s*(?:…|\.\.\.)$")


def title_from_lead(lead: str) -> str:
    """The lead cut at a clause boundary: the longest prefix of at most 110 characters, else the first
    clause, else the whole sentence. Never cut inside a phrase or a bracket, never an ellipsis."""
    lead = " ".join(lead.split())
    lead = re.sub(r"[.。։]$", "", lead)
    if len(lead) <= TITLE_MAX:
        return lead
    cuts = [m.start() for m in CLAUSE_BREAKS.finditer(lead) if balanced(lead[:m.start()])]
    fitting = [c for c in cuts if 25 <= c <= TITLE_MAX]
    if fitting:
        return lead[:max(fitting)].rstrip(" ,;:")
    longer = [c for c in cuts if c > TITLE_MAX]
    if longer:
        return lead[:min(longer)].rstrip(" ,;:")  # the first clause, however long: never a cut mid-phrase
    return lead


def uncut_title(title: str, lead: str) -> str:
    """A title cut with an ellipsis ('Russia is working …', as older ingests wrote them) made whole from the
    lead it was cut from: cut at a clause boundary like ``title_from_lead``, or the whole lead when that
    boundary comes before the cut. Any other title is returned as it is."""
    stem = ELLIPSIS_END.sub("", title)
    lead = " ".join(lead.split())
    if stem == title or not stem or not lead.startswith(stem):
        return title
    whole = title_from_lead(lead)
    return whole if len(whole) > len(stem) else re.sub(r"[.。։]$", "", lead)


def balanced(text: str) -> bool:
    """No bracket or quotation left open ('(Igor Popov of Russia' is not a place to stop)."""
    pairs = (("(", ")"), ("[", "]"), ("«", "»"), ("“", "”"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0
