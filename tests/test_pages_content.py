"""The inputs of issue 16's pages: source.url and source.publisher in the front matter, content/about.md
(the about page, never a statement), the home introduction in the config, titles cut with an ellipsis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.about import load_about
from builder.config import load_config
from builder.csl import formatted
from builder.errors import BuilderError
from builder.frontmatter import validate
from builder.ingest.headline import uncut_title
from builder.load import load_content

REQUIRED = {"id": "x1", "slug": "x", "title": "X", "date": dt.date(2024, 3, 12)}
STATEMENT = "---\nid: x1\nslug: x\ntitle: X\nlead: X happened.\ndate: 2024-03-12\n---\n\nText.\n"


def test_source_url_and_publisher_are_read() -> None:
    values, errors = validate({**REQUIRED, "source": {"url": "https://mfa.am/en/1", "publisher": "MFA"}}, "a.md")
    assert errors == [] and values["source"] == {"url": "https://mfa.am/en/1", "publisher": "MFA"}


@pytest.mark.parametrize("url", ["ftp://mfa.am/1", "mfa.am/en/1", "javascript:alert(1)", "https:// spaced"])
def test_source_url_must_be_http(url: str) -> None:
    _, errors = validate({**REQUIRED, "source": {"url": url}}, "a.md")
    assert len(errors) == 1 and errors[0].field == "source" and errors[0].file == "a.md"
    assert "source.url must be an http:// or https:// address" in errors[0].message and errors[0].hint


def test_an_unknown_source_key_is_named() -> None:
    _, errors = validate({**REQUIRED, "source": {"link": "https://mfa.am/"}}, "a.md")
    assert len(errors) == 1 and "unknown: link" in errors[0].message and "url" in errors[0].message


def test_about_md_is_the_about_page_not_a_statement(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("# About us\n\nWe keep *statements*.<script>x()</script>\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "about.md").write_text(STATEMENT, encoding="utf-8")  # deeper down: a statement
    loaded = load_content(tmp_path)
    assert loaded.inputs == ("sub/about.md",) and not loaded.errors and not loaded.warnings
    about = load_about(tmp_path)
    assert about is not None and about.title == "About us"
    assert about.html == "<p>We keep <em>statements</em>.</p>"


def test_about_without_heading_and_without_file(tmp_path: Path) -> None:
    assert load_about(tmp_path) is None
    (tmp_path / "about.md").write_text("Plain text.\n", encoding="utf-8")
    assert load_about(tmp_path).title == "About this archive"


def test_about_with_front_matter_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text(STATEMENT, encoding="utf-8")
    with pytest.raises(BuilderError) as caught:
        load_about(tmp_path)
    assert caught.value.file.endswith("about.md") and caught.value.line == 1 and "rename" in caught.value.hint


def test_intro_is_a_typed_config_key(tmp_path: Path) -> None:
    config = tmp_path / "archive.yml"
    config.write_text("intro: Statements on *the South Caucasus*.\n", encoding="utf-8")
    assert load_config(config).intro == "Statements on *the South Caucasus*."
    config.write_text("intro: [a, list]\n", encoding="utf-8")
    with pytest.raises(BuilderError) as caught:
        load_config(config)
    assert caught.value.field == "intro" and "expected text" in caught.value.message


def test_a_title_cut_with_an_ellipsis_is_made_whole_from_the_lead() -> None:
    lead = ("Russia is working intensely on the normalization of the relations between Armenia and Azerbaijan, "
            "the Russian Foreign Ministry said on Monday in a statement responding to questions from the media.")
    assert uncut_title("Russia is working intensely on …", lead) == \
        "Russia is working intensely on the normalization of the relations between Armenia and Azerbaijan"
    assert uncut_title("Russia is working...", "Russia is working.") == "Russia is working"
    assert uncut_title("A title …", "Another lead.") == "A title …"  # not cut from this lead: left as written
    assert uncut_title("Whole title", lead) == "Whole title"


def test_an_access_date_a_style_prints_is_the_readers_placeholder() -> None:
    """An undated record: both styles print an access date, which becomes the placeholder cite.js fills in."""
    record = {"id": "x1", "type": "article-newspaper", "title": "A <b> & title", "author": [{"literal": "MFA"}],
              "URL": "https://example.org/s/x1/"}
    for name in ("chicago", "apa"):
        entry = formatted(record, name)
        assert entry.count("<span data-access-date>[date of access]</span>") == 1 and "9999" not in entry
        assert "A &lt;b&gt; &amp;" in entry and "<b>" not in entry
