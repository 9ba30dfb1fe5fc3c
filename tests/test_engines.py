"""The local engine: N worker processes give exactly the results of one, in input order; a
worker that dies is replaced and its batch retried; failures are results, not crashes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.corpus import Store, ingest
from dateline.engines import (
    MANIFEST,
    WORKERS_VARIABLE,
    LocalEngine,
    WorkerConfig,
    default_workers,
    load_shards,
    process,
    ray_engine,
    read_manifest,
)
from dateline.errors import BAD_RECORD, NO_EXTRA, NO_TEXT, ConfigError
from dateline.io import read_inputs
from dateline.types import Analysis, Failure, Origin, RawArticle

CORPUS = Path(__file__).resolve().parents[1] / "src/dateline/data/corpus/wikinews.jsonl"


def small_corpus(n: int = 12) -> list[RawArticle | Failure]:
    """n Wikinews articles, an empty one and a reader's failure among them."""
    records = list(read_inputs([str(CORPUS)]))[:n]
    records.insert(3, RawArticle(origin=Origin(path="empty", line=1), text="   "))
    records.insert(7, Failure(Origin(path="bad.jsonl", line=2), BAD_RECORD, "not JSON"))
    return records


def plain(results: list[Analysis | Failure]) -> list[object]:
    return [r.to_dict() if isinstance(r, Analysis) else r for r in results]


@pytest.fixture(scope="module")
def one_worker() -> list[Analysis | Failure]:
    with LocalEngine(WorkerConfig(batch_size=4), workers=1) as engine:
        return list(engine.analyze_many(small_corpus()))


def test_one_worker_keeps_order_and_turns_bad_records_into_failures(
    one_worker: list[Analysis | Failure],
) -> None:
    records = small_corpus()
    assert len(one_worker) == len(records)
    for record, result in zip(records, one_worker, strict=True):
        assert result.origin == record.origin
    assert isinstance(one_worker[3], Failure) and one_worker[3].code == NO_TEXT
    assert isinstance(one_worker[7], Failure) and one_worker[7].code == BAD_RECORD
    assert sum(isinstance(r, Analysis) for r in one_worker) == len(records) - 2


def test_two_workers_give_exactly_the_results_of_one(
    one_worker: list[Analysis | Failure],
) -> None:
    with LocalEngine(WorkerConfig(batch_size=2), workers=2) as engine:
        assert engine.model.name == one_worker[0].model  # type: ignore[union-attr]
        results = list(engine.analyze_many(small_corpus()))
    assert plain(results) == plain(one_worker)


def test_a_worker_that_dies_is_replaced_and_its_batch_retried(
    one_worker: list[Analysis | Failure], tmp_path: Path
) -> None:
    marker = tmp_path / "crash-once"
    marker.touch()
    config = WorkerConfig(batch_size=2, crash_marker=str(marker))
    with LocalEngine(config, workers=2) as engine:
        results = list(engine.analyze_many(small_corpus()))
    assert not marker.exists()  # a worker did die
    assert plain(results) == plain(one_worker)


# ---------------------------------------------------------------- shards: process and load

STORE_TABLES = (
    "articles",
    "dropped",
    "entities",
    "mentions",
    "times",
    "quotes",
    "events",
    "event_actors",
    "failures",
    "ingest_log",
    "minhashes",
    "event_groups",
    "event_mentions",
)


def store_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the store's data tables, without the run ids, sorted."""
    with Store.open(db) as store:
        out = {}
        for table in STORE_TABLES:
            names, rows = store.query(f"SELECT * FROM {table}")
            keep = [i for i, n in enumerate(names) if n != "run_id"]
            out[table] = sorted((tuple(row[i] for i in keep) for row in rows), key=repr)
        return out


def write_corpus(path: Path) -> Path:
    lines = CORPUS.read_text("utf-8").splitlines()[:10]
    lines.insert(2, lines[1])  # an exact duplicate
    lines.insert(5, '{"text": ""}')  # an empty article: a failure row
    lines.insert(8, "{not json")  # a bad record: a failure row
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_process_then_load_gives_the_store_ingest_gives(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "in.jsonl")
    config = WorkerConfig(batch_size=3)
    with LocalEngine(config, workers=1) as engine:
        with Store.open(tmp_path / "ingest.duckdb", write=True) as store:
            ingest(read_inputs([str(source)]), store, engine)
        summary = process(
            read_inputs([str(source)]),
            tmp_path / "out",
            engine,
            inputs=[str(source)],
            shard_size=4,
        )
    assert (summary.written, summary.skipped, summary.records) == (4, 0, 13)
    assert summary.failed == 2
    with Store.open(tmp_path / "load.duckdb", write=True) as store:
        load_shards(tmp_path / "out", store)
    expected = store_rows(tmp_path / "ingest.duckdb")
    assert expected["articles"] and expected["failures"]
    assert store_rows(tmp_path / "load.duckdb") == expected
    # the flat Parquet tables hold the same articles (the exact duplicate twice)
    flat = pq.read_table(sorted((tmp_path / "out").glob("articles-*.parquet"))).column("id")
    assert len(flat) == len(expected["articles"]) + 1
    assert set(flat.to_pylist()) == {row[0] for row in expected["articles"]}
    failures = pq.read_table(sorted((tmp_path / "out").glob("failures-*.parquet")))
    assert failures.num_rows == len(expected["failures"]) == 2


