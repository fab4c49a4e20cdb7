"""Output text for XML and HTML: only the characters XML 1.0 allows.

XML allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
one other character (U+FFFF, a lone surrogate, a control character from a
``&#x1F;`` reference) makes a feed or sitemap unreadable to every XML parser.
``render.render_page`` passes every rendered page, feed and sitemap through
``xml_safe``: the one place where text becomes HTML or XML.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML forbids."""
    return FORBIDDEN.sub("", text)


def forbidden_in(text: str) -> str | None:
    """The first character of ``text`` that XML forbids, or None."""
    found = FORBIDDEN.search(text)
    return found.group() if found else None
