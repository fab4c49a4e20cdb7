"""Chicago and APA punctuated as en-US asks, where citeproc-py does not (``builder.csl``).

citeproc-py leaves a period after the closing quote of a quoted title, keeps
quotes inside it as they are, and doubles a period after italics that end with
one. Each expected entry below is what citeproc-js 2.4.63 (the processor of
Zotero and Mendeley) makes of the same record with the same style files and
locale, checked by hand, except where a comment says why ours differs.
"""

from __future__ import annotations

import pytest

from builder import csl

RECORD = {"id": "x", "type": "article-newspaper", "author": [{"literal": "U.S. Dept."}],
          "issued": {"date-parts": [[2023, 1, 30]]}, "URL": "https://e.org/s/x/", "language": "en",
          "genre": "statement", "container-title": "Reuters Inc.", "archive": "Archive"}
TAIL = " Statement. <i>Reuters Inc.</i>, January 30, 2023. Archive. https://e.org/s/x/."


@pytest.mark.parametrize("title,entry", [
    ("Talks continue", "U.S. Dept. “Talks Continue.”" + TAIL),
    ("Ends with period.", "U.S. Dept. “Ends with Period.”" + TAIL),
    ("Ends with question?", "U.S. Dept. “Ends with Question?”" + TAIL),
    ("Remarks, “Yes!”", "U.S. Dept. “Remarks, ‘Yes!’”" + TAIL),
    # citeproc-js also capitalises a word after a quote ('Referendum'); citeproc-py's title case does not
    ("On the “referendum”", "U.S. Dept. “On the ‘referendum.’”" + TAIL),
    # an apostrophe is not a closing quote: the period goes inside the title's quotes only
    ("The ministers’", "U.S. Dept. “The Ministers’.”" + TAIL),
    ("Azerbaijan’s “peace” agenda", "U.S. Dept. “Azerbaijan’s ‘peace’ Agenda.”" + TAIL),
])
def test_chicago_puts_the_period_inside_the_quotes_and_quotes_within_in_single_quotes(title: str, entry: str) -> None:
    assert str(csl.formatted({**RECORD, "title": title}, "chicago")) == entry


def test_a_title_in_another_language_keeps_its_case_and_its_period_moves_in_all_the_same() -> None:
    entry = str(csl.formatted({**RECORD, "title": "Déclaration sur la paix", "language": "fr"}, "chicago"))
    assert entry.startswith("U.S. Dept. “Déclaration sur la paix.” Statement.")


@pytest.mark.parametrize("title,chicago,apa", [
    ("Talks?", "U.S. Dept. <i>Talks?</i> Statement.", "U.S. Dept. (2023, January 30). <i>Talks?</i> [Statement]."),
    ("Ends.", "U.S. Dept. <i>Ends.</i> Statement.", "U.S. Dept. (2023, January 30). <i>Ends.</i> [Statement]."),
    ("Remarks, “Yes!”", "U.S. Dept. <i>Remarks, “Yes!”</i> Statement.", None),
    ("The ministers’", "U.S. Dept. <i>The Ministers’</i>. Statement.", None),
])
def test_no_period_after_italics_that_end_with_one(title: str, chicago: str, apa: str | None) -> None:
    """Without an outlet the title is in italics, not in quotes."""
    record = {k: v for k, v in RECORD.items() if k != "container-title"} | {"title": title}
    assert str(csl.formatted(record, "chicago")).startswith(chicago)
    if apa:
        assert str(csl.formatted(record, "apa")).startswith(apa)


def test_apa_drops_the_period_after_an_outlet_in_italics_that_ends_with_one() -> None:
    assert str(csl.formatted({**RECORD, "title": "Talks go on"}, "apa")) == (
        "U.S. Dept. (2023, January 30). Talks go on [Statement]. <i>Reuters Inc.</i> Archive. https://e.org/s/x/")


def test_the_quote_marks_cannot_come_from_a_record() -> None:
    """The two noncharacters that mark where a style's quotes end are taken out of every string first."""
    forged = {**RECORD, "title": "Text" + csl.PUNCTUATION_IN_QUOTE + ". More" + csl.PUNCTUATION_OUTSIDE}
    entry = str(csl.formatted(forged, "chicago"))
    assert entry.startswith("U.S. Dept. “Text. More.” Statement.")
    assert csl.PUNCTUATION_IN_QUOTE not in entry and csl.PUNCTUATION_OUTSIDE not in entry


def test_the_marks_follow_the_locale() -> None:
    """Where the locale says punctuation stays outside quotes, citeproc-py's placement is kept."""
    entry = "A. “Title”" + csl.PUNCTUATION_OUTSIDE + ". Statement."
    assert csl.punctuated(entry) == "A. “Title”. Statement."
    assert csl.punctuated("A. “Title”" + csl.PUNCTUATION_IN_QUOTE + ". Statement.") == "A. “Title.” Statement."
