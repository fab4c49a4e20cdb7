"""Issue 13 on a built site: month-only dates keep their precision, whitespace and encoding variants of a
text are one statement, and people named in other scripts each get a page with a readable address."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from builder.cite import csl
from builder.config import load_config
from builder.load import load_content
from builder.site import build_site
from tests.conftest import build_project, project

MONTH_ONLY = (" date 2020-11 The Prime Minister and the President discussed the situation by telephone.\n\n"
              "The Prime Minister of Armenia and the President of France discussed the situation in the region "
              "by telephone, the office of the Prime Minister said.")
EARLY_DAY = (" date 2020-11-01 The foreign ministry welcomed the ceasefire.\n\n"
             "The foreign ministry of Armenia welcomed the ceasefire agreed on Sunday, the ministry said.")
LATE_DAY = (" date 2020-11-20 The foreign ministry called for talks.\n\n"
            "The foreign ministry of Armenia called for talks on the return of prisoners, the ministry said.")
VARIANT = (" date 2021-03-04 Ministers met in Tbilisi.\n\nThe foreign ministers of Armenia and Georgia met in "
           "Tbilisi on Thursday, the ministry’s spokesman said.\n\nThey  discussed   transport links and the "
           "border.")
NAMES = (" date 2022-06-01 Министр встретился с послом.\n\nМОСКВА, 1 июня. /ТАСС/. Заместитель министра Пётр "
         "Иванов встретился с послом Анной Смирновой. Пресс-секретарь Анна Смирнова заявила, что встреча "
         "прошла успешно.\n\nԵՐԵՎԱՆ, 1 ՀՈՒՆԻՍԻ, ԱՐՄԵՆՊՐԵՍ: ՀՀ ԱԳ նախարար Արամ Պետրոսյանը ընդունել է դեսպանին։")


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_month_only_statement_sorts_before_its_days_and_has_no_day_page(tmp_path: Path) -> None:
    content = write(tmp_path / "content", {"a.txt": MONTH_ONLY.encode(), "b.txt": EARLY_DAY.encode(),
                                          "c.txt": LATE_DAY.encode()})
    loaded = load_content(content)
    assert not loaded.errors
    month_only = next(s for s in loaded.statements if s.precision == "month")
    assert (month_only.date_iso, month_only.slug[:8]) == ("2020-11", "2020-11-")
    site = build_site(loaded.statements, load_config(None))
    assert [s.date_iso for s in site.statements] == ["2020-11-20", "2020-11-01", "2020-11"]  # newest first
    (november,) = site.years[0].months
    assert len(november.statements) == 3
    assert [d.date.day for d in november.days] == [1, 20], "no day page for a statement known to the month"
    assert csl(month_only, _context())["issued"] == {"date-parts": [[2020, 11]]}


def _context():
    from builder.cite import CiteContext
    return CiteContext("https://example.org/s/x/", "Archive")


def test_a_month_only_statement_page_says_the_month_and_no_invented_day(tmp_path: Path) -> None:
    root = project(tmp_path, write(tmp_path / "c", {"a.txt": MONTH_ONLY.encode(), "b.txt": EARLY_DAY.encode()}))
    build_project(root)
    site = root / "site"
    page = next((site / "statements").glob("2020-11-the-*/index.html")).read_text(encoding="utf-8")
    assert '<time datetime="2020-11">' in page and "November 2020" in page
    assert "1 November 2020" not in page.split('<div class="body">')[0], "the heading shows no invented day"
    lines = gzip.decompress((site / "data" / "statements.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    assert {json.loads(x)["date"] for x in lines} == {"2020-11", "2020-11-01"}


def test_whitespace_and_encoding_variants_are_one_statement(tmp_path: Path) -> None:
    crlf = VARIANT.replace("\n", "\r\n").encode("utf-8")
    spaced = VARIANT.replace("  discussed   ", " discussed ").replace("\n\n", "\n\n\n").encode("utf-8")
    latin = VARIANT.encode("cp1252")
    content = write(tmp_path / "content", {"a.txt": VARIANT.encode(), "b.txt": crlf, "c.txt": spaced,
                                          "d.txt": latin})
    loaded = load_content(content)
    assert not loaded.errors
    assert len(loaded.statements) == 1
    assert [Path(f).name for f, _ in loaded.skipped] == ["b.txt", "c.txt", "d.txt"]
    assert all("the same text as" in why and "a.txt" in why and "whitespace or encoding" in why
               for _, why in loaded.skipped)


def test_ingest_skips_a_variant_of_a_statement_it_holds(tmp_path: Path) -> None:
    from builder.ingest_command import run_ingest
    raw = write(tmp_path / "raw", {"a.txt": VARIANT.encode(), "b.txt": VARIANT.replace("\n", "\r\n").encode()})
    content = tmp_path / "content"
    assert run_ingest([raw / "a.txt"], content, force=False) == 0
    assert run_ingest([raw / "b.txt"], content, force=False) == 0
    assert len(list(content.rglob("*.md"))) == 1


def test_people_in_other_scripts_have_their_own_readable_pages(tmp_path: Path) -> None:
    root = project(tmp_path, write(tmp_path / "c", {"n.txt": NAMES.encode()}))
    build_project(root)
    people = root / "site" / "people"
    slugs = sorted(p.name for p in people.iterdir() if p.is_dir())
    assert {"petr-ivanov", "anna-smirnova", "aram-petrosyan"} <= set(slugs), slugs
    assert "person" not in slugs
    page = (people / "anna-smirnova" / "index.html").read_text(encoding="utf-8")
    assert "Анна Смирнова" in page


def test_date_phrases_are_found_as_the_plain_pattern_finds_them() -> None:
    """``DATE_PHRASE`` starts with a lookahead that only speeds it up: it finds what the pattern without it finds."""
    import random
    import re

    from builder.datephrases import DATE_PHRASE, MONTHS
    plain = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r"),? (\d{4})\b|\b(" + "|".join(MONTHS)
                       + r") (\d{1,2}), (\d{4})\b")
    rng = random.Random(3)
    pieces = ["9 November 2020", "November 9, 2020", "on 30 January, 2023", "May 1, 1999.", "in May 2020",
              "19 Mayday 2020", "x9 March 2021", "٣ March 2021", "31 December 20201", " ", "the ", "and ", ", ", "12"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) for _ in range(400)]
    found = 0
    for text in texts:
        ours = [(m.span(), m.groups()) for m in DATE_PHRASE.finditer(text)]
        assert ours == [(m.span(), m.groups()) for m in plain.finditer(text)], text
        found += len(ours)
    assert found > 100


def test_the_loader_notes_the_dates_a_text_names_and_the_page_links_those(tmp_path: Path) -> None:
    """``Statement.mentioned`` comes with the statement from loading (and its cache), so the plan does not search
    every text again; the day pages a statement page links are found from it."""
    from dataclasses import replace

    from builder.statement_pages import dated_pages
    content = write(tmp_path / "content", {
        "a.txt": b" date 2020-11-09 Talks were held.\n\nThe ministers met on 9 November 2020 and again on "
                 b"November 10, 2020, and on 9 November 2020 once more, the ministry said.",
        "b.txt": b" date 2020-11-10 Talks went on.\n\nThe ministers met again, the ministry said."})
    statements = load_content(content).statements
    first = next(s for s in statements if s.date.day == 9)
    assert first.mentioned == ("2020-11-09", "2020-11-10"), "each date once, sorted, in both word orders"
    assert next(s for s in statements if s.date.day == 10).mentioned == ()
    site = build_site(statements, load_config(None))
    assert dated_pages(site, first).days == ("2020-11-09", "2020-11-10")
    assert dated_pages(site, replace(first, mentioned=("2020-11-10",), references=())).days == ("2020-11-10",), \
        "the page reads the loader's dates, not the text again"
    assert dated_pages(site, replace(first, mentioned=None, references=())).days == ("2020-11-09", "2020-11-10"), \
        "a statement made in memory (none noted) has its text searched"
