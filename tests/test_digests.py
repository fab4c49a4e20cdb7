"""Statement digests (``builder.digests``): a hash of the whole statement that leaves the statement as it
was. Pickling a string that is not ASCII keeps a UTF-8 copy inside it for its life (25 MB of texts at
10,000 statements), so the digest pickles such strings as their UTF-8 bytes."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
from pathlib import Path

from builder.cache import LoadCache, canonical
from builder.digests import Digests, Listed, digest_of
from builder.load import load_content
from builder.model import Statement, Version
from builder.views import listed
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


def test_what_a_list_reads_is_hashed_again_for_a_statement_replaced_since(
        corpus_statements: tuple[Statement, ...]) -> None:
    s = corpus_statements[3]
    retitled = replace(s, title=s.title + " (corrected)")
    lists = Listed(Digests.made(corpus_statements))
    first = lists(s)
    assert first == lists(s) == hashlib.blake2b(canonical(listed(s)), digest_size=16).digest()
    assert lists(retitled) == hashlib.blake2b(canonical(listed(retitled)), digest_size=16).digest() != first
    assert lists(s) == first, "the statement itself, asked for again after the one that replaced it"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def md(ident: str, slug: str, body: str, sha: str = "", earlier: str = "") -> str:
    source = f"source:\n  sha256: {sha}\n" if sha else ""
    versions = f"versions:\n- sha256: {earlier}\n  body: Earlier text.\n" if earlier else ""
    return (f"---\nid: {ident}\nslug: {slug}\ntitle: Talks go on\nlead: Talks go on.\ndate: 2023-03-01\n"
            f"{source}{versions}---\n\n{body}\n")


def test_loaded_digests_are_equal_exactly_when_the_statements_are(tmp_path: Path) -> None:
    """The loader's digests (``loaded_digest``: the parse's cache key and what loading sets afterwards) stand
    for the whole statement: over a series of changes, two loads give a statement the same digest if and only
    if they give the same statement: an original file appearing, an earlier version's original, a slug
    taken by another file, an edited text, and loads from the cache and afresh."""
    content, cache_dir, probe = tmp_path / "content", tmp_path / "cache", tmp_path / "probe"
    raw_text = "date 2023-03-02 Talks go on.\n\nYEREVAN, March 2 - Talks go on, the ministry said.\n"
    probe.mkdir()
    (probe / "raw.txt").write_text(raw_text, encoding="utf-8")
    taken = load_content(probe).statements[0].slug  # the slug the raw text takes when no file has it
    (content / "2023").mkdir(parents=True)
    first, second = b"The original bytes.\n", b"The earlier bytes.\n"
    a, b = content / "2023" / "a.md", content / "2023" / "b.md"
    a.write_text(md("aaa1", taken, "Text of a.", sha=sha(first)), encoding="utf-8")
    b.write_text(md("bbb1", "other", "Text of b.", sha=sha(first), earlier=sha(second)), encoding="utf-8")
    raw = content / "2023" / "raw.txt"
    originals = content / "_originals"
    steps = [lambda: None,
             lambda: (originals.mkdir(), (originals / f"{sha(first)}.txt").write_bytes(first)),
             lambda: None,
             lambda: (originals / f"{sha(second)}.txt").write_bytes(second),
             lambda: a.write_text(md("aaa1", taken, "Text of a, edited.", sha=sha(first)), encoding="utf-8"),
             lambda: raw.write_text(raw_text, encoding="utf-8"),  # its slug is a's: it takes another
             lambda: a.unlink(),  # the raw text's slug is its own again
             lambda: None]
    loads = []
    for n, step in enumerate(steps):
        step()
        cache = LoadCache(cache_dir if n % 2 else None)
        try:
            result = load_content(content, "en", cache)
        finally:
            cache.close()
        assert not result.errors, result.errors
        loads.append({s.id: (s, d) for s, d in zip(result.statements, result.digests, strict=True)})
    assert {len(load) for load in loads} == {2, 3}
    assert any(s.original for s, _ in loads[-1].values())
    compared = same = 0
    for one, other in itertools.combinations(loads, 2):
        for ident in one.keys() & other.keys():
            (s, d), (t, e) = one[ident], other[ident]
            assert (d == e) <= (s == t), f"{ident}: one digest for two different statements"
            compared += 1
            same += d == e
    assert same > 0 and compared > same  # both outcomes were met
    cached = [load for n, load in enumerate(loads) if n % 2]
    for one, other in itertools.combinations(cached, 2):  # one cache: an equal statement keeps its digest
        for ident in one.keys() & other.keys():
            assert (one[ident][0] == other[ident][0]) <= (one[ident][1] == other[ident][1])
