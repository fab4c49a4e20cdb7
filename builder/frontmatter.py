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
from builder.fmvalues import brief, printable
from builder.frontmatter_versions import HINT as VERSIONS_HINT
from builder.frontmatter_versions import check_versions
from builder.model import TYPES

MAX_FRONT_MATTER = 256 * 1024
MAX_DEPTH = 10  # nesting of lists and mappings in the front matter
KEY_LINE_RE = re.compile(r"^([^\s#:'\"][^:\n]*?)[ \t]*:(?:[ \t]|$)", re.MULTILINE)
QUOTED_VALUE_RE = re.compile(r"""^[ \t]*(?:-[ \t]+|[^\s#:'"-][^:\n]*?:[ \t]+)(["'])(.*)$""")  # key: "… or - '…
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,150}$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
REFERENCE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
VERSIONS_BLOCK_RE = re.compile(r"^versions:.*\n(?:(?:[ \t-].*)?\n)*", re.MULTILINE)  # until the next key
SOURCE_KEYS = ("file", "sha256", "encoding", "ingested", "published", "url", "publisher")
SOURCE_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)

# key → (kind, required)
SCHEMA: dict[str, tuple[str, bool]] = {
    "id": ("id", True), "slug": ("slug", True), "title": ("text", True),
    "lead": ("text", False), "date": ("date", True), "dateline": ("text", False),
    "agencies": ("list", False), "issuer": ("text", False), "type": ("type", False),
    "language": ("text", False), "countries": ("countries", False), "people": ("list", False),
    "organizations": ("list", False), "tags": ("list", False),
    "references": ("references", False), "source": ("source", False),
    "aliases": ("aliases", False), "versions": ("versions", False),
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
    if len(yaml_text) - len(versions_block(yaml_text)) > MAX_FRONT_MATTER:
        raise BuilderError("front matter is larger than 256 KB", file=file, line=1,
                           hint="keep the YAML to metadata; the text goes after the closing '---'")
    body = text[3 + end.end():]
    return yaml_text, body, yaml_text.count("\n") + 3


def versions_block(yaml_text: str) -> str:
    """The top-level ``versions:`` block (earlier texts, only bounded by the file's 20 MB), or ''."""
    found = VERSIONS_BLOCK_RE.search(yaml_text)
    return found.group(0) if found else ""


class Refused(yaml.MarkedYAMLError):
    """A YAML feature front matter does not need: aliases, deep nesting."""


class FrontMatterLoader(yaml.SafeLoader):
    """The safe loader, minus aliases (no alias bombs) and with a nesting limit."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise Refused(None, None, "YAML aliases ('*name') are not allowed in front matter",
                          self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(None, None, f"front matter is nested more than {MAX_DEPTH} levels deep",
                              self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, about 10× faster, when PyYAML has it


def fast_load(yaml_text: str) -> Any:
    """libyaml's safe loader, only for text it would load exactly like ``FrontMatterLoader``.

    Its events are scanned first (libyaml's parser keeps its own stack, so deep
    text cannot crash it): aliases or deep nesting, or any error, return
    ``Refused`` so the pure-Python loader runs and words the message.
    """
    if FAST_LOADER is None:
        return Refused
    try:
        depth = 0
        for event in yaml.parse(yaml_text, Loader=FAST_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth >= MAX_DEPTH:
                    return Refused
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return Refused
        return yaml.load(yaml_text, Loader=FAST_LOADER)  # noqa: S506 (libyaml's SafeLoader)
    except Exception:  # noqa: BLE001 (the slow loader raises it again, with a precise message)
        return Refused


def parse_yaml(yaml_text: str, file: str) -> dict[str, Any]:
    """Safe-load the YAML; every failure is a BuilderError naming the line."""
    try:
        data = fast_load(yaml_text)
        if data is Refused:
            data = yaml.load(yaml_text, Loader=FrontMatterLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(exc, file, yaml_text) from None
    except yaml.reader.ReaderError as exc:
        raise BuilderError(f"front matter contains the unprintable character U+{exc.character:04X}"
                           if isinstance(exc.character, int) else "front matter contains an unprintable character",
                           file=file, line=yaml_text.count("\n", 0, exc.position) + 1,
                           hint="delete the character, or quote the value with \\x escapes") from None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        raise BuilderError(f"malformed YAML front matter: {exc}", file=file,
                           hint="check the values; dates are YYYY-MM-DD") from None
    if not isinstance(data, dict):
        raise BuilderError("front matter is not a mapping of keys to values", file=file, line=2,
                           hint="write one 'key: value' per line")
    return data


def yaml_error(exc: yaml.MarkedYAMLError, file: str, yaml_text: str = "") -> BuilderError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None  # the YAML starts on file line 1, after '---'
    problem = exc.problem or exc.context or "unreadable"
    opened = unclosed_quote(yaml_text, line or 0)
    if opened:  # the parser stops where the runaway quote ran into trouble, often the end of the YAML
        return BuilderError("malformed YAML front matter: this quote is never closed", file=file, line=opened,
                            hint="end the value with the same quote it starts with, or remove the quote")
    if isinstance(exc, Refused):
        return BuilderError(problem, file=file, line=line, hint="write plain values, lists and mappings")
    if "constructor for the tag" in problem:
        return BuilderError(f"YAML tags are not allowed: {problem.split('tag', 1)[1].strip()}", file=file,
                            line=line, hint="remove the '!!' or '!' tag; front matter holds plain values only")
    return BuilderError(f"malformed YAML front matter: {problem}", file=file, line=line,
                        hint="check quoting and indentation; quote values containing ': '")


def unclosed_quote(yaml_text: str, before: int) -> int | None:
    """The file line, up to ``before``, of the first value that opens a quote, does not close it on its
    line, and runs into the next key or the end (a quoted value may go on over indented lines)."""
    lines = yaml_text.split("\n")
    for number, text in enumerate(lines[:before], 1):
        m = QUOTED_VALUE_RE.match(text)
        if m is None:
            continue
        quote, rest = m.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        following = lines[number] if number < len(lines) else ""
        if quote not in rest and (not following.strip() or KEY_LINE_RE.match(following)):
            return number
    return None


def key_lines(yaml_text: str) -> dict[str, int]:
    """The file line of each top-level key (``yaml_text`` starts on the opening '---' line)."""
    lines: dict[str, int] = {}
    for m in KEY_LINE_RE.finditer(yaml_text):
        lines.setdefault(m.group(1), yaml_text.count("\n", 0, m.start()) + 1)
    return lines


def validate(data: dict[Any, Any], file: str,
             lines: dict[str, int] | None = None) -> tuple[dict[str, Any], list[BuilderError]]:
    """Checked values by key, and every problem found (with the key's line when ``lines`` has it)."""
    values: dict[str, Any] = {}
    errors: list[BuilderError] = []
    lines = lines or {}
    for key, value in data.items():
        key = str(key)[:100]
        if key not in SCHEMA:
            errors.append(BuilderError(f"unknown key '{key}'", file=file, line=lines.get(key), field=key,
                                       hint=suggest(key, SCHEMA)))
            continue
        try:
            values[key] = CHECKS[SCHEMA[key][0]](value)
        except ValueError as exc:
            errors.append(BuilderError(str(exc), file=file, line=lines.get(key), field=key,
                                       hint=HINTS.get(SCHEMA[key][0])))
    for key, (_, required) in SCHEMA.items():
        if required and key not in data:
            errors.append(BuilderError("missing required key", file=file, field=key,
                                       hint=f"add '{key}:' to the front matter"))
    return values, errors


HINTS = {
    "slug": "e.g. slug: 2023-01-30-foreign-ministry-statement; no '/', '.' or spaces",
    "id": "e.g. id: 45aa7c544b2f; no '/', '.' or spaces",
    "aliases": "a list of earlier slugs, e.g. aliases: [old-slug]",
    "date": "e.g. date: 2023-01-30, or date: 2023-01 when the day is unknown",
    "text": "write the value as plain text; quote it if it contains ': '",
    "list": "e.g. [Armenpress, TASS]",
    "versions": VERSIONS_HINT,
    "source": "e.g. source: {file: raw.txt, url: 'https://mfa.am/en/press-releases/1', publisher: MFA of Armenia}",
}


def check_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return printable(str(value))
    raise ValueError(f"expected text, got {type(value).__name__}")


def check_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ValueError("expected a list of names, e.g. [Armenpress, TASS]")
    return tuple(dict.fromkeys(printable(str(v).strip()) for v in value if str(v).strip()))


def check_date(value: Any) -> tuple[dt.date, str]:
    """(date, precision): '2023-01-30' → the day; '2020-11' (only the month known) → its first day, 'month'."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    month = MONTH_RE.match(value) if isinstance(value, str) else None
    if month and 1 <= int(month[2]) <= 12:
        return dt.date(int(month[1]), int(month[2]), 1), "month"
    raise ValueError(f"expected a date as YYYY-MM-DD (or YYYY-MM when the day is unknown), got {brief(value)}")


def check_slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise ValueError(f"expected lower-case letters, digits and '-', got {brief(value)}")
    return value


def check_id(value: Any) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not ID_RE.match(str(value)):
        raise ValueError(f"expected letters, digits, '-' or '_', got {brief(value)}")
    return str(value)


def check_type(value: Any) -> str:
    if value not in TYPES:
        raise ValueError(f"expected one of: {', '.join(TYPES)}; got {brief(value)}")
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
            raise ValueError(f"expected dates as YYYY-MM-DD or YYYY-MM, got {brief(item)}")
        out.append(text)
    return tuple(sorted(set(out)))


def check_source(value: Any) -> dict[str, str]:
    """Where the text came from: its original file, checksum, encoding and ingest time, and optionally the
    address it was published at (``url``, http or https) and who published it (``publisher``)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(SOURCE_KEYS):
        unknown = ", ".join(sorted(str(k) for k in value if k not in SOURCE_KEYS)) if isinstance(value, dict) else ""
        raise ValueError(f"expected a mapping with {', '.join(SOURCE_KEYS[:-1])} or {SOURCE_KEYS[-1]}"
                         + (f"; unknown: {unknown}" if unknown else ""))
    if not all(isinstance(v, (str, int, dt.date)) and not isinstance(v, bool) for v in value.values()):
        raise ValueError(f"expected plain text values for {', '.join(SOURCE_KEYS)}")
    checked = {k: v.isoformat() if isinstance(v, dt.datetime) else printable(str(v)) for k, v in value.items()}
    url = checked.get("url", "")
    if url and not SOURCE_URL_RE.match(url):
        raise ValueError(f"source.url must be an http:// or https:// address, got {brief(url)}")
    return checked


def check_aliases(value: Any) -> tuple[str, ...]:
    """Earlier slugs of the statement; each keeps working as a redirect."""
    return tuple(check_slug(v) for v in check_list(value))


CHECKS = {"text": check_text, "list": check_list, "date": check_date, "slug": check_slug,
          "id": check_id, "type": check_type, "countries": check_countries,
          "references": check_references, "source": check_source,
          "aliases": check_aliases, "versions": check_versions}
