"""``archive serve``: build into a temporary folder, serve it, rebuild and reload on change.

Uses the same ``build()`` as ``archive build``, with its fast path: loaded
statements come from the cache unless their file changed, and only files whose
bytes changed are written, so the browser reloads the pages an edit touched.
A broken edit prints its errors and the last good site keeps being served.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from livereload import Server

from builder.build import build
from builder.config import DEFAULT_CONFIG, Config, load_config
from builder.errors import BuilderError, ContentErrors
from builder.progress import Progress


@dataclass(frozen=True, slots=True)
class Speed:
    cache_dir: Path | None = None
    workers: int | None = None


def rebuild(config: Config, content: Path, output: Path, speed: Speed = Speed()) -> bool:
    """One build; errors are printed, never raised, so the server survives them."""
    try:
        report = build(config, content, output, cache_dir=speed.cache_dir, workers=speed.workers, progress=Progress())
        print(report.summary(), flush=True)
        return True
    except ContentErrors as exc:
        print(f"{exc}\nerror: build failed with {len(exc.errors)} error(s); still serving the last good site",
              file=sys.stderr, flush=True)
    except BuilderError as exc:
        print(f"error: {exc}; still serving the last good site", file=sys.stderr, flush=True)
    except Exception as exc:  # a bug, not bad input: say so in one line and keep serving
        print(f"error: unexpected {type(exc).__name__}: {exc}; still serving the last good site",
              file=sys.stderr, flush=True)
    return False


def serve(config: Config, config_path: Path | None, content: Path, host: str, port: int,
          cache_dir: Path | None = None, workers: int | None = None) -> int:
    config = config.with_overrides(base_url=f"http://{host}:{port}/")
    output = Path(tempfile.mkdtemp(prefix="archive-serve-")) / "site"
    speed = Speed(cache_dir, workers)
    if not rebuild(config, content, output, speed):
        output.mkdir(parents=True, exist_ok=True)
    server = Server()
    config_file = config_path or config.root / DEFAULT_CONFIG
    for watched in (content, config.root / "templates", config.root / "static", config_file):
        server.watch(str(watched), lambda: rebuild(reload_config(config, config_file), content, output, speed))
    print(f"Serving the site at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve(host=host, port=port, root=str(output), open_url_delay=None, restart_delay=0)
    finally:
        shutil.rmtree(output.parent, ignore_errors=True)
    return 0


def reload_config(config: Config, path: Path) -> Config:
    """Re-read the config file on every rebuild, keeping the local base URL."""
    try:
        fresh = load_config(path if path.exists() else None)
    except BuilderError as exc:
        print(f"error: {exc}; using the previous settings", file=sys.stderr, flush=True)
        return config
    return fresh.with_overrides(base_url=config.base_url)
