"""The benchmark corpus and the scratch project our builder runs in.

raw N .txt (bench/make_corpus.py) --ingest--> content-N/*.md, both cached per N
(and remade when the generator changes);
``fresh_project`` copies templates/, static/, archive.yml and the content into
a scratch folder so that edits never touch the repository. The ``edit_*``,
``add_one``, ``delete_one`` functions make the one change each rebuild case
measures.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

MAKE_CORPUS = Path(__file__).resolve().parent / "make_corpus.py"
DONE = ".complete"


def ensure_corpus(cache: Path, n: int, repo: Path, env: dict[str, str], make_corpus: Path = MAKE_CORPUS) -> Path:
    """content-N/ (ingested Markdown), made once and reused while ``.complete`` names this generator."""
    raw, content = cache / f"raw-{n}", cache / f"content-{n}"
    stamp = hashlib.sha256(make_corpus.read_bytes()).hexdigest()
    if not complete(raw, stamp):
        shutil.rmtree(raw, ignore_errors=True)
        shutil.rmtree(content, ignore_errors=True)
        log(f"generating {n} raw statements into {raw}")
        subprocess.run([sys.executable, str(make_corpus), str(raw), str(n)], check=True)
        (raw / DONE).write_text(stamp)
    if not complete(content, stamp):
        shutil.rmtree(content, ignore_errors=True)
        log(f"ingesting {n} statements into {content} (once per N; about 10 ms each)")
        done = subprocess.run([sys.executable, "-m", "builder", "ingest", str(raw), "--content", str(content)],
                              cwd=repo, env=env, capture_output=True, text=True)
        tail = done.stdout.strip().splitlines()[-1:] or [done.stderr.strip()]
        log(f"  {tail[0]}")
        if done.returncode != 0:
            sys.exit(f"ingest failed:\n{done.stderr[-2000:]}")
        (content / DONE).write_text(stamp)
    return content


def complete(folder: Path, stamp: str) -> bool:
    """A finished step, made by the generator whose SHA-256 is ``stamp``."""
    marker = folder / DONE
    return marker.is_file() and marker.read_text() == stamp


def statement_files(content: Path) -> list[Path]:
    """Every .md under ``content``, in a stable order."""
    return sorted(content.rglob("*.md"))


def fresh_project(repo: Path, content: Path, project: Path) -> Path:
    """A scratch project: copies of templates/, static/, archive.yml, content/; returns the config path."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copytree(repo / "templates", project / "templates")
    if (repo / "static").is_dir():
        shutil.copytree(repo / "static", project / "static")
    shutil.copytree(content, project / "content", ignore=shutil.ignore_patterns(DONE))
    config = project / "archive.yml"
    text = (repo / "archive.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(content|output):.*\n", "", text)
    config.write_text(text + "content: content\noutput: site\n", encoding="utf-8")
    return config


def split(md: Path) -> tuple[str, str]:
    """(front matter block including both '---' lines, body)."""
    text = md.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    return text[:end], text[end:]


def edit_one(md: Path, word: str = "agreed", new: str = "resolved") -> None:
    """Change one word of the body (the first occurrence of ``word``, else the first word)."""
    head, body = split(md)
    if word in body:
        body = body.replace(word, new, 1)
    else:
        body = re.sub(r"\w+", new, body, count=1)
    md.write_text(head + body, encoding="utf-8")


def add_one(md: Path, number: int = 1) -> Path:
    """Copy ``md`` as a new statement: new id, slug, file name, and one changed word."""
    head, body = split(md)
    new_id = f"{0xbe0c00000000 + number:012x}"
    slug = re.search(r"(?m)^slug: (.+)$", head)[1].strip()
    new_slug = f"{slug}-bench-{number}"
    head = re.sub(r"(?m)^id: .+$", f"id: {new_id}", head)
    head = re.sub(r"(?m)^slug: .+$", f"slug: {new_slug}", head)
    copy = md.with_name(f"{new_slug}.md")
    copy.write_text(head + body.replace("agreed", "promised", 1), encoding="utf-8")
    return copy


def delete_one(md: Path) -> None:
    """Remove one statement."""
    md.unlink()


def edit_template(project: Path) -> None:
    """Add a visible line to the statement template (every statement page changes)."""
    tpl = project / "templates" / "statement.html"
    text = tpl.read_text(encoding="utf-8")
    marker = "{% block main %}"
    if marker not in text:
        sys.exit(f"{tpl}: no '{marker}' to edit; update bench/corpus.py edit_template")
    tpl.write_text(text.replace(marker, marker + "\n<p hidden>bench template edit</p>", 1), encoding="utf-8")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
