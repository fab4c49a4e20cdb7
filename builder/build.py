"""The build, start to finish: content → load → site → pages → render → write.

``build(options) -> BuildReport`` reads as a description of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.cite import citation_files
from builder.config import Config
from builder.data import data_files
from builder.errors import ContentErrors
from builder.load import load_content
from builder.pages import chrome_for, plan_pages
from builder.render import make_environment, render_pages
from builder.search import search_files
from builder.site import build_site, check_duplicates
from builder.urls import Urls
from builder.write import merge, write_site


@dataclass(frozen=True, slots=True)
class BuildReport:
    inputs: int
    statements: int
    pages: int
    skipped: tuple[tuple[str, str], ...]
    output: Path

    def summary(self) -> str:
        return (f"Built {self.statements} statement{'s' * (self.statements != 1)} into {self.pages} pages "
                f"({self.inputs} input files, {len(self.skipped)} skipped): site is in {self.output}/")


def build(config: Config, content: Path, output: Path) -> BuildReport:
    """Build the whole site into ``output``; raises ContentErrors listing every problem."""
    loaded = load_content(content, config.language)
    errors = list(loaded.errors) + check_duplicates(loaded.statements)
    if errors:
        raise ContentErrors(errors)
    site = build_site(loaded.statements, config)
    pages = plan_pages(site)
    rendered = render_pages(pages, make_environment(config.root / "templates"), chrome_for(site))
    u = Urls(config.base_url, config.base_path)
    files = merge([("pages", rendered), ("static/", static_files(config.root / "static")),
                   ("data", data_files(site.statements, u)),
                   ("citations", citation_files(site.statements, u, config.title)),
                   ("github", {".nojekyll": b""}),
                   ("search", search_files(rendered, config.base_path) if config.search else {})])
    write_site(files, output)
    html_pages = sum(1 for p in rendered if p.endswith(".html"))
    return BuildReport(len(loaded.inputs), len(site.statements), html_pages, loaded.skipped, output)


def static_files(folder: Path) -> dict[str, bytes]:
    """Every file under static/, to be published under static/."""
    if not folder.is_dir():
        return {}
    return {"static/" + p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}
