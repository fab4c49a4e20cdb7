"""The data downloads a year at a time (``builder.data.DataMemo``, ``builder.gzparts``): each whole-archive
file is one ordinary gzip file joined from parts compressed on their own, and a build after an edit makes
only that statement's year again, with the bytes a clean build makes."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import subprocess
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import builder.build
import builder.data
import builder.data_job
from builder.build import build
from builder.config import load_config
from builder.errors import BuilderError, InternalError
from builder.gzparts import compress, crc32_combine, gzip_file
from builder.load import load_content
from builder.urls import Urls
from tests.conftest import make_corpus, project, tree


@given(st.binary(max_size=3000), st.binary(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_crc32_combine_is_the_crc_of_the_joined_bytes(a: bytes, b: bytes) -> None:
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


@given(st.lists(st.binary(max_size=2000), max_size=6), st.sampled_from([1, 6, 9]))
@settings(max_examples=100, deadline=None)
def test_joined_parts_are_one_gzip_file_of_the_joined_texts(texts: list[bytes], level: int) -> None:
    data = b"".join(gzip_file(compress(t, level) for t in texts))
    assert gzip.decompress(data) == b"".join(texts)
    assert zlib.decompress(data, 31) == b"".join(texts), "one gzip member: even a single-member reader reads all"


def test_gunzip_reads_the_joined_file() -> None:
    texts = [b"id,title\r\n", "2020,\u00abd\u00e9j\u00e0\u00bb\r\n".encode() * 500, b"", b"2021,x\r\n" * 300]
    data = b"".join(gzip_file(compress(t, 6) for t in texts))
    assert subprocess.run(["gzip", "-dc"], input=data, capture_output=True, check=True).stdout == b"".join(texts)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return project(tmp_path, make_corpus(tmp_path / "corpus", 12))


def run(root: Path, output: Path, cache: bool = True) -> None:
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", output, workers=1, cache_dir=root / "cache" if cache else None)


class Logged:
    """Lines a patched function appends to a file: it may run in a worker process (``builder.data_job``)."""

    def __init__(self, path: Path):
        self.path = path

    def add(self, line: object) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(f"{line}\n")

    def __len__(self) -> int:
        return len(self.lines())

    def lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").split() if self.path.exists() else []

    def __repr__(self) -> str:
        return repr(self.lines())


def years_made(monkeypatch: pytest.MonkeyPatch, log: Path) -> Logged:
    """The years whose part is made, in the build's process or its workers, from here on: 'year/process id'."""
    made = Logged(log)
    real = builder.data.year_part

    def counting(year, *args):  # type: ignore[no-untyped-def]
        made.add(f"{year[0].date.year}/{os.getpid()}")
        return real(year, *args)

    monkeypatch.setattr(builder.data, "year_part", counting)
    return made


