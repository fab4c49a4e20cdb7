"""Serve stage, preview: an edited statement's page at once, from the model of the last build.

``archive serve`` keeps the ``Site`` of its last good build (``Model``). When a
saved file is a statement that site holds, and only its wording changed (body,
title or lead: nothing that places it in the site, such as its date, slug,
entities or versions), its page is made from that ``Site`` with the statement
read afresh, exactly as the build plans and renders it, and served before the
build runs. Its year's search shard is indexed again next, from the served
pages (``search_shard``), so search finds the new wording before the build is
done. The build that follows brings everything else up to date (lists, related
statements, data, the other generation), and serve reloads the browser again.

Anything else (a new, deleted, renamed or broken file, a changed date or
entity, a template or setting) gets no preview: the build alone shows it.
The page is a preview of the same bytes the build writes for it unless the
edit also changes what the site derives from the text (syndicated copies): the
build corrects that page seconds later. ``builder.write.patch_served`` puts it
into the served site and takes its fingerprint out of that generation's table,
so no later build can keep it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from builder import urls
from builder.errors import BuilderError, InternalError
from builder.load import parse_file, read_content, shown_as, with_original
from builder.model import Statement
from builder.pages import chrome_for, group, urls_of
from builder.render import make_environment, render_page
from builder.search import plan_shards, search_index
from builder.site import Site
from builder.statement_pages import statement_pages
from builder.urls import output_file

WORDING = ("title", "lead", "body", "body_html", "references", "shingles", "mentioned")  # what may differ for a preview


@dataclass(frozen=True, slots=True)
class Model:
    """What the last good build published from: its site, content folder and templates."""

    site: Site
    content: Path
    templates: Path


@dataclass(frozen=True, slots=True)
class Preview:
    file: str  # the output file, e.g. 'statements/x/index.html'
    data: bytes
    statement: str  # the content file, as messages name it
    year: int  # of the statement's date: its search shard


def preview(model: Model, changed: Path) -> Preview | None:
    """The page of the statement in ``changed`` (a saved file), or None when there is nothing to preview."""
    fresh = reread(model, changed)
    if fresh is None:
        return None
    old = next((s for s in model.site.statements if s.path == fresh.path), None)
    if old is None or not same_place(old, fresh):
        return None
    site = replace(model.site, citations={k: v for k, v in model.site.citations.items() if k[0] != fresh.id})
    u = urls_of(site)
    page = next(group("statements", lambda: statement_pages(site, u, (fresh,)), u).plan())
    try:
        data = render_page(page, make_environment(model.templates), chrome_for(site))
    except (BuilderError, InternalError):  # the build reports it
        return None
    return Preview(output_file(page.path), data, fresh.path, fresh.date.year)


def search_shard(model: Model, served: Path, year: int) -> dict[str, bytes]:
    """The search shard of ``year`` indexed afresh from the served site's statement pages, previewed page
    included: {'pagefind/<year>/…': bytes}, for ``builder.write.replace_served_folder``."""
    pages = ((s.date.year, output_file(urls.statement(s.slug))) for s in model.site.statements if s.date.year == year)
    files: dict[str, bytes] = {}
    search_index(served, None, plan_shards(pages), model.site.config.base_path, lambda _, bundle: files.update(bundle))
    return files


def reread(model: Model, changed: Path) -> Statement | None:
    """The statement in ``changed``, read as loading reads it; None if it is not a readable ``.md`` statement."""
    content = model.content.absolute()
    path = changed.absolute()
    if path.suffix != ".md" or content not in path.parents or not path.is_file():
        return None
    name = path.relative_to(content).as_posix()
    shown = shown_as(model.content, [name])[0]
    try:
        item = parse_file(path, read_content(path, shown), name, shown, model.site.config.language)
        return with_original(item, path, model.content)
    except Exception:  # noqa: BLE001 (bad input or a bug: the build that follows reports either)
        return None


def same_place(old: Statement, new: Statement) -> bool:
    """Only the wording differs: the site's indexes, built from the old statement, still place the new one."""
    return replace(new, **{name: getattr(old, name) for name in WORDING}) == old and new != old
