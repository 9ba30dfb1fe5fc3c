"""The corpus: ingest many articles, find near-duplicates and event groups, store them in
one DuckDB file, and export them."""

from __future__ import annotations

from ._corpus import Corpus
from ._dates import DateRange, date_range, query_range
from ._dedup import DEFAULT_GROUP_WINDOW, DEFAULT_THRESHOLD, NearDuplicates, rebuild_event_groups
from ._export import EXPORT_TABLES, GDELT_COLUMNS, export_gdelt, export_plover, export_tables
from ._ingest import Analyzer, IngestOptions, IngestSummary, Progress, count_records, ingest
from ._output import check_output, database_files, output_error, replace_into, staging
from ._plover import POLECAT_FIELDS
from ._queries import (
    COLUMNS,
    EVENT_FLAGS,
    TABLE_COLUMNS,
    TYPES,
    Filters,
    actors_sql,
    articles_sql,
    check_choice,
    country_code_of,
    events_sql,
    quotes_sql,
    report_sql,
)
from ._rows import Batch
from ._store import STORE_VERSION, IngestState, Store, check_database_file, store_error
from ._tables import TABLES

__all__ = [
    "COLUMNS",
    "DEFAULT_GROUP_WINDOW",
    "DEFAULT_THRESHOLD",
    "EVENT_FLAGS",
    "EXPORT_TABLES",
    "GDELT_COLUMNS",
    "POLECAT_FIELDS",
    "STORE_VERSION",
    "TABLES",
    "TABLE_COLUMNS",
    "TYPES",
    "Analyzer",
    "Batch",
    "Corpus",
    "DateRange",
    "Filters",
    "IngestOptions",
    "IngestState",
    "IngestSummary",
    "NearDuplicates",
    "Progress",
    "Store",
    "actors_sql",
    "articles_sql",
    "check_choice",
    "check_database_file",
    "check_output",
    "count_records",
    "country_code_of",
    "database_files",
    "date_range",
    "events_sql",
    "export_gdelt",
    "export_plover",
    "export_tables",
    "ingest",
    "output_error",
    "query_range",
    "quotes_sql",
    "rebuild_event_groups",
    "replace_into",
    "report_sql",
    "staging",
    "store_error",
]
