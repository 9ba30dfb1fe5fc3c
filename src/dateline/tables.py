"""Results as tables: flat rows, Arrow tables and pandas data frames.

One row per article, entity, mention, quote, event or time expression, with the article's id
on every row, so the tables join like the store's. The columns follow the result's fields
(``dateline/1``): a ``(start, end)`` span becomes ``<field>_start`` and ``<field>_end``, a
place's coordinates become ``lat``/``lon``/``geonameid``/``geo_*``, tuples become lists, and
events and quotes also carry their actors' names (``source_names``, ``speaker_name``...)
next to the entity ids.

>>> rows([], "events")
[]

Arrow comes with dateline (pyarrow); pandas is used when installed, else ``to_pandas``
raises a coded ``ConfigError`` saying how to get it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from .errors import NO_EXTRA, ConfigError
from .types import Analysis, Geo

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas
    import pyarrow

__all__ = ["TABLE_NAMES", "TableName", "rows", "to_arrow", "to_pandas"]

TableName = Literal["articles", "entities", "mentions", "quotes", "events", "times"]
TABLE_NAMES: Final[tuple[str, ...]] = get_args(TableName)

Row = dict[str, Any]


def rows(results: Iterable[Analysis] | Analysis, table: TableName) -> list[Row]:
    """The flat rows of one table over the results (failures and other items are skipped)."""
    if table not in TABLE_NAMES:
        raise ConfigError(
            f"unknown table {table!r}",
            hint="one of: " + ", ".join(TABLE_NAMES),
        )
    items = [results] if isinstance(results, Analysis) else list(results)
    out: list[Row] = []
    for result in items:
        if isinstance(result, Analysis):
            out.extend(_ROWS[table](result))
    return out


def to_arrow(results: Iterable[Analysis] | Analysis, table: TableName) -> pyarrow.Table:
    """One table of the results as a ``pyarrow.Table`` (columns typed by their values)."""
    import pyarrow

    found = rows(results, table)
    if not found:
        return pyarrow.table({})
    return pyarrow.Table.from_pylist(found)


def to_pandas(results: Iterable[Analysis] | Analysis, table: TableName) -> pandas.DataFrame:
    """One table of the results as a pandas ``DataFrame``; needs pandas installed."""
    try:
        import pandas
    except ImportError:
        raise ConfigError(
            "to_pandas needs pandas, which is not installed",
            hint="pip install pandas (or use dateline.tables.to_arrow / rows)",
            code=NO_EXTRA,
        ) from None
    return pandas.DataFrame.from_records(rows(results, table))


def _plain(name: str, value: Any) -> Row:
    """A field as columns: spans split in two, tuples as lists, places as coordinates."""
    if isinstance(value, Geo):
        return {
            "lat": value.lat,
            "lon": value.lon,
            "geonameid": value.geonameid,
            "geo_name": value.name,
            "geo_country": value.country,
            "geo_feature": value.feature,
        }
    if name.endswith("span") or name in ("sentence", "trigger"):
        start, end = value if value is not None else (None, None)
        return {f"{name}_start": start, f"{name}_end": end}
    if isinstance(value, tuple):
        return {name: list(value)}
    return {name: value}


def _fields(obj: Any, skip: tuple[str, ...] = ()) -> Row:
    out: Row = {}
    for f in dataclasses.fields(obj):
        if f.name not in skip:
            out.update(_plain(f.name, getattr(obj, f.name)))
    return out


def _names(result: Analysis, ids: Iterable[str]) -> list[str]:
    entities = [result.entity(i) for i in ids]
    return [e.name for e in entities if e is not None]


def _name(result: Analysis, entity_id: str | None) -> str | None:
    entity = result.entity(entity_id)
    return entity.name if entity else None


def _country(result: Analysis, ids: Iterable[str]) -> str | None:
    for i in ids:
        entity = result.entity(i)
        if entity is not None and entity.country:
            return entity.country
    return None


def _articles(result: Analysis) -> list[Row]:
    dl = result.dateline
    origin = result.origin
    return [
        {
            "article_id": result.id,
            "title": result.title,
            "url": result.url,
            "source": result.source,
            "published": result.published,
            "published_from": result.published_from,
            "language": result.language,
            "byline": result.byline,
            "dateline": dl.place if dl else None,
            "dateline_entity": dl.entity if dl else None,
            "origin_path": origin.path if origin else None,
            "origin_line": origin.line if origin else None,
            "chars": len(result.text),
            "paragraphs": len(result.paragraphs),
            "entities": len(result.entities),
            "quotes": len(result.quotes),
            "events": len(result.events),
            "model": result.model,
            "warnings": list(result.warnings),
        }
    ]


def _entities(result: Analysis) -> list[Row]:
    out = []
    for entity in result.entities:
        row: Row = {"article_id": result.id, **_fields(entity, skip=("mentions", "geo"))}
        row.update(_plain("geo", entity.geo) if entity.geo else dict.fromkeys(_GEO_COLUMNS))
        row["mention_count"] = len(entity.mentions)
        out.append(row)
    return out


_GEO_COLUMNS: Final = ("lat", "lon", "geonameid", "geo_name", "geo_country", "geo_feature")


def _mentions(result: Analysis) -> list[Row]:
    return [
        {"article_id": result.id, "entity_id": entity.id, **_fields(mention)}
        for entity in result.entities
        for mention in entity.mentions
    ]


def _quotes(result: Analysis) -> list[Row]:
    out = []
    for quote in result.quotes:
        row: Row = {"article_id": result.id, **_fields(quote, skip=("spans",))}
        row["start"] = quote.spans[0][0] if quote.spans else None
        row["end"] = quote.spans[-1][1] if quote.spans else None
        row["speaker_name"] = _name(result, quote.speaker)
        out.append(row)
    return out


def _events(result: Analysis) -> list[Row]:
    out = []
    for event in result.events:
        row: Row = {"article_id": result.id, **_fields(event)}
        row["source_names"] = _names(result, event.source)
        row["target_names"] = _names(result, event.target)
        row["source_country"] = _country(result, event.source)
        row["target_country"] = _country(result, event.target)
        row["location_name"] = _name(result, event.location)
        row["claimed_by_name"] = _name(result, event.claimed_by)
        row["sentence_text"] = (
            result.text[event.sentence[0] : event.sentence[1]] if event.sentence else None
        )
        out.append(row)
    return out


def _times(result: Analysis) -> list[Row]:
    return [{"article_id": result.id, **_fields(time)} for time in result.times]


_ROWS: Final = {
    "articles": _articles,
    "entities": _entities,
    "mentions": _mentions,
    "quotes": _quotes,
    "events": _events,
    "times": _times,
}
