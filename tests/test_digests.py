"""Statement digests (``builder.digests``): a hash of the whole statement that leaves the statement as it
was. Pickling a string that is not ASCII keeps a UTF-8 copy inside it for its life (25 MB of texts at
10,000 statements), so the digest pickles such strings as their UTF-8 bytes."""

from __future__ import annotations

from dataclasses import replace

from builder.cache import canonical
from builder.digests import Digests, digest_of
from builder.model import Statement, Version
from tests.conftest import text_sizes, unpickled


def test_digests_leave_the_texts_as_they_were(corpus_statements: tuple[Statement, ...]) -> None:
    ours = unpickled(corpus_statements)
    assert any(not s.body.isascii() for s in ours)  # curly quotes: the texts are not ASCII
    before = text_sizes(ours)
    digests = Digests.made(ours)
    assert text_sizes(ours) == before
    assert len({digests(s) for s in ours}) == len(ours)
    pickled = unpickled(corpus_statements)
    [canonical(s) for s in pickled]
    assert text_sizes(pickled) != before  # what the digest spares: UTF-8 copies kept in the strings


def test_every_field_is_in_the_digest(corpus_statements: tuple[Statement, ...]) -> None:
    s = next(s for s in corpus_statements if not s.body.isascii())
    changed = [replace(s, title=s.title + " (corrected)"), replace(s, body=s.body.replace("“", "«", 1)),
               replace(s, body_html=s.body_html + " "), replace(s, tags=(*s.tags, "x")),
               replace(s, source=replace(s.source, publisher="Министерство иностранных дел")),
               replace(s, versions=(Version(1, "“Earlier” wording", "<p>“Earlier” wording</p>", "0" * 64),)),
               replace(s, slug=s.slug + "-2")]
    digests = {digest_of(c) for c in changed} | {digest_of(s)}
    assert len(digests) == len(changed) + 1
    assert digest_of(unpickled((s,))[0]) == digest_of(s)


def test_a_statement_replaced_since_is_hashed_again(corpus_statements: tuple[Statement, ...]) -> None:
    digests = Digests.made(corpus_statements)
    s = corpus_statements[3]
    retitled = replace(s, title=s.title + " (corrected)")
    assert digests(s) == digest_of(s)
    assert digests(retitled) == digest_of(retitled) != digest_of(s)
    assert Digests()(retitled) == digest_of(retitled)
