"""statements.csv never hands a spreadsheet a formula (issue 14, point 3; OWASP "CSV Injection").

A cell starting with '=', '+', '-', '@', a tab or a carriage return gets a
leading single quote, the rest kept; the JSONL keeps every value as it is.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from tests.conftest import build_project, project

HOSTILE = {
    "title": "=HYPERLINK(\"http://example.com/\",\"click\")",
    "lead": "+1+cmd|' /C calc'!A0",
    "dateline": "-2+3",
    "issuer": "\t=1+1",
    "agencies": "@SUM(1+1)",
    "people": "=2+2; Ann Example",
    "source_file": "\r=3+3",
}
STATEMENT = """---
id: csv1
slug: csv1
title: '=HYPERLINK("http://example.com/","click")'
lead: "+1+cmd|' /C calc'!A0"
dateline: "-2+3"
issuer: "\\t=1+1"
agencies: ["@SUM(1+1)"]
people: ["=2+2", Ann Example]
date: 2023-03-01
source: {file: "\\r=3+3", sha256: "0000", encoding: utf-8}
---

@Plain body text that starts with an at sign.
"""


def built(tmp_path: Path) -> Path:
    root = project(tmp_path)
    (root / "content" / "csv.md").write_text(STATEMENT, encoding="utf-8")
    build_project(root)
    return root / "site" / "data"


def test_formula_cells_start_with_a_quote_and_keep_the_rest(tmp_path: Path) -> None:
    data = built(tmp_path)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(gzip.decompress((data / "statements.csv.gz").read_bytes()).decode("utf-8"),
                                                           newline=""))}
    row = rows["csv1"]
    for column, value in {**HOSTILE, "text": "@Plain body text that starts with an at sign."}.items():
        assert row[column] == "'" + value, (column, row[column])
    assert row["id"] == "csv1" and row["date"] == "2023-03-01"  # ordinary cells untouched
    seed = next(r for r in rows.values() if r["id"] != "csv1")
    assert not any(v.startswith("'") for v in seed.values()), seed


def test_jsonl_keeps_the_values_unchanged(tmp_path: Path) -> None:
    data = built(tmp_path)
    records = [json.loads(line) for line in gzip.decompress((data / "statements.jsonl.gz").read_bytes()).decode("utf-8").splitlines()]
    record = next(r for r in records if r["id"] == "csv1")
    assert record["title"] == HOSTILE["title"] and record["issuer"] == HOSTILE["issuer"]
    assert record["agencies"] == [HOSTILE["agencies"]] and record["people"] == ["=2+2", "Ann Example"]
    assert record["source"]["file"] == HOSTILE["source_file"]
