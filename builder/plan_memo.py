"""Plan stage, memo: the fingerprint of a page planned by what it is made of, from the last plan.

A ``Deferred`` page (a statement's) comes to the plan as its *reads*: all its
context is made of (``builder.statement_pages.StatementReads``). Its fingerprint
is a hash of that context, which takes building the context and pickling it.
The memo keeps, for each such page, the key of its reads (with its path and
its template's key, which covers the templates, the configuration and the
code) and the fingerprint that came of them; a later plan whose reads give
the same key takes the fingerprint without making the context, and makes the
page only if the generation being updated does not hold that fingerprint.

A ``Batch`` (a term's list pages and feed, a year's pages with its months' and
days', the home pages) is kept the same way, as a whole: the key of what it
reads, and each of its pages' path, template, sitemap date and fingerprint.
Statements are in these keys by their digests (a hash of each statement,
made once a plan), not pickled again for every page that reads them; in a
batch's key, by a hash of what a list reads of them (``builder.digests.Listed``,
kept here by digest for the next plan), so an edit of a text alone makes no
list page again.

Nothing is guessed: the context is a function of the reads, so equal keys mean
an equal context, and the fingerprint is the one a fresh plan would compute
(``tests/test_plan_memo.py`` checks that through a series of changes). The
memo holds the last plan's pages only, in ``<cache>/kept/plan.pickle``; a
missing or damaged file is a plan without it.

Measured at 10,000 statements on 2 cores, one word edited before each build,
builds with and without the memo file alternated: the render stage (which
plans as it goes) took 2.6-2.7 s instead of 5.1-5.3 s, the build 7.2-7.9 s
instead of 9.7-10.2 s (``bench/results/2026-12-05-c.md``). With the list pages
in batches too, builds alternated with the commit before: render 1.6-1.9 s
instead of 2.4-2.5 s (``bench/results/2026-12-05-d.md``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.manifest import store, stored


BatchPages = tuple[tuple[str, str, str, bytes], ...]  # (path, template, sitemap lastmod, fingerprint) a page


class PlanMemo:
    """``fingerprint(path, reads key)``, ``put`` and ``save()`` when the plan is done (the plan computes the
    keys: ``builder.plan.keyed``); ``PlanMemo(None)`` keeps nothing; ``fresh``: the last plan's memo is not
    read (a cold build), this one's is kept."""

    def __init__(self, cache_dir: Path | None, fresh: bool = False):
        self.path = cache_dir / "kept" / "plan.pickle" if cache_dir else None
        self.last: dict[Any, Any] = (stored(self.path, dict) or {}) if self.path and not fresh else {}
        self.now: dict[str | tuple[str, str], tuple[bytes, bytes] | tuple[bytes, BatchPages]] = {}

    @property
    def keeps(self) -> bool:
        """Whether the memo is kept (else the plan need not compute reads keys)."""
        return self.path is not None

    def fingerprint(self, path: str, reads: bytes) -> bytes | None:
        """The fingerprint the last plan gave the page at ``path`` if it had the same reads key; else None."""
        kept = self.last.get(path)
        if self.path is None or not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != reads or not kept[1]:
            return None
        self.now[path] = kept
        return kept[1]

    def put(self, path: str, reads: bytes, fingerprint: bytes) -> None:
        """The fingerprint of the page at ``path``, made because the memo had none for its reads key."""
        if self.path is not None:
            self.now[path] = (reads, fingerprint)

    def batch(self, name: str, reads: bytes) -> BatchPages | None:
        """The (path, template, sitemap lastmod, fingerprint) of each page of batch ``name`` when the last plan
        had the same reads key for it; else None."""
        kept = self.last.get(("batch", name))
        if self.path is None or not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != reads \
                or not isinstance(kept[1], tuple) or not all(batch_entry(e) for e in kept[1]):
            return None
        self.now[("batch", name)] = kept
        return kept[1]

    def put_batch(self, name: str, reads: bytes, pages: BatchPages) -> None:
        if self.path is not None:
            self.now[("batch", name)] = (reads, pages)

    def listed(self) -> dict[bytes, bytes]:
        """The last plan's hashes of what lists read of each statement, by the statement's digest
        (``builder.digests.Listed``); empty when it kept none, or not as ``keep_listed`` keeps them."""
        kept = self.last.get(("listed",)) if self.path is not None else None
        if not isinstance(kept, dict) or not all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in kept.items()):
            return {}
        return kept

    def keep_listed(self, listed: dict[bytes, bytes]) -> None:
        if self.path is not None:
            self.now[("listed",)] = listed

    def referenced(self) -> dict[bytes, frozenset[str] | None]:
        """The last plan's templates named by each template source, by a hash of it (``builder.plan.Referenced``);
        empty when it kept none, or not as ``keep_referenced`` keeps them."""
        kept = self.last.get(("referenced",)) if self.path is not None else None
        if not isinstance(kept, dict) or not all(
                isinstance(k, bytes) and (v is None or (isinstance(v, frozenset) and all(isinstance(n, str) for n in v)))
                for k, v in kept.items()):
            return {}
        return kept

    def keep_referenced(self, referenced: dict[bytes, frozenset[str] | None]) -> None:
        if self.path is not None:
            self.now[("referenced",)] = referenced

    def save(self) -> None:
        if self.path is None:
            return
        try:
            store(self.path, self.now)
        except OSError:
            pass  # the next plan makes every statement's context again: slower, never wrong


def batch_entry(entry: object) -> bool:
    """Whether ``entry`` is a page of a batch as ``put_batch`` keeps it: (path, template, lastmod, fingerprint)."""
    return (isinstance(entry, tuple) and len(entry) == 4 and all(isinstance(v, str) for v in entry[:3])
            and isinstance(entry[3], bytes) and bool(entry[3]))
