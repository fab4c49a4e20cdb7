"""Configuration stage: one YAML file → a validated, frozen ``Config``.

Every option declares its type and default here; unknown keys and wrong types
are ``BuilderError``s naming the key and suggesting the right one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from builder.about import markdown_html
from builder.errors import BuilderError, display_path, suggest
from builder.xmlchars import forbidden_in

DEFAULT_CONFIG = "archive.yml"
HOSTNAME_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Config:
    """Site settings. ``base_url`` always ends with '/'."""

    title: str = "Diplomatic Statements Archive"
    description: str = "An archive of diplomatic statements, kept verbatim."
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "en"
    per_page: int = 20
    output: str = "site"
    content: str = "content"
    feed_size: int = 50
    search: bool = True
    cname: str = ""  # custom domain for GitHub Pages, written to CNAME
    intro: str = ""  # the home page's introduction (Markdown); '' shows ``description``
    root: Path = Path(".")

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. '/' or '/archive/'."""
        rest = self.base_url.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path if path.endswith("/") else path + "/"

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the non-None overrides applied and validated."""
        values = {k: v for k, v in overrides.items() if v is not None}
        if "base_url" in values:
            values["base_url"] = check_base_url(values["base_url"], "--base-url")
        return replace(self, **values)

    def settings(self) -> Config:
        """These settings without where the project, its content and its output lie: what the site's bytes
        depend on (for fingerprints)."""
        return replace(self, root=Path("."), output="", content="")


OPTIONS = {f.name: f for f in fields(Config) if f.name != "root"}


def check_base_url(value: str, where: str) -> str:
    """Validate an absolute http(s) URL and give it a trailing slash."""
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        raise BuilderError(
            f"expected an absolute URL like https://user.github.io/repo/, got {value!r}",
            file=where if where.endswith((".yml", ".yaml")) else None,
            field="base_url",
        )
    return value if value.endswith("/") else value + "/"


def load_config(path: Path | None) -> Config:
    """Read and validate the config file; a missing default file means defaults."""
    explicit = path is not None
    path = path or Path(DEFAULT_CONFIG)
    if not path.exists():
        if explicit:
            raise BuilderError("config file not found", file=display_path(path),
                               hint="pass an existing file to --config")
        return Config(root=Path(".").resolve())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise BuilderError(f"not valid YAML: {getattr(exc, 'problem', exc)}",
                           file=display_path(path), line=line + 1 if line is not None else None)
    if not isinstance(data, dict):
        raise BuilderError("expected a mapping of settings (key: value)", file=display_path(path))
    return Config(root=path.resolve().parent, **validate(data, display_path(path)))


TYPE_WORDS = {"int": "a whole number", "str": "text", "bool": "true or false"}


def has_type(value: Any, expected: str) -> bool:
    if expected == "bool":
        return isinstance(value, bool)
    if expected == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


def validate(data: dict[Any, Any], where: str) -> dict[str, Any]:
    """Check each key against ``OPTIONS``: known name, right type, sane value."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key not in OPTIONS:
            raise BuilderError(f"unknown setting '{key}'", file=where, field=key,
                               hint=suggest(key, OPTIONS))
        expected = OPTIONS[key].type
        if not has_type(value, expected):
            raise BuilderError(f"expected {TYPE_WORDS[expected]}, got {value!r}", file=where, field=key)
        bad = forbidden_in(value) if expected == "str" else None
        if bad:
            raise BuilderError(f"contains U+{ord(bad):04X}, a character XML does not allow", file=where,
                               field=key, hint="delete it")
        values[key] = value
    if "base_url" in values:
        values["base_url"] = check_base_url(values["base_url"], where)
    for key in ("per_page", "feed_size"):
        if key in values and not 1 <= values[key] <= 1000:
            raise BuilderError(f"expected a number from 1 to 1000, got {values[key]}",
                               file=where, field=key)
    if values.get("cname") and not HOSTNAME_RE.fullmatch(values["cname"]):
        raise BuilderError(f"expected a bare domain name like archive.example.org, got {values['cname']!r}",
                           file=where, field="cname")
    if values.get("intro"):
        markdown_html(values["intro"], where, field="intro")  # an error names the key
    if "language" in values and not LANGUAGE_RE.match(values["language"]):
        raise BuilderError(f"expected a language code like 'en' or 'en-GB', got {values['language']!r}",
                           file=where, field="language")
    return values
