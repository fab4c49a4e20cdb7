"""Load stage, the site's own prose: ``content/about.md`` → ``Prose`` (the about page), and the home
page's introduction (``intro`` in the config) → sanitised HTML.

Both are plain Markdown, converted and sanitised like statement bodies. ``about.md``
at the top of the content folder is never a statement: the loader skips it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuilderError, display_path
from builder.markup import BodyError, body_to_html

ABOUT_FILE = "about.md"
DEFAULT_TITLE = "About this archive"
HEADING_RE = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*\n")


@dataclass(frozen=True, slots=True)
class Prose:
    """A page of the site's own text: its title and sanitised HTML."""

    title: str
    html: str


def is_about(name: str) -> bool:
    """True for the file named ``name`` under the content folder ('about.md', '2023/x.md') when it is
    ``content/about.md`` (the about page, not a statement)."""
    return name == ABOUT_FILE


def load_about(content: Path) -> Prose | None:
    """The about page from ``content/about.md``, or None when there is no such file. Its first line, when
    it is a level-1 heading (``# About``), is the page title."""
    path = content / ABOUT_FILE
    if not path.is_file():
        return None
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuilderError(f"not UTF-8 text (byte {exc.start})", file=shown, hint="save the file as UTF-8") from None
    except OSError as exc:
        raise BuilderError(f"cannot read the file: {exc.strerror}", file=shown,
                           hint="check that it is readable") from None
    if text.startswith("---"):
        raise BuilderError("the about page is plain Markdown, but this file starts with front matter", file=shown,
                           line=1, hint="remove the '---' block; if the file is a statement, rename it")
    heading = HEADING_RE.match(text)
    title = heading.group(1).strip() if heading else DEFAULT_TITLE
    body = text[heading.end():] if heading else text
    offset = text[:heading.end()].count("\n") if heading else 0
    return Prose(title, markdown_html(body, shown, offset))


def markdown_html(text: str, shown: str, offset: int = 0, field: str | None = None) -> str:
    """Markdown → sanitised HTML; a body the converter refuses is an error naming the file (and key)."""
    try:
        return body_to_html(text)
    except BodyError as exc:
        raise BuilderError(str(exc), file=shown, line=exc.line + offset if field is None else None, field=field,
                           hint=exc.hint) from None
