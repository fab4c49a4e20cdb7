"""Load stage, part 2: a statement's Markdown body → sanitised HTML (once per statement)."""

from __future__ import annotations

import markdown
import nh3

_MD = markdown.Markdown(extensions=[], output_format="html")
ALLOWED_TAGS = {"p", "br", "em", "strong", "blockquote", "ul", "ol", "li", "a", "h2", "h3",
                "h4", "h5", "h6", "hr", "code", "pre", "sup", "sub", "abbr", "q", "cite"}


def body_to_html(body: str) -> str:
    """Markdown → HTML, then nh3 drops scripts, handlers and unsafe URLs."""
    html = _MD.reset().convert(body)
    return nh3.clean(html, tags=ALLOWED_TAGS, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
