"""Characters XML forbids never reach a page, feed or sitemap (issue 14, point 2).

XML allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
A statement carrying the others (U+0000–U+001F, U+FFFE, U+FFFF, character
references to a surrogate or a control character) still builds, and every
feed and the sitemap parse with an XML parser (and xmllint, when installed).
A lone surrogate, which only a YAML escape can make, is an error naming the key.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder.errors import BuilderError, ContentErrors
from builder.xmlchars import FORBIDDEN, xml_safe
from tests.conftest import build_project, project

C0 = "".join(chr(c) for c in range(0x20))
BODY = (f"Controls [{C0}] and non-characters [\ufffe\uffff] in the text.\n\n"
        "References: &#x1F; &#0; &#xD800; &#xFFFF; &#xFFFE; and a good one &#x263A;.\n")
STATEMENT = ("---\nid: odd-chars\nslug: odd-chars\ntitle: \"Title with \\uFFFF and \\uFFFE\"\n"
             "lead: \"Lead \\uFFFF\"\ndate: 2023-02-01\ntags: [\"tag \\uFFFE\"]\n---\n\n" + BODY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("xmlchars"))
    (root / "content" / "odd.md").write_text(STATEMENT, encoding="utf-8", newline="\n")
    build_project(root)
    return root / "site"


def test_the_statement_is_published(site: Path) -> None:
    page = (site / "statements" / "odd-chars" / "index.html").read_text(encoding="utf-8")
    assert "Title with  and " in page and "non-characters [] in the text" in page and "\u263a" in page


def test_no_output_holds_a_character_xml_forbids(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            found = FORBIDDEN.search(text)
            assert found is None, f"{path.relative_to(site)} holds U+{ord(found.group()):04X}"


def test_feeds_and_sitemap_parse_as_xml(site: Path) -> None:
    documents = sorted(site.rglob("*.xml"))
    assert site / "sitemap.xml" in documents and site / "feed.xml" in documents
    assert any("odd-chars" in p.read_text(encoding="utf-8") for p in documents if p.name == "feed.xml")
    for path in documents:
        ET.fromstring(path.read_bytes())  # expat: raises on any forbidden character


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_feeds_and_sitemap_pass_xmllint(site: Path) -> None:
    documents = [str(p) for p in sorted(site.rglob("*.xml"))]
    done = subprocess.run(["xmllint", "--noout", *documents], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_filter_keeps_every_allowed_character() -> None:
    allowed = "\t\n\r \ud7ff\ue000\ufffd\U00010000\U0010ffff\u263a"
    assert xml_safe(allowed + "\x00\x1f\ufffe\uffff\ud800\udfff") == allowed


def test_a_lone_surrogate_in_front_matter_is_an_error_naming_the_key(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "bad.md").write_text(
        "---\nid: bad\nslug: bad\ntitle: \"Broken \\ud800 title\"\ndate: 2023-02-01\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build_project(root)
    (error,) = caught.value.errors
    assert isinstance(error, BuilderError) and error.field == "title" and "U+D800" in error.message
    assert error.file and error.file.endswith("bad.md") and error.line == 4
