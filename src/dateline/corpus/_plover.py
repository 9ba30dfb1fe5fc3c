"""The corpus's events as PLOVER/POLECAT-style records: one JSON object per event and line.

The keys are POLECAT's field names (``data/corpus/polecat_fields.tsv`` lists them all and
says what dateline writes under each); a field dateline never has a value for (COW codes,
Wikipedia ids, intensity, ...) is left out, a field this event has no value for is ``null``.
dateline's own values that POLECAT has no field for sit under the key ``"dateline"``: the
story URL, the CAMEO code, the date's granularity, the event group, the confidence and the
flags an analyst must see (negated, hypothetical, future, historical, claimed by whom), and
``location_from`` when the store has it.

One record per typed event of each independent article (near-duplicate copies left out; the
group id ties the reports of one real-world event together), oldest event first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .._data import table
from ._store import Store

__all__ = ["POLECAT_FIELDS", "plover_records"]

#: every POLECAT field name, in POLECAT's order, and whether dateline fills it
POLECAT_FIELDS: tuple[tuple[str, bool], ...] = tuple(
    (row["name"], row["dateline"] != "-") for row in table("corpus/polecat_fields.tsv")
)

_SQL = """
WITH actors AS (
    SELECT ea.article_id, ea.event_id, ea.role,
           list(en.name ORDER BY ea.position) AS names,
           list(en.country ORDER BY ea.position) AS countries,
           list(en.sector ORDER BY ea.position) AS sectors,
           arg_min(en.sector, ea.position) AS primary_sector,
           arg_min(en.titles, ea.position) AS titles
    FROM event_actors ea
    LEFT JOIN entities en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
    GROUP BY ea.article_id, ea.event_id, ea.role
),
story AS (
    SELECT article_id,
           list(name ORDER BY try_cast(substr(entity_id, 2) AS INTEGER), entity_id)
               FILTER (WHERE kind = 'PERSON') AS people,
           list(name ORDER BY try_cast(substr(entity_id, 2) AS INTEGER), entity_id)
               FILTER (WHERE kind = 'ORG') AS organizations,
           list(name ORDER BY try_cast(substr(entity_id, 2) AS INTEGER), entity_id)
               FILTER (WHERE kind IN ('GPE', 'LOC', 'FAC')) AS locations
    FROM entities GROUP BY article_id
)
SELECT v.article_id, v.event_id, v.date, v.type, v.mode, v.context,
       s.names, s.countries, s.primary_sector, s.sectors, s.titles,
       t.names, t.countries, t.primary_sector, t.sectors, t.titles,
       coalesce(loc.geo_name, loc.name), coalesce(loc.geo_country, loc.country),
       loc.lat, loc.lon, loc.geonameid, loc.name, loc.geo_feature,
       a.source, a.published, st.people, st.organizations, st.locations, a.language, a.title,
       CASE WHEN v.sentence_start IS NOT NULL AND v.sentence_end IS NOT NULL
            THEN substr(a.text, v.sentence_start + 1, v.sentence_end - v.sentence_start) END,
       a.url, v.cameo, v.date_granularity, em.group_id, v.confidence,
       coalesce(v.negated, false), coalesce(v.hypothetical, false),
       coalesce(v.future, false), coalesce(v.historical, false), cl.name, {location_from}
FROM events v
JOIN articles a ON a.id = v.article_id
LEFT JOIN actors s ON s.article_id = v.article_id AND s.event_id = v.event_id
    AND s.role = 'source'
LEFT JOIN actors t ON t.article_id = v.article_id AND t.event_id = v.event_id
    AND t.role = 'target'
LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
LEFT JOIN entities cl ON cl.article_id = v.article_id AND cl.entity_id = v.claimed_by
LEFT JOIN story st ON st.article_id = v.article_id
LEFT JOIN event_mentions em ON em.article_id = v.article_id AND em.event_id = v.event_id
WHERE v.type IS NOT NULL AND a.canonical_id IS NULL
ORDER BY coalesce(v.date, a.published, ''), v.article_id,
         try_cast(substr(v.event_id, 2) AS INTEGER), v.event_id
"""


def _joined(values: Sequence[str | None] | None) -> str | None:
    """Distinct non-empty values in order, "; "-separated (POLECAT's multi-value form)."""
    kept = list(dict.fromkeys(v for v in values or () if v))
    return "; ".join(kept) if kept else None


def _listed(values: Sequence[str | None] | None) -> list[str]:
    return list(dict.fromkeys(v for v in values or () if v))


def _has_column(store: Store, table_name: str, column: str) -> bool:
    rows = store.con.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table_name, column],
    ).fetchall()
    return bool(rows)


def _record(fields: Sequence[Any]) -> dict[str, Any]:
    (
        article_id, event_id, date, etype, mode, context,
        s_names, s_countries, s_sector, s_sectors, s_titles,
        t_names, t_countries, t_sector, t_sectors, t_titles,
        placename, country, lat, lon, geonameid, raw_place, feature,
        source, published, people, organizations, locations, language, title, sentence,
        url, cameo, granularity, group_id, confidence,
        negated, hypothetical, future, historical, claimed_by, location_from,
    ) = fields  # fmt: skip
    values: dict[str, Any] = {
        "Event ID": f"{article_id}-{event_id}",
        "Event Date": date,
        "Event Type": etype,
        "Event Mode": mode,
        "Contexts": list(context or ()),
        "Actor Name": _joined(s_names),
        "Actor Country": _joined(s_countries),
        "Primary Actor Sector": s_sector,
        "Actor Sectors": _listed(s_sectors),
        "Actor Title": _joined(s_titles),
        "Recipient Name": _joined(t_names),
        "Recipient Country": _joined(t_countries),
        "Primary Recipient Sector": t_sector,
        "Recipient Sectors": _listed(t_sectors),
        "Recipient Title": _joined(t_titles),
        "Placename": placename,
        "Country": country,
        "Latitude": lat,
        "Longitude": lon,
        "GeoNames ID": geonameid,
        "Raw Placename": raw_place,
        "Feature Type": feature,
        "Source": source,
        "Publication Date": published,
        "Story People": _listed(people),
        "Story Organizations": _listed(organizations),
        "Story Locations": _listed(locations),
        "Language": language,
        "Headline": title,
        "Event Text": sentence,
        "Story ID": article_id,
    }
    record = {name: values[name] for name, filled in POLECAT_FIELDS if filled}
    record["dateline"] = {
        "url": url,
        "cameo": cameo,
        "date_granularity": granularity,
        "event_group": group_id,
        "confidence": confidence,
        "negated": bool(negated),
        "hypothetical": bool(hypothetical),
        "future": bool(future),
        "historical": bool(historical),
        "claimed_by": claimed_by,
        "location_from": location_from,
    }
    return record


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """One POLECAT-style record per typed event of the independent articles."""
    location_from = "v.location_from" if _has_column(store, "events", "location_from") else "NULL"
    for fields in store.stream(_SQL.format(location_from=location_from))[1]:
        yield _record(fields)
