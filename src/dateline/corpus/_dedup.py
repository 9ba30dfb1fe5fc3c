"""Duplicates across articles, and the same real-world event reported many times.

Articles: exact duplicates share a content id (the hash of the cleaned text) and are stored
once. Near duplicates (a wire story republished with a changed headline, an added line or a
correction) are found with MinHash signatures over word 3-shingles and a MinHash LSH index
(the ``datasketch`` library): an article whose estimated Jaccard similarity to an earlier
one reaches the threshold is stored with ``canonical_id`` pointing at that article, so it
never counts as independent evidence.

Events: ``rebuild_event_groups`` groups the stored events reporting one real-world event
into ``event_groups``: the same PLOVER type; the same source and target actors by code, not
surface name ("U.S. warplanes" and "American jets" are both USAMIL; a parent code matches
its child, "USA" and "USAMIL"; a place without a code stands for its country, "Anbar" for
IRQ; another actor without a code is known by its name); dates within
a window (``DEFAULT_GROUP_WINDOW`` days from the group's first report; a week at most, a
month or year only with the very same value), across articles; and no two places the
reports' own text gave (sentence, dateline) in different countries. A report with one
actor only ("the government agreed") groups only with the same date and the same place
named by the reports' own text.
One row per group with the number of mentions, of distinct canonical articles and of
distinct sources (as GDELT's events and mentions tables do); ``event_mentions`` keeps every
mention with its date and evidence. Negated and hypothetical events are not grouped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from ..events import period
from ._tables import TABLES

__all__ = [
    "DEFAULT_GROUP_WINDOW",
    "DEFAULT_THRESHOLD",
    "NearDuplicates",
    "group_reports",
    "rebuild_event_groups",
    "shingles",
]

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 3
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Lower-cased word n-grams of ``text`` (the words themselves for very short texts)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicates:
    """A MinHash LSH index of canonical articles: ``check`` then ``add``."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, text: str) -> MinHash | None:
        grams = shingles(text)
        if not grams:
            return None
        sig = MinHash(num_perm=self.num_perm, scheme=_SCHEME)
        sig.update_batch(list(grams))
        return sig

    def check(self, sig: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(sig):
            sim = float(sig.jaccard(self._sigs[key]))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (key, sim)
        return best

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig

    def load(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Index stored signatures (``minhashes`` table rows)."""
        for article_id, blob in rows:
            values = np.frombuffer(blob, dtype=np.uint32).copy()
            self.add(article_id, MinHash(num_perm=self.num_perm, hashvalues=values, scheme=_SCHEME))

    @staticmethod
    def to_bytes(sig: MinHash) -> bytes:
        return bytes(np.asarray(sig.hashvalues, dtype=np.uint32).tobytes())


# One row per groupable event: its actors (code, country, name) and their keys (an actor's
# code when it has one, else its country, else its name), its date (the article's when it
# has none), place and article.
_EVENTS_SQL = """
WITH actor_keys AS (
    SELECT ea.article_id, ea.event_id, ea.role, ea.position,
           -- a place without a code stands for its country's ground ("Anbar": IRQ)
           CASE WHEN en.code IS NULL AND en.kind IN ('GPE', 'LOC', 'FAC') THEN en.country
                ELSE en.code END AS code,
           en.country, coalesce(en.name, ea.entity_id) AS name,
           coalesce(en.code, en.country, lower(en.name), ea.entity_id) AS k
    FROM event_actors ea
    LEFT JOIN entities en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
),
actors AS (
    SELECT article_id, event_id,
           coalesce(string_agg(DISTINCT k, '+' ORDER BY k) FILTER (WHERE role = 'source'), '')
               AS source_key,
           coalesce(string_agg(DISTINCT k, '+' ORDER BY k) FILTER (WHERE role = 'target'), '')
               AS target_key,
           list([code, country, name] ORDER BY position) FILTER (WHERE role = 'source')
               AS sources,
           list([code, country, name] ORDER BY position) FILTER (WHERE role = 'target')
               AS targets
    FROM actor_keys GROUP BY article_id, event_id
)
SELECT v.article_id, v.event_id, v.type, v.cameo,
       coalesce(ac.source_key, '') AS source_key,
       coalesce(ac.target_key, '') AS target_key,
       coalesce(v.date, a.published, '') AS date,
       coalesce(CAST(loc.geonameid AS VARCHAR), lower(loc.geo_name), lower(loc.name), '')
           AS place,
       coalesce(loc.geo_country, loc.country) AS place_country,
       v.location_from,
       coalesce(a.canonical_id, a.id) AS canonical_id,
       coalesce(a.source, a.url, a.canonical_id, a.id) AS publisher,
       a.url, coalesce(a.published, '') AS published, v.evidence,
       ac.sources, ac.targets
FROM events v
JOIN articles a ON a.id = v.article_id
LEFT JOIN actors ac ON ac.article_id = v.article_id AND ac.event_id = v.event_id
LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
WHERE v.type IS NOT NULL AND NOT coalesce(v.negated, false)
  AND NOT coalesce(v.hypothetical, false)
ORDER BY v.article_id, v.event_id
"""

#: Days between two reports' dates that still make them one event, by default.
DEFAULT_GROUP_WINDOW = 2
# a date coarser than this many days (a month, a year) matches only the same value
_MAX_SPAN_DAYS = 7
# places the event's own text gave (its sentence, the dateline): two that disagree on the
# country keep two reports apart; an article's main place is too weak to split on
_FIRM_PLACE = frozenset({"sentence", "dateline"})


@dataclass(frozen=True)
class Actor:
    """An event's actor as grouping compares it: its code, country and name."""

    code: str | None
    country: str | None
    name: str

    def same_as(self, other: Actor) -> bool:
        """One actor, by code: the same code, or one the other's parent in the CAMEO
        hierarchy ("USA" and "USAMIL"; not "USAGOV" and "USAMIL"). A code with no country
        ("GOV", "REB": some government, some rebels) names one actor only with the same
        name; an actor without a code is known by its name, within its country."""
        a, b = self.code, other.code
        if a and b:
            short, long = sorted((a, b), key=len)
            if len(short) < 3 or not long.startswith(short):
                return False
            if self.country and other.country:
                return True
            return self.name.casefold() == other.name.casefold()
        if self.country and other.country and self.country != other.country:
            return False
        return self.name.casefold() == other.name.casefold()


def _actors(values: list[list[str | None]] | None) -> tuple[Actor, ...]:
    return tuple(Actor(code, country, name or "") for code, country, name in values or ())


def _side_matches(one: tuple[Actor, ...], other: tuple[Actor, ...]) -> bool:
    if not one or not other:
        return not one and not other
    return any(a.same_as(b) for a in one for b in other)


@dataclass(frozen=True)
class _Report:
    """One event mention as the grouping reads it (a row of ``_EVENTS_SQL``)."""

    article_id: str
    event_id: str
    type: str
    cameo: str | None
    source_key: str
    target_key: str
    date: str
    place: str
    place_country: str | None
    location_from: str | None
    canonical_id: str
    publisher: str
    url: str | None
    published: str
    evidence: str | None
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()

    def span(self) -> tuple[dt.date, dt.date] | None:
        found = period(self.date[:10] if len(self.date) > 10 else self.date)
        if found is None or (found[1] - found[0]).days >= _MAX_SPAN_DAYS:
            return None
        return found

    def firm_country(self) -> str | None:
        return self.place_country if self.location_from in _FIRM_PLACE else None

    def two_sided(self) -> bool:
        return bool(self.sources) and bool(self.targets)

    def same_actors(self, other: _Report) -> bool:
        return _side_matches(self.sources, other.sources) and _side_matches(
            self.targets, other.targets
        )


def _report(row: Any) -> _Report:
    report = _Report(*row[:-2])
    return replace(report, sources=_actors(row[-2]), targets=_actors(row[-1]))


@dataclass
class _Group:
    first: _Report
    end: dt.date | None  # the last day of the first report's date
    countries: set[str] = field(default_factory=set)
    members: list[_Report] = field(default_factory=list)

    def takes(self, report: _Report, window: int) -> bool:
        first = self.first
        # one actor only ("the government agreed"): little says two reports are one event,
        # so the same date value and the same place, named by their own text, too
        if not (report.two_sided() and first.two_sided()) and (
            report.date != first.date
            or report.firm_country() is None
            or first.firm_country() is None
            or report.place != first.place
        ):
            return False
        span = report.span()
        if self.end is None or span is None:
            # an undated or coarse date: only the very same value
            if report.date != first.date:
                return False
        elif (span[0] - self.end).days > window:
            return False
        country = report.firm_country()
        if country is not None and self.countries and country not in self.countries:
            return False
        return any(report.same_actors(m) for m in self.members)

    def add(self, report: _Report) -> None:
        self.members.append(report)
        country = report.firm_country()
        if country is not None:
            self.countries.add(country)


def group_reports(reports: Iterable[_Report], window: int) -> list[list[_Report]]:
    """Reports of one real-world event together: the same PLOVER type, the same source and
    target actors by code (``Actor.same_as``), dates within ``window`` days of the group's
    first, and no two places of their own in different countries. A report with one
    actor only groups with the same date and place."""
    by_type: dict[str, list[_Report]] = {}
    for r in reports:
        by_type.setdefault(r.type, []).append(r)
    out: list[list[_Report]] = []
    for members in by_type.values():
        members.sort(key=_order)
        dated: list[_Group] = []
        undated: dict[str, list[_Group]] = {}
        for report in members:
            span = report.span()
            if span is None:
                candidates = undated.setdefault(report.date, [])
            else:
                # a group whose first date is past the window can take no later report
                out.extend(g.members for g in dated if (span[0] - g.end).days > window)  # type: ignore[operator]
                dated = [g for g in dated if (span[0] - g.end).days <= window]  # type: ignore[operator]
                candidates = dated
            home = next((g for g in candidates if g.takes(report, window)), None)
            if home is None:
                home = _Group(report, span[1] if span else None)
                candidates.append(home)
            home.add(report)
        out.extend(g.members for g in dated)
        out.extend(g.members for groups in undated.values() for g in groups)
    return out


def _order(r: _Report) -> tuple[str, str, str, str]:
    span = r.span()
    return (span[0].isoformat() if span else r.date, r.published, r.article_id, r.event_id)


def _group_id(members: list[_Report]) -> str:
    first = members[0]
    key = "|".join((first.type, first.source_key, first.target_key, first.date, first.article_id,
                    first.event_id))  # fmt: skip
    return hashlib.md5(key.encode("utf-8")).hexdigest()[:16]


def rebuild_event_groups(
    con: duckdb.DuckDBPyConnection, *, window_days: int = DEFAULT_GROUP_WINDOW
) -> None:
    """Recompute ``event_groups`` and ``event_mentions`` (inside the caller's transaction)."""
    reports = [_report(row) for row in con.execute(_EVENTS_SQL).fetchall()]
    groups: list[tuple[object, ...]] = []
    mentions: list[tuple[object, ...]] = []
    for members in group_reports(reports, window_days):
        gid = _group_id(members)
        first = min(members, key=lambda r: (r.published, r.article_id))
        places = Counter(r.place for r in members if r.place)
        cameos = Counter(r.cameo for r in members if r.cameo)
        groups.append(
            (
                gid,
                members[0].type,
                cameos.most_common(1)[0][0] if cameos else None,
                members[0].source_key,
                members[0].target_key,
                min((r.date for r in members), key=lambda d: (d == "", d)),
                places.most_common(1)[0][0] if places else "",
                len(members),
                len({r.canonical_id for r in members}),
                len({r.publisher for r in members}),
                first.article_id,
                first.url,
            )
        )
        mentions.extend(
            (gid, r.article_id, r.event_id, r.canonical_id, r.date, r.evidence) for r in members
        )
    con.execute("DELETE FROM event_mentions")
    con.execute("DELETE FROM event_groups")
    _insert(con, "event_groups", groups)
    _insert(con, "event_mentions", mentions)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[object, ...]]) -> None:
    if not rows:
        return
    names = [name for name, _ in TABLES[table]]
    data = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
    con.register("_dateline_rows", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _dateline_rows")
    finally:
        con.unregister("_dateline_rows")
