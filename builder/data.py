"""Data downloads: ``Site`` → the files of data/ (gzip-compressed JSONL, CSV and
citation files of the whole archive, per-statement JSON and original bytes, and an
index.json manifest with counts and checksums), one at a time.

Records hold every front-matter key under its own name plus ``body`` (the
Markdown as in the content file), ``text`` (plain), ``version`` and the URLs;
earlier wordings are in ``versions`` (JSON) and ``versions.csv``. In the CSV, a
cell that a spreadsheet would run as a formula starts with a single quote.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from builder import jsontext, urls
from builder.cache import canonical
from builder.cache import fingerprint as code_fingerprint
from builder.changes import seen_of
from builder.cite import current_wording
from builder.digests import Digests
from builder.errors import BuilderError
from builder.frontmatter import SOURCE_KEYS
from builder.gzparts import Part, compress, gzip_file
from builder.manifest import store, stored
from builder.model import Statement, Version
from builder.plaintext import body_text
from builder.shipping import shipped, unshipped
from builder.urls import Urls
from builder.workers import can_fork, processes

CSV_COLUMNS = ("id", "slug", "date", "title", "lead", "dateline", "agencies", "issuer", "type", "language",
               "countries", "people", "organizations", "tags", "references", "aliases", "source_file",
               "source_sha256", "source_encoding", "source_ingested", "url", "permalink", "text", "version",
               "source_url", "source_publisher")  # columns are only ever added, at the end
VERSION_COLUMNS = ("id", "version", "current", "seen", "sha256", "file", "encoding", "url", "permalink",
                   "original", "text")  # data/versions.csv: every version of each statement that has several
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MANIFEST_FORMAT = 2  # 2: the whole-archive files are gzip-compressed (.gz), with the citation files beside them
# zlib level 6, not 9: at 10,000 statements the five bulk files (71 MB of text) compress in 1.5 s instead
# of 2.2 s, on every build that changes a statement, and come out 1.5 % bigger (7.1 MB instead of 7.0 MB).
GZIP_LEVEL = 6
BULK_FILES = (urls.DATA_JSONL, urls.DATA_CSV, urls.DATA_VERSIONS_CSV, *urls.DATA_CITATIONS.values())


def front_matter(s: Statement) -> dict[str, Any]:
    """The statement's front matter, as YAML would load it (dates as ISO text)."""
    source = {"file": s.source.file, "sha256": s.source.sha256, "encoding": s.source.encoding}
    optional = {"ingested": s.source.ingested, "published": s.source.published, "url": s.source.url,
                "publisher": s.source.publisher}
    source.update((key, value) for key, value in optional.items() if value)
    record: dict[str, Any] = {
        "id": s.id, "slug": s.slug, "title": s.title, "lead": s.lead, "date": s.date_iso,
        "dateline": s.dateline, "agencies": list(s.agencies), "issuer": s.issuer, "type": s.type,
        "language": s.language, "countries": list(s.countries), "people": list(s.people),
        "organizations": list(s.organizations), "tags": list(s.tags), "references": list(s.references),
        "source": source,
    }
    if s.aliases:
        record["aliases"] = list(s.aliases)
    return record


def record(s: Statement, u: Urls) -> dict[str, Any]:
    """The statement's record: front matter, text, URLs, the number of its current wording and, when it
    has earlier ones, each of them (``versions``, oldest first, with its own text and URLs)."""
    out = {**front_matter(s), "body": s.body, "text": body_text(s.body), "version": s.version,
           "url": u.absolute(urls.statement(s.slug)), "permalink": u.absolute(urls.permalink(s.id))}
    if s.versions:
        out["versions"] = [version_record(s, v, u) for v in s.versions]
    return out


