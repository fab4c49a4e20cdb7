"""Data downloads: ``Site`` → {path: bytes} for data/ (JSONL, CSV, per-statement
JSON and text, and an index.json manifest with counts and checksums).

Records hold every front-matter key under its own name plus ``body`` (the
Markdown as in the content file), ``text`` (plain) and the URLs.
"""

from __future__ import annotations

import csv
import hashlib
import io
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


def csv_text(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        flat = {**r, **{f"source_{k}": r["source"].get(k, "") for k in ("file", "sha256", "encoding", "ingested")}}
        writer.writerow([LIST_SEPARATOR.join(v) if isinstance(v, list) else v
                         for v in (flat.get(c, "") for c in CSV_COLUMNS)])
    return out.getvalue()


def data_files(statements: tuple[Statement, ...], u: Urls) -> dict[str, bytes]:
    """Every file under data/, the manifest last (it lists the others' checksums)."""
    oldest_first = sorted(statements, key=lambda s: s.sort_key)
    records = [record(s, u) for s in oldest_first]
    files = {urls.DATA_JSONL: "".join(to_json(r) + "\n" for r in records).encode("utf-8"),
             urls.DATA_CSV: csv_text(records).encode("utf-8")}
    for s, r in zip(oldest_first, records):
        files[urls.data_json(s.id)] = (to_json(r, indent=2) + "\n").encode("utf-8")
        files[urls.data_text(s.id)] = original_text(s).encode("utf-8")
    files[urls.DATA_INDEX] = manifest(files, len(records)).encode("utf-8")
    return files


def manifest(files: dict[str, bytes], count: int) -> str:
    listing = {path.removeprefix("data/"): {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
               for path, data in sorted(files.items())}
    return to_json({"statements": count, "files": listing, "format": 1,
                    "fields": list(CSV_COLUMNS)}, indent=2) + "\n"
