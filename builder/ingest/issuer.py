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
from dataclasses import dataclass, replace

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
    r"ընդգծել է|հավելել է|պնդել է|նշեց|հայտարարեց|հայտնեց|ընդգծեց|շեշտեց|հավելեց|bildirib|deyilir|açıqlayıb)(?!\w)")
ROLE_WORDS = (r"(?:spokes\w+|official\s+representative|press\s+secretary|пресс-секретар\w*|официальн\w+|"
              r"министр\w*|глава|замглавы|заместител\w*|посол|представител\w*|президент\w*|մամուլի|ՀՀ|"
              r"խոսնակ\w*|նախարար\w*|la\s+porte-parole|le\s+porte-parole|le\s+ministre|la\s+ministre)")
SPEAKER_FOLLOWS = re.compile(  # the speaker comes right after these ('according to X', 'briefing by X')
    r"(?:attributable to|issued (?:today )?by|statement (?:was )?(?:issued|released|communicated)(?: today)? by|"
    r"according to|communiquée, aujourd’hui, par|selon|briefing by|"
    # 'يؤكد أن' ('confirms that'): the speaker came first
    r"(?:قال(?:ت)?|أكد(?:ت)?|يؤكد|صرح(?:ت)?)(?!\s+(?:أن|إن)(?!\w)))\s*,?\s*")
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
     r"(?:Foreign|External|foreign)\s+(?:Affairs\s+)?(?:Ministry|Office|ministry)|Ministry\s+(?:of|for)\s+(?:Europe\s+and\s+)?"
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
    (r"official\s+representative|[Оо]фициальн\w+\s+представител\w*|spokes(?:person|man|woman)|porte-parole|"
     r"Sprecher\w*|portavoz|[Ss]özcüsü|խոսնակ\w*|المتحدث(?:ة)?\s+ب[اإ]سم|Spokes(?:person|man|woman)", "spokesperson"),
    (r"press\s+secretary|пресс-секретар\w*|մամուլի\s+քարտուղար\w*", "press secretary"),
    (r"Head\s+of\s+(?:the\s+)?Press[- ]Service|head\s+of\s+the\s+press\s+service|"
     r"[Mm]ətbuat\s+xidməti\s+(?:idarəsinin\s+)?rəisi", "head of the press service"),
    (r"(?:Deputy\s+)?Foreign\s+Minister|[Гг]лава\s+МИД|Minister\s+of\s+Foreign\s+Affairs|министр\w*\s+иностранных\s+дел|"
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
            voice = self.role in VOICES and self.body
            return f"{self.role[:1].upper()}{self.role[1:]} of the {self.body}" if voice else self.body
        office = f"{self.body} {self.role}".strip() if self.role else self.body
        country = PERSON_COUNTRY.get(self.person, "")
        if office in NATIONAL_OFFICES and country:  # 'Vladimir Putin, Russian President'
            office = f"{'U.S.' if country == 'US' else adjective_of(country)} {office}"
        return f"{self.person}, {office}" if office else self.person


NATIONAL_OFFICES = ("President", "Prime Minister", "Foreign Minister")


HOME = {"tr": "TR", "hy": "AM", "ka": "GE", "az": "AZ", "ru": "RU", "uk": "UA", "fr": "FR", "de": "DE"}  # a body named in its own language


def find_issuer(parsed: Parsed, language: str = "en", kind: str = "") -> str:
    """Who speaks in the statement, in English where the gazetteers know the names; '' if the text never says.

    A person named at a strong cue (the headline, a label, the lead) wins. A body alone gives way to a
    person who speaks for it further on ('the State Department said…', then 'spokesman John Kirby told…');
    failing both, the first person named at a later cue, then a signature or the lead's subject, then a
    country acting in an official text (``country_voice``). A press release about a minister or president
    is their ministry's or office's unless it quotes them (``kind``: the document's type)."""
    home = dateline_country(parsed) or HOME.get(language, "")
    read = [(cue, sp, text) for text, span, cue, after in cue_windows(parsed)
            if (sp := read_speaker(text, span, home, subject=cue == "subject", after=after))]
    speakers = readout(read, home) if kind == "press release" else [(cue, sp) for cue, sp, _ in read]
    chosen = choose(speakers, home) or country_voice(parsed, kind, home)
    return with_country(chosen, speakers).shown() if chosen else ""


def readout(read: list[tuple[str, Speaker, str]], home: str) -> list[tuple[str, Speaker]]:
    """A press release on a minister's call or visit is the ministry's; their own quoted words are theirs
    ('…, Lavrov said, “…”', or a label 'Глава МИД России: «…»' naming their office)."""
    quoted = {sp.person for cue, sp, text in read if cue != "subject" and QUOTE.search(text)}
    labelled = {sp.role for cue, sp, _ in read if cue == "label" and sp.role and not sp.person}
    quoted |= {sp.person for _, sp, _ in read if sp.role in labelled}
    return [(cue, sp if sp.person in quoted else office_of(sp, home)) for cue, sp, _ in read]


def choose(speakers: list[tuple[str, Speaker]], home: str) -> Speaker | None:
    persons = [sp for _, sp in speakers if sp.person]
    for cue, sp in speakers:
        if cue == "title" and sp.body and not sp.person and not sp.role:  # 'Statement of the Russian MFA'
            return next((p for p in persons if speaks_for(p, sp)), sp)
        if sp.person and cue in ("title", "label", "lead"):
            return sp
        if cue in ("title", "label") and sp.role and not sp.person:  # 'Глава МИД России: …', 'la porte-parole'
            found = next((p for p in persons if p.role == sp.role), None) or voice_of(sp, home)
            if found:
                return found
    body = next((sp for cue, sp in speakers if sp.body and not sp.person and cue in STRONG), None)
    if body:
        return next((p for p in persons if speaks_for(p, body)), body)
    return persons[0] if persons else next((sp for _, sp in speakers if sp.body), None)


COUNTRY_SUBJECT = re.compile(r"(?:[RA]\s*[-–—:]\s*)?(?:(?:La|Le|El|The)\s+)?([^\W\d_]{3,})\s+"
                             r"(?!(?:and|et|y|ve|и|և)\s)[^\W\d_]")


def country_voice(parsed: Parsed, kind: str, home: str) -> Speaker | None:
    """Failing every cue, an official text whose sentence opens with a country as the one acting ('España
    manifiesta su firme condena', 'R - La France salue') speaks for that country's foreign ministry; a
    briefing, for its spokesperson. A news report's 'Russia accused Ankara' is no such voice."""
    if kind in ("news report", ""):
        return None
    if kind == "briefing" and home:
        return Speaker("", "spokesperson", f"{adjective_of(home)} Foreign Ministry")
    for text in (parsed.lead, *parsed.paragraphs[:3]):
        for sentence in sentences(" ".join(text.split()))[:3]:
            m = COUNTRY_SUBJECT.match(sentence)
            codes = find_countries(m.group(1)) if m else ()
            if len(codes) == 1:
                return Speaker("", "", f"{adjective_of(codes[0])} Foreign Ministry")
    return None


def voice_of(sp: Speaker, home: str) -> Speaker | None:
    """An unnamed spokesperson speaks for their body, else for their country's foreign ministry."""
    if sp.role not in VOICES or not (sp.body or home):
        return None
    return sp if sp.body else Speaker("", sp.role, f"{adjective_of(home)} Foreign Ministry")


def with_country(chosen: Speaker, speakers: list[tuple[str, Speaker]]) -> Speaker:
    """A body named without its country ('the Foreign Affairs Ministry') takes the country the text gives
    the same kind of body elsewhere ('the Ministry of Foreign Affairs and Emigrants' is Lebanon's)."""
    if chosen.person or not chosen.body or find_countries(chosen.body):
        return chosen
    kind = kind_of(chosen.body)
    placed = next((sp for _, sp in speakers if not sp.person and sp.body and kind_of(sp.body) == kind
                   and find_countries(sp.body)), None)
    return replace(chosen, body=placed.body) if placed else chosen


QUOTE = re.compile(r"[“\"«][^”\"»]{30,}")  # a quotation of a sentence or more
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


ROLE_KINDS = {"Foreign Minister": "foreign ministry", "Secretary of State": "foreign ministry",
              "President": "presidency", "Prime Minister": "prime minister"}


def speaks_for(person: Speaker, body: Speaker) -> bool:
    """A spokesperson or press secretary, or someone of the same kind of body."""
    kind = kind_of(body.body)
    if person.role in ("spokesperson", "press secretary") or kind is not None and kind_of(person.body) == kind:
        return True
    office = ROLE_KINDS.get(person.role)  # a president named in a ministry's statement is not its voice
    return not person.body and bool(person.role) and office in (None, kind)


def kind_of(body: str) -> str | None:
    return next((kind for kind, english, _ in BODIES if body.endswith(english)), None) if body else None


def dateline_country(parsed: Parsed) -> str:
    found = place(parsed.dateline) if parsed.dateline else None
    return found.country if found else ""


def cue_windows(parsed: Parsed) -> Iterator[tuple[str, tuple[int, int], str, bool]]:
    """(text, where in it the speaker is named, kind of cue, whether the name follows the cue) for each
    cue, strongest first."""
    heads = [" ".join(h.split()) for h in (parsed.title, *parsed.header) if h]
    for line in heads:
        m = GENRE.search(line)
        if m:
            yield line, (m.end(), min(len(line), m.end() + 160)), "title", True
        m = POSSESSIVE_GENRE.search(line)
        if m and re.fullmatch(r"(?:[A-ZА-Я][\w.’'-]*|of|the|for)(?:\s+(?:[A-ZА-Я][\w.’'-]*|of|the|for))*",
                              line[:m.start()]):
            yield line, (0, m.start()), "title", False
    for byline in header_bylines(heads):
        yield byline, (0, len(byline)), "label", False
    for line in heads[1:]:  # '| The following statement issued by the Ministry of External Affairs, …'
        for window in said_windows(line.strip(" |")):
            yield (*window[:2], "lead", window[2])
    paragraphs = [" ".join(p.split()) for p in (parsed.lead, *parsed.paragraphs[:4])]
    if parsed.dateline_text:
        paragraphs = [p.removeprefix(parsed.dateline_text).strip() for p in paragraphs]
    for text in paragraphs[:2]:
        label = LABEL.match(text)
        if label and not re.search(r"\s(?:is|are|was|were|has|have)\s", label.group(1)):
            yield text, (0, label.end(1)), "label", False
    for text in paragraphs[:2]:
        for window in said_windows(sentences(text)[0]):
            yield (*window[:2], "lead", window[2])
    title = " ".join(parsed.title.split())
    label = re.match(r"([^:«“\"|]{3,60}):\s*[«“\"]?\S", title)  # 'Guterres: …', 'Песков: …'
    if label and not re.search(r"\d", label.group(1)):
        yield title, (0, label.end(1)), "label", False
    for text in paragraphs:
        for sentence in sentences(text)[:6]:
            for window in said_windows(sentence):
                yield (*window[:2], "said", window[2])
    if parsed.paragraphs:
        last = " ".join(parsed.paragraphs[-1].split())
        if len(last) <= 60:
            yield last, (0, len(last)), "signature", False
    for text in (parsed.title, paragraphs[0] if paragraphs else ""):
        lead = sentences(" ".join(text.split()))[0] if text else ""
        subject = re.match(r"(?:\S+\s+){0,15}", lead)
        yield lead, (0, subject.end() if subject else 0), "subject", False


GENRE_WORD = re.compile(r"\b(?:Statement|Press|Briefing|Release|Remarks|Media|Note|News|Readout|Office)\b")
NAME_LINE = re.compile(r"(?:[A-Z][\w’'.-]*\s?){1,3}")


def header_bylines(heads: list[str]) -> Iterator[str]:
    """A page's byline as lines of its own: 'Hillary Rodham' / 'Clinton' / 'Secretary of State' →
    'Hillary Rodham Clinton, Secretary of State' (the name may be broken over two lines)."""
    for i, line in enumerate(heads):
        if i == 0 or len(line.split()) > 4 or not english_role(line) or find_body(line):
            continue
        names = []
        for before in reversed(heads[max(0, i - 2):i]):
            if not NAME_LINE.fullmatch(before) or GENRE_WORD.search(before) or english_role(before) \
                    or find_body(before):
                break
            names.insert(0, before)
        if names:
            yield f"{' '.join(names)}, {line}"


def sentences(text: str) -> list[str]:
    """Split at full stops, not after initials ('R. K. Rubinyan')."""
    return re.split(r"(?<=[.!?։])(?<!\b[A-ZА-Я]\.)\s+(?=[A-ZА-ЯԱ-Ֆ«“\"])", text) or [text]


def said_windows(sentence: str) -> Iterator[tuple[str, tuple[int, int], bool]]:
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
            yield sentence, after, True
        elif read_speaker(sentence, before) or not SUBJECT_AFTER.match(sentence, end):
            yield sentence, before, False
        else:
            yield sentence, after, True  # 'ասել է ԱԳՆ մամուլի խոսնակ Մարիա Զախարովան': the speaker follows


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


def read_speaker(text: str, span: tuple[int, int], home: str = "", subject: bool = False,
                 after: bool = False) -> Speaker | None:
    """The person, office and body named in ``text[span]``, nearest the cue: the first named when the
    name follows the cue (``after``) or for a clause's ``subject``."""
    start, end = span
    window = text[start:end]
    if start > 0:
        window = re.split(r"[“\"«]", window)[0]
    end = start + len(window)
    persons = [(a, b, name) for a, b, name in person_spans(text) if start <= a and b <= end]
    body = find_body(window, home)
    role = english_role(window)
    if body == "OSCE Minsk Group Co-Chairs" or subject and body and persons and body_first(window, persons[0][0]) \
            and not voice_first(window):
        return Speaker("", "", body)  # the subject is the body: 'Le Président de la République s'est entretenu avec M. X'
    if persons:
        nearest = persons[-1] if not after and end - persons[-1][1] <= 80 and start > 0 and span[1] < len(text) \
            else persons[0]
        return Speaker(nearest[2], role, body)
    if body or role in VOICES:
        return Speaker("", role, body)  # 'Глава МИД России', 'Déclaration de la porte-parole'
    return None


VOICES = ("spokesperson", "press secretary", "head of the press service")


def voice_first(window: str) -> bool:
    """A spokesperson's title comes before the body it names: 'Официальный представитель МИД России Мария
    Захарова' is the spokesperson speaking, not the ministry."""
    voice = next((m.start() for pattern, english in ROLES_EN if english in VOICES
                  for m in [re.search(pattern, window)] if m), None)
    body = next((m.start() for _, _, pattern in BODIES for m in [re.search(pattern, window)] if m), None)
    return voice is not None and body is not None and voice < body


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
    name = re.sub(r"\bforeign ministry\b", "Foreign Ministry", " ".join(m.group(0).split()))
    before = re.search(r"((?:[A-Z][\w.]*\s+){0,2})$", window[:m.start()]).group(1).strip()
    if before and (ADJECTIVES.get(before) or country_code(before) or before in ("U.S.", "US")):
        return f"{before} {name}"
    of = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}", window[m.end():])
    if of and country:
        return f"{name}{of.group(0)}"
    return f"{adjective_of(country)} {name}".strip()


