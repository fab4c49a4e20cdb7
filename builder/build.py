"""The build, start to finish: content → load → site → plan → render → write.

``build(options) -> BuildReport`` reads as a description of the site.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from builder import urls
from builder.about import load_about
from builder.budget import Budget, Tally
from builder.cache import LoadCache
from builder.citations import format_all
from builder.config import Config
from builder.data import DataMemo
from builder.data_job import DataStage
from builder.digests import Digests
from builder.errors import BuilderError, ContentErrors, InternalError
from builder.load import LoadResult, load_content
from builder.manifest import Held, Manifests
from builder.pages import Page, chrome_for, urls_of
from builder.plan import Planned, planning
from builder.plan_memo import PlanMemo
from builder.produce import Job, Renderer, default_workers, produce
from builder.progress import Progress
from builder.render import make_environment, preload
from builder.search import (Shard, pagefind_version, plan_shards, search_index, tidy_shards, version_asked,
                            writing_order)
from builder.site import Site, build_site, check_duplicates
from builder.unchanged import Inputs, Record, last_build, read_inputs
from builder.urls import Urls, output_file
from builder.workers import in_background
from builder.write import MARKER, Generation, SiteUpdate


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did. Every input is published, skipped or rejected: inputs == the three summed."""

    inputs: int
    statements: int  # published
    pages: int
    skipped: tuple[tuple[str, str], ...]  # (file, why), e.g. a raw .txt shadowed by its .md
    output: Path
    warnings: tuple[BuilderError, ...] = ()  # published anyway; `--strict` makes them errors
    errors: tuple[BuilderError, ...] = ()  # left out by `--keep-going`; empty otherwise
    rejected: int = 0  # input files named in ``errors``
    files: int = 0  # files in the site
    written: int = 0  # of which new or changed in this build
    budget: Budget = Budget((), 0)  # the site's size by part
    unchanged: bool = False  # nothing to do: the output is what a build of the same inputs published

    def summary(self) -> str:
        done = "nothing changed since the last build, " if self.unchanged else ""
        return (f"Built {self.statements} statement{'s' * (self.statements != 1)} into {self.pages} pages "
                f"({self.inputs} input files: {self.statements} published, {len(self.skipped)} skipped, "
                f"{self.rejected} rejected; {len(self.warnings)} warning{'s' * (len(self.warnings) != 1)}), "
                f"{done}wrote {self.written} of {self.files} files: site is in {self.output}/")


def build(config: Config, content: Path, output: Path, *, strict: bool = False, keep_going: bool = False,
          cache_dir: Path | None = None, fresh: bool = False, workers: int | None = None,
          progress: Progress | None = None, on_published: Callable[[Site], None] | None = None) -> BuildReport:
    """Build the whole site into ``output``; raises ContentErrors listing every problem.

    ``strict``: warnings are errors. ``keep_going``: statements with errors are left
    out (and listed in the report) instead of failing the build. ``cache_dir``:
    where loaded statements are remembered by content hash (None: nowhere).
    ``fresh``: write every file, as on a first build. ``workers``: processes
    for rendering (default: one per available core). ``on_published``: called with the
    ``Site`` once it is published (``archive serve`` keeps it for previews).
    """
    progress = progress or Progress.quiet()
    collecting = gc.isenabled()
    gc.disable()  # see ``settled``
    try:
        return build_stages(config, content, output, strict, keep_going, cache_dir, fresh, workers, progress,
                            on_published)
    finally:
        progress.finish()  # a terminal's progress line is cleared before any error is printed
        gc.unfreeze()
        (gc.enable if collecting else gc.disable)()


def settled() -> None:
    """After the model is built: what exists now lives until the build ends, so the cycle collector skips it.

    Loading and the site model allocate millions of objects and free few. With
    the collector on, each full collection walks all of them again: a fifth of
    the load time at 100,000 statements. It is paused until here, then the
    survivors are frozen (``gc.freeze``, also what forked workers should see)
    and collection resumes for rendering, which makes short-lived garbage.
    """
    gc.freeze()
    gc.enable()


def build_stages(config: Config, content: Path, output: Path, strict: bool, keep_going: bool,
                 cache_dir: Path | None, fresh: bool, workers: int | None, progress: Progress,
                 on_published: Callable[[Site], None] | None = None) -> BuildReport:
    workers = workers or default_workers()
    progress.start("inputs")
    inputs = read_inputs(config, content, (strict, keep_going), workers)
    last = last_build(cache_dir, output, inputs.key) if cache_dir and not fresh else None
    if last is not None:
        progress.report()
        return replace(last, output=output, written=0, unchanged=True)
    with in_background(BESIDE) as beside:  # (forked now, while this process holds little: see ``in_background``)
        return model_and_site(config, content, output, strict, keep_going, cache_dir, fresh, workers, progress,
                              on_published, inputs, beside)


