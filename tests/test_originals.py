"""The "original text" download is the original bytes (issue 14, point 7).

``archive ingest`` keeps them in ``content/_originals/<sha256>.txt`` (written
once, never overwritten); a raw ``.txt`` in content/ is its own original. The
build publishes them as ``data/statements/<id>.txt`` when their SHA-256 is the
statement's ``source.sha256`` (anyone can check it against the page), refuses a
mismatch naming both files, and a hand-written ``.md`` gets no download.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from builder.build import build
from builder.config import load_config
from builder.errors import ContentErrors
from builder.ingest.store import keep_original
from tests.conftest import REPO, SEED, cli, project

# Windows line ends, a wire byline and Windows-1251 bytes: text rebuilt from the body can match none of them.
RAW = (" date 2023-02-14 Russian Foreign Minister Sergei Lavrov said talks with Armenia would go on.\r\n\r\n"
       "MOSCOW, February 14 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Tuesday that talks with "
       "Armenia would go on next week in Moscow \u2014 \u00abas agreed\u00bb.\r\n\r\n"
       "(Reporting by Jane Doe; Editing by John Roe)\r\n").encode("utf-8")
RAW_1251 = (" date 2023-02-15 \u041c\u0418\u0414 \u0420\u043e\u0441\u0441\u0438\u0438 \u0437\u0430\u044f\u0432\u0438"
            "\u043b \u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u0430\u0445.\n\n\u041c\u041e"
            "\u0421\u041a\u0412\u0410, 15 \u0444\u0435\u0432\u0440\u0430\u043b\u044f. /\u0422\u0410\u0421\u0421/. "
            "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e\u043b"
            "\u0436\u0430\u0442\u0441\u044f.\n").encode("cp1251")
HAND = "---\nid: hand1\nslug: hand-written\ntitle: Written by hand\nlead: L\ndate: 2023-03-01\n---\n\nText.\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ingested_project(tmp_path: Path, *raws: bytes) -> Path:
    root = project(tmp_path)
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    for n, data in enumerate(raws):
        (raw_dir / f"raw-{n}.txt").write_bytes(data)
    done = cli(root, "ingest", str(raw_dir))
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def build_site(root: Path, **options: object) -> Path:
    build(load_config(root / "archive.yml").with_overrides(search=False), root / "content", root / "site",
          workers=1, **options)  # type: ignore[arg-type]
    return root / "site"


def page_of(site: Path, statement_id: str) -> str:
    record = (site / "data" / "statements" / f"{statement_id}.json").read_text(encoding="utf-8")
    slug = re.search(r'"slug": "([^"]+)"', record).group(1)  # type: ignore[union-attr]
    return (site / "statements" / slug / "index.html").read_text(encoding="utf-8")


def test_ingest_keeps_the_original_bytes_once(tmp_path: Path) -> None:
    root = ingested_project(tmp_path, RAW, RAW_1251)
    kept = root / "content" / "_originals"
    assert sorted(p.name for p in kept.iterdir()) == sorted([f"{sha(SEED.read_bytes())}.txt", f"{sha(RAW)}.txt",
                                                             f"{sha(RAW_1251)}.txt"])
    assert (kept / f"{sha(RAW)}.txt").read_bytes() == RAW and (kept / f"{sha(RAW_1251)}.txt").read_bytes() == RAW_1251
    (kept / f"{sha(RAW)}.txt").write_bytes(b"tampered")  # never overwritten, even by a later ingest
    assert keep_original(root / "content", RAW).read_bytes() == b"tampered"


def test_the_download_is_the_original_bytes_with_the_sha256_the_page_shows(tmp_path: Path) -> None:
    root = ingested_project(tmp_path, RAW, RAW_1251)
    site = build_site(root)
    for data in (RAW, RAW_1251, SEED.read_bytes()):
        statement_id = sha(data)[:12]
        download = (site / "data" / "statements" / f"{statement_id}.txt").read_bytes()
        assert download == data, f"{statement_id}: the download is not the original bytes"
        page = page_of(site, statement_id)
        assert f'<code class="hash">{sha(download)}</code>' in page
        assert f'href="/data/statements/{statement_id}.txt" download>the original bytes</a>' in page
        assert f'href="/data/statements/{statement_id}.txt" download>Original text</a>' in page


def test_a_hand_written_statement_has_no_original_and_says_so(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "hand.md").write_text(HAND, encoding="utf-8")
    site = build_site(root)
    assert not (site / "data" / "statements" / "hand1.txt").exists()
    page = page_of(site, "hand1")
    assert "hand1.txt" not in page and "Original text</a>" not in page
    assert "not published: the archive keeps no original file of this statement" in page


def test_a_raw_text_in_content_is_its_own_original(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "dropped.txt").write_bytes(RAW)
    site = build_site(root)
    assert (site / "data" / "statements" / f"{sha(RAW)[:12]}.txt").read_bytes() == RAW


def test_a_raw_text_shadowed_by_its_md_still_gives_the_md_its_original(tmp_path: Path) -> None:
    root = ingested_project(tmp_path, RAW)
    original = root / "content" / "_originals" / f"{sha(RAW)}.txt"
    original.rename(root / "content" / "again.txt")  # the raw file beside its .md, no _originals copy
    site = build_site(root)
    assert (site / "data" / "statements" / f"{sha(RAW)[:12]}.txt").read_bytes() == RAW


def test_originals_are_not_statements_and_not_warned_about(tmp_path: Path) -> None:
    root = project(tmp_path)
    report = build(load_config(root / "archive.yml").with_overrides(search=False), root / "content",
                   root / "site", workers=1)
    assert report.inputs == 1 and report.statements == 1 and not report.skipped and not report.warnings


def test_an_original_that_does_not_match_is_a_content_error_naming_both_files(tmp_path: Path) -> None:
    root = project(tmp_path)
    seed_sha = sha(SEED.read_bytes())
    (root / "content" / "_originals" / f"{seed_sha}.txt").write_bytes(SEED.read_bytes() + b"edited\n")
    with pytest.raises(ContentErrors) as caught:
        build_site(root)
    (error,) = caught.value.errors
    assert error.file and error.file.endswith(".md") and error.field == "source"
    assert f"_originals/{seed_sha}.txt" in error.message and sha(SEED.read_bytes() + b"edited\n") in error.message
    done = cli(root, "build", "--no-search", "--keep-going")
    assert done.returncode == 0 and "left out: content/2023/" in done.stderr and f"{seed_sha}.txt" in done.stderr


def test_the_bundled_seed_carries_its_original(tmp_path: Path) -> None:
    md = next((REPO / "content").rglob("*.md")).read_text(encoding="utf-8")
    recorded = re.search(r"sha256: ([0-9a-f]{64})", md).group(1)  # type: ignore[union-attr]
    assert (REPO / "content" / "_originals" / f"{recorded}.txt").read_bytes() == SEED.read_bytes()
    assert sha(SEED.read_bytes()) == recorded


@pytest.mark.parametrize("relative", [True, False], ids=["relative content folder", "absolute content folder"])
def test_an_original_whose_digest_the_inputs_stage_read_is_named_as_a_read_one_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool) -> None:
    """``kept_original`` names the file without making a path when the inputs stage read its SHA-256: the same
    absolute path as when it reads the file, and a digest that does not match is still an error."""
    from builder.errors import BuilderError
    from builder.load import kept_original, originals_folder
    monkeypatch.chdir(tmp_path)
    data = b"MOSCOW, 1 June. The talks went on.\n"
    kept = keep_original(tmp_path / "content", data)
    sha = hashlib.sha256(data).hexdigest()
    content = Path("content") if relative else tmp_path / "content"
    known = {f"_originals/{sha}.txt": bytes.fromhex(sha)}
    folder = originals_folder(content)
    read = kept_original(sha, content, "a.md", "source", {}, folder)
    assert read == str(kept.absolute()) == kept_original(sha, content, "a.md", "source", known, folder)
    with pytest.raises(BuilderError, match="has the SHA-256"):
        kept_original(sha, content, "a.md", "source", {f"_originals/{sha}.txt": b"\0" * 32}, folder)
