"""Golden-output tests: each ``tests/sites/<case>`` builds to exactly its ``expected/`` tree.

Set ``UPDATE_GOLDEN=1`` to regenerate the expected trees after an intended change,
then review the diff in git before committing.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, build_project, project, tree

SITES = REPO / "tests" / "sites"
CASES = sorted(p.name for p in SITES.iterdir() if (p / "content").is_dir())


def diff(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """A unified diff for every differing file, and the names of missing/extra ones."""
    out = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            out.append(f"missing from output: {name}")
        elif name not in expected:
            out.append(f"unexpected in output: {name}")
        elif expected[name] != actual[name]:
            a = expected[name].decode("utf-8", "replace").splitlines(keepends=True)
            b = actual[name].decode("utf-8", "replace").splitlines(keepends=True)
            out.append("".join(difflib.unified_diff(a, b, f"expected/{name}", f"actual/{name}")))
    return "\n".join(out)


@pytest.mark.parametrize("case", CASES)
def test_site_matches_golden_output(case: str, tmp_path: Path) -> None:
    root = project(tmp_path, SITES / case / "content")
    shutil.copy(SITES / case / "archive.yml", root / "archive.yml")
    build_project(root)
    actual = tree(root / "site")
    actual.pop(".archive-site", None)
    expected_dir = SITES / case / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(root / "site", expected_dir, ignore=shutil.ignore_patterns(".archive-site"))
    problems = diff(tree(expected_dir) if expected_dir.is_dir() else {}, actual)
    assert not problems, f"{case}: output differs from tests/sites/{case}/expected " \
                         f"(UPDATE_GOLDEN=1 regenerates)\n{problems}"
