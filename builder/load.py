"""Load stage: ``content/`` → ``LoadResult`` (frozen ``Statement``s plus every error).

Reads ``.md`` files (front matter + Markdown) and raw ``.txt`` drops (ingested in
memory; a ``.md`` with the same id wins). Markdown → HTML happens here, once.
Each statement is paired with its original bytes: ``content/_originals/<sha256>.txt``
for a ``.md`` (checked against ``source.sha256``), the file itself for a raw ``.txt``.
"""

from __future__ import annotations

import hashlib
import os
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from builder.about import is_about
from builder.cache import LoadCache
from builder.errors import BuilderError, ContentErrors, InternalError, display_path
from builder.frontmatter import key_lines, parse_yaml, split_front_matter, validate
from builder.ingest.decode import check_text
from builder.ingest.headline import uncut_title
from builder.ingest.syndication import shingle_key
from builder.ingest.store import ORIGINALS, original_path
from builder.datephrases import mentioned_dates
from builder.digests import loaded_digest
from builder.markup import BodyError, body_to_html, without_control
from builder.model import Source, Statement, Version
from builder.plaintext import body_text
from builder.textkey import text_key
from builder.progress import Progress

MAX_FILE_BYTES = 20 * 1024 * 1024
SHA256_RE = re.compile(r"[0-9a-f]{64}")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LoadResult:
    statements: tuple[Statement, ...]
    errors: tuple[BuilderError, ...]
    inputs: tuple[str, ...]  # every content file considered
    skipped: tuple[tuple[str, str], ...]  # (file, why) for inputs deliberately not published
    warnings: tuple[BuilderError, ...] = ()  # published anyway; `--strict` makes them errors
    shown: tuple[str, ...] = ()  # each input as messages name it (same order as ``inputs``)
    digests: tuple[bytes, ...] = ()  # each statement's ``digests.loaded_digest`` (same order as ``statements``)


def find_inputs(content: Path) -> list[Path]:
    """Every .md and .txt under the folder, sorted, hidden files excluded."""
    return scan(content)[0]


def scan(content: Path) -> tuple[list[Path], list[Path]]:
    """(inputs, other visible files): hidden files and folders skipped, links to folders not followed,
    ``_originals`` folders (original bytes, not statements) and the about page left alone."""
    inputs, others = scan_named(content)
    return [p for _, p in inputs], others


def scan_named(content: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """``scan``, each input with its name under ``content`` ('2023/x.md')."""
    if not content.is_dir():
        raise BuilderError("content folder not found", file=display_path(content),
                           hint="create it, or pass --content DIR")
    inputs: list[tuple[str, str]] = []  # (name under content/, path): strings until sorted (pathlib costs
    others: list[tuple[str, str]] = []   # 0.2 s a build at 10,000 statements)
    top = str(content)
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != ORIGINALS]
        under = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if under == "." else under + "/"
        for name in names:
            if name.startswith(".") or is_about(prefix + name):
                continue
            path = os.path.join(folder, name)
            statement = os.path.splitext(name)[1] in (".md", ".txt") and os.path.isfile(path)
            (inputs if statement else others).append((prefix + name, path))
    return [(name, Path(p)) for name, p in sorted(inputs)], [Path(p) for _, p in sorted(others)]


def ignored(path: Path) -> BuilderError:
    """A warning for a visible file that is not read: a statement may be hiding there."""
    return BuilderError("not read: only .md and .txt files are statements", file=display_path(path),
                        hint="rename it to .md or .txt, or start its name with '.' to hide it")


def content_warnings(item: Statement) -> list[BuilderError]:
    """Published, but probably not as meant."""
    found = []
    if not item.body.strip():
        found.append(BuilderError("the statement has no text", file=item.path,
                                  hint="add the text after the closing '---'"))
    if not item.lead.strip():
        found.append(BuilderError("empty lead", file=item.path, field="lead",
                                  hint="add 'lead:' with the statement's first sentence"))
    return found


