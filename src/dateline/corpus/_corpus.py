"""A corpus database from Python: the query commands' questions, answered as Arrow tables.

>>> with Corpus("corpus.duckdb") as corpus:                       # doctest: +SKIP
...     strikes = corpus.events(type="ASSAULT", country="Syria", since="2019-03")
...     strikes.to_pandas()

The database is opened read-only and sandboxed, as for ``dateline sql``: a query reads the
corpus and nothing else. Filters take what the CLI options take (a country as a name or an
ISO alpha-3 code, a PLOVER type checked with "did you mean", dates as YYYY, YYYY-MM,
YYYY-MM-DD or YYYY-Www ranges), and bad values raise the same coded ``ConfigError``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ._dates import query_range
from ._queries import (
    EVENT_FLAGS,
    TYPES,
    Filters,
    Query,
    actors_sql,
    articles_sql,
    check_choice,
    country_code_of,
    events_sql,
    quotes_sql,
)
from ._store import Store

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pyarrow

__all__ = ["Corpus"]


class Corpus:
    """A corpus made by ``dateline ingest`` (or ``load``), open for reading."""

    def __init__(self, path: str | os.PathLike[str]):
        self._store = Store.open(path)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def events(self, **filters: Any) -> pyarrow.Table:
        """Coded events (newest first), filtered like ``dateline events``."""
        return self._query("events", events_sql, filters)

    def quotes(self, **filters: Any) -> pyarrow.Table:
        """Quotes with their speakers (newest first), filtered like ``dateline quotes``."""
        return self._query("quotes", quotes_sql, filters)

    def actors(self, **filters: Any) -> pyarrow.Table:
        """Actors across articles (in most articles first), like ``dateline actors``."""
        return self._query("actors", actors_sql, filters)

    def articles(self, **filters: Any) -> pyarrow.Table:
        """Articles (oldest first), filtered like ``dateline articles``."""
        return self._query("articles", articles_sql, filters)

    def sql(self, statement: str, params: Sequence[Any] = ()) -> pyarrow.Table:
        """Any read-only SQL statement over the corpus tables (see the store's schema)."""
        return self._arrow((statement, list(params)))

    def _query(
        self, kind: str, build: Callable[[Filters], Query], filters: dict[str, Any]
    ) -> pyarrow.Table:
        return self._arrow(build(_filters(kind, filters)))

    def _arrow(self, query: Query) -> pyarrow.Table:
        return self._store.arrow(*query)


def _filters(kind: str, given: dict[str, Any]) -> Filters:
    """``Filters`` from keyword arguments, checked and normalised as the CLI does."""
    known = set(Filters.__dataclass_fields__)
    unknown = sorted(set(given) - known)
    if unknown:
        check_choice(unknown[0], tuple(sorted(known)), "filter")
    f = Filters(**given)
    if f.country:
        f = replace(f, country=country_code_of(f.country))
    if f.type:
        f = replace(f, type=check_choice(f.type, TYPES[kind], "type"))
    for bound in ("since", "until"):
        value = getattr(f, bound)
        if value is not None:
            query_range(str(value), bound)
    if isinstance(f.columns, str):
        f = replace(f, columns=(f.columns,))
    if isinstance(f.exclude_modes, str):
        f = replace(f, exclude_modes=(f.exclude_modes,))
    for mode in f.exclude_modes:
        check_choice(mode, tuple(EVENT_FLAGS), "mode")
    return f
