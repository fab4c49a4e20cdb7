"""Data downloads: ``Site`` → the files of data/ (JSONL, CSV, per-statement JSON
and original bytes, and an index.json manifest with counts and checksums), one at a time.

Records hold every front-matter key under its own name plus ``body`` (the
Markdown as in the content file), ``text`` (plain) and the URLs. In the CSV, a
cell that a spreadsheet would run as a formula starts with a single quote.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from builder import jsontext, urls
from builder.errors import BuilderError
from builder.model import Statement
from builder.plaintext import body_text
from builder.urls import Urls

CSV_COLUMNS = ("id", "slug", "date", "title", "lead", "dateline", "agencies", "issuer", "type", "language",
               "countries", "people", "organizations", "tags", "references", "aliases", "source_file",
               "source_sha256", "source_encoding", "source_ingested", "url", "permalink", "text")
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def front_matter(s: Statement) -> dict[str, Any]:
    """The statement's front matter, as YAML would load it (dates as ISO text)."""
    source = {"file": s.source.file, "sha256": s.source.sha256, "encoding": s.source.encoding}
    if s.source.ingested:
        source["ingested"] = s.source.ingested
    record: dict[str, Any] = {
        "id": s.id, "slug": s.slug, "title": s.title, "lead": s.lead, "date": s.date_iso,
        "dateline": s.dateline, "agencies": list(s.agencies), "issuer": s.issuer, "type": s.type,
        "language": s.language, "countries": list(s.countries), "people": list(s.people),
        "organizations": list(s.organizations), "tags": list(s.tags), "references": list(s.references),
        "source": source,
    }
    if s.aliases:
        record["aliases"] = list(s.aliases)
    return record


def record(s: Statement, u: Urls) -> dict[str, Any]:
    return {**front_matter(s), "body": s.body, "text": body_text(s.body),
            "url": u.absolute(urls.statement(s.slug)), "permalink": u.absolute(urls.permalink(s.id))}


def to_json(value: Any, indent: int | None = None) -> str:
    return jsontext.dumps(value, indent)


def csv_writer(out: io.StringIO) -> Any:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    return writer


def csv_row(writer: Any, r: dict[str, Any]) -> None:
    flat = {**r, **{f"source_{k}": r["source"].get(k, "") for k in ("file", "sha256", "encoding", "ingested")}}
    writer.writerow([inert_cell(LIST_SEPARATOR.join(v) if isinstance(v, list) else str(v))
                     for v in (flat.get(c, "") for c in CSV_COLUMNS)])


def inert_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP "CSV Injection"): one
    starting with '=', '+', '-', '@', a tab or a carriage return gets a leading single quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def data_outputs(statements: tuple[Statement, ...], u: Urls) -> Iterator[tuple[str, bytes | BinaryIO]]:
    """Every file under data/, one at a time, the manifest last (it lists the others' checksums).

    The two whole-archive files are spooled to temporary files as they grow and
    handed on as open files, so they never sit in memory."""
    listing: dict[str, dict[str, Any]] = {}
    jsonl, table = Spool(), Spool()
    line = io.StringIO()
    writer = csv_writer(line)
    table.write(take(line))
    for s in sorted(statements, key=lambda s: s.sort_key):
        r = record(s, u)
        jsonl.write((to_json(r) + "\n").encode("utf-8"))
        csv_row(writer, r)
        table.write(take(line))
        yield listed(listing, urls.data_json(s.id), (to_json(r, indent=2) + "\n").encode("utf-8"))
        if s.original:
            yield listed(listing, urls.data_text(s.id), original_bytes(s))
    for path, spool in ((urls.DATA_JSONL, jsonl), (urls.DATA_CSV, table)):
        note(listing, path, spool.size, spool.sha)
        yield path, spool.done()
    yield urls.DATA_INDEX, (to_json({"statements": len(statements), "files": dict(sorted(listing.items())), "format": 1,
                                     "fields": list(CSV_COLUMNS)}, indent=2) + "\n").encode("utf-8")


def original_bytes(s: Statement) -> bytes:
    """The statement's original bytes, as the loader found them (their SHA-256 is ``source.sha256``)."""
    data = Path(s.original).read_bytes()
    if hashlib.sha256(data).hexdigest() != s.source.sha256:
        raise BuilderError(f"its original text {s.original} changed while the site was being built", file=s.path,
                           field="source", hint="build again")
    return data


class Spool:
    """A temporary file written piece by piece, with its size and SHA-256 kept as it grows."""

    def __init__(self) -> None:
        self.file: BinaryIO = tempfile.TemporaryFile()  # noqa: SIM115 (handed on open; the writer closes it)
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.file.write(data)
        self.sha.update(data)
        self.size += len(data)

    def done(self) -> BinaryIO:
        self.file.seek(0)
        return self.file


def take(buffer: io.StringIO) -> bytes:
    """What was written to ``buffer`` since the last take, as UTF-8."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def note(listing: dict[str, dict[str, Any]], path: str, size: int, sha: Any) -> None:
    """The manifest entry of one file under data/: its size and SHA-256."""
    listing[path.removeprefix("data/")] = {"bytes": size, "sha256": sha.hexdigest()}


def listed(listing: dict[str, dict[str, Any]], path: str, data: bytes) -> tuple[str, bytes]:
    """Note a file's size and checksum for the manifest, and pass it on."""
    note(listing, path, len(data), hashlib.sha256(data))
    return path, data
