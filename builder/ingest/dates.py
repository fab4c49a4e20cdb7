"""Ingest helpers: dates as written in statements → ``datetime.date`` (pure).

Month names in English, French, German, Russian, Armenian, Spanish,
Portuguese, Italian, Turkish, Azerbaijani, Arabic and Georgian (full, genitive
and wire abbreviations); whole-line dates ('30 January 2023', 'January 30,
2023', '30.01.2023', '17 мая 2023 года'); ``Date:`` lines; wire trailers
('101137 GMT Dez 18'). Nothing here guesses a missing year.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES: tuple[tuple[str, ...], ...] = (  # en, fr, de, ru (gen., nom.), hy, es, pt, it, tr, az, ar, ka
    ("january", "janvier", "januar", "января", "январь", "հունվար", "enero", "janeiro", "gennaio", "ocak",
     "yanvar", "يناير", "كانون الثاني", "იანვარი", "იანვრის"),
    ("february", "février", "fevrier", "februar", "февраля", "февраль", "փետրվար", "febrero", "fevereiro",
     "febbraio", "şubat", "subat", "fevral", "فبراير", "شباط", "თებერვალი", "თებერვლის"),
    ("march", "mars", "märz", "marz", "марта", "март", "մարտ", "marzo", "março", "mart", "مارس", "آذار",
     "მარტი", "მარტის"),
    ("april", "avril", "апреля", "апрель", "ապրիլ", "abril", "aprile", "nisan", "aprel", "أبريل", "ابريل",
     "نيسان", "აპრილი", "აპრილის"),
    ("may", "mai", "мая", "май", "մայիս", "mayo", "maio", "maggio", "mayıs", "mayis", "مايو", "أيار",
     "მაისი", "მაისის"),
    ("june", "juin", "juni", "июня", "июнь", "հունիս", "junio", "junho", "giugno", "haziran", "iyun", "يونيو",
     "حزيران", "ივნისი", "ივნისის"),
    ("july", "juillet", "juli", "июля", "июль", "հուլիս", "julio", "julho", "luglio", "temmuz", "iyul", "يوليو",
     "تموز", "ივლისი", "ივლისის"),
    ("august", "août", "aout", "августа", "август", "օգոստոս", "agosto", "ağustos", "agustos", "avqust",
     "أغسطس", "اغسطس", "آب", "აგვისტო", "აგვისტოს"),
    ("september", "septembre", "сентября", "сентябрь", "սեպտեմբեր", "septiembre", "setembro", "settembre",
     "eylül", "eylul", "sentyabr", "سبتمبر", "أيلول", "სექტემბერი", "სექტემბრის"),
    ("october", "octobre", "oktober", "октября", "октябрь", "հոկտեմբեր", "octubre", "outubro", "ottobre",
     "ekim", "oktyabr", "أكتوبر", "اكتوبر", "تشرين الأول", "ოქტომბერი", "ოქტომბრის"),
    ("november", "novembre", "ноября", "ноябрь", "նոյեմբեր", "noviembre", "novembro", "kasım", "kasim",
     "noyabr", "نوفمبر", "تشرين الثاني", "ნოემბერი", "ნოემბრის"),
    ("december", "décembre", "decembre", "dezember", "декабря", "декабрь", "դեկտեմբեր", "diciembre",
     "dezembro", "dicembre", "aralık", "aralik", "dekabr", "ديسمبر", "كانون الأول", "დეკემბერი", "დეკემბრის"),
)
# Abbreviations seen on the wires ('Jan.', 'Sept', 'janv', 'Dez', 'апр', 'Ago').
ABBREVIATIONS = {
    "jan": 1, "janv": 1, "ene": 1, "feb": 2, "fev": 2, "fév": 2, "févr": 2, "fevr": 2, "mar": 3, "mär": 3,
    "mrz": 3, "apr": 4, "avr": 4, "abr": 4, "jun": 6, "jul": 7, "juil": 7, "aug": 8, "aoû": 8, "ago": 8,
    "sep": 9, "sept": 9, "set": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "déc": 12, "dez": 12, "dic": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9,
    "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}
MONTHS_BY_NAME = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names}
WEEKDAYS = (r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lundi|mardi|mercredi|"
            r"jeudi|vendredi|samedi|dimanche),?\s+)?")
WORD = r"[^\W\d_]{3,10}\.?"
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:er)?\s+(" + WORD + r")\s+(\d{4})")
MONTH_DAY_YEAR = re.compile(r"(" + WORD + r")\s+(\d{1,2}),?\s+(\d{4})")
NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
YEAR_WORD = r"(?:\s*(?:года|год|г\.|թ\.|թվականի))?"
DATE_COLON = re.compile(r"^\s*(?:date|dated|дата|թվական)\s*:\s*(.+?)\s*$", re.IGNORECASE)
TRAILER = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})\s+(?:(?:GMT|UTC|MEZ|CET)\s+)?(" + WORD + r")\s+(\d{2})\s*$")


def month_number(word: str) -> int | None:
    """'January', 'JAN.', 'января', 'ՄԱՐՏԻ', 'Dez' → 1…12, or None."""
    w = word.lower().rstrip(".")
    if w.endswith("ի") and len(w) > 4:  # Armenian genitive: մարտի, փետրվարի
        w = w[:-1]
    return MONTHS_BY_NAME.get(w) or ABBREVIATIONS.get(w)


def make_date(year: int, month: int | None, day: int) -> dt.date | None:
    """A real calendar date, or None (31 February is not a date)."""
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def spelled_date(text: str) -> dt.date | None:
    """A string that is wholly a date, in any of the supported forms."""
    s = text.strip().strip("()").strip()
    patterns = ((DAY_MONTH_YEAR, (3, 2, 1)), (MONTH_DAY_YEAR, (3, 1, 2)))
    for pattern, (y, m, d) in patterns:
        match = re.fullmatch(WEEKDAYS + pattern.pattern + YEAR_WORD + r"\.?", s, re.IGNORECASE)
        if match:
            g = match.groups()
            return make_date(int(g[y - 1]), month_number(g[m - 1]), int(g[d - 1]))
    for pattern, order in ((NUMERIC, (3, 2, 1)), (ISO, (1, 2, 3))):
        match = re.fullmatch(pattern.pattern + YEAR_WORD, s)
        if match:
            y, m, d = (int(match.group(i)) for i in order)
            return make_date(y, m, d)
    return None


def date_line(line: str) -> dt.date | None:
    """A header line giving the date: 'Date: 12 June 2023', '30 January 2023', '09.11.2023'."""
    match = DATE_COLON.match(line)
    return spelled_date(match.group(1) if match else line)


def date_at_end(line: str) -> dt.date | None:
    """A title ending with its date in brackets: '… au Haut-Karabagh (20 septembre 2023)'."""
    match = re.search(r"\(([^()]{6,40})\)\s*$", line)
    return spelled_date(match.group(1)) if match else None


def trailer_date(line: str) -> dt.date | None:
    """A wire trailer 'DDHHMM [GMT] Mon YY' ('101137 GMT Dez 18' → 2018-12-10)."""
    match = TRAILER.match(line)
    if not match:
        return None
    day, hour, minute = int(match[1]), int(match[2]), int(match[3])
    if hour > 23 or minute > 59:
        return None
    return make_date(2000 + int(match[5]), month_number(match[4]), day)
