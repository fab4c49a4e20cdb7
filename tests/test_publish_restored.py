"""A publish on a CI runner: a fresh checkout, then the cache folder and the site of the last run restored
(the Pages workflow's ``actions/cache`` step), then ``archive build``. It builds what changed since that run,
as a rebuild on the author's machine does, and the site equals a clean build byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import make_corpus, project, tree
from tests.test_incremental import MARKER, SUMMARY, assert_same

RESTORED = (".cache/archive", "site")  # what the workflow caches, relative to the checkout
ADDED = "The ministry also stated that the talks would resume in the spring."


def checkout(tmp_path: Path, raw: Path, edited: bool) -> Path:
    """A fresh checkout of the project (always at the same place, as a runner's workspace is)."""
    root = tmp_path / "project"
    shutil.rmtree(root, ignore_errors=True)
    root = project(tmp_path, raw)
    if edited:
        text = sorted(root.glob("content/statement-*.txt"))[7]
        text.write_text(text.read_text(encoding="utf-8").rstrip() + "\n\n" + ADDED + "\n", encoding="utf-8")
    return root


def written(run_stderr: str, run_stdout: str) -> tuple[int, int]:
    match = SUMMARY.search(run_stdout.strip().splitlines()[-1]) or SUMMARY.search(run_stderr)
    assert match, run_stdout + run_stderr
    return int(match[1]), int(match[2])


def test_a_runner_with_the_last_runs_cache_and_site_builds_only_what_changed(tmp_path: Path) -> None:
    from tests.conftest import cli

    raw = make_corpus(tmp_path / "raw", 20)
    root = checkout(tmp_path, raw, edited=False)
    first = cli(root, "build", "--no-search")
    assert first.returncode == 0, first.stderr
    files = written(first.stderr, first.stdout)[1]
    saved = tmp_path / "saved"  # the cache entry: what the job leaves behind
    for path in RESTORED:
        (saved / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(root / path, saved / path)

    root = checkout(tmp_path, raw, edited=True)
    assert not (root / ".cache").exists() and not (root / "site").exists()
    for path in RESTORED:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(saved / path, root / path)
    run = cli(root, "build", "--no-search")
    assert run.returncode == 0, run.stderr
    count, total = written(run.stderr, run.stdout)
    assert 0 < count < total // 4 and total == files, f"wrote {count} of {total}: the restored site was not used"

    clean = cli(root, "build", "--no-search", "--no-cache", "--output", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    got = {k: v for k, v in tree(root / "site").items() if k != MARKER}
    want = {k: v for k, v in tree(tmp_path / "clean").items() if k != MARKER}
    assert any(ADDED.encode() in data for data in got.values()), "the edit is published"
    assert_same(got, want, "the restored runner's build differs from a clean build", names=("restored", "clean"))
