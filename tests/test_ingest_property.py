"""Property tests: ingest keeps every character of the text, and fails only with BuilderError.

1. Statements in the seed shape with random paragraphs (Markdown-special
   characters, HTML-ish text, unicode) → ``ingest_bytes`` → body Markdown →
   ``body_to_html`` → the visible text of each <p> equals the paragraph
   (whitespace normalised).
2. Arbitrary bytes → ``ingest_bytes`` either succeeds or raises ``BuilderError``.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BuilderError
from builder.ingest import ingest_bytes
from builder.markup import body_to_html

SPECIAL = list("*_#>+-[]<&`\\!()=|~{}.:;\"'") + ["1.", "2)", "**", "__", "<p>", "&amp;", "<script>", "](", "---",
                                                 "===", "    ", "\t", "> ", "* ", "# ", "```", "<!--", "&#61;"]
# Text characters: everything printable (control characters are dropped by decoding, by design).
CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufeff\u2028\u2029\x85")
TOKEN = st.one_of(st.sampled_from(SPECIAL), st.text(CHARS, min_size=1, max_size=8), st.just(" "))
LINE = st.lists(TOKEN, min_size=1, max_size=14).map("".join).filter(lambda s: s.strip())
PARAGRAPH = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
LEAD = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=60)


def normalise(text: str) -> str:
    return " ".join(text.split())


def visible_paragraphs(rendered: str) -> list[str]:
    """The text a reader sees in each <p>: tags stripped, entities decoded, spaces collapsed."""
    blocks = re.findall(r"<p>(.*?)</p>", rendered, flags=re.DOTALL)
    return [normalise(html.unescape(re.sub(r"<[^>]*>", "", b))) for b in blocks]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=5), lead=LEAD,
       date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_seed_shape_text_survives_markdown_rendering(paragraphs: list[str], lead: str, date: dt.date) -> None:
    """Every paragraph of the text, from its first sentence on, renders as written (short lines before the
    first sentence are the page's header: chrome, timestamps, a headline; they stay in the original)."""
    lead = "Lead " + lead.replace("\n", " ")
    paragraphs = [OPENING, *paragraphs]
    raw = f" date {date.isoformat()} {lead}\n\n" + "\n\n".join(paragraphs) + "\n"
    item = ingest_bytes(raw.encode("utf-8"), "generated.txt")
    expected = [normalise(p) for p in paragraphs if normalise(p)]
    rendered = body_to_html(item.body)
    assert "<p>" in rendered and not re.search(r"<(?:h\d|ol|ul|li|pre|code|blockquote|hr|em|strong|a)\b", rendered)
    assert visible_paragraphs(rendered) == expected
    assert item.front_matter["date"] == date


OPENING = "The statement opens with a sentence of plain words, as statements do."


@settings(max_examples=400, deadline=None)
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_fail_only_with_builder_error(data: bytes) -> None:
    try:
        item = ingest_bytes(data, "random.bin")
    except BuilderError as err:
        assert err.file == "random.bin" and err.message
    else:
        assert isinstance(item.markdown, str)


@settings(max_examples=200, deadline=None)
@given(head=st.sampled_from([b" date 2023-01-30 ", b" date 2023-01-30\n\n", b"Date: 30 January 2023\n\n",
                             b"MOSCOW, January 30. /TASS/. ", b"\xef\xbb\xbf date 2023-02-30\n\n", b""]),
       tail=st.binary(max_size=300))
def test_plausible_headers_with_random_bodies_fail_only_with_builder_error(head: bytes, tail: bytes) -> None:
    try:
        ingest_bytes(head + tail, "random.txt")
    except BuilderError as err:
        assert err.file == "random.txt"
