"""Internal errors (bugs in the builder) at the command line: the traceback goes to a
log file, the user gets two lines naming what was being done and where the log is.

Exit status 70 (``EX_SOFTWARE`` in sysexits.h) tells a bug apart from bad input (1).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from builder.errors import InternalError, display_path

EXIT_BUG = 70


def traceback_text(exc: BaseException) -> str:
    """The traceback an InternalError carries (from the process that failed), or the exception's own."""
    if isinstance(exc, InternalError):
        return exc.details
    return "".join(traceback.format_exception(exc))


def write_crash_log(exc: BaseException, folder: Path) -> Path | None:
    """The full report in ``folder/crash-<time>-<pid>.log`` (or the temporary folder); its path, or None."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    doing = exc.doing if isinstance(exc, InternalError) else "running"
    text = (f"archive crashed while {doing}\ncommand: {' '.join(sys.argv)}\n"
            f"python: {sys.version.split()[0]} on {platform.platform()}\n\n{traceback_text(exc)}")
    for place in (folder, Path(tempfile.gettempdir())):
        try:
            place.mkdir(parents=True, exist_ok=True)
            path = place / f"crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8", errors="replace")
            return path
        except OSError:
            continue
    return None


def bug_report(exc: BaseException, folder: Path) -> str:
    """The lines to print for a bug: what was being done, that it is a bug, where the traceback is."""
    log = write_crash_log(exc, folder)
    if isinstance(exc, InternalError):
        what = str(exc)
    else:
        what = f"internal error ({type(exc).__name__}: {str(exc)[:200]})"
    saved = f"the full traceback is in {display_path(log)}" if log else "the traceback could not be saved"
    return (f"error: {what}\nThis is a bug in the builder, not a problem with your files: {saved}; "
            "please report it with that file.")
