"""The corpus database's tables, their columns and indexes, and the schema version.

One table per record kind of the ``dateline/1`` result, keyed by ``article_id`` (the
article's content hash) plus the id the result gives the record (``E1``, ``Q1``, ``V1``).
Bookkeeping tables: ``schema_info`` (the version), ``runs`` (one row per ingest),
``ingest_log`` (every input record already handled, so a re-run skips it before any NLP),
``failures`` (records that could not be read or analysed, with where they came from),
``minhashes`` (the near-duplicate signatures of canonical articles) and the event groups
(``event_groups``, ``event_mentions``), rebuilt after every ingest.
"""

from __future__ import annotations

__all__ = ["INDEXES", "MIGRATIONS", "STORE_VERSION", "TABLES", "Column", "create_statements"]

STORE_VERSION = 2
"""2: typed date ranges (``events.date_start``/``date_end``, ``articles.published_start``/
``published_end``/``published_granularity``) and the events' ``question``/``obligation``
flags and ``location_from`` (where an event's place came from), added at the end of their
tables; a version-1 store is upgraded in place (``MIGRATIONS``; the flags and place sources
of its events stay NULL: not known)."""

Column = tuple[str, str]

TABLES: dict[str, tuple[Column, ...]] = {
    "schema_info": (("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")),
    "runs": (
        ("run_id", "INTEGER PRIMARY KEY"),
        ("started", "TIMESTAMP"),
        ("finished", "TIMESTAMP"),
        ("model", "VARCHAR"),
        ("sources", "VARCHAR[]"),
        ("processed", "INTEGER"),
        ("skipped", "INTEGER"),
        ("failed", "INTEGER"),
        ("duplicates", "INTEGER"),
        ("near_duplicates", "INTEGER"),
    ),
    "ingest_log": (
        ("key", "VARCHAR"),  # hash of (origin, raw_hash): the skip test of a re-run
        ("raw_hash", "VARCHAR"),
        ("path", "VARCHAR"),
        ("line", "BIGINT"),
        ("offset", "BIGINT"),
        ("record", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("status", "VARCHAR"),  # stored | duplicate
        ("run_id", "INTEGER"),
    ),
    "articles": (
        ("id", "VARCHAR PRIMARY KEY"),
        ("canonical_id", "VARCHAR"),  # the article this one near-duplicates, else NULL
        ("similarity", "DOUBLE"),  # estimated Jaccard similarity to the canonical article
        ("title", "VARCHAR"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("published", "VARCHAR"),
        ("published_from", "VARCHAR"),
        ("language", "VARCHAR"),
        ("byline", "VARCHAR"),
        ("dateline_place", "VARCHAR"),
        ("dateline_agency", "VARCHAR"),
        ("dateline_entity", "VARCHAR"),
        ("text", "VARCHAR"),
        ("paragraphs", "INTEGER[][]"),
        ("warnings", "VARCHAR[]"),
        ("model", "VARCHAR"),
        ("path", "VARCHAR"),
        ("line", "BIGINT"),
        ("offset", "BIGINT"),
        ("record", "VARCHAR"),
        ("run_id", "INTEGER"),
        ("published_start", "DATE"),  # the first and last day ``published`` covers
        ("published_end", "DATE"),
        ("published_granularity", "VARCHAR"),  # day, month or year
    ),
    "dropped": (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("kind", "VARCHAR"),
        ("text", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("source_start", "INTEGER"),
        ("duplicate_of", "INTEGER"),
    ),
    "entities": (
        ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("name", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
        ("titles", "VARCHAR[]"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("code", "VARCHAR"),
        ("code_from", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("geonameid", "BIGINT"),
        ("geo_name", "VARCHAR"),
        ("geo_country", "VARCHAR"),
        ("geo_feature", "VARCHAR"),
        ("n_mentions", "INTEGER"),
    ),
    "mentions": (
        ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("kind", "VARCHAR"),
    ),
    "times": (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("value", "VARCHAR"),
        ("granularity", "VARCHAR"),
        ("type", "VARCHAR"),
        ("anchor", "VARCHAR"),
        ("mod", "VARCHAR"),
    ),
    "quotes": (
        ("article_id", "VARCHAR"),
        ("quote_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("text", "VARCHAR"),
        ("spans", "INTEGER[][]"),
        ("speaker", "VARCHAR"),
        ("speaker_text", "VARCHAR"),
        ("speaker_start", "INTEGER"),
        ("speaker_end", "INTEGER"),
        ("cue", "VARCHAR"),
        ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"),
        ("rule", "VARCHAR"),
    ),
    "events": (
        ("article_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("context", "VARCHAR[]"),
        ("cameo", "VARCHAR"),
        ("location", "VARCHAR"),
        ("date", "VARCHAR"),
        ("date_granularity", "VARCHAR"),
        ("negated", "BOOLEAN"),
        ("hypothetical", "BOOLEAN"),
        ("future", "BOOLEAN"),
        ("historical", "BOOLEAN"),
        ("claimed_by", "VARCHAR"),
        ("sentence_start", "INTEGER"),
        ("sentence_end", "INTEGER"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("evidence", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("date_start", "DATE"),  # the first and last day ``date`` covers (2019-W03: 14-20 Jan)
        ("date_end", "DATE"),
        ("question", "BOOLEAN"),  # asked, not reported ("Will the US impose sanctions?")
        ("obligation", "BOOLEAN"),  # demanded, not done ("Russia must withdraw")
        ("location_from", "VARCHAR"),  # sentence | dateline | article | none
    ),
    "event_actors": (
        ("article_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("role", "VARCHAR"),  # source | target
        ("position", "INTEGER"),
        ("entity_id", "VARCHAR"),
    ),
    "failures": (
        ("run_id", "INTEGER"),
        ("path", "VARCHAR"),
        ("line", "BIGINT"),
        ("offset", "BIGINT"),
        ("record", "VARCHAR"),
        ("code", "VARCHAR"),
        ("message", "VARCHAR"),
    ),
    "minhashes": (("article_id", "VARCHAR"), ("hashvalues", "BLOB")),
    "event_groups": (
        ("group_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("cameo", "VARCHAR"),
        ("source_key", "VARCHAR"),
        ("target_key", "VARCHAR"),
        ("date", "VARCHAR"),
        ("place", "VARCHAR"),
        ("n_mentions", "INTEGER"),  # every event record in the group, duplicates included
        ("n_articles", "INTEGER"),  # distinct canonical articles
        ("n_sources", "INTEGER"),  # distinct publishers (article ``source``)
        ("first_article", "VARCHAR"),
        ("first_url", "VARCHAR"),
    ),
    "event_mentions": (
        ("group_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("canonical_id", "VARCHAR"),
        ("date", "VARCHAR"),  # the mention's own date (the article's when it has none)
        ("evidence", "VARCHAR"),  # the mention's evidence text
    ),
}

INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ingest_log_raw", "ingest_log", "raw_hash"),
    ("articles_canonical", "articles", "canonical_id"),
    ("articles_published", "articles", "published"),
    ("entities_article", "entities", "article_id"),
    ("entities_code", "entities", "code"),
    ("entities_name", "entities", "name"),
    ("mentions_article", "mentions", "article_id"),
    ("quotes_speaker", "quotes", "article_id, speaker"),
    ("events_article", "events", "article_id"),
    ("events_type", "events", "type"),
    ("events_date", "events", "date_start, date_end"),
    ("event_actors_event", "event_actors", "article_id, event_id"),
    ("event_mentions_group", "event_mentions", "group_id"),
)


def create_statements() -> list[str]:
    """``CREATE TABLE`` and ``CREATE INDEX`` statements, safe to run on an existing store."""
    out = []
    for table, columns in TABLES.items():
        cols = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
        # a store written before a column was added gets it (columns are only appended)
        for name, kind in columns:
            if " " in kind:  # a key or constraint: there from the table's first version
                continue
            out.append(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {kind}')
    for name, table, cols in INDEXES:
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    return out


#: The columns each schema version added, by the version that added them: upgrading a store
#: adds them (at the end of their table, where ``TABLES`` lists them) and fills them in.
MIGRATIONS: dict[int, tuple[tuple[str, str], ...]] = {
    2: (
        ("articles", "published_start"),
        ("articles", "published_end"),
        ("articles", "published_granularity"),
        ("events", "date_start"),
        ("events", "date_end"),
        ("events", "question"),
        ("events", "obligation"),
        ("events", "location_from"),
    ),
}
