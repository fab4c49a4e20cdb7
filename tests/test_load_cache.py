"""The load cache is used (issue 14, point 8): a rebuild parses only the files that changed.

``parse_file`` (decode, ingest, YAML, Markdown → HTML) is counted through a
patch; a ``LoadCache.get`` that always missed would parse everything again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import builder.load_parallel
from builder.build import build
from builder.config import load_config
from tests.conftest import SEED, project

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
