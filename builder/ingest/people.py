"""Ingest stage 3, people: text → the people it names, one canonical form each.

Two sources. The gazetteer knows people in every written form ('R. K. Rubinyan',
'Ruben Rubinyan', 'Рубинян' → 'Ruben Rubinyan'). Anyone else is found by shape:
two or three capitalised words introduced by a role ('Foreign Minister', 'spokesman',
'Ambassador of the United States to Armenia', 'porte-parole') or later named alone
as a speaker ('Osmani said'). Reporting credits ('(Reporting by …)') and bylines
are not people the statement is about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.countries import ADJECTIVES, CAPITALS, name_index
from builder.ingest.gazetteer import ORGANIZATIONS, PEOPLE

NAME_WORD = r"[A-Z][a-zà-ÿāēīōūışğçö'’]+(?:-[A-Z][a-zà-ÿāēīōūışğçö'’]+)?"
PARTICLE = r"(?:de|da|del|van|von|der|al|bin|ibn|dos|du|la|le)"
CANDIDATE = re.compile(NAME_WORD + r"(?:\s+(?:" + PARTICLE + r"\s+)?" + NAME_WORD + r"){1,5}")
CREDITS = re.compile(r"^\s*\(?(?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled|Edited)\s+by\b.*$"
                     r"|^\s*By\s+[A-Z].*$", re.MULTILINE)
ROLES = {
    "President", "Minister", "Premier", "Chancellor", "Ambassador", "Secretary", "Secretary-General",
    "Representative", "Envoy", "envoy", "Commissioner", "Chairman", "Chairman-in-Office", "Chair",
    "Spokesman", "Spokeswoman", "Spokesperson", "spokesman", "spokeswoman", "spokesperson",
    "counterpart", "Mr.", "Ms.", "Mrs.", "Dr.", "King", "Emir", "Sheikh", "Speaker", "Governor",
    "leader", "diplomat", "minister", "president", "ambassador", "porte-parole", "Haut-Commissaire",
    "ministre", "président", "Président", "General", "Director-General", "Mayor", "Senator",
}
LINKS = {"of", "the", "to", "for", "and", "in", "on", "at", "U.N.", "UN", "EU", "de", "du", "des", "la", "le"}
SPEAKS = re.compile(r"\s+(?:said|says|told|added|stressed|noted|reiterated|emphasi[sz]ed|urged|called|"
                    r"warned|made|declared|insisted|wrote|underlined|recalled|expressed|welcomed|a déclaré|"
                    r"a souligné|a dit|a ajouté)\b|’s\b|'s\b")
OTHER_WORDS = {
    "The", "A", "An", "In", "On", "At", "This", "That", "These", "We", "Our", "It", "He", "She", "They",
    "Foreign", "Affairs", "Ministry", "Department", "State", "Office", "Government", "Kremlin", "Palace",
    "Council", "Security", "General", "Assembly", "Union", "Nations", "United", "Republic", "Federation",
    "Federal", "Court", "Justice", "International", "Organization", "Organisation", "Treaty", "Collective",
    "Corridor", "Caucasus", "South", "North", "East", "West", "Central", "Black", "Sea", "Group", "Co-Chair",
    "Co-Chairs", "Special", "Deputy", "High", "Chief", "Head", "Ministers", "Prime", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Quai", "Orsay", "Elysee", "Élysée", "House", "White",
    "Parliament", "National", "Agency", "Press", "News", "Defence", "Defense", "Interior", "Economy",
    "Mission", "Embassy", "Line", "Contact", "Initiative", "Grain", "Karabakh", "Nagorno-Karabakh", "Lachin",
    "Secretary-General", "Spokesperson", "Spokesman", "Spokeswoman", "President", "Minister", "Ambassador",
    "Representative", "Commissioner", "Chairman-in-Office", "Chairman", "Haut-Commissaire", "Conseil",
    "Millennium", "Development", "Goals", "Sustainable", "Article", "Brexit", "Conservative", "Liberal",
    "Democrat", "Democratic", "Party", "Scottish", "Advocate", "Prosecutor", "Army", "Forces", "Armed",
}


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Capitalised words that are not parts of people's names: places, nations, bodies, roles, months."""
    words = set(OTHER_WORDS) | set(ADJECTIVES) | set(CAPITALS) | {r for r in ROLES if r[0].isupper()}
    for name in name_index():
        words.update(name.split())
    for name, _ in ORGANIZATIONS:
        words.update(name.split())
    words.update(m.capitalize() for m in ("january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"))
    return frozenset(words)


def find_people(text: str) -> tuple[str, ...]:
    """Canonical names of the people the text names, sorted."""
    text = CREDITS.sub("", text)
    found: set[str] = set()
    spans: list[tuple[int, int, str]] = []
    for start, end, name in shaped_names(text):
        canonical = gazetteer_name(name)
        found.add(canonical or name)
        spans.append((start, end, canonical or name))
    for canonical, pattern in PEOPLE:
        for m in pattern.finditer(text):
            inside = [n for a, b, n in spans if a <= m.start() and m.end() <= b]
            if not inside or canonical in inside:
                found.add(canonical)
    return tuple(sorted(found))


def gazetteer_name(name: str) -> str | None:
    for canonical, pattern in PEOPLE:
        if pattern.fullmatch(name) or (pattern.search(name) and name.split()[0] == canonical.split()[0]):
            return canonical
    return None


def shaped_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for capitalised runs that a role introduces or that speak later."""
    names = []
    for m in CANDIDATE.finditer(text):
        for start, end in name_parts(text, m.start(), m.end()):
            name = " ".join(text[start:end].split())
            if introduced_by_role(text, start) or speaks_alone(text, name, start):
                names.append((start, end, name))
    return names


def name_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitalised run at words that are not name words; keep runs of 2+ words."""
    stop = not_name_words()
    parts, current = [], []
    for w in re.finditer(r"\S+", text[start:end]):
        word = w.group(0)
        if word in stop or word.rstrip("’'s") in stop:
            if len(current) >= 2:
                parts.append((current[0][0], current[-1][1]))
            current = []
        else:
            current.append((start + w.start(), start + w.end()))
    if len(current) >= 2:
        parts.append((current[0][0], current[-1][1]))
    return [(a, b) for a, b in parts if not re.fullmatch(PARTICLE, text[a:b].split()[0])]


def introduced_by_role(text: str, start: int) -> bool:
    """'Foreign Minister X', 'Ambassador of the United States of America to Armenia X'."""
    words = re.findall(r"\S+", text[max(0, start - 160):start])
    stop = not_name_words()
    for word in reversed(words[-14:]):
        bare = re.sub(r"^[dl][’']", "", word.strip(",()"))
        if bare in ROLES or bare.rstrip("’'s") in ROLES:
            return True
        if not (bare in LINKS or bare in stop or bare.rstrip("’'s") in stop):
            return False
    return False


def speaks_alone(text: str, name: str, start: int) -> bool:
    """The surname (or a Chinese family name, first) is later used alone as a speaker."""
    words = name.split()
    for word in {words[-1], words[0]}:
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            if m.start() > start and SPEAKS.match(text, m.end()) and not re.search(r"[A-Z]\w*\s+$", text[:m.start()]):
                return True
    return False
