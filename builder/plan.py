"""Plan stage: ``Site`` → every page of the site, each with a fingerprint of exactly what it reads.

``plan_site`` is the site's table of contents made concrete: the pages of
``page_groups`` (home, statements, versions, terms, dates, the rest) and then
the sitemap, which lists the planned pages (not what rendering reports back).

A page reads its own context (view objects, pickled without a memo: the same
data gives the same bytes, whatever the process, hash seed or sharing of
objects), its template and the templates that one reads, the chrome every page
shares, the configuration, and the builder's code and libraries.
``render_key`` hashes chrome, configuration, code and libraries once per build,
``template_keys`` adds each template's sources and those it reads, and
``fingerprint`` adds the page. Two builds that plan a page with the same
fingerprint render it to the same bytes, so the writer may keep the file a
generation already holds (see ``builder.manifest``). Anything a template could
read but the fingerprint does not cover would be a stale page: templates get
nothing but the context, ``chrome`` and ``once`` (see ``builder.render``).

A statement page comes as a ``Deferred``: what its context is made of, the
context made only when needed. When the last plan saw the same reads, its
fingerprint comes from the memo (``builder.plan_memo``) and the context is made
only if the page must be rendered. List pages come as a ``Batch`` (a term's, a
year's, the home pages): what they are made of, and their pages made only when
the memo has no fingerprints for it, or one of them must be rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
from jinja2 import meta

from builder.cache import canonical
from builder.cache import fingerprint as code_fingerprint
from builder.cache import library_versions
from builder.citations import LIBRARIES as CITATION_LIBRARIES
from builder.digests import Digests, Listed
from builder.errors import BuilderError
from builder.model import Statement
from builder.pages import Batch, Deferred, Page, chrome_for, data_page, page_groups, sitemap_entry, sitemap_pages
from builder.plan_memo import PlanMemo
from builder.site import Site
from builder.urls import output_file

MACROS = "_macros.html"
# what rendering runs, and what formats the citations pages show (a statement page's key has its citation by
# whether there is one: ``builder.statement_pages.reads_stand_for``)
RENDER_LIBRARIES = ("Jinja2", *CITATION_LIBRARIES)


@dataclass(frozen=True, slots=True)
class Planned:
    page: Page | Deferred  # Deferred: its fingerprint came from the memo, its context is not made yet
    file: str  # the output file ('statements/x/index.html')
    group: str  # which part of the site planned it, for error messages
    fingerprint: bytes

    def made(self) -> Page:
        return self.page if isinstance(self.page, Page) else self.page.made()


def plan_site(site: Site, templates: Path, data_sizes: dict[str, int],
              memo: PlanMemo | None = None, digests: Digests | None = None) -> tuple[Planned, ...]:
    """Every page of the site, the sitemap last; a BuilderError when two pages claim one file.
    ``data_sizes``: the data files' sizes, which the Data page lists; ``memo``: the last plan's
    fingerprints of the pages planned by what they read (``builder.plan_memo``); ``digests``: the
    statements' digests, made in advance (``builder.digests``; otherwise made as the plan asks)."""
    return tuple(planning(site, templates, data_sizes, memo, digests))


def planning(site: Site, templates: Path, data_sizes: dict[str, int] | Callable[[], dict[str, int]],
             memo: PlanMemo | None = None, digests: Digests | None = None) -> Iterator[Planned]:
    """``plan_site`` a page at a time, so a build renders each page as it is planned and never holds every
    page's context at once. Two pages that claim one file are a BuilderError when the second comes.
    ``data_sizes`` may be a function giving them: called when the Data page is planned, after every
    other page but the sitemap (the build makes the data files meanwhile: ``builder.data_job``)."""
    memo = memo or PlanMemo(None)
    refs = Referenced(memo.referenced())
    keys = template_keys(templates, render_key(site), refs)
    memo.keep_referenced(refs.made)
    claimed: dict[str, str] = {}
    entries: list[tuple[str, str]] = []

    def planned(name: str, p: Page | Deferred, known: bytes | None = None) -> Planned:
        if known is not None:
            item = Planned(p, output_file(p.path), name, known)
        elif isinstance(p, Deferred):
            item = deferred(name, p, keys.get(p.template, b""), memo, digest)
        else:
            item = Planned(p, output_file(p.path), name, fingerprint(p, keys.get(p.template, b"")))
        claim(claimed, item)
        if (entry := sitemap_entry(p)) is not None:
            entries.append(entry)
        return item

    every, digest = batch_key(keys), digests or Digests()
    listed = Listed(digest, memo.listed())
    for g in page_groups(site):
        for p in g.plan():
            if isinstance(p, Batch):
                for q, known in batch(p, every, keys, memo, listed):
                    yield planned(g.name, q, known)
            else:
                yield planned(g.name, p)
    memo.keep_listed(listed.made)
    memo.save()
    yield planned("pages", data_page(site, data_sizes() if callable(data_sizes) else data_sizes))
    for p in sitemap_pages(site, list(entries)):
        yield planned("the sitemap", p)


def deferred(name: str, p: Deferred, key: bytes, memo: PlanMemo, digest: Callable[[Statement], bytes]) -> Planned:
    """``p`` with the fingerprint the memo has for its reads; else its page made now, and fingerprinted."""
    reads = keyed(key, p.path, p.template, p.stands_for(p.reads, digest) if p.stands_for else p.reads) \
        if memo.keeps else b""
    known = memo.fingerprint(p.path, reads)
    if known is not None:
        return Planned(p, output_file(p.path), name, known)
    page = p.made()
    item = Planned(page, output_file(p.path), name, fingerprint(page, key))
    memo.put(p.path, reads, item.fingerprint)
    return item


