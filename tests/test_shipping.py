"""Work shipped to worker processes (``builder.shipping``): the same objects arrive, and the build's own
statements keep no UTF-8 copies of their texts (pickle keeps one inside every non-ASCII string it writes:
24.9 MB at 10,000 statements when the data stage sent every statement to its workers)."""

from __future__ import annotations

import pickle
from dataclasses import replace

from markupsafe import Markup

from builder.model import Statement, Version
from builder.pages import Page
from builder.shipping import shipped, unshipped
from tests.conftest import text_sizes, unpickled


def test_shipping_leaves_the_texts_as_they_were(corpus_statements: tuple[Statement, ...]) -> None:
    ours = unpickled(corpus_statements)
    assert any(not s.body.isascii() for s in ours)  # curly quotes: the texts are not ASCII
    before = text_sizes(ours)
    shipped(ours)
    assert text_sizes(ours) == before
    pickled = unpickled(corpus_statements)
    pickle.dumps(pickled)  # what a ProcessPoolExecutor does with a job's arguments
    assert text_sizes(pickled) != before  # the control: a plain pickle grows them


def test_the_same_objects_arrive(corpus_statements: tuple[Statement, ...]) -> None:
    s = next(s for s in corpus_statements if not s.body.isascii())
    odd = replace(s, title="Заявление МИД \ud800 «lone surrogate»",
                  source=replace(s.source, publisher="Министерство иностранных дел"),
                  versions=(Version(1, "“Earlier” wording", "<p>“Earlier” wording</p>", "0" * 64),))
    page = Page("statements/x/", "statement.html",
                {"s": odd, "same": odd, "html": Markup("<p>“quoted”</p>"), "title": "Ереван", "n": 3})
    back = unshipped(shipped([page, corpus_statements]))
    assert back == [page, corpus_statements]
    assert type(back[0].context["html"]) is Markup and type(back[0].context["s"].title) is str
    assert back[0].context["s"] is back[0].context["same"]  # shared within a job, as pickle shares it


def test_an_object_that_says_how_it_is_pickled_is_pickled_its_way() -> None:
    from builder.errors import BuilderError
    error = BuilderError("a date in “words”", file="content/a.md", line=3, field="date", hint="use YYYY-MM-DD")
    back = unshipped(shipped([error]))[0]
    assert back == error and str(back) == str(error)
