"""The size budget: which part of the site its files belong to, their totals, and what the build prints.

The pure function is tested on (path, size) pairs in memory; ``archive build``
(with and without ``--sizes``) on the bundled one-statement site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import budget as budget_module
from builder.budget import Budget, Row, budget, human, over_limit, part_of, summary_line, table
from tests.conftest import REPO, cli, make_corpus, project

PARTS = {
    "statements/a-slug/index.html": "statement pages",
    "statements/old-slug/index.html": "statement pages",  # an alias's redirect
    "s/45aa7c544b2f/index.html": "statement pages",
    "statements/a-slug/v2/index.html": "version pages",
    "s/45aa7c544b2f/v1/index.html": "version pages",
    "statements/v2/index.html": "statement pages",  # a slug that looks like a version
    "data/citations.bib.gz": "citations",
    "data/citations.csl.json.gz": "citations",
    "data/statements.jsonl.gz": "data downloads",
    "data/index.html": "data downloads",
    "data/statements/45aa7c544b2f.txt": "data downloads",
    "pagefind/pagefind.js": "search",
    "search/index.html": "search",
    "static/style.css": "static",
    "index.html": "home pages",
    "page/2/index.html": "home pages",
    "2023/index.html": "dates (YYYY/MM/DD/)",
    "2023/01/30/index.html": "dates (YYYY/MM/DD/)",
    "tags/armenia/index.html": "tags/",
    "countries/am/feed.xml": "countries/",
    "sitemaps/sitemap-1.xml": "sitemaps/",
    "sitemap.xml": "other",
    "feed.xml": "other",
    ".nojekyll": "other",
    "404.html": "other",
}


@pytest.mark.parametrize("path", PARTS)
def test_each_path_belongs_to_its_part(path: str) -> None:
    assert part_of(path) == PARTS[path]


def test_parts_are_summed_and_the_biggest_comes_first() -> None:
    pairs = [("statements/a/index.html", 6_000), ("statements/b/index.html", 5_000), ("s/1/index.html", 300),
             ("data/statements.csv.gz", 2_000), ("tags/x/index.html", 1_000), ("people/y/index.html", 1_000),
             ("feed.xml", 500)]
    b = budget(pairs, statements=2)
    assert b.rows == (Row("statement pages", 3, 11_300), Row("data downloads", 1, 2_000),
                      Row("people/", 1, 1_000), Row("tags/", 1, 1_000), Row("other", 1, 500))
    assert (b.files, b.size, b.statements) == (7, 15_800, 2)
    assert budget(reversed(pairs), statements=2) == b


@pytest.mark.parametrize(("size", "text"), [(0, "0 B"), (999, "999 B"), (999.6, "1.0 KB"), (6_300, "6.3 KB"),
                                            (61_240_000, "61.2 MB"), (999_960, "1.0 MB"),
                                            (1_234_000_000, "1.2 GB"), (12_345_000_000_000, "12,345.0 GB")])
def test_sizes_are_shown_in_decimal_units(size: float, text: str) -> None:
    assert human(size) == text


def test_the_summary_line_gives_totals_and_per_statement_figures() -> None:
    b = Budget((Row("statement pages", 6_000, 40_000_000), Row("other", 3_142, 21_200_000)), 1_000)
    assert summary_line(b) == "site: 61.2 MB in 9,142 files (9.1 files, 61.2 KB per statement)"
    assert summary_line(Budget((Row("other", 3, 1_500),), 0)) == "site: 1.5 KB in 3 files"


def test_the_table_has_a_row_per_part_then_the_total_in_aligned_columns() -> None:
    b = Budget((Row("statement pages", 2_000, 12_000_000), Row("tags/", 40, 300_000)), 1_000)
    lines = table(b)
    assert [line.split("  ")[0].strip() for line in lines] == ["part", "statement pages", "tags/", "total"]
    assert lines[-1].split() == ["total", "2,040", "12.3", "MB", "12.3", "KB"]
    assert len({len(line) for line in lines}) == 1
    assert table(Budget((Row("other", 1, 10),), 0))[-1].split() == ["total", "1", "10", "B", "-"]


def test_a_site_over_the_limit_is_a_warning_naming_its_biggest_part() -> None:
    b = Budget((Row("statement pages", 90_000, 700_000_000), Row("search", 5_000, 400_000_000)), 100_000)
    assert over_limit(b) == ("the site is 1.1 GB, over GitHub Pages' limit of 1.0 GB; its biggest part is "
                             "statement pages (700.0 MB in 90,000 files)")
    assert over_limit(b, limit=2_000_000_000) is None
    assert over_limit(Budget((), 0)) is None


SITE_LINE = re.compile(r"site: [\d,.]+ [KMG]?B in ([\d,]+) files \(([\d,.]+) files, [\d,.]+ [KMG]?B per statement\)")


def run_build(tmp: Path, *args: str):
    done = cli(REPO, "build", "--no-search", "--output", str(tmp / "site"), "--cache-dir", str(tmp / "cache"), *args)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def on_disk(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def test_build_prints_the_site_size_before_the_summary_line(tmp_path: Path) -> None:
    lines = run_build(tmp_path).stdout.splitlines()
    assert lines[-1].startswith("Built 1 statement into ") and not any(line.startswith("part ") for line in lines)
    match = SITE_LINE.fullmatch(lines[-2])
    assert match, lines[-2]
    files, _ = on_disk(tmp_path / "site")
    assert int(match[1].replace(",", "")) == files and f"of {files} files" in lines[-1]


def test_build_sizes_prints_a_table_of_the_parts(tmp_path: Path) -> None:
    lines = run_build(tmp_path, "--sizes").stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split() == ["part", "files", "size", "per", "statement"])
    rows = {line[:line.index("  ")]: line.split()[-5:] for line in lines[start + 1:-2]}  # files, size, per statement
    assert {"statement pages", "citations", "data downloads", "static", "tags/", "other", "total"} <= set(rows)
    files, size = on_disk(tmp_path / "site")
    assert rows["total"][0] == f"{files:,}" and " ".join(rows["total"][1:3]) == human(size)
    assert SITE_LINE.fullmatch(lines[-2]) and lines[-1].startswith("Built 1 statement into ")


def test_a_site_over_the_limit_warns_and_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from builder.cli import main
    monkeypatch.setattr(budget_module, "PAGES_LIMIT", 10_000)
    status = main(["build", "--no-search", "--jobs", "1", "--config", str(REPO / "archive.yml"),
                   "--output", str(tmp_path / "site"), "--cache-dir", str(tmp_path / "cache")])
    out, err = capsys.readouterr()
    assert status == 0 and out.splitlines()[-1].startswith("Built 1 statement"), err
    (warning,) = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert re.fullmatch(r"warning: the site is [\d.]+ KB, over GitHub Pages' limit of 10\.0 KB; its biggest part "
                        r"is \S.* \([\d.]+ KB in \d+ files\)", warning), warning


def test_a_build_with_search_reports_the_sizes_of_the_files_it_published(tmp_path: Path) -> None:
    """The sizes of pages and data are read while Pagefind runs (before the generation is swapped in), the
    search files' and the marker's after: the report is the published site's, file for file, on a first
    build and on one after an edit that keeps most files and indexes one shard again."""
    from builder.build import build
    from builder.config import load_config
    root = project(tmp_path, make_corpus(tmp_path / "corpus", 12))
    config = load_config(root / "archive.yml")
    for edit in (False, True):
        if edit:
            first = min((root / "content").rglob("*.txt"))
            first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        report = build(config, root / "content", root / "site", cache_dir=tmp_path / "cache", workers=2)
        files = [p for p in (root / "site").rglob("*") if p.is_file()]
        on_site = budget(((p.relative_to(root / "site").as_posix(), p.stat().st_size) for p in files), 12)
        assert report.budget == on_site and on_site.files == report.files
        assert any(row.part == "search" for row in on_site.rows)


def test_a_tally_added_to_in_parts_is_the_budget_of_all_its_files() -> None:
    from builder.budget import Tally
    sizes = list(zip(PARTS, range(100, 100 + len(PARTS))))
    tally = Tally()
    tally.add(iter(sizes[:5]))
    tally.add(iter(sizes[5:]))
    assert tally.budget(3) == budget(sizes, 3) and tally.budget(3).files == len(PARTS)
