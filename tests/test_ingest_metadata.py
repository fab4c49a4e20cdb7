"""Metadata from real-shaped texts (issue 13): datelines anywhere near the top, agencies spelt any way,
titles that are never chrome or cut mid-phrase, issuers from speech cues, people without junk.

Every text here is written for the test, in the shapes stored agency and ministry pages take: a
' date' line with page chrome, timestamps and a repeated headline before the article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from builder.ingest import ingest_bytes


def ingest(text: str) -> dict:
    return ingest_bytes(text.encode("utf-8"), "case.txt").front_matter


# -- datelines -------------------------------------------------------------------------------------

def test_dateline_after_a_page_line_with_a_timestamp_and_headline() -> None:
    fm = ingest(" date 2023-07-26 Home\n\nJuly 26, 2023, 10:34 Stepanakert says the corridor stays closed\n\n"
                "STEPANAKERT, JULY 26, ARTSAKHPRES-ARMENPRESS: The foreign ministry said on Wednesday that the "
                "road remained closed for a fortieth day.\n\nMore text follows here.")
    assert (fm["dateline"], fm["agencies"]) == ("Stepanakert", ["Artsakhpress", "Armenpress"])
    assert fm["title"] == "Stepanakert says the corridor stays closed"


@pytest.mark.parametrize("opening, place, agencies", [
    ("YEREVAN (PanARMENIAN.Net) — The ministry said the talks would resume.", "Yerevan", ["PanARMENIAN.Net"]),
    ("MOSCOW (Public Radio of Armenia) — Russia said it was ready to host talks.", "Moscow",
     ["Public Radio of Armenia"]),
    ("MOSCOW, Sept 19 (Reuters) - Russia said on Tuesday it was ready to mediate.", "Moscow", ["Reuters"]),
    ("BEIJING, Jan. 11 (Xinhua) -- China urged restraint on Wednesday.", "Beijing", ["Xinhua"]),
    ("МОСКВА, 4 мар - РИА Новости. Москва готова к переговорам, заявил министр.", "Москва", ["RIA Novosti"]),
    ("ԵՐԵՎԱՆ, 2 ԴԵԿՏԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ: Նախարարը հայտարարություն է արել։", "Երևան", ["Armenpress"]),
    ("Baku / 24.04.18 / Turan: Baku hopes for a constructive position, the ministry said.", "Baku", ["Turan"]),
    ("ISLAMABAD: The Foreign Office spokesperson said on Tuesday the remarks were baseless.", "Islamabad", []),
])
def test_dateline_shapes(opening: str, place: str, agencies: list[str]) -> None:
    fm = ingest(f" date 2023-01-30 Chrome line\n\nSome headline about the talks\n\n{opening}\n\nMore text here.")
    assert (fm["dateline"], fm["agencies"]) == (place, agencies)


def test_a_dateline_glued_to_the_text_stays_out_of_the_title_and_slug() -> None:
    fm = ingest(" date 2023-03-02 VIENNA—The heads of delegation met on Thursday to discuss the agenda, "
                "the chairmanship said.\n\nVIENNA—The heads of delegation met on Thursday to discuss the agenda, "
                "the chairmanship said.")
    assert fm["dateline"] == "Vienna"
    assert fm["title"].startswith("The heads of delegation met")
    assert fm["slug"].startswith("2023-03-02-the-heads-of-delegation")


def test_a_capital_is_a_place_not_a_country() -> None:
    fm = ingest(" date 2023-03-02 Lead.\n\nVIENNA, March 2 (Reuters) - Officials met in Prague and Dushanbe "
                "before flying to Astana, Moscow said.\n\nThe talks were about Armenia.")
    assert fm["dateline"] == "Vienna"
    assert fm["countries"] == ["AM"]


@pytest.mark.parametrize("text, agencies", [
    ("Example News Agency: The Foreign Ministry condemned the attack in a statement on Wednesday.", []),
    ("AhlulBayt News Agency: The Foreign Ministry condemned the attack in a statement on Wednesday.",
     ["AhlulBayt News Agency"]),
    ("Ces propos sont inacceptables, a déclaré la porte-parole, citée par l'agence étatique Ria Novosti.",
     ["RIA Novosti"]),
    ("The ministry said the talks would resume, Trend reports.", ["Trend"]),
    ("The ministry said the talks would resume, according to Interfaks.", ["Interfax"]),
    ("The minister spoke to reporters. Photo: EFE/John Smith", []),
])
def test_agencies_credited_in_the_text(text: str, agencies: list[str]) -> None:
    assert ingest(f" date 2023-01-30 {text}\n\n{text}")["agencies"] == agencies


# -- titles ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("chrome", ["© Provided by Xinhua", "US Markets", "No: 111, 24 April 2023",
                                    "YEREVAN (PanARMENIAN.Net)", "Latest News", "12:41 p.m. EDT"])
def test_a_title_is_never_chrome_a_bare_dateline_or_a_number(chrome: str) -> None:
    fm = ingest(f" date 2023-04-24 {chrome}\n\nArmenia and Turkey agree to open the border for diplomats\n\n"
                "YEREVAN, APRIL 24, ARMENPRESS. Armenia and Turkey agreed on Monday to open the land border "
                "for diplomats and holders of diplomatic passports, the foreign ministry said.")
    assert fm["title"] == "Armenia and Turkey agree to open the border for diplomats"


def test_a_headline_repeated_on_the_page_is_the_title() -> None:
    fm = ingest(" date 2023-04-24 FinancialGovernment SolutionsLegalNews AgencyRisk Management\n\n"
                "Russia says concerned about the border situation - ministry\n\nApril 24, 2023 / 9:36 AM\n\n"
                "Russia says concerned about the border situation - ministry\n\nStaff Writer\n\n"
                "MOSCOW, April 24 (Reuters) - Russia is concerned about the situation on the Armenian-Azerbaijani "
                "border, the Russian Foreign Ministry said on Monday.")
    assert fm["title"] == "Russia says concerned about the border situation - ministry"
    assert fm["issuer"] == "Russian Foreign Ministry" and fm["type"] == "news report"


def test_a_title_from_a_long_lead_ends_at_a_clause_never_mid_phrase_or_with_an_ellipsis() -> None:
    lead = ("The Co-Chairs (Igor Popov of the Russian Federation, Stéphane Visconti of France and Andrew Schofer "
            "of the United States) welcomed the meeting of the foreign ministers in Geneva on Thursday, and urged "
            "the sides to continue the dialogue without preconditions.")
    fm = ingest(f" date 2019-01-17\n\nGENEVA, 17 January 2019 – {lead}")
    assert not fm["title"].endswith(("…", "..."))
    assert fm["title"].count("(") == fm["title"].count(")")
    assert lead.startswith(fm["title"])
    assert fm["title"] == lead[:lead.index(", and urged")]


# -- issuers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, issuer", [
    ("Relations will improve only through dialogue, the Russian Foreign Ministry said on Monday.",
     "Russian Foreign Ministry"),
    ("“We call on both sides to show restraint,” Spokesperson Hua Chunying said at a regular briefing.",
     "Hua Chunying, spokesperson"),
    ("The Co-Chairs of the OSCE Minsk Group, Ambassadors Igor Popov, Stéphane Visconti and Andrew Schofer, "
     "released the following statement today.", "OSCE Minsk Group Co-Chairs"),
    ("Москва готова к диалогу, заявила официальный представитель МИД России Мария Захарова.",
     "Maria Zakharova, Russian Foreign Ministry spokesperson"),
])
def test_issuer_from_speech_cues(sentence: str, issuer: str) -> None:
    fm = ingest(f" date 2023-01-30 {sentence}\n\n{sentence}\n\nMore text follows.")
    assert fm["issuer"] == issuer


def test_issuer_from_the_headline_genre() -> None:
    fm = ingest(" date 2023-02-01 Briefing by Foreign Ministry Spokesperson Maria Zakharova\n\n"
                "Question: What can you say about the talks?\n\nAnswer: We welcome them.")
    assert fm["issuer"].startswith("Maria Zakharova")
    assert fm["type"] == "briefing"


@pytest.mark.parametrize("text, issuer", [
    # a spokesperson's title before the body it names: the spokesperson speaks, not the ministry
    ("Официальный представитель МИД России Мария Захарова в интервью рассказала о переговорах.\n\n"
     "— Как вы оцениваете ситуацию?\n\n— Мы следим за ней.", "Maria Zakharova, Russian Foreign Ministry spokesperson"),
    # Arabic: 'يؤكد أن' (confirms that) has its speaker before it; the first name after 'أكد' speaks
    ("المتحدث باسم الكرملين يؤكد أن الرئيس فلاديمير بوتين أجرى محادثة هاتفية\n\n"
     "أكد المتحدث باسم الكرملين دميتري بيسكوف أن الرئيس الروسي فلاديمير بوتين أجرى محادثة هاتفية.", "Dmitry Peskov"),
    # a body's own name gives its country, which an unplaced mention of it takes
    ("Foreign Affairs Ministry condemns the attack on a consulate\n\nThe Ministry of Foreign Affairs and "
     "Emigrants condemned on Tuesday the attack on the consulate.",
     "Lebanese Ministry of Foreign Affairs and Emigrants"),
    # a page's byline over lines of its own, the name broken in two
    ("Statement on Iran\n\nPress Statement\n\nHillary Rodham\n\nClinton\n\nSecretary of State\n\n"
     "The United States is determined to prevent Iran from acquiring a nuclear weapon.", "Hillary Clinton"),
    # a briefing's unnamed spokesperson speaks for the country's foreign ministry (French text: France)
    ("Arménie - Déclaration de la porte-parole (13 septembre 2022)\n\nLa France exprime sa très vive "
     "préoccupation et appelle au respect du cessez-le-feu.", "Spokesperson of the French Foreign Ministry"),
    # failing every cue, an official text whose sentence opens with a country acting
    ("Ataque contra la Embajada\n\nEspaña manifiesta su firme condena por el ataque contra la Embajada. "
     "El gobierno reitera su solidaridad.", "Spanish Foreign Ministry"),
    # a Reuters-style lowercase ministry, then its officials speaking
    ("Ambassador summoned\n\nANKARA Oct 11 Russia's ambassador in Turkey was summoned to the Turkish foreign "
     "ministry on Thursday, ministry officials said, after a plane was forced to land.", "Turkish Foreign Ministry"),
])
def test_issuer_in_harder_shapes(text: str, issuer: str) -> None:
    assert ingest(f" date 2023-01-30 {text}")["issuer"].startswith(issuer)


def test_a_president_named_in_a_ministry_statement_is_not_its_voice() -> None:
    fm = ingest(" date 2008-08-18 Statement of the Russian Ministry of Foreign Affairs\n\nIn connection with the "
                "statement released by the French side after the conversation of President Nicolas Sarkozy with "
                "Russian President Dmitry Medvedev, it appears necessary to make certain points more precise.")
    assert fm["issuer"] == "Russian Ministry of Foreign Affairs"


def test_a_press_release_is_the_ministrys_unless_the_minister_is_quoted() -> None:
    readout = ingest(" date 2022-02-12 Press release on Foreign Minister Sergey Lavrov’s telephone conversation "
                     "with US Secretary of State Antony Blinken\n\nOn February 12, Foreign Minister Sergey Lavrov "
                     "had a telephone conversation with US Secretary of State Antony Blinken.\n\nThe minister "
                     "stressed that the campaign was provocative.")
    assert readout["issuer"] == "Russian Foreign Ministry"
    quoted = ingest(" date 2023-02-10 Press release\n\nForeign Minister Sergey Lavrov met his counterpart in "
                    "Ankara yesterday.\n\nEmphasizing the scale of the disaster, Lavrov said, “We are doing our best "
                    "to help the people affected, and we will continue to do so.”")
    assert quoted["issuer"].startswith("Sergey Lavrov")


# -- people ----------------------------------------------------------------------------------------

def test_people_without_junk_words_or_doubles() -> None:
    fm = ingest(" date 2023-05-10 Lead.\n\nLee Satterfield Travels to Yerevan\n\n"
                "WASHINGTON, May 10 (AP) — Assistant Secretary Lee Satterfield will travel to Yerevan, the "
                "State Department said. High Representative for Foreign Affairs and Security Policy Josep "
                "Borrell welcomed the visit. Shri Atal Bihari Vajpayee was quoted; Shri Vajpayee said peace was "
                "possible. Foreign Minister Jeyhun Bayramov said J.A.Bayramov had written to the Co-Chairs "
                "(Igor Popov of the Russian Federation, Stéphane Visconti of France and Andrew Schofer of the "
                "United States). Spokesperson Hua Chunying's Regular Press Conference was cancelled. The office "
                "of Public Information confirmed it.")
    people = fm["people"]
    assert {"Lee Satterfield", "Josep Borrell", "Atal Bihari Vajpayee", "Jeyhun Bayramov", "Igor Popov",
            "Stéphane Visconti", "Andrew Schofer", "Hua Chunying"} <= set(people), people
    for junk in ("Lee Satterfield Travels", "Policy Josep Borrell", "Shri Vajpayee", "Shri Atal Bihari Vajpayee",
                 "J.A.Bayramov", "Hua Chunying's Regular", "Public Information", "Vajpayee"):
        assert junk not in people


def test_people_in_other_scripts_keep_one_form_each() -> None:
    fm = ingest(" date 2023-09-25 Lead.\n\nМОСКВА, 25 сентября. /ТАСС/. Официальный представитель МИД России "
                "Мария Захарова заявила, что Москва ответит. Заместитель министра иностранных дел России "
                "Александр Панкин добавил, что встреча состоится.")
    assert {"Maria Zakharova", "Александр Панкин"} <= set(fm["people"])


# -- dates -----------------------------------------------------------------------------------------

def test_a_month_only_date_line_keeps_its_precision() -> None:
    fm = ingest(" date 2020-11 Le Premier ministre a eu un entretien téléphonique.\n\nTexte de la déclaration.")
    assert fm["date"] == "2020-11"
    assert fm["slug"].startswith("2020-11-") and not fm["slug"].startswith("2020-11-01")


def test_a_date_alone_at_the_end_dates_a_text_without_a_date_line() -> None:
    fm = ingest("Совместное заявление министров\n\nМинистры обсудили ситуацию в регионе и договорились "
                "продолжить консультации в ближайшее время.\n\n1 октября 2020 года")
    assert fm["date"] == dt.date(2020, 10, 1)


# -- the statement's own day -----------------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("ISLAMABAD - The Foreign Office yesterday said that the remarks were baseless.", dt.date(2022, 11, 1)),
    ("UNITED NATIONS, Nov. 1 (Xinhua) -- China's envoy said that any action should defuse the crisis.",
     dt.date(2022, 11, 1)),
    ("China's representative to the UN said here on Sunday that actions should cool the situation.",
     dt.date(2022, 10, 30)),
    ("The United States is calling on China to stop, the press secretary said during a press briefing on "
     "Tuesday.", dt.date(2022, 11, 1)),
    # unchanged: a weekday that is not when it was said, a question's 'yesterday', a plain report
    ("The ministers will meet on Friday, the ministry said.", dt.date(2022, 11, 2)),
    ("Q - Do you have a reaction to yesterday's announcement?\n\nA - We welcome it.", dt.date(2022, 11, 2)),
    ("The ministry said on Wednesday that the talks would resume.", dt.date(2022, 11, 2)),
])
def test_a_report_is_dated_by_the_day_the_statement_was_made(text: str, day: dt.date) -> None:
    fm = ingest(f" date 2022-11-02 Report\n\n{text}\n\nMore text follows here.")  # a Wednesday
    assert fm["date"] == day
    assert fm["source"].get("published") == (dt.date(2022, 11, 2) if day != dt.date(2022, 11, 2) else None)


def test_the_page_date_is_kept_and_the_change_is_listed_for_review() -> None:
    done = ingest_bytes(" date 2022-11-02 Report\n\nThe Foreign Office yesterday said it was surprised.\n\n"
                        "More text.".encode(), "case.txt")
    assert "dated 2022-11-01 by 'yesterday' in the lead; the page is dated 2022-11-02" in done.notes
    assert "published: 2022-11-02" in done.markdown
