"""Ingest stage 3, people: text → the people it names, one canonical form each.

A run of name words (``names``) is a person when something in the text says
so: an office or title before it ('Foreign Minister X', 'spokesperson X',
'Ambassadors X of France, Y …, and Z'), an office after it ('X, Spokesman
for …'), a verb of saying after it ('X said'), a credit before it ('Briefing
by X', 'Photo: X', 'REUTERS/X'), a speaker's label ('Mao Ning:'), or its
surname speaking alone later ('… Hajizada said'). A surname alone after an
office ('Secretary Kerry') is a person too. Well-known people are also found
by the gazetteer, in every form they are written in.

Then one form per person: honorifics dropped ('Shri', 'Mr.'), initials and
surnames joined to the full name the text gives ('J.A.Bayramov',
'Vajpayee'), known people under their canonical English name, Armenian
case endings dropped ('Բադալյանը' → 'Բադալյան').
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.ingest.gazetteer import PEOPLE
from builder.ingest.places import place
from builder.ingest.names import (
    HONORIFICS, NAME, ROLES, SINGLE, common_words, is_name_word,
)

LINKS = {"of", "the", "to", "for", "and", "in", "on", "at", "U.N.", "UN", "EU", "de", "du", "des", "la", "le",
         "from", "with", "'s", "’s", "its", "his", "her", "on", "Affairs", "s"}
SPEAKS = re.compile(r"\s*,?\s+(?:said|says|told|added|stressed|noted|reiterated|emphasi[sz]ed|urged|called|"
                    r"warned|made|declared|insisted|wrote|underlined|recalled|expressed|welcomed|stated|spoke|"
                    r"briefed|announced|confirmed|commented|condemned|replied|answered|explained|asked|"
                    r"a déclaré|a souligné|a dit|a ajouté|a indiqué|sagte|erklärte|"
                    r"заявил[аи]?|сказал[аи]?|отметил[аи]?|сообщил[аи]?|подчеркнул[аи]?|"
                    r"նշել է|ասել է|հայտարարել է)\b")
APPOSITIVE = re.compile(r"\s*,\s*(?:the\s+|a\s+|an\s+)?(?:[\w’'.-]+\s+){0,4}?(?:spokes(?:person|man|woman)|"
                        r"Spokes(?:person|man|woman)|[Mm]inister|[Pp]resident|[Ss]ecretary|[Dd]irector|[Hh]ead|"
                        r"[Aa]mbassador|[Ee]nvoy|[Rr]epresentative|[Cc]hief|[Cc]o-?[Cc]hair|[Aa]dviser|[Cc]hairman|"
                        r"deputy|Deputy|[Pp]ress [Ss]ecretary|[Cc]ommissioner|official)\b")
CREDIT_AFTER = re.compile(r"\s*/\s*(?:POOL|REUTERS|AFP|AP|EFE|TASS|ТАСС|РИА|Reuters|Sputnik|Getty|Anadolu)\b")
CREDIT_BEFORE = re.compile(r"(?:\bby|\bBy|Photo:|Фото:|Photos?:|[Ee]ditor:|[Ee]ditors:|/|\bBY)\s*$")
CREDIT_LIST = re.compile(r"\((?:Web )?[Ee]ditors?:\s*([^()]+)\)")
PARTICLE_START = re.compile(r"(?i:de|da|del|van|von|der|al|el|la|le|du|dos)\s")
ARMENIAN_CASE = re.compile(r"(յան|ով|ին|ել|ան)(?:ը|ն|ին|ի|ից|ով|ում)$")


CAPITALISED_NOUNS = {"de"}  # languages that capitalise every noun: only offices, credits and the gazetteer count


def find_people(text: str, language: str = "en") -> tuple[str, ...]:
    """Canonical names of the people the text names, sorted."""
    return tuple(sorted({name for _, _, name in person_spans(text, language)}))


@lru_cache(maxsize=64)
def person_spans(text: str, language: str = "en") -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every person named, in text order."""
    common = common_words(text)
    runs = [r for r in name_runs(text, common) if not place(r[2])]
    cue = role_or_credit if language in CAPITALISED_NOUNS else has_cue
    found = [(a, b, raw) for a, b, raw in runs if cue(text, a, b, raw)]
    found += listed_after(text, found, common)
    singles = surnames_after_roles(text, common)
    found += singles + [r for r in runs if r not in found and r[2].split()[-1] in {w for _, _, w in singles}]
    found += credited_lists(text)
    found += gazetteer_people(text, found)
    return canonical_spans(found)


