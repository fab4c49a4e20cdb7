"""Load stage, part 1: a content file's text → validated front-matter fields.

Splits the '---' block, safe-loads the YAML and checks every key against
``SCHEMA``. All problems of one file are returned together.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from builder.countries import is_country_code
from builder.errors import BuilderError, suggest
from builder.model import TYPES

MAX_FRONT_MATTER = 256 * 1024
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,150}$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
REFERENCE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SOURCE_KEYS = {"file", "sha256", "encoding", "ingested"}

# key → (kind, required)
SCHEMA: dict[str, tuple[str, bool]] = {
    "id": ("id", True), "slug": ("slug", True), "title": ("text", True),
    "lead": ("text", False), "date": ("date", True), "dateline": ("text", False),
    "agencies": ("list", False), "issuer": ("text", False), "type": ("type", False),
    "language": ("text", False), "countries": ("countries", False), "people": ("list", False),
    "organizations": ("list", False), "tags": ("list", False),
    "references": ("references", False), "source": ("source", False),
    "aliases": ("aliases", False),
}


def split_front_matter(text: str, file: str) -> tuple[str, str, int]:
    """(yaml text, body, line where the body starts)."""
    if not text.startswith("---"):
        raise BuilderError("no front matter", file=file, line=1,
                           hint="a statement file starts with a line '---', then YAML, then '---'")
    end = re.search(r"^---[ \t]*$", text[3:], re.MULTILINE)
    if end is None:
        raise BuilderError("front matter is not closed", file=file, line=1,
                           hint="did you forget the closing '---' line after the YAML?")
    yaml_text = text[3:3 + end.start()]
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise BuilderError("front matter is larger than 256 KB", file=file, line=1,
                           hint="keep the YAML to metadata; the text goes after the closing '---'")
    body = text[3 + end.end():]
    return yaml_text, body, yaml_text.count("\n") + 3


def parse_yaml(yaml_text: str, file: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None  # the YAML starts on file line 1, after '---'
        raise BuilderError(f"malformed YAML front matter: {exc.problem or exc.context}", file=file,
                           line=line, hint="check quoting and indentation; quote values containing ': '") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise BuilderError(f"malformed YAML front matter: {exc}", file=file,
                           hint="check the values; dates are YYYY-MM-DD") from None
    if not isinstance(data, dict):
        raise BuilderError("front matter is not a mapping of keys to values", file=file, line=2,
                           hint="write one 'key: value' per line")
    return data


def validate(data: dict[Any, Any], file: str) -> tuple[dict[str, Any], list[BuilderError]]:
    """Checked values by key, and every problem found."""
    values: dict[str, Any] = {}
    errors: list[BuilderError] = []
    for key, value in data.items():
        key = str(key)
        if key not in SCHEMA:
            errors.append(BuilderError(f"unknown key '{key}'", file=file, field=key, hint=suggest(key, SCHEMA)))
            continue
        try:
            values[key] = CHECKS[SCHEMA[key][0]](value)
        except ValueError as exc:
            errors.append(BuilderError(str(exc), file=file, field=key))
    for key, (_, required) in SCHEMA.items():
        if required and key not in data:
            errors.append(BuilderError("missing required key", file=file, field=key,
                                       hint=f"add '{key}:' to the front matter"))
    return values, errors


def check_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected text, got {type(value).__name__}")


def check_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ValueError("expected a list of names, e.g. [Armenpress, TASS]")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def check_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def check_slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise ValueError(f"expected lower-case letters, digits and '-', got {value!r}")
    return value


def check_id(value: Any) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not ID_RE.match(str(value)):
        raise ValueError(f"expected letters, digits, '-' or '_', got {value!r}")
    return str(value)


def check_type(value: Any) -> str:
    if value not in TYPES:
        raise ValueError(f"expected one of: {', '.join(TYPES)}; got {value!r}")
    return value


def check_countries(value: Any) -> tuple[str, ...]:
    codes = check_list(value)
    bad = [c for c in codes if not is_country_code(c)]
    if bad:
        raise ValueError(f"expected ISO 3166-1 alpha-2 codes like AM or RU, got {', '.join(bad)}")
    return tuple(sorted(codes))


def check_references(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = item.isoformat() if isinstance(item, dt.date) else str(item)
        if not REFERENCE_RE.match(text):
            raise ValueError(f"expected dates as YYYY-MM-DD or YYYY-MM, got {item!r}")
        out.append(text)
    return tuple(sorted(set(out)))


def check_source(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= SOURCE_KEYS:
        raise ValueError("expected a mapping with file, sha256, encoding and ingested")
    return {k: v.isoformat() if isinstance(v, dt.datetime) else str(v) for k, v in value.items()}


def check_aliases(value: Any) -> tuple[str, ...]:
    """Earlier slugs of the statement; each keeps working as a redirect."""
    return tuple(check_slug(v) for v in check_list(value))


CHECKS = {"text": check_text, "list": check_list, "date": check_date, "slug": check_slug,
          "id": check_id, "type": check_type, "countries": check_countries,
          "references": check_references, "source": check_source,
          "aliases": check_aliases}
