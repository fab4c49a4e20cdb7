"""Ingest on four real messy files from ../shared/corpus/real-odd (read at run time, never copied).

101: dpa wire with header codes and a trailer, date only in '101137 GMT Dez 18'.
102: Latin-1, CRLF, IPTC control characters, French, date only in '091223 dec 18'.
103: UTF-8 with BOM, hard-wrapped UN speech, no date anywhere → rejected.
104: 109 KB numbered UN speech, no date anywhere → rejected.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import time
from pathlib import Path

import pytest

from builder.errors import BuilderError
from builder.ingest import ingest_bytes
from builder.markup import body_to_html

REAL_ODD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-odd"



def test_the_real_files_are_there() -> None:
    """The real-shape files are read from ../shared at run time; their absence is a failure, not a skip."""
    assert sorted(p.name for p in REAL_ODD.glob("*.txt")) == ["101.txt", "102.txt", "103.txt", "104.txt"]


def read(name: str) -> bytes:
    return (REAL_ODD / name).read_bytes()


def test_101_dpa_wire_takes_its_date_from_the_trailer_and_drops_wire_furniture() -> None:
    data = read("101.txt")
    item = ingest_bytes(data, "101.txt")
    fm = item.front_matter
    assert fm["date"] == dt.date(2018, 12, 10)
    assert (fm["dateline"], fm["agencies"], fm["language"]) == ("Luxembourg", ["dpa"], "en")
    assert fm["title"] == "Top EU court: Britain can unilaterally reverse Brexit decision"
    assert fm["lead"].startswith("Britain could unilaterally decide not to leave the European Union,")
    assert fm["source"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert {"GB"} <= set(fm["countries"]) and "European Court of Justice" in fm["organizations"]
    assert {"Jeremy Hunt", "Tom Brake", "Alyn Smith"} <= set(fm["people"])
    assert "Helen Maguire" not in fm["people"], "the byline and editorial contacts are not subjects"
    body = item.body
    for junk in ("eca00075", "2ND LEAD", "/politics/", "Notebook", "not intended for publication", "101137 GMT"):
        assert junk not in body
    assert item.paragraphs[0].startswith("Luxembourg (dpa) - Britain could unilaterally decide not to leave the\n")
    assert item.paragraphs[-1].endswith("say it goes too far.")
    assert len(item.paragraphs) == 18


def test_102_latin1_crlf_control_characters_french() -> None:
    data = read("102.txt")
    item = ingest_bytes(data, "102.txt")
    fm = item.front_matter
    assert fm["date"] == dt.date(2018, 12, 9)
    assert fm["source"]["encoding"] == "iso-8859-1"
    assert (fm["dateline"], fm["agencies"], fm["language"]) == ("Paris", ["ATS", "AFP"], "fr")
    assert fm["title"] == "Gilets jaunes: une «catastrophe pour notre économie» (Le Maire)"
    text = "\n".join(item.paragraphs)
    assert "économie" in text and "Ségolène Royal" in text
    assert not any(ord(c) < 32 and c not in "\n\t" or ord(c) == 0x7F for c in item.markdown)
    assert "\r" not in item.markdown and "SDA" not in text and "091223" not in text
    assert len(item.paragraphs) == 3


@pytest.mark.parametrize("name", ["103.txt", "104.txt"])
def test_un_speeches_without_a_date_are_rejected_with_a_fix(name: str) -> None:
    with pytest.raises(BuilderError) as info:
        ingest_bytes(read(name), name)
    err = info.value
    assert err.file == name and err.field == "date"
    assert "no date" in err.message and "' date YYYY-MM-DD'" in (err.hint or "")


def test_103_with_a_date_line_keeps_the_hard_wrapped_text_verbatim() -> None:
    data = read("103.txt")
    assert data.startswith(codecs.BOM_UTF8)
    dated = codecs.BOM_UTF8 + b" date 2012-09-28\n\n" + data[len(codecs.BOM_UTF8):]
    item = ingest_bytes(dated, "103.txt")
    original = data[len(codecs.BOM_UTF8):].decode("utf-8").strip("\n")
    assert "\n\n".join(item.paragraphs) == re.sub(r"\n(?:[ \t]*\n)+", "\n\n", original)
    assert len(item.paragraphs) == 3 and "sixty-\nseventh" in item.paragraphs[0]
    assert item.front_matter["source"]["encoding"] == "utf-8-sig"
    assert "AM" in item.front_matter["countries"] and "United Nations" in item.front_matter["organizations"]
    assert item.front_matter["lead"].startswith("I would like to join previous speakers")


def test_104_long_numbered_speech_renders_as_text_not_a_list() -> None:
    data = b" date 1960-09-23\n\n" + read("104.txt")
    started = time.perf_counter()
    item = ingest_bytes(data, "104.txt")
    assert time.perf_counter() - started < 10
    html = body_to_html(item.body)
    assert "<ol" not in html and "<li" not in html
    assert "95.\tThis should be the most responsible meeting" in item.paragraphs[0]
    assert item.front_matter["date"] == dt.date(1960, 9, 23) and item.front_matter["language"] == "en"
