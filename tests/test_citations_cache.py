"""Formatted citations are kept by a hash of their record: a rebuild formats only what changed, and gives
the same bytes as a build that formats everything."""

from __future__ import annotations

from pathlib import Path

import pytest

import builder.citations as citations
from builder import csl
from builder.build import build
from builder.config import load_config
from tests.conftest import distributions_imported, make_corpus, project


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many records each build formats (one worker, so the count is seen here)."""
    calls: list[int] = []
    original = citations.format_records

    def counting(records: list[dict]) -> list[tuple[str, str]]:
        calls.append(len(records))
        return original(records)

    monkeypatch.setattr(citations, "format_records", counting)
    return calls


def site_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


def test_a_rebuild_formats_only_changed_records_and_matches_a_clean_build(tmp_path: Path, counted: list[int]) -> None:
    root = project(tmp_path, make_corpus(tmp_path / "raw", 12))
    config = load_config(root / "archive.yml").with_overrides(search=False)
    cache = root / ".cache" / "archive"
    build(config, root / "content", root / "site", cache_dir=cache, workers=1)
    assert sum(counted) == 12
    build(config, root / "content", root / "site", cache_dir=cache, workers=1)
    assert sum(counted) == 12, "nothing changed, nothing formatted again"
    first = sorted((root / "content").glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("agreed", "agreed firmly", 1), encoding="utf-8")
    build(config, root / "content", root / "site", cache_dir=cache, workers=1)
    assert sum(counted) == 13, "one record changed (its lead or title), one formatted"
    build(config, root / "content", tmp_path / "clean", cache_dir=None, workers=1)
    assert site_bytes(root / "site") == site_bytes(tmp_path / "clean")


def test_remembered_lookups_format_exactly_as_citeproc_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """builder/csl.py remembers what citeproc-py looks up in a style (macros, XPath searches, whether an
    element calls a variable) and a citation item's reference (speed patches): same entries, both styles."""
    from citeproc import model, source

    from builder.cache import LoadCache
    from builder.cite import cite_context
    from builder.cite import csl as csl_record
    from builder.load import load_content
    from builder.progress import Progress
    from builder.urls import Urls

    root = project(tmp_path, make_corpus(tmp_path / "raw", 8))
    config = load_config(root / "archive.yml")
    loaded = load_content(root / "content", config.language, LoadCache(None), Progress.quiet(), 1)
    u = Urls(config.base_url, config.base_path)
    records = [csl_record(s, cite_context(s, u, config.title)) for s in loaded.statements]  # (no earlier versions)
    patched = [(owner, name) for owner, name, _ in csl.REMEMBERED]
    assert {(model.CitationStylesElement, "get_macro"), (model.If, "_type"), (model.Locale, "get_option")} <= \
        set(patched)
    for owner, name in patched:
        assert getattr(owner.__dict__[name], "answered_once", False), f"the patch of {owner.__name__}.{name} is on"
    assert getattr(source.CitationItem.reference.fget, "found_once", False)
    remembered = citations.format_records(records)
    for owner, name in patched:
        monkeypatch.setattr(owner, name, owner.__dict__[name].__wrapped__)
    monkeypatch.setattr(source.CitationItem, "reference", property(source.CitationItem.reference.fget.__wrapped__))
    assert citations.format_records(records) == remembered
    assert len(records) == 8 and all(chicago and apa for chicago, apa in remembered)


def test_a_rebuild_makes_the_records_of_changed_statements_only(tmp_path: Path, counted: list[int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each wording's record key is remembered under its statement's digest (and the URLs, the title, the
    code): an unchanged statement's record is not made again; with other code (another key) the records are
    made again but found formatted; entries dropped from the cache are formatted again."""
    import sqlite3
    root = project(tmp_path, make_corpus(tmp_path / "raw", 6))
    config = load_config(root / "archive.yml").with_overrides(search=False)
    cache = root / ".cache" / "archive"
    records: list[str] = []
    real = citations.csl
    monkeypatch.setattr(citations, "csl", lambda s, c: records.append(s.id) or real(s, c))
    build(config, root / "content", root / "site", cache_dir=cache, workers=1)
    assert len(records) == 6 and sum(counted) == 6
    first = sorted((root / "content").glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("agreed", "agreed firmly", 1), encoding="utf-8")
    build(config, root / "content", root / "site", cache_dir=cache, workers=1)
    assert len(records) == 7 and sum(counted) == 7, "the edited statement's record alone made and formatted"
    monkeypatch.setattr(citations, "code_fingerprint", lambda: b"other code")
    build(config, root / "content", root / "site", cache_dir=cache, workers=1, fresh=True)
    assert len(records) == 13 and sum(counted) == 7, "every record made again, none formatted again"
    with sqlite3.connect(cache / "citations.sqlite") as db:
        db.execute("DELETE FROM entries")
    db.close()
    build(config, root / "content", root / "site", cache_dir=cache, workers=1, fresh=True)
    assert len(records) == 19 and sum(counted) == 13, "the entries gone: the records made again and formatted"
    build(config, root / "content", tmp_path / "clean", cache_dir=None, workers=1)
    assert site_bytes(root / "site") == site_bytes(tmp_path / "clean")


FORMATTING = '''
from builder.csl import formatted
record = {"id": "x", "type": "article-newspaper", "title": "Talks go on", "author": [{"literal": "Ministry"}],
          "issued": {"date-parts": [[2020, 1, 2]]}, "URL": "https://example.org/s/x/", "container-title": "Outlet"}
assert formatted(record, "chicago") and formatted(record, "apa")
'''


def test_the_cache_key_names_every_library_that_formatting_runs() -> None:
    """Kept entries are what the engine made with the libraries then installed: each library formatting
    imports (in a fresh interpreter) must be in the key (``citations.LIBRARIES``), e.g. lxml, which parses
    the styles."""
    used = distributions_imported(FORMATTING)
    assert used - {name.lower() for name in citations.LIBRARIES} == set()
    assert {"citeproc-py", "lxml"} <= used  # (the control: formatting did import them)
