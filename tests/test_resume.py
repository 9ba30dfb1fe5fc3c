"""Kill -9 in the middle of a real ``dateline ingest``, run it again: every article once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dateline.corpus import Store
from tests.conftest import REPO

SAMPLE = REPO / "src" / "dateline" / "data" / "corpus" / "wikinews.jsonl"


def _small_corpus(target: Path, n: int) -> int:
    """The ``n`` shortest sample articles, plus one repeated record (an exact duplicate)."""
    rows = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    rows.sort(key=lambda r: (len(r["text"]), r["id"]))
    picked = rows[:n]
    lines = [json.dumps(r) for r in picked] + [json.dumps(picked[0])]
    target.write_text("\n".join(lines) + "\n", "utf-8")
    return n


def _ingest(db: Path, source: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dateline.cli",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--model",
        "sm",
        "--batch-size",
        "4",
        "--commit-every",
        "4",
        "--progress",
    ]


def test_an_ingest_killed_mid_run_resumes_and_stores_every_article_once(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    n = _small_corpus(source, 24)
    db = tmp_path / "corpus.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    proc = subprocess.Popen(
        _ingest(db, source), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    committed = ""
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if "committed" in line:
            committed = line
            break
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert committed, "the ingest never committed a batch"
    assert proc.returncode == -signal.SIGKILL

    with Store.open(db) as store:  # the killed run left a consistent, readable store
        partial = store.count("articles")
        assert 0 < partial < n
        assert store.query("SELECT count(*) FROM ingest_log WHERE status = 'stored'")[1] == [
            (partial,)
        ]

    done = subprocess.run(
        _ingest(db, source), capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    summary = done.stderr.strip().splitlines()[-1]
    assert f"skipped {partial} already present" in summary
    assert f"processed {n - partial} " in summary

    with Store.open(db) as store:
        assert store.count("articles") == n
        _, rows = store.query("SELECT count(DISTINCT url) FROM articles")
        assert rows == [(n,)]
        _, log = store.query(
            "SELECT count(*), count(DISTINCT key), count(*) FILTER (WHERE status = 'duplicate') "
            "FROM ingest_log"
        )
        assert log == [(n + 1, n + 1, 1)]
        _, orphans = store.query(
            "SELECT count(*) FROM entities e LEFT JOIN articles a ON a.id = e.article_id "
            "WHERE a.id IS NULL"
        )
        assert orphans == [(0,)]