def batch(b: Batch, every: bytes, keys: dict[str, bytes], memo: PlanMemo,
          listed: Callable[[Statement], bytes]) -> list[tuple[Page | Deferred, bytes]]:
    """``b``'s pages with their fingerprints: the memo's when it has them for what ``b`` stands for (the
    pages then ``Deferred``, the batch made only if one of them must be rendered); else made now,
    fingerprinted and put in the memo. ``listed``: what a list reads of a statement, hashed."""
    reads = keyed(every, b.name, "", b.stands_for(b.reads, listed)) if memo.keeps else b""
    known = memo.batch(b.name, reads)
    if known is not None:
        made = MadeOnce(b)
        return [(Deferred(path, template, b.reads, lastmod, partial(made.page, path)), fp)
                for path, template, lastmod, fp in known]
    pages = b.made()
    out = [(p, fingerprint(p, keys.get(p.template, b""))) for p in pages]
    memo.put_batch(b.name, reads, tuple((p.path, p.template, lastmod_of(p), fp) for p, fp in out))
    return out


class MadeOnce:
    """A batch's pages, made the first time one of them is asked for."""

    def __init__(self, b: Batch):
        self.b, self.pages = b, None

    def page(self, path: str, reads: object) -> Page:
        if self.pages is None:
            self.pages = {p.path: p for p in self.b.make(reads)}
        return self.pages[path]


def lastmod_of(p: Page) -> str:
    entry = sitemap_entry(p)
    return entry[1] if entry else ""


def batch_key(keys: dict[str, bytes]) -> bytes:
    """The key of every template: a batch's pages may use any of them."""
    return hashlib.blake2b(b"".join(keys[name] for name in sorted(keys)), digest_size=32).digest()


def render_key(site: Site) -> bytes:
    """What every page reads besides its context and templates: chrome, configuration, code, libraries."""
    h = hashlib.blake2b(code_fingerprint(), digest_size=32)
    h.update(library_versions(RENDER_LIBRARIES))
    h.update(canonical((chrome_for(site), site.config.settings())))
    return h.digest()


def template_keys(templates: Path, base: bytes, refs: Referenced | None = None) -> dict[str, bytes]:
    """For each template, ``base`` and the sources of every template it reads: the ones it extends,
    includes or imports, theirs in turn, and _macros.html (which ``once`` renders from any page).
    A reference Jinja cannot resolve statically counts as reading them all. ``refs``: the templates each
    source names, kept from the last plan (``Referenced``)."""
    sources = {p.relative_to(templates).as_posix(): p.read_bytes()
               for p in sorted(templates.rglob("*")) if p.is_file()}
    named = refs or Referenced()
    reads = {name: named(source) or set(sources) for name, source in sources.items()}
    keys = {}
    for name in sources:
        h = hashlib.blake2b(base, digest_size=32)
        for read in sorted(closure(name, reads)):
            h.update(read.encode() + b"\0" + sources.get(read, b"(missing)") + b"\0")
        keys[name] = h.digest()
    return keys


class Referenced:
    """``referenced(source)``, looked up by a hash of Jinja's version and the source in what the last plan
    found (``last``), parsed otherwise; ``made`` holds this plan's, for the next. Parsing the 18 templates
    took 0.06-0.08 s of every build."""

    def __init__(self, last: dict[bytes, frozenset[str] | None] | None = None):
        self.last = last or {}
        self.made: dict[bytes, frozenset[str] | None] = {}
        self.env = jinja2.Environment()

    def __call__(self, source: bytes) -> set[str] | None:
        key = hashlib.blake2b(f"{jinja2.__version__}\0".encode() + source, digest_size=20).digest()
        if key in self.last:
            found = self.last[key]
        else:
            named = referenced(self.env, source)
            found = None if named is None else frozenset(named)
        self.made[key] = found
        return None if found is None else set(found)


def referenced(env: jinja2.Environment, source: bytes) -> set[str] | None:
    """The templates a source names, with _macros.html; None when one is named by an expression, or the
    source does not parse (``preload`` reports that): then it may read any template."""
    try:
        found = set(meta.find_referenced_templates(env.parse(source.decode("utf-8"))))
    except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
        return None
    return None if None in found else found | {MACROS}


def closure(name: str, refs: dict[str, set[str]]) -> set[str]:
    seen, todo = {name}, [name]
    while todo:
        for read in refs.get(todo.pop(), ()):
            if read not in seen:
                seen.add(read)
                todo.append(read)
    return seen


def fingerprint(p: Page, key: bytes) -> bytes:
    return keyed(key, p.path, p.template, p.context)


def keyed(key: bytes, path: str, template: str, value: object) -> bytes:
    """A page's hash: its template's key, its path and template, and ``value`` (its context, or what its
    context is made of) pickled without a memo."""
    h = hashlib.blake2b(key, digest_size=16)
    h.update(f"{path}\0{template}\0".encode())
    h.update(canonical(value))
    return h.digest()


def claim(claimed: dict[str, str], item: Planned) -> None:
    """Record that ``item`` makes its file; a file another page makes already is an error."""
    if item.file in claimed:
        raise BuilderError(f"two outputs at one path: '{item.file}' from {claimed[item.file]} and {item.group}",
                           hint="rename the statement slug or the term")
    claimed[item.file] = item.group
