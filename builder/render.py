"""Render stage: ``Page``s → {output path: bytes}, through one Jinja environment.

Autoescape is on for HTML and XML, undefined names are errors, and content is
only ever passed as data: a template never evaluates text from a statement.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from builder.errors import BuilderError, InternalError
from builder.pages import Page
from builder.plan import canonical
from builder.views import Chrome
from builder.xmlchars import xml_safe

PACKAGE = Path(__file__).resolve().parent


def make_environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The environment for ``templates``; ``compiled``: a cache folder for the templates' compiled code."""
    if not templates.is_dir():
        raise BuilderError("templates folder not found", file=str(templates),
                           hint="run archive from the project folder, or pass --config pointing into it")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=bytecode_cache(compiled),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals["once"] = fragment_renderer(env)
    return env


def bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates in ``folder``, one subfolder per Jinja version.

    Jinja keys each template's code by its name and checks it against a hash of
    the source, so an edited template is compiled again. Compiling the 22
    templates takes 0.08 s, loading their code 0.003 s (2 cores); a build
    compiled them twice (the syntax check, then the renderer) and each worker
    once more. Without a usable folder the templates are compiled as before.
    """
    if folder is None:
        return None
    where = folder / f"jinja-{jinja2.__version__}"
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(where))


def fragment_renderer(env: jinja2.Environment) -> Callable[[str, Any], Markup]:
    """``once(macro, obj)``: a macro of _macros.html applied to ``obj``, rendered once per process.

    A statement appears in dozens of lists (home, year, month, day, each of its
    terms) and a term's chart on every page of its list. The HTML is remembered
    by the object's content (``canonical``: equal objects give equal bytes), so a
    copy of a view object received in another chunk of pages finds it too.
    """
    memo: dict[tuple[str, bytes], Markup] = {}

    def once(macro: str, obj: Any) -> Markup:
        key = (macro, canonical(obj))
        found = memo.get(key)
        if found is None:
            render = getattr(env.get_template("_macros.html").module, macro)
            found = memo[key] = Markup(render(obj))
        return found

    return once


def preload(env: jinja2.Environment) -> None:
    """Compile every template (once, before work is shared out); errors name the template."""
    for name in env.list_templates(filter_func=lambda n: not n.split("/")[-1].startswith(".")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise BuilderError(f"template error: {exc.message}", file=f"templates/{exc.name or name}",
                               line=exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise BuilderError(f"template error: {exc}", file=f"templates/{name}") from None


def render_page(p: Page, env: jinja2.Environment, chrome: Chrome) -> bytes:
    """One page's bytes, without characters XML forbids (``xml_safe``: every HTML page, feed and
    sitemap passes here). A template's mistake is a BuilderError naming the template and line."""
    try:
        template = env.get_template(p.template)
        text = template.render(chrome=chrome, **p.context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuilderError(f"template error: {exc.message}", file=f"templates/{exc.name or p.template}",
                           line=exc.lineno) from None
    except Exception as exc:  # noqa: BLE001 (sorted below: the template's fault, or the builder's)
        raise rendering_error(exc, env, p) from None
    return xml_safe(text).encode("utf-8")


def rendering_error(exc: Exception, env: jinja2.Environment, p: Page) -> BuilderError | InternalError:
    """A Jinja error, or any exception raised by template code (``{{ s.title + 1 }}``), names the
    innermost template and its line; one raised inside the builder's own code is a bug."""
    name, line = failing_template(exc, env, p.template)
    if isinstance(exc, jinja2.TemplateError) or not raised_in_builder(exc):
        detail = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        return BuilderError(f"template error while rendering /{p.path}: {detail}"[:500],
                            file=f"templates/{name}", line=line)
    return InternalError(f"rendering /{p.path} (templates/{name})",
                         "".join(traceback.format_exception(exc)))


def raised_in_builder(exc: BaseException) -> bool:
    """Whether the innermost frame of ``exc`` is the builder's own Python code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and Path(tb.tb_frame.f_code.co_filename).resolve().is_relative_to(PACKAGE)


def failing_template(exc: BaseException, env: jinja2.Environment, default: str) -> tuple[str, int | None]:
    """(template name, line) of the innermost template frame of ``exc``: a macro or include, not only the page."""
    folders = [Path(f).resolve() for f in getattr(env.loader, "searchpath", [])]
    found: tuple[str, int | None] = (default, None)
    tb = exc.__traceback__
    while tb is not None:
        source = Path(tb.tb_frame.f_code.co_filename).resolve()
        for folder in folders:
            if source.is_relative_to(folder):
                found = (source.relative_to(folder).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found
