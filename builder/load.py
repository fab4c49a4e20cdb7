"""Load stage: ``content/`` → ``LoadResult`` (frozen ``Statement``s plus every error).

Reads ``.md`` files (front matter + Markdown) and raw ``.txt`` drops (ingested in
memory; a ``.md`` with the same id wins). Markdown → HTML happens here, once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from builder.errors import BuilderError, ContentErrors, display_path
from builder.frontmatter import parse_yaml, split_front_matter, validate
from builder.ingest import ingest_bytes
from builder.markup import body_to_html
from builder.model import Source, Statement

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadResult:
    statements: tuple[Statement, ...]
    errors: tuple[BuilderError, ...]
    inputs: tuple[str, ...]  # every content file considered
    skipped: tuple[tuple[str, str], ...]  # (file, why) for inputs deliberately not published


def find_inputs(content: Path) -> list[Path]:
    """Every .md and .txt under the folder, sorted, hidden files excluded."""
    if not content.is_dir():
        raise BuilderError("content folder not found", file=display_path(content),
                           hint="create it, or pass --content DIR")
    files = [p for p in content.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()]
    return sorted((p for p in files if not any(part.startswith(".") for part in p.relative_to(content).parts)),
                  key=lambda p: p.relative_to(content).as_posix())


def load_content(content: Path, language: str = "en") -> LoadResult:
    """Load every statement; errors are collected, never raised one by one."""
    statements: dict[str, Statement] = {}
    raw: list[Statement] = []
    errors: list[BuilderError] = []
    inputs = find_inputs(content)
    for path in inputs:
        name = path.relative_to(content).as_posix()
        try:
            item = load_file(path, name, display_path(path), language)
        except BuilderError as exc:
            errors.append(exc)
            continue
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        if path.suffix == ".txt":
            raw.append(item)
        elif item.id in statements:
            errors.append(duplicate_id(item, statements[item.id]))
        else:
            statements[item.id] = item
    skipped = []
    taken = {s.slug for s in statements.values()}
    for item in raw:
        if item.id in statements:
            skipped.append((item.path, f"already published from {statements[item.id].path}"))
            continue
        if item.slug in taken:  # e.g. a syndicated copy with the same lead: keep both, apart
            item = replace(item, slug=f"{item.slug}-{item.id[:6]}")
        taken.add(item.slug)
        statements[item.id] = item
    return LoadResult(tuple(sorted(statements.values(), key=lambda s: s.sort_key)), tuple(errors),
                      tuple(p.relative_to(content).as_posix() for p in inputs), tuple(skipped))


def duplicate_id(item: Statement, first: Statement) -> BuilderError:
    return BuilderError(f"id '{item.id}' is also used by {first.path}", file=item.path, field="id",
                        hint="each statement needs its own id; keep the original and change the copy")


def load_file(path: Path, name: str, shown: str, language: str) -> Statement:
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise BuilderError("file is larger than 20 MB", file=shown, hint="split it into separate statements")
    if path.suffix == ".txt":
        item = ingest_bytes(data, path.name, shown)
        return checked_statement(item.front_matter, item.body, shown, language, data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuilderError(f"not UTF-8 text (byte {exc.start})", file=shown,
                           hint="save the file as UTF-8, or ingest the raw text with 'archive ingest'") from None
    yaml_text, body, _ = split_front_matter(text, shown)
    return checked_statement(parse_yaml(yaml_text, shown), body, shown, language, data, name)


def checked_statement(data: dict[Any, Any], body: str, shown: str, language: str,
                      raw: bytes, name: str) -> Statement:
    """Validate front matter (raising every problem at once) and build the Statement."""
    values, errors = validate(data, shown)
    if errors:
        raise ContentErrors(errors)
    values.setdefault("language", language)
    values.setdefault("source", {"file": name, "sha256": hashlib.sha256(raw).hexdigest(), "encoding": "utf-8"})
    return statement_from(values, body, shown)


def statement_from(values: dict[str, Any], body: str, shown: str) -> Statement:
    source = values.get("source") or {}
    return Statement(
        id=str(values["id"]), slug=values["slug"], title=str(values["title"]),
        lead=str(values.get("lead", "")), date=values["date"],
        dateline=str(values.get("dateline", "")), agencies=tuple(values.get("agencies", ())),
        issuer=str(values.get("issuer", "")), type=values.get("type") or "statement",
        language=str(values.get("language") or "en"), countries=tuple(values.get("countries", ())),
        people=tuple(values.get("people", ())), organizations=tuple(values.get("organizations", ())),
        tags=tuple(values.get("tags", ())), references=tuple(values.get("references", ())),
        source=Source(source.get("file", ""), source.get("sha256", ""), source.get("encoding", ""),
                      source.get("ingested", "")),
        body=body.strip("\n"), body_html=body_to_html(body), path=shown, aliases=tuple(values.get("aliases", ())),
    )
