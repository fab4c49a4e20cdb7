"""Loading in worker processes gives exactly what loading in one process gives: statements, errors, warnings."""

from __future__ import annotations

from pathlib import Path

from builder.cache import LoadCache
from builder.load import load_content
from builder.load_parallel import PARALLEL_FROM
from tests.conftest import SEED, text_sizes, unpickled

GOOD = """---
id: s{n:04d}
slug: statement-{n:04d}
title: Statement {n}
lead: The ministry said something on day {n}.
date: 2021-{month:02d}-{day:02d}
countries: [AM, TR]
tags: [normalization]
---

YEREVAN, March 3. The ministry said something on day {n}, with *emphasis* and [a link](https://example.org/{n}).
"""
BAD = {
    "bad-yaml.md": "---\nid: x\ntitle: [unclosed\n---\nText.\n",
    "no-date.md": "---\nid: nodate\nslug: no-date\ntitle: No date\n---\nText.\n",
    "empty.md": "",
    "dup.md": GOOD.format(n=1, month=1, day=2),  # the id of statement 1 again
    "notes.MD": "not read",
}


def content(tmp: Path) -> Path:
    folder = tmp / "content"
    folder.mkdir()
    for n in range(PARALLEL_FROM + 40):
        (folder / f"s{n:04d}.md").write_text(GOOD.format(n=n, month=n % 12 + 1, day=n % 28 + 1))
    for name, text in BAD.items():
        (folder / name).write_text(text)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())  # a raw drop, ingested while loading
    return folder


def shape(result) -> tuple:
    return (result.statements, [str(e) for e in result.errors], [str(w) for w in result.warnings],
            result.skipped, result.inputs, result.shown)


def test_workers_load_exactly_what_one_process_loads(tmp_path: Path) -> None:
    folder = content(tmp_path)
    one = load_content(folder, workers=1)
    two = load_content(folder, workers=2)
    assert shape(two) == shape(one)
    assert len(one.statements) == PARALLEL_FROM + 41  # 240 ids (one file of a duplicate pair is an error) + the seed .txt
    assert any("bad-yaml.md" in str(e) for e in one.errors) and any("no-date.md" in str(e) for e in one.errors)


def test_the_cache_is_filled_by_worker_results_and_then_used(tmp_path: Path) -> None:
    folder = content(tmp_path)
    cache = LoadCache(tmp_path / "cache")
    first = load_content(folder, cache=cache, workers=2)
    cache.close()
    cache = LoadCache(tmp_path / "cache")
    looked = []
    original = cache.get
    cache.get = lambda key: looked.append(key) or original(key)  # type: ignore[method-assign]
    second = load_content(folder, cache=cache, workers=2)
    cache.close()
    assert shape(second) == shape(first)
    assert len(looked) >= len(first.statements)  # every good file was looked up…
    assert cache.used and len(set(cache.used)) >= len(first.statements)  # …and found


def test_errors_cross_process_boundaries_whole() -> None:
    import pickle

    from builder.errors import BuilderError
    error = BuilderError("bad date", file="content/a.md", line=3, field="date", hint="use YYYY-MM-DD")
    again = pickle.loads(pickle.dumps(error))
    assert again == error and str(again) == "content/a.md:3: date: bad date (use YYYY-MM-DD)"


def test_an_unusable_cache_is_named_and_the_build_still_succeeds(tmp_path: Path) -> None:
    from tests.conftest import cli, project
    root = project(tmp_path)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "load.sqlite").write_bytes(b"this is not a SQLite database" * 200)
    assert LoadCache(damaged).problem and LoadCache(damaged).db is None
    assert LoadCache(tmp_path / "fine").problem == "" and LoadCache(None).problem == ""
    result = cli(root, "build", "--no-search", "--cache-dir", str(damaged))
    assert result.returncode == 0, result.stderr
    assert f"note: the cache in '{damaged}' cannot be used (file is not a database)" in result.stderr
    assert "Traceback" not in result.stderr and "Built 1 statement" in result.stdout


def test_a_build_pauses_the_cycle_collector_for_load_and_model_then_restores_it(tmp_path: Path, monkeypatch) -> None:
    import gc

    import pytest

    import builder.build as build_module
    from builder.config import load_config
    from builder.errors import ContentErrors
    from tests.conftest import project
    root = project(tmp_path)
    config = load_config(root / "archive.yml").with_overrides(search=False)
    seen = []
    real_site = build_module.build_site
    monkeypatch.setattr(build_module, "build_site",
                        lambda *a: seen.append(("site", gc.isenabled())) or real_site(*a))
    real_settled = build_module.settled
    monkeypatch.setattr(build_module, "settled",
                        lambda: real_settled() or seen.append(("settled", gc.isenabled(), gc.get_freeze_count() > 0)))
    assert gc.isenabled()
    build_module.build(config, root / "content", tmp_path / "out")
    assert seen == [("site", False), ("settled", True, True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing stays frozen after the build
    (root / "content" / "broken.md").write_text("---\n: :\n")
    with pytest.raises(ContentErrors):
        build_module.build(config, root / "content", tmp_path / "out")
    assert gc.isenabled() and gc.get_freeze_count() == 0  # …nor after a failed one
    gc.disable()
    try:
        build_module.build(config, root / "content", tmp_path / "out2", keep_going=True)
        assert not gc.isenabled()  # a caller's own setting is kept
    finally:
        gc.enable()


def test_caching_what_was_parsed_leaves_no_utf8_copies_in_its_texts(tmp_path: Path) -> None:
    """A statement pickled in the build's process would keep a UTF-8 copy of each non-ASCII text to the end of
    the build (``builder.shipping``): workers give their statements pickled, which are cached as they are."""
    folder = content(tmp_path)
    for file in folder.glob("s*.md"):
        file.write_text(file.read_text().replace("said something", "said “something” in Երևան"))
    for workers in (1, 2):
        cache = LoadCache(tmp_path / f"cache-{workers}")
        loaded = load_content(folder, cache=cache, workers=workers).statements
        cache.close()
        assert len(loaded) == PARALLEL_FROM + 41 and sum("“" in s.body for s in loaded) >= PARALLEL_FROM
        before = text_sizes(loaded)
        assert before == text_sizes(unpickled(loaded))  # as if never pickled here (which pickles them)
        assert text_sizes(loaded) != before  # the control: that pickle grew them
        cache = LoadCache(tmp_path / f"cache-{workers}")
        assert load_content(folder, cache=cache, workers=workers).statements == loaded  # read back alike
        cache.close()
