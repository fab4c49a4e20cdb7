"""Ingest helpers: the shape of personal names, and the words that are never parts of one.

A name is two to five name words: capitalised words in any script
('Kayleigh McEnany', 'Yuli-Yoel Edelstein', 'Мария Захарова', 'Անի Բադալյան'),
initials ('J.A.Bayramov', 'M. V. Zakharova', 'E. Tariverdiyeva'), particles
('Faisal bin Farhan', 'Riyad al-Maliki'), and a surname in capitals next to
a capitalised word ('Nikol PACHINIAN'). Words that name places, countries,
bodies, offices, months or days, and capitalised common words, are not
name words: a run of capitalised words is cut at them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.countries import ADJECTIVES, CAPITALS, name_index
from builder.ingest.gazetteer import ORGANIZATIONS

UPPER = r"A-ZÀ-ÖØ-ÞĀ-ĶĹ-ŇŌ-ŽƏİŞĞÇÖÜА-ЯЁԱ-Ֆ"
LOWER = r"a-zß-öø-ÿā-ķĺ-ňō-žəışğçöüа-яёա-ֆև"
WORD = rf"(?:(?:Mc|Mac|O['’]|D['’]|Al-|al-|El-|el-)?[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:-[{UPPER}][{LOWER}]+)*)"
CAPS_WORD = rf"[{UPPER}]{{3,}}"
INITIALS = rf"(?:[{UPPER}]\.\s?){{1,3}}"
PARTICLE = r"(?:de|da|del|van|von|der|bin|ibn|abu|dos|du|la|le|al|el)"
NAME = re.compile(rf"(?<![\w.’'-])(?:{INITIALS}(?:{WORD}|{CAPS_WORD})|{WORD}(?:\s+(?:{PARTICLE}\s+)?(?:{WORD}|{INITIALS}(?={WORD})|"
                  rf"{CAPS_WORD}(?![\w-])))+)")
SINGLE = re.compile(rf"(?<![\w.’'-])(?:{WORD}|{CAPS_WORD})(?![\w-])")
COMMON = {  # capitalised words that are not parts of names (titles, sentence starts, headings)
    "The", "A", "An", "In", "On", "At", "This", "That", "These", "Those", "We", "Our", "It", "He", "She", "They",
    "His", "Her", "Their", "Its", "As", "If", "But", "And", "Or", "For", "With", "From", "By", "To", "Of",
    "After", "Before", "During", "While", "When", "Since", "According", "Also", "However", "Meanwhile",
    "Foreign", "Affairs", "Ministry", "Minister", "Ministers", "Department", "State", "Office", "Government",
    "Palace", "Council", "Security", "General", "Assembly", "Union", "Nations", "United", "Republic",
    "Federation", "Federal", "Court", "Justice", "International", "Organization", "Organisation", "Treaty",
    "Collective", "Corridor", "Caucasus", "South", "North", "East", "West", "Central", "Black", "Sea", "Group",
    "Co-Chair", "Co-Chairs", "Co-Chairman", "Special", "Deputy", "High", "Chief", "Head", "Prime", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Quai", "Orsay", "House", "White",
    "Parliament", "National", "Agency", "Press", "News", "Defence", "Defense", "Interior", "Economy",
    "Mission", "Embassy", "Consulate", "Line", "Contact", "Initiative", "Grain", "Karabakh", "Nagorno-Karabakh",
    "Lachin", "Secretary-General", "Secretary", "Spokesperson", "Spokesman", "Spokeswoman", "President",
    "Ambassador", "Ambassadors", "Representative", "Commissioner", "Chairman-in-Office", "Chairperson-in-Office",
    "Chairman", "Chairperson", "Conseil", "Millennium", "Development", "Goals", "Sustainable", "Article", "Brexit",
    "Conservative", "Liberal", "Democrat", "Democratic", "Party", "Scottish", "Advocate", "Prosecutor", "Army",
    "Forces", "Armed", "Public", "Information", "Policy", "Regular", "Travel", "Travels", "Election", "Death",
    "Briefing", "Statement", "Comment", "Response", "Interview", "Press-Service", "Service", "Division",
    "Media", "Center", "Centre", "Programme", "Program", "Food", "World", "Humanitarian", "Relief", "Works",
    "Refugees", "Refugee", "Questions", "Question", "Answer", "Conference", "Summit", "Meeting", "Talks",
    "Agreement", "Protocol", "Protocols", "Declaration", "Resolution", "Statute", "Charter", "Convention",
    "Conventions", "Kremlin", "Elysee", "Élysée", "Strategic", "Offensive", "Arms", "New", "START", "Cabinet",
    "Committee", "Commission", "Bureau", "Directorate", "Institute", "University", "Center", "Foundation",
    "Bank", "Fund", "Forum", "Platform", "Format", "Process", "Dialogue", "Peace", "War", "Crisis", "Conflict",
    "Region", "Province", "District", "City", "Islands", "Island", "Strip", "Bay", "Gulf", "Ocean", "River",
    "Politics", "Materials", "Theme", "Home", "Latest", "Read", "More", "Min", "Staff", "Photo", "Source",
    "Details", "Table", "Contents", "Index", "Today", "Yesterday", "Good", "Thank", "Thanks", "Mr", "Ms", "Mrs",
    "Dr", "Sir", "Madam", "Excellency", "His", "Her", "Majesty", "Highness", "Royal", "Emir", "King", "Queen",
    "Prince", "Sheikh", "Shri", "Smt", "Lord", "Lady", "Senator", "Governor", "Mayor", "Speaker", "Director",
    "Director-General", "Envoy", "Coordinator", "Adviser", "Advisor", "Assistant", "Aide", "Officer", "Official",
    "Official Spokesperson", "Spokespersons", "Premier", "Chancellor", "Vice", "Acting", "Permanent", "Personal",
    "Executive", "Secretariat", "Navy", "Air", "Force", "Guard", "Police", "Ministerial", "Informal", "OSCE",
    "Arab", "League", "Knesset", "Duma", "Rada", "Majlis", "Assembly", "Senate", "Congress", "Islamic",
    "Revolutionary", "Guards", "Communist", "Political", "Bureau", "Central", "Standing", "Joint", "Chiefs",
    "Staff", "Command", "Operation", "Operations", "Zone", "Area", "Territory", "Territories", "Occupied",
    "Western", "Eastern", "Northern", "Southern", "Middle", "Far", "Near", "Asia", "Europe", "Africa", "America",
    "Americas", "Pacific", "Atlantic", "Arctic", "Mediterranean", "Balkans", "Baltic", "Gaza", "West Bank",
    "Donbass", "Donbas", "Crimea", "Abkhazia", "Ossetia", "Artsakh", "Syunik", "Tavush", "Nakhchivan",
    "Zangezur", "Shusha", "Ministerstvo", "Regional", "Spokesperson's", "Remarks", "Conversation", "Telephone",
    "Phone", "Call", "Visit", "Trip", "Tour", "Hysteria", "Property", "Anniversary", "Flight", "Crew",
    "Business", "Textbooks", "Schools", "Memorial", "Plaque", "Building", "Situation", "Settlement",
    "Isolation", "Alleged", "Progress", "Restoration", "Dismantling", "Supplying", "Search", "Vancouver",
    "Davos", "Iranian", "Turkish", "Marinera", "Tanker", "Sailors", "Cold", "Hot", "Live", "Chemical",
    "Weapons", "Claims", "Use", "Transition", "Act", "Attacks", "Terrorist", "Working", "Eurozone",
    "Anniversary", "Congratulations", "Condolences", "Welcome", "Welcoming", "Opening", "Closing",
    "Common", "Header", "Ads", "Fédération", "Hohe", "Vertreter", "Ministre", "Ministro", "Président", "Presidente", "Secrétaire", "Général", "Porte-parole",
    "Asuntos", "Exteriores", "Exterior", "Unión", "Europea", "Cooperación", "Affaires", "Étrangères", "Europe",
    "Auswärtigen", "Amt", "Rates", "Europäischen", "Bundesregierung", "Ministère", "Ministerio", "Gobierno",
    "Gouvernement", "République", "Republik", "Unies", "Sécurité", "Français", "Française", "Américain",
    "Russe", "Arménien", "Arménienne", "Azerbaïdjanais", "Turc", "Premier", "Présidence", "Elysée",
    "Вопрос", "Ответ", "Министр", "Президент", "МИД", "России", "Российской", "Федерации", "Москва", "Заместитель",
    "Официальный", "Пресс-секретарь", "Фото", "Редакция", "Брифинг", "Содержание", "Հայաստանի", "Հանրապետության",
}
ROLES = {  # words after which a name follows ('Foreign Minister X', 'spokesperson X', 'Mr. X')
    "President", "Minister", "Premier", "Chancellor", "Ambassador", "Ambassadors", "Secretary",
    "Secretary-General", "Representative", "Envoy", "envoy", "Commissioner", "Chairman", "Chairman-in-Office",
    "Chairperson-in-Office", "Chair", "Co-Chair", "Co-Chairman", "co-chair", "Spokesman", "Spokeswoman",
    "Spokesperson", "spokesman", "spokeswoman", "spokesperson", "counterpart", "counterparts", "Mr.", "Ms.", "Mrs.",
    "Dr.", "Mr", "Ms", "Mrs", "Dr", "King", "Emir", "Sheikh", "Prince", "Shri", "Speaker", "Governor", "leader",
    "diplomat", "minister", "ministers", "Ministers", "president", "presidents", "Presidents", "ambassador",
    "porte-parole", "Haut-Commissaire", "ministre", "président", "Président", "General", "Director-General",
    "director-general", "Mayor", "Senator", "senator", "Chief", "chief", "Actress", "actor", "actress", "Sen.",
    "Rep.", "Gen.", "Prof.", "Amb.", "Director", "director", "Coordinator", "Adviser", "adviser", "aide",
    "Officer", "official", "Lieutenant", "Colonel", "Major", "Captain", "Judge", "Justice", "Pope", "Patriarch",
    "Catholicos", "Metropolitan", "Bishop", "Archbishop", "Rabbi", "Imam", "Ayatollah", "Außenminister",
    "Bundeskanzler", "Präsident", "Botschafter", "ministro", "presidente", "canciller", "Bakanı", "Cumhurbaşkanı",
    "nazir", "prezident", "Herr", "Frau", "Vertreter", "Sprecher", "Regierungssprecher", "M.", "Mme", "MM.", "Monsieur", "Madame", "colleague", "Editor", "editor",
    "Photographer", "photographer", "Correspondent", "correspondent", "Reporter", "reporter",
    # Russian, Armenian (any case form: the stem is checked)
    "министр", "Министр", "представитель", "представителя", "пресс-секретарь", "пресс-секретаря", "президент",
    "Президент", "президента", "посол", "посла", "замглавы", "глава", "главы", "спикер", "помощник", "советник",
    "заместитель", "Заместитель", "министра", "генсек", "генсека", "дипломат", "сенатор", "депутат", "лидер",
    "նախարար", "նախարարը", "խոսնակ", "խոսնակը", "քարտուղար", "քարտուղարը", "վարչապետ", "վարչապետը",
    "նախագահ", "նախագահը", "դեսպան", "դեսպանը", "դեսպանին", "ներկայացուցիչ", "ներկայացուցչին", "փոխնախարար",
}
HONORIFICS = re.compile(r"^(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Shri|Smt\.?|H\.E\.|Sir|Prince|Sheikh|Sen\.|Gen\.|Prof\.|M\.|Mme)\s+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Capitalised words that are never parts of people's names."""
    words = set(COMMON) | set(ADJECTIVES) | set(CAPITALS) | {r for r in ROLES if r[:1].isupper()}
    for name in name_index():
        words.update(name.split())
    for name, _ in ORGANIZATIONS:
        words.update(name.split())
    words.update(m.capitalize() for m in ("january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"))
    return frozenset(words)


