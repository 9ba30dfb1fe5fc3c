"""Flatten ``Analysis`` results into the rows of the store's tables (see ``schema``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..types import Analysis, Failure, Origin
from ._dates import date_range

__all__ = ["Batch", "origin_columns"]

Row = tuple[Any, ...]


def origin_columns(origin: Origin | None) -> tuple[str | None, int | None, int | None, str | None]:
    o = origin or Origin()
    return (o.path, o.line, o.offset, o.record)


@dataclass
class Batch:
    """Rows waiting for the next commit, by table."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    articles: int = 0

    def empty(self) -> bool:
        return not any(self.tables.values())

    def add_article(
        self,
        result: Analysis,
        *,
        run_id: int,
        canonical_id: str | None = None,
        similarity: float | None = None,
    ) -> None:
        """All rows of one analysed article."""
        t = self.tables
        aid = result.id
        dl = result.dateline
        published = date_range(result.published)
        t["articles"].append(
            (
                aid,
                canonical_id,
                similarity,
                result.title,
                result.url,
                result.source,
                result.published,
                result.published_from,
                result.language,
                result.byline,
                dl.place if dl else None,
                dl.agency if dl else None,
                dl.entity if dl else None,
                result.text,
                [[p.start, p.end] for p in result.paragraphs],
                list(result.warnings),
                result.model,
                *origin_columns(result.origin),
                run_id,
                published.start if published else None,
                published.end if published else None,
                published.granularity if published else None,
            )
        )
        for i, d in enumerate(result.dropped):
            t["dropped"].append((aid, i, d.kind, d.text, d.reason, d.source_start, d.duplicate_of))
        for e in result.entities:
            g = e.geo
            t["entities"].append(
                (
                    aid,
                    e.id,
                    e.kind,
                    e.name,
                    list(e.aliases),
                    list(e.titles),
                    e.country,
                    e.sector,
                    e.code,
                    e.code_from,
                    g.lat if g else None,
                    g.lon if g else None,
                    g.geonameid if g else None,
                    g.name if g else None,
                    g.country if g else None,
                    g.feature if g else None,
                    len(e.mentions),
                )
            )
            for m in e.mentions:
                t["mentions"].append((aid, e.id, m.start, m.end, m.text, m.kind))
        for i, x in enumerate(result.times):
            t["times"].append(
                (aid, i, x.start, x.end, x.text, x.value, x.granularity, x.type, x.anchor, x.mod)
            )
        for q in result.quotes:
            sp = q.speaker_span or (None, None)
            cs = q.cue_span or (None, None)
            t["quotes"].append(
                (
                    aid,
                    q.id,
                    q.kind,
                    q.text,
                    [list(s) for s in q.spans],
                    q.speaker,
                    q.speaker_text,
                    sp[0],
                    sp[1],
                    q.cue,
                    cs[0],
                    cs[1],
                    q.rule,
                )
            )
        for v in result.events:
            sent = v.sentence or (None, None)
            trig = v.trigger or (None, None)
            when = date_range(v.date)
            t["events"].append(
                (
                    aid,
                    v.id,
                    v.type,
                    v.mode,
                    list(v.context),
                    v.cameo,
                    v.location,
                    v.date,
                    v.date_granularity,
                    v.negated,
                    v.hypothetical,
                    v.future,
                    v.historical,
                    v.claimed_by,
                    sent[0],
                    sent[1],
                    trig[0],
                    trig[1],
                    v.evidence,
                    v.rule,
                    v.confidence,
                    when.start if when else None,
                    when.end if when else None,
                    v.question,
                    v.obligation,
                    v.location_from,
                )
            )
            for role, ids in (("source", v.source), ("target", v.target)):
                for pos, ent in enumerate(ids):
                    t["event_actors"].append((aid, v.id, role, pos, ent))
        self.articles += 1

    def add_log(
        self,
        *,
        key: str,
        raw_hash: str,
        origin: Origin | None,
        article_id: str,
        status: str,
        run_id: int,
    ) -> None:
        """Mark one input record as handled (``stored`` or ``duplicate`` of ``article_id``)."""
        self.tables["ingest_log"].append(
            (key, raw_hash, *origin_columns(origin), article_id, status, run_id)
        )

    def add_failure(self, failure: Failure, *, run_id: int) -> None:
        self.tables["failures"].append(
            (run_id, *origin_columns(failure.origin), failure.code, failure.message)
        )

    def add_minhash(self, article_id: str, hashvalues: bytes) -> None:
        self.tables["minhashes"].append((article_id, hashvalues))