def load_content(content: Path, language: str = "en", cache: LoadCache | None = None,
                 progress: Progress | None = None, workers: int = 1,
                 digests: Mapping[str, bytes] | None = None) -> LoadResult:
    """Load every statement; errors are collected, never raised one by one. ``digests``: the SHA-256 of each
    file under ``content`` by its path there, as the build's inputs stage read them (``Inputs.content``):
    a cached file and an original whose digest is known are not read again."""
    statements: dict[str, Statement] = {}
    raw: list[Statement] = []
    errors: list[BuilderError] = []
    named, others = scan_named(content)
    inputs, names = [p for _, p in named], [name for name, _ in named]
    warnings = [ignored(p) for p in others]
    cache = cache or LoadCache(None)
    shown_names = shown_as(content, names)
    originals = originals_folder(content)
    keys: dict[str, bytes] = {}  # the cache key each statement was parsed under, by its file as shown
    from builder.load_parallel import load_keyed
    for path, (item, key) in zip(inputs, load_keyed(list(zip(inputs, names, shown_names)), language, cache, workers,
                                                    progress, digests)):
        if not isinstance(item, Statement):
            errors.extend(item)
            continue
        try:
            item = with_original(item, path, content, digests, originals)
        except BuilderError as exc:
            errors.append(exc)
            continue
        warnings += content_warnings(item)
        keys[item.path] = key
        if path.suffix == ".txt":
            raw.append(item)
        elif item.id in statements:
            errors.append(duplicate_id(item, statements[item.id]))
        else:
            statements[item.id] = item
    skipped = []
    taken = {s.slug for s in statements.values()}
    texts = {text_key(body): s for s in statements.values() for body in (*(v.body for v in s.versions), s.body)
             } if raw else {}  # (only raw files are looked up: 0.4 s at 10,000 statements when there are none)
    for item in raw:
        twin = texts.get(text_key(item.body))
        if item.id not in statements and twin is not None:
            skipped.append((item.path, f"the same text as {twin.path}, differing only in whitespace or encoding"
                            if text_key(twin.body) == text_key(item.body) else f"an earlier version of {twin.path}"))
            warnings = [w for w in warnings if w.file != item.path]
            continue
        texts.setdefault(text_key(item.body), item)
        if item.id in statements:
            first = statements[item.id]
            if not first.original and first.source.sha256 == item.source.sha256:  # the raw file is its original
                statements[item.id] = replace(first, original=item.original)
            skipped.append((item.path, f"already published from {first.path}"))
            warnings = [w for w in warnings if w.file != item.path]
            continue
        if item.slug in taken:  # e.g. a syndicated copy with the same lead: keep both, apart
            item = replace(item, slug=f"{item.slug}-{item.id[:6]}")
        taken.add(item.slug)
        statements[item.id] = item
    published = tuple(sorted(statements.values(), key=lambda s: s.sort_key))
    return LoadResult(published, tuple(errors), tuple(names), tuple(skipped), tuple(warnings), tuple(shown_names),
                      tuple(loaded_digest(keys[s.path], s) for s in published))


def with_original(item: Statement, path: Path, content: Path, digests: Mapping[str, bytes] | None = None,
                  originals: str = "") -> Statement:
    """The statement (and each earlier version) paired with the file holding its original bytes, when there is one.

    A raw ``.txt`` is its own original. A ``.md`` has one when
    ``content/_originals/<source.sha256>.txt`` exists; its bytes must have that SHA-256,
    and likewise for each entry of ``versions``. ``digests``: files' SHA-256 already known (``load_content``);
    ``originals``: ``originals_folder(content)``, when the caller has it."""
    if path.suffix == ".txt":
        return replace(item, original=str(path.absolute()))
    digests = digests or {}
    originals = originals or originals_folder(content)
    versions = tuple(replace(v, original=kept_original(v.sha256, content, item.path, f"versions: entry {v.number}",
                                                       digests, originals))
                     for v in item.versions)
    return replace(item, original=kept_original(item.source.sha256, content, item.path, "source", digests, originals),
                   versions=versions)


def originals_folder(content: Path) -> str:
    """``content/_originals`` as an absolute path (what ``kept_original`` names the originals in)."""
    return str((content / ORIGINALS).absolute())


def kept_original(sha: str, content: Path, shown: str, field: str, digests: Mapping[str, bytes],
                  originals: str) -> str:
    """``content/_originals/<sha>.txt`` as an absolute path when it exists and holds bytes with that SHA-256;
    '' when there is no such file. A file whose bytes do not match is an error naming both files. Its
    SHA-256 is taken from ``digests`` when they hold it, else the file is read. ``originals``:
    ``originals_folder(content)``."""
    if not SHA256_RE.fullmatch(sha):
        return ""
    known = digests.get(f"{ORIGINALS}/{sha}.txt")
    if known is not None and known.hex() == sha:  # no path made: 10,000 originals in 0.004 s instead of 0.19 s
        return f"{originals}/{sha}.txt"
    kept = original_path(content, sha)
    if known is not None:
        actual = known.hex()
    elif not kept.is_file():
        return ""
    else:
        try:
            actual = hashlib.sha256(kept.read_bytes()).hexdigest()
        except OSError as exc:
            raise BuilderError(f"cannot read its original text {display_path(kept)}: {exc.strerror}", file=shown,
                               field=field, hint="check that the file is readable") from None
    if actual != sha:
        key = "source.sha256" if field == "source" else "sha256 of that entry"
        raise BuilderError(f"its original text {display_path(kept)} has the SHA-256 {actual}, not the "
                           f"{key} of this file", file=shown, field=field,
                           hint="put the original bytes back (re-run 'archive ingest' on the raw file), "
                                "or delete that file")
    return str(kept.absolute())


def shown_as(content: Path, names: list[str]) -> list[str]:
    """Each input as messages name it: its path from the working folder where it is inside it."""
    base = display_path(content)
    return [name if base == "." else f"{base}/{name}" for name in names]


