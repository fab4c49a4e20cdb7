"""Load stage, part 2: a statement's Markdown body → sanitised HTML (once per statement).

Sanitising comes last: whatever rewrites HTML afterwards (the pages stage links
date phrases) hands its result to ``resanitise``, the same rules again, so no
rewrite can let markup through that nh3 would have removed.

Python-Markdown is quadratic on some inputs (thousands of unmatched '[' or '<'
in one paragraph) and recursive on nested lists, so ``check_body`` refuses
such bodies up front with a message naming the line, instead of hanging.
"""

from __future__ import annotations

import copy
import re

import markdown
import nh3

_MD = markdown.Markdown(extensions=[], output_format="html")
ALLOWED_TAGS = {"p", "br", "em", "strong", "blockquote", "ul", "ol", "li", "a", "h2", "h3",
                "h4", "h5", "h6", "hr", "code", "pre", "sup", "sub", "abbr", "q", "cite"}

URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
_SANITISE = nh3.Cleaner(tags=ALLOWED_TAGS, url_schemes=URL_SCHEMES, link_rel=LINK_REL)
_AFTER_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_AFTER_ATTRIBUTES["a"] = {*_AFTER_ATTRIBUTES["a"], "rel"}  # as the first pass set it on the author's links
_RESANITISE = nh3.Cleaner(tags=ALLOWED_TAGS, url_schemes=URL_SCHEMES, link_rel=None,
                          attributes=_AFTER_ATTRIBUTES, allowed_classes={"a": {"dateref"}})

MAX_NESTING = 50  # list / blockquote levels on one line
MAX_COST = 3_000_000_000  # ≈ a few seconds of Python-Markdown in the worst case
UNMATCHED_WEIGHT = 300  # an unmatched '[', '<' or '](' rescans the rest of its paragraph
TRIGGERS = "[<&\\`*_!"
# C0 controls but tab, newline and return, and DEL: removed from every text. A regular expression, not
# str.translate with a table: 0.005 s instead of 0.073 s for 1,000 benchmark bodies (twice per file loaded).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKER_RE = re.compile(r"[ \t]*(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)")
BLOCK_RE = re.compile(r"\n[ \t]*\n")


def without_control(text: str) -> str:
    """``text`` without the control characters no statement may hold (``CONTROL``)."""
    return CONTROL.sub("", text)


class BodyError(ValueError):
    """A body Markdown cannot convert safely; ``line`` counts from the body's first line."""

    def __init__(self, message: str, line: int, hint: str):
        super().__init__(message)
        self.line, self.hint = line, hint


def body_to_html(body: str) -> str:
    """Markdown → HTML, then nh3 drops scripts, handlers and unsafe URLs. Raises BodyError."""
    body = without_control(body)
    check_body(body)
    try:
        html = _MD.reset().convert(body)
    except RecursionError:
        raise BodyError("the text is nested too deeply to convert", 1,
                        "remove deeply nested lists or quotes") from None
    return _SANITISE.clean(html)


def resanitise(html: str) -> str:
    """Sanitise again HTML that the builder rewrote after ``body_to_html``: the same tags, attributes
    and URL schemes, plus the builder's own ``<a class="dateref">`` links."""
    return _RESANITISE.clean(html)


def check_body(body: str) -> None:
    """Refuse bodies with absurd nesting or markup that would take Markdown minutes."""
    for number, line in enumerate(body.split("\n"), 1):
        if nesting(line) > MAX_NESTING:
            raise BodyError(f"line is nested more than {MAX_NESTING} lists or quotes deep", number,
                            "flatten the list, or escape the leading markers with a backslash")
    total, worst = 0, (0, 1)
    for start, block in blocks(body):
        cost = markup_cost(block)
        total += cost
        worst = max(worst, (cost, start))
        if total > MAX_COST:
            raise BodyError("the text has too much Markdown markup to convert in reasonable time "
                            "(many '[', '<', '&', '\\', '*' or '_' in long paragraphs)", worst[1] + 1,
                            "split long paragraphs with blank lines and remove stray '[' and '<'")


def nesting(line: str) -> int:
    """List and quote markers at the start of a line, plus indentation levels."""
    depth, pos = 0, 0
    while (m := MARKER_RE.match(line, pos)) and m.end() > pos:
        depth, pos = depth + 1, m.end()
    indent = len(line) - len(line.lstrip(" \t"))
    return depth + indent // 4


def blocks(body: str):
    """(line index of its start, paragraph text) for each blank-line separated block."""
    start, line = 0, 0
    for m in BLOCK_RE.finditer(body):
        yield line, body[start:m.start()]
        line += body.count("\n", start, m.end())
        start = m.end()
    yield line, body[start:]


def markup_cost(block: str) -> int:
    """Estimated work for Python-Markdown's inline pass: length × (markup + rescans)."""
    if not any(c in block for c in TRIGGERS):
        return 0
    triggers = sum(block.count(c) for c in TRIGGERS)
    depth = 0
    for m in re.finditer(r"\\.|[\[\]]", block):
        if m.group() == "[":
            depth += 1
        elif m.group() == "]" and depth:
            depth -= 1
    unmatched = depth + block.count("<", block.rfind(">") + 1) + block.count("](", block.rfind(")") + 1)
    return len(block) * (triggers + UNMATCHED_WEIGHT * unmatched)
