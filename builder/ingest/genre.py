"""Ingest stage 3, type: a parsed text → what kind of document it is.

An official text names its genre in its title ('Briefing by …', 'Statement
of …', 'Press release on …', 'Ответ официального представителя …', 'Q&R -
Extrait du point de presse'). A report about a statement speaks of the
speaker in the third person ('the Foreign Ministry said', 'заявила',
'a déclaré'), is credited to an agency, or attributes its headline
('… - Foreign Ministry', 'Zakharova: …', '… says …'): a news report, even
when it quotes the statement in full. Otherwise the text's own voice
decides: a question and answer is a comment, first person or a stance is a
statement, a plain account of a meeting is a press release.
"""

from __future__ import annotations

import re

from builder.ingest.dateline import find_dateline
from builder.ingest.layout import is_prose
from builder.ingest.parse import Parsed

JOINT = re.compile(r"^(?:joint (?:statement|declaration|communiqu)|совместн\w+ заявлени|déclaration conjointe|"
                   r"համատեղ հայտարարություն)|co-?chairs\b.{0,80}\b(?:issue|release)\w*\s+(?:the following\s+|a\s+)?"
                   r"statement", re.IGNORECASE)
TITLE_GENRES = (  # a genre named at the start of an official title (or anywhere, for the strongest cues)
    ("statement", r"déclaration de la porte-parole|^statement by the spokes"),
    ("briefing", r"^(?:(?:daily|regular|state department|from the)\s+)*(?:press\s+)?briefing\b|\bbriefing by\b|"
                 r"press conference\b|point de presse|\bQ\s?&\s?[AR]\b|^брифинг|пресс-конференц|ճեպազրույց|"
                 r"Regierungspressekonferenz"),
    ("interview", r"^interview\b|^интервью|^հարցազրույց|^entretien (?:accordé|avec le journal)"),
    ("comment", r"^comment\b|^response\b|\bresponse to (?:a |the )?(?:media )?quer|^ответ\b|^комментарий|"
                r"մեկնաբանություն|\bin response to a question\b"),
    ("speech", r"^remarks\b|^speech\b|^address\b|^déclaration à la presse|before their meeting$"),
    ("press release", r"^press release\b|^news release\b|^communiqué\b|^readout\b|^пресс-релиз|^entretien téléphonique"),
    ("statement", r"^(?:press\s+)?statement\b|\bstatement (?:on|of|by)\b|^заявление|"
                  r"^déclaration\b|განცხადება$|հայտարարություն$"),
)
REPORTING = re.compile(
    r"\b(?:said|says|stated|told|added|noted|stressed|announced|reported|reports|according to|quoted|"
    r"has issued a statement|issued a statement|in a statement|briefed reporters|spoke about|commented on|"
    r"condemned|welcomed|urged|called on|expressed|denounced|rejected|warned|accused|"
    r"заявил[аи]?|сообщил[аи]?|отметил[аи]?|рассказал[аи]?|ответил[аи]?|подчеркнул[аи]?|считает|"
    r"высказал\w*|прокомментировал\w*|отреагировал\w*|назвал[аи]?|"
    r"a déclaré|a indiqué|a affirmé|a estimé|ont eu|a accusé|ha trasladado|ha afirmado|ha declarado|"
    r"sagte|erklärte|dedi|açıkladı|kınadı|bildirib|cavab verib|"
    r"հայտարարել է|նշել է|ասել է|մեկնաբանել է|հայտնել են|հայտնում է|ընդունել է|հերքել է|ներկայացրել է|"
    r"قال(?:ت)?|أكد(?:ت)?|يؤكد|صرح(?:ت)?)(?!\w)", re.IGNORECASE)
ATTRIBUTED_HEADLINE = re.compile(r"\s[-—–]\s[\w .’']{3,40}$|^[\w .’'-]{3,40}:\s|\bsays?\b|\bsaid\b|заявил|:\s*«")
FOLLOWING = re.compile(r"(?:released|issued|made) the following (?:joint )?statement|"
                       r"following statement was issued|the following is attributable|la déclaration suivante|"
                       r"следующее заявление|la siguiente declaración|folgende Erklärung", re.IGNORECASE)
RESPONSE = re.compile(r"\bin response to (?:a |the )?(?:media )?(?:quer|question)", re.IGNORECASE)
SPEAKER_LABEL = re.compile(r"^([A-Z][A-Z.'’ -]{2,40}):\s", re.MULTILINE)
QUESTION = re.compile(r"^(?:question|q|вопрос|հարց|frage|pregunta)\s*[:.-]", re.IGNORECASE | re.MULTILINE)
STANCE = re.compile(r"\b(?:we|our|I|us)\b|\b(?:condemns?|calls? on|urges?|welcomes?|reaffirms?|expresses|"
                    r"regrets?|rejects?|is following|is concerned|condamne|appelle|salue|réaffirme|"
                    r"призыва\w*|осужда\w*|приветству\w*|считаем|կոչ ենք|դատապարտ|manifiesta|condena|"
                    r"begrüß\w*|verurteil\w*|kınıyoruz)", re.IGNORECASE)


def find_type(parsed: Parsed, title: str, agencies: tuple[str, ...]) -> str:
    """The document's genre, one of ``builder.model.TYPES``."""
    body = "\n\n".join(parsed.paragraphs)
    heads = [" ".join(h.split()) for h in (parsed.title, *parsed.labels) if h]
    opening = " ".join(parsed.header[0].split()) if parsed.header else ""
    if any(JOINT.search(h) for h in heads) or JOINT.search(parsed.lead):
        return "joint statement"
    for name, pattern in TITLE_GENRES:
        if any(re.search(pattern, h, re.IGNORECASE) for h in heads) or opening and (
                re.match(pattern, opening, re.IGNORECASE) if is_prose(opening) else
                re.search(pattern, opening, re.IGNORECASE)):
            return name
    if RESPONSE.search(parsed.lead):
        return "comment"
    if FOLLOWING.search(body[:1500]):
        return "statement"
    spoken = "\n".join((parsed.lead, body))
    speakers = SPEAKER_LABEL.findall(spoken)
    if speakers and SPEAKER_LABEL.match(spoken) and not find_dateline(spoken):
        return "briefing" if QUESTION.search(body) or len(set(speakers)) > 2 else "speech"
    if is_report(parsed, title, agencies):
        return "news report"
    if len(QUESTION.findall(body)) >= 3:
        return "briefing"
    if QUESTION.search(body):
        return "comment"
    outside_quotes = re.sub(r"[“\"«][^”\"»]*[”\"»]", "", body)
    return "statement" if STANCE.search(outside_quotes) else "press release"


def is_report(parsed: Parsed, title: str, agencies: tuple[str, ...]) -> bool:
    """Third-person reporting: an agency's copy, an attributed headline, or a lead that quotes its speaker."""
    if agencies:
        return True
    lead = re.sub(r"[“\"«][^”\"»]*[”\"»]", "", parsed.lead)
    headline = parsed.title
    return bool(REPORTING.search(lead)) or bool(headline and ATTRIBUTED_HEADLINE.search(headline))
