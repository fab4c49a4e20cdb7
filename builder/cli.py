"""Command line: parse arguments, call one function, turn errors into exit codes.

    archive build | ingest | serve     (also: python -m builder ...)

Exit status: 0 done, 1 an error in the input (listed, one line each), 70 a bug
in the builder (named in two lines; the traceback goes to a crash log).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from builder.config import Config, load_config
from builder.crash import EXIT_BUG, bug_report
from builder.errors import BuilderError, ContentErrors

if TYPE_CHECKING:
    from builder.build import BuildReport


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="archive", description="Build a static website from an archive of diplomatic statements.")
    sub = top.add_subparsers(dest="command", required=True, metavar="{build,ingest,serve,check}")
    build = sub.add_parser("build", help="build the site into the output folder",
                           description="Build the site from the content folder into the output folder.")
    add_common(build)
    build.add_argument("--output", type=Path, help="output folder (default: 'output' from the config, 'site')")
    build.add_argument("--base-url", help="public URL of the site, e.g. https://user.github.io/repo/")
    build.add_argument("--strict", action="store_true",
                       help="treat warnings (ignored files, empty text or lead) as errors")
    build.add_argument("--keep-going", action="store_true",
                       help="leave out statements with errors, publish the rest, list what was left out")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind search index (faster)")
    add_speed(build)
    build.add_argument("--no-cache", action="store_true",
                       help="cold build: ignore the cache and write every output file")
    build.add_argument("--timings", action="store_true", help="print the time each stage took ('timing load 1.2s')")
    build.add_argument("--sizes", action="store_true",
                       help="print the size and file count of each part of the site (statement pages, data, search…)")
    ingest = sub.add_parser("ingest", help="turn raw statement texts into Markdown content files",
                            description="Ingest raw statement text files (or folders of them) into the content folder.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a .txt file or a folder of them")
    add_common(ingest)
    ingest.add_argument("--force", action="store_true", help="overwrite content files that differ (hand edits are lost)")
    serve = sub.add_parser("serve", help="build, serve on localhost and rebuild on every change",
                           description="Build the site, serve it, and rebuild + reload the browser on every change.")
    add_common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    add_speed(serve)
    check = sub.add_parser("check", help="list the statements whose metadata should be checked by hand",
                           description="List every statement whose dateline, issuer, agencies, countries or "
                                       "people extraction left empty, or whose date is known only to the month.")
    add_common(check)
    return top


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, help="content folder (default: 'content' from the config)")
    p.add_argument("--config", type=Path, help="config file (default: archive.yml)")


def add_speed(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache-dir", type=Path,
                   help="where loaded statements are cached by content hash (default: .cache/archive in the project)")
    p.add_argument("--jobs", type=int, metavar="N", help="worker processes for rendering (default: one per core)")


def cache_folder(args: argparse.Namespace, config: Config) -> Path | None:
    if getattr(args, "no_cache", False):
        return None
    return args.cache_dir or config.root / ".cache" / "archive"


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logs = Path.cwd() / ".cache" / "archive"  # where a crash log goes; the project's once the config is read
    try:
        config = load_config(args.config)
        logs = getattr(args, "cache_dir", None) or config.root / ".cache" / "archive"
        content = args.content or config.root / config.content
        if args.command == "build":
            return run_build(config.with_overrides(base_url=args.base_url, search=False if args.no_search else None), content,
                             args.output or config.root / config.output, args)
        if args.command == "ingest":
            from builder.ingest_command import run_ingest
            return run_ingest(args.paths, content, args.force)
        if args.command == "check":
            return run_check(config, content)
        from builder.serve import serve
        return serve(config, args.config, content, args.host, args.port, cache_folder(args, config), args.jobs)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        tally = f" ({exc.tally()})" if exc.counts else ""
        print(f"error: build failed with {len(exc.errors)} error(s){tally}; the previous site was left in place",
              file=sys.stderr)
    except BuilderError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 (a bug: two lines and a crash log, never a traceback)
        print(bug_report(exc, logs), file=sys.stderr)
        return EXIT_BUG
    return 1


def run_build(config: Config, content: Path, output: Path, args: argparse.Namespace) -> int:
    """Build; skips go to stdout, warnings and left-out statements to stderr, then the summary."""
    from builder.build import build
    from builder.progress import Progress
    if args.jobs is not None and args.jobs < 1:
        raise BuilderError("--jobs must be 1 or more", hint="leave it out to use one process per core")
    report = build(config, content, output, strict=args.strict, keep_going=args.keep_going,
                   cache_dir=cache_folder(args, config), fresh=args.no_cache, workers=args.jobs,
                   progress=Progress(timings=args.timings))
    print_report(report, sizes=args.sizes)
    return 0


def run_check(config: Config, content: Path) -> int:
    """One line per statement with metadata to check by hand, then a summary; content errors fail as in build."""
    from builder.load import load_content
    from builder.review import report_lines, statement_gaps
    loaded = load_content(content, config.language)
    if loaded.errors:
        raise ContentErrors(loaded.errors)
    lines = report_lines((s.path, statement_gaps(s)) for s in loaded.statements)
    print("\n".join(lines) + ("\n" if lines else ""), end="")
    count = len(loaded.statements)
    print(f"{count} statement{'s' * (count != 1)}, {len(lines)} with metadata to check by hand")
    return 0


def print_report(report: BuildReport, sizes: bool = False) -> None:
    """Skips on stdout, warnings and left-out files on stderr, then the site's size (by part with
    ``sizes``) and the summary line."""
    from builder.budget import over_limit, summary_line, table
    for file, why in report.skipped:
        print(f"skipped {file}: {why}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    too_big = over_limit(report.budget)
    if too_big:
        print(f"warning: {too_big}", file=sys.stderr)
    for error in report.errors:
        print(f"left out: {error}", file=sys.stderr)
    if sizes:
        print("\n".join(table(report.budget)))
    print(summary_line(report.budget))
    print(report.summary())


def run() -> None:
    """The ``archive`` command (and ``python -m builder``): ``main``, then its output flushed and the process
    ended at once. By then every worker has ended and every file is written and closed; what is left is
    freeing the model (a million objects at 10,000 statements) one object at a time, which the kernel does
    at once for the whole process: after an edit at 10,000 statements, the exit took 0.08 s instead of 0.2 s
    (from the end of ``main`` to the shell's)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (``archive build | head``)
        code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