def name_runs(text: str, common: frozenset[str]) -> list[tuple[int, int, str]]:
    """Runs of two or more name words (or initials and a surname), split at words that are not name words."""
    runs = []
    for m in NAME.finditer(text):
        current: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", m.group(0)):
            if is_name_word(w.group(0), common):
                current.append((m.start() + w.start(), m.start() + w.end()))
                if re.search(r"['’]s$", w.group(0)):
                    runs.append(cut(text, current))
                    current = []
            else:
                if len(current) >= 2 or (current and "." in text[current[0][0]:current[-1][1]]):
                    runs.append(cut(text, current))
                current = []
        if len(current) >= 2 or (current and re.match(r"(?:\w\.\s?)+\w", text[current[0][0]:current[-1][1]])):
            runs.append(cut(text, current))
    return [r for r in runs if r and re.search(r"\w{2,}(?:['’]s)?$", r[2]) and not PARTICLE_START.match(r[2]) and (
        len(r[2].split()) >= 2 or re.search(r"\w\.\s?\w", r[2]))]


def cut(text: str, words: list[tuple[int, int]]) -> tuple[int, int, str]:
    start, end = words[0][0], words[-1][1]
    raw = re.sub(r"['’]s$", "", " ".join(text[start:end].split())).rstrip(".,")
    return start, start + len(raw), raw


def has_cue(text: str, start: int, end: int, raw: str) -> bool:
    """Something in the text says this run is a person."""
    return (role_before(text, start) or bool(APPOSITIVE.match(text, end)) or bool(SPEAKS.match(text, end))
            or bool(CREDIT_BEFORE.search(text[max(0, start - 14):start]))
            or bool(CREDIT_AFTER.match(text, end)) or standalone(text, start, end)
            or speaker_label(text, start, end) or surname_speaks(text, raw, start)
            or bool(re.match(r"['’]s\b", text[end:end + 3])))


def role_or_credit(text: str, start: int, end: int, raw: str) -> bool:
    return role_before(text, start) or bool(CREDIT_BEFORE.search(text[max(0, start - 14):start]))


def role_before(text: str, start: int) -> bool:
    """An office named just before, in the same clause: 'Foreign Minister X', 'High Representative for
    Common Foreign and Security Policy of the European Union X', 'Заместитель министра иностранных дел России X'."""
    words = re.findall(r"\S+", text[max(text.rfind("\n", 0, start) + 1, start - 200):start])
    lowercase = 0
    for word in reversed(words[-16:]):
        if re.search(r"[.!?:;»”\"]$", word) and not re.fullmatch(r"(?:\w\.)+|Mr\.|Ms\.|Mrs\.|Dr\.|St\.|U\.S\.", word):
            return False
        bare = re.sub(r"^[dl][’']", "", word.strip(",()"))
        plain = re.sub(r"['’]s$", "", bare)
        if bare in ROLES or plain in ROLES or plain.rstrip(",") in ROLES:
            return True
        lowercase += bool(bare[:1].islower()) and bare not in LINKS
        if lowercase > 3:
            return False
    return False


def standalone(text: str, start: int, end: int) -> bool:
    """A name on a line of its own: a byline or a signature ('Asif Mehman', 'Ольга Коровина')."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:start].strip() == "" and text[end:line_end if line_end >= 0 else len(text)].strip() == ""


def speaker_label(text: str, start: int, end: int) -> bool:
    """'Mao Ning: Friends from the press…' at the start of a line."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip() == "" and text[end:end + 2].startswith(":")


def surname_speaks(text: str, name: str, start: int) -> bool:
    """The surname (or a Chinese family name, first) is later used alone as a speaker."""
    words = name.split()
    for word in {words[-1], words[0]}:
        if len(word) < 3 or "." in word:
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            if m.start() > start and SPEAKS.match(text, m.end()) and not re.search(r"[A-Z]\w*\s+$", text[:m.start()]):
                return True
    return False


def listed_after(text: str, found: list[tuple[int, int, str]], common: frozenset[str]) -> list[tuple[int, int, str]]:
    """Names listed after a named person: 'X of France, Y of the United States, and Z', 'X and Y'."""
    extra = []
    link = re.compile(r"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)"
                      r"(?:(?:Ambassador|Mr\.|Ms\.)\s+)?")
    for _, end, _ in found:
        pos = end
        while True:
            m = link.match(text, pos)
            if not m:
                break
            run = NAME.match(text, m.end())
            if not run or not all(is_name_word(w, common) for w in run.group(0).split()):
                break
            a, b, raw = cut(text, [(run.start(), run.end())])
            extra.append((a, b, raw))
            pos = b
    return extra


