"""Planning statement pages by what they read (``builder.plan_memo``): the memo of the last plan never
changes a fingerprint, and it spares making the context of every statement page that reads nothing new.

A small archive (generated statements, and the seed in three wordings) is planned once to fill the memo;
then each step changes the statements or the site in memory, the way an edit would, and plans twice: with
the memo the step before left, and without any. Every page's fingerprint must be the same both ways, in
every step; the statement pages the memo spared are counted.
"""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import builder.index_pages
import builder.plan
import builder.statement_pages
from builder import urls
from builder.build import build
from builder.config import load_config
from builder.ingest import ingest_bytes
from builder.ingest.store import Held, keep_original, store
from builder.load import load_content
from builder.model import Source, Statement
from builder.plan import plan_site
from builder.plan_memo import PlanMemo
from builder.site import Site, build_site
from builder.views import date_text
from tests.conftest import make_corpus, project, tree
from tests.test_versions_ingest import ONE_WORD, V1

Statements = tuple[Statement, ...]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Statements]:
    root = project(tmp_path_factory.mktemp("memo"), make_corpus(tmp_path_factory.mktemp("corpus"), 24))
    content, held = root / "content", Held()
    for n, (data, seen) in enumerate(((V1, "2026-11-20T08:00:00+00:00"), (ONE_WORD, "2026-11-21T09:30:00+00:00")), 1):
        keep_original(content, data)
        store(content, ingest_bytes(data, f"seed-v{n}.txt"), held, seen)
    config = load_config(root / "archive.yml").with_overrides(search=False)
    loaded = load_content(content, config.language)
    assert not loaded.errors and any(s.versions for s in loaded.statements)
    return root, tuple(loaded.statements)


