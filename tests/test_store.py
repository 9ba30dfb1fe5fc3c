"""The corpus store: schema, batch loads, duplicates, event groups and every fault.

Most tests build ``Analysis`` objects by hand (``make_analysis``) and run ``ingest`` with a
``FakePipeline`` that returns them, so the store is tested without waiting on spaCy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest

from dateline.corpus import STORE_VERSION as SCHEMA_VERSION
from dateline.corpus import Batch, IngestOptions, Store, ingest
from dateline.corpus._dedup import NearDuplicates, shingles
from dateline.errors import StoreError
from dateline.pipeline import Pipeline
from dateline.structure import content_id
from dateline.types import (
    Analysis,
    Dropped,
    Entity,
    Event,
    Failure,
    Mention,
    Origin,
    Paragraph,
    Quote,
    RawArticle,
    TimeExpr,
)

NAMES = {
    "USAGOV": ("United States government", "USA", "GPE"),
    "RUSGOV": ("Russian government", "RUS", "GPE"),
    "UKRMIL": ("Ukrainian army", "UKR", "ORG"),
    "FRAGOV": ("French government", "FRA", "GPE"),
    "USAGOVBID": ("Joe Biden", "USA", "PERSON"),
    "USAGOVBID2": ("Biden", "USA", "PERSON"),
}

STORY = (
    "Diplomats from the two governments met for seven hours on Friday and agreed to keep "
    "talking next week, officials said after the session ended late in the evening. "
    "The talks covered troop movements near the border, arms control and the future of "
    "security guarantees in the region, according to a statement issued afterwards."
)


def make_analysis(
    text: str,
    *,
    events: Iterable[tuple[str, str, str, str | None, str | None]] = (),
    quotes: Iterable[tuple[str, str]] = (),
    published: str | None = "2022-01-21",
    source: str | None = "Wire A",
    url: str | None = None,
    origin: Origin | None = None,
) -> Analysis:
    """An analysis whose actors are CAMEO codes: events are (type, source, target, date,
    place), quotes are (speaker code, text), or ("text:<words>", text) for a speaker the
    text names without an entity."""
    entities: dict[str, Entity] = {}

    def entity(key: str, kind: str | None = None) -> str:
        if key not in entities:
            name, country, ekind = NAMES.get(key, (key, None, "GPE"))
            start = max(text.find(name), 0)
            entities[key] = Entity(
                id=f"E{len(entities) + 1}",
                kind=kind or ekind,
                name=name,
                aliases=(name.split()[0],),
                mentions=(Mention(start, start + len(name), name),),
                country=country,
                code=key if key in NAMES else None,
                sector=key[3:] if key in NAMES else None,
            )
        return entities[key].id

    evs = []
    for i, (etype, src, tgt, date, place) in enumerate(events, 1):
        evs.append(
            Event(
                id=f"V{i}",
                type=etype,
                cameo={"CONSULT": "040", "ACCUSE": "112"}.get(etype),
                source=(entity(src),),
                target=(entity(tgt),),
                location=entity(place, "GPE") if place else None,
                date=date,
                sentence=(0, 20),
                evidence=text[:40],
                rule="test",
                confidence=0.9,
            )
        )
    qs = [
        Quote(id=f"Q{i}", kind="direct", text=q, spans=((0, len(q)),), speaker=entity(who))
        if not who.startswith("text:")  # "text:They": a speaker named by words only
        else Quote(id=f"Q{i}", kind="direct", text=q, spans=((0, len(q)),), speaker_text=who[5:])
        for i, (who, q) in enumerate(quotes, 1)
    ]
    return Analysis(
        id=content_id(text),
        text=text,
        paragraphs=(Paragraph(0, len(text)),),
        dropped=(Dropped("caption", "A photo caption"),),
        title=text[:30],
        published=published,
        source=source,
        url=url,
        origin=origin,
        model="fake",
        entities=tuple(entities.values()),
        times=(TimeExpr(0, 6, "Friday", published, "day"),),
        quotes=tuple(qs),
        events=tuple(evs),
    )


class FakePipeline(Pipeline):
    """Returns hand-built analyses: ``specs`` maps an article text to make_analysis kwargs."""

    def __init__(self, specs: dict[str, dict[str, Any]] | None = None, fail_on: str = "FAIL"):
        super().__init__("fake")
        self.specs = specs or {}
        self.fail_on = fail_on
        self.analysed = 0

    @property
    def model(self) -> Any:  # no spaCy model is loaded: a stand-in with the model's name
        return SimpleNamespace(name="fake")

    def analyze_many(self, records: Iterable[RawArticle | Failure]) -> Iterator[Analysis | Failure]:
        for record in records:
            if isinstance(record, Failure):
                yield record
                continue
            text = (record.text or "").strip()
            self.analysed += 1
            if self.fail_on in text:
                yield Failure(record.origin, "E099", "analysis failed on purpose")
                continue
            spec = dict(self.specs.get(text, {}))
            spec.setdefault("url", record.url)
            yield make_analysis(text, origin=record.origin, **spec)


def raw(text: str, path: str = "a.jsonl", line: int | None = None, **kw: Any) -> RawArticle:
    return RawArticle(origin=Origin(path=path, line=line), text=text, **kw)


def scalar(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    row = store.con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "corpus.duckdb"


# ---------------------------------------------------------------------------- schema


def test_a_new_store_has_every_table_and_the_schema_version(db: Path) -> None:
    with Store.open(db, write=True) as store:
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert {
            "articles",
            "entities",
            "mentions",
            "quotes",
            "events",
            "event_actors",
            "times",
        } <= tables
        assert {"dropped", "failures", "ingest_log", "event_groups", "event_mentions"} <= tables
        assert scalar(store, "SELECT value FROM schema_info WHERE key = 'version'") == str(
            SCHEMA_VERSION
        )
        indexes = {
            r[0] for r in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
        }
        assert {"entities_code", "events_type", "ingest_log_raw"} <= indexes
    with Store.open(db, write=True) as store:  # reopening is harmless
        assert scalar(store, "SELECT count(*) FROM schema_info") == 1


def test_a_batch_stores_every_record_kind_of_an_analysis(db: Path) -> None:
    result = make_analysis(
        STORY,
        events=[("CONSULT", "USAGOV", "RUSGOV", "2022-01-21", "Geneva")],
        quotes=[("USAGOV", "We will keep talking")],
        origin=Origin(path="x.jsonl", line=3),
    )
    batch = Batch()
    batch.add_article(result, run_id=1)
    with Store.open(db, write=True) as store:
        store.write(batch)
        row = store.con.execute("SELECT id, title, path, line, paragraphs FROM articles").fetchone()
        assert row == (result.id, STORY[:30], "x.jsonl", 3, [[0, len(STORY)]])
        assert scalar(store, "SELECT count(*) FROM entities") == 3
        assert scalar(store, "SELECT kind FROM dropped") == "caption"
        assert scalar(store, "SELECT value FROM times") == "2022-01-21"
        assert store.con.execute(
            "SELECT e.name, q.text FROM quotes q JOIN entities e "
            "ON e.article_id = q.article_id AND e.entity_id = q.speaker"
        ).fetchall() == [("United States government", "We will keep talking")]
        assert store.con.execute(
            "SELECT role, e.code FROM event_actors a JOIN entities e "
            "ON e.article_id = a.article_id AND e.entity_id = a.entity_id ORDER BY role"
        ).fetchall() == [("source", "USAGOV"), ("target", "RUSGOV")]
        mention = store.con.execute('SELECT start, "end", text FROM mentions LIMIT 1').fetchone()
        assert mention == (0, 24, "United States government")


def test_a_failed_batch_leaves_nothing_behind(db: Path) -> None:
    first = make_analysis(STORY)
    with Store.open(db, write=True) as store:
        ok = Batch()
        ok.add_article(first, run_id=1)
        store.write(ok)
        bad = Batch()
        bad.add_article(make_analysis(STORY + " Another article."), run_id=1)
        bad.add_article(first, run_id=1)  # the same primary key again: the batch fails
        with pytest.raises(StoreError):
            store.write(bad)
        assert scalar(store, "SELECT count(*) FROM articles") == 1
        assert scalar(store, "SELECT count(*) FROM entities") == 0 + len(first.entities)


# ---------------------------------------------------------------------------- faults


def test_a_database_from_a_newer_dateline_is_refused(db: Path) -> None:
    with Store.open(db, write=True) as store:
        store.con.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
    for write in (True, False):
        with pytest.raises(StoreError) as info:
            Store.open(db, write=write)
        assert info.value.code == "E044" and "newer" in info.value.message
        assert info.value.hint and "upgrade" in info.value.hint


def test_a_database_that_is_not_a_corpus_is_refused(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE other (x INTEGER)")
    con.close()
    with pytest.raises(StoreError) as info:
        Store.open(db, write=True)
    assert info.value.code == "E045"


def test_a_missing_database_is_a_clear_error_for_queries(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path / "nope.duckdb")
    assert info.value.code == "E045" and "dateline ingest" in (info.value.hint or "")


def test_a_database_locked_by_another_process_is_a_clear_error(db: Path) -> None:
    Store.open(db, write=True).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('held', flush=True);"
            " sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        for write in (True, False):
            with pytest.raises(StoreError) as info:
                Store.open(db, write=write)
            assert info.value.code == "E041" and "another process" in info.value.message
    finally:
        holder.kill()
        holder.communicate()
    Store.open(db, write=True).close()  # the lock is gone with the process


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def test_a_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    if os.geteuid() == 0:
        # root ignores file modes: a read-only file system is the honest test
        if not _mount_tmpfs(folder, "8m"):
            pytest.skip("running as root without permission to mount a tmpfs")
        try:
            Store.open(folder / "c.duckdb", write=True).close()
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            with pytest.raises(StoreError) as info:
                Store.open(folder / "c.duckdb", write=True)
            assert info.value.code == "E042"
            with Store.open(folder / "c.duckdb") as store:  # reading still works
                assert store.count("articles") == 0
        finally:
            _umount(folder)
    else:
        folder.mkdir()
        Store.open(folder / "c.duckdb", write=True).close()
        (folder / "c.duckdb").chmod(0o444)
        with pytest.raises(StoreError) as info:
            Store.open(folder / "c.duckdb", write=True)
        assert info.value.code == "E042"


def _fill(store: Store, start: int, n: int) -> int:
    """Write batches of big articles until the store fails; return how many were written."""
    written = 0
    for i in range(start, start + n):
        text = f"Article {i}. " + STORY * 40 + f" {i}" * 200
        batch = Batch()
        result = make_analysis(text)
        batch.add_article(result, run_id=1)
        batch.add_log(
            key=str(i),
            raw_hash=str(i),
            origin=None,
            article_id=result.id,
            status="stored",
            run_id=1,
        )
        store.write(batch)
        written += 1
    return written


def test_a_full_disk_stops_with_a_clear_error_and_a_consistent_database(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    if not _mount_tmpfs(folder, "3m"):
        pytest.skip("cannot mount a tmpfs here (needs root); see the RLIMIT_FSIZE test")
    try:
        store = Store.open(folder / "c.duckdb", write=True)
        with pytest.raises(StoreError) as info:
            _fill(store, 0, 10_000)
        assert info.value.code == "E043" and "disk is full" in info.value.message
        # what was committed is intact and consistent: every article has its log row
        n = store.count("articles")
        assert n > 0
        assert scalar(store, "SELECT count(*) FROM ingest_log") == n
        store.close()
    finally:
        _umount(folder)


def test_a_write_refused_by_the_os_gives_a_clear_error_and_keeps_committed_batches(
    tmp_path: Path,
) -> None:
    # RLIMIT_FSIZE makes the kernel refuse writes past a size (EFBIG), as a full disk does
    db = tmp_path / "c.duckdb"
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from tests.test_store import _fill
        from dateline.corpus import Store
        from dateline.errors import StoreError
        store = Store.open({str(db)!r}, write=True)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))
        try:
            _fill(store, 0, 10_000)
        except StoreError as exc:
            print(exc.code, exc.message)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.startswith("E043"), done.stdout + done.stderr
    with Store.open(db) as store:
        n = store.count("articles")
        assert scalar(store, "SELECT count(*) FROM ingest_log") == n


# ---------------------------------------------------------------------------- ingest


def test_ingest_is_idempotent_and_skips_before_analysis(db: Path) -> None:
    records = [raw(f"{STORY} Number {i}.", line=i) for i in range(1, 6)]
    pipe = FakePipeline()
    with Store.open(db, write=True) as store:
        first = ingest(records, store, pipe, IngestOptions(near_duplicates=False))
        assert (first.processed, first.skipped, first.failed) == (5, 0, 0)
        again = ingest(records, store, pipe, IngestOptions(near_duplicates=False))
        assert (again.processed, again.skipped) == (0, 5)
        assert pipe.analysed == 5  # the re-run analysed nothing
        assert store.count("articles") == 5


def test_exact_duplicates_are_logged_once_and_not_analysed_again(db: Path) -> None:
    pipe = FakePipeline()
    records = [
        raw(STORY, path="a.jsonl", line=1),
        raw(STORY, path="b.jsonl", line=7),  # the same record elsewhere
        raw("  " + STORY + "\n", path="c.txt"),  # the same article once cleaned
    ]
    with Store.open(db, write=True) as store:
        summary = ingest(records, store, pipe)
        assert (summary.processed, summary.duplicates) == (1, 2)
        assert pipe.analysed == 2  # b.jsonl:7 was recognised before any analysis
        assert store.con.execute(
            "SELECT path, status, article_id = ? FROM ingest_log ORDER BY path",
            [content_id(STORY)],
        ).fetchall() == [
            ("a.jsonl", "stored", True),
            ("b.jsonl", "duplicate", True),
            ("c.txt", "duplicate", True),
        ]


def test_near_duplicates_link_to_their_canonical_article(db: Path) -> None:
    wire = STORY + " The next round is planned for February in Vienna."
    copy = "UPDATED: " + STORY + " The next round is planned for February in Vienna, he said."
    other = " ".join(
        ["A storm closed schools and roads in the north of the country on Monday."] * 3
    )
    with Store.open(db, write=True) as store:
        summary = ingest([raw(wire), raw(copy), raw(other)], store, FakePipeline())
        assert summary.near_duplicates == 1
        rows = dict(store.con.execute("SELECT id, canonical_id FROM articles").fetchall())
        assert rows[content_id(copy)] == content_id(wire)
        assert rows[content_id(wire)] is None and rows[content_id(other)] is None
    # the signatures are stored: a later run still recognises the story
    again = "Correction: " + wire
    with Store.open(db, write=True) as store:
        ingest([raw(again)], store, FakePipeline())
        assert scalar(
            store, "SELECT canonical_id FROM articles WHERE id = ?", [content_id(again)]
        ) == content_id(wire)


def test_the_same_event_from_several_articles_is_one_group(db: Path) -> None:
    meeting = ("CONSULT", "USAGOV", "RUSGOV", "2022-01-21", "Geneva")
    a = "Wire A reports. " + STORY
    b = "A different outlet writes its own story about the meeting in Geneva on Friday."
    c = "UPDATED: Wire A reports. " + STORY  # near-duplicate of a
    d = "An unrelated report about an accusation made earlier in the week by Moscow."
    specs: dict[str, dict[str, Any]] = {
        a: {"events": [meeting], "source": "Wire A"},
        b: {"events": [meeting], "source": "Outlet B"},
        c: {"events": [meeting], "source": "Wire A"},
        d: {"events": [("ACCUSE", "RUSGOV", "UKRMIL", "2022-01-19", None)]},
    }
    with Store.open(db, write=True) as store:
        ingest([raw(t) for t in (a, b, c, d)], store, FakePipeline(specs))
        groups = store.con.execute(
            "SELECT type, source_key, target_key, n_mentions, n_articles, n_sources "
            "FROM event_groups ORDER BY type"
        ).fetchall()
        assert groups == [
            ("ACCUSE", "RUSGOV", "UKRMIL", 1, 1, 1),
            ("CONSULT", "USAGOV", "RUSGOV", 3, 2, 2),  # c is a near-duplicate of a
        ]
        assert scalar(store, "SELECT count(*) FROM event_mentions") == 4


def test_failures_are_stored_with_their_origin_and_retried_next_time(db: Path) -> None:
    records: list[RawArticle | Failure] = [
        raw(STORY, line=1),
        Failure(Origin(path="a.jsonl", line=2), "E015", "a.jsonl:2: not a JSON object"),
        raw("FAIL " + STORY, line=3),
    ]
    with Store.open(db, write=True) as store:
        summary = ingest(records, store, FakePipeline())
        assert (summary.processed, summary.failed) == (1, 2)
        assert store.con.execute(
            "SELECT path, line, code FROM failures ORDER BY line"
        ).fetchall() == [("a.jsonl", 2, "E015"), ("a.jsonl", 3, "E099")]
        pipe = FakePipeline(fail_on="NEVER")
        again = ingest(records, store, pipe)
        assert (again.processed, again.skipped, again.failed) == (1, 1, 1)


def test_a_malformed_record_in_a_big_jsonl_is_one_failure(db: Path, tmp_path: Path) -> None:
    from dateline.io import read_inputs

    source = tmp_path / "big.jsonl"
    lines = [f'{{"text": "Story number {i}. {STORY}"}}' for i in range(2000)]
    lines[1499] = '{"text": "cut off in the middle'
    source.write_text("\n".join(lines) + "\n", "utf-8")
    with Store.open(db, write=True) as store:
        summary = ingest(
            read_inputs([str(source)]), store, FakePipeline(), IngestOptions(near_duplicates=False)
        )
        assert (summary.processed, summary.failed) == (1999, 1)
        assert store.con.execute("SELECT path, line FROM failures").fetchall() == [
            (str(source), 1500)
        ]
        assert scalar(store, "SELECT count(*) FROM ingest_log") == 1999


def test_a_source_that_disappears_mid_run_is_a_failure(db: Path, tmp_path: Path) -> None:
    from dateline.io import read_inputs

    paths = []
    for i in range(4):
        p = tmp_path / f"a{i}.txt"
        p.write_text(f"Story {i}. {STORY}", "utf-8")
        paths.append(p)

    def remove_last(stored: int) -> None:
        if stored == 1:
            paths[-1].unlink()

    with Store.open(db, write=True) as store:
        summary = ingest(
            read_inputs([str(p) for p in paths]),
            store,
            FakePipeline(),
            IngestOptions(commit_every=1, near_duplicates=False),
            on_commit=remove_last,
        )
        assert (summary.processed, summary.failed) == (3, 1)
        path, code = store.con.execute("SELECT path, code FROM failures").fetchone() or ("", "")
        assert path == str(paths[-1]) and code == "E011"


# ---------------------------------------------------------------------------- dedup


def test_shingles_are_lowercased_word_trigrams() -> None:
    assert shingles("The cat sat on") == {b"the cat sat", b"cat sat on"}
    assert shingles("Hi there") == {b"hi", b"there"}


def test_minhash_finds_a_near_copy_and_not_a_different_story() -> None:
    index = NearDuplicates(threshold=0.8)
    base = index.signature(STORY)
    assert base is not None
    index.add("a", base)
    near = index.signature(STORY + " Officials declined to comment.")
    far = index.signature("Flooding closed the main road into the city for a second day.")
    assert near is not None and far is not None
    hit = index.check(near)
    assert hit is not None and hit[0] == "a" and hit[1] >= 0.8
    assert index.check(far) is None


def test_killing_a_writer_leaves_committed_batches(db: Path) -> None:
    # the in-process part of resume: a process killed between commits keeps every commit
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from tests.test_store import _fill
        from dateline.corpus import Store
        store = Store.open({str(db)!r}, write=True)
        _fill(store, 0, 3)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL
    with Store.open(db) as store:
        assert store.count("articles") == 3


def test_ctrl_c_keeps_what_was_analysed_and_the_rerun_does_the_rest(db: Path) -> None:
    records = [raw(f"{STORY} Number {i}.", line=i) for i in range(1, 9)]

    def interrupted() -> Iterator[RawArticle]:
        yield from records[:5]
        raise KeyboardInterrupt

    with Store.open(db, write=True) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(interrupted(), store, FakePipeline(), IngestOptions(near_duplicates=False))
        assert store.count("articles") == 5
        again = ingest(records, store, FakePipeline(), IngestOptions(near_duplicates=False))
        assert (again.processed, again.skipped) == (3, 5)
        assert store.count("articles") == 8