BESIDE = "making the data downloads and the search index beside the pages"


def model_and_site(config: Config, content: Path, output: Path, strict: bool, keep_going: bool,
                   cache_dir: Path | None, fresh: bool, workers: int, progress: Progress,
                   on_published: Callable[[Site], None] | None, inputs: Inputs, beside: Executor) -> BuildReport:
    """The stages after the inputs: load, the site model, citations, data, plan, render, search, write.
    ``beside``: one worker process for the data files and the search index, made while pages render."""
    key = inputs.key
    version = version_asked() if config.search else None  # (answered by the search stage: see ``version_asked``)
    progress.start("load")
    loaded = load_cached(content, config.language, cache_dir, progress, workers, inputs.content)
    warnings = list(loaded.warnings)
    errors = list(loaded.errors) + check_duplicates(loaded.statements) + (warnings if strict else [])
    warnings = [] if strict else warnings
    bad = {e.file for e in errors}
    counts = reconcile(loaded, bad)
    if errors and not keep_going:
        raise ContentErrors(errors, counts=counts)
    progress.start("site")
    published = tuple(s for s in loaded.statements if s.path not in bad)
    if not published:  # Pagefind cannot index nothing: an empty archive has no search page
        config = config.with_overrides(search=False)
    site = build_site(published, config, load_about(content), cache_dir)
    digests = Digests.loaded(loaded.statements, loaded.digests)  # (each is made again if the site replaced it)
    progress.start("citations")
    site = replace(site, citations=format_all(site.statements, Urls(config.base_url, config.base_path), config.title,
                                              cache_dir, workers, digests))
    templates = config.root / "templates"
    compiled = cache_dir / "templates" if cache_dir else None
    preload(make_environment(templates, compiled))  # a template's syntax error is reported before any work
    manifests = Manifests(cache_dir)
    with SiteUpdate(output, fresh=fresh) as update:
        held = manifests.held(update.target.token())  # what this generation holds, if its record is at hand
        update.target.forget()
        progress.start("data")  # the years the data memo lacks; the files are joined and written beside rendering
        making = DataStage(site.statements, urls_of(site), config.title, DataMemo(cache_dir, digests), workers,
                           update.target, held.pages, beside)
        progress.start("plan")
        planned: list[tuple[str, str, bytes]] = []  # (file, group, fingerprint) of every page, in plan order
        plan = PlanParts(planning(site, templates, making.sizes, PlanMemo(cache_dir, fresh), digests), "statements")
        settled()
        progress.start("render")  # planning goes on here: each page is rendered as it is planned
        renderer = Renderer(templates, chrome_for(site), update.target, compiled)
        produced = produce(unheld(plan.first(), held.pages, planned), [], renderer, workers, progress)
        searching = beside.submit(add_search, search_job(site, update, workers, cache_dir, planned, version,
                                                             ChainMap(produced.sizes, held.files))
                                      ) if config.search else None
        produced = produced.joined(produce(unheld(plan.rest(), held.pages, planned), file_jobs(site), renderer,
                                           workers, progress))
        data = making.result()  # (waited for when the Data page was planned)
        origins = dict.fromkeys(data.sizes, "the data files")
        for path, producer in sorted(produced.paths.items()):
            claim(origins, [path], producer)
        for group, files in groupby(planned, key=lambda p: p[1]):
            claim(origins, [file for file, _, _ in files], group)
        written = data.written + produced.written
        kept = {**data.fingerprints, **{file: mark for file, _, mark in planned}}
        files = sizes_of(origins, produced.sizes, data.sizes, held.files, update.target.folder)  # (not search's)
        tally = Tally()  # the site's size by part
        progress.start("write")  # (while Pagefind may still be indexing, on the other core)
        update.prune(set(origins), frozenset({urls.PAGEFIND.rstrip("/")}) if searching else frozenset(),
                     listed=held.files)
        if searching is None and held.files:  # (a walk would have removed it)
            update.target.remove(urls.PAGEFIND)
        tally.add(files.items())
        if searching is not None:
            progress.start("search")  # what is left of it: the wait
            found, searched, failure = searching.result()  # (searched: path → size)
            if failure is not None:
                raise failure
            written += found
            claim(origins, list(searched), "search")
            progress.start("write")
            tally.add(searched.items())
        paths = set(origins)
        update.publish(manifests.keep(Held(kept, files)), key.hex())  # (the marker is not counted)
        tally.add(file_sizes(output, [MARKER]))
        sizes = tally.budget(len(site.statements))
    progress.report()
    html_pages = sum(1 for p in paths if p.endswith(".html") and not p.startswith(("static/", "pagefind/")))
    report = BuildReport(len(loaded.inputs), len(site.statements), html_pages, loaded.skipped, output,
                         tuple(warnings), ContentErrors(errors).errors, counts[3], len(paths) + 1, written, sizes)
    if cache_dir:
        Record(key, report).save(cache_dir, output)
    if on_published:
        on_published(site)
    return report


