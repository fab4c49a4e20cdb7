"""Ingest shapes, encodings and errors, one small example each (see issue 3)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from builder.errors import BuilderError
from builder.ingest import ingest_bytes

BODY = "Foreign Minister Ararat Mirzoyan met his Georgian counterpart. They discussed regional security."
D = dt.date(2023, 1, 30)


def ingest(text: str, encoding: str = "utf-8") -> dict:
    return ingest_bytes(text.encode(encoding), "case.txt").front_matter


@pytest.mark.parametrize("opening, place, agencies", [
    ("STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS: ", "Stepanakert", ["Artsakhpress", "Armenpress"]),
    ("YEREVAN, JANUARY 30, ARMENPRESS. ", "Yerevan", ["Armenpress"]),
    ("MOSCOW, January 30. /TASS/. ", "Moscow", ["TASS"]),
    ("MOSCOW, Jan 30 (Reuters) - ", "Moscow", ["Reuters"]),
    ("BAKU (Reuters) - ", "Baku", ["Reuters"]),
    ("MOSCOW (AP) — ", "Moscow", ["AP"]),
    ("BAKU, Azerbaijan (AP) — ", "Baku", ["AP"]),
    ("PARIS (AFP) - ", "Paris", ["AFP"]),
    ("BEIJING, Jan. 30 (Xinhua) -- ", "Beijing", ["Xinhua"]),
    ("NEW YORK, 30 January — ", "New York", []),
    ("ST. PETERSBURG, January 30. /TASS/. ", "St. Petersburg", ["TASS"]),
    ("МОСКВА, 30 января. /ТАСС/. ", "Москва", ["TASS"]),
    ("МОСКВА, 30 янв — РИА Новости. ", "Москва", ["RIA Novosti"]),
    ("ԵՐԵՎԱՆ, 30 ՀՈՒՆՎԱՐԻ, ԱՐՄԵՆՊՐԵՍ: ", "Երևան", ["Armenpress"]),
    ("", "", []),
])
@pytest.mark.parametrize("date_line", [" date 2023-01-30\n\n", "Date: 30 January 2023\n\n", "30 January 2023\n\n",
                                       "January 30, 2023\n\n", "Monday, 30 January 2023\n\n", "30.01.2023\n\n"])
def test_datelines_with_every_kind_of_date_line(opening: str, place: str, agencies: list[str], date_line: str) -> None:
    fm = ingest(date_line + opening + BODY + "\n\nSecond paragraph.\n")
    assert (fm["date"], fm["dateline"], fm["agencies"]) == (D, place, agencies)
    assert fm["lead"] == "Foreign Minister Ararat Mirzoyan met his Georgian counterpart."


def test_title_line_then_date_then_dateline_un_release() -> None:
    text = ("Secretary-General Welcomes Talks between Armenia and Azerbaijan\n\n30 January 2023\n\n"
            "NEW YORK, 30 January — The Secretary-General welcomes the talks. He calls for restraint.\n")
    fm = ingest(text)
    assert fm["title"] == "Secretary-General Welcomes Talks between Armenia and Azerbaijan"
    assert (fm["date"], fm["dateline"], fm["lead"]) == (D, "New York", "The Secretary-General welcomes the talks.")
    assert fm["countries"] == ["AM", "AZ"]


def test_year_in_the_dateline_is_enough() -> None:
    fm = ingest("PARIS, Jan 30, 2023 (AFP) - " + BODY)
    assert (fm["date"], fm["dateline"], fm["agencies"]) == (D, "Paris", ["AFP"])


def test_the_date_line_supplies_the_year_of_a_yearless_dateline_whose_day_dates_the_statement() -> None:
    fm = ingest(" date 2023-01-31\n\nMOSCOW, January 30. /TASS/. " + BODY)
    assert fm["date"] == dt.date(2023, 1, 30)  # the day it was said; the page's date is kept beside it
    assert fm["source"]["published"] == dt.date(2023, 1, 31)


@pytest.mark.parametrize("text, words", [
    ("MOSCOW, January 30. /TASS/. " + BODY, "the dateline gives January 30 but no year"),
    ("BAKU (Reuters) - " + BODY, "no date found"),
    (BODY + "\n\nMore text on 9 November 2020.", "no date found"),
    ("Title of a release\n\n" + BODY, "no date found"),
])
def test_no_honest_date_is_rejected_with_a_fix(text: str, words: str) -> None:
    with pytest.raises(BuilderError) as info:
        ingest(text)
    assert words in info.value.message and info.value.file == "case.txt"
    assert "' date YYYY-MM-DD'" in info.value.hint and "never guessed" in info.value.hint


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"), (b" \n\t\n", "empty"), (b" date 2023-02-30 Lead.\n\nText.", "impossible date"),
    (b" date 30/01/2023 Lead.\n\nText.", "YYYY-MM-DD"), (b" date 2023-01-30 Lead only.\n", "no statement text"),
    (b"Date: 30 January 2023\n", "no statement text"),
])
def test_malformed_files_raise_builder_error(raw: bytes, words: str) -> None:
    with pytest.raises(BuilderError) as info:
        ingest_bytes(raw, "bad.txt")
    assert words in str(info.value) and info.value.file == "bad.txt"


@pytest.mark.parametrize("encoding, bom, eol", [
    ("utf-8", False, "\n"), ("utf-8", True, "\r\n"), ("windows-1251", False, "\r\n"), ("windows-1251", False, "\r"),
])
def test_russian_in_any_encoding_and_line_ending(encoding: str, bom: bool, eol: str) -> None:
    text = (" date 2023-01-30\n\nМОСКВА, 30 января. /ТАСС/. Министр иностранных дел России Сергей Лавров "
            "провел переговоры с главой МИД Армении Араратом Мирзояном.\n\nСтороны обсудили\tситуацию.\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", eol).encode(encoding)
    item = ingest_bytes(data, "ru.txt")
    fm = item.front_matter
    assert fm["source"] == {"file": "ru.txt", "sha256": hashlib.sha256(data).hexdigest(),
                            "encoding": {"utf-8": "utf-8-sig" if bom else "utf-8"}.get(encoding, encoding)}
    assert (fm["language"], fm["dateline"], fm["countries"]) == ("ru", "Москва", ["AM", "RU"])
    assert fm["people"] == ["Ararat Mirzoyan", "Sergey Lavrov"]
    assert item.paragraphs[1] == "Стороны обсудили\tситуацию."


def test_latin1_french_with_control_characters() -> None:
    text = " date 2023-01-30\n\nPARIS, 30 janv (AFP) - La France salue\x01 l'accord entre l'Arménie et l'Azerbaïdjan.\n"
    fm = ingest(text, "latin-1")
    assert fm["source"]["encoding"] in ("iso-8859-1", "windows-1252")
    assert (fm["language"], fm["dateline"], fm["countries"]) == ("fr", "Paris", ["AM", "AZ", "FR"])
    assert fm["lead"] == "La France salue l'accord entre l'Arménie et l'Azerbaïdjan."


def test_entities_canonical_forms_adjectives_not_capitals() -> None:
    """Capitals standing for governments ('Ankara and Yerevan') are not countries; names and adjectives are."""
    text = (" date 2023-01-30 Lead.\n\nSpecial representatives Ruben Rubinyan and Serdar Kılıç met. Later "
            "R. K. Rubinyan and S. Kilic spoke about the Armenian-Azerbaijani talks and about Ankara and Yerevan, "
            "the Russian Foreign Ministry said, recalling the OSCE, the CSTO, the CIS, NATO and the UN, and "
            "agreements of 9 November 2020 and January of 2022.\n")
    fm = ingest(text)
    assert fm["people"] == ["Ruben Rubinyan", "Serdar Kılıç"]
    assert fm["countries"] == ["AM", "AZ", "RU"]
    assert fm["organizations"] == ["CIS", "CSTO", "NATO", "OSCE", "United Nations"]
    assert fm["references"] == ["2020-11-09", "2022-01"]
    assert fm["issuer"] == "Russian Foreign Ministry"


def test_long_leads_make_short_titles_at_a_clause_boundary() -> None:
    lead = ("The foreign ministers of Armenia and Azerbaijan met in Washington on Monday to discuss the draft "
            "peace treaty, the delimitation of the border and the unblocking of regional transport links.")
    fm = ingest(f" date 2023-01-30\n\nWASHINGTON (AP) — {lead} More text.\n")
    assert fm["lead"] == lead and len(fm["title"]) <= 110 and lead.startswith(fm["title"])
    assert fm["title"].endswith("draft peace treaty")


def test_wire_header_and_trailer_are_not_part_of_the_text() -> None:
    text = ("abc00012 3 i 510    dpa 1003\n\n/politics/Armenia/\n2ND LEAD\nArmenia and Turkey open border crossing\n"
            "By Jane Doe, dpa  =\n \nYerevan (dpa) - Armenia and Turkey opened a border crossing.\n\n"
            "More text.\n\ndpa jd xy\n\n301137 GMT Jan 23\n")
    item = ingest_bytes(text.encode(), "wire.txt")
    fm = item.front_matter
    assert (fm["date"], fm["title"], fm["dateline"], fm["agencies"]) == (
        D, "Armenia and Turkey open border crossing", "Yerevan", ["dpa"])
    assert item.paragraphs == ("Yerevan (dpa) - Armenia and Turkey opened a border crossing.", "More text.")


def test_a_build_starts_without_the_language_model_and_ingest_loads_it_when_it_must() -> None:
    """py3langid (and numpy, which it loads) is imported by the first raw text's ingest only: 50 ms of every
    build's start otherwise. Run in a fresh interpreter, as a build starts."""
    import subprocess
    import sys

    probe = ("import sys, builder.cli, builder.build\n"
             "before = sorted(m for m in ('py3langid', 'numpy') if m in sys.modules)\n"
             "from builder.ingest import ingest_bytes\n"
             "item = ingest_bytes(b' date 2023-01-30 The ministry spoke.\\n\\nYEREVAN, JANUARY 30, ARMENPRESS. The "
             "foreign ministry of Armenia said the talks would go on.', 'a.txt')\n"
             "print(before, item.front_matter['language'], 'py3langid' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[]", "en", "True"]
