"""Ingest stage 2b, the statement's own day: a report's date → the day the words were said.

A report is often dated the day after the statement it carries: 'UNITED NATIONS,
Feb. 25 (Xinhua) -- … said Friday' on a page dated February 26, 'The Foreign
Office yesterday said' on a page dated November 2. The archive dates a statement
by the day it was made, so the page's date gives way to, in this order: a
dateline's own day up to six days before it; 'yesterday' next to the lead's
verb of saying ('The Foreign Office yesterday said'); a weekday the lead puts
next to its verb of saying ('said on Sunday', 'on Friday said', 'during a
press briefing on Friday'), counted back from the page's date.
Nothing else moves a date, and a date known only to the month stays as it is.
"""

from __future__ import annotations

import datetime as dt
import re

from builder.ingest.dateline import Dateline

WEEKDAYS = (  # Monday first, as ``date.weekday()``; Russian in the accusative of 'в пятницу'
    r"Monday|понедельник|lundi|Montag|lunes|Pazartesi|երկուշաբթի",
    r"Tuesday|вторник|mardi|Dienstag|martes|Salı|երեքշաբթի",
    r"Wednesday|среду|mercredi|Mittwoch|miércoles|Çarşamba|չորեքշաբթի",
    r"Thursday|четверг|jeudi|Donnerstag|jueves|Perşembe|հինգշաբթի",
    r"Friday|пятницу|vendredi|Freitag|viernes|Cuma|ուրբաթ",
    r"Saturday|субботу|samedi|Samstag|sábado|Cumartesi|շաբաթ",
    r"Sunday|воскресенье|dimanche|Sonntag|domingo|Pazar|կիրակի",
)
YESTERDAY = re.compile(r"(?<!\w)(?:yesterday|вчера|hier|gestern|ayer|dün|երեկ)(?!\w)", re.IGNORECASE)
SAID = (r"(?:said|says|stated|told|announced|declared|stressed|noted|urged|added|confirmed|condemned|warned|"
        r"заявил[аи]?|сообщил[аи]?|отметил[аи]?|a déclaré|a indiqué|sagte|erklärte|ha declarado|"
        r"հայտարարել է|նշել է)")
BETWEEN = r"(?:\s+(?!will\b|would\b|next\b|to\b|on\b)[\w’'-]+){0,5}?"  # 'said during a press briefing'
FUTURE = re.compile(r"\b(?:will|would|next|coming|upcoming|planned|scheduled)\b", re.IGNORECASE)
LONGEST_GAP = 6  # days a report may follow its statement


def said_on(reported: dt.date, lead: str, dateline: Dateline | None) -> tuple[dt.date, str]:
    """(the statement's own day, why it differs from ``reported``: '' when it does not)."""
    own = dateline_day(reported, dateline)
    if own:
        return own, f"the dateline's day ({dateline.text if dateline else ''})"
    sentence = re.split(r"(?<=[.!?])\s+", lead.strip(), maxsplit=1)[0]
    if "?" in sentence:  # a question's "yesterday" is about what it asks of, not when it is answered
        return reported, ""
    if said_near(YESTERDAY.pattern, sentence) and not FUTURE.search(sentence):
        return reported - dt.timedelta(days=1), "'yesterday' in the lead"
    for weekday, words in enumerate(WEEKDAYS):
        if said_near(rf"(?:on\s+|в\s+|le\s+)?(?:{words})\b", sentence):
            back = (reported.weekday() - weekday) % 7
            if back:
                return reported - dt.timedelta(days=back), f"'{words.split('|')[0]}' in the lead"
            return reported, ""
    return reported, ""


def said_near(when: str, sentence: str) -> bool:
    """``when`` dates the verb of saying: right before it ('yesterday said', 'on Friday said') or a few
    words after it ('said on Sunday', 'said during a press briefing on Friday'), not an event's day
    ('the offensive launched yesterday')."""
    return bool(re.search(rf"{SAID}{BETWEEN}\s+{when}|{when}\s+{SAID}", sentence, re.IGNORECASE))


def dateline_day(reported: dt.date, dateline: Dateline | None) -> dt.date | None:
    """The dateline's day and month (in the report's year, or the one before across New Year) when it
    falls up to ``LONGEST_GAP`` days before the report's date."""
    if not dateline or not dateline.month or not dateline.day or dateline.year:
        return None
    for year in (reported.year, reported.year - 1):
        try:
            day = dt.date(year, dateline.month, dateline.day)
        except ValueError:
            return None
        if 0 < (reported - day).days <= LONGEST_GAP:
            return day
    return None