def version_record(s: Statement, v: Version, u: Urls) -> dict[str, Any]:
    """An earlier wording: its ``versions`` front matter, number, plain text, page, permanent link and
    the URL of its original bytes ('' when the archive keeps none)."""
    kept = {"sha256": v.sha256, "seen": v.seen, "file": v.file, "encoding": v.encoding}
    return {**{k: value for k, value in kept.items() if value}, "body": v.body, "number": v.number,
            "text": body_text(v.body), "url": u.absolute(urls.version(s.slug, v.number)),
            "permalink": u.absolute(urls.version_permalink(s.id, v.number)),
            "original": u.absolute(urls.version_text(s.id, v.number)) if v.original else ""}


def version_rows(s: Statement, u: Urls) -> list[list[str]]:
    """The rows of data/versions.csv for one statement with earlier versions: each of them, then the current."""
    rows = []
    for v in (*s.versions, Version(s.version, s.body, "", s.source.sha256, seen_of(s, s.version), s.source.file,
                                   s.source.encoding, s.original)):
        current = v.number == s.version
        page = urls.statement(s.slug) if current else urls.version(s.slug, v.number)
        original = (urls.data_text(s.id) if current else urls.version_text(s.id, v.number)) if v.original else ""
        cells = (s.id, v.number, str(current).lower(), v.seen, v.sha256, v.file, v.encoding, u.absolute(page),
                 u.absolute(urls.version_permalink(s.id, v.number)), u.absolute(original) if original else "",
                 body_text(v.body))
        rows.append([inert_cell(str(c)) for c in cells])
    return rows


def to_json(value: Any, indent: int | None = None) -> str:
    return jsontext.dumps(value, indent)


