#!/usr/bin/env python3
"""Synthetic corpus for benchmarks and tests: N invented statements in the seed's raw shape.

    python bench/make_corpus.py OUT N [--seed S]

writes ``OUT/statement-<i>.txt`` for i = 0 … N-1 (zero-padded to the width of N),
each UTF-8 text in the shape ``archive ingest`` reads::

     date YYYY-MM-DD <an official title, or a report's lead sentence>
    <blank line>
    PLACE, MONTH DAY, AGENCY: <first paragraph>
    <blank line>
    <more paragraphs>

So that a site built from it has every kind of page, each statement names
countries (by name, adjective and capital), officials introduced by their role
and later quoted by surname, organizations, topics and earlier dates; an
official text names its genre in its title (statement, briefing, interview,
joint statement, press release, comment), a report carries a genre cue in its
lead, and the dateline is one of the agency styles the ingester knows (or none). Every
statement has the word "agreed" and a paragraph ending in " said." (the
benchmark's and the tests' edits look for them).

The output depends only on N and the seed, on any machine; the first K files
of a corpus of N are the K files of a corpus of K (apart from the zero-padding).
No two statements share a date and a title, so raw files build without
clashing slugs. Everything in it is invented: use it for speed and scale,
never in place of real documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

FIRST_DAY = dt.date(1996, 1, 1)
DAYS = 10_500  # statements fall between 1996 and the end of 2024
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    adjective: str
    capital: str
    weight: int  # how often it is drawn: the archive's region comes up most


COUNTRIES = (
    Country("Armenia", "Armenian", "Yerevan", 8), Country("Azerbaijan", "Azerbaijani", "Baku", 8),
    Country("Georgia", "Georgian", "Tbilisi", 5), Country("Russia", "Russian", "Moscow", 6),
    Country("Turkey", "Turkish", "Ankara", 5), Country("Iran", "Iranian", "Tehran", 5),
    Country("Kazakhstan", "Kazakh", "Astana", 6), Country("Uzbekistan", "Uzbek", "Tashkent", 2),
    Country("France", "French", "Paris", 3), Country("Germany", "German", "Berlin", 3),
    Country("China", "Chinese", "Beijing", 3), Country("Canada", "Canadian", "Ottawa", 2),
    Country("Spain", "Spanish", "Madrid", 1), Country("Ukraine", "Ukrainian", "Kyiv", 2),
    Country("Moldova", "Moldovan", "Chisinau", 1), Country("Qatar", "Qatari", "Doha", 1),
    Country("Egypt", "Egyptian", "Cairo", 1), Country("India", "Indian", "New Delhi", 2),
    Country("Japan", "Japanese", "Tokyo", 1), Country("Poland", "Polish", "Warsaw", 1),
    Country("Italy", "Italian", "Rome", 1), Country("Greece", "Greek", "Athens", 1),
    Country("Serbia", "Serbian", "Belgrade", 1), Country("Hungary", "Hungarian", "Budapest", 1),
    Country("Austria", "Austrian", "Vienna", 1), Country("Brazil", "Brazilian", "Brasilia", 1),
)
MULTILATERAL_PLACES = ("GENEVA", "NEW YORK", "BRUSSELS", "VIENNA", "STRASBOURG")


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    role: str
    country: str  # a Country.name, or '' for an international post
    family_first: bool = False  # 'Liu Jianguo' is Liu when named alone

    @property
    def surname(self) -> str:
        words = self.name.split()
        return words[0] if self.family_first else words[-1]


# Invented people: the ingester finds them by shape (a role, then a name quoted later alone).
OFFICIALS = (
    Official("Davit Hakobyan", "Deputy Foreign Minister", "Armenia"),
    Official("Lilit Sargsyan", "Foreign Ministry spokeswoman", "Armenia"),
    Official("Rauf Mammadli", "Foreign Minister", "Azerbaijan"),
    Official("Nino Beridze", "Foreign Minister", "Georgia"),
    Official("Pavel Sokolov", "Deputy Foreign Minister", "Russia"),
    Official("Irina Volkova", "Foreign Ministry spokeswoman", "Russia"),
    Official("Emre Aydın", "Special Envoy", "Turkey"),
    Official("Reza Karimi", "Foreign Minister", "Iran"),
    Official("Aigerim Nurlanova", "Foreign Minister", "Kazakhstan"),
    Official("Claire Duval", "Foreign Minister", "France"),
    Official("Jonas Brandt", "Foreign Minister", "Germany"),
    Official("Margaret Ellison", "Foreign Minister", "Canada"),
    Official("Liu Jianguo", "Foreign Ministry spokesman", "China", family_first=True),
    Official("Oksana Melnyk", "Foreign Ministry spokeswoman", "Ukraine"),
    Official("Henrik Lindqvist", "OSCE Chairman-in-Office", ""),
    Official("Teresa Albuquerque", "UN Special Envoy", ""),
    Official("Marek Zielinski", "EU Special Representative", ""),
)
ORGANIZATIONS = ("the OSCE", "the United Nations", "the European Union", "the CSTO", "the 3+3 platform",
                 "the Shanghai Cooperation Organisation", "the Council of Europe", "the ICRC", "the IAEA",
                 "the Eurasian Economic Union", "BRICS", "the UN Security Council")
TOPICS = ("the normalization of relations", "a peace treaty", "border delimitation", "the reopening of transport links",
          "trade", "energy supplies", "regional stability", "humanitarian access", "the release of detainees",
          "sanctions", "nuclear safety", "climate adaptation", "visa facilitation",
          "the protection of cultural heritage", "water management", "consular cooperation")
STANCES = ("welcomes progress on", "is ready to resume talks on", "calls for new talks on", "voices concern over",
           "backs a roadmap for", "reaffirms support for", "proposes a working group on", "hails agreement on",
           "urges restraint over", "seeks guarantees on")
# Genre cues the ingester reads in the lead, and the words that close it.
GENRES = ("said in a statement on {weekday}", "told a news briefing in {capital}",
          "said in an interview with a {adjective} newspaper", "said in a joint statement issued in {capital}",
          "said in a press release", "said, commenting on reports in the {adjective} media",
          "said on {weekday}", "said after talks in {capital}")
CLAIMS = ("We expect our {partner} partners to honour what was agreed on {topic}.",
          "Our delegation is ready to meet in {capital} to discuss {topic}.",
          "There is no alternative to dialogue on {topic}, and the experts will meet again within a month.",
          "The {third} side has offered to host the next round on {topic}.",
          "Any step that undermines {topic} would harm every country of the region.",
          "We see real opportunities in {topic} for {subject} and for its neighbours.",
          "Progress on {topic} depends on mutual trust and on respect for the commitments made.",
          "Our position on {topic} has not changed, and we will defend it at every level.",
          "We count on the international community to support {topic}.",
          "The coming weeks will show whether the other side is serious about {topic}.")
DATELINES = ("{PLACE}, {MONTH} {day}, ARMENPRESS: ", "{PLACE}, {MONTH} {day}, TREND: ",
             "{PLACE}, {Month} {day}. /TASS/. ", "{PLACE}, {Short} {day} (Reuters) - ",
             "{PLACE}, {AP} {day} (Xinhua) -- ", "{PLACE} (AP) — ", "{PLACE}, {day} {Month} (AFP) - ",
             "{PLACE}, {day} {Month} — ")


@dataclass(frozen=True, slots=True)
class Cast:
    """Who and what one statement is about."""

    date: dt.date
    subject: Country
    partner: Country
    third: Country
    speaker: Official
    counterpart: Official
    topics: tuple[str, str, str]


def pick_countries(rng: random.Random, k: int) -> list[Country]:
    """``k`` different countries, the region's more often than the rest."""
    chosen: list[Country] = []
    while len(chosen) < k:
        country = rng.choices(COUNTRIES, weights=[c.weight for c in COUNTRIES])[0]
        if country not in chosen:
            chosen.append(country)
    return chosen


