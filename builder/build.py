"""The build, start to finish: content → load → site → pages → render → write.

``build(options) -> BuildReport`` reads as a description of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.cite import citation_files
from builder.config import Config
from builder.data import data_files
from builder.errors import BuilderError, ContentErrors
from builder.load import LoadResult, load_content
from builder.pages import chrome_for, plan_pages
from builder.render import make_environment, render_pages
from builder.search import search_files
from builder.site import build_site, check_duplicates
from builder.urls import Urls
from builder.write import merge, write_site


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

    def summary(self) -> str:
        return (f"Built {self.statements} statement{'s' * (self.statements != 1)} into {self.pages} pages "
                f"({self.inputs} input files: {self.statements} published, {len(self.skipped)} skipped, "
                f"{self.rejected} rejected; {len(self.warnings)} warning{'s' * (len(self.warnings) != 1)}): "
                f"site is in {self.output}/")


def build(config: Config, content: Path, output: Path, *, strict: bool = False,
          keep_going: bool = False) -> BuildReport:
    """Build the whole site into ``output``; raises ContentErrors listing every problem.

    ``strict``: warnings are errors. ``keep_going``: statements with errors are left
    out (and listed in the report) instead of failing the build.
    """
    loaded = load_content(content, config.language)
    warnings = list(loaded.warnings)
    errors = list(loaded.errors) + check_duplicates(loaded.statements) + (warnings if strict else [])
    warnings = [] if strict else warnings
    bad = {e.file for e in errors}
    counts = reconcile(loaded, bad)
    if errors and not keep_going:
        raise ContentErrors(errors, counts=counts)
    statements = tuple(s for s in loaded.statements if s.path not in bad)
    site = build_site(statements, config)
    pages = plan_pages(site)
    rendered = render_pages(pages, make_environment(config.root / "templates"), chrome_for(site))
    u = Urls(config.base_url, config.base_path)
    files = merge([("pages", rendered), ("static/", static_files(config.root / "static")),
                   ("data", data_files(site.statements, u)),
                   ("citations", citation_files(site.statements, u, config.title)),
                   ("github", github_files(config)),
                   ("search", search_files(rendered, config.base_path) if config.search else {})])
    write_site(files, output)
    html_pages = sum(1 for p in rendered if p.endswith(".html"))
    return BuildReport(len(loaded.inputs), len(site.statements), html_pages, loaded.skipped, output,
                       tuple(warnings), ContentErrors(errors).errors, counts[3])


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
