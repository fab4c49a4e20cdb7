"""How ``bench/accuracy.py`` judges one extracted field against a hand-made answer key.

Pure functions. Text is folded before comparing (case, accents, punctuation
and spacing ignored), so that 'AZERTAC' is 'Azertac' and 'Stéphane' is
'Stephane'; everything else is judged strictly, as a reader checking the page
would.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from difflib import SequenceMatcher

from anyascii import anyascii
from rapidfuzz import fuzz

from builder.countries import ADJECTIVES, mention_code
from builder.ingest.country_forms import english_pattern

ELLIPSIS = ("…", "...")
BOILERPLATE = re.compile(r"©|\bprovided by\b|^\W*$|^(?:no|№)?[\s:.]*\d[\d\s,./:-]*$|^(?:home|menu|news|us markets)$",
                         re.IGNORECASE)
TITLE_SIMILARITY = 0.75
BODY_KINDS = (  # (kind, cue), the first that matches names the kind of a speaking body
    ("co-chairs", r"co-?chair"),
    ("un secretary-general", r"secretary[- ]general"),
    ("foreign ministry", r"foreign (?:ministry|office|affairs)|ministry of (?:foreign|external) affairs|"
                         r"state department|department of state|ministry for europe and foreign affairs|\bmfa\b|"
                         r"foreign minist|external affairs"),
    ("presidency", r"presiden|[ée]lys[ée]e|kremlin|white house"),
    ("prime minister", r"prime minister|premier"),
    ("government", r"government|cabinet"),
)
BODY_WORDS = re.compile(r"ministry|office|spokes|co-?chair|presiden|government|department|kremlin|"
                        r"[ée]lys[ée]e|press service|cabinet|embassy|mission|council", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits separated by single spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("եւ", "եվ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def latin(text: str) -> str:
    """Folded and transliterated: 'Захарова' → 'zakharova'."""
    return fold(anyascii(unicodedata.normalize("NFC", text or "")))


def date_right(front: dict, want: str) -> bool:
    got = front.get("date")
    got = got.isoformat() if isinstance(got, dt.date) else str(got)
    return got == want


def place_right(got: str, key: dict) -> bool:
    wanted = {fold(key.get(k) or "") for k in ("place", "place_en")} - {""}
    if not wanted:
        return not (got or "").strip()
    return fold(got) in wanted


def agencies_right(got: list[str], want: list[str]) -> bool:
    return {fold(a).replace(" ", "") for a in got} == {fold(a).replace(" ", "") for a in want}


def principal(issuer: str) -> str:
    """The speaker a key's issuer names first: 'Maria Zakharova, spokesperson…' → 'Maria Zakharova'."""
    return re.split(r",|\s\(|;", issuer, maxsplit=1)[0].strip()


