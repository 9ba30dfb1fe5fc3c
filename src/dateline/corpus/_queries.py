"""The questions the query commands ask, as SQL over the store's tables.

Each function takes ``Filters`` and returns ``(sql, params)``; nothing here runs a query.
Near-duplicate articles (``canonical_id`` set) are left out unless
``Filters.duplicates`` is true, so counts are counts of independent articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Filters", "actors_sql", "articles_sql", "events_sql", "quotes_sql", "report_sql"]

Query = tuple[str, list[Any]]


@dataclass(frozen=True)
class Filters:
    actor: str | None = None  # name, alias or code (case-insensitive substring; code exact)
    country: str | None = None  # ISO alpha-3 of an actor
    type: str | None = None  # PLOVER event type, quote kind, or entity kind for actors
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    source: str | None = None  # publisher name or URL substring
    text: str | None = None  # substring of the text searched by each command
    duplicates: bool = False  # include near-duplicate articles
    limit: int | None = None


class _Where:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_ENTITY_MATCH = (
    "(lower(en.code) = lower(?) OR en.name ILIKE ? ESCAPE '\\' "
    "OR list_contains(string_split(lower(array_to_string(en.aliases, chr(31))), chr(31)), "
    "lower(?)))"
)


def _actor_params(actor: str) -> tuple[str, str, str]:
    return (actor, _like(actor), actor)


def _article_filters(w: _Where, f: Filters, date_expr: str = "a.published") -> None:
    if not f.duplicates:
        w.add("a.canonical_id IS NULL")
    if f.since:
        w.add(f"{date_expr} >= ?", f.since)
    if f.until:
        # a date string sorts before its own longer forms (2022-01 < 2022-01-05): compare a
        # prefix so --until 2022-01 keeps the whole month
        w.add(f"substr({date_expr}, 1, length(?)) <= ?", f.until, f.until)
    if f.source:
        w.add(
            "(a.source ILIKE ? ESCAPE '\\' OR a.url ILIKE ? ESCAPE '\\')",
            _like(f.source),
            _like(f.source),
        )


def _limit(f: Filters) -> str:
    return f" LIMIT {int(f.limit)}" if f.limit else ""


def events_sql(f: Filters) -> Query:
    w = _Where()
    _article_filters(w, f, "coalesce(v.date, a.published)")
    if f.type:
        w.add("upper(v.type) = upper(?)", f.type)
    if f.actor:
        w.add(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN entities en ON en.article_id = "
            "ea.article_id AND en.entity_id = ea.entity_id WHERE ea.article_id = v.article_id "
            f"AND ea.event_id = v.event_id AND {_ENTITY_MATCH})",
            *_actor_params(f.actor),
        )
    if f.country:
        w.add(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN entities en ON en.article_id = "
            "ea.article_id AND en.entity_id = ea.entity_id WHERE ea.article_id = v.article_id "
            "AND ea.event_id = v.event_id AND upper(en.country) = upper(?))",
            f.country,
        )
    if f.text:
        w.add(
            "(v.evidence ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')",
            _like(f.text),
            _like(f.text),
        )
    sql = f"""
        WITH names AS (
            SELECT ea.article_id, ea.event_id,
                   string_agg(coalesce(en.name, ea.entity_id), '; ' ORDER BY ea.position)
                       FILTER (WHERE ea.role = 'source') AS source,
                   string_agg(coalesce(en.name, ea.entity_id), '; ' ORDER BY ea.position)
                       FILTER (WHERE ea.role = 'target') AS target
            FROM event_actors ea
            LEFT JOIN entities en ON en.article_id = ea.article_id
                AND en.entity_id = ea.entity_id
            GROUP BY ea.article_id, ea.event_id
        )
        SELECT coalesce(v.date, a.published) AS date, v.type, v.cameo, v.mode,
               n.source, n.target, loc.name AS place, v.location_from AS place_from,
               v.negated, v.hypothetical,
               g.n_articles AS group_articles, v.evidence, a.title, a.url,
               v.article_id, v.event_id, em.group_id
        FROM events v
        JOIN articles a ON a.id = v.article_id
        LEFT JOIN names n ON n.article_id = v.article_id AND n.event_id = v.event_id
        LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
        LEFT JOIN event_mentions em ON em.article_id = v.article_id
            AND em.event_id = v.event_id
        LEFT JOIN event_groups g ON g.group_id = em.group_id
        {w.sql()}
        ORDER BY date, v.article_id, v.event_id{_limit(f)}
    """
    return sql, w.params


def quotes_sql(f: Filters) -> Query:
    w = _Where()
    _article_filters(w, f)
    if f.type:
        w.add("lower(q.kind) = lower(?)", f.type)
    if f.actor:
        w.add(
            f"(q.speaker_text ILIKE ? ESCAPE '\\' OR (en.entity_id IS NOT NULL AND "
            f"{_ENTITY_MATCH}))",
            _like(f.actor),
            *_actor_params(f.actor),
        )
    if f.country:
        w.add("upper(en.country) = upper(?)", f.country)
    if f.text:
        w.add("q.text ILIKE ? ESCAPE '\\'", _like(f.text))
    sql = f"""
        SELECT a.published AS date, coalesce(en.name, q.speaker_text) AS speaker,
               en.code AS speaker_code, en.country AS speaker_country, q.kind, q.cue,
               q.text, a.title, a.url, q.article_id, q.quote_id
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker
        {w.sql()}
        ORDER BY date, q.article_id, q.quote_id{_limit(f)}
    """
    return sql, w.params


def actors_sql(f: Filters) -> Query:
    w = _Where()
    _article_filters(w, f)
    if f.type:
        w.add("upper(en.kind) = upper(?)", f.type)
    if f.actor:
        w.add(_ENTITY_MATCH, *_actor_params(f.actor))
    if f.country:
        w.add("upper(en.country) = upper(?)", f.country)
    if f.text:
        w.add("en.name ILIKE ? ESCAPE '\\'", _like(f.text))
    sql = f"""
        WITH picked AS (
            SELECT en.* FROM entities en JOIN articles a ON a.id = en.article_id {w.sql()}
        ),
        quoted AS (
            SELECT article_id, speaker, count(*) AS n FROM quotes GROUP BY ALL
        ),
        acting AS (
            SELECT article_id, entity_id, count(DISTINCT event_id) AS n
            FROM event_actors GROUP BY ALL
        )
        SELECT mode(p.name) AS name, p.kind, mode(p.code) AS code,
               mode(p.country) AS country, mode(p.sector) AS sector,
               count(DISTINCT p.article_id) AS articles, sum(p.n_mentions) AS mentions,
               coalesce(sum(qu.n), 0) AS quotes, coalesce(sum(ac.n), 0) AS events
        FROM picked p
        LEFT JOIN quoted qu ON qu.article_id = p.article_id AND qu.speaker = p.entity_id
        LEFT JOIN acting ac ON ac.article_id = p.article_id AND ac.entity_id = p.entity_id
        GROUP BY coalesce(p.code || ':' || lower(p.name), lower(p.name)), p.kind
        ORDER BY articles DESC, mentions DESC, name{_limit(f)}
    """
    return sql, w.params


def articles_sql(f: Filters) -> Query:
    w = _Where()
    _article_filters(w, f)
    if f.actor:
        w.add(
            f"EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND {_ENTITY_MATCH})",
            *_actor_params(f.actor),
        )
    if f.country:
        w.add(
            "EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id "
            "AND upper(en.country) = upper(?))",
            f.country,
        )
    if f.type:
        w.add(
            "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id "
            "AND upper(v.type) = upper(?))",
            f.type,
        )
    if f.text:
        w.add(
            "(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')",
            _like(f.text),
            _like(f.text),
        )
    sql = f"""
        SELECT a.published, a.source, a.title, a.url, a.id, a.canonical_id, a.similarity,
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
               (SELECT count(*) FROM events v WHERE v.article_id = a.id) AS events,
               a.path, a.line
        FROM articles a
        {w.sql()}
        ORDER BY a.published, a.id{_limit(f)}
    """
    return sql, w.params


# One actor across articles: its lower-cased name, except that a person named by one word
# ("Biden") joins the most frequent full name ending in that word ("Joe Biden").
_SURNAMES = """
    surnames AS (
        SELECT string_split(n, ' ')[-1] AS last, arg_max(n, c) AS full_name
        FROM (SELECT lower(name) AS n, count(*) AS c FROM entities
              WHERE kind = 'PERSON' AND contains(name, ' ') GROUP BY 1)
        GROUP BY 1
    )
