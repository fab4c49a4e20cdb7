"""List entries (issue "a site that fits GitHub Pages", point 5: compact lists): what a list shows of a
statement is the title, date, dateline, issuer, type and agencies, and an excerpt of the lead that does
not repeat the title; the statement's own page keeps the lead whole."""

from __future__ import annotations

import pytest

from builder.views import LEAD_EXCERPT, lead_excerpt

TITLE = "Russia voices concern over visa facilitation"


@pytest.mark.parametrize(("lead", "shown"), [
    (TITLE + ", the minister said.", "…, the minister said."),  # a title cut from the lead is not repeated
    (TITLE + ".", ""),                                           # nothing left but punctuation
    (TITLE, ""),
    ("", ""),
    ("The ministry said it was concerned.", "The ministry said it was concerned."),
])
def test_the_lead_does_not_repeat_the_title(lead: str, shown: str) -> None:
    assert lead_excerpt(TITLE, lead) == shown


def test_a_long_lead_is_cut_at_a_word_with_an_ellipsis() -> None:
    lead = "The ministry said, " + "word " * 60 + "end."
    shown = lead_excerpt(TITLE, lead)
    assert shown.endswith("word…") and len(shown) <= LEAD_EXCERPT + 1
    assert lead.startswith(shown[:-1])
    assert lead_excerpt(TITLE, "x" * 200) == "x" * LEAD_EXCERPT + "…", "one long word is cut where it must be"