def official_of(rng: random.Random, country: Country, other_than: Official | None = None) -> Official:
    """An official of ``country`` when there is one, else an international one."""
    own = [o for o in OFFICIALS if o.country == country.name and o != other_than]
    return rng.choice(own or [o for o in OFFICIALS if not o.country and o != other_than])


def make_cast(rng: random.Random) -> Cast:
    """Three countries, an official of the first and one of the second, a day, three topics."""
    subject, partner, third = pick_countries(rng, 3)
    speaker = official_of(rng, subject)
    counterpart = official_of(rng, partner, other_than=speaker)
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    return Cast(date, subject, partner, third, speaker, counterpart, tuple(rng.sample(TOPICS, 3)))


def role_and_name(official: Official) -> str:
    """'Foreign Minister Reza Karimi', 'UN Special Envoy Teresa Albuquerque'."""
    return f"{official.role} {official.name}"


def lead(rng: random.Random, cast: Cast) -> str:
    """The first line's sentence: who stands where on what, who said it and how (the genre cue)."""
    stance = rng.choice(STANCES)
    genre = rng.choice(GENRES).format(weekday=WEEKDAYS[cast.date.weekday()], capital=cast.subject.capital,
                                      adjective=cast.partner.adjective)
    return (f"{cast.subject.name} {stance} {cast.topics[0]} with {cast.partner.name}, "
            f"{role_and_name(cast.speaker)} {genre}.")


