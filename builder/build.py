"""The build, start to finish: content → load → site → pages → render → write.

``build(options) -> BuildReport`` reads as a description of the site.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import jinja2

from builder import urls
from builder.about import load_about
from builder.budget import Budget, budget
from builder.cache import LoadCache
from builder.citations import format_all
from builder.config import Config
from builder.data import data_outputs
from builder.errors import BuilderError, ContentErrors
from builder.load import LoadResult, load_content
from builder.pages import (
    PageGroup,
    chrome_for,
    data_page,
    page_groups,
    sitemap_entry,
    sitemap_pages,
)
from builder.produce import Entry, Files, Job, default_workers, produce
from builder.progress import Progress
from builder.render import make_environment, preload, render_each, render_page
from builder.search import search_files
from builder.site import Site, build_site, check_duplicates
from builder.urls import Urls, output_file
from builder.views import Chrome
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

    def summary(self) -> str:
        return (f"Built {self.statements} statement{'s' * (self.statements != 1)} into {self.pages} pages "
                f"({self.inputs} input files: {self.statements} published, {len(self.skipped)} skipped, "
                f"{self.rejected} rejected; {len(self.warnings)} warning{'s' * (len(self.warnings) != 1)}), "
                f"wrote {self.written} of {self.files} files: site is in {self.output}/")


def build(config: Config, content: Path, output: Path, *, strict: bool = False, keep_going: bool = False,
          cache_dir: Path | None = None, fresh: bool = False, workers: int | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build the whole site into ``output``; raises ContentErrors listing every problem.

    ``strict``: warnings are errors. ``keep_going``: statements with errors are left
    out (and listed in the report) instead of failing the build. ``cache_dir``:
    where loaded statements are remembered by content hash (None: nowhere).
    ``fresh``: write every file, as on a first build. ``workers``: processes
    for rendering (default: one per available core).
    """
    progress = progress or Progress.quiet()
    collecting = gc.isenabled()
    gc.disable()  # see ``settled``
    try:
        return build_stages(config, content, output, strict, keep_going, cache_dir, fresh, workers, progress)
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
                 cache_dir: Path | None, fresh: bool, workers: int | None, progress: Progress) -> BuildReport:
    workers = workers or default_workers()
    progress.start("load")
    loaded = load_cached(content, config.language, cache_dir, progress, workers)
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
    site = build_site(published, config, load_about(content))
    progress.start("citations")
    site = replace(site, citations=format_all(site.statements, Urls(config.base_url, config.base_path), config.title,
                                              cache_dir, workers))
    env = make_environment(config.root / "templates")
    preload(env)
    settled()
    with SiteUpdate(output, fresh=fresh) as update:
        progress.start("render")
        produced = produce(output_jobs(site, env), update.target, workers, progress)
        origins = dict(produced.paths)
        written = produced.written + add_sitemap(site, env, produced.entries, update.target, origins)
        written += add_search(site, update.target, origins, progress) if config.search else 0
        progress.start("write")
        paths = set(origins)
        update.publish(paths)
        sizes = budget(published_sizes(output, paths | {MARKER}), len(site.statements))
    progress.report()
    html_pages = sum(1 for p in paths if p.endswith(".html") and not p.startswith(("static/", "pagefind/")))
    return BuildReport(len(loaded.inputs), len(site.statements), html_pages, loaded.skipped, output,
                       tuple(warnings), ContentErrors(errors).errors, counts[3], len(paths) + 1, written, sizes)


def published_sizes(output: Path, paths: Iterable[str]) -> list[tuple[str, int]]:
    """(path, bytes) of each file of the site just published into ``output``."""
    return [(path, os.stat(os.path.join(output, path)).st_size) for path in paths]


def load_cached(content: Path, language: str, cache_dir: Path | None, progress: Progress,
                workers: int) -> LoadResult:
    cache = LoadCache(cache_dir)
    if cache.problem:
        progress.say(f"note: {cache.problem}; building without it. Delete that folder, or pass another "
                     "--cache-dir, to cache again", sys.stderr)
    try:
        return load_content(content, language, cache, progress, workers)
    finally:
        cache.close()


def output_jobs(site: Site, env: jinja2.Environment) -> list[Job]:
    """Everything the site holds but the sitemap, as jobs the workers share out."""
    config = site.config
    chrome = chrome_for(site)
    u = Urls(config.base_url, config.base_path)
    jobs = [Job(g.name, lambda g=g: render_group(g, env, chrome), g.size) for g in page_groups(site)]  # type: ignore[misc]
    count = len(site.statements)
    jobs += [Job("data", lambda: data_files(site, u, env, chrome), count + count // 4),
             files_job("static/", lambda: static_files(config.root / "static").items()),
             files_job("github", lambda: github_files(config).items())]
    return jobs


def render_group(g: PageGroup, env: jinja2.Environment, chrome: Chrome) -> Files:
    pages = g.plan()
    for (path, data), p in zip(render_each(pages, env, chrome), pages):
        yield path, data, sitemap_entry(p)


def data_files(site: Site, u: Urls, env: jinja2.Environment, chrome: Chrome) -> Files:
    """The data downloads, then the Data page, which lists them with their sizes."""
    sizes: dict[str, int] = {}
    for path, data in data_outputs(site.statements, u, site.config.title):
        sizes[path] = len(data) if isinstance(data, bytes) else os.fstat(data.fileno()).st_size
        yield path, data, None
    p = data_page(site, sizes)
    yield output_file(p.path), render_page(p, env, chrome), sitemap_entry(p)


def files_job(name: str, make: Callable[[], Iterable[tuple[str, bytes | BinaryIO]]], size: int = 1) -> Job:
    """A job for files that are not pages (no sitemap entries)."""
    return Job(name, lambda: ((path, data, None) for path, data in make()), size)


def add_sitemap(site: Site, env: jinja2.Environment, entries: list[Entry], target: Generation,
                origins: dict[str, str]) -> int:
    """The sitemap (or a sitemap index and its parts) lists the pages the workers reported; made last, here."""
    chrome = chrome_for(site)
    pages = sitemap_pages(site, entries)
    claim(origins, [output_file(p.path) for p in pages], "the sitemap")
    return sum(target.put(output_file(p.path), render_page(p, env, chrome)) for p in pages)


def add_search(site: Site, target: Generation, origins: dict[str, str], progress: Progress) -> int:
    """Index the statement pages just written; the bundle joins the site. Returns files written."""
    progress.start("search")
    statement_files = [output_file(urls.statement(s.slug)) for s in site.statements]
    bundle = search_files(target.folder, statement_files, site.config.base_path)
    claim(origins, sorted(bundle), "search")
    return sum(target.put(path, data) for path, data in bundle.items())


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
