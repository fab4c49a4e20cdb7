"""The raw-text extractor is imported when a raw text is ingested or loaded, not by every build
(``builder.ingest``): a build of Markdown statements starts without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, project

EXTRACTOR = ("builder.ingest.from_bytes", "builder.ingest.extract", "builder.ingest.people", "charset_normalizer")

BUILD = """
import json, sys
from builder import cli
code = cli.main(["build", "--config", "archive.yml", "--no-search"])
print(json.dumps([code, sorted(m for m in {modules} if m in sys.modules)]))
"""


def imported_by_a_build(root: Path) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", BUILD.format(modules=EXTRACTOR)], cwd=root, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return code, modules


def test_a_build_of_markdown_statements_does_not_import_the_extractor(tmp_path: Path) -> None:
    root = project(tmp_path)  # the bundled content: Markdown, parsed (no cache yet)
    assert imported_by_a_build(root) == (0, [])


def test_a_raw_text_in_the_content_folder_is_still_ingested(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "drop.txt").write_bytes(SEED.read_bytes().replace(b"\n", b"\n\n", 1) + b"\nOne more line.\n")
    code, modules = imported_by_a_build(root)
    assert code == 0 and "builder.ingest.from_bytes" in modules


def test_the_package_still_names_the_extractor() -> None:
    import builder.ingest
    from builder.ingest import Ingested, ingest_bytes
    from builder.ingest.from_bytes import Ingested as made, ingest_bytes as ingest
    assert (Ingested, ingest_bytes) == (made, ingest)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        builder.ingest.nothing  # noqa: B018
