"""The corrections round trip: marked through the API, exported by the command line.

``dateline corrections export`` joins each mark to the corpus (article, event or quote) and
writes JSON lines or CSV; it refuses to write onto its inputs or over a file."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.cli._main import main
from dateline.pipeline import Pipeline
from dateline.server import EXPORT_COLUMNS, correction_rows, create_app
from tests._server_corpus import build_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return build_corpus(tmp_path_factory.mktemp("marks") / "c.duckdb", pipeline)


@pytest.fixture
def marked(built: Path, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """A copy of the corpus with an event and a quote marked wrong through the API."""
    db = Path(shutil.copyfile(built, tmp_path / "m.duckdb"))
    posted = []
    with TestClient(create_app(db)) as client:
        (article,) = client.get("/api/articles", params={"text": "Friday"}).json()["items"]
        full = client.get(f"/api/articles/{article['id']}").json()
        event = next(v for v in full["events"] if v["type"] == "CONSULT")
        quote = full["quotes"][0]
        listed = client.get("/api/events", params={"limit": 500}).json()["items"]
        key = (article["id"], event["event_id"])
        event["row"] = next(v for v in listed if (v["article_id"], v["event_id"]) == key)
        for kind, record, note in (
            ("event", event["event_id"], "not a meeting"),
            ("quote", quote["quote_id"], 'speaker is "wrong", comma, too'),
        ):
            body = {"article_id": article["id"], "kind": kind, "record_id": record, "note": note}
            response = client.post("/api/corrections", json=body)
            assert response.status_code == 201, response.text
            posted.append({**response.json(), "event": event, "quote": quote, "art": article})
    return db, posted


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_marks_made_in_the_api_come_out_of_the_export(
    marked: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, posted = marked
    target = tmp_path / "marks.jsonl"
    code, out, err = run("corrections", "export", "--db", str(db), "-o", str(target))
    assert (code, out) == (0, ""), err
    assert "wrote 2 corrections" in err
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [list(r) for r in rows] == [list(EXPORT_COLUMNS)] * 2
    event_mark, quote_mark = posted
    event, quote, article = event_mark["event"], event_mark["quote"], event_mark["art"]
    first, second = rows
    assert first["correction_id"] == event_mark["id"] and first["created"] == event_mark["created"]
    assert (first["mark"], first["kind"], first["note"]) == ("wrong", "event", "not a meeting")
    assert (first["article_id"], first["record_id"]) == (article["id"], event["event_id"])
    assert first["found"] is True and first["title"] == "Ministers meet in Geneva"
    assert (first["type"], first["cameo"], first["text"]) == (
        "CONSULT",
        event["cameo"],
        event["evidence"],
    )
    # the actors' names as 'dateline events' lists them
    assert first["source"] and (first["source"], first["target"]) == (
        event["row"]["source"],
        event["row"]["target"],
    )
    assert (second["kind"], second["record_id"]) == ("quote", quote["quote_id"])
    assert (second["correction_id"], second["note"]) == (quote_mark["id"], quote_mark["note"])
    assert second["source"] == "Annalena Baerbock" and second["text"] == quote["text"]
    assert second["published"] == "2022-01-21"
    # the same rows on standard output, and as CSV
    code, out, _ = run("corrections", "export", "--db", str(db))
    assert code == 0 and [json.loads(line) for line in out.splitlines()] == rows
    code, _, _ = run("corrections", "export", "--db", str(db), "-o", str(tmp_path / "m.csv"))
    with (tmp_path / "m.csv").open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert [r["note"] for r in table] == [r["note"] for r in rows]
    assert [r["record_id"] for r in table] == [r["record_id"] for r in rows]


def test_the_export_refuses_its_inputs_and_existing_files(
    marked: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, _ = marked
    side = db.with_name("m.corrections.sqlite")
    before = (db.read_bytes(), side.read_bytes())
    for target in (db, side):
        code, _, err = run("corrections", "export", "--db", str(db), "-o", str(target))
        assert code == 2 and "E031" in err, err
    existing = tmp_path / "old.jsonl"
    existing.write_text("keep me\n")
    code, _, err = run("corrections", "export", "--db", str(db), "-o", str(existing))
    assert code == 2 and "E032" in err
    assert existing.read_text() == "keep me\n"
    code, _, err = run("corrections", "export", "--db", str(db), "-o", str(existing), "--force")
    assert code == 0 and len(existing.read_text().splitlines()) == 2
    assert (db.read_bytes(), side.read_bytes()) == before  # inputs only read


def test_a_mark_of_a_record_the_corpus_lost_keeps_its_own_columns(
    marked: tuple[Path, list[dict[str, Any]]],
) -> None:
    db, posted = marked
    with sqlite3.connect(db.with_name("m.corrections.sqlite")) as con:
        con.execute(
            "INSERT INTO corrections VALUES (9, '2030-01-01T00:00:00+00:00', ?, 'event', "
            "'V99', 'gone')",
            (posted[0]["article_id"],),
        )
    last = correction_rows(db)[-1]
    assert (last["record_id"], last["found"], last["type"]) == ("V99", False, None)
    assert last["title"] == "Ministers meet in Geneva"  # the article is still there


def test_a_corpus_without_marks_exports_nothing(built: Path, tmp_path: Path) -> None:
    db = Path(shutil.copyfile(built, tmp_path / "n.duckdb"))
    code, out, err = run("corrections", "export", "--db", str(db), "--format", "csv")
    assert code == 0 and out.splitlines() == [",".join(EXPORT_COLUMNS)], err
    assert not db.with_name("n.corrections.sqlite").exists()  # not created by reading


def test_marks_kept_in_a_writable_corpus_are_exported_too(built: Path, tmp_path: Path) -> None:
    db = Path(shutil.copyfile(built, tmp_path / "w.duckdb"))
    with TestClient(create_app(db, read_only=False)) as client:
        (article,) = client.get("/api/articles", params={"text": "Friday"}).json()["items"]
        body = {"article_id": article["id"], "kind": "quote", "record_id": "Q1"}
        assert client.post("/api/corrections", json=body).status_code == 201
    (row,) = correction_rows(db)
    assert (row["kind"], row["record_id"], row["found"]) == ("quote", "Q1", True)


def test_the_group_alone_prints_its_help() -> None:
    code, out, err = run("corrections")
    assert (
        (code, err) == (0, "") and "export" in out and out.startswith("Usage: dateline corrections")
    )
