"""Search stage: rendered statement pages → the Pagefind bundle under pagefind/.

Pagefind (PyPI ``pagefind[extended]``, which ships the binary) indexes only what
statement pages mark with ``data-pagefind-body``: their title and text, with
filters and a date sort. The bundle is returned as files for the writer.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import tempfile
from pathlib import Path

from builder.errors import BuilderError

STATEMENT_PREFIX = "statements/"


def statement_pages(rendered: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """(path, html) of every statement page, sorted; redirects and others are left out."""
    return sorted((p, html) for p, html in rendered.items()
                  if p.startswith(STATEMENT_PREFIX) and p.endswith("/index.html") and b"data-pagefind-body" in html)


def search_files(rendered: dict[str, bytes], base_path: str) -> dict[str, bytes]:
    """Index the statement pages; {'pagefind/…': bytes}. URLs carry the base path."""
    try:
        from pagefind.index import PagefindIndex
    except ImportError as exc:
        raise BuilderError("search needs the 'pagefind[extended]' package",
                           hint="pip install 'pagefind[extended]', or build with --no-search") from exc
    coro = index(PagefindIndex, statement_pages(rendered), base_path)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from inside a running event loop (serve's Tornado watcher): index in a worker thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def index(index_class: type, pages: list[tuple[str, bytes]], base_path: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="archive-pagefind-") as tmp:
        out = Path(tmp) / "pagefind"
        # Leaving the context writes the bundle to output_path (never the working folder).
        async with index_class(config={"keep_index_url": False, "output_path": str(out)}) as idx:
            for path, html in pages:
                url = base_path + path.removesuffix("index.html")
                await idx.add_html_file(content=html.decode("utf-8"), url=url)
        return {"pagefind/" + p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file()}
