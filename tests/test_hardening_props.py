"""Property tests: arbitrary bytes and front matter reach load and build; only the project's errors come out."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BuilderError, ContentErrors
from builder.load import load_content
from tests.conftest import REPO, build_project, project

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])
KEYS = ["id", "slug", "title", "lead", "date", "dateline", "agencies", "issuer", "type", "language",
        "countries", "people", "organizations", "tags", "references", "source", "aliases", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates().map(str), st.sampled_from(["../x", "a/b", "C:\\x", "..", "{{ 7*7 }}", "<script>",
                                                          "2023-01-01", "AM", "statement", "!!python/object"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=4), max_leaves=12)
front = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)


def load_one(name: str, data: bytes):  # noqa: ANN201
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        (content / name).write_bytes(data)
        return load_content(content)


def no_internal_errors(result) -> None:  # noqa: ANN001
    for error in result.errors:
        assert isinstance(error, BuilderError)
        assert "internal error" not in str(error), str(error)
        assert error.file and error.file.endswith((".md", ".txt")), str(error)
    assert len(result.statements) + len({e.file for e in result.errors}) + len(result.skipped) == len(result.inputs)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_markdown(data: bytes) -> None:
    no_internal_errors(load_one("any.md", data))


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_raw_text(data: bytes) -> None:
    no_internal_errors(load_one("any.txt", data))


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_after_a_front_matter_opening(text: str) -> None:
    no_internal_errors(load_one("any.md", ("---\n" + text).encode("utf-8", "surrogatepass")))


@SETTINGS
@given(front, st.text(max_size=200))
def test_arbitrary_front_matter_and_body(data: dict, body: str) -> None:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\n" + body
    result = load_one("any.md", text.encode("utf-8", "surrogatepass"))
    no_internal_errors(result)
    for s in result.statements:
        assert "/" not in s.slug and ".." not in s.slug and "\\" not in s.slug
        assert all("/" not in a and ".." not in a for a in s.aliases)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), st.text(max_size=200))
def test_build_with_arbitrary_statement_fails_only_with_content_errors(tmp_path_factory, data: dict, body: str) -> None:
    base = {"id": "p1", "slug": "p1", "title": "T", "lead": "L", "date": "2023-01-01"}
    text = "---\n" + yaml.safe_dump({**base, **data}, allow_unicode=True) + "---\n\n" + body
    root = project(tmp_path_factory.mktemp("prop"))
    (root / "content" / "p.md").write_bytes(text.replace("date: '2023-01-01'", "date: 2023-01-01")
                                            .encode("utf-8", "surrogatepass"))
    try:
        report = build_project(root)
    except ContentErrors as exc:
        assert all("internal error" not in str(e) for e in exc.errors), str(exc)
        assert exc.counts and exc.counts[0] == sum(exc.counts[1:])
    else:
        assert report.inputs == report.statements + len(report.skipped) + report.rejected
        assert (root / "site" / "index.html").is_file()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_bundled_content_still_loads() -> None:
    result = load_content(REPO / "content")
    assert result.errors == () and len(result.statements) >= 1
