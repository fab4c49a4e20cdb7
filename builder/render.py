"""Render stage: ``Page``s → {output path: bytes}, through one Jinja environment.

Autoescape is on for HTML and XML, undefined names are errors, and content is
only ever passed as data: a template never evaluates text from a statement.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from builder.errors import BuilderError
from builder.pages import Page
from builder.urls import output_file
from builder.views import Chrome


def make_environment(templates: Path) -> jinja2.Environment:
    if not templates.is_dir():
        raise BuilderError("templates folder not found", file=str(templates),
                           hint="run archive from the project folder, or pass --config pointing into it")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def render_pages(pages: list[Page], env: jinja2.Environment, chrome: Chrome) -> dict[str, bytes]:
    """Every page rendered; a template error names the template and line."""
    out: dict[str, bytes] = {}
    for p in pages:
        try:
            template = env.get_template(p.template)
            text = template.render(chrome=chrome, **p.context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuilderError(f"template error: {exc.message}", file=f"templates/{exc.name or p.template}",
                               line=exc.lineno) from None
        except (jinja2.UndefinedError, jinja2.TemplateNotFound) as exc:
            raise BuilderError(f"template error while rendering /{p.path}: {exc}",
                               file=f"templates/{p.template}") from None
        out[output_file(p.path)] = text.encode("utf-8")
    return out