def surnames_after_roles(text: str, common: frozenset[str]) -> list[tuple[int, int, str]]:
    """A surname alone right after an office: 'Secretary Kerry', 'President Rouhani', 'General Ntaganda'."""
    out = []
    for m in SINGLE.finditer(text):
        word = m.group(0)
        if not is_name_word(word, common) or NAME.match(text, m.start()) and len(NAME.match(text, m.start()).group(0).split()) > 1:
            continue
        before = re.findall(r"\S+", text[max(0, m.start() - 40):m.start()])
        if before and before[-1].strip("(") in ROLES and before[-1][:1].isupper():
            out.append((m.start(), m.end(), word))
    return out


def credited_lists(text: str) -> list[tuple[int, int, str]]:
    """'(Web editor: Cai Hairuo, Liang Jun)' → each editor."""
    out = []
    for m in CREDIT_LIST.finditer(text):
        for name in re.finditer(r"[^,]+", m.group(1)):
            raw = name.group(0).strip()
            if NAME.fullmatch(raw):
                out.append((m.start(1) + name.start(), m.start(1) + name.end(), raw))
    return out


def gazetteer_people(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Known people in any form, also in capitals ('SECRETARY BLINKEN')."""
    titled = re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group(0).capitalize(), text)
    out = []
    for canonical, pattern in PEOPLE:
        for m in pattern.finditer(titled):
            inside = [raw for a, b, raw in found if a <= m.start() and m.end() <= b]
            if not inside or any(gazetteer_name(raw) == canonical for raw in inside):
                out.append((m.start(), m.end(), canonical))
    return out


def gazetteer_name(name: str) -> str | None:
    """The canonical name of a known person written this way: in full, by surname, or in another script
    with a first name ('Արարատ Միրզոյան'); not a namesake with another first name ('Yashar Aliyev')."""
    words = name.split()
    surnames = armenian_bases(words[-1]) if words else []
    for canonical, pattern in PEOPLE:
        if pattern.fullmatch(name):
            return canonical
        if any(pattern.fullmatch(s) for s in surnames) and (
                words[0] == canonical.split()[0] or not re.match(r"[A-Za-zÀ-ž]", words[0])):
            return canonical
    return None


def armenian_bases(word: str) -> list[str]:
    """A word and, for Armenian, the word without a case ending or article ('Կլաարի' → 'Կլաար')."""
    m = re.fullmatch(r"([\u0531-\u0587]{3,}?)(?:ը|ն|ի|ին|ից|ով|ում|ու)", word)
    return [word, m.group(1)] if m else [word]


def canonical_spans(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One form per person: honorifics dropped, initials and surnames joined to the full name."""
    cleaned = [(a, b, clean_name(raw)) for a, b, raw in found]
    full = [raw for _, _, raw in cleaned if len(raw.split()) >= 2 and not re.match(r"\w\.", raw)]
    out = set()
    for a, b, raw in cleaned:
        known = gazetteer_name(raw)
        out.add((a, b, known or fuller(raw, full, cleaned) or raw))
    return sorted(out)


def clean_name(raw: str) -> str:
    name = HONORIFICS.sub("", " ".join(raw.split()))
    words = name.split()
    if words and ARMENIAN_CASE.search(words[-1]):
        words[-1] = ARMENIAN_CASE.sub(r"\1", words[-1])
    return " ".join(words)


def fuller(raw: str, full: list[str], cleaned: list[tuple[int, int, str]]) -> str | None:
    """The full name in this text for a surname or initials form ('Vajpayee', 'J.A.Bayramov')."""
    surname = re.split(r"[\s.]+", raw)[-1]
    initial = raw[0]
    matches = {f for f in full if f.split()[-1] == surname and f != raw and (len(raw.split()) == 1 or
                                                                               f[0] == initial)}
    if not matches and len(raw.split()) == 1:
        matches = {f for f in full if f.split()[0] == raw}  # 'Prince Faisal' → 'Faisal bin Farhan'

    if len(matches) == 1:
        return matches.pop()
    if len(matches) > 1:
        return max(matches, key=len)
    return None
