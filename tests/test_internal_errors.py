"""Template runtime errors and builder bugs (issue 14, points 4 and 5).

* A template that fails while rendering (``{{ s.title + 1 }}``), in a worker
  process, is one error line naming the template and line: never a traceback.
* An exception that is not a ``BuilderError`` is a bug in the builder, not in
  the file being loaded: two lines naming the input and a crash log with the
  traceback, exit status 70, and ``--keep-going`` never skips it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import builder.load
from builder.build import build
from builder.cli import main
from builder.config import load_config
from builder.crash import EXIT_BUG
from builder.errors import InternalError
from tests.conftest import REPO, cli, project

SEED_MD = "content/2023/2023-01-30-russia-is-working-intensely-in-the-direction-of-overcoming.md"


def break_template(root: Path, name: str, good: str, bad: str) -> int:
    """Replace ``good`` by ``bad`` in templates/NAME; returns the 1-based line it is on."""
    path = root / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert good in text, f"{good!r} is no longer in templates/{name}"
    path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    return text[:text.index(good)].count("\n") + 1


def assert_one_clean_line(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 1, f"exit {done.returncode}:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    for needle in needles:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_runtime_error_in_a_page_template_names_the_template_and_line(tmp_path: Path, jobs: str) -> None:
    root = project(tmp_path)
    line = break_template(root, "statement.html", "<h1>{{ s.title }}</h1>", "<h1>{{ s.title + 1 }}</h1>")
    done = cli(root, "build", "--no-search", "--jobs", jobs)
    assert_one_clean_line(done, f"templates/statement.html:{line}:", "template error", "TypeError")


def test_a_runtime_error_in_a_macro_names_the_macro_template(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = break_template(root, "_macros.html", '<a href="{{ item.href }}">{{ item.title }}</a>',
                          '<a href="{{ item.href }}">{{ item.title // 0 }}</a>')
    done = cli(root, "build", "--no-search", "--jobs", "2")
    assert_one_clean_line(done, f"templates/_macros.html:{line}:", "template error")


def boom(*args: object, **kwargs: object) -> str:
    raise RuntimeError("boom: a bug planted by the test")


def test_a_bug_while_loading_is_not_a_content_error_even_with_keep_going(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    monkeypatch.setattr(builder.load, "body_to_html", boom)
    monkeypatch.chdir(root)
    with pytest.raises(InternalError) as caught:
        build(load_config(root / "archive.yml"), root / "content", root / "site", keep_going=True, workers=1)
    assert caught.value.doing == f"loading {SEED_MD}"
    assert "RuntimeError: boom" in caught.value.details and "Traceback" in caught.value.details
    assert not (root / "site").exists(), "nothing is published after a bug"


def test_the_cli_reports_a_bug_with_a_crash_log_and_exit_70(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    monkeypatch.setattr(builder.load, "body_to_html", boom)
    monkeypatch.chdir(root)
    code = main(["build", "--keep-going", "--no-search", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == EXIT_BUG, (code, out, err)
    assert "Traceback" not in err and "left out" not in err and "Built" not in out
    assert f"internal error while loading {SEED_MD}" in err and "bug in the builder" in err
    log = crash_log(err, root)
    assert "RuntimeError: boom" in log and "Traceback" in log


def crash_log(stderr: str, root: Path) -> str:
    m = re.search(r"the full traceback is in (\S+?);", stderr)
    assert m, stderr
    path = root / m.group(1)
    assert path.is_file() and path.parent == root / ".cache" / "archive", path
    return path.read_text(encoding="utf-8")


def test_a_bug_in_a_load_worker_process_is_reported_the_same_way(tmp_path: Path) -> None:
    """Forked load workers send the bug back with their traceback (no env hook: a test-only entry point)."""
    root = project(tmp_path)
    script = textwrap.dedent("""
        import sys
        import builder.load, builder.load_parallel
        from builder.cli import main
        def boom(*args, **kwargs):
            raise RuntimeError("boom: a bug planted by the test")
        builder.load.body_to_html = boom
        builder.load_parallel.PARALLEL_FROM = 1  # fork even for one file
        sys.exit(main(sys.argv[1:]))
    """)
    done = subprocess.run([sys.executable, "-c", script, "build", "--keep-going", "--no-search", "--jobs", "2"],
                          cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == EXIT_BUG, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert f"internal error while loading {SEED_MD}" in done.stderr
    assert "RuntimeError: boom" in crash_log(done.stderr, root)


def test_a_bug_while_rendering_is_a_bug_not_a_template_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import builder.views
    root = project(tmp_path)
    monkeypatch.setattr(builder.views, "date_text", boom)
    monkeypatch.chdir(root)
    code = main(["build", "--no-search", "--jobs", "1"])
    _, err = capsys.readouterr()
    assert code == EXIT_BUG, err
    assert "bug in the builder" in err and "Traceback" not in err
    assert "RuntimeError: boom" in crash_log(err, root)
