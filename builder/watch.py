"""Serve stage, watching: what changes under ``content/``, ``templates/``, ``static/`` and the config file.

watchdog's observer (inotify on Linux, the system's own file events elsewhere)
reports a saved file as it is saved. livereload's own watcher walked every
watched file every 0.8 s instead: 0.13 s a walk at 10,000 statements (their
originals included), so 17 % of a core all the time, and a save was seen up
to 0.8 s late.

The observer's threads only put paths in a queue; ``Changes.next`` hands them
to the main thread, a burst at a time (an editor's save is often several
events: write, close, rename).
"""

from __future__ import annotations

import queue
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SETTLE_SECONDS = 0.05  # a burst's events come within this of each other
IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})  # reads, not changes
EDITOR_DROPPINGS = (".swp", ".swx", "~")  # vim's swap files, backups: never inputs


class Queued(FileSystemEventHandler):
    """Puts each changed path in ``into``; with ``only``, just that file's."""

    def __init__(self, into: queue.SimpleQueue[str], only: str | None = None):
        self.into = into
        self.only = only

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in IGNORED_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        for path in {str(event.src_path), str(getattr(event, "dest_path", "") or "")} - {""}:
            name = Path(path).name
            if name.endswith(EDITOR_DROPPINGS) or name.startswith(".#"):
                continue
            if self.only is None or path == self.only:
                self.into.put(path)


class Changes:
    """``with Changes(folders, files) as changes:`` then ``changes.next(timeout)`` for each burst of changes."""

    def __init__(self, folders: list[Path], files: list[Path]):
        self.paths: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.observer = Observer()
        for folder in folders:
            if folder.is_dir():
                self.observer.schedule(Queued(self.paths), str(folder.absolute()), recursive=True)
        for file in files:
            if file.parent.is_dir():
                self.observer.schedule(Queued(self.paths, str(file.absolute())), str(file.parent.absolute()),
                                       recursive=False)

    def __enter__(self) -> Changes:
        self.observer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.observer.stop()
        self.observer.join(timeout=10)

    def next(self, timeout: float) -> list[str]:
        """The paths changed in the next burst, each once, in order; [] when nothing changed in ``timeout`` s."""
        try:
            paths = [self.paths.get(timeout=timeout)]
        except queue.Empty:
            return []
        while True:
            try:
                paths.append(self.paths.get(timeout=SETTLE_SECONDS))
            except queue.Empty:
                return list(dict.fromkeys(paths))
