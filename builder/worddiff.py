"""Two wordings of a statement → their word-level difference (pure), its size, and its HTML.

Texts are compared as words (runs without whitespace), with each paragraph
break a token of its own, by ``difflib`` (no dependency). The HTML marks
deletions with ``<del>`` and insertions with ``<ins>``, each opening with a
visually hidden label ("[deleted: … ]") so that a screen reader announces it
and a page printed without the stylesheet's colours still says which is which.
Every word goes through ``markupsafe.escape``: statement text never becomes markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from builder.plaintext import body_text
from builder.slotstate import quick_state

PARA = "\n\n"  # the token between two paragraphs
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LABELS = {"del": "deleted", "ins": "inserted"}
AUTOJUNK_FROM = 3000  # words in both texts; beyond, difflib does not anchor on very common words (much faster)


@quick_state
@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words that is the same in both wordings, deleted from the older, or inserted in the newer."""

    kind: str  # "same" | "del" | "ins"
    text: str


@quick_state
@dataclass(frozen=True, slots=True)
class WordDiff:
    paragraphs: tuple[tuple[Piece, ...], ...]  # the newer wording's paragraphs, with what the older had instead
    deleted: int  # words
    inserted: int

    @property
    def size(self) -> str:
        """'3 words deleted, 5 inserted', '1 word inserted', …"""
        deleted, inserted = words(self.deleted), words(self.inserted)
        if self.deleted and self.inserted:
            return f"{deleted} deleted, {self.inserted} inserted"
        if self.deleted or self.inserted:
            return f"{deleted if self.deleted else inserted} {'deleted' if self.deleted else 'inserted'}"
        return "no word changed (paragraph breaks only)"


def words(n: int) -> str:
    return f"{n} word{'s' * (n != 1)}"


def tokens(markdown: str) -> list[str]:
    """The words of a body (as plain text), with ``PARA`` between paragraphs."""
    out: list[str] = []
    for paragraph in PARAGRAPH_BREAK.split(body_text(markdown)):
        found = paragraph.split()
        if found:
            out += ([PARA] if out else []) + found
    return out


def matcher(old: list[str], new: list[str]) -> difflib.SequenceMatcher[str]:
    return difflib.SequenceMatcher(None, old, new, autojunk=len(old) + len(new) > AUTOJUNK_FROM)


def similarity(old: list[str], new: list[str]) -> float:
    """difflib's ratio on words, 0 to 1 (cheap upper bounds first)."""
    m = matcher(old, new)
    return m.ratio() if m.real_quick_ratio() > 0 and m.quick_ratio() > 0 else 0.0


def diff_words(old_markdown: str, new_markdown: str) -> WordDiff:
    """The word-level difference between two bodies."""
    old, new = tokens(old_markdown), tokens(new_markdown)
    paragraphs: list[tuple[Piece, ...]] = []
    current: list[Piece] = []
    counts = {"same": 0, "del": 0, "ins": 0}
    for op, i1, i2, j1, j2 in matcher(old, new).get_opcodes():
        runs = [("same", new[j1:j2])] if op == "equal" else [("del", old[i1:i2]), ("ins", new[j1:j2])]
        for kind, run in runs:
            for token in run:
                if token == PARA:
                    paragraphs += [tuple(current)] if current else []
                    current = []
                    continue
                counts[kind] += 1
                if current and current[-1].kind == kind:
                    current[-1] = Piece(kind, current[-1].text + " " + token)
                else:
                    current.append(Piece(kind, token))
    paragraphs += [tuple(current)] if current else []
    return WordDiff(tuple(paragraphs), counts["del"], counts["ins"])


def piece_html(piece: Piece) -> str:
    text = escape(piece.text)
    if piece.kind == "same":
        return str(text)
    tag = piece.kind
    return f'<{tag}><span class="vh">[{LABELS[tag]}: </span>{text}<span class="vh">]</span></{tag}>'


def diff_html(diff: WordDiff, whole: bool = False) -> Markup:
    """The difference as HTML paragraphs: every paragraph (``whole``), or only the changed ones with a note
    of how many unchanged paragraphs lie between them."""
    out: list[str] = []
    unchanged = 0
    for paragraph in diff.paragraphs:
        changed = any(p.kind != "same" for p in paragraph)
        if not (whole or changed):
            unchanged += 1
            continue
        if unchanged:
            out.append(gap(unchanged))
            unchanged = 0
        out.append("<p>" + " ".join(piece_html(p) for p in paragraph) + "</p>")
    if unchanged and out:
        out.append(gap(unchanged))
    return Markup('<div class="diff">\n' + "\n".join(out) + "\n</div>")


def gap(n: int) -> str:
    return f'<p class="diff-gap">[{n} unchanged paragraph{"s" * (n != 1)}]</p>'
