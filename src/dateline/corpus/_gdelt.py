"""The corpus's event groups as GDELT 2.0 event records: all 61 columns, in GDELT's order.

One row per event group (the same real-world event however many articles report it), built
from the group's first report (the earliest published article). ``GDELT_COLUMNS`` is written
out here; ``tests/test_exports.py`` checks it against GDELT's published column list, pinned
in ``data/corpus/gdelt_events_columns.tsv``. What each column holds, and which stay empty
because dateline has no such value, is documented in docs/guide/exports.md. In short:

* dates from the group's date (the event's own date, else the article's publication date):
  ``SQLDATE``/``FractionDate`` only for a day, ``MonthYear`` for a day or a month, ``Year``
  for any of them; ``DATEADDED`` is when the article was ingested (UTC);
* ``IsRootEvent`` 1 when the event's sentence is in the first paragraph (empty for a text
  with no paragraph breaks);
* ``EventCode`` the CAMEO code, ``EventBaseCode``/``EventRootCode`` cut from it,
  ``QuadClass`` from the root (01-05 verbal cooperation ... 14-20 material conflict),
  ``GoldsteinScale`` from ``data/events/cameo_codes.tsv`` (the code, else its base or root);
* actors: the CAMEO actor code, name and country of the first source / target actor, and
  the code's known-group, religion and type parts (``data/corpus/cameo_actor_parts.tsv``,
  GDELT's lookups); no ethnic codes;
* geography: ``ActionGeo_*`` from the event's place, ``ActorNGeo_*`` from the actor's own
  place when the actor is a place ("Ukraine"); country codes in FIPS 10-4 through
  ``data/corpus/fips10_4.tsv``; ``FeatureID`` only for a country (its FIPS code, as GDELT
  writes it): a GeoNames id is not a GNS feature id;
* empty: the actors' ethnic codes, ``AvgTone``, the ADM1 and ADM2 codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from .._data import mapping, table
from ._store import Store

__all__ = ["GDELT_COLUMNS", "actor_parts", "gdelt_rows", "goldstein", "quad_class"]


def _actor_columns(n: int) -> tuple[str, ...]:
    a = f"Actor{n}"
    return (
        f"{a}Code", f"{a}Name", f"{a}CountryCode", f"{a}KnownGroupCode", f"{a}EthnicCode",
        f"{a}Religion1Code", f"{a}Religion2Code", f"{a}Type1Code", f"{a}Type2Code",
        f"{a}Type3Code",
    )  # fmt: skip


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}_{part}"
        for part in (
            "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
        )
    )  # fmt: skip


GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *_actor_columns(1),
    *_actor_columns(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# GDELT's geographic resolution (ActorNGeo_Type, ActionGeo_Type)
_COUNTRY, _US_STATE, _US_CITY, _WORLD_CITY, _WORLD_STATE = 1, 2, 3, 4, 5
# GeoNames features wider than a country or not inside one: GDELT has no resolution for them
_NO_TYPE = frozenset({"CONT", "RGN", "RGNE", "RGNH", "OCN", "SEA", "GULF", "AREA", "ZN"})

_FIPS = mapping("corpus/fips10_4.tsv", "iso3", "fips")
_COUNTRY_NAMES = mapping("corpus/fips10_4.tsv", "iso3", "name")
_ACTOR_PARTS = mapping("corpus/cameo_actor_parts.tsv", "code", "field")
_GOLDSTEIN = {
    row["cameo"]: float(row["goldstein"])
    for row in table("events/cameo_codes.tsv")
    if row["goldstein"]
}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")

_SQL = """
WITH first AS (
    SELECT em.group_id, arg_min(em.article_id || '|' || em.event_id,
                                (coalesce(a.published, ''), em.article_id, em.event_id)) AS k
    FROM event_mentions em JOIN articles a ON a.id = em.article_id GROUP BY em.group_id
),
rep AS (
    SELECT f.group_id, split_part(f.k, '|', 1) AS article_id, split_part(f.k, '|', 2) AS event_id
    FROM first f
),
actor AS (
    SELECT ea.article_id, ea.event_id, ea.role, en.code, en.name, en.country,
           en.geo_name, en.geo_country, en.geo_feature, en.lat, en.lon
    FROM event_actors ea
    LEFT JOIN entities en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
    WHERE ea.position = 0
)
SELECT g.group_id, g.date, g.n_mentions, g.n_sources, g.n_articles, g.first_url, v.cameo,
       v.sentence_start,
       CASE WHEN len(a.paragraphs) > 1 THEN a.paragraphs[1][2] END, r.started,
       s.code, s.name, s.country, s.geo_name, s.geo_country, s.geo_feature, s.lat, s.lon,
       t.code, t.name, t.country, t.geo_name, t.geo_country, t.geo_feature, t.lat, t.lon,
       loc.name, loc.country, loc.geo_name, loc.geo_country, loc.geo_feature, loc.lat, loc.lon
FROM event_groups g
JOIN rep ON rep.group_id = g.group_id
JOIN events v ON v.article_id = rep.article_id AND v.event_id = rep.event_id
JOIN articles a ON a.id = rep.article_id
LEFT JOIN runs r ON r.run_id = a.run_id
LEFT JOIN actor s ON s.article_id = rep.article_id AND s.event_id = rep.event_id
    AND s.role = 'source'
LEFT JOIN actor t ON t.article_id = rep.article_id AND t.event_id = rep.event_id
    AND t.role = 'target'
LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
ORDER BY g.date, g.group_id
"""


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code, from its root: 1 verbal cooperation (01-05),
    2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).

    The ranges GDELT clients use (RBozydar/py-gdelt, ``lookups/cameo.py``); the Phoenix
    quad classes of ``cameo_codes.tsv`` agree except for roots 01-02 (0) and 16 (3).
    """
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein score of a CAMEO code: its own, else its base code's, else its root's."""
    if not cameo:
        return None
    for code in (cameo, cameo[:3], cameo[:2]):
        if code in _GOLDSTEIN:
            return _GOLDSTEIN[code]
    return None


def _base_code(cameo: str) -> str:
    """GDELT's EventBaseCode: a level-three (four-digit) code's parent, else the code."""
    return cameo[:3] if len(cameo) > 3 else cameo


def _dates(value: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate of a date value; empty below its granularity."""
    m = _DATE.fullmatch(value or "")
    if not m:
        return "", "", "", ""
    year, month, day = m.groups()
    if day is None:
        return "", year + month if month else "", year, ""
    # GDELT's own files compute the fraction as ((month - 1) * 30 + day) / 365
    fraction = f"{int(year) + ((int(month) - 1) * 30 + int(day)) / 365:.4f}"
    return year + month + day, year + month, year, fraction


def _date_added(started: datetime | None) -> str:
    """The ingest run's start in UTC as YYYYMMDDHHMMSS (runs store local naive time)."""
    if started is None:
        return ""
    moment = started if started.tzinfo else started.astimezone()
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def _geo(
    name: str | None,
    country: str | None,
    geo_name: str | None,
    geo_country: str | None,
    feature: str | None,
    lat: float | None,
    lon: float | None,
) -> list[object]:
    """The eight ``*Geo_*`` cells of a place entity (all empty for no place or no geocode)."""
    if lat is None or lon is None:
        return [None] * 8
    iso3 = geo_country or country
    fips = _FIPS.get(iso3 or "") or None
    country_name = _COUNTRY_NAMES.get(iso3 or "")
    place = geo_name or name
    if (feature or "").startswith("PCL"):
        kind: int | None = _COUNTRY
        full = country_name or place
    else:
        in_us = iso3 == "USA"
        if feature == "ADM1":
            kind = _US_STATE if in_us else _WORLD_STATE
        elif feature and feature not in _NO_TYPE:
            kind = _US_CITY if in_us else _WORLD_CITY
        else:
            kind = None
        full = f"{place}, {country_name}" if place and country_name else place or country_name
    feature_id = fips if kind == _COUNTRY else None
    return [kind, full, fips, None, None, lat, lon, feature_id]


def actor_parts(code: str | None) -> tuple[list[str], list[str], list[str]]:
    """The known-group, religion and type parts of a CAMEO actor code, in code order.

    A code is read as 3-letter parts ("USAGOVLEG": USA, GOV, LEG). A first part that is a
    country code is the country (PSE is Palestine there, not GDELT's known group); a part in
    none of GDELT's lists (a region, an unknown code) is skipped, and so is a code whose
    length is not a multiple of three.
    """
    groups: list[str] = []
    religions: list[str] = []
    types: list[str] = []
    if not code or len(code) % 3:
        return groups, religions, types
    for i in range(0, len(code), 3):
        part = code[i : i + 3]
        if i == 0 and part in _FIPS:
            continue
        fields = _ACTOR_PARTS.get(part, "").split("+")
        for field, found in (("knowngroup", groups), ("religion", religions), ("type", types)):
            if field in fields:
                found.append(part)
    return groups, religions, types


def _actor(code: str | None, name: str | None, country: str | None) -> list[object]:
    """The ten ``ActorN*`` cells: code, name, country, then the code's parts; no ethnic code."""
    groups, religions, types = actor_parts(code)
    religion = [*religions, None, None]
    kinds = [*types, None, None, None]
    return [
        code, name, country, groups[0] if groups else None, None,
        religion[0], religion[1], kinds[0], kinds[1], kinds[2],
    ]  # fmt: skip


def _row(fields: Sequence[Any]) -> list[str]:
    (
        group_id, date, n_mentions, n_sources, n_articles, url, cameo,
        sentence_start, lead_end, started,
        s_code, s_name, s_country, s_geo_name, s_geo_country, s_feature, s_lat, s_lon,
        t_code, t_name, t_country, t_geo_name, t_geo_country, t_feature, t_lat, t_lon,
        p_name, p_country, p_geo_name, p_geo_country, p_feature, p_lat, p_lon,
    ) = fields  # fmt: skip
    sqldate, month_year, year, fraction = _dates(date)
    code = cameo if isinstance(cameo, str) and cameo else None
    root_event = (
        None if sentence_start is None or lead_end is None else int(sentence_start < lead_end)
    )
    row: list[object] = [
        int(str(group_id)[:15], 16), sqldate, month_year, year, fraction,
        *_actor(s_code, s_name, s_country),
        *_actor(t_code, t_name, t_country),
        root_event, code, _base_code(code) if code else None, code[:2] if code else None,
        quad_class(code), goldstein(code), n_mentions, n_sources, n_articles, None,
        *_geo(s_name, s_country, s_geo_name, s_geo_country, s_feature, s_lat, s_lon),
        *_geo(t_name, t_country, t_geo_name, t_geo_country, t_feature, t_lat, t_lon),
        *_geo(p_name, p_country, p_geo_name, p_geo_country, p_feature, p_lat, p_lon),
        _date_added(started), url,
    ]  # fmt: skip
    return [_cell(v) for v in row]


def gdelt_rows(store: Store) -> list[list[str]]:
    """One GDELT 2.0 event record (``GDELT_COLUMNS``) per event group."""
    rows: Iterable[tuple[object, ...]] = store.stream(_SQL)[1]
    return [_row(fields) for fields in rows]