def is_name_word(word: str, common_here: frozenset[str] = frozenset()) -> bool:
    """Not a country, body, office, month or common word ('Travels'), in general or in this text."""
    bare = re.sub(r"['’]s$", "", word).rstrip(".,")
    return bare not in stop_words() and bare not in common_here and not country_word(bare) and not big_place(bare)


def big_place(word: str) -> bool:
    """A city of 300,000 people or more with an Armenian case ending ('Երևանում': in Yerevan). City names
    alone are also first names and surnames ('Victoria', 'Владимир'), so they are not excluded."""
    m = re.fullmatch(r"([\u0531-\u0587]{3,}?)(?:ում|ից|ի|ը|ն)", word)
    if not m:
        return False
    from builder.ingest.places import place
    found = place(m.group(1))
    return bool(found and found.population >= 300_000)


@lru_cache(maxsize=4096)
def country_word(word: str) -> bool:
    """A word of a country's name in another language ('Штатов', 'Республики', 'Aserbaidschan')."""
    from builder.ingest.country_forms import LANGUAGES, locale_patterns
    from builder.ingest.country_forms import form_patterns
    patterns = [p for language in LANGUAGES for _, p in locale_patterns(language)]
    patterns += [p for _, p in form_patterns()]
    return word in COUNTRY_WORDS or any((m := p.match(word)) and m.end() == len(word) for p in patterns)


COUNTRY_WORDS = {"Республики", "Республика", "Федерации", "Федерация", "Штатов", "Штаты", "Америки", "Королевства"}


def common_words(text: str) -> frozenset[str]:
    """Capitalised words that this text also writes in lower case ('Travels' when it says 'travels')."""
    lower = set(re.findall(rf"(?<![\w-])[{LOWER}][{LOWER}-]{{3,}}", text))
    return frozenset(w.capitalize() for w in lower)
