"""Data stage, beside rendering: the files of data/ joined and written by a worker process while the build's
own process plans and renders the pages.

Only the Data page reads what the data stage makes (the files' sizes), and it is
planned last; so the build sends the worker that works beside it
(``build.BESIDE``) a ``DataJob``: where each year's part is kept in the cache
folder (``data.DataMemo``), the year or two the memo lacks (after an edit, one)
with their statements, the original texts to list, and the data files the
generation being updated holds. The worker makes the missing years and keeps
them, reads the others back, joins them (``data.joined``) and writes the files
(``produce.write_files``); the build waits for it when the Data page is planned.
More missing years (a first build) are made in the build's workers first, as
before, and only their places sent.

Without a cache folder (nowhere to keep the parts), or when a part cannot be
stored, the stage runs in the build's own process as before; so it does, after
the worker, when a kept part turns out unreadable (the worker's files are then
written again: the same bytes).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

from builder import data
from builder.data import (
    DOING,
    DataMemo,
    Originals,
    YearPart,
    by_year,
    data_outputs,
    data_paths,
    joined,
    keep,
    year_originals,
)
from builder.errors import BuilderError, InternalError
from builder.manifest import stored
from builder.model import Statement
from builder.produce import Written, write_files
from builder.shipping import shipped, unshipped
from builder.urls import Urls
from builder.write import Generation

# Years the data memo lacks, at most, made by the worker (sent to it ``shipped``: 0.013 s for a year of 345
# statements, whose part takes 0.13 s to make); more (a first build) are made in the build's workers first,
# as shipping each statement would cost more (0.55 s for 10,000) and put a copy of them all in the worker.
SHIPPED_YEARS = 2


@dataclass(frozen=True, slots=True)
class DataJob:
    """What joining and writing the files of data/ needs, sent to a worker (``run_data_job``)."""

    parts: tuple[Path, ...]  # each year's part, in the cache folder, oldest year first
    made: tuple[tuple[int, bytes], ...]  # (index, ``year_part``'s arguments ``shipped``) of the parts to make
    originals: tuple[Originals, ...]  # each year's original texts
    count: int  # statements
    target: Generation  # the generation being updated
    held: dict[str, bytes]  # the data files it holds: path → fingerprint (``builder.manifest``)


class Unreadable(Exception):
    """A part the data memo keeps could not be read back (damaged since the build looked)."""


def run_data_job(job: DataJob) -> tuple[Written | None, BuilderError | InternalError | None]:
    """(what was written, None); (None, the error that stopped it); (None, None) when a kept part could not be
    read. Never raises (a worker's traceback would be lost)."""
    try:
        return write_files(joined(zip(year_parts(job), job.originals, strict=True), job.count),
                           job.target, job.held), None
    except Unreadable:
        return None, None
    except (BuilderError, InternalError) as exc:
        return None, exc
    except Exception:  # noqa: BLE001 (a bug: sent back with its traceback, raised by the build)
        return None, InternalError(DOING, traceback.format_exc())


def year_parts(job: DataJob) -> Iterator[YearPart]:
    """Each year's part, oldest first: made (and kept in the cache folder) or read back."""
    made = dict(job.made)
    for i, path in enumerate(job.parts):
        if i in made:
            part = data.year_part(*unshipped(made[i]))
            keep(path, part)
        else:
            part = stored(path, YearPart)
            if part is None:
                raise Unreadable(path)
        yield part


@dataclass(frozen=True, slots=True)
class HereInputs:
    """What the data stage needs to run in the build's own process (``DataStage.here``)."""

    statements: tuple[Statement, ...]
    u: Urls
    site_title: str
    memo: DataMemo
    workers: int
    target: Generation


class DataStage:
    """The data stage, started: in ``pool`` (one worker) when the memo keeps every year's part, else done in
    the build's own process at once. ``result()`` waits for it: the files' sizes, fingerprints, how many
    were written. The data files ``held`` lists are taken out of it (no later stage needs them; the Data page,
    data/index.html, is a page and stays)."""

    def __init__(self, statements: tuple[Statement, ...], u: Urls, site_title: str, memo: DataMemo,
                 workers: int, target: Generation, held: dict[str, bytes], pool: Executor):
        self.inputs = HereInputs(statements, u, site_title, memo, workers, target)
        years = by_year(statements)
        originals = tuple(map(year_originals, years))
        self.held = {path: held.pop(path) for path in data_paths(years, originals) if path in held}
        self.done: Written | None = None
        self.future: Future[tuple[Written | None, BuilderError | InternalError | None]] | None = None
        kept = memo.kept(years, u, site_title, workers, leave=SHIPPED_YEARS)
        if kept is None:
            self.done = self.here()
            return
        memo.done()
        parts, missing = kept
        made = tuple((i, shipped((years[i], u, site_title, i == 0))) for i in missing)
        job = DataJob(parts, made, originals, len(statements), target, self.held)
        self.future = pool.submit(run_data_job, job)

    def here(self) -> Written:
        i = self.inputs
        return write_files(data_outputs(i.statements, i.u, i.site_title, i.memo, i.workers), i.target,
                           dict(self.held))

    def result(self) -> Written:
        if self.done is None:
            assert self.future is not None
            written, error = self.future.result()
            if error is not None:
                raise error
            self.done = written if written is not None else self.here()
        return self.done

    def sizes(self) -> dict[str, int]:
        """The data files' sizes (output path → bytes), once they are made."""
        return self.result().sizes
