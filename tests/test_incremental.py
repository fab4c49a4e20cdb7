"""Incremental builds: a cached rebuild into the same output equals a clean build, byte for byte.

One small project (about 40 generated statements plus the real seed, as Markdown
and as the raw text it was ingested from) is built once with a load cache. Each
test then makes one kind of change (edit, add, delete or rename a statement;
edit a template, the config or a static file), rebuilds incrementally (same
cache, same output folder) and compares the result with a clean build of the
same project into a new folder (``--no-cache --output``). The tests run in file
order and share the project, so each one also starts from the state the
previous changes left: that is what an author's sequence of edits looks like.

Also checked: the summary line's "wrote N of M files" (N small for a
one-statement edit, 0 when nothing changed), that the previous generation
(``.site.previous``) holds the site as it was before the last build, that a
deleted statement leaves nothing behind, and that rendering with one worker
process or two gives the same bytes.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, SHARED, cli, project

SUMMARY = re.compile(r"wrote (\d+) of (\d+) files: site is in (.+)/$")
STATEMENTS = 40
MARKER = ".archive-site"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative path → bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(got: dict[str, bytes], want: dict[str, bytes], limit: int = 15,
                names: tuple[str, str] = ("incremental", "clean")) -> str:
    """A short account of how two trees differ: paths, and a few lines of diff for the first changed file."""
    only_got = sorted(set(got) - set(want))
    only_want = sorted(set(want) - set(got))
    changed = sorted(p for p in set(got) & set(want) if got[p] != want[p])
    lines = [f"only in the {names[0]} tree ({len(only_got)}): {only_got[:limit]}",
             f"only in the {names[1]} tree ({len(only_want)}): {only_want[:limit]}",
             f"different bytes ({len(changed)}): {changed[:limit]}"]
    if changed:
        first = changed[0]
        a = got[first].decode("utf-8", "replace").splitlines()
        b = want[first].decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(b, a, f"{names[1]}/{first}", f"{names[0]}/{first}", n=1, lineterm=""))
        lines += [line[:200] for line in diff[:30]]
    return "\n".join(lines)


def assert_same(got: dict[str, bytes], want: dict[str, bytes], what: str,
                names: tuple[str, str] = ("incremental", "clean")) -> None:
    """Fail with the differing paths (not a dump of both trees) unless the trees are equal."""
    if got != want:
        pytest.fail(f"{what}:\n{differences(got, want, names=names)}", pytrace=False)


def make_corpus(out: Path, n: int, seed: int = 2023) -> Path:
    """``n`` generated raw statements (statement-NN.txt) from the shared benchmark generator."""
    subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"), str(out), str(n), "--seed", str(seed)],
                   check=True, capture_output=True, timeout=120)
    return out


@dataclass(frozen=True)
class Built:
    written: int  # N in "wrote N of M files"
    files: int  # M
    stdout: str


def run_build(root: Path, *extra: str) -> Built:
    """``python -m builder build --no-search ...`` in ``root``; the parsed summary line."""
    result = cli(root, "build", "--no-search", *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    match = SUMMARY.search(summary)
    assert match, f"no summary line in {result.stdout!r}"
    return Built(int(match[1]), int(match[2]), result.stdout)


@dataclass(frozen=True)
class Checked:
    built: Built
    changed: set[str]  # paths new or different in the site, compared with the site before the build
    removed: set[str]  # paths gone from the site

    @property
    def written(self) -> int:
        return self.built.written


class Project:
    """A project folder built incrementally into ``site/`` with one cache, and checked against clean builds."""

    def __init__(self, tmp: Path):
        content = make_corpus(tmp / "corpus", STATEMENTS)
        shutil.copytree(REPO / "content", content / "seed")  # the real seed, ingested (.md)
        shutil.copy(SEED, content / "raw-seed.txt")  # and raw: skipped, shadowed by its .md
        self.tmp = tmp
        self.root = project(tmp, content)
        self.cache = tmp / "cache"
        self.cleans = 0

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def previous(self) -> Path:
        return self.root / ".site.previous"

    def incremental(self) -> Built:
        return run_build(self.root, "--cache-dir", str(self.cache))

    def clean(self) -> dict[str, bytes]:
        """The site from a clean build of the project as it is now (cold: no cache, new folder)."""
        self.cleans += 1
        out = self.tmp / f"clean-{self.cleans}"
        built = run_build(self.root, "--no-cache", "--output", str(out))
        files = tree(out)
        assert built.written == built.files - 1 == len(files) - 1  # everything but the marker was written
        shutil.rmtree(out)
        return files

    def check(self, change: str) -> Checked:
        """Rebuild incrementally after ``change``; it must equal a clean build, and the old site is kept.

        The build updates the previous generation (the site as it was two builds ago, or a copy of
        the current one if there is none yet), so N counts the files that differ from that one.
        """
        before = tree(self.site)
        older = tree(self.previous) if self.previous.is_dir() else before
        built = self.incremental()
        after = tree(self.site)
        clean = self.clean()
        assert_same(after, clean, f"after '{change}' the incremental build differs from a clean build")
        assert built.files == len(after), (built.files, len(after))
        assert self.previous.is_dir(), f"no {self.previous.name} beside the output after '{change}'"
        kept = tree(self.previous)
        assert_same(kept, before, f"after '{change}' {self.previous.name} is not the site before it",
                    ("previous", "old site"))
        rewritten = {p for p in after if p != MARKER and older.get(p) != after[p]}
        assert built.written == len(rewritten), \
            f"after '{change}' the summary says {built.written} files written, {len(rewritten)} differ"
        return Checked(built, {p for p in after if before.get(p) != after[p]}, set(before) - set(after))


@pytest.fixture(scope="module")
def proj(tmp_path_factory: pytest.TempPathFactory) -> Project:
    p = Project(tmp_path_factory.mktemp("incremental"))
    first = p.incremental()
    assert first.written == first.files - 1 > 5 * STATEMENTS, first.stdout
    assert "skipped content/raw-seed.txt: already published" in first.stdout
    assert (p.cache / "load.sqlite").is_file()
    return p


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def seed_md(p: Project) -> Path:
    (found,) = (p.root / "content" / "seed").rglob("*.md")
    return found


def identity(path: Path, root: Path) -> tuple[str, str]:
    """(id, slug) of a content file, as the builder loads it."""
    from builder.cache import LoadCache
    from builder.load_parallel import load_all
    name = path.relative_to(root / "content").as_posix()
    (item,) = load_all([(path, name, name)], "en", LoadCache(None), 1, None)
    return item.id, item.slug


def test_the_first_cached_build_equals_a_clean_build(proj: Project) -> None:
    site = tree(proj.site)
    clean = proj.clean()
    assert_same(site, clean, "the first cached build differs from a clean build")
    assert not proj.previous.exists()  # nothing to keep yet


def test_rebuilds_without_changes_write_nothing(proj: Project) -> None:
    first = proj.check("no change")
    assert first.written == 0 and first.changed == set() and first.removed == set(), first.built.stdout
    second = proj.check("no change, again")
    assert second.written == 0 and second.changed == set(), second.built.stdout
    # both generations now hold the same site
    assert_same(tree(proj.previous), tree(proj.site), "the two generations", ("previous", "site"))


def test_editing_a_statement_rewrites_only_a_few_files(proj: Project) -> None:
    md = seed_md(proj)
    original = md.read_bytes()
    _, slug = identity(md, proj.root)
    edit(md, "the Russian foreign ministry said.", "the Russian foreign ministry said, edited.")
    result = proj.check("edit the seed statement's text")
    files = result.built.files
    assert 0 < result.written <= files // 10, result.built.stdout  # the generations were in step: N == changed
    assert result.written == len(result.changed)
    assert f"statements/{slug}/index.html" in result.changed
    assert "ministry said, edited." in (proj.site / "statements" / slug / "index.html").read_text(encoding="utf-8")
    md.write_bytes(original)  # undo: the cache still holds the original
    undone = proj.check("undo the edit")
    assert undone.changed == result.changed
    assert undone.written == 0  # the previous generation was the site before the edit: already right


def test_editing_a_statements_front_matter(proj: Project) -> None:
    md = seed_md(proj)
    edit(md, "issuer: Russian Foreign Ministry", "issuer: Ministry of Foreign Affairs of Russia")
    edit(md, "tags: [3+3 platform, ", "tags: [3+3 platform, incremental builds, ")
    result = proj.check("edit the seed statement's front matter (issuer, a new tag)")
    assert result.changed and not result.removed
    assert any(p.startswith("tags/incremental-builds/") for p in result.changed), sorted(result.changed)


def test_editing_a_raw_statement_gives_it_a_new_id(proj: Project) -> None:
    raw = proj.root / "content" / "statement-07.txt"
    old_id, _ = identity(raw, proj.root)
    edit(raw, " said.", " said, it was edited.")
    new_id, _ = identity(raw, proj.root)
    assert new_id != old_id
    result = proj.check("edit a raw .txt statement")
    assert f"data/statements/{new_id}.json" in result.changed
    assert f"data/statements/{old_id}.json" in result.removed
    assert [p for p in tree(proj.site) if old_id in p] == []


def test_adding_a_statement(proj: Project) -> None:
    (new,) = make_corpus(proj.tmp / "more", 1, seed=7).iterdir()
    added = proj.root / "content" / "added" / "new-statement.txt"
    added.parent.mkdir()
    shutil.copy(new, added)
    new_id, slug = identity(added, proj.root)
    result = proj.check("add a statement")
    assert not result.removed
    for path in (f"statements/{slug}/index.html", f"data/statements/{new_id}.json",
                 f"data/statements/{new_id}.txt", f"s/{new_id}/index.html"):
        assert path in result.changed, path


def test_deleting_a_statement_removes_its_pages_and_data(proj: Project) -> None:
    gone = proj.root / "content" / "statement-05.txt"
    statement_id, slug = identity(gone, proj.root)

    def own(paths: Iterable[str]) -> set[str]:
        return {p for p in paths if statement_id in p or p.startswith(f"statements/{slug}/")}

    mine = own(tree(proj.site))
    for path in (f"statements/{slug}/index.html", f"data/statements/{statement_id}.json",
                 f"data/statements/{statement_id}.txt", f"s/{statement_id}/index.html"):
        assert path in mine, path
    gone.unlink()
    result = proj.check("delete a statement")
    assert mine <= result.removed
    site = tree(proj.site)
    assert own(site) == set()
    named = [p for p, data in site.items() if statement_id.encode() in data or f"/{slug}/".encode() in data]
    assert named == [], f"the deleted statement is still named in {named[:10]}"
    assert not (proj.site / "statements" / slug).exists() and not (proj.site / "s" / statement_id).exists()


def test_renaming_a_raw_statement_file(proj: Project) -> None:
    old = proj.root / "content" / "statement-10.txt"
    new = proj.root / "content" / "renamed" / "statement-ten.txt"
    new.parent.mkdir()
    old.rename(new)
    result = proj.check("rename a raw .txt statement (same bytes, new name and folder)")
    statement_id, _ = identity(new, proj.root)
    data = f"data/statements/{statement_id}.json"
    assert data in result.changed and b"statement-ten.txt" in tree(proj.site)[data]  # its source file name


def test_renaming_a_markdown_statement_file(proj: Project) -> None:
    md = seed_md(proj)
    md.rename(proj.root / "content" / "seed" / "moved.md")
    result = proj.check("rename the seed's .md file (same bytes, new name and folder)")
    assert "skipped content/raw-seed.txt: already published from content/seed/moved.md" in result.built.stdout


def test_editing_a_child_template(proj: Project) -> None:
    edit(proj.root / "templates" / "statement.html", '<meta property="og:type" content="article">',
         '<meta property="og:type" content="article">\n<meta name="x-incremental" content="child">')
    result = proj.check("edit templates/statement.html")
    site = tree(proj.site)
    statement_pages = {p for p in site if re.fullmatch(r"statements/[^/]+/index\.html", p)}
    assert result.changed == statement_pages and len(statement_pages) > STATEMENTS // 2
    assert all(b'content="child"' in site[p] for p in statement_pages)


def test_editing_the_base_template(proj: Project) -> None:
    edit(proj.root / "templates" / "base.html", '<meta charset="utf-8">',
         '<meta charset="utf-8">\n<meta name="x-incremental" content="base">')
    result = proj.check("edit templates/base.html")
    site = tree(proj.site)
    html = {p for p in site if p.endswith(".html") and b'content="base"' in site[p]}
    assert html and html <= result.changed
    assert {"index.html", "archive/index.html"} <= html


def test_editing_the_config_title(proj: Project) -> None:
    edit(proj.root / "archive.yml", "title: Diplomatic Statements Archive", "title: Incremental Archive")
    result = proj.check("change the title in archive.yml")
    assert {"index.html", "feed.xml"} <= result.changed
    assert b"Incremental Archive" in tree(proj.site)["index.html"]


@pytest.mark.parametrize("per_page", [7, 50])
def test_editing_the_config_page_size(proj: Project, per_page: int) -> None:
    config = proj.root / "archive.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^per_page: \d+$", f"per_page: {per_page}", text), encoding="utf-8")
    assert f"per_page: {per_page}" in config.read_text(encoding="utf-8")
    result = proj.check(f"set per_page: {per_page} in archive.yml")
    pages = [p for p in tree(proj.site) if re.fullmatch(r"page/\d+/index\.html", p)]
    if per_page < STATEMENTS:  # more statements than fit on one page: pages 2, 3, ...
        assert len(pages) >= STATEMENTS // per_page and set(pages) <= result.changed
    else:
        assert pages == [] and "page/2/index.html" in result.removed


def test_editing_a_static_file(proj: Project) -> None:
    style = proj.root / "static" / "style.css"
    style.write_bytes(style.read_bytes() + b"\n.incremental { color: red; }\n")
    result = proj.check("edit static/style.css")
    assert result.changed == {"static/style.css"} and not result.removed
    assert tree(proj.site)["static/style.css"].endswith(b".incremental { color: red; }\n")


def test_adding_static_files(proj: Project) -> None:
    (proj.root / "static" / "extra.txt").write_bytes(b"extra\n")
    (proj.root / "static" / "img").mkdir()
    (proj.root / "static" / "img" / "dot.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    result = proj.check("add static/extra.txt and static/img/dot.svg")
    assert result.changed == {"static/extra.txt", "static/img/dot.svg"} and not result.removed
    assert tree(proj.site)["static/extra.txt"] == b"extra\n"


def test_deleting_static_files(proj: Project) -> None:
    (proj.root / "static" / "extra.txt").unlink()
    shutil.rmtree(proj.root / "static" / "img")
    (proj.root / "static" / "cite.js").unlink()
    result = proj.check("delete static/extra.txt, static/img/ and static/cite.js")
    assert result.removed == {"static/extra.txt", "static/img/dot.svg", "static/cite.js"}
    assert result.changed == set()
    assert not (proj.site / "static" / "img").exists()  # the emptied folder goes too


def test_a_final_rebuild_without_changes_writes_nothing(proj: Project) -> None:
    first = proj.check("no change, at the end")  # brings the previous generation up to date
    assert first.changed == set() and first.removed == set()
    second = proj.check("no change, at the end, again")
    assert second.written == 0 and second.changed == set(), second.built.stdout


def test_one_worker_or_two_give_the_same_bytes(tmp_path: Path) -> None:
    from builder.build import build
    from builder.config import load_config
    content = make_corpus(tmp_path / "corpus", STATEMENTS)
    shutil.copytree(REPO / "content", content / "seed")
    root = project(tmp_path, content)
    config = load_config(root / "archive.yml").with_overrides(search=False)
    one = build(config, root / "content", tmp_path / "one", workers=1)
    two = build(config, root / "content", tmp_path / "two", workers=2, cache_dir=tmp_path / "cache")
    a, b = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert_same(b, a, "two workers give other bytes than one", ("two-worker", "one-worker"))
    assert (one.statements, one.pages, one.files, one.written) == (two.statements, two.pages, two.files, two.written)
    assert one.files == len(a) and one.statements == STATEMENTS + 1
    again = build(config, root / "content", tmp_path / "one", workers=2, cache_dir=tmp_path / "cache")
    assert again.written == 0  # two workers, with the cache, over one worker's site: nothing to change
    assert_same(tree(tmp_path / "one"), a, "rebuilt with two workers over one worker's site",
                ("rebuilt", "one-worker"))
