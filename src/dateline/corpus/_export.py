"""Export a corpus: every table to CSV or Parquet, or the events as a GDELT-style TSV.

The GDELT-style file has one row per event group (the same real-world event however many
articles report it), with GDELT 2.0 event-table column names for the columns dateline
has: ``GLOBALEVENTID``, ``SQLDATE``, ``Actor1Code``/``Name``/``CountryCode``,
``Actor2...``, ``EventCode`` (CAMEO), ``EventRootCode``, ``QuadClass``, ``NumMentions``,
``NumSources``, ``NumArticles``, ``ActionGeo_*`` and ``SOURCEURL``, plus dateline's
``PloverType``. Tab-separated, no header by default (as GDELT ships it).

Every file is written in a private folder next to it and moved onto its name with
``os.replace`` (see ``_output``): an export never leaves a half-written file. A store opened
read-only (sandboxed) must be opened with the export folder as ``writable``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import QUERY_FAILED, StoreError
from ._output import output_error, replace_into, staging
from ._store import Store, store_error
from ._tables import TABLES

__all__ = ["EXPORT_TABLES", "GDELT_COLUMNS", "export_gdelt", "export_tables"]

EXPORT_TABLES = tuple(t for t in TABLES if t not in ("minhashes", "schema_info"))

# PLOVER type -> GDELT QuadClass (1 verbal coop., 2 material coop., 3 verbal conflict,
# 4 material conflict), used when an event has no CAMEO code
_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "SOURCEURL",
    "PloverType",
)


def export_tables(store: Store, folder: Path, fmt: str) -> list[Path]:
    """Write each table to ``folder/<table>.csv`` or ``.parquet``; return the files."""
    if fmt not in ("csv", "parquet"):
        raise StoreError(f"unknown export format {fmt!r}", code=QUERY_FAILED)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    written = []
    options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
    try:
        with staging(folder) as stage:
            for table in EXPORT_TABLES:
                target = folder / f"{table}.{fmt}"
                part = stage / target.name
                try:
                    store.con.execute(f"COPY {table} TO '{_quote(part)}' ({options})")
                except (duckdb.Error, OSError) as exc:
                    raise store_error(exc, target, f"export {table}") from exc
                replace_into(part, target)
                written.append(target)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


_GDELT_SQL = """
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
    SELECT ea.article_id, ea.event_id, ea.role, en.code, en.name, en.country
    FROM event_actors ea
    LEFT JOIN entities en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
    WHERE ea.position = 0
)
SELECT g.group_id, g.date, s.code, s.name, s.country, t.code, t.name, t.country,
       v.cameo, g.type, g.n_mentions, g.n_sources, g.n_articles,
       coalesce(loc.geo_name, loc.name), coalesce(loc.geo_country, loc.country),
       loc.lat, loc.lon, loc.geonameid, g.first_url
FROM event_groups g
JOIN rep r ON r.group_id = g.group_id
JOIN events v ON v.article_id = r.article_id AND v.event_id = r.event_id
LEFT JOIN actor s ON s.article_id = r.article_id AND s.event_id = r.event_id
    AND s.role = 'source'
LEFT JOIN actor t ON t.article_id = r.article_id AND t.event_id = r.event_id
    AND t.role = 'target'
LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
ORDER BY g.date, g.group_id
"""


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _sqldate(value: str | None) -> str:
    digits = (value or "").replace("-", "")
    return digits if len(digits) == 8 and digits.isdigit() else ""


def gdelt_rows(store: Store) -> list[list[str]]:
    """One GDELT-style row (``GDELT_COLUMNS``) per event group."""
    rows = []
    for (
        group_id, date, s_code, s_name, s_country, t_code, t_name, t_country,
        cameo, ptype, n_mentions, n_sources, n_articles,
        place, place_country, lat, lon, geonameid, url,
    ) in store.stream(_GDELT_SQL)[1]:  # fmt: skip
        root = cameo[:2] if cameo and cameo[:2].isdigit() else None
        if root is not None:
            r = int(root)
            quad = 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
        else:
            quad = _QUAD.get((ptype or "").upper(), 0)
        row = [
            group_id, _sqldate(date), s_code, s_name, s_country, t_code, t_name, t_country,
            cameo, root, quad or None, n_mentions, n_sources, n_articles,
            place, place_country, lat, lon, geonameid, url, ptype,
        ]  # fmt: skip
        rows.append([_cell(v) for v in row])
    return rows


def export_gdelt(store: Store, target: Path, *, header: bool = False) -> int:
    """Write the GDELT-style event TSV; return the number of rows."""
    rows = gdelt_rows(store)
    try:
        with staging(target.parent) as stage:
            part = stage / (target.name or "events.tsv")
            with part.open("w", encoding="utf-8", newline="\n") as out:
                if header:
                    out.write("\t".join(GDELT_COLUMNS) + "\n")
                for row in rows:
                    out.write("\t".join(row) + "\n")
            replace_into(part, target)
    except OSError as exc:
        raise output_error(exc, target) from exc
    return len(rows)