def test_a_rerun_skips_the_complete_shards(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    with LocalEngine(WorkerConfig(batch_size=3), workers=1) as engine:
        first = process(read_inputs([str(source)]), out, engine, inputs=[str(source)], shard_size=4)
        manifest = json.loads((out / MANIFEST).read_text("utf-8"))
        del manifest["shards"]["00002"]  # as if the run had stopped in that shard
        (out / MANIFEST).write_text(json.dumps(manifest), "utf-8")
        again = process(read_inputs([str(source)]), out, engine, inputs=[str(source)], shard_size=4)
    assert (first.written, first.skipped) == (4, 0)
    assert (again.written, again.skipped, again.records) == (1, 3, 4)
    assert sorted(read_manifest(out)["shards"]) == ["00000", "00001", "00002", "00003"]


def test_the_ray_engine_without_ray_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(ConfigError) as caught:
        ray_engine()
    assert caught.value.code == NO_EXTRA
    assert "dateline[ray]" in (caught.value.hint or "")


def test_the_process_and_load_commands(tmp_path: Path) -> None:
    from dateline.cli._main import main

    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(CORPUS.read_text("utf-8").splitlines()[:3]) + "\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["process", str(source), str(tmp_path / "shards"), "--workers", "1"]
    assert main(argv, out=out, err=err) == 0, err.getvalue()
    assert "wrote 1 shard(s) (3 records, 0 failed)" in err.getvalue()
    assert main(argv, out=out, err=err) == 0
    assert "skipped 1 complete shard(s)" in err.getvalue()
    db = str(tmp_path / "c.duckdb")
    assert main(["load", str(tmp_path / "shards"), "--db", db], out=out, err=err) == 0
    with Store.open(db) as store:
        assert store.count("articles") == 3
    argv = ["process", str(source), str(tmp_path / "x"), "--address", "auto"]
    code = main(argv, out=out, err=err)
    assert code != 0 and "--address is for --engine ray" in err.getvalue()


def test_a_killed_two_worker_ingest_leaves_no_process_and_closes_its_pipes(
    tmp_path: Path,
) -> None:
    """kill -9 of ``dateline ingest --workers 2`` mid-run: its forkserver, workers and
    resource tracker all end, and the stdout/stderr pipes a caller waits on close."""
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(CORPUS.read_text("utf-8").splitlines()[:40]) + "\n", "utf-8")
    argv = [sys.executable, "-m", "dateline.cli", "ingest", str(source), "--db"]
    argv += [str(tmp_path / "c.duckdb"), "--model", "sm", "--workers", "2", "--batch-size", "2"]
    argv += ["--commit-every", "2", "--progress"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    with subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: every process it starts is in it
    ) as proc:
        assert proc.stderr is not None and proc.stdout is not None
        line = ""
        while "committed" not in line:  # the workers are up and analysing
            line = proc.stderr.readline()
            assert line, "the ingest ended before it committed a batch"
        group = _group(proc.pid)
        assert len(group) >= 4  # main, forkserver, 2 workers (and the resource tracker)
        proc.kill()  # as kill -9: no clean-up in the main process
        closed = threading.Event()
        drain = threading.Thread(
            target=lambda: (proc.stderr.read(), proc.stdout.read(), closed.set()),  # type: ignore[union-attr]
            daemon=True,
        )
        drain.start()
        assert closed.wait(30), "a process of the killed ingest still holds its pipes"
        proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _group(proc.pid):
        time.sleep(0.2)
    assert _group(proc.pid) == []


def _group(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("", len(os.sched_getaffinity(0))), ("3", 3), (" 2 ", 2), ("0", 1)],
)
def test_the_default_is_one_worker_per_core_unless_the_environment_says(
    monkeypatch: pytest.MonkeyPatch, setting: str, expected: int
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, setting)
    assert default_workers() == expected


def test_a_bad_workers_variable_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "many")
    with pytest.raises(ConfigError):
        default_workers()


def test_one_batch_runs_in_this_process_whatever_the_workers(
    one_worker: list[Analysis | Failure],
) -> None:
    records = small_corpus()
    with LocalEngine(WorkerConfig(batch_size=len(records)), workers=2) as engine:
        results = list(engine.analyze_many(records))
        assert engine._pool is None  # no worker process was started
    assert plain(results) == plain(one_worker)