def csv_writer(out: io.StringIO, header: tuple[str, ...]) -> Any:
    """A CSV writer into ``out``, which it has written the header row to."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    return writer


def csv_row(writer: Any, r: dict[str, Any]) -> None:
    flat = {**r, **{f"source_{k}": r["source"].get(k, "") for k in SOURCE_KEYS}}
    writer.writerow([inert_cell(LIST_SEPARATOR.join(v) if isinstance(v, list) else str(v))
                     for v in (flat.get(c, "") for c in CSV_COLUMNS)])


def inert_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP "CSV Injection"): one
    starting with '=', '+', '-', '@', a tab or a carriage return gets a leading single quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def data_outputs(statements: tuple[Statement, ...], u: Urls, site_title: str,
                 memo: DataMemo | None = None, workers: int = 1) -> Iterator[tuple[str, bytes | Original]]:
    """Every file under data/, one at a time, the manifest last (it lists the others' checksums). Original
    texts come as ``Original``: the writer reads them only if the site lacks them (``produce.write_files``).

    The work is done a year of statements at a time (``year_part``): their own JSON records, and one
    compressed part of each whole-archive file (JSONL, CSV, versions CSV and the citation files), joined
    into one gzip file per download (``builder.gzparts``). ``memo`` keeps each year's part in the cache
    folder under a hash of exactly what it is made from, so a build after an edit makes one year again;
    the years it lacks are made in ``workers`` processes. (A build with a cache folder joins the kept parts
    in a worker process: ``builder.data_job``.)"""
    memo = memo or DataMemo(None)
    years = by_year(statements)
    yield from joined(zip(memo.parts(years, u, site_title, workers), map(year_originals, years)), len(statements))
    memo.done()


Originals = tuple[tuple[str, str, str, str], ...]  # (data path, original file, its SHA-256, statement file)


def by_year(statements: tuple[Statement, ...]) -> list[tuple[Statement, ...]]:
    """The statements a year at a time, oldest first."""
    return [tuple(group) for _, group in groupby(sorted(statements, key=lambda s: s.sort_key),
                                                 key=lambda s: s.date.year)]


def year_originals(year: tuple[Statement, ...]) -> Originals:
    """The original texts of a year's statements (each one's current wording's, then its earlier ones')."""
    out = []
    for s in year:
        if s.original:
            out.append((urls.data_text(s.id), s.original, s.source.sha256, s.path))
        out += [(urls.version_text(s.id, v.number), v.original, v.sha256, s.path) for v in s.versions if v.original]
    return tuple(out)


def data_paths(years: list[tuple[Statement, ...]], originals: tuple[Originals, ...]) -> Iterator[str]:
    """The path of each file ``data_outputs`` makes of these years (with their ``year_originals``)."""
    for year, texts in zip(years, originals, strict=True):
        yield from (urls.data_json(s.id) for s in year)
        yield from (path for path, _, _, _ in texts)
    yield from BULK_FILES
    yield urls.DATA_INDEX


def joined(years: Iterable[tuple[YearPart, Originals]], count: int) -> Iterator[tuple[str, bytes | Original]]:
    """The files of data/ from each year's part and original texts, oldest year first; ``count``: the
    statements, for the manifest."""
    listing: dict[str, dict[str, Any]] = {}
    bulk: dict[str, list[Part]] = {path: [compress(head, GZIP_LEVEL)] for path, head in heads().items()}
    first = True
    for part, originals in years:
        first = False
        for path, data in part.files:
            yield listed(listing, path, data)
        for path, file, sha256, statement in originals:
            yield listed_original(listing, path, statement, file, sha256)
        for path, compressed in part.bulk:
            bulk[path].append(compressed)
    closing = b"]\n" if first else b"\n]\n"  # the CSL-JSON array closed as ``jsontext.dumps`` closes it
    bulk[urls.DATA_CITATIONS["csl.json"]].append(compress(closing, GZIP_LEVEL))
    for path in BULK_FILES:
        yield listed(listing, path, b"".join(gzip_file(bulk[path])))
    yield urls.DATA_INDEX, (to_json({"statements": count, "files": dict(sorted(listing.items())),
                                     "format": MANIFEST_FORMAT, "fields": list(CSV_COLUMNS),
                                     "version_fields": list(VERSION_COLUMNS)}, indent=2) + "\n").encode("utf-8")


def heads() -> dict[str, bytes]:
    """What each whole-archive file starts with, before any statement: the CSV header rows, '['."""
    out = dict.fromkeys(BULK_FILES, b"")
    for path, header in ((urls.DATA_CSV, CSV_COLUMNS), (urls.DATA_VERSIONS_CSV, VERSION_COLUMNS)):
        line = io.StringIO()
        csv_writer(line, header)
        out[path] = take(line)
    out[urls.DATA_CITATIONS["csl.json"]] = b"["
    return out


@dataclass(frozen=True, slots=True)
class YearPart:
    """What one year of statements adds to data/: its statements' JSON records (their original bytes are
    read at every build, and checked), and its compressed part of each whole-archive file."""

    files: tuple[tuple[str, bytes], ...]
    bulk: tuple[tuple[str, Part], ...]  # (whole-archive file, this year's part), in ``BULK_FILES`` order


def year_part(year: tuple[Statement, ...], u: Urls, site_title: str, first: bool) -> YearPart:
    """The records and parts of a year's statements (oldest first); ``first``: the oldest year of the archive,
    whose first CSL-JSON entry follows the '[' without a comma."""
    texts: dict[str, list[bytes]] = {path: [] for path in BULK_FILES}
    line = io.StringIO()
    table, versions = csv_writer(line, CSV_COLUMNS), csv_writer(line, VERSION_COLUMNS)
    take(line)  # the header rows are the files' heads (``heads``)
    files = []
    for s in year:
        r = record(s, u)
        files.append((urls.data_json(s.id), (to_json(r, indent=2) + "\n").encode("utf-8")))
        texts[urls.DATA_JSONL].append((to_json(r) + "\n").encode("utf-8"))
        csv_row(table, r)
        texts[urls.DATA_CSV].append(take(line))
        versions.writerows(version_rows(s, u) if s.versions else [])
        texts[urls.DATA_VERSIONS_CSV].append(take(line))
        bib, ris, csl = current_wording(s, u, site_title)
        texts[urls.DATA_CITATIONS["bib"]].append(bib.encode("utf-8"))
        texts[urls.DATA_CITATIONS["ris"]].append(ris.encode("utf-8"))
        item = ("\n  " if first else ",\n  ") + jsontext.array_item(csl, 2)
        texts[urls.DATA_CITATIONS["csl.json"]].append(item.encode("utf-8"))
        first = False
    return YearPart(tuple(files), tuple((path, compress(b"".join(texts[path]), GZIP_LEVEL)) for path in BULK_FILES))


class DataMemo:
    """Each year's ``YearPart``, kept in the cache folder (``data/<key>.pickle``) under a hash of the code,
    the URLs, the site title, whether it is the first year and the year's statements (their digests,
    ``builder.digests``: a hash of each whole statement). ``DataMemo(None)`` keeps nothing.
    Parts no build asked for in the last run are deleted when it is ``done``."""

    def __init__(self, cache_dir: Path | None, digests: Digests | None = None):
        self.folder = cache_dir / "data" if cache_dir else None
        self.used: set[str] = set()
        self.digests = digests or Digests()

    def parts(self, years: list[tuple[Statement, ...]], u: Urls, site_title: str,
              workers: int) -> Iterator[YearPart]:
        """Each year's part, in order (the first of ``years`` is the archive's first): the kept ones read
        back, the others made, in ``workers`` processes when more than one is missing."""
        paths, missing = self.looked_up(years, u, site_title)
        made = made_parts([(years[i], u, site_title, i == 0) for i in missing], workers)
        for i, (year, path) in enumerate(zip(years, paths)):
            found = None if i in missing or path is None else stored(path, YearPart)
            part = found or (next(made) if i in missing else year_part(year, u, site_title, i == 0))
            if path is not None and found is None:
                keep(path, part)
            yield part

    def kept(self, years: list[tuple[Statement, ...]], u: Urls, site_title: str, workers: int,
             leave: int = 0) -> tuple[tuple[Path, ...], list[int]] | None:
        """Where each year's part is kept, and which of them (by index) the folder lacks when they are at most
        ``leave``, for the caller to make; when more are missing, they are made here (in ``workers``
        processes) and stored first. None when the memo keeps nothing or a part cannot be stored."""
        paths, missing = self.looked_up(years, u, site_title)
        if self.folder is None:
            return None
        if len(missing) <= leave:
            return tuple(paths), missing  # type: ignore[arg-type]
        made = made_parts([(years[i], u, site_title, i == 0) for i in missing], workers)
        try:
            for i in missing:
                store(paths[i], next(made))  # type: ignore[arg-type]
        except OSError:
            return None
        finally:
            made.close()
        return tuple(paths), []  # type: ignore[arg-type]

    def looked_up(self, years: list[tuple[Statement, ...]], u: Urls,
                  site_title: str) -> tuple[list[Path | None], list[int]]:
        """Where each year's part is kept, and which of them (by index) the folder lacks."""
        paths = [self.path(year, u, site_title, i == 0) for i, year in enumerate(years)]
        return paths, [i for i, path in enumerate(paths) if path is None or not path.is_file()]

    def path(self, year: tuple[Statement, ...], u: Urls, site_title: str, first: bool) -> Path | None:
        """Where the year's part is kept (None: nowhere), noted as used by this build."""
        if self.folder is None:
            return None
        statements = tuple(map(self.digests, year))
        key = hashlib.blake2b(code_fingerprint() + canonical((u, site_title, first, statements)),
                              digest_size=20).hexdigest()
        self.used.add(key)
        return self.folder / f"{key}.pickle"

    def done(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        for old in self.folder.glob("*.pickle"):
            if old.stem not in self.used:
                old.unlink(missing_ok=True)


def keep(path: Path, part: YearPart) -> None:
    """Keep a year's part made by this build where ``DataMemo`` looks for it."""
    try:
        store(path, part)
    except OSError:
        pass  # without it the next build makes this year again: slower, never wrong


DOING = "making the data downloads"  # the stage, as an error from its workers names it


# Years sent to the workers and not yet written, at most, per worker: made parts wait in memory to be
# written in order. Making the years in the workers instead of the build's own process: see ``made_parts``.
YEARS_IN_FLIGHT = 1


def made_parts(jobs: list[tuple[tuple[Statement, ...], Urls, str, bool]], workers: int) -> Iterator[YearPart]:
    """``year_part(*job)`` for each job, in order; in ``workers`` processes when there are several. On 2
    cores, making every file of data/ for 10,000 statements (29 years) took 3.9–4.3 s instead of 6.1–6.4 s
    in the build's own process, measured twice each; the build's process peaked 24 MB higher."""
    if workers <= 1 or len(jobs) <= 1 or not can_fork():
        yield from (year_part(*job) for job in jobs)
        return
    with processes(workers, DOING) as pool:
        waiting: deque[Future[bytes]] = deque()
        try:
            for job in jobs:
                if len(waiting) >= YEARS_IN_FLIGHT * workers:
                    yield pickle.loads(waiting.popleft().result())
                waiting.append(pool.submit(pickled_year_part, shipped(job)))
            while waiting:
                yield pickle.loads(waiting.popleft().result())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def pickled_year_part(job: bytes) -> bytes:
    """``year_part`` of a job ``shipped`` to a worker (``builder.shipping``: the build's process keeps no
    UTF-8 copy of the statements' texts), pickled: the build's process unpickles it in its main thread.
    Unpickled by the executor's own thread, the parts' thousands of records are allocated in that thread's
    malloc arena and freed in the main thread: the build's process peaked at 299 MB at 10,000 statements,
    against 286 MB unpickled here (and 262 MB with every year made in it)."""
    return pickle.dumps(year_part(*unshipped(job)), pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True, slots=True)
class Original:
    """Original bytes as a data file: their SHA-256 is known (the statement's ``source.sha256`` or an earlier
    version's, checked against the content folder when the statement was loaded), so a generation of the
    site that holds a file with that SHA-256 keeps it without the bytes being read (``produce.write_files``,
    with the figure)."""

    statement: str  # the content file of the statement whose original it is (for the error when it changed)
    path: str
    sha256: str
    size: int  # as the manifest (index.json) lists it

    @property
    def fingerprint(self) -> bytes:
        return bytes.fromhex(self.sha256)

    def read(self) -> bytes:
        return original_bytes(self.statement, self.path, self.sha256)


def listed_original(listing: dict[str, dict[str, Any]], path: str, statement: str, file: str,
                    sha256: str) -> tuple[str, Original]:
    """Note an original's size and checksum for the manifest (without reading it), and pass it on.
    ``statement``: the content file of the statement whose original it is."""
    try:
        size = os.stat(file).st_size
    except OSError as exc:
        raise BuilderError(f"its original text {file} cannot be read ({exc.strerror})", file=statement,
                           field="source", hint="build again, or ingest the statement again") from None
    listing[path.removeprefix("data/")] = {"bytes": size, "sha256": sha256}
    return path, Original(statement, file, sha256, size)


def original_bytes(statement: str, path: str, sha256: str) -> bytes:
    """Original bytes as the loader found them (their SHA-256 is ``sha256``: the statement's ``source.sha256``
    or an earlier version's); ``statement``: its content file."""
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BuilderError(f"its original text {path} changed while the site was being built", file=statement,
                           field="source", hint="build again")
    return data


def take(buffer: io.StringIO) -> bytes:
    """What was written to ``buffer`` since the last take, as UTF-8."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def note(listing: dict[str, dict[str, Any]], path: str, size: int, sha: Any) -> None:
    """The manifest entry of one file under data/: its size and SHA-256."""
    listing[path.removeprefix("data/")] = {"bytes": size, "sha256": sha.hexdigest()}


def listed(listing: dict[str, dict[str, Any]], path: str, data: bytes) -> tuple[str, bytes]:
    """Note a file's size and checksum for the manifest, and pass it on."""
    note(listing, path, len(data), hashlib.sha256(data))
    return path, data
