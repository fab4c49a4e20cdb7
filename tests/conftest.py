"""Shared test fixtures: the repository, the seed's raw text, generated corpora, and site-building helpers.

Everything a test reads is inside the repository: the seed as it arrived
(``tests/fixtures/seed/``) and the synthetic corpus generator (``bench/make_corpus.py``).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import BuildReport, build
from builder.config import Config, load_config

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "fixtures" / "seed" / "000_b7507ac4d02b7d42.txt"  # the raw bytes content/2023/ was ingested from
MAKE_CORPUS = REPO / "bench" / "make_corpus.py"


def project(tmp: Path, content: Path | None = None) -> Path:
    """A throwaway project folder: the repo's templates, static and config, given content."""
    root = tmp / "project"
    root.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "archive.yml", root / "archive.yml")
    shutil.copytree(content or REPO / "content", root / "content")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative path → bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def nudge(root: Path) -> None:
    """Change an input of the project ``root`` that no page reads (a hidden file in static/ is read, not
    published): the next build goes past the whole-build shortcut (``builder.unchanged``) and publishes,
    page fingerprints deciding what is rendered."""
    hidden = root / "static" / ".nudge"
    hidden.write_text(str(int(hidden.read_text()) + 1 if hidden.exists() else 1))


IMPORTED = """
import importlib.metadata, json, sys
owners = importlib.metadata.packages_distributions()
print(json.dumps(sorted({d for m in list(sys.modules) for d in owners.get(m.split(".")[0], ())})))
"""


def distributions_imported(script: str) -> set[str]:
    """The installed distributions (lower-case names) whose modules ``script`` has imported when it ends, run in
    a fresh interpreter; this project, setuptools and pip left out. For checking a cache key's library list."""
    done = subprocess.run([sys.executable, "-c", script + IMPORTED], capture_output=True, text=True, timeout=120,
                          check=True)
    return {name.lower() for name in json.loads(done.stdout)} - {"statement-archive", "setuptools", "pip"}


def make_corpus(out: Path, n: int, seed: int = 2023) -> Path:
    """``out`` filled with ``n`` generated raw statements (statement-<i>.txt), by ``bench/make_corpus.py``."""
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), str(n), "--seed", str(seed)],
                   check=True, capture_output=True, timeout=300)
    return out


def ingested_project(tmp: Path, n: int) -> Path:
    """A project of ``n`` generated statements ingested into Markdown (what a maintainer edits), in ``tmp``."""
    root = project(tmp, make_corpus(tmp / "corpus", n))
    shutil.rmtree(root / "content")
    done = cli(root, "ingest", str(tmp / "corpus"), "--content", str(root / "content"))
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def ingested_once(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of generated statements ingested into Markdown, made once for a test module: as many as its
    ``INGESTED`` says (default 6)."""
    name = request.module.__name__.rsplit(".", 1)[-1]
    return ingested_project(tmp_path_factory.mktemp(name), getattr(request.module, "INGESTED", 6))


@pytest.fixture
def ingested_copy(ingested_once: Path, tmp_path: Path) -> Path:
    """A copy of the module's ingested project (``ingested_once``), the test's own to change."""
    copy = tmp_path / "project"
    shutil.copytree(ingested_once, copy)
    return copy


def cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m builder ARGS`` run in ``root`` with this checkout's builder; output captured as text."""
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


def build_project(root: Path, base_url: str | None = None, output: Path | None = None) -> BuildReport:
    config = load_config(root / "archive.yml").with_overrides(base_url=base_url)
    return build(config, root / "content", output or root / "site")


def unpickled(value: object) -> object:
    """``value`` as the load cache gives it: pickled and unpickled, none of its strings encoded in this process."""
    return pickle.loads(pickle.dumps(value))


def text_sizes(statements: tuple) -> list[int]:
    """The size of each statement's texts, which grows when a string keeps a UTF-8 copy inside it (CPython
    keeps one in every non-ASCII string this process pickles: see ``builder.shipping``)."""
    return [sys.getsizeof(s.body) + sys.getsizeof(s.body_html) + sys.getsizeof(s.lead) + sys.getsizeof(s.title)
            for s in statements]


@pytest.fixture(scope="module")
def corpus_statements(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """30 statements of the synthetic corpus, loaded (their texts have curly quotes: not ASCII)."""
    from builder.load import load_content
    loaded = load_content(make_corpus(tmp_path_factory.mktemp("corpus"), 30), "en")
    assert not loaded.errors
    return loaded.statements


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled project (seed content), not yet built."""
    return project(tmp_path)


__all__ = ["Config", "REPO", "SEED", "MAKE_CORPUS", "make_corpus", "cli", "project", "build_project", "unpickled",
           "text_sizes"]