# Official texts name their genre in their title (the page's first line); reports (the rest) open with the lead.
GENRE_TITLES = ("Statement of the Ministry of Foreign Affairs of {subject} on {topic}",
                "Briefing by {speaker} on {topic}", "Interview of {speaker} on {topic}",
                "Joint statement of {subject} and {partner} on {topic}",
                "Press release on the talks between {subject} and {partner} on {topic}",
                "Comment by the Foreign Ministry of {subject} on {topic}")


def first_line(rng: random.Random, cast: Cast) -> str:
    """An official text's title (six in ten), else a report's lead sentence."""
    if rng.random() < 0.6:
        return rng.choice(GENRE_TITLES).format(subject=cast.subject.name, partner=cast.partner.name,
                                               topic=cast.topics[0], speaker=role_and_name(cast.speaker))
    return lead(rng, cast)


def title_key(cast: Cast, text: str) -> tuple[dt.date, str]:
    """What makes a slug: the date and the lead up to its first comma (the title never stops earlier)."""
    return cast.date, text.split(",", 1)[0].lower()


def dateline(rng: random.Random, cast: Cast) -> str:
    """An agency dateline for the statement's day, in one of the styles the ingester reads."""
    place = rng.choice([cast.subject.capital.upper()] * 3 + list(MULTILATERAL_PLACES))
    month = cast.date.month - 1
    return rng.choice(DATELINES).format(PLACE=place, MONTH=MONTHS[month].upper(), Month=MONTHS[month],
                                        Short=MONTHS[month][:3], AP=AP_MONTHS[month], day=cast.date.day)


def opening(rng: random.Random, cast: Cast) -> str:
    """The first paragraph: dateline, a quote naming both countries, and who said it."""
    more = claims(rng, cast, rng.randint(1, 2))
    quote = f"{cast.subject.name} and {cast.partner.name} agreed that {cast.topics[0]} cannot wait. {more}"
    return f"{dateline(rng, cast)}{quoted(quote)} {role_and_name(cast.speaker)} said."


def quoted(words: str) -> str:
    """Words in quotation marks, the last full stop turned into a comma: '“…,”'."""
    return f"“{words.removesuffix('.')},”"


def claims(rng: random.Random, cast: Cast, k: int) -> str:
    """``k`` different sentences of diplomatic prose about the cast's topics."""
    return " ".join(template.format(topic=rng.choice(cast.topics), subject=cast.subject.name,
                                    partner=cast.partner.adjective, third=cast.third.adjective,
                                    capital=cast.third.capital)
                    for template in rng.sample(CLAIMS, k))


