"""Ingest stage 5, the only writer of ``content/``: put ``Ingested`` files in place.

Never overwrites a file that differs (a hand edit) unless forced; a statement
whose id, original bytes or text (``builder.textkey``: whitespace and encoding
aside) is already in the content folder, as its current or an earlier version,
is a duplicate and is skipped. A new wording of a held statement
(``builder.versioning``) becomes its body, the held text its latest earlier
version. The original bytes are kept, content-addressed, in
``content/_originals/<sha256>.txt``: written once, never overwritten, published
by the build as the "original text".
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.errors import BuilderError
from builder.frontmatter import parse_yaml, split_front_matter
from builder.textkey import text_key
from builder.versioning import compose, date_text, is_new_version, version_entry
from builder.worddiff import diff_words

if TYPE_CHECKING:
    from builder.ingest.from_bytes import Ingested

ORIGINALS = "_originals"  # a folder of original bytes: the loader reads no statements there
INGESTED_LINE = re.compile(r"\bingested:\s*['\"]?([0-9T:+.Z-]+)['\"]?")
ID_LINE = re.compile(r"^id:\s*['\"]?([0-9a-zA-Z_-]+)['\"]?\s*$", re.MULTILINE)
DATE_LINE = re.compile(r"^date:\s*['\"]?([0-9-]+)['\"]?\s*$", re.MULTILINE)
VERSIONS_LINE = re.compile(r"^versions:", re.MULTILINE)
SHA_VALUE = re.compile(r"\bsha256:\s*['\"]?([0-9a-f]{64})\b")  # source's and every version's
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # "written" | "new version" | "unchanged" | "refused" | "overwritten"
    path: Path
    detail: str = ""
    hand_edited: bool = False  # a new version was added to a file whose metadata was edited by hand (kept)


@dataclass(slots=True)
class Held:
    """What the content folder holds, for recognising a text ingest meets again."""

    paths: dict[str, Path] = field(default_factory=dict)  # id, 'sha:<sha256>', 'text:<key>' → file
    dates: dict[str, list[Path]] = field(default_factory=dict)  # the date as written → files of that date

    def note(self, path: Path, statement_id: str | None, shas: list[str], bodies: list[str], date: str) -> None:
        for key in ([statement_id] if statement_id else []) + [f"sha:{s}" for s in shas] + \
                [f"text:{text_key(b)}" for b in bodies]:
            self.paths.setdefault(key, path)
        if date and path not in self.dates.setdefault(date, []):
            self.dates[date].append(path)


@dataclass(frozen=True, slots=True)
class HeldFile:
    """A content file as read back: its text, front matter and body (Markdown)."""

    path: Path
    text: str
    front: dict[str, Any]
    body: str

    @property
    def versions(self) -> list[Any]:
        return list(self.front.get("versions") or [])


def held_statements(content: Path) -> Held:
    """Every Markdown statement already in the content folder, by id, by the SHA-256 of each version's
    original and by the text key (``builder.textkey``) of each version, and by date."""
    held = Held()
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            continue
        head, _, body = text[3:].partition("\n---")
        m, date = ID_LINE.search(head), DATE_LINE.search(head)
        bodies = [body.partition("\n")[2]]
        if VERSIONS_LINE.search(head):
            found = read_held(path)
            bodies += [str(v.get("body", "")) for v in found.versions if isinstance(v, dict)] if found else []
        held.note(path, m.group(1) if m else None, SHA_VALUE.findall(head), bodies, date.group(1) if date else "")
    return held


def read_held(path: Path) -> HeldFile | None:
    """The content file parsed, or None when it cannot be read as a statement (the build names why)."""
    try:
        text = path.read_text(encoding="utf-8")
        yaml_text, body, _ = split_front_matter(text, str(path))
        return HeldFile(path, text, parse_yaml(yaml_text, str(path)), body.strip("\n"))
    except (OSError, UnicodeDecodeError, BuilderError):
        return None


def target_path(content: Path, item: Ingested) -> Path:
    return content / f"{item.date.year:04d}" / f"{item.slug}.md"


def recorded_ingest_time(text: str) -> str | None:
    """The ``source.ingested`` value of an existing content file, if it has one."""
    m = INGESTED_LINE.search(text.split("\n---", 1)[0])
    return m.group(1) if m else None


def store(content: Path, item: Ingested, held: Held, now: str, force: bool = False) -> Outcome:
    """Write one statement, respecting what is already there. ``now`` is recorded as
    ``source.ingested`` for new files and new versions; a re-ingest keeps the first time."""
    sha = item.front_matter["source"]["sha256"]
    known = held.paths.get(item.id) or held.paths.get(f"sha:{sha}")
    if known is not None:
        return store_again(known, item, now, force)
    same_text = held.paths.get("text:" + text_key(item.body))
    if same_text is not None:
        return Outcome("unchanged", same_text, "the same text as a version already kept, differing only in "
                       "whitespace or encoding")
    earlier = earlier_wording(item, held)
    outcome = store_version(content, earlier, item, now, force) if earlier else store_new(content, item, now)
    if outcome.status != "refused":
        held.note(outcome.path, item.id, [sha], [item.body], date_text(item.front_matter["date"]))
    return outcome


def store_new(content: Path, item: Ingested, now: str) -> Outcome:
    """A statement the archive does not hold: its own file (the slug made unique when taken)."""
    item = item.with_ingested(now)
    path = target_path(content, item)
    if path.exists():
        item = item.with_slug(f"{item.slug}-{item.id[:6]}")
        path = target_path(content, item)
    write_text_atomic(path, item.markdown)
    return Outcome("written", path)


def store_again(path: Path, item: Ingested, now: str, force: bool) -> Outcome:
    """A text whose original bytes (or id) the archive holds: unchanged, refused, or overwritten when forced."""
    found = read_held(path)
    existing = found.text if found else path.read_text(encoding="utf-8", errors="replace")
    versions = found.versions if found else []
    sha = item.front_matter["source"]["sha256"]
    for n, entry in enumerate(versions, 1):
        if isinstance(entry, dict) and entry.get("sha256") == sha:
            return Outcome("unchanged", path, f"version {n} of this statement, already kept")
    expected = compose(as_held(item, found, recorded_ingest_time(existing) or now), item.body)
    if existing == expected:
        return Outcome("unchanged", path)
    if not force:
        return Outcome("refused", path, "differs from a fresh ingest (hand-edited?); "
                       "kept as it is; use --force to overwrite")
    write_text_atomic(path, expected)
    return Outcome("overwritten", path)


def as_held(item: Ingested, found: HeldFile | None, ingested: str, versions: list[Any] | None = None) -> dict[str, Any]:
    """A fresh ingest's front matter as the held file would have it: its id, slug and versions kept."""
    front = {**item.front_matter, "source": {**item.front_matter["source"], "ingested": ingested}}
    if found is not None:
        front |= {k: found.front[k] for k in ("id", "slug") if k in found.front}
        versions = found.versions if versions is None else versions
    return front | ({"versions": versions} if versions else {})


