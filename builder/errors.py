"""Errors a user can act on: each names the file, line or field, and the fix.

Every stage raises ``BuilderError`` (or collects several in ``ContentErrors``);
the CLI turns them into one line each and a non-zero exit, never a traceback.
Anything else is a bug in the builder: ``InternalError`` says what was being
done when it happened and carries the traceback for the crash log
(``builder.crash``); ``--keep-going`` never skips it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuilderError(Exception):
    """One problem with the input, described so that a person can fix it."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None, str | None, str | None]]:
        """Pickle by fields (worker processes send errors back), not by Exception's empty ``args``."""
        return BuilderError, (self.message, self.file, self.line, self.field, self.hint)


class ContentErrors(Exception):
    """All the content errors of one build, reported together."""

    def __init__(self, errors: Iterable[BuilderError], counts: tuple[int, int, int, int] | None = None):
        self.errors = tuple(sorted(errors, key=lambda e: (e.file or "", e.line or 0, str(e))))
        self.counts = counts  # (inputs, published, skipped, rejected) when a build computed them
        super().__init__(f"{len(self.errors)} error(s)")

    def tally(self) -> str:
        """'N input files: P would be published, S skipped, R rejected', or ''."""
        if self.counts is None:
            return ""
        inputs, published, skipped, rejected = self.counts
        return (f"{inputs} input files: {published} would be published, {skipped} skipped, "
                f"{rejected} rejected")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class InternalError(Exception):
    """A bug in the builder, not a problem with the input: what it was doing, and the traceback text."""

    def __init__(self, doing: str, details: str):
        super().__init__(doing)
        self.doing, self.details = doing, details  # e.g. 'loading content/x.md'; the formatted traceback

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Pickle by fields: worker processes send it back with the traceback they saw."""
        return InternalError, (self.doing, self.details)

    def __str__(self) -> str:
        last = self.details.strip().splitlines()[-1:] or ["unknown error"]
        return f"internal error while {self.doing} ({last[0][:200]})"


def display_path(path: Path | str) -> str:
    """A path as the user typed it where possible: relative to the working folder."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def suggest(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for an unknown key, or a list of the valid ones."""
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "valid keys: " + ", ".join(options)