def is_person(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and not BODY_WORDS.search(name) and words[0][:1].isupper()


def body_kind(text: str) -> str | None:
    for kind, cue in BODY_KINDS:
        if re.search(cue, text, re.IGNORECASE):
            return kind
    return None


def countries_in(text: str) -> set[str]:
    text = re.sub(r"\bU\.\s?S\.|\bUS\b", "United States", text)
    codes = {mention_code(m.group(1)) for m in english_pattern().finditer(text)}
    codes |= {ADJECTIVES[w] for w in re.findall(r"\w+", text) if w in ADJECTIVES}
    return {c for c in codes if c}


def issuer_right(got: str, want: str) -> bool:
    """Filled, and naming the key's speaker: the same person, or the same body of the same country."""
    if not got.strip() or not want.strip():
        return bool(got.strip()) == bool(want.strip()) and not want.strip()
    speaker = principal(want)
    if is_person(speaker):
        surname = latin(speaker).split()[-1]
        return surname in latin(got).split()
    kind = body_kind(speaker)
    if kind is None or body_kind(got) != kind:
        return False
    return countries_in(speaker) <= countries_in(got)


def title_acceptable(got: str, key: dict, text: str = "") -> bool:
    """Never an ellipsis, boilerplate or a bare dateline or number. When the text shows the key's headline,
    that headline (or an accepted alternative); otherwise close to one of them, or the lead cut cleanly:
    words of the text, five or more, ending where a clause ends."""
    got = (got or "").strip()
    if not got or got.endswith(ELLIPSIS) or BOILERPLATE.search(got):
        return False
    mine = fold(got).split()
    titles = [t for t in [key.get("title") or "", *(key.get("titles_ok") or [])] if fold(t)]
    for candidate in titles:
        theirs = fold(candidate).split()
        if SequenceMatcher(None, mine, theirs, autojunk=False).ratio() >= TITLE_SIMILARITY:
            return True
        if len(mine) >= max(6, len(theirs) // 2) and theirs[:len(mine)] == mine:
            return True  # the key's title cut at a boundary
    return not shows_headline(titles, text) and len(mine) >= 5 and clean_cut(got, text)


def shows_headline(titles: list[str], text: str) -> bool:
    """One of the titles stands as a line of its own in the text (a headline, not words of a sentence)."""
    lines = [fold(re.sub(r"^\s*date\s+\S+", "", line)) for line in text.splitlines()]
    wanted = [fold(t) for t in titles]
    return any(line.startswith(t) and len(line) <= len(t) + 40 for line in lines for t in wanted)


def clean_cut(title: str, text: str) -> bool:
    """The title is words of the text that end where the text's clause or sentence ends."""
    flat = re.sub(r"[ \t]+", " ", text)
    at = flat.find(title)
    if at < 0:
        return False
    after = flat[at + len(title):at + len(title) + 12]
    return after.strip() == "" or after.startswith("\n") or bool(re.match(r"[,;:.!?…)»”\"’]|\s[—–-]\s|\s(?:and|but|while|which|who|when|after|as|"
                                        r"amid|saying|noting|because|although|where|following)\s|\n", after))


def name_forms(name: str) -> list[str]:
    """'Мария Захарова (Maria Zakharova)' → ['мария захарова', 'maria zakharova']."""
    m = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", name)
    forms = [m.group(1), m.group(2)] if m else [name]
    return [fold(f) for f in forms if fold(f)]


def same_person(got: str, want: str) -> bool:
    """The same person: equal names, or the same surname and a compatible first name ('Sergei'/'Sergey',
    'M.'), or a surname-only key that the extracted full name ends with ('Bayramov')."""
    a = latin(got).split()
    for form in name_forms(want):
        b = latin(form).split()
        if a == b:
            return True
        if len(b) == 1 and a and a[-1] == b[0]:
            return True
        if len(a) >= 2 and len(b) >= 2 and fuzz.ratio(a[-1], b[-1]) >= 85 and a[0][:1] == b[0][:1] and (
                len(a[0]) == 1 or len(b[0]) == 1 or fuzz.ratio(a[0], b[0]) >= 75):
            return True  # middle names, patronymics, transliterations and initials aside
    return False


def match_pairs(got: list[str], want: list[str], same) -> tuple[list[str], list[str], list[str]]:
    """Greedy one-to-one pairing: (matched, extra, missing)."""
    left = list(want)
    matched, extra = [], []
    for g in got:
        hit = next((w for w in left if same(g, w)), None)
        if hit is None:
            extra.append(g)
        else:
            left.remove(hit)
            matched.append(g)
    return matched, extra, left


def match_people(got: list[str], want: list[str]) -> tuple[list[str], list[str], list[str]]:
    return match_pairs(got, want, same_person)


ORG_ALIASES = {"un": "united nations", "eu": "european union", "unsc": "un security council",
               "osce minsk group": "osce minsk group", "organization for security and co operation in europe": "osce"}


def same_organization(got: str, want: str) -> bool:
    a = ORG_ALIASES.get(fold(got), fold(got))
    return any(ORG_ALIASES.get(f, f) == a for f in name_forms(want))


def match_organizations(got: list[str], want: list[str]) -> tuple[list[str], list[str], list[str]]:
    return match_pairs(got, want, same_organization)