OWN_NAMES = (  # bodies whose own name says their country: 'the Ministry of Foreign Affairs and Emigrants'
    (r"^Ministry of Foreign Affairs and Emigrants", "LB"),
    (r"Europe\s+and\s+Foreign\s+Affairs|l[’']Europe\s+et\s+des\s+Affaires|Quai\s+d[’']Orsay|^[ÉE]lys[ée]e", "FR"),
    (r"^(?:State\s+Department|Department\s+of\s+State|White\s+House|Госдеп)", "US"),
    (r"^(?:Kremlin|Кремл|الكرملين)", "RU"),
    (r"^Auswärtig", "DE"),
    (r"^Dışişleri", "TR"),
    (r"^(?:Xarici\s+İşlər|XİN)", "AZ"),
    (r"^Ministerio\s+de\s+Asuntos\s+Exteriores", "ES"),  # elsewhere: 'Relaciones Exteriores'
    (r"^Foreign,?\s+(?:Commonwealth|&)", "GB"),
)


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
    own = next((code for pattern, code in OWN_NAMES if re.search(pattern, m.group(0) + after)), "")
    if own:
        return own
    genitive = re.match(r"\s*(\S+)", after)  # 'МИД России'
    local = set(find_countries(genitive.group(1))) if genitive else set()
    local |= set(find_countries(before[-12:]))  # 'ՀՀ ԱԳՆ'
    return sorted(local)[0] if len(local) == 1 else ""


def adjective_of(code: str) -> str:
    if not code:
        return ""
    adjectives = [a for a, c in ADJECTIVES.items() if c == code and not a.endswith("s")]
    return adjectives[0] if adjectives else country_name(code)