def unheld(planning: Iterable[Planned], held: dict[str, bytes], planned: list[tuple[str, str, bytes]]) -> Iterator[Page]:
    """The pages whose fingerprint the generation being updated does not hold, as they are planned; every
    planned page's (file, group, fingerprint) goes into ``planned``."""
    for p in planning:
        planned.append((p.file, p.group, p.fingerprint))
        if held.get(p.file) != p.fingerprint:
            yield p.made()


def sizes_of(paths: Iterable[str], made: dict[str, int], data: Mapping[str, int], held: Mapping[str, int | None],
             folder: Path) -> dict[str, int]:
    """``made`` (the size of each page rendered and file made by this build) with the size of each other of
    ``paths`` in the generation ``folder`` added: a data file's as the data stage gave it (``data``), else as the
    record of the build that made the generation says (``held``: a page this build left as it was), else (in
    neither) as the file system says. One table, filled in place: 470,000 files at 100,000 statements. After
    an edit at 10,000 statements (63,000 files, a few hundred made), the stat of every file took 0.3-0.5 s."""
    for path in paths:
        if path not in made:
            size = data.get(path)
            if size is None:
                size = held.get(path)
            made[path] = os.stat(os.path.join(folder, path)).st_size if size is None else size
    return made


def file_sizes(folder: Path, paths: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(path, size in bytes) of each of ``paths`` in ``folder`` (a generation of the site: its files are the
    published site's once it is swapped in), one at a time."""
    return ((path, os.stat(os.path.join(folder, path)).st_size) for path in paths)


def load_cached(content: Path, language: str, cache_dir: Path | None, progress: Progress,
                workers: int, digests: Mapping[str, bytes] | None = None) -> LoadResult:
    cache = LoadCache(cache_dir)
    if cache.problem:
        progress.say(f"note: {cache.problem}; building without it. Delete that folder, or pass another "
                     "--cache-dir, to cache again", sys.stderr)
    try:
        return load_content(content, language, cache, progress, workers, digests)
    finally:
        cache.close()


def file_jobs(site: Site) -> list[Job]:
    """The files that are neither pages nor data (nor the search bundle), made while pages render."""
    config = site.config
    return [Job("static/", lambda: static_files(config.root / "static").items()),
            Job("github", lambda: github_files(config).items())]


class PlanParts:
    """The plan in two parts, read one after the other: ``first()`` up to the last page of ``group``,
    ``rest()`` the pages after it."""

    def __init__(self, planning: Iterable[Planned], group: str):
        self.planning, self.group = iter(planning), group
        self.after: list[Planned] = []  # the first page of the rest, once ``first`` has met it

    def first(self) -> Iterator[Planned]:
        seen = False
        for p in self.planning:
            if p.group == self.group:
                seen = True
            elif seen:
                self.after.append(p)
                return
            yield p

    def rest(self) -> Iterator[Planned]:
        yield from self.after
        yield from self.planning


@dataclass(frozen=True, slots=True)
class SearchJob:
    """What indexing the statement pages needs, sent to a worker process (``add_search``)."""

    target: Generation  # the generation being updated, which holds the pages
    served: Path  # the other generation, whose shards may be copied
    shards: tuple[Shard, ...]
    base_path: str
    workers: int  # Pagefind processes at a time
    store: Path | None  # the cache folder's copy of the shards (``<cache>/search``)
    planned: dict[str, bytes]  # each statement page's plan fingerprint (the shards' fingerprints are made of them)
    version: str  # Pagefind's
    sizes: dict[str, int]  # the statement pages' sizes, where known


def search_job(site: Site, update: SiteUpdate, workers: int, cache_dir: Path | None,
               planned: Iterable[tuple[str, str, bytes]], version: Callable[[], str] | None,
               sizes: Mapping[str, int | None]) -> SearchJob:
    """The search stage's job, once the statement pages are written: ``planned``, the pages planned so far
    (file, group, fingerprint); ``sizes``: pages' sizes where known (None: unknown)."""
    shards = plan_shards((s.date.year, output_file(urls.statement(s.slug))) for s in site.statements)
    pages = {page for shard in shards for page in shard.pages}
    marks = {file: mark for file, _, mark in planned if file in pages}
    known = {page: size for page in pages if (size := sizes.get(page)) is not None}
    return SearchJob(update.target, update.output, shards, site.config.base_path, workers,
                     cache_dir / "search" if cache_dir else None, marks, (version or pagefind_version)(), known)


def add_search(job: SearchJob) -> tuple[int, dict[str, int], BuilderError | InternalError | None]:
    """Index the statement pages, one shard per year; the shards join the target generation. Returns (files
    written, the search index's paths with their sizes in bytes, for the build to claim and count, and the
    error that stopped it or None); never raises (a worker's traceback would be lost). The sizes are found
    here, beside the build: after an edit at 10,000 statements, the 10,664 files' ``stat`` took the build's
    own process 0.03 s alone, 0.07 s in a build (py-spy), at its end, when nothing else is left to do.

    Run by the worker beside the build (``BESIDE``, after the data files) as soon as the statement pages are
    written, while the build's own process plans and renders the other pages and prunes the generation
    (``model_and_site``). The figures below are from a worker of its own, forked when this was sent (one
    forked before loading is quicker: ``workers.in_background``). In a thread of the build's
    process, the thread's file-system calls (each page linked into Pagefind's scratch site) waited for the
    planning to let go of the interpreter, and the build after an edit at 10,000 statements gained nothing.
    In a worker, after an edit at 10,000 statements (six builds each, alternated with the code before, 2 cores),
    the build took 5.06-5.35 s (median 5.13) instead of 4.98-6.18 s (median 5.59): the wait for the search
    0.003 s instead of 0.55-0.88 s, rendering 0.2-0.4 s longer (Pagefind shares the cores), and the build's
    largest process 255-258 MB instead of 245-248 (the worker, forked from it).
    A shard re-indexed or copied replaces its folder as soon as it is ready (``Generation.replace_folder``: its
    fingerprint deleted first and written last; files with the same bytes kept as they are).
    """
    written = 0
    paths: dict[str, int] = {}

    def put(shard: Shard, files: dict[str, bytes]) -> None:
        nonlocal written
        paths.update((path, len(files[path])) for path in sorted(files))
        written += job.target.replace_folder(shard.folder, files, writing_order(files))

    try:
        index = search_index(job.target.folder, job.served, job.shards, job.base_path, put, job.workers, job.store,
                             job.planned, lambda: job.version, job.sizes)
        tidy_shards(job.target.folder, job.shards)
    except (BuilderError, InternalError) as exc:
        return written, paths, exc
    except Exception:  # noqa: BLE001 (a bug: sent back with its traceback, raised by the build)
        return written, paths, InternalError("indexing the search", traceback.format_exc())
    return written, {**paths, **dict(file_sizes(job.target.folder, index.kept))}, None


def claim(origins: dict[str, str], paths: list[str], owner: str) -> None:
    """Record ``paths`` as ``owner``'s; a path another producer (static/, pages) made already is an error."""
    clash = sorted(origins.keys() & set(paths))
    if clash:
        raise BuilderError(f"two outputs at one path: '{clash[0]}' from {origins[clash[0]]} and {owner}",
                           hint="rename the static file")
    origins.update(dict.fromkeys(paths, owner))


def reconcile(loaded: LoadResult, bad: set[str | None]) -> tuple[int, int, int, int]:
    """(inputs, published, skipped, rejected); every input must be exactly one of the last three."""
    published = {s.path for s in loaded.statements} - bad
    skipped = {file for file, _ in loaded.skipped}
    counts = [0, 0, 0]
    for shown in loaded.shown:
        fates = [shown in published, shown in skipped, shown in bad]
        if sum(fates) != 1:
            raise AssertionError(f"internal error: input {shown} is {'in no' if not any(fates) else 'in several'}"
                                 " of published, skipped, rejected")
        counts[fates.index(True)] += 1
    return (len(loaded.shown), *counts)


def github_files(config: Config) -> dict[str, bytes]:
    """.nojekyll (serve files as they are) and CNAME when the config names a custom domain."""
    files = {".nojekyll": b""}
    if config.cname:
        files["CNAME"] = (config.cname + "\n").encode("ascii")
    return files


def static_files(folder: Path) -> dict[str, bytes]:
    """Every file under static/, to be published under static/."""
    if not folder.is_dir():
        return {}
    return {"static/" + p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}
