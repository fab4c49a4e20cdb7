"""Ingest stage 3, issuer: a parsed text → who speaks ('Maria Zakharova, Russian Foreign Ministry spokeswoman').

Cues mark where the speaker is named, strongest first: the headline's genre
('Briefing by …', 'Statement of …', '… Lin Jian’s Regular Press Conference',
'Брифинг официального представителя …'); a speaker's label ('President of
Russia Dmitry Medvedev: …'); a verb of saying in the lead ('… said', 'said
…', 'заявила …', 'a déclaré …', 'the following statement was issued by …');
then the same verbs further on, and a signature at the end ('ՀՀ ԱԳՆ').
Failing all, the lead's subject when it is an office or a body ('The
Government of Sri Lanka condemns …'). The clause nearest the cue is read
for a person (from ``people``), an office and a body with its country; a
body without one takes the dateline's country. The issuer is the person with
their office, else the body, in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from builder.countries import ADJECTIVES, country_code, country_name
from builder.ingest.country_forms import find_countries
from builder.ingest.gazetteer import PERSON_COUNTRY
from builder.ingest.parse import Parsed
from builder.ingest.people import person_spans
from builder.ingest.places import place

GENRE = re.compile(
    r"(?:Joint\s+)?(?:Press\s+)?(?:Statement|Briefing|Response|Comments?|Remarks|Interview|Speech|Address|"
    r"Declaration|Readout|Answer|Press release|Press conference)\s+(?:by|of|from)\s+(?:the\s+)?"
    r"|^Брифинг\s+|^Ответ\s+|^Заявление\s+|^Комментарий\s+|^Интервью\s+|Déclaration\s+(?:à la presse\s+)?(?:de\s+la\s+|du\s+)"
    r"|^Erklärung(?:en)?\s+(?:des|der)\s+|^Communiqué\s+de\s+la\s+|^Comunicado\s+del?\s+", re.IGNORECASE)
POSSESSIVE_GENRE = re.compile(r"['’]s\s+(?:Regular\s+|Daily\s+)?(?:Press\s+Conference|Briefing|Statement|Remarks|"
                              r"Comment|Interview)", re.IGNORECASE)
SAID_AFTER = re.compile(
    r"\b(?:said|says|stated|states|told|noted|announced|declared|stressed|underlined|emphasi[sz]ed|added|urged|"
    r"called|condemned|warned|insisted|reiterated|confirmed|expressed|welcomed|reports|reported|"
    r"released the following statement|issued (?:a|the following) statement|has issued a statement|"
    r"commented|briefed|reaffirmed|denounced|rejected|is following|strongly condemns|condemns|ասաց|"
    r"заявил[аи]?|сообщил[аи]?|отметил[аи]?|сказал[аи]?|подчеркнул[аи]?|ответил[аи]?|высказал\w*|"
    r"a déclaré|a indiqué|a affirmé|a souligné|sagte|erklärte|ha (?:trasladado|afirmado|declarado)|"
    r"made the remarks|հայտարարել է|նշել է|ասել է|մեկնաբանել է|կոչ է արել|հայտնել են|հերքել է|շեշտել է|"
    r"ընդգծել է|հավելել է|պնդել է|նշեց|հայտարարեց|հայտնեց|ընդգծեց|շեշտեց|հավելեց)(?!\w)")
ROLE_WORDS = (r"(?:spokes\w+|official\s+representative|press\s+secretary|пресс-секретар\w*|официальн\w+|"
              r"министр\w*|глава|замглавы|заместител\w*|посол|представител\w*|президент\w*|մամուլի|ՀՀ|"
              r"խոսնակ\w*|նախարար\w*|la\s+porte-parole|le\s+porte-parole|le\s+ministre|la\s+ministre)")
SPEAKER_FOLLOWS = re.compile(  # the speaker comes right after these ('according to X', 'briefing by X')
    r"(?:attributable to|issued (?:today )?by|statement (?:was )?(?:issued|released|communicated)(?: today)? by|"
    r"according to|communiquée, aujourd’hui, par|selon|briefing by|"
    r"قال(?:ت)?|أكد(?:ت)?|يؤكد|صرح(?:ت)?)\s*,?\s*")
SUBJECT_AFTER = re.compile(  # an inverted subject: ', said Foreign Ministry spokesperson X', ', сообщил пресс-секретарь X'
    r"\s*,?\s*(?:(?:the|a|an)\s+)?(?:[A-ZА-ЯԱ-Ֆ]|" + ROLE_WORDS + r")")
APPOSITIVE = re.compile(r"\s*(?:(?:the|a|an)\s+[a-z]|(?!(?:the|a|an)\s)[a-z])")  # ', spokesperson for X,'
LABEL = re.compile(r"([^\W\d_][^:\n]{2,80}?):\s")
CLAUSE = re.compile(r"[,;:(—–\"“«]\s*|\s[-—–]\s")
BODIES = (  # (kind, English name, pattern)
    ("co-chairs", "OSCE Minsk Group Co-Chairs", r"Co-?Chairs?\s+of\s+the\s+OSCE\s+Minsk\s+Group|"
                                                r"(?:OSCE\s+)?Minsk\s+Group\s+Co-?Chairs"),
    ("un secretary-general", "Spokesperson for the UN Secretary-General",
     r"Spokes(?:man|woman|person)\s+for\s+(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?Secretary-General|"
     r"Porte-parole\s+de\s+M\.\s+António\s+Guterres|Office of the Spokesperson for the Secretary-General"),
    ("foreign ministry", "Foreign Ministry",
     r"(?:Foreign|External)\s+(?:Affairs\s+)?(?:Ministry|Office)|Ministry\s+(?:of|for)\s+(?:Europe\s+and\s+)?"
     r"(?:Foreign|External)\s+Affairs(?:\s+and\s+(?:Emigrants|Cooperation|International\s+Cooperation))?|"
     r"\bMFA\b|State\s+Department|Department\s+of\s+State|Foreign\s+Affairs\s+Ministry|"
     r"МИД\w*|Министерств\w+\s+иностранных\s+дел|Госдеп\w*|"
     r"ԱԳՆ|ԱԳ\s+նախարարությ\w*|արտաքին\s+գործերի\s+նախարարությ\w*|արտգործնախարարությ\w*|"
     r"minist[èe]re\s+(?:de\s+l[’']Europe\s+et\s+)?des\s+Affaires\s+[ée]trang[èe]res|Quai\s+d[’']Orsay|"
     r"Auswärtig\w+\s+Amt\w*|Ministerio\s+de\s+Asuntos\s+Exteriores|Dışişleri\s+Bakanlığı\w*|"
     r"Xarici\s+İşlər\s+Nazirliyi\w*|\bXİN\b|საგარეო\s+საქმეთა\s+სამინისტრო\w*|وزارة\s+الخارجية|الخارجية"),
    ("presidency", "Presidency",
     r"Kremlin|White\s+House|[ÉE]lys[ée]e|Presidential\s+(?:Office|Administration|Press\s+Service)|"
     r"Office\s+of\s+the\s+President|Pr[ée]sidence\s+de\s+la\s+R[ée]publique|Кремл\w+|الكرملين|"
     r"[Pp]r[ée]sident\s+de\s+la\s+R[ée]publique(?!\s+d)"),
    ("prime minister", "Prime Minister's Office",
     r"[Oo]ffice\s+of\s+(?:the\s+)?(?:\w+\s+)?Prime\s+Minister|Prime\s+Minister['’]s\s+[Oo]ffice|"
     r"bureau\s+du\s+Premier\s+ministre"),
    ("government", "Government", r"\bGovernment\b|Правительств\w+|Bundesregierung|\bgobierno\b|\bEl gobierno\b"),
)
ROLES_EN = (  # (pattern, English office), most specific first
    (r"official\s+representative|официальн\w+\s+представител\w*|spokes(?:person|man|woman)|porte-parole|"
     r"Sprecher\w*|portavoz|[Ss]özcüsü|խոսնակ\w*|المتحدث(?:ة)?\s+باسم|Spokes(?:person|man|woman)", "spokesperson"),
    (r"press\s+secretary|пресс-секретар\w*|մամուլի\s+քարտուղար\w*", "press secretary"),
    (r"Head\s+of\s+(?:the\s+)?Press[- ]Service|head\s+of\s+the\s+press\s+service", "head of the press service"),
    (r"(?:Deputy\s+)?Foreign\s+Minister|Minister\s+of\s+Foreign\s+Affairs|министр\w*\s+иностранных\s+дел|"
     r"ministre\s+des\s+Affaires\s+étrangères|Außenminister\w*|ministro\s+de\s+Asuntos\s+Exteriores|"
     r"ԱԳ\s+նախարար\w*|արտաքին\s+գործերի\s+նախարար\w*|Dışişleri\s+Bakanı", "Foreign Minister"),
    (r"Secretary\s+of\s+State", "Secretary of State"),
    (r"Permanent\s+Representative", "Permanent Representative"),
    (r"Prime\s+Minister|[Pp]remier\s+ministre|վարչապետ\w*|премьер-министр\w*", "Prime Minister"),
    (r"President|[Pp]résident|[Пп]резидент\w*|նախագահ\w*", "President"),
    (r"Secretary-General|[Gg]eneralsekretär|генсек\w*", "Secretary-General"),
    (r"[Dd]irector-[Gg]eneral", "Director-General"),
    (r"[Aa]mbassador|посол|դեսպան\w*", "Ambassador"),
    (r"[Ee]nvoy", "Envoy"),
    (r"[Mm]inister|министр\w*|ministre|նախարար\w*", "Minister"),
)


@dataclass(frozen=True, slots=True)
class Speaker:
    person: str = ""
    role: str = ""  # the office, in English ('spokesperson')
    body: str = ""  # the body, with its country, in English ('Russian Foreign Ministry')

    def shown(self) -> str:
        if not self.person:
            return self.body
        office = f"{self.body} {self.role}".strip() if self.role else self.body
        return f"{self.person}, {office}" if office else self.person


HOME = {"tr": "TR", "hy": "AM", "ka": "GE", "az": "AZ", "ru": "RU", "uk": "UA", "fr": "FR", "de": "DE"}  # a body named in its own language


def find_issuer(parsed: Parsed, language: str = "en", kind: str = "") -> str:
    """Who speaks in the statement, in English where the gazetteers know the names; '' if the text never says.

    A person named at a strong cue (the headline, a label, the lead) wins. A body alone gives way to a
    person who speaks for it further on ('the State Department said…', then 'spokesman John Kirby told…');
    failing both, the first person named at a later cue, then a signature or the lead's subject. A press
    release about a minister or president is their ministry's or office's (``kind``: the document's type)."""
    home = dateline_country(parsed) or HOME.get(language, "")
    speakers = [(cue, sp) for text, span, cue in cue_windows(parsed)
                if (sp := read_speaker(text, span, home, subject=cue == "subject"))]
    if kind == "press release":
        speakers = [(k, office_of(sp, home)) for k, sp in speakers]
    persons = [sp for _, sp in speakers if sp.person]
    for cue, sp in speakers:
        if cue == "title" and sp.body and not sp.person:  # 'Statement of the Russian Ministry of Foreign Affairs'
            return next((p for p in persons if speaks_for(p, sp)), sp).shown()
        if sp.person and cue in ("title", "label", "lead"):
            return sp.shown()
    body = next((sp for cue, sp in speakers if sp.body and not sp.person and cue in STRONG), None)
    if body:
        spokesperson = next((p for p in persons if speaks_for(p, body)), None)
        return (spokesperson or body).shown()
    best = persons[0] if persons else next((sp for _, sp in speakers if sp.body), None)
    return best.shown() if best else ""


STRONG = ("title", "label", "lead", "said")
OFFICES = {"Foreign Minister": "Foreign Ministry", "Minister": "Foreign Ministry", "President": "Presidency",
           "Prime Minister": "Prime Minister's Office"}


def office_of(sp: Speaker, home: str) -> Speaker:
    """A minister's or president's press release speaks for their office ('Russian Foreign Ministry')."""
    if not sp.person or sp.role not in OFFICES:
        return sp
    country = PERSON_COUNTRY.get(sp.person) or home
    body = sp.body if sp.body and sp.role == "Foreign Minister" else ""
    return Speaker("", "", body or f"{adjective_of(country)} {OFFICES[sp.role]}".strip())


def speaks_for(person: Speaker, body: Speaker) -> bool:
    """A spokesperson or press secretary, or someone of the same kind of body."""
    return person.role in ("spokesperson", "press secretary") or kind_of(person.body) == kind_of(body.body)


def kind_of(body: str) -> str | None:
    return next((kind for kind, english, _ in BODIES if body.endswith(english)), None) if body else None


def dateline_country(parsed: Parsed) -> str:
    found = place(parsed.dateline) if parsed.dateline else None
    return found.country if found else ""


def cue_windows(parsed: Parsed) -> Iterator[tuple[str, tuple[int, int], str]]:
    """(text, where in it the speaker is named, kind of cue) for each cue, strongest first."""
    heads = [" ".join(h.split()) for h in (parsed.title, *parsed.header) if h]
    for line in heads:
        m = GENRE.search(line)
        if m:
            yield line, (m.end(), min(len(line), m.end() + 160)), "title"
        m = POSSESSIVE_GENRE.search(line)
        if m and re.fullmatch(r"(?:[A-ZА-Я][\w.’'-]*|of|the|for)(?:\s+(?:[A-ZА-Я][\w.’'-]*|of|the|for))*",
                              line[:m.start()]):
            yield line, (0, m.start()), "title"
    for line in heads[1:]:  # '| The following statement issued by the Ministry of External Affairs, …'
        for window in said_windows(line.strip(" |")):
            yield (*window, "lead")
    paragraphs = [" ".join(p.split()) for p in (parsed.lead, *parsed.paragraphs[:4])]
    if parsed.dateline_text:
        paragraphs = [p.removeprefix(parsed.dateline_text).strip() for p in paragraphs]
    for text in paragraphs[:2]:
        label = LABEL.match(text)
        if label and not re.search(r"\s(?:is|are|was|were|has|have)\s", label.group(1)):
            yield text, (0, label.end(1)), "label"
    for text in paragraphs[:2]:
        for window in said_windows(sentences(text)[0]):
            yield (*window, "lead")
    title = " ".join(parsed.title.split())
    label = re.match(r"([^:«“\"|]{3,60}):\s*[«“\"]?\S", title)  # 'Guterres: …', 'Песков: …'
    if label and not re.search(r"\d", label.group(1)):
        yield title, (0, label.end(1)), "label"
    for text in paragraphs:
        for sentence in sentences(text)[:6]:
            for window in said_windows(sentence):
                yield (*window, "said")
    if parsed.paragraphs:
        last = " ".join(parsed.paragraphs[-1].split())
        if len(last) <= 60:
            yield last, (0, len(last)), "signature"
    for text in (parsed.title, paragraphs[0] if paragraphs else ""):
        lead = sentences(" ".join(text.split()))[0] if text else ""
        subject = re.match(r"(?:\S+\s+){0,15}", lead)
        yield lead, (0, subject.end() if subject else 0), "subject"


def sentences(text: str) -> list[str]:
    """Split at full stops, not after initials ('R. K. Rubinyan')."""
    return re.split(r"(?<=[.!?։])(?<!\b[A-ZА-Я]\.)\s+(?=[A-ZА-ЯԱ-Ֆ«“\"])", text) or [text]


def said_windows(sentence: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """Where the speaker of each verb of saying is named: after it when the subject is inverted
    ('…, said Foreign Ministry spokesperson X', '…, сообщил пресс-секретарь X'), else before it
    ('…, the Foreign Ministry said', 'X, Spokesman for …, has issued'); right after 'according to X'."""
    found = [(m.start(), m.end(), "verb") for m in SAID_AFTER.finditer(sentence)]
    found += [(m.start(), m.end(), "follows") for m in SPEAKER_FOLLOWS.finditer(sentence)]
    for start, end, kind in sorted(found):
        after = (end, min(len(sentence), end + 160))
        inverted = kind == "verb" and not sentence[:start].rstrip().endswith(tuple("“\"«")) and (
            re.search(r"[,“”\"»]\s*$", sentence[:start]) or start == 0) and SUBJECT_AFTER.match(sentence, end)
        before = (subject_start(sentence, start), start)
        if kind == "follows" or inverted:
            yield sentence, after
        elif read_speaker(sentence, before) or not SUBJECT_AFTER.match(sentence, end):
            yield sentence, before
        else:
            yield sentence, after  # 'ասել է ԱԳՆ մամուլի խոսնակ Մարիա Զախարովան': the speaker follows


def subject_start(sentence: str, at: int) -> int:
    """Where the speaker of a verb at ``at`` is named: the clause before it, or (past appositives such as
    ', Spokesman for …,') up to three clauses back, to the nearest clause that names a person or a body."""
    cuts = [0] + [c.end() for c in CLAUSE.finditer(sentence, 0, at)]
    persons = [a for a, _, _ in person_spans(sentence) if a < at]
    first = sentence[:cuts[1]] if len(cuts) > 1 else ""
    if 1 < len(cuts) <= 5 and len(first.split()) <= 12 and not re.search(
            r"\b(?!(?:of|the|for|and|to|at|in|on)\b)[a-z][a-z]+\b", re.sub(ROLE_WORDS, "", first)) and (
            find_body(first) or any(a < cuts[1] for a in persons)):
        return 0  # 'The Co-Chairs of the OSCE Minsk Group, Ambassadors X, Y and Z, released …'
    for start in reversed(cuts[-4:]):
        clause = sentence[start:at]
        if any(start <= a for a in persons):
            return start
        if find_body(clause) and not APPOSITIVE.match(clause):
            return start
    return cuts[-1]


def read_speaker(text: str, span: tuple[int, int], home: str = "", subject: bool = False) -> Speaker | None:
    """The person, office and body named in ``text[span]``, nearest the cue; for a clause's ``subject``,
    the first named."""
    start, end = span
    window = text[start:end]
    if start > 0:
        window = re.split(r"[“\"«]", window)[0]
    end = start + len(window)
    persons = [(a, b, name) for a, b, name in person_spans(text) if start <= a and b <= end]
    body = find_body(window, home)
    role = english_role(window)
    if body == "OSCE Minsk Group Co-Chairs" or subject and body and persons and body_first(window, persons[0][0]):
        return Speaker("", "", body)  # the subject is the body: 'Le Président de la République s'est entretenu avec M. X'
    if persons:
        nearest = persons[-1] if end - persons[-1][1] <= 80 and start > 0 and span[1] < len(text) else persons[0]
        return Speaker(nearest[2], role, body)
    if body:
        return Speaker("", "", body)
    return None


def body_first(window: str, person_at: int) -> bool:
    """A body is named before the first person (and so is the subject of the clause)."""
    return any((m := re.search(pattern, window)) and m.start() < person_at for _, _, pattern in BODIES)


def english_role(window: str) -> str:
    for pattern, english in ROLES_EN:
        if re.search(pattern, window):
            return english
    return ""


def find_body(window: str, home: str = "") -> str:
    """'the Russian Foreign Ministry' → 'Russian Foreign Ministry'; 'МИД России' → 'Russian Foreign Ministry'."""
    for kind, english, pattern in BODIES:
        m = re.search(pattern, window)
        if m:
            if kind in ("co-chairs", "un secretary-general"):
                return english
            country = body_country(window, m) or home
            if re.fullmatch(r"[A-Za-z .’'-]+", m.group(0)) and not m.group(0).isupper():
                return written_body(window, m, country)
            return f"{adjective_of(country)} {english}".strip()
    return ""


def written_body(window: str, m: re.Match[str], country: str) -> str:
    """An English body as written, with its country: 'U.S. State Department', 'Ministry of Foreign Affairs of
    Azerbaijan', 'Pakistani Foreign Office' (the dateline's country)."""
    name = " ".join(m.group(0).split())
    before = re.search(r"((?:[A-Z][\w.]*\s+){0,2})$", window[:m.start()]).group(1).strip()
    if before and (ADJECTIVES.get(before) or country_code(before) or before in ("U.S.", "US")):
        return f"{before} {name}"
    of = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}", window[m.end():])
    if of and country:
        return f"{name}{of.group(0)}"
    return f"{adjective_of(country)} {name}".strip()


def body_country(window: str, m: re.Match[str]) -> str:
    """The country of a body: an adjective or name before it, 'of X' after it, or its own words ('МИД России')."""
    before = window[max(0, m.start() - 40):m.start()]
    after = window[m.end():m.end() + 50]
    for word in reversed(re.findall(r"[\w’'.-]+", before)[-3:]):
        bare = re.sub(r"['’]s$", "", word)
        code = ADJECTIVES.get(bare) or country_code(bare) or ("US" if bare in ("U.S.", "US") else None)
        if code:
            return code
    of = re.match(r"\s+(?:of|for)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s?){1,4})", after)
    if of:
        words = of.group(1).split()
        for n in range(len(words), 0, -1):
            code = country_code(" ".join(words[:n])) or {"DPRK": "KP"}.get(words[0])
            if code:
                return code
    genitive = re.match(r"\s*(\S+)", after)  # 'МИД России'
    local = set(find_countries(genitive.group(1))) if genitive else set()
    local |= set(find_countries(before[-12:]))  # 'ՀՀ ԱԳՆ'
    return sorted(local)[0] if len(local) == 1 else ""


def adjective_of(code: str) -> str:
    if not code:
        return ""
    adjectives = [a for a, c in ADJECTIVES.items() if c == code and not a.endswith("s")]
    return adjectives[0] if adjectives else country_name(code)
