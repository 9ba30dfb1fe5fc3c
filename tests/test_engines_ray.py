"""The Ray engine, for real on a local Ray instance: the actors write the Parquet shards,
which equal the local engine's row for row; an actor that dies mid-run loses and duplicates
nothing; a shard whose worker dies twice becomes failure rows; a re-run skips every shard."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.engines import (
    SHARD_TABLES,
    LocalEngine,
    ProcessSummary,
    RaySettings,
    WorkerConfig,
    process,
    ray_engine,
    read_manifest,
)
from dateline.errors import INTERNAL
from dateline.io import read_inputs
from tests.test_engines import write_corpus

ray = pytest.importorskip(
    "ray", reason="Ray is not installed: pip install 'dateline[ray]' (or make test-ray)"
)

SHARD = 4
# Ray's own modules warn about their deprecations; pytest turns warnings into errors
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("ray") / "in.jsonl")


@pytest.fixture(scope="module")
def local_out(corpus: Path) -> Path:
    out = corpus.parent / "local"
    with LocalEngine(WorkerConfig(batch_size=3), workers=1) as engine:
        process(read_inputs([str(corpus)]), out, engine, inputs=[str(corpus)], shard_size=SHARD)
    return out


def tables(out: Path) -> dict[str, list[dict[str, object]]]:
    """Every shard table's rows, in file and row order."""
    found = {}
    for table in ("records", *SHARD_TABLES):
        files = sorted(out.glob(f"{table}-*.parquet"))
        assert files, table
        found[table] = pq.read_table(files).to_pylist()
    return found


def run_ray(
    corpus: Path, out: Path, config: WorkerConfig, actors: int = 2, shard: int = SHARD
) -> ProcessSummary:
    settings = RaySettings(actors=actors, batch_size=3)
    with ray_engine(config, settings) as engine:
        records = read_inputs([str(corpus)])
        return engine.process(records, out, inputs=[str(corpus)], shard_size=shard)


def test_ray_output_equals_the_local_engines(
    local_ray: None, corpus: Path, local_out: Path
) -> None:
    out = corpus.parent / "ray"
    first = run_ray(corpus, out, WorkerConfig(batch_size=3))
    assert tables(out) == tables(local_out)
    assert not (out / "pending").exists()  # every pending shard was written
    assert read_manifest(out)["shards"] == read_manifest(local_out)["shards"]
    again = run_ray(corpus, out, WorkerConfig(batch_size=3))
    assert (first.written, first.skipped, again.written, again.skipped) == (4, 0, 0, 4)


def test_an_actor_killed_mid_run_loses_and_duplicates_nothing(
    local_ray: None, corpus: Path, local_out: Path
) -> None:
    marker = corpus.parent / "crash-once"
    marker.touch()
    out = corpus.parent / "ray-killed"
    run_ray(corpus, out, WorkerConfig(batch_size=3, crash_marker=str(marker)))
    assert not marker.exists()  # an actor did die
    assert tables(out) == tables(local_out)


def test_a_shard_whose_worker_dies_twice_becomes_failure_rows(
    local_ray: None, corpus: Path, local_out: Path
) -> None:
    marker = corpus.parent / "crash-twice"
    marker.write_text("2")  # the first start of the one shard and its retry both die
    out = corpus.parent / "ray-died-twice"
    config = WorkerConfig(batch_size=3, crash_marker=str(marker))
    summary = run_ray(corpus, out, config, actors=1, shard=100)
    assert not marker.exists()
    got = tables(out)["records"]
    expected = tables(local_out)["records"]
    assert [r["seq"] for r in got] == [r["seq"] for r in expected]  # nothing lost
    for row in got:
        record, result = json.loads(row["record"]), json.loads(row["result"])
        assert result["kind"] == "failure"
        if record["kind"] == "article":
            assert result["code"] == INTERNAL  # a reader's failure stays what it was
    assert (summary.written, summary.records, summary.failed) == (1, len(got), len(got))


def test_analyze_many_on_two_actors_equals_the_local_engine_and_times_each_batch(
    local_ray: None, corpus: Path
) -> None:
    config = WorkerConfig(batch_size=3)
    with LocalEngine(config, workers=1) as engine:
        expected = list(engine.analyze_many(read_inputs([str(corpus)])))
    with ray_engine(config, RaySettings(actors=2, batch_size=3)) as engine:
        got = list(engine.analyze_many(read_inputs([str(corpus)])))
        timings = engine.timings
    assert got == expected  # the pickled results come back whole, in input order
    assert sum(t.articles for t in timings) == len(expected)  # each batch counted once
    assert all(t.articles <= 3 for t in timings)
    assert len({t.actor for t in timings}) <= 2
    for t in timings:
        assert t.ready <= t.began <= t.ended
