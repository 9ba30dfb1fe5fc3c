"""The batch ingest driver: records in, a corpus database out, every article exactly once.

``ingest`` streams records (``RawArticle`` or the readers' ``Failure``) through the batch
pipeline and writes the results to a ``Store``:

- **Skip before NLP.** Each record gets a cheap raw hash (of its text/HTML and metadata);
  the ingest log holds ``hash(origin, raw hash)`` for every record already handled, so a
  re-run skips them without analysing anything, and a record whose raw hash is already
  stored under another origin is logged as a duplicate without analysis.
- **Exact duplicates** that only match after cleaning (same content id) are logged as
  duplicates of the stored article. **Near duplicates** (MinHash LSH, ``dedup``) are stored
  with ``canonical_id`` set.
- **Batches.** Every ``commit_every`` articles, the articles, their log rows and the
  failures go to the store in one transaction, so a crash (even ``kill -9``) loses at most
  the batch in flight, and the next run redoes exactly that.
- **Failures** (unreadable inputs, malformed records, analysis errors) are stored with
  their origin and reason; they are not logged as done, so a re-run tries them again.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TextIO

from ..types import Analysis, Failure, Origin, RawArticle
from ._dedup import DEFAULT_GROUP_WINDOW, DEFAULT_THRESHOLD, NearDuplicates, rebuild_event_groups
from ._store import Batch, Store

__all__ = [
    "Analyzer",
    "IngestOptions",
    "IngestSummary",
    "Progress",
    "ingest",
    "origin_key",
    "raw_hash",
]


class Analyzer(Protocol):
    """What ``ingest`` analyses with: a ``Pipeline``, or an engine running it in workers."""

    @property
    def model(self) -> object: ...

    def analyze_many(self, records: Iterable[RawArticle | Failure]) -> Iterator[Analysis | Failure]:
        """Results in the order of ``records``, a ``Failure`` for a record that fails."""
        ...


def raw_hash(record: RawArticle) -> str:
    """A cheap hash of what a reader produced, known before any analysis."""
    h = hashlib.sha1()
    for part in (
        record.text,
        record.html,
        record.url,
        record.title,
        record.published,
        record.source,
        record.byline,
    ):
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:20]


def origin_key(origin: Origin | None, raw: str) -> str:
    """The ingest-log key: this record at this place with this content."""
    o = origin or Origin()
    text = f"{o.path}\x1f{o.line}\x1f{o.offset}\x1f{o.record}\x1f{raw}"
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True)
class IngestOptions:
    commit_every: int = 64  # articles per transaction
    near_duplicates: bool = True
    threshold: float = DEFAULT_THRESHOLD
    sources: tuple[str, ...] = ()
    group_window: int = DEFAULT_GROUP_WINDOW  # days between reports of one event


@dataclass(frozen=True)
class IngestSummary:
    processed: int  # analysed and stored as new articles (near duplicates included)
    skipped: int  # already in the store from an earlier run
    failed: int
    duplicates: int  # exact duplicates: logged, not stored again
    near_duplicates: int  # stored, linked to a canonical article
    seconds: float
    articles: int  # articles in the store after the run
    run_id: int

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def format(self) -> str:
        return (
            f"processed {self.processed} ({self.near_duplicates} near-duplicates), "
            f"skipped {self.skipped} already present, failed {self.failed}, "
            f"duplicates {self.duplicates}; {self.rate:.1f} articles/s; "
            f"{self.articles} articles in the store"
        )


class Progress:
    """Progress on stderr. On a terminal: one line with records/s and ETA, redrawn at most
    twice a second. Elsewhere (``lines=True``): one plain line per committed batch."""

    def __init__(self, stream: TextIO, total: int | None = None, *, lines: bool = False):
        self.stream = stream
        self.total = total
        self.lines = lines
        self.start = time.monotonic()
        self.last = 0.0
        self.done = 0

    def update(self, done: int, *, force: bool = False) -> None:
        self.done = done
        if self.lines:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.5:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        line = f"{done}" + (f"/{self.total}" if self.total else "") + f" records  {rate:.1f}/s"
        if self.total and rate > 0 and done <= self.total:
            line += f"  ETA {_clock((self.total - done) / rate)}"
        self.stream.write(f"\r{line:<60}")
        self.stream.flush()

    def committed(self, stored: int) -> None:
        if self.lines:
            rate = stored / max(time.monotonic() - self.start, 1e-9)
            self.stream.write(f"dateline: committed {stored} articles ({rate:.1f}/s)\n")
            self.stream.flush()

    def close(self) -> None:
        if not self.lines:
            self.update(self.done, force=True)
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


@dataclass
class _Counts:
    seen: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    near: int = 0


def ingest(
    records: Iterable[RawArticle | Failure],
    store: Store,
    pipeline: Analyzer,
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
    on_commit: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Analyse and store every record not yet in ``store``; see the module docs."""
    opts = options or IngestOptions()
    started = time.monotonic()
    state = store.ingest_state()
    near = NearDuplicates(opts.threshold) if opts.near_duplicates else None
    if near is not None:
        near.load(store.con.execute("SELECT article_id, hashvalues FROM minhashes").fetchall())
    run_id = store.next_run_id()
    with store.transaction("start a run"):
        store.con.execute(
            "INSERT INTO runs (run_id, started, model, sources) VALUES (?, ?, ?, ?)",
            [run_id, datetime.now(), getattr(pipeline.model, "name", None), list(opts.sources)],
        )
    counts = _Counts()
    batch = Batch()
    # records sent into the pipeline, in order: (raw hash, log key) or None for a Failure
    sent: deque[tuple[str, str] | None] = deque()
    # raw hash -> copies met while the first one is still being analysed
    inflight: dict[str, list[tuple[Origin, str]]] = {}

    def commit() -> None:
        store.write(batch)
        if progress is not None:
            progress.committed(counts.processed)
        if on_commit is not None:
            on_commit(counts.processed)
        batch.tables.clear()
        batch.articles = 0

    def log_duplicate(origin: Origin, key: str, raw: str, article_id: str) -> None:
        counts.duplicates += 1
        state.done.add(key)
        batch.add_log(
            key=key,
            raw_hash=raw,
            origin=origin,
            article_id=article_id,
            status="duplicate",
            run_id=run_id,
        )

    def feed() -> Iterator[RawArticle | Failure]:
        for record in records:
            counts.seen += 1
            if progress is not None:
                progress.update(counts.seen)
            if isinstance(record, Failure):
                sent.append(None)
                yield record
                continue
            raw = raw_hash(record)
            key = origin_key(record.origin, raw)
            if key in state.done:
                counts.skipped += 1
                continue
            if raw in state.known:
                log_duplicate(record.origin, key, raw, state.known[raw])
                continue
            if raw in inflight:
                inflight[raw].append((record.origin, key))
                continue
            inflight[raw] = []
            sent.append((raw, key))
            yield record

    def store_result(result: Analysis, raw: str, key: str) -> None:
        origin = result.origin or Origin()
        if result.id in state.ids:
            log_duplicate(origin, key, raw, result.id)
        else:
            canonical, similarity = None, None
            sig = near.signature(result.text) if near is not None else None
            if near is not None and sig is not None:
                hit = near.check(sig)
                if hit is not None:
                    canonical = state.canonical.get(hit[0], hit[0])
                    similarity = round(hit[1], 4)
                    state.canonical[result.id] = canonical
                    counts.near += 1
                else:
                    near.add(result.id, sig)
                    batch.add_minhash(result.id, NearDuplicates.to_bytes(sig))
            batch.add_article(result, run_id=run_id, canonical_id=canonical, similarity=similarity)
            batch.add_log(
                key=key,
                raw_hash=raw,
                origin=origin,
                article_id=result.id,
                status="stored",
                run_id=run_id,
            )
            state.ids.add(result.id)
            state.done.add(key)
            counts.processed += 1
        state.known[raw] = result.id
        for copy_origin, copy_key in inflight.pop(raw, []):
            log_duplicate(copy_origin, copy_key, raw, result.id)

    try:
        for item in pipeline.analyze_many(feed()):
            ticket = sent.popleft()
            if isinstance(item, Failure):
                counts.failed += 1
                batch.add_failure(item, run_id=run_id)
                if ticket is not None:
                    # copies of a record that failed are not logged: a re-run retries them
                    inflight.pop(ticket[0], None)
            elif ticket is not None:
                store_result(item, *ticket)
            if batch.articles >= opts.commit_every or len(batch.tables["ingest_log"]) >= 1024:
                commit()
        commit()
    except KeyboardInterrupt:
        commit()  # what is analysed is kept; the rest is done by the next run
        raise
    finally:
        if progress is not None:
            progress.close()
    with store.transaction("group events and close the run"):
        rebuild_event_groups(store.con, window_days=opts.group_window)
        store.con.execute(
            "UPDATE runs SET finished = ?, processed = ?, skipped = ?, failed = ?, "
            "duplicates = ?, near_duplicates = ? WHERE run_id = ?",
            [
                datetime.now(),
                counts.processed,
                counts.skipped,
                counts.failed,
                counts.duplicates,
                counts.near,
                run_id,
            ],
        )
    return IngestSummary(
        processed=counts.processed,
        skipped=counts.skipped,
        failed=counts.failed,
        duplicates=counts.duplicates,
        near_duplicates=counts.near,
        seconds=time.monotonic() - started,
        articles=store.count("articles"),
        run_id=run_id,
    )


def count_records(records: Iterable[RawArticle | Failure]) -> int:
    """How many records a source yields (a cheap pre-pass for the ETA)."""
    return sum(1 for _ in records)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
