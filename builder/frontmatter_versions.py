"""Load stage, part 1: the ``versions`` front-matter key → checked entries, oldest first.

Each entry is a mapping: ``body`` (the earlier text, Markdown, required),
``sha256`` (of its original bytes), ``seen`` (when ingest first saw it),
``file`` and ``encoding`` (of the original). A problem raises ``ValueError``
naming the entry, which ``builder.frontmatter.validate`` reports under the key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from builder.errors import suggest
from builder.fmvalues import brief, printable

VERSION_KEYS = ("sha256", "seen", "file", "encoding", "body")  # the order ingest writes them in
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HINT = ("a list, oldest first, of mappings with body (the earlier text), sha256, seen, file and encoding; "
        "see 'Versions' in the README")


def check_versions(value: Any) -> tuple[dict[str, str], ...]:
    """Every earlier version, its values as text (``seen`` normalised to UTC)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list of earlier versions, got {type(value).__name__}")
    return tuple(check_entry(entry, n) for n, entry in enumerate(value, 1))


def check_entry(entry: Any, n: int) -> dict[str, str]:
    if not isinstance(entry, dict):
        raise ValueError(f"entry {n}: expected a mapping with body, sha256, seen, file and encoding, "
                         f"got {brief(entry)}")
    unknown = [str(k) for k in entry if k not in VERSION_KEYS]
    if unknown:
        raise ValueError(f"entry {n}: unknown key '{unknown[0][:100]}' ({suggest(unknown[0], VERSION_KEYS)})")
    if not isinstance(entry.get("body"), str) or not entry["body"].strip():
        raise ValueError(f"entry {n}: 'body' must hold the earlier text (write it as a block: 'body: |')")
    out = {}
    for key in VERSION_KEYS:
        if entry.get(key) is not None:
            try:
                out[key] = CHECKS[key](entry[key])
            except ValueError as exc:
                raise ValueError(f"entry {n}: {key}: {exc}") from None
    return out


def check_plain(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"expected text, got {brief(value)}")
    return printable(str(value))


def check_sha256(value: Any) -> str:
    text = str(value) if isinstance(value, str) else ""
    if not SHA256_RE.match(text):
        raise ValueError(f"expected 64 lower-case hex digits, got {brief(value)}")
    return text


def check_seen(value: Any) -> str:
    """'2026-11-27T10:40:00+00:00' (a time in any offset, or none meaning UTC, becomes UTC), or a day."""
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and DAY_RE.match(value.strip()):
        return dt.date.fromisoformat(value.strip()).isoformat()
    try:
        return utc_text(dt.datetime.fromisoformat(str(value).strip()))
    except ValueError:
        raise ValueError(f"expected a time such as 2026-11-27T10:40:00+00:00 (UTC), got {brief(value)}") from None


def utc_text(when: dt.datetime) -> str:
    aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


CHECKS = {"sha256": check_sha256, "seen": check_seen, "file": check_plain, "encoding": check_plain,
          "body": lambda v: printable(v)}
