"""The search index in shards, one Pagefind bundle per year: only a shard whose pages changed is indexed again.

The test project (tests/search/conftest.py) has statements in 2021, 2022 and 2023, so three shards.
Pagefind's own files differ from run to run (its issue #638), so a cached build is compared with a
clean one byte for byte everywhere but inside the shards, where the fingerprints must agree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import builder.build as build_module
from builder import search, urls
from builder.build import build
from builder.config import load_config
from builder.errors import BuilderError, InternalError
from builder.preview import Model, search_shard
from builder.search import FINGERPRINT, Shard, fingerprint, holding, plan_shards
from builder.site import Site
from builder.urls import output_file
from builder.write import previous_of
from tests.conftest import build_project
from tests.search.conftest import search_project

YEARS = ["2021", "2022", "2023"]
EDITED = "content/a.md"  # the only 2021 statement


@pytest.fixture
def root(tmp_path: Path) -> Iterator[Path]:
    yield search_project(tmp_path)


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path, prefix: str) -> dict[str, int]:
    return {path: p.stat().st_ino for path, p in files(folder).items() if path.startswith(prefix)}


def edit(root: Path) -> None:
    page = root / EDITED
    page.write_text(page.read_text(encoding="utf-8") + "\nThe sides also spoke about the border.\n", encoding="utf-8")


def bundles(site: Path) -> list[str]:
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    return re.search(r'data-bundles="([^"]*)"', page).group(1).split()


def test_one_year_per_shard_newest_first_on_the_search_page(root: Path, runs: list[str]) -> None:
    build_project(root)
    site = root / "site"
    assert sorted(runs) == YEARS, "a cold build indexes every year once"
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == YEARS, "pagefind/ holds only the shards"
    assert bundles(site) == [f"/pagefind/{y}/" for y in reversed(YEARS)]
    for year in YEARS:
        shard = site / "pagefind" / year
        assert (shard / "pagefind.js").is_file() and re.fullmatch(rb"[0-9a-f]{64}\n", (shard / FINGERPRINT).read_bytes())
        assert not list(shard.glob("pagefind-ui*")), "Pagefind's own interfaces are left out"
    counts = {y: len(list((site / "pagefind" / y / "fragment").iterdir())) for y in YEARS}
    assert counts == {"2021": 1, "2022": 5, "2023": 1}, "one fragment per statement, in its year's shard"


def test_an_edited_statement_reindexes_its_year_only(root: Path, runs: list[str]) -> None:
    build_project(root)
    site = root / "site"
    before = {y: inodes(site, f"pagefind/{y}/") for y in YEARS}
    runs.clear()
    edit(root)
    build_project(root)
    assert runs == ["2021"], "only the edited statement's shard is indexed again"
    for year in ("2022", "2023"):
        assert inodes(site, f"pagefind/{year}/") == before[year], f"the {year} shard's files are untouched"
    assert inodes(site, "pagefind/2021/") != before["2021"]
    runs.clear()
    report = build_project(root)  # updates the generation from before the edit: the new 2021 shard is copied
    assert runs == [], "a shard the served generation holds is copied, not indexed"
    assert report.written > 0
    report = build_project(root)
    assert (runs, report.written) == ([], 0), "a build with nothing changed writes nothing"


def test_a_cached_build_equals_a_clean_build(root: Path, tmp_path: Path, runs: list[str]) -> None:
    build_project(root)
    edit(root)
    build_project(root)
    cached = files(root / "site")
    clean_site = tmp_path / "clean"
    build_project(root, output=clean_site)
    clean = files(clean_site)

    def own(path: str) -> bool:  # Pagefind's files: their bytes and names differ from run to run
        return path.startswith("pagefind/") and not path.endswith("/" + FINGERPRINT)

    assert sorted(p for p in cached if not own(p)) == sorted(p for p in clean if not own(p))
    differ = [p for p in cached if not own(p) and cached[p].read_bytes() != clean[p].read_bytes()]
    assert differ == [], "the cached build differs from a clean build"
    for year in YEARS:
        shard = f"pagefind/{year}/"
        assert len([p for p in cached if p.startswith(shard)]) == len([p for p in clean if p.startswith(shard)])


def test_a_year_left_without_statements_loses_its_shard(root: Path, runs: list[str]) -> None:
    build_project(root)
    (root / EDITED).unlink()
    build_project(root)
    site = root / "site"
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2022", "2023"]
    assert bundles(site) == ["/pagefind/2023/", "/pagefind/2022/"]
    assert "2021" not in runs[3:]


def test_a_sub_path_is_part_of_the_fingerprint(root: Path, runs: list[str]) -> None:
    build_project(root)
    runs.clear()
    build_project(root, base_url="http://127.0.0.1:8000/archive/")
    assert sorted(runs) == YEARS, "result URLs carry the base path: every shard is indexed again"
    assert bundles(root / "site") == [f"/archive/pagefind/{y}/" for y in reversed(YEARS)]


def test_what_a_build_did_not_make_goes_from_pagefind_and_from_the_rest_of_the_site(root: Path, runs: list[str]) -> None:
    """The writer's prune spares pagefind/ while the shards are made (in a thread, meanwhile); the search stage
    tidies pagefind/ itself: a stray file there, a year's folder no statement has and a stray page all go."""
    build_project(root)
    build_project(root)  # both generations are whole: the next build updates the one not served
    target = previous_of(root / "site")
    strays = ["pagefind/stray.txt", "pagefind/1999/pagefind.js", "statements/gone/index.html"]
    for stray in strays:
        (target / stray).parent.mkdir(parents=True, exist_ok=True)
        (target / stray).write_bytes(b"x")
    edit(root)
    build_project(root)
    site = files(root / "site")
    assert [p for p in strays if p in site] == []
    assert sorted(p.name for p in (root / "site" / "pagefind").iterdir()) == YEARS
    assert not (root / "site" / "statements" / "gone").exists(), "a folder left empty goes too"


