"""The build, start to finish: content → load → site → plan → render → write.

``build(options) -> BuildReport`` reads as a description of the site.
"""

from __future__ import annotations

import gc
from itertools import groupby
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from builder import urls
from builder.about import load_about
from builder.budget import Budget, Tally
from builder.cache import LoadCache
from builder.citations import format_all
from builder.config import Config
from builder.data import DataMemo, data_outputs
from builder.digests import Digests
from builder.errors import BuilderError, ContentErrors
from builder.load import LoadResult, load_content
from builder.manifest import Held, Manifests
from builder.pages import Page, chrome_for, urls_of
from builder.plan import Planned, planning
from builder.plan_memo import PlanMemo
from builder.produce import Job, Renderer, default_workers, produce, write_files
from builder.progress import Progress
from builder.render import make_environment, preload
from builder.search import Shard, plan_shards, search_index, tidy_shards, version_asked, writing_order
from builder.site import Site, build_site, check_duplicates
from builder.unchanged import Record, last_build, read_inputs
from builder.urls import Urls, output_file
from builder.write import MARKER, SiteUpdate


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
    inputs = read_inputs(config, content, (strict, keep_going))
    key = inputs.key
    last = last_build(cache_dir, output, key) if cache_dir and not fresh else None
    if last is not None:
        progress.report()
        return replace(last, output=output, written=0, unchanged=True)
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
        progress.start("data")
        memo = DataMemo(cache_dir, digests)
        data = write_files(data_outputs(site.statements, urls_of(site), config.title, memo, workers),
                           update.target, held.pages)
        progress.start("plan")
        planned: list[tuple[str, str, bytes]] = []  # (file, group, fingerprint) of every page, in plan order
        todo = unheld(planning(site, templates, data.sizes, PlanMemo(cache_dir, fresh), digests), held.pages, planned)
        settled()
        progress.start("render")  # planning goes on here: each page is rendered as it is planned
        renderer = Renderer(templates, chrome_for(site), update.target, compiled)
        produced = produce(todo, file_jobs(site), renderer, workers, progress)
        origins = dict.fromkeys(data.sizes, "the data files")
        for path, producer in sorted(produced.paths.items()):
            claim(origins, [path], producer)
        for group, files in groupby(planned, key=lambda p: p[1]):
            claim(origins, [file for file, _, _ in files], group)
        written = data.written + produced.written
        kept = {**data.fingerprints, **{file: mark for file, _, mark in planned}}
        files = sizes_of(origins, produced.sizes, data.sizes, held.files, update.target.folder)  # (not search's)
        tally = Tally()  # the site's size by part
        if config.search:  # the pruning beside Pagefind, the search files' sizes after
            written += searched_while_pruning(site, update, origins, progress, workers, cache_dir, kept, tally,
                                              version, held.files, files)
            progress.start("write")
            tally.add(file_sizes(update.target.folder, [p for p, owner in origins.items() if owner == "search"]))
        else:
            progress.start("write")
            update.prune(set(origins), listed=held.files)
            if held.files:  # (a walk would have removed it)
                update.target.remove(urls.PAGEFIND)
            tally.add(files.items())
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


def searched_while_pruning(site: Site, update: SiteUpdate, origins: dict[str, str], progress: Progress,
                           workers: int, cache_dir: Path | None, planned: Mapping[str, bytes],
                           tally: Tally, version: Callable[[], str] | None = None,
                           listed: Mapping[str, int | None] | None = None,
                           sizes: Mapping[str, int] | None = None) -> int:
    """``add_search`` in a thread while this one prunes the target of what the build did not make, but for
    ``pagefind/`` (the search stage tidies that), and adds the other files' sizes to ``tally`` (for the size
    report): Pagefind indexes on the other core meanwhile. ``listed``: the files the target holds, from
    its record (``builder.manifest.Held``), if known; ``sizes``: the other files' sizes, if known. At 10,000
    statements after an edit, the search and
    write stages took 1.32-1.55 s together instead of 1.75-1.92 s (six builds each, alternated; with the
    shards' fingerprints from the plan); with the sizes read here rather than after publishing, the write
    stage 0.12-0.23 s instead of 0.41-0.46 s (six builds each, alternated). Returns the files search wrote."""
    progress.start("search")
    keep = set(origins)  # before search claims its own paths (in the thread)
    with ThreadPoolExecutor(max_workers=1) as pool:
        searching = pool.submit(add_search, site, update, origins, workers, cache_dir, planned, version, sizes)
        try:
            update.prune(keep, frozenset({urls.PAGEFIND.rstrip("/")}), listed or ())
            tally.add(sizes.items() if sizes is not None else file_sizes(update.target.folder, keep))
        finally:
            written = searching.result()  # (raises what the search raised)
    return written


def add_search(site: Site, update: SiteUpdate, origins: dict[str, str], workers: int,
               cache_dir: Path | None, planned: Mapping[str, bytes], version: Callable[[], str] | None = None,
               sizes: Mapping[str, int] | None = None) -> int:
    """Index the statement pages just written, one shard per year; the shards join the site. Returns files written.
    The cache folder keeps a copy of the shards (``<cache>/search``), for a build that has it but no site.
    ``planned``: each page's plan fingerprint, which the shards' fingerprints are made of; ``sizes``: the pages'
    sizes, where known.

    A shard re-indexed or copied replaces its folder as soon as it is ready (``Generation.replace_folder``: its
    fingerprint deleted first and written last; files with the same bytes kept as they are).
    """
    shards = plan_shards((s.date.year, output_file(urls.statement(s.slug))) for s in site.statements)
    written = 0

    def put(shard: Shard, files: dict[str, bytes]) -> None:
        nonlocal written
        claim(origins, sorted(files), "search")
        written += update.target.replace_folder(shard.folder, files, writing_order(files))

    index = search_index(update.target.folder, update.output, shards, site.config.base_path, put, workers,
                         cache_dir / "search" if cache_dir else None, planned, version, sizes)
    tidy_shards(update.target.folder, shards)
    claim(origins, list(index.kept), "search")
    return written


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
