"""Rebuild by fingerprint: a page whose fingerprint is unchanged since the last build of that generation is
neither rendered nor written; anything a page reads changes its fingerprint (issue 15).

Builds run in-process with one worker, so ``builder.produce.render_page`` can be counted. That the cached
result equals a clean build, byte for byte, for every kind of change is ``tests/test_incremental.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import builder.produce
from builder.build import build
from builder.config import load_config
from builder.errors import BuilderError
from builder.load import load_content
from builder.pages import Page
from builder.plan import canonical, fingerprint, plan_site
from builder.site import build_site
from builder.write import MARKER
from tests.conftest import make_corpus, nudge, project


class Counted:
    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, p: Page, *args: object) -> bytes:
        self.paths.append(p.path)
        return REAL_RENDER(p, *args)


REAL_RENDER = builder.produce.render_page


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    return project(tmp_path, make_corpus(tmp_path / "corpus", 12))


def run(root: Path, monkeypatch: pytest.MonkeyPatch, cache: bool = True) -> list[str]:
    """Build ``root`` (one worker, search off); the paths of the pages rendered.

    Each build first changes an input no page reads (a hidden file in static/, which is not
    published), so that it goes past the whole-build shortcut (``builder.unchanged``, tested in
    ``tests/test_unchanged.py``) to the page fingerprints tested here."""
    nudge(root)
    counted = Counted()
    monkeypatch.setattr(builder.produce, "render_page", counted)
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", root / "site", cache_dir=root / "cache" if cache else None,
          fresh=not cache, workers=1)
    return counted.paths


def test_nothing_changed_renders_nothing(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(site_project, monkeypatch)
    second = run(site_project, monkeypatch)  # into the other generation, a copy of the first
    third = run(site_project, monkeypatch)  # into the first generation again
    assert len(first) > 50 and second == [] and third == []


def test_an_edit_renders_the_pages_that_read_it(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(site_project, monkeypatch)
    run(site_project, monkeypatch)
    raw = sorted((site_project / "content").rglob("statement-03.txt"))[0]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nA paragraph added later.\n", encoding="utf-8")
    rendered = run(site_project, monkeypatch)
    pages = len(list((site_project / "site").rglob("*.html")))
    assert any(p.startswith("statements/") and not p.endswith("/v1/") for p in rendered)
    assert 0 < len(rendered) < pages // 4  # the statement's own page and what lists it, not the site


def test_a_template_edit_renders_again(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(site_project, monkeypatch)
    run(site_project, monkeypatch)
    missing = site_project / "templates" / "404.html"
    missing.write_text(missing.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")
    assert run(site_project, monkeypatch) == ["404.html"]  # the template only that page uses
    assert "(edited)" in (site_project / "site" / "404.html").read_text(encoding="utf-8")


def test_a_failed_build_leaves_no_token_and_the_next_renders_everything(
        site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(site_project, monkeypatch)
    run(site_project, monkeypatch)
    previous = site_project / f".{'site'}.previous"
    assert (previous / MARKER).read_text().strip()  # the generation a third build would update
    broken = site_project / "templates" / "statement.html"
    kept = broken.read_text(encoding="utf-8")
    broken.write_text(kept.replace("{% block main %}", "{% block main %}{{ s.title + 1 }}", 1), encoding="utf-8")
    with pytest.raises(BuilderError, match="template error"):
        run(site_project, monkeypatch)
    broken.write_text(kept, encoding="utf-8")
    assert (previous / MARKER).read_bytes() == b""  # it no longer claims what it holds
    assert len(run(site_project, monkeypatch)) == len(first)


def test_without_a_cache_every_page_is_rendered(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(site_project, monkeypatch, cache=False)
    assert run(site_project, monkeypatch, cache=False) == first


def test_fingerprints_follow_the_data_not_the_objects(site_project: Path) -> None:
    """Equal contexts give equal fingerprints however their objects are shared; any change gives another."""
    shared = "a string long enough not to be interned " * 3
    a = Page("p/", "list.html", {"items": (shared, shared)})
    b = Page("p/", "list.html", {"items": (shared, "".join([shared]))})
    assert canonical(a.context) == canonical(b.context)
    assert fingerprint(a, b"k") == fingerprint(b, b"k")
    assert fingerprint(a, b"k") != fingerprint(Page("p/", "list.html", {"items": (shared,)}), b"k")
    assert fingerprint(a, b"k") != fingerprint(a, b"other templates")


def test_the_plan_lists_every_page_the_site_publishes(site_project: Path) -> None:
    config = load_config(site_project / "archive.yml").with_overrides(search=False)
    loaded = load_content(site_project / "content", config.language)
    site = build_site(tuple(loaded.statements), config)
    planned = plan_site(site, site_project / "templates", {})
    build(config, site_project / "content", site_project / "site", workers=1)
    published = {p.relative_to(site_project / "site").as_posix() for p in (site_project / "site").rglob("*.html")}
    assert published - {"static/"} <= {p.file for p in planned}
    assert any(p.file == "sitemap.xml" for p in planned)
    assert len({p.fingerprint for p in planned}) == len(planned)
    assert replace(planned[0]).fingerprint == planned[0].fingerprint