def test_serves_preview_of_one_year_leaves_the_other_shards_in_the_served_site(root: Path) -> None:
    """``search_shard`` indexes one year from the served site (for ``serve``'s preview): it reads that site and
    gives the shard's files back, and takes nothing away from it."""
    kept: list[Site] = []
    build(load_config(root / "archive.yml"), root / "content", root / "site", on_published=kept.append)
    before = {p: f.read_bytes() for p, f in files(root / "site").items()}
    bundle = search_shard(Model(kept[0], root / "content", root / "templates"), root / "site", 2021)
    assert bundle and all(p.startswith("pagefind/2021/") for p in bundle)
    assert {p: f.read_bytes() for p, f in files(root / "site").items()} == before


@pytest.mark.parametrize("failure, raised, said", [
    (BuilderError("Pagefind failed: out of memory", hint=search.HINT), BuilderError, "out of memory"),
    (KeyError("a bug in the search stage"), InternalError, "internal error while indexing the search"),
], ids=["pagefind", "bug"])
def test_a_failure_in_the_search_worker_fails_the_build_and_keeps_the_site(
        root: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception, raised: type, said: str) -> None:
    """Pagefind's failure comes back from the worker as it was raised; a bug, as an internal error with the
    worker's traceback."""
    build_project(root)
    before = {p: f.read_bytes() for p, f in files(root / "site").items()}
    edit(root)

    def failing(site: Path, out: Path) -> None:
        raise failure

    monkeypatch.setattr(search, "run_pagefind", failing)
    with pytest.raises(raised, match=said) as failed:
        build_project(root)
    assert raised is BuilderError or "a bug in the search stage" in failed.value.details
    assert {p: f.read_bytes() for p, f in files(root / "site").items()} == before


