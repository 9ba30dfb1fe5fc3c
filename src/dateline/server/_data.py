"""What the viewer reads: the corpus, opened read-only, through the corpus query builders.

The list questions (articles, events, quotes, actors) are ``dateline.corpus``'s own
``*_sql(Filters)`` builders, wrapped for paging; this module adds only the look-ups of
one record (an article with everything it holds, an event group, an actor's profile) and
the overview's aggregates, which the command line has no command for.

Every request takes its own DuckDB cursor of the one read-only connection (a cursor is
a connection of its own to the same database: safe to use from the server's threads).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..corpus import Filters, Store, actors_sql, articles_sql, events_sql, quotes_sql, report_sql
from ..errors import NOT_FOUND, StoreError

__all__ = ["LISTS", "Corpus", "Page", "Row", "not_found"]

Row = dict[str, Any]
LISTS = {
    "articles": articles_sql,
    "events": events_sql,
    "quotes": quotes_sql,
    "actors": actors_sql,
}


def _escape_like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_where(f: Filters, parts: list[str], params: list[Any]) -> str:
    if not f.duplicates:
        parts.insert(0, "a.canonical_id IS NULL")
    return (" WHERE " + " AND ".join(parts)) if parts else ""


# The search page's lists: the rows the list builders give for a text (and a type), in
# their order, with the columns the page shows. Each is one plain query (filter, order,
# limit, the total as a window count: DuckDB plans it in a millisecond, where the builders'
# CTEs and subqueries take several); the few names and counts of the page's rows are asked
# after, by key. The last ``?`` is the page size.
def _search_articles(f: Filters) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if f.type:
        parts.append(
            "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND upper(v.type) = upper(?))"
        )
        params.append(f.type)
    if f.text:
        parts.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        params += [_escape_like(f.text)] * 2
    where = _search_where(f, parts, params)
    return (
        "SELECT a.published, a.source, a.title, a.url, a.id, count(*) OVER () AS _total "
        f"FROM articles a{where} ORDER BY a.published, a.id LIMIT ?",
        params,
    )


def _search_events(f: Filters) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if f.type:
        parts.append("upper(v.type) = upper(?)")
        params.append(f.type)
    if f.text:
        parts.append("(v.evidence ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')")
        params += [_escape_like(f.text)] * 2
    where = _search_where(f, parts, params)
    return (
        "SELECT coalesce(v.date, a.published) AS date, v.type, v.evidence, a.title, "
        "v.article_id, v.event_id, count(*) OVER () AS _total FROM events v "
        f"JOIN articles a ON a.id = v.article_id{where} "
        "ORDER BY date, v.article_id, v.event_id LIMIT ?",
        params,
    )


def _search_quotes(f: Filters) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if f.type:
        parts.append("lower(q.kind) = lower(?)")
        params.append(f.type)
    if f.text:
        parts.append("q.text ILIKE ? ESCAPE '\\'")
        params.append(_escape_like(f.text))
    where = _search_where(f, parts, params)
    return (
        "SELECT a.published AS date, coalesce(en.name, q.speaker_text) AS speaker, q.text, "
        "q.article_id, q.quote_id, count(*) OVER () AS _total FROM quotes q "
        "JOIN articles a ON a.id = q.article_id LEFT JOIN entities en "
        f"ON en.article_id = q.article_id AND en.entity_id = q.speaker{where} "
        "ORDER BY date, q.article_id, q.quote_id LIMIT ?",
        params,
    )


def _search_actors(f: Filters) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if f.text:
        parts.append("en.name ILIKE ? ESCAPE '\\'")
        params.append(_escape_like(f.text))
    where = _search_where(f, parts, params)
    return (
        "SELECT mode(en.name) AS name, en.kind, mode(en.code) AS code, "
        "count(DISTINCT en.article_id) AS articles, sum(en.n_mentions) AS mentions, "
        "count(*) OVER () AS _total "
        f"FROM entities en JOIN articles a ON a.id = en.article_id{where} "
        "GROUP BY coalesce(en.code || ':' || lower(en.name), lower(en.name)), en.kind "
        "ORDER BY articles DESC, mentions DESC, name LIMIT ?",
        params,
    )


_SEARCH = {
    "articles": _search_articles,
    "events": _search_events,
    "quotes": _search_quotes,
    "actors": _search_actors,
}
# what the page's rows need besides: asked by the rows' article ids, matched in Python
_EVENT_COUNTS = (
    "SELECT article_id, count(*) AS n FROM events WHERE article_id IN ({ids}) GROUP BY ALL"
)
_EVENT_NAMES = (
    "SELECT ea.article_id, ea.event_id, ea.role, coalesce(en.name, ea.entity_id) AS name "
    "FROM event_actors ea LEFT JOIN entities en ON en.article_id = ea.article_id "
    "AND en.entity_id = ea.entity_id WHERE ea.article_id IN ({ids}) "
    "ORDER BY ea.article_id, ea.event_id, ea.position"
)


def not_found(what: str, key: str) -> StoreError:
    return StoreError(f"no {what} {key!r} in this corpus", code=NOT_FOUND)


class Page:
    """One page of a list: its rows, and where it sits in the whole list."""

    def __init__(self, items: list[Row], total: int, limit: int, offset: int):
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


def _rows(names: list[str], rows: list[tuple[Any, ...]]) -> list[Row]:
    return [dict(zip(names, row, strict=True)) for row in rows]


class Corpus:
    """The corpus file, opened once read-only; each method asks one question of it."""

    def __init__(self, path: str | os.PathLike[str], *, write: bool = False):
        self.path = Path(path)
        self.store = Store.open(self.path, write=write)
        self._overview: dict[str, Any] | None = None

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def _cursor(self) -> Iterator[Store]:
        con = self.store.con.cursor()
        try:
            yield Store(con, self.path, self.store.writable)
        finally:
            con.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._cursor() as store:
            return _rows(*store.query(sql, params))

    # ------------------------------------------------------------------ lists

    def page(self, kind: str, filters: Filters, limit: int, offset: int) -> Page:
        """One page of a list command's rows (``kind``: articles, events, quotes, actors)."""
        sql, params = LISTS[kind](replace(filters, limit=None))
        # one pass: the total rides along on every row (a page past the end counts apart)
        items = self.rows(
            f"SELECT *, count(*) OVER () AS _total FROM ({sql}) LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if items:
            total = items[0]["_total"]
            for item in items:
                del item["_total"]
        else:
            total = self.rows(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
        return Page(items, int(total), limit, offset)

    def groups(self, type_: str | None, limit: int, offset: int) -> Page:
        where, params = ("WHERE upper(type) = upper(?)", [type_]) if type_ else ("", [])
        sql = f"SELECT * FROM event_groups {where}"
        total = self.rows(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
        items = self.rows(
            f"{sql} ORDER BY n_articles DESC, n_mentions DESC, group_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page(items, int(total), limit, offset)

    # ------------------------------------------------------------------ search

    def search(self, kind: str, filters: Filters, limit: int) -> Page:
        """The first ``limit`` rows of one of the search page's lists, and their total.

        The rows are the ones ``page(kind, filters, ...)`` lists (``filters``: ``text``,
        ``type`` and ``duplicates`` only), in the same order, with only the columns the
        page shows; ``tests/test_server.py`` checks both give the same rows and totals."""
        sql, params = _SEARCH[kind](filters)
        with self._cursor() as store:
            items = _rows(*store.query(sql, [*params, limit]))
            total = items[0]["_total"] if items else 0
            for item in items:
                del item["_total"]
            ids = (
                list(
                    dict.fromkeys(
                        item["article_id" if kind == "events" else "id"] for item in items
                    )
                )
                if kind in ("articles", "events")
                else []
            )
            marks = ", ".join(["?"] * len(ids))
            if kind == "articles" and ids:
                counts = dict(store.query(_EVENT_COUNTS.format(ids=marks), ids)[1])
                for item in items:
                    item["events"] = counts.get(item["id"], 0)
            elif kind == "events":
                names: dict[tuple[str, str, str], list[str]] = defaultdict(list)
                if ids:
                    for article, event, role, name in store.query(
                        _EVENT_NAMES.format(ids=marks), ids
                    )[1]:
                        names[article, event, role].append(name)
                for item in items:
                    for role in ("source", "target"):
                        found = names.get((item["article_id"], item["event_id"], role))
                        item[role] = "; ".join(found) if found else None
        return Page(items, int(total), limit, 0)

    # ------------------------------------------------------------------ one record

    def article(self, article_id: str) -> dict[str, Any]:
        """The stored analysis of one article: every table's rows for it."""
        found = self.rows(
            'SELECT * EXCLUDE (record, path, line, "offset", run_id) FROM articles WHERE id = ?',
            [article_id],
        )
        if not found:
            raise not_found("article", article_id)
        out: dict[str, Any] = {"article": found[0]}
        for table, key in (
            ("dropped", "idx"),
            ("entities", "entity_id"),
            ("mentions", "start"),
            ("times", "idx"),
            ("quotes", "quote_id"),
            ("events", "event_id"),
            ("event_actors", "event_id, role, position"),
        ):
            out[table] = self.rows(
                f"SELECT * EXCLUDE (article_id) FROM {table} WHERE article_id = ? ORDER BY {key}",
                [article_id],
            )
        out["event_mentions"] = self.rows(
            "SELECT em.event_id, em.group_id, g.n_articles FROM event_mentions em "
            "JOIN event_groups g USING (group_id) WHERE em.article_id = ?",
            [article_id],
        )
        return out

    def group(self, group_id: str) -> dict[str, Any]:
        """An event group and each of its mentions with the evidence sentence."""
        found = self.rows("SELECT * FROM event_groups WHERE group_id = ?", [group_id])
        if not found:
            raise not_found("event group", group_id)
        mentions = self.rows(
            "SELECT a.id AS article_id, a.title, a.source, a.url, a.published, "
            "a.canonical_id, v.event_id, v.type, v.mode, v.date, v.evidence, "
            "substr(a.text, v.sentence_start + 1, v.sentence_end - v.sentence_start) "
            "AS sentence "
            "FROM event_mentions em JOIN articles a ON a.id = em.article_id "
            "JOIN events v ON v.article_id = em.article_id AND v.event_id = em.event_id "
            "WHERE em.group_id = ? ORDER BY a.published, a.id, v.event_id",
            [group_id],
        )
        return {"group": found[0], "mentions": mentions}

    def actor(self, name: str) -> dict[str, Any]:
        """One actor: who (names, titles, country, sector, code), quotes, events, partners."""
        entities = self.rows(
            "SELECT en.article_id, en.entity_id, en.kind, en.name, en.aliases, en.titles, "
            "en.country, en.sector, en.code FROM entities en "
            "JOIN articles a ON a.id = en.article_id "
            "WHERE a.canonical_id IS NULL AND (lower(en.name) = lower(?) OR "
            "list_contains(string_split(lower(array_to_string(en.aliases, chr(31))), chr(31)), "
            "lower(?)))",
            [name, name],
        )
        if not entities:
            raise not_found("actor", name)
        keys = [(e["article_id"], e["entity_id"]) for e in entities]
        pairs = "SELECT * FROM (VALUES " + ", ".join(["(?, ?)"] * len(keys)) + ") k(a, e)"
        flat = [x for key in keys for x in key]

        def most(field: str) -> str | None:
            values = [e[field] for e in entities if e[field]]
            return max(set(values), key=values.count) if values else None

        who = {
            "name": name,
            "kinds": sorted({e["kind"] for e in entities}),
            "names": sorted({e["name"] for e in entities}),
            "aliases": sorted({a for e in entities for a in (e["aliases"] or [])}),
            "titles": sorted({t for e in entities for t in (e["titles"] or [])}),
            "country": most("country"),
            "sector": most("sector"),
            "code": most("code"),
            "articles": len({e["article_id"] for e in entities}),
        }
        quotes = self.rows(
            f"WITH k AS ({pairs}) SELECT a.published AS date, q.kind, q.cue, q.text, "
            "q.article_id, q.quote_id, a.title FROM quotes q JOIN k ON k.a = q.article_id "
            "AND k.e = q.speaker JOIN articles a ON a.id = q.article_id "
            "ORDER BY date, q.article_id, q.quote_id LIMIT 200",
            flat,
        )
        events = self.rows(
            f"WITH k AS ({pairs}) SELECT DISTINCT coalesce(v.date, a.published) AS date, "
            "v.type, v.mode, ea.role, v.evidence, v.article_id, v.event_id, a.title "
            "FROM event_actors ea JOIN k ON k.a = ea.article_id AND k.e = ea.entity_id "
            "JOIN events v ON v.article_id = ea.article_id AND v.event_id = ea.event_id "
            "JOIN articles a ON a.id = v.article_id ORDER BY date, v.article_id, v.event_id "
            "LIMIT 500",
            flat,
        )
        partners = self.rows(
            f"WITH k AS ({pairs}), mine AS (SELECT ea.article_id, ea.event_id, ea.role "
            "FROM event_actors ea JOIN k ON k.a = ea.article_id AND k.e = ea.entity_id) "
            "SELECT coalesce(en.name, o.entity_id) AS name, count(*) AS events "
            "FROM mine m JOIN event_actors o ON o.article_id = m.article_id "
            "AND o.event_id = m.event_id AND o.role <> m.role "
            "LEFT JOIN entities en ON en.article_id = o.article_id "
            "AND en.entity_id = o.entity_id GROUP BY 1 ORDER BY events DESC, name LIMIT 15",
            flat,
        )
        return {"actor": who, "quotes": quotes, "events": events, "partners": partners}

    # ------------------------------------------------------------------ overview

    def overview(self) -> dict[str, Any]:
        """The overview's aggregates: computed once, as a read-only corpus cannot change."""
        if self._overview is None:
            self._overview = self._compute_overview()
        return self._overview

    def _compute_overview(self) -> dict[str, Any]:
        sections = report_sql(10)
        counts = self.rows(sections["Corpus"])[0]
        days = self.rows(
            "SELECT substr(coalesce(v.date, a.published), 1, 10) AS day, v.type, "
            "count(*) AS n FROM events v JOIN articles a ON a.id = v.article_id "
            "WHERE a.canonical_id IS NULL AND v.type IS NOT NULL "
            "AND coalesce(v.date, a.published) IS NOT NULL GROUP BY ALL ORDER BY day, v.type"
        )
        places = self.rows(
            "SELECT en.name, en.lat, en.lon, en.country, count(*) AS events "
            "FROM events v JOIN articles a ON a.id = v.article_id "
            "JOIN entities en ON en.article_id = v.article_id AND en.entity_id = v.location "
            "WHERE a.canonical_id IS NULL AND en.lat IS NOT NULL AND en.lon IS NOT NULL "
            "GROUP BY en.name, en.lat, en.lon, en.country ORDER BY events DESC LIMIT 300"
        )
        return {
            "counts": counts,
            "days": days,
            "pairs": self.rows(sections["Busiest actor pairs"]),
            "speakers": self.rows(sections["Top quoted speakers"]),
            "actors": self.rows(sections["Top actors"]),
            "places": places,
        }

    def record_exists(self, article_id: str, kind: str, record_id: str) -> bool:
        table, key = ("events", "event_id") if kind == "event" else ("quotes", "quote_id")
        found = self.rows(
            f"SELECT 1 AS x FROM {table} WHERE article_id = ? AND {key} = ?",
            [article_id, record_id],
        )
        return bool(found)
