"""Statement digests (``builder.digests``): made in forked processes they equal those made in the build's
own process, and they leave the build's statements as they were: pickling a string in this process keeps
a UTF-8 copy inside it for its life (25 MB of texts at 10,000 statements)."""

from __future__ import annotations

import pickle
import sys
from dataclasses import replace

import pytest

import builder.digests
from builder.digests import Digests, digest_of
from builder.load import load_content
from builder.model import Statement
from tests.conftest import make_corpus


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> tuple[Statement, ...]:
    loaded = load_content(make_corpus(tmp_path_factory.mktemp("corpus"), 30), "en")
    assert not loaded.errors
    return loaded.statements


def fresh(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements as the load cache gives them: unpickled, their strings never encoded in this process."""
    return pickle.loads(pickle.dumps(statements))


def text_sizes(statements: tuple[Statement, ...]) -> list[int]:
    return [sys.getsizeof(s.body) + sys.getsizeof(s.body_html) for s in statements]


def test_digests_made_in_workers_equal_those_made_here_and_leave_the_texts_alone(
        statements: tuple[Statement, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builder.digests, "HASHED_HERE_BELOW", 0)
    ours = fresh(statements)
    assert any(not s.body.isascii() for s in ours)  # curly quotes: the texts are not ASCII
    before = text_sizes(ours)
    digests = Digests.made(ours, workers=2)
    assert text_sizes(ours) == before
    here = Digests.made(fresh(statements), workers=1)
    assert {s.id: digests(s) for s in ours} == {i: d for i, (_, d) in here.known.items()}
    assert len({digests(s) for s in ours}) == len(ours)
    hashed_here = fresh(statements)
    sizes = text_sizes(hashed_here)
    [digest_of(s) for s in hashed_here]
    assert text_sizes(hashed_here) != sizes  # what the workers spare: UTF-8 copies kept in the strings


def test_a_statement_replaced_since_is_hashed_again(statements: tuple[Statement, ...]) -> None:
    digests = Digests.made(statements, workers=1)
    s = statements[3]
    retitled = replace(s, title=s.title + " (corrected)")
    assert digests(s) == digest_of(s)
    assert digests(retitled) == digest_of(retitled) != digest_of(s)
    assert Digests()(retitled) == digest_of(retitled)


def test_a_small_archive_is_hashed_here(statements: tuple[Statement, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builder.digests, "hashed_in_workers", lambda *a: pytest.fail("forked for 30 statements"))
    assert len(Digests.made(statements, workers=2).known) == len(statements)