def test_the_search_starts_in_a_worker_once_the_statement_pages_are_written(
        root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Pagefind indexes the statement pages while the build plans and renders the others: the job is made as
    soon as the last statement page is planned and written (nothing of a later group planned yet), and runs in
    another process than the build's."""
    seen: dict[str, object] = {}
    real_job, real_run = build_module.search_job, search.run_pagefind
    pids = tmp_path / "pids.txt"

    def job(site: Site, update, workers, cache_dir, planned, version, sizes):  # type: ignore[no-untyped-def]
        seen["groups"] = sorted({group for _, group, _ in planned})
        seen["written"] = all((update.target.folder / output_file(urls.statement(s.slug))).is_file()
                              for s in site.statements)
        return real_job(site, update, workers, cache_dir, planned, version, sizes)

    def run(site: Path, out: Path) -> None:
        with pids.open("a") as log:
            log.write(f"{os.getpid()}\n")
        real_run(site, out)

    monkeypatch.setattr(build_module, "search_job", job)
    monkeypatch.setattr(search, "run_pagefind", run)
    build_project(root)
    assert seen == {"groups": ["home", "statements"], "written": True}
    assert len(pids.read_text().split()) == len(YEARS) and str(os.getpid()) not in pids.read_text().split()


def test_shards_are_planned_by_year_newest_first() -> None:
    pages = [(2020, "statements/2020-b/index.html"), (2023, "statements/2023-a/index.html"),
             (2020, "statements/2020-a/index.html")]
    assert plan_shards(pages) == (Shard(2023, ("statements/2023-a/index.html",)),
                                  Shard(2020, ("statements/2020-a/index.html", "statements/2020-b/index.html")))
    assert plan_shards([]) == ()


def test_a_fingerprint_covers_the_pages_the_base_path_and_pagefinds_version(tmp_path: Path) -> None:
    page = tmp_path / "statements" / "2020-a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<html>one</html>")
    shard = Shard(2020, ("statements/2020-a/index.html",))
    first = fingerprint(tmp_path, shard, "/", "pagefind 1.5.2")
    assert first == fingerprint(tmp_path, shard, "/", "pagefind 1.5.2")
    assert first != fingerprint(tmp_path, shard, "/archive/", "pagefind 1.5.2")
    assert first != fingerprint(tmp_path, shard, "/", "pagefind 1.6.0")
    page.write_bytes(b"<html>two</html>")
    assert first != fingerprint(tmp_path, shard, "/", "pagefind 1.5.2")


def test_a_build_names_the_pages_by_their_plan_fingerprints_and_reads_none(tmp_path: Path) -> None:
    shard = Shard(2020, ("statements/2020-a/index.html", "statements/2020-b/index.html"))
    planned = {"statements/2020-a/index.html": b"\x01" * 16, "statements/2020-b/index.html": b"\x02" * 16}
    first = fingerprint(tmp_path, shard, "/", "pagefind 1.5.2", planned)  # no page is in tmp_path
    assert first == fingerprint(tmp_path, shard, "/", "pagefind 1.5.2", dict(planned))
    assert first != fingerprint(tmp_path, shard, "/", "pagefind 1.5.2", {**planned, shard.pages[1]: b"\x03" * 16})
    assert first != fingerprint(tmp_path, shard, "/archive/", "pagefind 1.5.2", planned)
    for path, mark in planned.items():  # pages whose bytes are their plan fingerprints: still another fingerprint
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_bytes(mark)
    assert first != fingerprint(tmp_path, shard, "/", "pagefind 1.5.2"), "a preview's shard never passes for a build's"


def test_a_shard_is_reused_only_with_its_fingerprint(tmp_path: Path) -> None:
    shard = tmp_path / "pagefind" / "2020"
    (shard / "fragment").mkdir(parents=True)
    (shard / "fragment" / "en_1.pf_fragment").write_bytes(b"x")
    assert holding(tmp_path, "pagefind/2020/", "ab") is None, "no fingerprint: an unfinished shard"
    (shard / FINGERPRINT).write_bytes(b"ab\n")
    assert holding(tmp_path, "pagefind/2020/", "cd") is None
    assert holding(tmp_path, "pagefind/2020/", "ab") == ["pagefind/2020/fingerprint.txt",
                                                        "pagefind/2020/fragment/en_1.pf_fragment"]
    assert holding(tmp_path, "pagefind/2019/", "ab") is None
    (shard / "index" / "deeper").mkdir(parents=True)
    (shard / "index" / "deeper" / "en_2.pf_index").write_bytes(b"y")
    (shard / "empty").mkdir()
    assert holding(tmp_path, "pagefind/2020/", "ab") == ["pagefind/2020/fingerprint.txt",
                                                        "pagefind/2020/fragment/en_1.pf_fragment",
                                                        "pagefind/2020/index/deeper/en_2.pf_index"]


