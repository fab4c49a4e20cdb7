"""Search stage: rendered statement pages → the Pagefind bundle under pagefind/.

Pagefind (PyPI ``pagefind[extended]``, which ships the binary) indexes only what
statement pages mark with ``data-pagefind-body``: their title and text, with
filters, metadata and a date sort. The statement pages are laid out in a
scratch folder under the site's base path (so result URLs carry it), indexed
in one run of the binary, and the bundle is returned as files for the writer,
without Pagefind's own user interfaces: the search page (static/search.js)
uses only its JavaScript API (pagefind.js, its worker, WebAssembly and index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.errors import BuilderError

# Pagefind's ready-made interfaces, which the search page does not load.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")

def search_files(folder: Path, pages: list[str], base_path: str) -> dict[str, bytes]:
    """Index the statement pages ``pages`` (paths in the site ``folder``); {'pagefind/…': bytes}.

    The pages are hard-linked (copied where links fail) into a scratch site
    under the base path, so result URLs carry it.
    """
    with tempfile.TemporaryDirectory(prefix="archive-pagefind-") as tmp:
        site = Path(tmp) / "site"
        under = site.joinpath(*[p for p in base_path.split("/") if p])
        for path in sorted(pages):
            target = under / path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(folder / path, target)
            except OSError:
                shutil.copyfile(folder / path, target)
        out = Path(tmp) / "pagefind"
        run_pagefind(site, out)
        return {"pagefind/" + p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(UNUSED)}


def run_pagefind(site: Path, out: Path) -> None:
    """Run the Pagefind binary over ``site`` into ``out``; a failure is a BuilderError naming the fix."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except OSError as exc:
        raise BuilderError(f"could not run Pagefind: {exc}", hint="pip install 'pagefind[extended]', or build with --no-search") from None
    if result.returncode != 0 or not (out / "pagefind.js").exists():
        reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuilderError(f"Pagefind failed: {reason[0]}",
                           hint="pip install 'pagefind[extended]', or build with --no-search")