def test_an_edit_makes_its_year_again_and_nothing_else(root: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    run(root, root / "site")
    assert len(list((root / "cache" / "data").glob("*.pickle"))) >= 3, "statements of several years"
    raw = sorted((root / "content").rglob("*.txt"))
    made = years_made(monkeypatch, tmp_path / "made.log")
    edited = raw[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n", encoding="utf-8")
    run(root, root / "site")
    assert len(made) == 1, f"years made again: {made}"
    run(root, tmp_path / "clean", cache=False)
    fresh = tree(tmp_path / "clean")
    cached = tree(root / "site")
    assert {p: b for p, b in cached.items() if p.startswith("data/")} == \
           {p: b for p, b in fresh.items() if p.startswith("data/")}
    assert b"One more paragraph." in gzip.decompress(cached["data/statements.jsonl.gz"])


def test_a_damaged_part_is_made_again(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(root, root / "site")
    parts = sorted((root / "cache" / "data").glob("*.pickle"))
    assert parts, "the parts are kept in the cache folder"
    parts[0].write_bytes(b"not a pickle")
    made = years_made(monkeypatch, tmp_path / "made.log")
    (root / "static" / ".nudge").write_text("1")  # past the whole-build shortcut
    run(root, root / "site")
    assert len(made) == 1
    run(root, tmp_path / "clean", cache=False)
    assert tree(root / "site") == tree(tmp_path / "clean")


def test_parts_no_build_uses_are_deleted(root: Path) -> None:
    run(root, root / "site")
    stale = root / "cache" / "data" / ("0" * 40 + ".pickle")
    stale.write_bytes(b"")
    (root / "static" / ".nudge").write_text("1")
    run(root, root / "site")
    assert not stale.exists()


def test_years_made_in_workers_are_the_years_made_here(root: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build makes the years in worker processes, a build after an edit makes its one year here:
    the data files are the bytes a build in one process makes, in either case."""
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", tmp_path / "one", workers=1)
    sent: list[int] = []
    real = builder.data.processes

    def counting(workers: int, doing: str):  # type: ignore[no-untyped-def]
        sent.append(workers)
        return real(workers, doing)

    monkeypatch.setattr(builder.data, "processes", counting)
    build(config, root / "content", tmp_path / "two", workers=2, cache_dir=tmp_path / "cache")
    assert sent == [2], "the years were made in two worker processes"
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    raw = sorted((root / "content").rglob("*.txt"))[5]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nA paragraph added.\n", encoding="utf-8")
    build(config, root / "content", tmp_path / "two", workers=2, cache_dir=tmp_path / "cache")
    build(config, root / "content", tmp_path / "one", workers=1)
    assert sent == [2], "one year missing: made here"
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def test_crc32_combine_of_a_long_text() -> None:
    a, b = bytes(range(256)) * 40, bytes(range(7, 256)) * 9000 + b"\x00" * 1_000_003
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_originals_the_site_holds_are_not_read_again(root: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The generation being updated keeps each original text it holds with the same SHA-256 (the manifest
    of its files says which) unread; one it holds in another wording is read and written. (A raw text in
    content/ is its own original. The two generations: the third build updates the first one's.)"""
    raw = sorted((root / "content").rglob("*.txt"))
    run(root, root / "site")
    raw[3].write_text(raw[3].read_text(encoding="utf-8") + "\n\nOne more paragraph.\n", encoding="utf-8")
    run(root, root / "site")
    read = Logged(tmp_path / "read.log")
    real = builder.data.original_bytes

    def reading(statement: str, path: str, sha: str) -> bytes:
        read.add(path)
        return real(statement, path, sha)

    monkeypatch.setattr(builder.data, "original_bytes", reading)
    raw[4].write_text(raw[4].read_text(encoding="utf-8") + "\n\nA last paragraph.\n", encoding="utf-8")
    run(root, root / "site")
    assert sorted(Path(p).name for p in read.lines()) == [raw[3].name, raw[4].name]  # changed since that generation
    run(root, tmp_path / "clean", cache=False)
    assert tree(root / "site") == tree(tmp_path / "clean")


def where_joined(monkeypatch: pytest.MonkeyPatch, log: Path) -> Logged:
    """The process ids that join the files of data/ (``builder.data.joined``), from here on."""
    pids = Logged(log)
    real = builder.data.joined

    def joining(*args):  # type: ignore[no-untyped-def]
        pids.add(os.getpid())
        return real(*args)

    monkeypatch.setattr(builder.data, "joined", joining)
    monkeypatch.setattr(builder.data_job, "joined", joining)
    return pids


def test_with_a_cache_the_data_files_are_made_beside_the_build(root: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """With a cache folder the files of data/ are joined and written by the worker beside the build (the year
    an edit changed made there too); without one, in the build's own process: the same bytes either way."""
    run(root, root / "site")
    pids = where_joined(monkeypatch, tmp_path / "pids.log")
    made = years_made(monkeypatch, tmp_path / "made.log")
    raw = sorted((root / "content").rglob("*.txt"))[2]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nAn edit.\n", encoding="utf-8")
    run(root, root / "site")
    assert len(pids) == 1 and int(pids.lines()[0]) != os.getpid(), pids
    assert len(made) == 1 and made.lines()[0].split("/")[1] == pids.lines()[0], "the edited year, made by the worker"
    run(root, tmp_path / "clean", cache=False)
    assert pids.lines()[1:] == [str(os.getpid())]
    assert tree(root / "site") == tree(tmp_path / "clean")


def test_the_helper_worker_is_forked_before_loading(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked once the build holds its model, the worker's and the build's writes to the pages they share
    copy them (``workers.in_background``): it is running when loading starts."""
    running: list[int] = []
    real = builder.build.load_cached

    def loading(*args):  # type: ignore[no-untyped-def]
        running.append(len(multiprocessing.active_children()))
        return real(*args)

    monkeypatch.setattr(builder.build, "load_cached", loading)
    run(root, root / "site")
    assert running == [1]


def test_a_missing_original_fails_the_build_from_the_worker(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the worker beside the build is the build's, named as in its own process; the site stays.
    (The original is moved once the statements are loaded, as if deleted during the build.)"""
    run(root, root / "site")
    before = tree(root / "site")
    raw = sorted((root / "content").rglob("*.txt"))[1]  # a raw text in content/ is its own original
    real = builder.build.build_site

    def moving(*args):  # type: ignore[no-untyped-def]
        raw.rename(raw.with_name(raw.name + ".moved"))
        return real(*args)

    monkeypatch.setattr(builder.build, "build_site", moving)
    (root / "static" / ".nudge").write_text("1")  # past the whole-build shortcut
    with pytest.raises(BuilderError) as caught:
        run(root, root / "site")
    assert f"its original text {raw} cannot be read" in str(caught.value), caught.value
    assert caught.value.field == "source" and caught.value.file.endswith(raw.with_suffix(".txt").name)
    assert tree(root / "site") == before


def test_a_bug_in_the_worker_is_an_internal_error_naming_the_stage(root: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    run(root, root / "site")
    before = tree(root / "site")

    def boom(*args):  # type: ignore[no-untyped-def]
        raise KeyError("planted")

    monkeypatch.setattr(builder.data_job, "joined", boom)
    (root / "static" / ".nudge").write_text("1")
    with pytest.raises(InternalError) as caught:
        run(root, root / "site")
    assert "making the data downloads" in str(caught.value) and "KeyError: 'planted'" in str(caught.value)
    assert tree(root / "site") == before


def test_data_paths_are_the_files_data_outputs_makes(root: Path) -> None:
    """The data files the generation holds are taken out of its record by ``data_paths`` (the Data page,
    data/index.html, is a page and stays in it): exactly the paths ``data_outputs`` makes."""
    config = load_config(root / "archive.yml").with_overrides(search=False)
    statements = tuple(sorted(load_content(root / "content", config.language).statements, key=lambda s: s.id))
    u = Urls(config.base_url, config.base_path)
    years = builder.data.by_year(statements)
    made = [path for path, _ in builder.data.data_outputs(statements, u, config.title)]
    assert sorted(builder.data.data_paths(years, tuple(map(builder.data.year_originals, years)))) == sorted(made)
    assert "data/index.html" not in made and any(p.endswith(".txt") for p in made)