def test_pagefinds_version_is_asked_when_a_build_starts_work_and_its_failure_fails_the_search_stage(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build asks Pagefind's version in a thread as it starts loading (``search.version_asked``), not on
    the search stage's path; a build with nothing to do asks nothing (its process would wait for the answer
    at exit), and a failure to answer fails the build with its own message, leaving the site as it was."""
    asked: list[str] = []

    def version() -> str:
        asked.append("version")
        return "pagefind 9.9.9"

    def cached_build() -> None:
        build(load_config(root / "archive.yml"), root / "content", root / "site", cache_dir=root / "cache")

    monkeypatch.setattr(search, "pagefind_version", version)
    cached_build()
    assert asked == ["version"]
    assert all((root / "site" / "pagefind" / y / FINGERPRINT).is_file() for y in YEARS)
    cached_build()
    assert asked == ["version"], "nothing changed: no question asked"
    before = {p: f.read_bytes() for p, f in files(root / "site").items()}
    edit(root)

    def unanswered() -> str:
        raise BuilderError("could not run Pagefind: no such file", hint=search.HINT)

    monkeypatch.setattr(search, "pagefind_version", unanswered)
    with pytest.raises(BuilderError, match="no such file"):
        cached_build()
    assert {p: f.read_bytes() for p, f in files(root / "site").items()} == before


def test_pagefind_runs_as_its_binary_when_the_package_finds_it_else_through_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Python started for each run when the binary is known (0.07-0.1 s a run); ``python -m pagefind``
    otherwise, as before."""
    import pagefind.service
    search.pagefind_program.cache_clear()
    program = search.pagefind_program()
    assert len(program) == 1 and Path(program[0]).is_file() and program[0] == str(pagefind.service.get_executable())
    assert search.pagefind_command("--version").startswith("pagefind ")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", program[0])  # honoured, as by the pagefind package
    monkeypatch.setattr(search, "BINARY_PACKAGES", ())
    search.pagefind_program.cache_clear()
    assert search.pagefind_program() == program
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(search, "BINARY_PACKAGES", ("no_such_package", "pagefind"))  # (pagefind: no get_executable)
    search.pagefind_program.cache_clear()
    try:
        assert search.pagefind_program()[1:] == ("-m", "pagefind")
        assert search.pagefind_command("--version").startswith("pagefind ")
    finally:
        search.pagefind_program.cache_clear()


def test_a_shard_is_indexed_in_memory_where_there_is_room_and_gives_the_same_index(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_project(root)
    site = root / "site"
    shard = plan_shards([(2023, p) for p in sorted(files(site)) if p.startswith("statements/")
                         and p.endswith("/index.html") and "/v" not in p[len("statements/"):]])[0]
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    assert search.scratch_folder(site, shard) == str(memory)
    made: list[str] = []
    real = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda s, out: (made.append(str(s)), real(s, out)))
    in_memory = search.index_shard(site, shard, "/")
    assert made[-1].startswith(str(memory)) and not any(memory.iterdir()), "made there, and cleaned up"

    class Full:
        f_bavail, f_frsize = 10, 4096
    monkeypatch.setattr(search.os, "statvfs", lambda _: Full())
    assert search.scratch_folder(site, shard) is None, "no room: where tempfile puts its files"
    on_disk = search.index_shard(site, shard, "/")
    assert not made[-1].startswith(str(memory))
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(tmp_path / "none"))
    assert search.scratch_folder(site, shard) is None, "no memory file system"
    entry = f"{shard.folder}pagefind-entry.json"
    assert len(in_memory) == len(on_disk)  # (the names of its files are hashes of what they hold)
    assert re.sub(rb'"hash":"[^"]*"', b"", in_memory[entry]) == re.sub(rb'"hash":"[^"]*"', b"", on_disk[entry])
