"""Dates in the corpus: typed ranges in the store, range filters, bad dates, typed exports,
the upgrade of a schema-1 store, and the query commands' options and rough edges."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

import dateline.corpus._store as store_module
from dateline.cli._main import main
from dateline.corpus import STORE_VERSION, Store, date_range, ingest, query_range
from dateline.errors import READ_ONLY, ConfigError, StoreError
from dateline.events import period
from tests.test_store import FakePipeline, raw

D = dt.date

# ---------------------------------------------------------------------------- ranges

RANGES = [
    ("2019-01-16", (D(2019, 1, 16), D(2019, 1, 16), "day")),
    ("2019-01-16T10:30", (D(2019, 1, 16), D(2019, 1, 16), "day")),
    ("2019-01-16TNI", (D(2019, 1, 16), D(2019, 1, 16), "day")),
    ("2019-W03", (D(2019, 1, 14), D(2019, 1, 20), "week")),
    ("2019-W10", (D(2019, 3, 4), D(2019, 3, 10), "week")),
    ("2020-W53", (D(2020, 12, 28), D(2021, 1, 3), "week")),
    ("2019-02", (D(2019, 2, 1), D(2019, 2, 28), "month")),
    ("2020-02", (D(2020, 2, 1), D(2020, 2, 29), "month")),
    ("2019-12", (D(2019, 12, 1), D(2019, 12, 31), "month")),
    ("2019-Q4", (D(2019, 10, 1), D(2019, 12, 31), "quarter")),
    ("2019-H1", (D(2019, 1, 1), D(2019, 6, 30), "half")),
    ("2007", (D(2007, 1, 1), D(2007, 12, 31), "year")),
    ("2019-W34-WE", (D(2019, 8, 19), D(2019, 8, 25), "week")),
    ("201", (D(2010, 1, 1), D(2019, 12, 31), "decade")),
    ("20", (D(2000, 1, 1), D(2099, 12, 31), "century")),
    ("PAST_REF", None),
    ("P3D", None),
    ("2019-13-45", None),
    ("2019-W54", None),
    ("", None),
]


@pytest.mark.parametrize(("value", "expected"), RANGES)
def test_a_date_value_covers_its_range(value: str, expected: Any) -> None:
    found = date_range(value)
    assert (None if found is None else (found.start, found.end, found.granularity)) == expected


@pytest.mark.parametrize(("value", "expected"), RANGES)
def test_event_dating_reads_values_with_the_same_reader(value: str, expected: Any) -> None:
    assert period(value) == (None if expected is None else expected[:2])


GOOD_BOUNDS = [
    ("2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("2019-03", D(2019, 3, 1), D(2019, 3, 31)),
    ("2019-12-01", D(2019, 12, 1), D(2019, 12, 1)),
    ("2019-W10", D(2019, 3, 4), D(2019, 3, 10)),
    (" 2020-02-29 ", D(2020, 2, 29), D(2020, 2, 29)),
]


@pytest.mark.parametrize(("value", "start", "end"), GOOD_BOUNDS)
def test_a_query_bound_is_a_range(value: str, start: dt.date, end: dt.date) -> None:
    found = query_range(value)
    assert (found.start, found.end) == (start, end)


BAD_BOUNDS = ["yesterday", "2020-13-45", "2019-02-29", "2019-W00", "19", "2019/03/01", "2019-Q1"]


@pytest.mark.parametrize("value", BAD_BOUNDS)
def test_a_bad_query_bound_is_a_coded_error(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        query_range(value, "--since")
    assert info.value.code == "E033"
    assert f"--since {value!r} is not a date" in info.value.message


# ---------------------------------------------------------------------------- the corpus

JAN = "Officials in Kabul met tribal elders in the third week of January, a spokesman said."
MARCH = "Diplomats from both sides met again in Geneva in early March, officials said."
MONTH = "Protesters gathered in Paris several times in March, organisers said later."
DEC = "The two foreign ministers met in Vienna on Thursday to discuss the nuclear deal."
UNDATED = "French officials said they had accused the army of shelling villages near Kyiv."

SPECS: dict[str, dict[str, Any]] = {
    JAN: {"events": [("CONSULT", "USAGOV", "RUSGOV", "2019-W03", None)], "published": "2019-01-20"},
    MARCH: {
        "events": [("CONSULT", "USAGOV", "RUSGOV", "2019-W10", None)],
        "published": "2019-03-12",
    },
    MONTH: {
        "events": [("PROTEST", "FRAGOV", "RUSGOV", "2019-03", None)],
        "published": "2019-04-02",
    },
    DEC: {
        "events": [("CONSULT", "USAGOV", "RUSGOV", "2019-12-05", None)],
        "published": "2019-12-06",
    },
    UNDATED: {"events": [("ACCUSE", "FRAGOV", "UKRMIL", None, None)], "published": "2019-11"},
}


def build(path: Path) -> Path:
    with Store.open(path, write=True) as store:
        ingest([raw(t, line=i) for i, t in enumerate(SPECS, 1)], store, FakePipeline(SPECS))
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("dates") / "c.duckdb")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def rows(*argv: str) -> list[dict[str, Any]]:
    code, out, err = run(*argv, "--format", "json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_the_store_keeps_each_date_as_a_typed_range(db: Path) -> None:
    with Store.open(db) as store:
        _, found = store.query("SELECT date, date_start, date_end FROM events ORDER BY date")
        _, pub = store.query(
            "SELECT published, published_start, published_end, published_granularity "
            "FROM articles WHERE published = '2019-11'"
        )
    assert ("2019-W03", D(2019, 1, 14), D(2019, 1, 20)) in found
    assert ("2019-03", D(2019, 3, 1), D(2019, 3, 31)) in found
    assert (None, None, None) in found
    assert pub == [("2019-11", D(2019, 11, 1), D(2019, 11, 30), "month")]


WINDOWS = [
    # the cases: a week in January is not after 1 December; 2019-W10 is in March
    (("--since", "2019-12-01"), {"2019-12-05"}),
    (("--since", "2019-03", "--until", "2019-03"), {"2019-W10", "2019-03"}),
    (("--since", "2019-03-01", "--until", "2019-03-31"), {"2019-W10", "2019-03"}),
    (("--since", "2019-W10", "--until", "2019-W10"), {"2019-W10", "2019-03"}),
    (("--until", "2019-01-15"), {"2019-W03"}),
    (("--since", "2019-01-21", "--until", "2019-03-03"), {"2019-03"}),
    (("--since", "2019"), {"2019-W03", "2019-W10", "2019-03", "2019-12-05", "2019-11"}),
    # an event without a date takes its article's (here a month)
    (("--since", "2019-11-30", "--until", "2019-11-30"), {"2019-11"}),
    (("--since", "2020"), set()),
]


@pytest.mark.parametrize(("window", "dates"), WINDOWS, ids=[" ".join(w) for w, _ in WINDOWS])
def test_date_filters_keep_events_whose_range_overlaps(
    db: Path, window: tuple[str, ...], dates: set[str]
) -> None:
    assert {r["date"] for r in rows("events", "--db", str(db), *window)} == dates


def test_bad_dates_are_coded_errors_on_every_list_command(db: Path) -> None:
    for command in ("events", "quotes", "actors", "articles"):
        for value in ("yesterday", "2020-13-45"):
            code, out, err = run(command, "--db", str(db), "--since", value)
            assert (code, out) == (2, ""), command
            assert f"E033 --since {value!r} is not a date" in err
            assert "Traceback" not in err
    code, _, err = run("events", "--db", str(db), "--since", "2020", "--until", "2019")
    assert code == 2 and "E030" in err and "after --until" in err


def test_events_and_quotes_list_newest_first_unless_sorted(db: Path) -> None:
    newest = [r["date"] for r in rows("events", "--db", str(db))]
    assert newest == ["2019-12-05", "2019-11", "2019-W10", "2019-03", "2019-W03"]
    oldest = [r["date"] for r in rows("events", "--db", str(db), "--sort", "oldest")]
    assert oldest == ["2019-W03", "2019-03", "2019-W10", "2019-11", "2019-12-05"]
    by_type = [r["type"] for r in rows("events", "--db", str(db), "--sort", "-type")]
    assert by_type == sorted(by_type, reverse=True)
    _, out, _ = run("events", "--help")
    assert "newest" in out.lower()


def test_columns_choose_and_order_the_columns(db: Path) -> None:
    picked = rows("events", "--db", str(db), "--columns", "type,date", "--columns", "date_end")
    assert list(picked[0]) == ["type", "date", "date_end"]
    _, out, _ = run("events", "--db", str(db), "--columns", "date,type")
    assert out.splitlines()[0].split() == ["date", "type"]
    _, out, _ = run("events", "--db", str(db))  # a table shows a few columns by default
    header = out.splitlines()[0].split()
    assert "date" in header and "article_id" not in header and len(header) < 15


def test_typed_dates_in_query_parquet_and_export(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    code, _, err = run("events", "--db", str(db), "--format", "parquet", "-o", str(target))
    assert code == 0, err
    kinds = {
        r[0]: r[1] for r in duckdb.execute(f"DESCRIBE FROM read_parquet('{target}')").fetchall()
    }
    assert kinds["date_start"] == "DATE" and kinds["date_end"] == "DATE"
    code, _, err = run("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "p"))
    assert code == 0, err
    for table, column in (("events", "date_start"), ("articles", "published_end")):
        path = tmp_path / "p" / f"{table}.parquet"
        kinds = {
            r[0]: r[1] for r in duckdb.execute(f"DESCRIBE FROM read_parquet('{path}')").fetchall()
        }
        assert kinds[column] == "DATE", table
    code, _, err = run("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "c"))
    assert code == 0, err
    with (tmp_path / "c" / "events.csv").open(encoding="utf-8") as handle:
        week = next(r for r in csv.DictReader(handle) if r["date"] == "2019-W03")
    assert (week["date_start"], week["date_end"]) == ("2019-01-14", "2019-01-20")


# ---------------------------------------------------------------------------- schema 1


def _as_schema_1(path: Path) -> None:
    """Turn a current store into what dateline wrote before the date ranges."""
    con = duckdb.connect(str(path))
    for (name,) in con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE table_name IN ('events', 'articles')"
    ).fetchall():
        con.execute(f"DROP INDEX {name}")
    for table, column in (
        ("events", "date_start"),
        ("events", "date_end"),
        ("articles", "published_start"),
        ("articles", "published_end"),
        ("articles", "published_granularity"),
        ("events", "question"),
        ("events", "obligation"),
    ):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE schema_info SET value = '1' WHERE key = 'version'")
    con.close()


def test_a_schema_1_store_is_upgraded_when_opened(tmp_path: Path) -> None:
    path = build(tmp_path / "old.duckdb")
    _as_schema_1(path)
    found = rows("events", "--db", str(path), "--since", "2019-12-01")
    assert [r["date"] for r in found] == ["2019-12-05"]
    assert len(rows("events", "--db", str(path), "--exclude-modes", "question")) == 5  # unknown
    with Store.open(path) as store:
        assert store.query("SELECT value FROM schema_info")[1] == [(str(STORE_VERSION),)]
        _, week = store.query("SELECT date_start FROM events WHERE date = '2019-W03'")
        assert week == [(D(2019, 1, 14),)]


def test_a_schema_1_store_that_cannot_be_written_is_a_coded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(tmp_path / "old.duckdb")
    _as_schema_1(path)

    def refuse(target: Path) -> None:
        raise StoreError(f"{target}: the database cannot be written", code=READ_ONLY)

    monkeypatch.setattr(store_module, "_check_writable", refuse)
    code, _, err = run("events", "--db", str(path))
    assert code == 2 and "Traceback" not in err
    assert "E042" in err and "older dateline (corpus schema 1" in err


# ---------------------------------------------------------------------------- rough edges

EDGES = [
    # (argv after the command and --db, exit status, text in stderr)
    (("events", "--limit", "-5"), 2, "E030 Invalid value for '--limit'"),
    (("events", "--country", "Frnce"), 2, "did you mean France (FRA)?"),
    (("events", "--type", "BOMB"), 2, "E030 unknown --type 'BOMB'"),
    (("events", "--type", "asault"), 2, "did you mean ASSAULT"),
    (("quotes", "--type", "direkt"), 2, "did you mean direct"),
    (("events", "--columns", "date,tpye"), 2, "unknown column 'tpye'; did you mean type?"),
    (("events", "--sort", "confidance"), 2, "did you mean confidence?"),
    (("actors", "--sort", "newest"), 2, "actors have no date"),
    (("events", "--exclude-modes", "hypotetical"), 2, "did you mean hypothetical?"),
    (("events", "--min-confidence", "2"), 2, "E030 Invalid value for '--min-confidence'"),
    (("events", "--since", "yesterday"), 2, "E033"),
]


@pytest.mark.parametrize(("argv", "status", "message"), EDGES, ids=[" ".join(a) for a, *_ in EDGES])
def test_query_rough_edges_are_coded_errors(
    db: Path, argv: tuple[str, ...], status: int, message: str
) -> None:
    code, _, err = run(argv[0], "--db", str(db), *argv[1:])
    assert code == status and message in err and "Traceback" not in err


COUNTRIES = [("Russia", 4), ("RUS", 4), ("russia", 4), ("rus", 4), ("Ukraine", 1), ("FRA", 2)]


@pytest.mark.parametrize(("country", "n"), COUNTRIES)
def test_country_takes_a_name_or_a_code(db: Path, country: str, n: int) -> None:
    assert len(rows("events", "--db", str(db), "--country", country)) == n


FLAGS = [
    ((), 5),
    (("--min-confidence", "0.9"), 5),
    (("--min-confidence", "0.95"), 0),
    (("--exclude-modes", "negated,hypothetical,future"), 5),
]


@pytest.mark.parametrize(("argv", "n"), FLAGS)
def test_event_confidence_and_mode_filters(db: Path, argv: tuple[str, ...], n: int) -> None:
    assert len(rows("events", "--db", str(db), *argv)) == n


def test_mode_filters_leave_out_flagged_events(tmp_path: Path) -> None:
    path = build(tmp_path / "flags.duckdb")
    con = duckdb.connect(str(path))
    con.execute("UPDATE events SET hypothetical = true WHERE date = '2019-W03'")
    con.execute("UPDATE events SET negated = true WHERE date = '2019-03'")
    con.execute("UPDATE events SET question = true WHERE date = '2019-12-05'")
    con.close()
    kept = rows("events", "--db", str(path), "--exclude-modes", "hypothetical")
    assert "2019-W03" not in {r["date"] for r in kept} and len(kept) == 4
    kept = rows("events", "--db", str(path), "--exclude-modes", "hypothetical,negated")
    assert len(kept) == 3
    kept = rows("events", "--db", str(path), "--exclude-modes", "question")
    assert "2019-12-05" not in {r["date"] for r in kept} and len(kept) == 4
    assert sum(r["question"] for r in rows("events", "--db", str(path))) == 1


EXPORTS = [
    # (export arguments, the existing output: a file, or a folder holding one table)
    (("--format", "gdelt"), "events.tsv"),
    (("--format", "csv"), "out/events.csv"),
    (("--format", "parquet"), "out/articles.parquet"),
]


@pytest.mark.parametrize(("argv", "existing"), EXPORTS, ids=[a[1] for a, _ in EXPORTS])
def test_export_onto_an_existing_file_is_refused_without_force(
    db: Path, tmp_path: Path, argv: tuple[str, ...], existing: str
) -> None:
    old = tmp_path / existing
    old.parent.mkdir(exist_ok=True)
    old.write_text("keep me\n", "utf-8")
    target = tmp_path / existing.split("/")[0]
    code, _, err = run("export", "--db", str(db), *argv, "-o", str(target))
    assert code == 2 and "E032" in err and "already exists" in err and "Traceback" not in err
    assert old.read_text("utf-8") == "keep me\n"
    code, _, err = run("export", "--db", str(db), *argv, "-o", str(target), "--force")
    assert code == 0, err
    assert old.read_bytes() != b"keep me\n"


def test_a_text_file_as_db_is_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("these are some notes, not a corpus\n", "utf-8")
    for argv in (("events",), ("report",), ("sql", "SELECT 1"), ("ingest", str(text))):
        code, _, err = run(*argv, "--db", str(text))
        assert code == 2 and "E048" in err and "not a corpus database" in err, argv
        assert "E043" not in err and "disk" not in err
