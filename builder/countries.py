"""Country names and codes: pycountry's ISO 3166-1 list plus the everyday forms.

Used by ingest (names, adjectives and capitals in text → alpha-2 codes) and by
the site (code → the English name shown on pages). Pure lookups, no I/O; the
name and code lookups are memoised, since the site asks for the same few hundred
codes and names again and again.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Everyday English names where ISO's formal short name is not what readers search for.
DISPLAY = {"RU": "Russia", "TR": "Turkey", "IR": "Iran", "SY": "Syria", "KR": "South Korea",
           "KP": "North Korea", "MD": "Moldova", "VN": "Vietnam", "LA": "Laos",
           "TZ": "Tanzania", "VE": "Venezuela", "BO": "Bolivia", "TW": "Taiwan",
           "GB": "United Kingdom", "US": "United States", "PS": "Palestine",
           "CZ": "Czech Republic", "VA": "Vatican", "FM": "Micronesia"}

# Other names in use (historic, short or local forms) that ISO lists under another name.
ALIASES = {"Türkiye": "TR", "Turkiye": "TR", "Britain": "GB", "Great Britain": "GB",
           "UK": "GB", "USA": "US", "U.S.": "US", "United States of America": "US",
           "America": "US", "Russian Federation": "RU", "Holland": "NL",
           "the Netherlands": "NL", "Ivory Coast": "CI", "Czech Republic": "CZ",
           "Kyrgyzstan": "KG", "Macedonia": "MK", "Burma": "MM", "Persia": "IR"}

# Adjectives and demonyms: ISO has no list of these.
ADJECTIVES = {
    "Armenian": "AM", "Azerbaijani": "AZ", "Azeri": "AZ", "Georgian": "GE", "Russian": "RU",
    "Iranian": "IR", "Turkish": "TR", "French": "FR", "German": "DE", "Chinese": "CN",
    "Indian": "IN", "Brazilian": "BR", "Egyptian": "EG", "Japanese": "JP", "Kazakh": "KZ",
    "Ukrainian": "UA", "Polish": "PL", "Italian": "IT", "Spanish": "ES", "Canadian": "CA",
    "Mexican": "MX", "Nigerian": "NG", "Kenyan": "KE", "Qatari": "QA", "Israeli": "IL",
    "Jordanian": "JO", "Serbian": "RS", "Greek": "GR", "Cypriot": "CY", "Belarusian": "BY",
    "Moldovan": "MD", "American": "US", "British": "GB", "Syrian": "SY", "Iraqi": "IQ",
    "Saudi": "SA", "Emirati": "AE", "Pakistani": "PK", "Afghan": "AF", "Uzbek": "UZ",
    "Turkmen": "TM", "Tajik": "TJ", "Kyrgyz": "KG", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Finnish": "FI", "Swedish": "SE", "Norwegian": "NO", "Danish": "DK",
    "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT", "Hungarian": "HU",
    "Romanian": "RO", "Bulgarian": "BG", "Czech": "CZ", "Slovak": "SK", "Croatian": "HR",
    "Lebanese": "LB", "Palestinian": "PS", "Libyan": "LY", "Indonesian": "ID",
    "Korean": "KR", "Vietnamese": "VN", "Australian": "AU", "Argentine": "AR",
    "Venezuelan": "VE", "Cuban": "CU", "South African": "ZA", "Ethiopian": "ET",
    "Slovenian": "SI", "Slovene": "SI", "Mongolian": "MN", "Sri Lankan": "LK", "Nepalese": "NP",
    "Bangladeshi": "BD", "Thai": "TH", "Malaysian": "MY", "Filipino": "PH", "Singaporean": "SG",
    "Kuwaiti": "KW", "Bahraini": "BH", "Omani": "OM", "Yemeni": "YE", "Sudanese": "SD", "Tunisian": "TN",
    "Algerian": "DZ", "Moroccan": "MA", "Chilean": "CL", "Colombian": "CO", "Peruvian": "PE",
    "Albanian": "AL", "Bosnian": "BA", "Montenegrin": "ME", "Macedonian": "MK",
    "Icelandic": "IS", "Irish": "IE", "Portuguese": "PT", "Luxembourgish": "LU", "Maltese": "MT",
    "Georgians": "GE", "Armenians": "AM", "Azerbaijanis": "AZ", "Russians": "RU", "Turks": "TR",
    "Iranians": "IR", "Americans": "US", "Ukrainians": "UA", "Israelis": "IL", "Palestinians": "PS",
}

# Capitals that stand for their states in diplomatic prose ("Ankara and Yerevan"): not countries
# (a capital is a place), but never parts of people's names either.
CAPITALS = {
    "Yerevan": "AM", "Baku": "AZ", "Tbilisi": "GE", "Moscow": "RU", "Kremlin": "RU",
    "Tehran": "IR", "Ankara": "TR", "Paris": "FR", "Berlin": "DE", "Beijing": "CN",
    "Washington": "US", "London": "GB", "Kyiv": "UA", "Kiev": "UA", "Minsk": "BY",
    "Astana": "KZ", "Tokyo": "JP", "New Delhi": "IN", "Cairo": "EG", "Warsaw": "PL",
    "Rome": "IT", "Madrid": "ES", "Ottawa": "CA", "Doha": "QA", "Jerusalem": "IL",
    "Amman": "JO", "Belgrade": "RS", "Athens": "GR", "Nicosia": "CY", "Chisinau": "MD",
    "Damascus": "SY", "Baghdad": "IQ", "Riyadh": "SA", "Abu Dhabi": "AE",
    "Islamabad": "PK", "Kabul": "AF", "Tashkent": "UZ", "Ashgabat": "TM",
    "Dushanbe": "TJ", "Bishkek": "KG", "Budapest": "HU", "Bucharest": "RO",
    "Sofia": "BG", "Prague": "CZ", "Vienna": "AT", "Brasilia": "BR", "Mexico City": "MX",
}


@lru_cache(maxsize=None)
def country_name(code: str) -> str:
    """The English name shown for an alpha-2 code ('RU' → 'Russia')."""
    if code in DISPLAY:
        return DISPLAY[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_country_code(code: str) -> bool:
    return isinstance(code, str) and pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Every name form → alpha-2: ISO short, common and official names, plus aliases."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                index[value] = country.alpha_2
    index.update({name: code for code, name in DISPLAY.items()})
    index.update(ALIASES)
    return index


@lru_cache(maxsize=None)
def country_code(name: str) -> str | None:
    """The alpha-2 code for a country name in any known form, or None."""
    return name_index().get(name) or name_index().get(name.strip())


def mention_code(form: str) -> str | None:
    """The code a matched mention stands for."""
    return name_index().get(form) or ADJECTIVES.get(form) or CAPITALS.get(form)
