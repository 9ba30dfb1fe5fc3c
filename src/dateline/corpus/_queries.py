"""The questions the query commands ask, as SQL over the store's tables.

Each function takes ``Filters`` and returns ``(sql, params)``; nothing here runs a query.
Near-duplicate articles (``canonical_id`` set) are left out unless
``Filters.duplicates`` is true, so counts are counts of independent articles.

Dates are ranges (see ``_dates``): ``--since``/``--until`` keep a row whose date range
overlaps the window, so an event dated ``2019-W10`` (4-10 March 2019) is in March 2019 and
one dated ``2019-W03`` is not after 1 December 2019. An event without a date of its own
takes its article's publication date.

Every query's rows are wrapped once (``_shape``) to choose and order the columns
(``Filters.columns``, from ``COLUMNS``), sort them (``Filters.sort``: ``newest``,
``oldest``, a column, or ``-column`` for descending) and cut them (``Filters.limit``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, get_args

from ..errors import BAD_CONFIG, ConfigError
from ..places import country_code, country_name
from ..types import EntityKind, PloverType, QuoteKind
from ._dates import DateRange, query_range

__all__ = [
    "COLUMNS",
    "EVENT_FLAGS",
    "TABLE_COLUMNS",
    "TYPES",
    "Filters",
    "actors_sql",
    "articles_sql",
    "check_choice",
    "country_code_of",
    "events_sql",
    "quotes_sql",
    "report_sql",
]

Query = tuple[str, list[Any]]

#: the columns each list query returns, in their default order
COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "date", "type", "cameo", "mode", "source", "target", "place", "negated",
        "hypothetical", "future", "historical", "question", "obligation", "confidence",
        "group_articles", "evidence",
        "title", "url", "article_id", "event_id", "group_id", "date_start", "date_end",
        "date_granularity",
    ),
    "quotes": (
        "date", "speaker", "speaker_code", "speaker_country", "kind", "cue", "text", "title",
        "url", "article_id", "quote_id", "date_start", "date_end",
    ),
    "actors": (
        "name", "kind", "code", "country", "sector", "articles", "mentions", "quotes", "events",
    ),
    "articles": (
        "published", "source", "title", "url", "id", "canonical_id", "similarity",
        "entities", "quotes", "events", "path", "line", "published_start", "published_end",
        "published_granularity",
    ),
}  # fmt: skip

#: the columns of a table on the screen when no ``--columns`` are given (CSV, JSON and
#: Parquet carry them all)
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "date", "type", "mode", "source", "target", "place", "negated", "hypothetical",
        "future", "question", "group_articles", "evidence", "event_id",
    ),
    "quotes": ("date", "speaker", "speaker_code", "kind", "text", "title", "quote_id"),
    "actors": COLUMNS["actors"],
    "articles": (
        "published", "source", "title", "url", "id", "entities", "quotes", "events",
    ),
}  # fmt: skip

#: the values ``--type`` takes per query (checked, with "did you mean")
TYPES: dict[str, tuple[str, ...]] = {
    "events": get_args(PloverType),
    "articles": get_args(PloverType),
    "quotes": get_args(QuoteKind),
    "actors": get_args(EntityKind),
}

#: the event flags ``Filters.exclude_modes`` names, and the SQL that is true when one is set
EVENT_FLAGS: dict[str, str] = {
    "negated": "v.negated",
    "hypothetical": "v.hypothetical",
    "future": "v.future",
    "historical": "v.historical",
    "question": "v.question",
    "obligation": "v.obligation",
    "claimed": "v.claimed_by IS NOT NULL",
}

# the date column each query sorts newest/oldest by, and its default order
_DATE_KEY = {
    "events": "date_start",
    "quotes": "date_start",
    "articles": "published_start",
}
_DEFAULT_SORT = {
    "events": "newest",
    "quotes": "newest",
    "articles": "oldest",
    "actors": "-articles",
}
# what orders rows the sort keeps equal
_TIE = {
    "events": ('"article_id"', '"event_id"'),
    "quotes": ('"article_id"', '"quote_id"'),
    "articles": ('"id"',),
    "actors": ('"mentions" DESC', '"name"', '"kind"'),
}


@dataclass(frozen=True)
class Filters:
    actor: str | None = None  # name, alias or code (case-insensitive substring; code exact)
    country: str | None = None  # ISO alpha-3 of an actor
    type: str | None = None  # PLOVER event type, quote kind, or entity kind for actors
    since: str | None = None  # YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www: from its first day on
    until: str | None = None  # the same forms: up to its last day
    source: str | None = None  # publisher name or URL substring
    text: str | None = None  # substring of the text searched by each command
    duplicates: bool = False  # include near-duplicate articles
    limit: int | None = None
    sort: str | None = None  # newest, oldest, a column, -column; None: the query's default
    columns: tuple[str, ...] = ()  # the columns to return, in order; (): all of them
    min_confidence: float | None = None  # events: at least this confidence
    exclude_modes: tuple[str, ...] = ()  # events: leave out those with these flags set


def country_code_of(value: str) -> str:
    """An actor country given as an ISO 3166 alpha-3 code or a name ("RUS", "Russia",
    "russia") -> its alpha-3 code; a ``ConfigError`` (E030) with the nearest names else."""
    import pycountry

    text = value.strip()
    if len(text) == 3 and text.isalpha() and country_name(text.upper()):
        return text.upper()
    code = country_code(text) or country_code(text.title())
    if code:
        return code
    names = {n: c for c in (x.alpha_3 for x in pycountry.countries) if (n := country_name(c))}
    near = difflib.get_close_matches(text.lower(), [n.lower() for n in names], n=3, cutoff=0.7)
    spelled = [f"{n} ({c})" for n, c in names.items() if n.lower() in near]
    suggestion = f"; did you mean {' or '.join(spelled)}?" if spelled else ""
    raise ConfigError(
        f"country {value!r} is not a country name or ISO 3166 alpha-3 code{suggestion}",
        hint="give a name (Russia) or a code (RUS)",
    )


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    """``value`` as spelled in ``choices`` (any case); a ``ConfigError`` (E030) that
    suggests the nearest choices otherwise."""
    for choice in choices:
        if choice.lower() == value.strip().lower():
            return choice
    near = difflib.get_close_matches(value.strip().lower(), [c.lower() for c in choices], n=3)
    spelled = [c for n in near for c in choices if c.lower() == n]
    suggestion = f"; did you mean {' or '.join(spelled)}?" if spelled else ""
    raise ConfigError(
        f"unknown {what} {value!r}{suggestion}",
        hint=f"one of: {', '.join(choices)}",
        code=BAD_CONFIG,
    )


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


def _window(f: Filters) -> tuple[DateRange | None, DateRange | None]:
    since = query_range(f.since, "--since") if f.since else None
    until = query_range(f.until, "--until") if f.until else None
    if since and until and since.start > until.end:
        raise ConfigError(
            f"--since {f.since} is after --until {f.until}: no date can be in between",
            code=BAD_CONFIG,
        )
    return since, until


def _article_filters(
    w: _Where, f: Filters, start: str = "a.published_start", end: str = "a.published_end"
) -> None:
    """Duplicates, dates (the row's ``start``..``end`` overlaps the window), source."""
    if not f.duplicates:
        w.add("a.canonical_id IS NULL")
    since, until = _window(f)
    if since:
        w.add(f"{end} >= ?", since.start)
    if until:
        w.add(f"{start} <= ?", until.end)
    if f.source:
        w.add(
            "(a.source ILIKE ? ESCAPE '\\' OR a.url ILIKE ? ESCAPE '\\')",
            _like(f.source),
            _like(f.source),
        )


def _shape(kind: str, f: Filters, sql: str) -> str:
    """``sql`` with the chosen columns, order and limit (see the module docs)."""
    columns = tuple(check_choice(c, COLUMNS[kind], "column") for c in f.columns)
    picked = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    sort = f.sort or _DEFAULT_SORT[kind]
    keys: list[str] = []
    if sort in ("newest", "oldest"):
        if kind not in _DATE_KEY:
            raise ConfigError(f"--sort {sort}: {kind} have no date; sort by a column")
        keys.append(f'"{_DATE_KEY[kind]}" {"DESC" if sort == "newest" else "ASC"} NULLS LAST')
    elif sort:
        descending = sort.startswith("-")
        name = check_choice(sort.lstrip("-"), COLUMNS[kind], "sort column")
        keys.append(f'"{name}" {"DESC" if descending else "ASC"} NULLS LAST')
    keys += _TIE[kind]
    limit = f" LIMIT {int(f.limit)}" if f.limit else ""
    return f"SELECT {picked} FROM ({sql}) ORDER BY {', '.join(keys)}{limit}"


def events_sql(f: Filters) -> Query:
    w = _Where()
    _article_filters(
        w, f, "coalesce(v.date_start, a.published_start)", "coalesce(v.date_end, a.published_end)"
    )
    if f.type:
        w.add("upper(v.type) = upper(?)", f.type)
    if f.min_confidence is not None:
        w.add("v.confidence >= ?", f.min_confidence)
    for flag in f.exclude_modes:
        w.add(f"NOT coalesce({EVENT_FLAGS[check_choice(flag, tuple(EVENT_FLAGS), 'mode')]}, false)")
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
               v.negated, v.hypothetical, v.future, v.historical, v.question, v.obligation,
               v.confidence,
               g.n_articles AS group_articles, v.evidence, a.title, a.url,
               v.article_id, v.event_id, em.group_id,
               coalesce(v.date_start, a.published_start) AS date_start,
               coalesce(v.date_end, a.published_end) AS date_end,
               CASE WHEN v.date IS NULL THEN a.published_granularity
                    ELSE v.date_granularity END AS date_granularity
        FROM events v
        JOIN articles a ON a.id = v.article_id
        LEFT JOIN names n ON n.article_id = v.article_id AND n.event_id = v.event_id
        LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
        LEFT JOIN event_mentions em ON em.article_id = v.article_id
            AND em.event_id = v.event_id
        LEFT JOIN event_groups g ON g.group_id = em.group_id
        {w.sql()}
    """
    return _shape("events", f, sql), w.params


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
               q.text, a.title, a.url, q.article_id, q.quote_id,
               a.published_start AS date_start, a.published_end AS date_end
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker
        {w.sql()}
    """
    return _shape("quotes", f, sql), w.params


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
    """
    return _shape("actors", f, sql), w.params


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
               a.path, a.line, a.published_start, a.published_end, a.published_granularity
        FROM articles a
        {w.sql()}
    """
    return _shape("articles", f, sql), w.params


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