def earlier_wording(item: Ingested, held: Held) -> HeldFile | None:
    """The held statement this text is a new wording of (the most alike; on a tie, the first file), if any."""
    scored: list[tuple[float, str, HeldFile]] = []
    for path in held.dates.get(date_text(item.front_matter["date"]), []):
        found = read_held(path)
        ratio = is_new_version(found.front, found.body, item.front_matter, item.body) if found else 0.0
        if found is not None and ratio:
            scored.append((ratio, str(path), found))
    return min(scored, key=lambda s: (-s[0], s[1]))[2] if scored else None


def store_version(content: Path, found: HeldFile, item: Ingested, now: str, force: bool) -> Outcome:
    """Keep the held text as the latest entry of ``versions`` and make the new one the statement's body.

    A file exactly as ingest wrote it takes the new text's metadata; one edited by hand keeps every
    value it holds (only ``source``, ``versions`` and the body change), and is refused unless forced
    when rewriting it would lose its layout (comments, quoting)."""
    versions = found.versions + [version_entry(found.front, found.body)]
    change = diff_words(found.body, item.body).size
    detail = f"version {len(versions) + 1} ({change})"
    if as_ingested(content, found):
        write_text_atomic(found.path, compose(as_held(item, found, now, versions), item.body))
        return Outcome("new version", found.path, detail)
    if not force and compose(found.front, found.body) != found.text:
        return Outcome("refused", found.path, f"a new wording, {detail}, but the file's front matter is laid out "
                       "by hand; kept as it is; use --force to add the version (every value kept, comments and "
                       "layout rewritten)")
    held = found.front.get("source") or {}
    kept = {k: held[k] for k in ("url", "publisher") if k in held}  # where it is published stays the same
    front = {**found.front, "source": {**item.front_matter["source"], **kept, "ingested": now}, "versions": versions}
    write_text_atomic(found.path, compose(front, item.body))
    return Outcome("new version", found.path, detail + "; metadata kept from your edits", hand_edited=True)


def as_ingested(content: Path, found: HeldFile) -> bool:
    """Whether the held file is exactly what ingest writes for its own original bytes (never edited by hand)."""
    source = found.front.get("source") or {}
    original = original_path(content, str(source.get("sha256", "")))
    if not SHA256_HEX.fullmatch(str(source.get("sha256", ""))) or not original.is_file():
        return False
    try:
        from builder.ingest.from_bytes import ingest_bytes  # (the extractor: see ``builder.ingest``)
        fresh = ingest_bytes(original.read_bytes(), str(source.get("file", original.name)))
    except BuilderError:
        return False
    return compose(as_held(fresh, found, str(source.get("ingested", ""))), fresh.body) == found.text


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def original_path(content: Path, sha256: str) -> Path:
    """Where the original bytes with this SHA-256 (64 hex digits) are kept."""
    return content / ORIGINALS / f"{sha256}.txt"


def keep_original(content: Path, data: bytes) -> Path:
    """``content/_originals/<sha256 of data>.txt`` holding ``data``; an existing one is left as it is."""
    path = original_path(content, hashlib.sha256(data).hexdigest())
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    try:
        os.link(tmp, path)  # fails if another process wrote it meanwhile: never overwritten
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path
