"""Rendering as the plan goes (``builder.produce.produce``): every page of a stream is rendered and written,
whether it comes as one chunk (rendered here), as two, or as many (sent to workers as they fill, a few
waiting at a time), and a page planned after a failure never hides it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from builder.build import PlanParts
from builder.errors import BuilderError
from builder.pages import Page
from builder.plan import Planned
from builder.produce import IN_FLIGHT, STREAM_CHUNK, Renderer, produce
from builder.render import make_environment, preload
from builder.urls import Urls
from builder.views import chrome
from builder.write import Generation


def renderer(tmp_path: Path) -> Renderer:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "p.html").write_text("<p>{{ n }} · {{ chrome.site_title }}</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return Renderer(templates, chrome("T", "en", Urls("http://x/", "/")), Generation(out))


def pages(count: int) -> Iterator[Page]:
    for n in range(count):
        yield Page(f"p/{n}/", "p.html", {"n": n})


@pytest.mark.parametrize("count", [0, 1, STREAM_CHUNK, STREAM_CHUNK + 1, 2 * STREAM_CHUNK + 1,
                                   (IN_FLIGHT * 2 + 3) * STREAM_CHUNK + 7])
@pytest.mark.parametrize("workers", [1, 2])
def test_every_page_of_the_stream_is_written(tmp_path: Path, count: int, workers: int) -> None:
    r = renderer(tmp_path)
    produced = produce(pages(count), [], r, workers)
    written = sorted(p.relative_to(r.target.folder).as_posix() for p in r.target.folder.rglob("*.html"))
    assert written == sorted(f"p/{n}/index.html" for n in range(count))
    assert produced.written == count
    if count:
        last = r.target.folder / f"p/{count - 1}/index.html"
        assert last.read_text(encoding="utf-8") == f"<p>{count - 1} · T</p>\n"


def test_a_planning_error_ends_the_stream(tmp_path: Path) -> None:
    def failing() -> Iterator[Page]:
        yield from pages(3 * STREAM_CHUNK)
        raise BuilderError("two outputs at one path: 'p/1/index.html'")

    with pytest.raises(BuilderError, match="two outputs at one path"):
        produce(failing(), [], renderer(tmp_path), 2)


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache folder keeps each template's compiled code: a second environment compiles nothing, and
    after an edit it compiles that template again and renders the new text."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "p.html").write_text("<p>{{ n }}</p>\n", encoding="utf-8")
    (templates / "q.html").write_text("{% extends 'p.html' %}\n", encoding="utf-8")
    compiled = tmp_path / "cache" / "templates"
    preload(make_environment(templates, compiled))
    assert len(list(compiled.rglob("*.cache"))) == 2
    compiling: list[str] = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda env, source, name=None, *a, **k: compiling.append(name) or real(env, source, name, *a, **k))
    preload(make_environment(templates, compiled))
    assert compiling == []
    (templates / "p.html").write_text("<p>{{ n }}!</p>\n", encoding="utf-8")
    env = make_environment(templates, compiled)
    assert env.get_template("q.html").render(n=1) == "<p>1!</p>\n"
    assert compiling == ["p.html"]
    assert make_environment(templates).bytecode_cache is None


def test_an_unusable_folder_for_compiled_templates_is_done_without(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "file").write_text("", encoding="utf-8")
    env = make_environment(tmp_path / "templates", tmp_path / "file" / "templates")
    assert env.bytecode_cache is None


def planned(*groups: str) -> list[Planned]:
    return [Planned(Page(f"{g}/{n}/", "p.html", {"n": n}), f"{g}/{n}/index.html", g, b"")
            for n, g in enumerate(groups)]


def test_the_plan_in_two_parts_cuts_after_the_last_page_of_a_group_and_loses_none() -> None:
    plan = planned("home", "statements", "statements", "redirects", "terms")
    parts = PlanParts(iter(plan), "statements")
    assert list(parts.first()) == plan[:3], "up to the last statement page; the redirect is not planned yet"
    assert list(parts.rest()) == plan[3:], "the page the first part met comes first in the rest"
    plan = planned("home", "terms")
    parts = PlanParts(iter(plan), "statements")
    assert (list(parts.first()), list(parts.rest())) == (plan, []), "without the group, all in the first part"
    plan = planned("home", "statements")
    parts = PlanParts(iter(plan), "statements")
    assert (list(parts.first()), list(parts.rest())) == (plan, [])
