"""Progress reporting: a bar only on a terminal, plain lines elsewhere only for slow stages, --timings lines."""

from __future__ import annotations

import io

from builder import progress as progress_module
from builder.progress import Progress


def test_a_terminal_gets_a_bar_that_is_cleared_at_the_end() -> None:
    out = io.StringIO()
    p = Progress(out, tty=True)
    p.start("render")
    p.advance(50, 100)
    p.advance(100, 100)
    p.finish()
    text = out.getvalue()
    assert "render [" in text and "100/100" in text and "#" * progress_module.WIDTH in text
    assert text.endswith("\r\x1b[2K")  # nothing left on the line for the summary


def test_off_a_terminal_quick_stages_say_nothing_and_slow_ones_one_line(monkeypatch) -> None:
    out = io.StringIO()
    p = Progress(out, tty=False)
    p.start("load")
    p.advance(1, 2)
    p.finish()
    assert out.getvalue() == ""
    monkeypatch.setattr(progress_module, "PLAIN_AFTER", -1.0)
    p.start("site")
    p.finish()
    assert out.getvalue().startswith("site: ") and "\r" not in out.getvalue()


def test_timings_lines_have_the_shape_the_benchmark_reads() -> None:
    import re
    out = io.StringIO()
    p = Progress(out, tty=False, timings=True)
    for stage in ("load", "site", "render"):
        p.start(stage)
    p.report()
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["load", "site", "render", "total"]
    assert all(re.fullmatch(r"timing \S+ \d+\.\d{3}s", line) for line in lines)


def test_quiet_progress_writes_nothing_even_with_a_terminal() -> None:
    p = Progress.quiet()
    p.start("load")
    p.advance(1, 1)
    p.report()
    assert p.times and not p.tty


def test_build_flags_timings_and_jobs(tmp_path) -> None:
    from tests.conftest import REPO, cli

    def run(*args: str):
        return cli(REPO, "build", "--no-search", "--output", str(tmp_path / "site"),
                   "--cache-dir", str(tmp_path / "cache"), *args)

    done = run("--timings", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    stages = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("timing ")]
    assert stages == ["inputs", "load", "site", "citations", "data", "plan", "render", "write", "total"]
    assert (tmp_path / "cache" / "load.sqlite").is_file() and (tmp_path / "cache" / "citations.sqlite").is_file()
    bad = run("--jobs", "0")
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "error: --jobs must be 1 or more (leave it out to use one process per core)")