"""
# a name; a surname joins its full name; an unnamed actor ("government", "police") is one
# actor per code, not one across every country
_ACTOR_KEY = (
    "CASE WHEN en.kind = 'PERSON' AND NOT contains(en.name, ' ') "
    "THEN coalesce(sn.full_name, lower(en.name)) "
    "WHEN en.name = lower(en.name) THEN en.name || '|' || coalesce(en.code, '') "
    "ELSE lower(en.name) END"
)
_JOIN_SURNAMES = "LEFT JOIN surnames sn ON sn.last = lower(en.name)"
# a quote attributed to a pronoun the entity stage could not resolve names no speaker
_PRONOUNS = ", ".join(
    f"'{p}'" for p in ("he", "she", "they", "we", "i", "you", "it", "him", "her", "them")
)


def report_sql(top: int = 10) -> dict[str, str]:
    """The demo report's sections: a title and a query each (independent articles only)."""
    n = int(top)
    return {
        "Corpus": """
            SELECT (SELECT count(*) FROM articles) AS articles,
                   (SELECT count(*) FROM articles WHERE canonical_id IS NOT NULL)
                       AS near_duplicates,
                   (SELECT count(*) FROM ingest_log WHERE status = 'duplicate')
                       AS exact_duplicates,
                   (SELECT count(*) FROM entities) AS entities,
                   (SELECT count(*) FROM quotes) AS quotes,
                   (SELECT count(*) FROM events) AS events,
                   (SELECT count(*) FROM event_groups) AS event_groups,
                   (SELECT count(*) FROM failures) AS failures
        """,
        "Top actors": f"""
            WITH {_SURNAMES}
            SELECT arg_max(en.name, length(en.name)) AS actor, mode(en.code) AS code,
                   mode(en.country) AS country,
                   count(DISTINCT en.article_id) AS articles, sum(en.n_mentions) AS mentions
            FROM entities en JOIN articles a ON a.id = en.article_id {_JOIN_SURNAMES}
            WHERE a.canonical_id IS NULL AND en.kind IN ('PERSON', 'ORG', 'GPE', 'NORP')
            GROUP BY {_ACTOR_KEY}
            ORDER BY articles DESC, mentions DESC, actor LIMIT {n}
        """,
        "Top quoted speakers": f"""
            WITH {_SURNAMES}
            SELECT coalesce(arg_max(en.name, length(en.name)), mode(q.speaker_text)) AS speaker,
                   mode(en.code) AS code, count(*) AS quotes,
                   count(DISTINCT q.article_id) AS articles
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker
            LEFT JOIN surnames sn ON sn.last = lower(coalesce(en.name, q.speaker_text))
            WHERE a.canonical_id IS NULL
              -- a speaker resolved to an entity, or at least a name, not "they"/"officials"
              AND (en.name IS NOT NULL OR (regexp_matches(q.speaker_text, '^[[:upper:]]')
                   AND lower(q.speaker_text) NOT IN ({_PRONOUNS})))
            GROUP BY CASE WHEN coalesce(en.kind, 'PERSON') = 'PERSON'
                AND NOT contains(coalesce(en.name, q.speaker_text), ' ')
                THEN coalesce(sn.full_name, lower(coalesce(en.name, q.speaker_text)))
                ELSE lower(coalesce(en.name, q.speaker_text)) END
            ORDER BY quotes DESC, speaker LIMIT {n}
        """,
        "Events by type": """
            SELECT type, count(*) AS event_groups, sum(n_mentions) AS mentions,
                   sum(n_articles) AS articles
            FROM event_groups GROUP BY type ORDER BY event_groups DESC, type
        """,
        "Busiest actor pairs": f"""
            WITH pairs AS (
                SELECT coalesce(s.name, src.entity_id) AS source,
                       coalesce(t.name, tgt.entity_id) AS target,
                       em.group_id, em.canonical_id
                FROM event_mentions em
                JOIN event_actors src ON src.article_id = em.article_id
                    AND src.event_id = em.event_id AND src.role = 'source'
                JOIN event_actors tgt ON tgt.article_id = em.article_id
                    AND tgt.event_id = em.event_id AND tgt.role = 'target'
                LEFT JOIN entities s ON s.article_id = src.article_id
                    AND s.entity_id = src.entity_id
                LEFT JOIN entities t ON t.article_id = tgt.article_id
                    AND t.entity_id = tgt.entity_id
            )
            SELECT source, target, count(DISTINCT group_id) AS events,
                   count(DISTINCT canonical_id) AS articles
            FROM pairs GROUP BY source, target
            ORDER BY events DESC, articles DESC, source, target LIMIT {n}
        """,
    }
