"""Data downloads: ``Site`` → {path: bytes} for data/ (JSONL, CSV, per-statement
JSON and text, and an index.json manifest with counts and checksums).

Records hold every front-matter key under its own name plus ``body`` (the
Markdown as in the content file), ``text`` (plain) and the URLs.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from typing import Any

from builder import jsontext, urls
from builder.model import Statement
from builder.plaintext import body_text, original_text
from builder.urls import Urls

CSV_COLUMNS = ("id", "slug", "date", "title", "lead", "dateline", "agencies", "issuer", "type", "language",
               "countries", "people", "organizations", "tags", "references", "aliases", "source_file",
               "source_sha256", "source_encoding", "source_ingested", "url", "permalink", "text")
LIST_SEPARATOR = "; "


def front_matter(s: Statement) -> dict[str, Any]:
    """The statement's front matter, as YAML would load it (dates as ISO text)."""
    source = {"file": s.source.file, "sha256": s.source.sha256, "encoding": s.source.encoding}
    if s.source.ingested:
        source["ingested"] = s.source.ingested
    record: dict[str, Any] = {
        "id": s.id, "slug": s.slug, "title": s.title, "lead": s.lead, "date": s.date.isoformat(),
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
    writer.writerow([LIST_SEPARATOR.join(v) if isinstance(v, list) else v
                     for v in (flat.get(c, "") for c in CSV_COLUMNS)])


def data_files(statements: tuple[Statement, ...], u: Urls) -> dict[str, bytes]:
    """Every file under data/, the manifest last (it lists the others' checksums)."""
    return dict(data_outputs(statements, u))


def data_outputs(statements: tuple[Statement, ...], u: Urls) -> Iterator[tuple[str, bytes]]:
    """The files of ``data_files`` one at a time, holding only the two whole-archive files at once."""
    listing: dict[str, dict[str, Any]] = {}
    jsonl: list[bytes] = []
    table = io.StringIO()
    writer = csv_writer(table)
    for s in sorted(statements, key=lambda s: s.sort_key):
        r = record(s, u)
        jsonl.append((to_json(r) + "\n").encode("utf-8"))
        csv_row(writer, r)
        yield listed(listing, urls.data_json(s.id), (to_json(r, indent=2) + "\n").encode("utf-8"))
        yield listed(listing, urls.data_text(s.id), original_text(s).encode("utf-8"))
    joined = b"".join(jsonl)
    jsonl.clear()
    yield listed(listing, urls.DATA_JSONL, joined)
    del joined
    yield listed(listing, urls.DATA_CSV, table.getvalue().encode("utf-8"))
    yield urls.DATA_INDEX, (to_json({"statements": len(statements), "files": dict(sorted(listing.items())), "format": 1,
                                     "fields": list(CSV_COLUMNS)}, indent=2) + "\n").encode("utf-8")


def listed(listing: dict[str, dict[str, Any]], path: str, data: bytes) -> tuple[str, bytes]:
    """Note a file's size and checksum for the manifest, and pass it on."""
    listing[path.removeprefix("data/")] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return path, data
