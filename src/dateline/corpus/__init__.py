"""The corpus: ingest many articles, find near-duplicates and event groups, store them in
one DuckDB file, and export them."""

from __future__ import annotations

from ._dedup import DEFAULT_GROUP_WINDOW, DEFAULT_THRESHOLD, NearDuplicates, rebuild_event_groups
from ._export import EXPORT_TABLES, GDELT_COLUMNS, export_gdelt, export_tables
from ._ingest import Analyzer, IngestOptions, IngestSummary, Progress, count_records, ingest
from ._output import check_output, database_files, output_error, replace_into, staging
from ._queries import Filters, actors_sql, articles_sql, events_sql, quotes_sql, report_sql
from ._rows import Batch
from ._store import STORE_VERSION, IngestState, Store, check_database_file, store_error
from ._tables import TABLES

__all__ = [
    "DEFAULT_GROUP_WINDOW",
    "DEFAULT_THRESHOLD",
    "EXPORT_TABLES",
    "GDELT_COLUMNS",
    "STORE_VERSION",
    "TABLES",
    "Analyzer",
    "Batch",
    "Filters",
    "IngestOptions",
    "IngestState",
    "IngestSummary",
    "NearDuplicates",
    "Progress",
    "Store",
    "actors_sql",
    "articles_sql",
    "check_database_file",
    "check_output",
    "count_records",
    "database_files",
    "events_sql",
    "export_gdelt",
    "export_tables",
    "ingest",
    "output_error",
    "quotes_sql",
    "rebuild_event_groups",
    "replace_into",
    "report_sql",
    "staging",
    "store_error",
]
