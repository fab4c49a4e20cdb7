"""The word-level difference between two wordings: what it marks, how it counts, and that statement text
never becomes markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.worddiff import diff_html, diff_words, similarity, tokens

TEXT = "First paragraph stays.\n\nThe meeting is on 9 November.\n\nLast paragraph stays too."


def kinds(markdown_old: str, markdown_new: str) -> list[list[tuple[str, str]]]:
    return [[(p.kind, p.text) for p in para] for para in diff_words(markdown_old, markdown_new).paragraphs]


def test_one_word_changed() -> None:
    d = diff_words(TEXT, TEXT.replace("9 November", "10 November"))
    assert kinds(TEXT, TEXT.replace("9", "10"))[1] == [("same", "The meeting is on"), ("del", "9"), ("ins", "10"),
                                                      ("same", "November.")]
    assert (d.deleted, d.inserted, d.size) == (1, 1, "1 word deleted, 1 inserted")


def test_a_removed_paragraph_is_a_deleted_paragraph_of_its_own() -> None:
    newer = TEXT.replace("The meeting is on 9 November.\n\n", "")
    assert kinds(TEXT, newer) == [[("same", "First paragraph stays.")], [("del", "The meeting is on 9 November.")],
                                  [("same", "Last paragraph stays too.")]]
    assert diff_words(TEXT, newer).size == "6 words deleted"


def test_an_added_paragraph_is_an_inserted_paragraph() -> None:
    d = diff_words(TEXT, TEXT + "\n\nA new paragraph.")
    assert d.paragraphs[-1][0].kind == "ins" and d.size == "3 words inserted"


def test_whitespace_alone_is_no_change() -> None:
    d = diff_words(TEXT, TEXT.replace(" ", "  ").replace("\n\n", "\n  \n"))
    assert (d.deleted, d.inserted) == (0, 0)


def test_the_html_shows_changed_paragraphs_and_counts_the_others() -> None:
    html = str(diff_html(diff_words(TEXT, TEXT.replace("9", "10"))))
    assert html.count("<p>") == 1 and html.count('<p class="diff-gap">[1 unchanged paragraph]</p>') == 2
    assert '<del><span class="vh">[deleted: </span>9<span class="vh">]</span></del>' in html
    whole = str(diff_html(diff_words(TEXT, TEXT.replace("9", "10")), whole=True))
    assert whole.count("<p>") == 3 and "diff-gap" not in whole


def test_statement_text_is_escaped_never_markup() -> None:
    older = "Text with <b>tags</b> & <script>alert(1)</script> in it."
    html = str(diff_html(diff_words(older, older.replace("<script>", "<img src=x onerror=alert(2)>"))))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_markdown_escapes_are_compared_as_the_text_they_render_to() -> None:
    assert tokens(r"1\. Delimitation &amp; \*more\*") == ["1.", "Delimitation", "&", "*more*"]


def test_similarity_of_texts() -> None:
    assert similarity(tokens(TEXT), tokens(TEXT)) == 1.0
    assert similarity(tokens(TEXT), tokens("Nothing in common here at all")) < 0.2


@given(st.lists(st.sampled_from(["a", "b", "c", "\n\n", "<", "&"]), max_size=30),
       st.lists(st.sampled_from(["a", "b", "d", "\n\n", ">", "&"]), max_size=30))
def test_the_newer_text_is_the_same_and_inserted_words_in_order(old: list[str], new: list[str]) -> None:
    older, newer = " ".join(old), " ".join(new)
    d = diff_words(older, newer)
    assert [w for para in d.paragraphs for p in para if p.kind != "del" for w in p.text.split()] == newer.split()
    assert [w for para in d.paragraphs for p in para if p.kind != "ins" for w in p.text.split()] == older.split()
