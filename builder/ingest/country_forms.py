"""Ingest stage 3, countries: a text → the ISO alpha-2 codes of the states it names.

A state counts when it is named or referred to by its adjective or an
abbreviation ('Armenia', 'Armenian', 'U.S.', 'РФ', 'ՀՀ', 'ABŞ'); a capital
standing for its government ('Moscow said', 'the Kremlin') does not, nor a
region ('Nagorno-Karabakh') or a format named after a city ('Minsk Group').

English forms come from ``builder.countries`` (pycountry plus everyday
names and adjectives). Other languages use pycountry's own translations of
the ISO names (its gettext catalogues), matched as stems so that inflected
forms count ('Армении', 'Азербайджана', 'Հայաստանի', 'Ermenistan'a'), and a
short list of adjectives and abbreviations that the catalogues lack.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from builder.countries import ADJECTIVES, mention_code, name_index

NOT_A_STATE = re.compile(r"[ -](?:Group|format|[Aa]greements?|process|Conventions?)\b")  # 'Minsk Group'
LANGUAGES = ("ru", "fr", "de", "es", "it", "pt", "tr", "az", "hy", "ka", "ar", "uk")
SUFFIXED = {"ru", "uk", "ka", "hy", "tr", "az"}  # names take case endings
VOWELS = "аяеёиоуыэюйьaeiouəıიაეოუ"
# Adjectives and abbreviations that the ISO catalogues do not hold, by stem.
FORMS: tuple[tuple[str, str], ...] = (
    # Russian
    ("AM", "армянск|армяно-"), ("AZ", "азербайджанск|азербайджано-"), ("RU", "Росси[яиюей]|РФ\\b|российск|русск"),
    ("TR", "Турци|турецк"), ("SY", "сирийск"), ("UA", "Украин|украинск|ВСУ\\b"), ("GE", "грузинск"),
    ("IR", "иранск"), ("US", "США\\b|американск|Госдеп"), ("FR", "французск"), ("CN", "Кита[йяюе]|китайск"),
    ("DE", "немецк|германск"), ("BY", "Беларус|белорусск"), ("KZ", "казахстанск"), ("GB", "британск"),
    ("IL", "израильск"), ("KP", "КНДР"), ("KR", "Южн\\w+ Коре"), ("SY", "Сири[яиюей]"), ("LY", "Ливи[яиюей]|ливийск"),
    ("FI", "Финлянд|финск"), ("CU", "Куб[аеуы]\\b|кубинск"),
    # French, German, Spanish, Italian, Portuguese
    ("AM", "arménien"), ("AZ", "azerbaïdjanais|azéri"), ("RU", "russe\\b|Russie|russes\\b"), ("TR", "turc\\b|turque"),
    ("FR", "français|française"), ("US", "américain|\\bUSA\\b|EE\\.?\\s?UU|estadounidense"), ("GE", "géorgien"),
    ("IR", "iranien"), ("DE", "allemand|deutsch"), ("UA", "ukrainien"), ("CN", "chinois"), ("GB", "britannique"),
    ("SY", "syrien"), ("AM", "armenisch|armenio"), ("AZ", "aserbaidschanisch|azerbaiyano"), ("RU", "russisch|ruso\\b|rusa\\b"),
    ("ES", "España|español|spanisch"), ("RU", "Rusia"), ("TR", "türkisch|turco"), ("US", "US-"),
    # Turkish, Azerbaijani
    ("US", "ABD\\b|ABŞ\\b|Amerika"), ("TR", "Türkiye|Türkiyə|Turkiye"), ("AM", "Ermeni"), ("AZ", "Azerbaycan|Azərbaycan"),
    ("RU", "Rusya|Rusiya"),
    # Armenian
    ("AM", "ՀՀ\\b|[Հհ]այ-|հայկական|Հայաստան"), ("AZ", "ադրբեջանական"), ("GE", "վրացական|[Վվ]րաց-"),
    ("RU", "ՌԴ\\b|ռուսական|Ռուսաստան"), ("TR", "թուրքական"), ("US", "ԱՄՆ\\b|ամերիկյան"), ("FR", "ֆրանսիական"),
    # Georgian, Arabic
    ("GE", "საქართველო"), ("AZ", "აზერბაიჯან"), ("AM", "სომხეთ"), ("RU", "რუსეთ"),
    ("RU", "روسي|الروس"), ("AM", "أرمين|لأرمين"), ("AZ", "أذربيج"), ("US", "الأمريكي|أمريكا|الولايات المتحدة"),
    ("UA", "أوكراني|كييف"), ("IR", "إيران"), ("TR", "تركي"), ("FR", "فرنس"), ("IL", "إسرائيل"),
)


def find_countries(text: str, language: str = "en") -> tuple[str, ...]:
    """ISO codes of the states a text names (names, adjectives, abbreviations), sorted."""
    codes = {english_forms()[m.group(1)] for m in english_pattern().finditer(text)
             if not NOT_A_STATE.match(text, m.end())}
    codes |= {code for code, pattern in form_patterns() if pattern.search(text)}
    if language in LANGUAGES:
        folded = text.replace("ё", "е").replace("Ё", "Е")
        codes |= {code for code, pattern in locale_patterns(language) if pattern.search(folded)}
    return tuple(sorted(c for c in codes if c))


@lru_cache(maxsize=1)
def english_forms() -> dict[str, str]:
    """English name or adjective → code, also in capitals ('IRAQ'); 'US' only in capitals."""
    forms = {**{f: mention_code(f) for f in name_index()}, **ADJECTIVES, "US": "US"}
    forms.update({f.upper(): code for f, code in list(forms.items()) if len(f) >= 4})
    return {f: code for f, code in forms.items() if code}


@lru_cache(maxsize=1)
def english_pattern() -> re.Pattern[str]:
    """Any English form as a whole word ('Azerbaijan-Armenia' holds two)."""
    alternatives = sorted(english_forms(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w])")


@lru_cache(maxsize=1)
def form_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((code, re.compile(r"(?<![\w])(?:" + stems + ")", re.IGNORECASE)) for code, stems in FORMS)


@lru_cache(maxsize=None)
def locale_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each country's names in ``language`` (pycountry's catalogues), as stems that take endings."""
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
    out = []
    for country in pycountry.countries:
        names = {translate(getattr(country, a)) for a in ("name", "common_name", "official_name")
                 if getattr(country, a, None)}
        stems = sorted({stem_of(n, language) for n in names if "," not in n} - {""}, key=len, reverse=True)
        if stems:
            lead = r"(?<![\w])" if language != "ar" else r"(?:(?<![\w])|(?<=[لبوف]))"
            out.append((country.alpha_2, re.compile(lead + "(?:" + "|".join(stems) + ")")))
    return tuple(out)


def stem_of(name: str, language: str) -> str:
    """A name as a pattern that matches its inflected forms ('Армения' → 'Армени\\w*'), or '' if too short."""
    name = name.replace("ё", "е")
    words = name.split()
    if language not in SUFFIXED:
        if language == "ar" and len(name) < 5:
            return ""  # 'مالي' (Mali) is also 'financial'
        return r"\s+".join(re.escape(w) for w in words) + (r"(?![\w])" if language != "ar" else "")
    parts = []
    for w in words:
        base = w.rstrip(VOWELS) if len(w) > 5 else w
        if len(base) < 4:
            return ""  # too short to match as a stem without false hits
        parts.append(re.escape(base[0]) + "(?i:" + re.escape(base[1:]) + r")\w*")
    return r"\s+".join(parts)
