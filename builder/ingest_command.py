"""``archive ingest``: raw files and folders → content files, with a summary.

Reads each input, calls the pure ``ingest_bytes`` and hands the result and the
original bytes to ``ingest.store`` (the only writer of content/). Nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections import Counter
from pathlib import Path

from builder.errors import BuilderError, InternalError, display_path
from builder.ingest import ingest_bytes
from builder.ingest.decode import check_text
from builder.ingest.store import Held, held_statements, keep_original, store
from builder.progress import Progress
from builder.review import gaps, report_lines

HAND_EDITED_NOTE = "new wording added to a file edited by hand: its metadata was kept, check it against the new text"
QUIET_AFTER = 20  # files; more than that on a terminal, and only the bar shows the written ones


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders → their .txt files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.txt") if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def run_ingest(paths: list[Path], content: Path, force: bool) -> int:
    held = held_statements(content) if content.is_dir() else Held()
    counts: Counter[str] = Counter()
    review: list[tuple[str, tuple[str, ...]]] = []  # (file written, what to check by hand)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    files = expand(paths)
    progress = Progress()
    progress.start("ingest")
    quiet_written = progress.tty and len(files) > QUIET_AFTER  # on a terminal the bar and summary say it
    for done, path in enumerate(files, 1):
        progress.advance(done - 1, len(files))
        shown = display_path(path)
        try:
            data = path.read_bytes()
            check_text(data, shown)
            item = ingest_bytes(data, path.name, shown)
        except BuilderError as exc:
            counts["rejected"] += 1
            progress.say(f"rejected {exc}", sys.stderr)
            continue
        except OSError as exc:
            counts["rejected"] += 1
            progress.say(f"rejected {shown}: {exc.strerror}", sys.stderr)
            continue
        except Exception as exc:  # a bug, not bad input: named, never a rejection
            raise InternalError(f"ingesting {shown}", traceback.format_exc()) from exc
        outcome = store(content, item, held, now, force)
        if outcome.status in ("written", "overwritten", "new version"):
            found = (HAND_EDITED_NOTE,) if outcome.hand_edited else gaps(item.front_matter, item.notes)
            review.append((display_path(outcome.path), found))
        keep_original(content, data)  # whatever became of the .md, its original bytes are kept
        counts[outcome.status] += 1
        if not (quiet_written and outcome.status in ("written", "unchanged")):
            progress.say(f"{outcome.status} {display_path(outcome.path)} (from {shown})"
                         + (f": {outcome.detail}" if outcome.detail else ""), sys.stdout)
    progress.finish()
    written = counts["written"] + counts["overwritten"] + counts["new version"]
    versions = f" ({counts['new version']} as new versions of statements already held)" if counts["new version"] else ""
    to_check = report_lines(review)
    if to_check:
        print(f"To check by hand ({len(to_check)} of {len(review)} written; 'archive check' lists the whole archive):")
        print("\n".join(f"  {line}" for line in to_check))
    print(f"{written} written{versions}, {counts['unchanged']} skipped as duplicates, "
          f"{counts['refused']} refused (hand-edited), {counts['rejected']} rejected")
    return 1 if counts["rejected"] else 0  # refusing to overwrite a hand edit is what re-running should do
