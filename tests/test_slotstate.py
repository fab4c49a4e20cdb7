"""``builder.slotstate.quick_state``: the state it pickles is the one ``dataclasses`` gives a frozen, slotted
class, so fingerprints and cached statements are the same bytes with it or without it."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.cache import LoadCache, canonical
from builder.load import load_content
from builder.model import Source, Statement
from builder.pages import Page
from builder.progress import Progress
from builder.slotstate import quick_state
from builder.views import Link, Summary
from tests.conftest import make_corpus, project


@dataclass(frozen=True, slots=True)
class Plain:
    a: int
    b: tuple[str, ...] = ()
    c: Link | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class Quick:
    a: int
    b: tuple[str, ...] = ()
    c: Link | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class One:
    a: str


def test_the_state_is_the_one_dataclasses_pickles() -> None:
    link = Link("Yerevan", "/terms/yerevan/")
    assert Quick.__getstate__(Quick(1, ("x",), link)) == Plain.__getstate__(Plain(1, ("x",), link))
    assert One.__getstate__(One("only")) == ["only"], "one field: still a list of one value"
    for value in (Quick(2, ("y", "z"), link), One("s")):
        again = pickle.loads(pickle.dumps(value, protocol=5))
        assert again == value and type(again) is type(value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Quick(1).a = 2  # type: ignore[misc]


def test_the_builders_classes_pickle_their_fields_in_order(tmp_path: Path) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "raw", 2))
    statement = load_content(root / "content", "en", LoadCache(None), Progress.quiet(), 1).statements[0]
    summary = Summary(*(f.default if f.default is not dataclasses.MISSING else "" for f in dataclasses.fields(Summary)))
    page = Page("statements/x/", "statement.html", {"s": statement, "links": (Link("a", "/a/"),)})
    for value in (statement, statement.source, summary, page):
        assert getattr(type(value).__getstate__, "__qualname__", "").startswith("quick_state"), type(value)
        assert type(value).__getstate__(value) == [getattr(value, f.name) for f in dataclasses.fields(value)]
    again = pickle.loads(pickle.dumps(statement))
    assert isinstance(again, Statement) and isinstance(again.source, Source)
    assert again == statement and canonical(again) == canonical(statement)
