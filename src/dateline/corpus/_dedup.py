"""Duplicates across articles, and the same real-world event reported many times.

Articles: exact duplicates share a content id (the hash of the cleaned text) and are stored
once. Near duplicates (a wire story republished with a changed headline, an added line or a
correction) are found with MinHash signatures over word 3-shingles and a MinHash LSH index
(the ``datasketch`` library): an article whose estimated Jaccard similarity to an earlier
one reaches the threshold is stored with ``canonical_id`` pointing at that article, so it
never counts as independent evidence.

Events: ``rebuild_event_groups`` groups the stored events by (PLOVER type, source actors,
target actors, date, place) into ``event_groups``, one row per real-world event with the
number of mentions, of distinct canonical articles and of distinct sources (as GDELT's
events and mentions tables do), and keeps every mention in ``event_mentions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["DEFAULT_THRESHOLD", "NearDuplicates", "rebuild_event_groups", "shingles"]

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


# An actor's key: its code when it has one, else its country, else its name.
_GROUP_SQL = """
WITH actor_keys AS (
    SELECT ea.article_id, ea.event_id, ea.role,
           coalesce(en.code, en.country, lower(en.name), ea.entity_id) AS k
    FROM event_actors ea
    LEFT JOIN entities en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
),
actors AS (
    SELECT article_id, event_id,
           coalesce(string_agg(DISTINCT k, '+' ORDER BY k) FILTER (WHERE role = 'source'), '')
               AS source_key,
           coalesce(string_agg(DISTINCT k, '+' ORDER BY k) FILTER (WHERE role = 'target'), '')
               AS target_key
    FROM actor_keys GROUP BY article_id, event_id
),
ev AS (
    SELECT v.article_id, v.event_id, v.type, v.cameo,
           coalesce(ac.source_key, '') AS source_key,
           coalesce(ac.target_key, '') AS target_key,
           coalesce(v.date, a.published, '') AS date,
           coalesce(CAST(loc.geonameid AS VARCHAR), lower(loc.geo_name), lower(loc.name), '')
               AS place,
           coalesce(a.canonical_id, a.id) AS canonical_id,
           a.source, a.url, a.run_id, a.published
    FROM events v
    JOIN articles a ON a.id = v.article_id
    LEFT JOIN actors ac ON ac.article_id = v.article_id AND ac.event_id = v.event_id
    LEFT JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location
    WHERE v.type IS NOT NULL AND NOT coalesce(v.negated, false)
      AND NOT coalesce(v.hypothetical, false)
),
keyed AS (
    SELECT *, substr(md5(concat_ws('|', type, source_key, target_key, date, place)), 1, 16)
               AS group_id
    FROM ev
)
"""


def rebuild_event_groups(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute ``event_groups`` and ``event_mentions`` (inside the caller's transaction)."""
    con.execute("DELETE FROM event_mentions")
    con.execute("DELETE FROM event_groups")
    con.execute(
        _GROUP_SQL
        + """
        INSERT INTO event_groups
        SELECT group_id, any_value(type), mode(cameo), any_value(source_key),
               any_value(target_key), any_value(date), any_value(place),
               count(*), count(DISTINCT canonical_id),
               count(DISTINCT coalesce(source, url, canonical_id)),
               arg_min(article_id, (coalesce(published, ''), article_id)),
               arg_min(url, (coalesce(published, ''), article_id))
        FROM keyed GROUP BY group_id
        """
    )
    con.execute(
        _GROUP_SQL
        + """
        INSERT INTO event_mentions
        SELECT group_id, article_id, event_id, canonical_id FROM keyed
        """
    )