def duplicate_id(item: Statement, first: Statement) -> BuilderError:
    return BuilderError(f"id '{item.id}' is also used by {first.path}", file=item.path, field="id",
                        hint="each statement needs its own id; keep the original and change the copy")


def check_name(shown: str) -> None:
    if shown != shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        raise BuilderError("the file name is not valid UTF-8", file=shown.encode("utf-8", "surrogateescape")
                           .decode("utf-8", "replace"), hint="rename the file using UTF-8 characters")


def guarded(shown: str, step: Callable[[], T]) -> T:
    """Run one step of loading a file: bad input becomes a BuilderError naming the file, any other
    exception an InternalError (a bug in the builder, never a content error)."""
    try:
        return step()
    except (BuilderError, ContentErrors, InternalError):
        raise
    except OSError as exc:
        raise BuilderError(f"cannot read the file: {exc.strerror or exc}", file=shown,
                           hint="check that it exists and is readable") from None
    except BodyError as exc:
        raise BuilderError(str(exc), file=shown, hint=exc.hint) from None
    except Exception as exc:
        raise InternalError(f"loading {shown}", traceback.format_exc()) from exc


def read_content(path: Path, shown: str) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BuilderError("file is larger than 20 MB", file=shown, hint="split it into separate statements")
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise BuilderError("file is larger than 20 MB", file=shown, hint="split it into separate statements")
    return data


def parse_file(path: Path, data: bytes, name: str, shown: str, language: str) -> Statement:
    """The file's bytes → Statement: a pure function of its arguments (which the cache relies on)."""
    check_text(data, shown)
    if path.suffix == ".txt":
        from builder.ingest.from_bytes import ingest_bytes  # (the extractor: see ``builder.ingest``)
        item = ingest_bytes(data, path.name, shown)
        return checked_statement(item.front_matter, item.body, shown, language, data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuilderError(f"not UTF-8 text (byte {exc.start})", file=shown,
                           hint="save the file as UTF-8, or ingest the raw text with 'archive ingest'") from None
    yaml_text, body, _ = split_front_matter(text, shown)
    closing = yaml_text.count("\n") + 1  # the closing '---' line holds the body's first line
    try:
        return checked_statement(parse_yaml(yaml_text, shown), body, shown, language, data, name,
                                 key_lines(yaml_text))
    except BodyError as exc:
        raise BuilderError(str(exc), file=shown, line=closing + exc.line - 1, hint=exc.hint) from None


def checked_statement(data: dict[Any, Any], body: str, shown: str, language: str,
                      raw: bytes, name: str, lines: dict[str, int] | None = None) -> Statement:
    """Validate front matter (raising every problem at once) and build the Statement."""
    values, errors = validate(data, shown, lines)
    if errors:
        raise ContentErrors(errors)
    values.setdefault("language", language)
    values.setdefault("source", {"file": name, "sha256": hashlib.sha256(raw).hexdigest(), "encoding": "utf-8"})
    return statement_from(values, body, shown)


def statement_from(values: dict[str, Any], body: str, shown: str) -> Statement:
    source = values.get("source") or {}
    text = without_control(body).strip("\n")
    return Statement(
        id=str(values["id"]), slug=values["slug"],
        title=uncut_title(str(values["title"]), str(values.get("lead", ""))),
        lead=str(values.get("lead", "")), date=values["date"][0], precision=values["date"][1],
        dateline=str(values.get("dateline", "")), agencies=tuple(values.get("agencies", ())),
        issuer=str(values.get("issuer", "")), type=values.get("type") or "statement",
        language=str(values.get("language") or "en"), countries=tuple(values.get("countries", ())),
        people=tuple(values.get("people", ())), organizations=tuple(values.get("organizations", ())),
        tags=tuple(values.get("tags", ())), references=tuple(values.get("references", ())),
        source=Source(source.get("file", ""), source.get("sha256", ""), source.get("encoding", ""),
                      source.get("ingested", ""), source.get("url", ""), source.get("publisher", ""),
                      source.get("published", "")),
        body=text, body_html=(html := body_to_html(body)), path=shown, aliases=tuple(values.get("aliases", ())),
        versions=tuple(version_from(entry, n, shown) for n, entry in enumerate(values.get("versions", ()), 1)),
        shingles=shingle_key(body_text(text)), mentioned=mentioned_dates(html),
    )


def version_from(entry: dict[str, str], number: int, shown: str) -> Version:
    """One checked ``versions`` entry → Version, its text converted like a body."""
    try:
        html = body_to_html(entry["body"])
    except BodyError as exc:
        raise BuilderError(f"entry {number}: {exc} (line {exc.line} of its body)", file=shown, field="versions",
                           hint=exc.hint) from None
    return Version(number, without_control(entry["body"]).strip("\n"), html, entry.get("sha256", ""),
                   entry.get("seen", ""), entry.get("file", ""), entry.get("encoding", ""))
