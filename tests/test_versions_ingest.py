"""Ingest keeps every version of a statement (issue 17, point 1).

The shapes ministries edit in: one word changed, a paragraph removed, a
paragraph added, a date corrected. A whitespace or encoding re-save is the
same version; a version already held, ingested again, changes nothing; a
different statement of the same issuer and day, or another agency's copy,
stays a statement of its own. A file edited by hand keeps its metadata.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from builder.errors import ContentErrors
from builder.frontmatter import split_front_matter
from builder.ingest import ingest_bytes
from builder.ingest.store import Held, held_statements, keep_original, store
from builder.ingest_command import run_ingest
from builder.load import load_content
from builder.plaintext import body_text
from builder.versioning import compose
from tests.conftest import SEED

V1 = SEED.read_bytes()
ONE_WORD = V1.replace(b"We are intensely working", b"We are actively working")
PARAGRAPH = (b"It also highlighted the importance of the 3+3 regional platform (Azerbaijan, Armenia, Georgia, Russia, "
             b"Iran and Turkey), describing it as useful and relevant.\n\n")
REMOVED = V1.replace(PARAGRAPH, b"")
ADDED = V1.rstrip(b"\n") + b"\n\nThe ministry added that consultations would resume after the holidays.\n"
DATE_FIXED = V1.replace(b"11 January 2021", b"12 January 2021")
RESAVED = V1.replace(b"\n", b"\r\n").replace(b". ", b".  ")  # Windows line ends, doubled spaces: same text
OTHER_SAME_DAY = (b" date 2023-01-30 The Russian Foreign Ministry commented on the situation at the Lachin corridor.\n\n"
                  b"STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS: The situation at the Lachin corridor remains "
                  b"tense, the Russian Foreign Ministry said, calling on the parties to restore free movement of "
                  b"people and goods without delay.\n")
SYNDICATED = V1.replace(b"STEPANAKERT, JANUARY 30, ARTSAKHPRESS-ARMENPRESS:", b"MOSCOW, January 30. /TASS/.")


def ingest(tmp: Path, content: Path, name: str, data: bytes, *extra: str) -> None:
    raw = tmp / "raw" / name
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_bytes(data)
    run_ingest([raw], content, force="--force" in extra)


def files(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def statement_file(content: Path) -> Path:
    (md,) = [p for p in content.rglob("*.md")]
    return md


def front_and_body(md: Path) -> tuple[dict, str]:
    yaml_text, body, _ = split_front_matter(md.read_text(encoding="utf-8"), md.name)
    return yaml.safe_load(yaml_text), body.strip("\n")


def words(markdown: str) -> list[str]:
    return body_text(markdown).split()


@pytest.mark.parametrize("name, newer", [("one word changed", ONE_WORD), ("paragraph removed", REMOVED),
                                         ("paragraph added", ADDED), ("date corrected", DATE_FIXED)])
def test_a_new_wording_becomes_the_body_and_the_old_one_its_first_version(tmp_path: Path, name: str,
                                                                          newer: bytes, capsys) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    first = front_and_body(statement_file(content))
    ingest(tmp_path, content, "v2.txt", newer)
    out = capsys.readouterr().out
    md = statement_file(content)  # still one statement, in the same file
    front, body = front_and_body(md)
    assert "new version" in out and "version 2" in out, out
    assert front["id"] == first[0]["id"] and front["slug"] == first[0]["slug"], "the permanent id and address stay"
    assert words(body) == words(ingest_bytes(newer, "v2.txt").body), "the body is the new wording"
    (v1,) = front["versions"]
    assert v1["body"] == first[1], "the earlier text is kept verbatim"
    assert v1["sha256"] == hashlib.sha256(V1).hexdigest() and v1["file"] == "v1.txt"
    assert v1["seen"] == first[0]["source"]["ingested"], "seen: when ingest first met that wording"
    assert front["source"]["sha256"] == hashlib.sha256(newer).hexdigest() and front["source"]["file"] == "v2.txt"
    assert (content / "_originals" / f"{v1['sha256']}.txt").read_bytes() == V1, "both originals are kept"
    assert (content / "_originals" / f"{front['source']['sha256']}.txt").read_bytes() == newer


def test_a_corrected_date_in_the_text_is_re_extracted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    ingest(tmp_path, content, "v2.txt", DATE_FIXED)
    front, _ = front_and_body(statement_file(content))
    assert "2021-01-12" in front["references"] and "2021-01-11" not in front["references"]


def test_a_whitespace_or_encoding_resave_is_not_a_new_version(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    before = {k: v for k, v in files(content).items() if not k.startswith("_originals")}
    ingest(tmp_path, content, "resaved.txt", RESAVED)
    assert "skipped as duplicates" in capsys.readouterr().out
    after = {k: v for k, v in files(content).items() if not k.startswith("_originals")}
    assert after == before and "versions" not in front_and_body(statement_file(content))[0]


@pytest.mark.parametrize("again", ["v1.txt", "v2.txt", "v3.txt"])
def test_re_ingesting_a_version_already_held_changes_nothing(tmp_path: Path, again: str, capsys) -> None:
    content = tmp_path / "content"
    texts = {"v1.txt": V1, "v2.txt": ONE_WORD, "v3.txt": REMOVED}
    for name, data in texts.items():
        ingest(tmp_path, content, name, data)
    before = files(content)
    capsys.readouterr()
    ingest(tmp_path / "again", content, again, texts[again])
    assert files(content) == before
    assert "0 written, 1 skipped as duplicates" in capsys.readouterr().out


def test_three_wordings_are_kept_oldest_first_with_the_time_each_was_seen(tmp_path: Path) -> None:
    content = tmp_path / "content"
    held = Held()
    for n, data in enumerate((V1, ONE_WORD, REMOVED), 1):
        keep_original(content, data)
        assert store(content, ingest_bytes(data, f"v{n}.txt"), held, f"2026-11-2{n}T09:00:00+00:00").status in (
            "written", "new version")
    front, _ = front_and_body(statement_file(content))
    assert [v["file"] for v in front["versions"]] == ["v1.txt", "v2.txt"]
    assert [v["seen"] for v in front["versions"]] == ["2026-11-21T09:00:00+00:00", "2026-11-22T09:00:00+00:00"]
    assert front["source"]["ingested"] == "2026-11-23T09:00:00+00:00"
    statement = load_content(content).statements[0]
    assert statement.version == 3 and [v.number for v in statement.versions] == [1, 2]
    assert all(v.original for v in statement.versions), "each earlier version is paired with its original bytes"


def test_the_file_stays_readable_the_earlier_text_as_a_yaml_block(tmp_path: Path) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    ingest(tmp_path, content, "v2.txt", ONE_WORD)
    text = statement_file(content).read_text(encoding="utf-8")
    assert "\nversions:\n- sha256: " in text and "\n  body: |-\n    STEPANAKERT, JANUARY 30" in text
    assert "We are intensely working" in text, "the earlier wording is there as written, not escaped"


def test_another_statement_of_the_same_issuer_and_day_stays_apart(tmp_path: Path) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    ingest(tmp_path, content, "other.txt", OTHER_SAME_DAY)
    mds = sorted(content.rglob("*.md"))
    assert len(mds) == 2 and not any("versions:" in p.read_text(encoding="utf-8") for p in mds)


def test_another_agencys_copy_is_syndication_not_a_version(tmp_path: Path) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    ingest(tmp_path, content, "tass.txt", SYNDICATED)
    assert len(list(content.rglob("*.md"))) == 2


def test_a_hand_edited_file_keeps_its_metadata_and_gains_the_version(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    md = statement_file(content)
    md.write_text(md.read_text(encoding="utf-8").replace("dateline: Stepanakert", "dateline: Moscow"),
                  encoding="utf-8")
    ingest(tmp_path, content, "v2.txt", ONE_WORD)
    out = capsys.readouterr().out
    front, body = front_and_body(md)
    assert front["dateline"] == "Moscow", "the maintainer's correction is kept"
    assert len(front["versions"]) == 1 and "actively working" in body
    assert "metadata kept from your edits" in out and "check it against the new text" in out


def test_a_file_laid_out_by_hand_is_refused_unless_forced(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    ingest(tmp_path, content, "v1.txt", V1)
    md = statement_file(content)
    md.write_text(md.read_text(encoding="utf-8").replace("\ndate:", "\n# checked by hand\ndate:"), encoding="utf-8")
    before = md.read_bytes()
    ingest(tmp_path, content, "v2.txt", ONE_WORD)
    assert md.read_bytes() == before and "use --force to add the version" in capsys.readouterr().out
    ingest(tmp_path / "forced", content, "v2.txt", ONE_WORD, "--force")
    front, body = front_and_body(md)
    assert len(front["versions"]) == 1 and "actively working" in body and "# checked by hand" not in md.read_text()


def test_a_versionless_file_is_written_exactly_as_before() -> None:
    item = ingest_bytes(V1, "v1.txt").with_ingested("2026-11-27T00:00:00+00:00")
    assert compose(item.front_matter, item.body) == item.markdown


def test_the_index_knows_every_version(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for n, data in enumerate((V1, ONE_WORD), 1):
        ingest(tmp_path, content, f"v{n}.txt", data)
    held = held_statements(content)
    md = statement_file(content)
    for data in (V1, ONE_WORD):
        assert held.paths[f"sha:{hashlib.sha256(data).hexdigest()}"] == md
    assert held.dates["2023-01-30"] == [md]


@pytest.mark.parametrize("entry, message", [
    ("- body: |\n    Text.\n  sha: abc\n", "versions: entry 1: unknown key 'sha' (did you mean 'sha256'?)"),
    ("- sha256: abc\n  body: Text.\n", "versions: entry 1: sha256: expected 64 lower-case hex digits"),
    ("- seen: yesterday\n  body: Text.\n", "versions: entry 1: seen: expected a time such as"),
    ("- seen: '2026-11-27T10:00:00+00:00'\n", "versions: entry 1: 'body' must hold the earlier text"),
    ("- Just some text\n", "versions: entry 1: expected a mapping with body"),
    ("  text: Not a list\n", "versions: expected a list of earlier versions"),
])
def test_a_malformed_versions_entry_is_a_content_error_naming_the_key(tmp_path: Path, entry: str, message: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "x.md").write_text(f"---\nid: x1\nslug: x\ntitle: X\ndate: 2023-01-30\nversions:\n{entry}---\n\nNow.\n",
                                  encoding="utf-8")
    errors = load_content(content).errors
    assert len(errors) == 1 and message in str(errors[0]) and "x.md:6: versions:" in str(errors[0]), errors
    assert "README" in str(errors[0]), "the hint says where the format is described"
    assert not isinstance(errors[0], ContentErrors)