def quote_paragraph(rng: random.Random, cast: Cast) -> str:
    """Two to four sentences quoted, and the speaker named by surname."""
    inner = claims(rng, cast, rng.randint(2, 4))
    return f"{quoted(inner)} {cast.speaker.surname} said."


def meeting_paragraph(rng: random.Random, cast: Cast) -> str:
    """The speaker met the counterpart (introduced by role) in a third capital."""
    weekday = rng.choice(WEEKDAYS)
    return (f"On {weekday}, {cast.speaker.surname} met {role_and_name(cast.counterpart)} in "
            f"{cast.third.capital}. They agreed to continue consultations on {cast.topics[1]} and "
            f"discussed {cast.topics[2]}, and {cast.counterpart.surname} said the {cast.partner.adjective} "
            f"side was ready for a further round.")


def forum_paragraph(rng: random.Random, cast: Cast) -> str:
    """Two organizations: where the topic goes next, and who observes."""
    forum, other = rng.sample(ORGANIZATIONS, 2)
    return (f"{cast.subject.name} intends to raise {rng.choice(cast.topics)} within {forum}, where it has agreed to "
            f"coordinate its position with {cast.third.name}. Observers from {other} were invited to follow "
            f"the talks.")


def earlier_dates(rng: random.Random, cast: Cast) -> list[dt.date]:
    """One to three dates before the statement's, in order."""
    return sorted(cast.date - dt.timedelta(days=rng.randint(20, 2400)) for _ in range(rng.randint(1, 3)))


def spelled(rng: random.Random, day: dt.date) -> str:
    """'9 November 2020', 'November 9, 2020' or 'November 2020' (a month only)."""
    month = MONTHS[day.month - 1]
    return rng.choice((f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", f"{month} {day.year}"))


def history_paragraph(rng: random.Random, cast: Cast) -> str:
    """The ministry (an issuer the ingester finds) recalls earlier dates: references."""
    dates = [spelled(rng, d) for d in earlier_dates(rng, cast)]
    listed = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + " and " + dates[-1]
    return (f"The {cast.subject.adjective} Foreign Ministry noted that {cast.topics[2]} had been on the agenda "
            f"since the documents agreed by {cast.subject.name} and {cast.partner.name} on {listed}.")


# Drawn without replacement: up to three quotes, each other kind at most once.
PARAGRAPHS = (quote_paragraph, quote_paragraph, quote_paragraph, meeting_paragraph, forum_paragraph,
              history_paragraph)


def statement(rng: random.Random, cast: Cast, first_line: str) -> str:
    """The whole raw text: date line with the lead, a blank line, then three to seven paragraphs."""
    paragraphs = [opening(rng, cast)]
    paragraphs += [make(rng, cast) for make in rng.sample(PARAGRAPHS, rng.randint(2, 6))]
    return f" date {cast.date.isoformat()} {first_line}\n\n" + "\n\n".join(paragraphs) + "\n"


def statements(n: int, seed: int) -> list[str]:
    """``n`` raw statements for ``seed``; a cast whose date and title are taken is drawn again."""
    rng = random.Random(seed)
    taken: set[tuple[dt.date, str]] = set()
    texts = []
    while len(texts) < n:
        cast = make_cast(rng)
        line = first_line(rng, cast)
        key = title_key(cast, line)
        if key in taken:
            continue
        taken.add(key)
        texts.append(statement(rng, cast, line))
    return texts


def write_corpus(out: Path, n: int, seed: int) -> None:
    """OUT/statement-<i>.txt for every statement, zero-padded to the width of ``n``."""
    out.mkdir(parents=True, exist_ok=True)
    width = len(str(n))
    for i, text in enumerate(statements(n, seed)):
        (out / f"statement-{i:0{width}d}.txt").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Command line: OUT N [--seed S]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the .txt files into (made if missing)")
    parser.add_argument("n", type=int, help="how many statements")
    parser.add_argument("--seed", type=int, default=2023, help="another seed gives another corpus (default 2023)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    write_corpus(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
