"""Ingest data: news agencies, the spellings they are written in, and tolerant matching.

Each agency has one canonical name (what the site shows) and its forms in
every script they appear in ('ТАСС', 'Արմենպրես', 'أرمنبريس', 'INTERFAX.RU').
A form of six letters or more also matches when misspelt by a letter or so
('ARTSAKHPRES', 'ريا نوفيسكي'), scored with rapidfuzz. Publishers that are not news agencies
(websites that carry agency copy, such as 'UrduPoint News') are listed apart,
so that a dateline naming them is still a dateline.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from builder.ingest.places import fold

AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Рейтер", "Рейтерс", "Ռոյթերս", "رويترز"),
    "AP": ("AP", "Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Франс Пресс", "Франс-Пресс"),
    "TASS": ("TASS", "ТАСС", "ИТАР-ТАСС", "ITAR-TASS", "ՏԱՍՍ", "تاس"),
    "RIA Novosti": ("RIA Novosti", "RIA", "РИА Новости", "РИА", "ՌԻԱ Նովոստի", "ريا نوفوستي"),
    "Interfax": ("Interfax", "INTERFAX.RU", "Интерфакс", "Interfax-Azerbaijan", "Ինտերֆաքս"),
    "Sputnik": ("Sputnik", "Спутник", "Sputnik Armenia", "Sputnik Azerbaijan", "سبوتنيك"),
    "Xinhua": ("Xinhua", "Синьхуа", "新华社", "شينخوا"),
    "Armenpress": ("Armenpress", "ARMENPRESS", "Арменпресс", "Արմենպրես", "أرمنبريس"),
    "Artsakhpress": ("Artsakhpress", "Арцахпресс", "Արցախպրես"),
    "Trend": ("Trend", "Trend News Agency", "Тренд"),
    "AZERTAC": ("AZERTAC", "AzerTAc", "Azertag", "АЗЕРТАДЖ", "AzərTAc"),
    "APA": ("APA", "Azeri-Press Agency", "АПА"),
    "Turan": ("Turan", "Туран"),
    "Report.az": ("Report.az",),
    "NEWS.am": ("NEWS.am", "Ньюс.ам"),
    "PanARMENIAN.Net": ("PanARMENIAN.Net", "PanArmenian", "PanARMENIAN", "PanArmenian.Net"),
    "Public Radio of Armenia": ("Public Radio of Armenia", "Armenian Public Radio"),
    "Arka": ("ARKA", "Арка"),
    "Mediamax": ("Mediamax", "Медиамакс"),
    "KCNA": ("KCNA", "Korean Central News Agency", "ЦТАК"),
    "Yonhap": ("Yonhap", "Йонхап"),
    "Kyodo": ("Kyodo", "Киодо"),
    "EFE": ("EFE", "Agencia EFE", "EFE Agency"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("ANSA",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "ATS": ("ATS",),
    "SDA": ("SDA",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA", "Анадолу"),
    "IRNA": ("IRNA", "ИРНА"),
    "Mehr": ("Mehr", "Mehr News Agency"),
    "Tasnim": ("Tasnim", "Tasnim News Agency"),
    "Fars": ("Fars", "Fars News Agency"),
    "ISNA": ("ISNA",),
    "AhlulBayt News Agency": ("AhlulBayt News Agency", "ABNA"),
    "BelTA": ("BelTA", "БелТА"),
    "Kazinform": ("Kazinform", "Казинформ"),
    "Ukrinform": ("Ukrinform", "Укрінформ", "Укрinform"),
    "UNIAN": ("UNIAN", "УНИАН"),
    "PAP": ("PAP",),
    "ANI": ("ANI",),
    "PTI": ("PTI", "Press Trust of India"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "WAFA": ("WAFA",),
    "SPA": ("SPA", "Saudi Press Agency"),
    "QNA": ("QNA",),
    "KUNA": ("KUNA",),
    "WAM": ("WAM",),
    "MENA": ("MENA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "Prensa Latina": ("Prensa Latina",),
    "Interpressnews": ("Interpressnews", "IPN"),
    "Sarke": ("Sarke",),
    "Agerpres": ("Agerpres",),
    "BTA": ("BTA",),
    "Tanjug": ("Tanjug",),
    "CTK": ("CTK", "ČTK"),
    "MTI": ("MTI",),
}
# Sites that carry agency copy under their own name: not agencies, but part of a dateline.
PUBLISHERS = ("UrduPoint News", "UrduPoint", "ENEWSPF", "Sri Lanka Guardian", "News.Az", "Azatutyun",
              "European Pravda", "Asharq Al-Awsat", "Al-Wakeel News", "Panorama.am", "Hetq", "Aravot",
              "168 Zham", "1lurer")
FUZZY_MIN_LENGTH = 6
FUZZY_SCORE = 90


@lru_cache(maxsize=1)
def forms() -> dict[str, str]:
    """Folded form → canonical agency name."""
    table = {fold(form): name for name, spellings in AGENCIES.items() for form in (name, *spellings)}
    table.pop("", None)
    return table


@lru_cache(maxsize=1)
def publishers() -> frozenset[str]:
    return frozenset(fold(p) for p in PUBLISHERS)


def agency(text: str, score: int = FUZZY_SCORE) -> str | None:
    """The canonical agency a name stands for ('ARTSAKHPRES' → 'Artsakhpress'), or None; ``score`` is how
    close a misspelling must be (lower only where the words around say an agency is named)."""
    key = fold(text)
    if not key:
        return None
    if key in forms():
        return forms()[key]
    if len(key) >= FUZZY_MIN_LENGTH:
        hit = process.extractOne(key, list(forms()), scorer=fuzz.ratio, score_cutoff=score)
        if hit:
            return forms()[hit[0]]
    return None


def is_publisher(text: str) -> bool:
    return fold(text) in publishers()


@lru_cache(maxsize=1)
def names_group() -> str:
    """A regex group matching any spelling of any agency, longest first."""
    spellings = sorted({f for name, fs in AGENCIES.items() for f in (name, *fs)}, key=len, reverse=True)
    return "(" + "|".join(re.escape(s) for s in spellings) + ")"


@lru_cache(maxsize=1)
def mention_pattern() -> re.Pattern[str]:
    """Any agency spelling as a whole word, in any case (callers check short names' case)."""
    return re.compile(r"(?<![\w.-])" + names_group() + r"(?![\w-]|\.\w)", re.IGNORECASE)