class Views:
    """Counts the statement contexts made (``statement_view`` calls), the term and year batches made
    (``one_term`` and ``year_pages`` calls) in ``batches``, and the statements whose redirect pages were
    made in ``redirects``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = self.batches = self.redirects = 0
        real = builder.statement_pages.statement_view
        redirects = builder.statement_pages.redirect_pages

        def counted(*args: object) -> dict:
            self.calls += 1
            return real(*args)
        monkeypatch.setattr(builder.statement_pages, "statement_view", counted)

        def redirected(site: Site, u: object, statements: tuple) -> list:
            self.redirects += len(statements)
            return redirects(site, u, statements)
        monkeypatch.setattr(builder.statement_pages, "redirect_pages", redirected)
        for name in ("one_term", "year_pages"):
            monkeypatch.setattr(builder.index_pages, name, self.counting(getattr(builder.index_pages, name)))

    def counting(self, real: Callable[..., list]) -> Callable[..., list]:
        def counted(*args: object) -> list:
            self.batches += 1
            return real(*args)
        return counted


def plan(root: Path, site: Site, memo: PlanMemo | None) -> list[tuple[str, bytes]]:
    return [(p.file, p.fingerprint) for p in plan_site(site, root / "templates", {}, memo)]


def oldest(statements: Statements) -> list[Statement]:
    return sorted(statements, key=lambda s: (s.date, s.id))


def edited(s: Statement, **changes: object) -> Statement:
    """``s`` changed in memory: a new text has its dates looked for again (the loader notes a file's)."""
    if "body_html" in changes:
        changes.setdefault("mentioned", None)
    return replace(s, **changes)


def edit_body(ss: Statements) -> Statements:
    s = oldest(ss)[3]
    return tuple(edited(x, body=x.body + " Indeed.", body_html=x.body_html + "<p>Indeed.</p>") if x is s else x
                 for x in ss)


def retitle(ss: Statements) -> Statements:
    s = oldest(ss)[5]
    return tuple(edited(x, title=x.title + " (corrected)") if x is s else x for x in ss)


def redate(ss: Statements) -> Statements:
    s = oldest(ss)[7]
    return tuple(edited(x, date=oldest(ss)[-1].date) if x is s else x for x in ss)


def retag(ss: Statements) -> Statements:
    s = oldest(ss)[2]
    return tuple(edited(x, tags=x.tags + ("water management",)) if x is s else x for x in ss)


def mention_a_day(ss: Statements) -> Statements:
    """The first statement's text names the day of the tenth: its page links that day."""
    first, day = oldest(ss)[0], oldest(ss)[10]
    text = f"<p>As agreed on {date_text(day.date)}.</p>"
    return tuple(edited(x, body_html=x.body_html + text) if x is first else x for x in ss)


def drop_that_day(ss: Statements) -> Statements:
    """The tenth statement goes, and with it (unless another shares it) the day the first one names."""
    day = oldest(ss)[10]
    return tuple(x for x in ss if x is not day)


def refer_to_a_month(ss: Statements) -> Statements:
    first, other = oldest(ss)[0], oldest(ss)[12]
    month = other.date_iso[:7]
    return tuple(edited(x, references=x.references + (month, "1931-02")) if x is first else x for x in ss)


def add_copy(ss: Statements) -> Statements:
    """A second agency's report of the fourth statement's text: both pages name the other copy."""
    s = oldest(ss)[4]
    copy = edited(s, id="c0ffee000001", slug=s.slug + "-copy", agencies=("Reuters",), path="copy.md", aliases=())
    return ss + (copy,)


def edit_versioned(ss: Statements) -> Statements:
    return tuple(edited(x, lead=x.lead + " (lead edited)") if x.versions else x for x in ss)


def nothing(ss: Statements) -> Statements:
    return ss


STEPS: tuple[Callable[[Statements], Statements], ...] = (
    nothing, edit_body, retitle, redate, retag, mention_a_day, drop_that_day, refer_to_a_month, add_copy,
    edit_versioned, nothing)


def test_the_memo_never_changes_a_fingerprint(archive: tuple[Path, Statements], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    plan(root, build_site(statements, config), PlanMemo(tmp_path))  # fills the memo
    views = Views(monkeypatch)
    made: dict[str, int] = {}
    batches: dict[str, int] = {}
    redirects: dict[str, int] = {}
    linking: dict[str, int] = {}  # the pages that link the statement ``edit_body`` edits: their keys have its digest
    for step in STEPS:
        if step is edit_body:
            site, edited_id = build_site(statements, config), oldest(statements)[3].id
            linking[step.__name__] = sum(1 for s in site.statements if edited_id in
                                         {o.id for o in (*site.neighbours[s.id], *site.related.get(s.id, ())) if o})
        statements = step(statements)
        site = build_site(statements, config)
        views.calls = views.batches = views.redirects = 0
        with_memo = plan(root, site, PlanMemo(tmp_path))
        made[step.__name__], batches[step.__name__] = views.calls, views.batches
        redirects[step.__name__] = views.redirects
        without = plan(root, site, None)
        assert with_memo == without, f"after {step.__name__}, the memo gave other fingerprints"
    assert made["nothing"] == 0 and batches["nothing"] == 0
    assert made["edit_body"] == 1 + linking["edit_body"] < len(statements) // 2  # its page, and the pages linking it
    assert 1 <= made["retitle"] < len(statements) // 2  # it, and the pages that link it
    assert made["mention_a_day"] >= 1 and made["drop_that_day"] >= 1
    site = build_site(statements, config)
    terms = sum(len(ts) for ts in site.terms.values())
    assert batches["edit_body"] == 0  # lists read no text (``views.listed``)
    assert 1 <= batches["retitle"] < (terms + len(site.years)) // 2  # its year's, its terms' and the home pages
    # the redirect pages, a batch a year, are made again only for a year whose titles, slugs or leads changed
    assert redirects["nothing"] == redirects["edit_body"] == redirects["retag"] == 0
    assert 1 <= redirects["retitle"] < len(statements) // 2 and redirects["edit_versioned"] >= 1


def changed(value: object, name: str) -> object:
    """``value`` (a statement's field ``name``) changed so that a page showing it would show something else."""
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if name == "precision":
        return "month" if value == "day" else "day"
    if name == "body_html":
        return value + "<p>Added.</p>"
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, bytes):
        return value + b"xxxxxxxx"  # (hashes of 8 bytes)
    if isinstance(value, Source):
        return replace(value, publisher=value.publisher + "x", url=value.url or "https://example.org/x")
    if name == "versions":
        return value[:-1]
    if name == "mentioned":
        return ("2001-02-03",) if value is None else None
    assert isinstance(value, tuple), name
    return value + ("2001-02-03",) if name == "references" else value + ("Added",)


@pytest.mark.parametrize("field", [f for f in Statement.__dataclass_fields__])
def test_each_field_of_a_statement_changed_gives_the_fingerprints_of_a_fresh_plan(
        archive: tuple[Path, Statements], tmp_path: Path, field: str) -> None:
    """Whatever one statement's field a change touches, the memo's plan is a fresh plan: no page reads a
    field that the key its memo entry is kept by leaves out (the list pages' ``views.listed``, most of all)."""
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    plan(root, build_site(statements, config), PlanMemo(tmp_path))
    s = next(x for x in oldest(statements)[8:] if x.versions) if field == "versions" else oldest(statements)[8]
    edited_site = build_site(tuple(edited(x, **{field: changed(getattr(x, field), field)}) if x is s else x
                                   for x in statements), config)
    assert plan(root, edited_site, PlanMemo(tmp_path)) == plan(root, edited_site, None)


def test_a_co_occurring_term_renamed_changes_the_pages_of_the_terms_it_occurs_with(
        archive: tuple[Path, Statements], tmp_path: Path) -> None:
    """A term's pages name the terms it occurs with; such a name can change with none of the term's own
    statements changing (a name is chosen over all of a term's statements), so the batch reads them."""
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    site = build_site(statements, config)
    before = dict(plan(root, site, PlanMemo(tmp_path)))
    (kind, key), together = next((k, v) for k, v in sorted(site.cooccurring.items()) if v)
    other, n = together[0]
    renamed = replace(site, cooccurring={**site.cooccurring,
                                         (kind, key): ((replace(other, name=other.name + " Jr."), n), *together[1:])})
    with_memo = plan(root, renamed, PlanMemo(tmp_path))
    assert with_memo == plan(root, renamed, None)
    changed = {file for file, fp in with_memo if before[file] != fp}
    assert changed and all(file.startswith(urls.term(kind, key)) for file in changed), changed


def test_a_changed_day_changes_the_page_that_names_it(archive: tuple[Path, Statements], tmp_path: Path) -> None:
    """The step above is a real test of the dates a page reads: the first statement's page differs."""
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    named = mention_a_day(statements)
    first = next(p for p in plan_site(build_site(named, config), root / "templates", {})
                 if p.page.path.endswith(oldest(named)[0].slug + "/"))
    dropped = drop_that_day(named)
    again = next(p for p in plan_site(build_site(dropped, config), root / "templates", {}, PlanMemo(tmp_path))
                 if p.file == first.file)
    assert 'class="dateref"' in first.made().context["s"]["body_html"]
    assert again.fingerprint != first.fingerprint


def test_a_template_or_configuration_change_makes_every_context_again(
        archive: tuple[Path, Statements], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    plan(root, build_site(statements, config), PlanMemo(tmp_path))
    views = Views(monkeypatch)
    retitled = config.with_overrides(title="Another Archive")
    assert plan(root, build_site(statements, retitled), PlanMemo(tmp_path)) == plan(
        root, build_site(statements, retitled), None)
    assert views.calls == 2 * len(statements)


def test_templates_are_parsed_again_only_when_their_source_changes(
        archive: tuple[Path, Statements], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo keeps the templates each template names by its source: a second plan parses none; a template
    edited to include a new one is parsed again, and its pages' fingerprints then follow the included one."""
    root, statements = archive
    templates = tmp_path / "templates"
    shutil.copytree(root / "templates", templates)
    site = build_site(statements, load_config(root / "archive.yml").with_overrides(search=False))
    parsed: list[bytes] = []
    real = builder.plan.referenced
    monkeypatch.setattr(builder.plan, "referenced", lambda env, source: parsed.append(source) or real(env, source))

    def fingerprints(memo: PlanMemo | None) -> dict[str, bytes]:
        return {p.file: p.fingerprint for p in plan_site(site, templates, {}, memo)}

    first = fingerprints(PlanMemo(tmp_path / "cache"))
    assert len(parsed) == len([p for p in templates.rglob("*") if p.is_file()])
    parsed.clear()
    assert fingerprints(PlanMemo(tmp_path / "cache")) == first and parsed == []
    (templates / "extra.html").write_text("<p>one</p>", encoding="utf-8")
    missing = templates / "404.html"
    missing.write_text(missing.read_text(encoding="utf-8") + '{% include "extra.html" %}', encoding="utf-8")
    before = fingerprints(PlanMemo(tmp_path / "cache"))
    assert sorted(parsed) == sorted([missing.read_bytes(), b"<p>one</p>"])
    (templates / "extra.html").write_text("<p>two</p>", encoding="utf-8")
    after = fingerprints(PlanMemo(tmp_path / "cache"))
    assert after["404.html"] != before["404.html"]
    assert after == fingerprints(None)


def test_a_damaged_memo_is_a_plan_without_it(archive: tuple[Path, Statements], tmp_path: Path) -> None:
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    site = build_site(statements, config)
    plan(root, site, PlanMemo(tmp_path))
    (tmp_path / "kept" / "plan.pickle").write_bytes(b"not a pickle")
    assert plan(root, site, PlanMemo(tmp_path)) == plan(root, site, None)
    odd: dict[object, object] = {f"statements/{s.slug}/": value for s, value in zip(statements, ("x", (b"k",), None, 3))}
    odd.update({("batch", f"year/{y.year}"): value for y, value in zip(site.years, ((b"k", (("x",),)), (b"k", 3)))})
    odd[("listed",)] = {b"k": "not a hash"}
    odd[("referenced",)] = {b"k": "not a set of names"}
    (tmp_path / "kept" / "plan.pickle").write_bytes(pickle.dumps(odd))  # a dict, but not of the memo's entries
    assert plan(root, site, PlanMemo(tmp_path)) == plan(root, site, None)


def test_a_build_after_an_edit_makes_few_statement_contexts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wired into the build: a cold build (``fresh``) keeps the memo; after one statement's text is edited,
    the next build makes the contexts of that statement's page and of the few whose reads changed or link it
    (its neighbours' and the related statements': their keys have it by its digest)."""
    root = project(tmp_path, make_corpus(tmp_path / "corpus", 16))
    config = load_config(root / "archive.yml").with_overrides(search=False)
    build(config, root / "content", root / "site", cache_dir=root / "cache", fresh=True, workers=1)
    views = Views(monkeypatch)
    raw = sorted((root / "content").rglob("statement-05.txt"))[0]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nA paragraph added later.\n", encoding="utf-8")
    build(config, root / "content", root / "site", cache_dir=root / "cache", workers=1)
    assert 1 <= views.calls <= 8, views.calls  # of 16
    clean = tmp_path / "clean"
    build(config, root / "content", clean, workers=1)
    assert tree(root / "site") == tree(clean)


def test_referred_days_and_months_link_their_pages_when_the_archive_has_them(
        archive: tuple[Path, Statements]) -> None:
    """What ``Dated`` holds, as the page shows it: a referred month or day with statements links its page."""
    root, statements = archive
    config = load_config(root / "archive.yml").with_overrides(search=False)
    first, other = oldest(statements)[0], oldest(statements)[12]
    refs = (other.date_iso[:7], other.date_iso, "1931-02", "1931-02-03")
    site = build_site(tuple(edited(x, references=refs) if x is first else x for x in statements), config)
    page = next(p.made() for p in plan_site(site, root / "templates", {}) if p.file.startswith("statements/")
                and p.file.split("/")[1] == first.slug)
    links = {link.note: link.href for link in page.context["s"]["references"]}
    y, m, d = other.date.year, other.date.month, other.date.day
    assert links == {refs[0]: f"/{y}/{m:02d}/", refs[1]: f"/{y}/{m:02d}/{d:02d}/", "1931-02": "", "1931-02-03": ""}


def test_a_statement_pages_reads_key_holds_every_field_the_statement_as_its_digest(
        corpus_statements: tuple[Statement, ...]) -> None:
    """``reads_stand_for`` (what the plan keys a statement page's memo entry by) is the reads' fields in order,
    each statement as its digest and the citation as whether there is one: changing any one field changes the
    key; equal statements give the key."""
    from markupsafe import Markup

    from builder.cache import canonical
    from builder.digests import digest_of
    from builder.statement_pages import Dated, StatementReads, reads_stand_for
    s, other = corpus_statements[:2]
    base = StatementReads(s, other, None, (("country", "am", "Armenia"),), (other,), None,
                          (), (Markup("<i>C</i>"), Markup("A")), Dated(("2020-11-09",), ()), "Archive")
    variants = {"s": other, "older": None, "newer": s, "terms": (), "related": (s, other),
                "copies": {"canonical": "x"}, "changes": ((),), "citation": None, "dated": Dated((), ()),
                "site_title": "Another archive"}
    assert set(variants) == set(StatementReads.__dataclass_fields__)
    key = canonical(reads_stand_for(base, digest_of))
    assert reads_stand_for(base, digest_of)[0] == digest_of(s)
    for field, value in variants.items():
        assert canonical(reads_stand_for(replace(base, **{field: value}), digest_of)) != key, field
    for field in ("s", "older"):
        assert canonical(reads_stand_for(replace(base, **{field: replace(getattr(base, field), title="Other")}),
                                         digest_of)) != key, field
    copy = pickle.loads(pickle.dumps(other))
    assert canonical(reads_stand_for(replace(base, s=pickle.loads(pickle.dumps(s)), older=copy, related=(copy,)),
                                     digest_of)) == key
