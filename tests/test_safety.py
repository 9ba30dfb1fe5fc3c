"""Nothing destroys or leaks data (issue 16): outputs never overwrite the corpus and are
written whole, ``dateline sql`` is sandboxed and streamed, caches are plain data rebuilt
when damaged, a damaged ``--db`` gets its own code, bad option values are E030."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dateline.cli._corpus as corpus_cli
import dateline.corpus._export as export_module
from dateline.cli._main import main
from dateline.corpus import IngestOptions, Store, ingest
from dateline.places import _countries as countries
from dateline.places import _gazetteer as gaz_module
from dateline.places._gazetteer import Gazetteer, Place
from dateline.types import RawArticle
from tests.test_corpus_cli import SPECS
from tests.test_store import STORY, FakePipeline, raw

REPO = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "c.duckdb"
    path.parent.mkdir()
    with Store.open(path, write=True) as store:
        ingest([raw(t, line=i) for i, t in enumerate(SPECS, 1)], store, FakePipeline(SPECS))
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders an output left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".dateline-", "tmp")))


# ---------------------------------------------------------------------------- outputs

QUERY_COMMANDS = [
    ["sql", "SELECT count(*) AS n FROM articles"],
    ["events"],
    ["quotes"],
    ["actors"],
    ["articles"],
]


def _aliases(db: Path) -> dict[str, Path]:
    """The database itself, by a relative-looking path, a symlink and a hard link."""
    link = db.parent / "link.duckdb"
    link.symlink_to(db)
    hard = db.parent / "hard.duckdb"
    os.link(db, hard)
    return {"same": db, "dotted": db.parent / "." / db.name, "symlink": link, "hardlink": hard}


@pytest.mark.parametrize("command", QUERY_COMMANDS, ids=lambda c: c[0])
def test_a_query_output_onto_the_database_is_refused(db: Path, command: list[str]) -> None:
    before = digest(db)
    for fmt in ("table", "csv", "json", "parquet"):
        for flag in ("--output", "-o"):
            code, _, err = run(*command, "--db", str(db), "--format", fmt, flag, str(db))
            assert code == 2 and "E031" in err and "Traceback" not in err, err
    assert digest(db) == before
    with Store.open(db) as store:
        assert store.count("articles") == 5


@pytest.mark.parametrize("how", ["dotted", "symlink", "hardlink"])
def test_the_database_under_another_name_is_refused_too(db: Path, how: str) -> None:
    before = digest(db)
    target = _aliases(db)[how]
    for fmt in ("csv", "parquet"):
        code, _, err = run("sql", "SELECT 1", "--db", str(db), "--format", fmt, "-o", str(target))
        assert code == 2 and "E031" in err, err
    assert digest(db) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["--format", "gdelt", "-o", "{db}"],
        ["--format", "gdelt", "-o", "{db}", "--force"],
        ["--format", "gdelt", "-o", "{db}.wal", "--force"],
        ["--format", "plover", "-o", "{db}", "--force"],
        ["--format", "csv", "-o", "{db}"],
        ["--format", "parquet", "-o", "{db}", "--force"],
    ],
)
def test_an_export_onto_the_database_is_refused_even_with_force(db: Path, argv: list[str]) -> None:
    before = digest(db)
    code, _, err = run("export", "--db", str(db), *(a.format(db=db) for a in argv))
    assert code == 2 and "E031" in err and "Traceback" not in err, err
    assert digest(db) == before


def test_an_export_table_onto_the_database_is_refused(db: Path, tmp_path: Path) -> None:
    # a --db inside the export folder, named like a table file
    inside = tmp_path / "out" / "articles.csv"
    inside.parent.mkdir()
    db.rename(inside)
    code, _, err = run("export", "--db", str(inside), "--format", "csv", "-o", str(inside.parent))
    assert code == 2 and "E031" in err, err


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "csv", "parquet"])
def test_an_export_onto_existing_files_needs_force_and_then_replaces_them(
    db: Path, tmp_path: Path, fmt: str
) -> None:
    one_file = fmt in ("gdelt", "plover")
    target = tmp_path / (f"events.{fmt}" if one_file else "tables")
    first = run("export", "--db", str(db), "--format", fmt, "-o", str(target))
    assert first[0] == 0, first[2]
    written = target if one_file else target / f"events.{fmt}"
    written.write_text("OLD", "utf-8")
    code, _, err = run("export", "--db", str(db), "--format", fmt, "-o", str(target))
    assert code == 2 and "E032" in err and "--force" in err and "Traceback" not in err, err
    assert written.read_text("utf-8") == "OLD"
    code, _, err = run("export", "--db", str(db), "--format", fmt, "-o", str(target), "--force")
    assert code == 0, err
    assert written.read_bytes() != b"OLD"
    assert leftovers(target.parent if one_file else target) == []


def test_a_failed_gdelt_export_leaves_the_old_file_whole(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "events.tsv"
    target.write_text("OLD\n", "utf-8")

    def failing(store: Store) -> Iterator[list[str]]:
        yield ["1"] * len(export_module.GDELT_COLUMNS)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "gdelt_rows", failing)
    code, _, err = run("export", "--db", str(db), "--format", "gdelt", "-o", str(target), "--force")
    assert code == 2 and "E030" in err and "Traceback" not in err, err
    assert target.read_text("utf-8") == "OLD\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "table", "parquet"])
def test_a_failed_query_output_leaves_the_old_file_whole(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / f"events.{fmt}"
    target.write_text("OLD\n", "utf-8")

    def failing(*args: Any) -> None:
        args[-1].write("half a row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(corpus_cli, "write_rows", failing)
    argv = ["events", "--db", str(db), "--format", fmt, "-o", str(target)]
    if fmt == "parquet":  # DuckDB writes the Parquet file: make its query fail instead
        argv = ["sql", "SELECT nope FROM events", "--db", str(db), "--format", fmt, "-o"]
        argv.append(str(target))
    code, _, err = run(*argv)
    assert code == 2 and "Traceback" not in err, err
    assert target.read_text("utf-8") == "OLD\n"
    assert leftovers(tmp_path) == []


def test_a_query_output_is_written_whole_and_replaces_an_old_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("OLD\n", "utf-8")
    code, _, err = run("events", "--db", str(db), "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert target.read_text("utf-8").startswith("date,type,")
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------- sql sandbox


def _escapes(tmp: Path) -> list[str]:
    return [
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM glob('/root/*')",
        f"SELECT * FROM glob('{tmp}/*')",
        f"COPY articles TO '{tmp}/stolen.csv'",
        f"COPY (SELECT 1) TO '{tmp}/stolen.parquet' (FORMAT parquet)",
        f"EXPORT DATABASE '{tmp}/dump'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SELECT * FROM read_csv('https://example.com/x.csv')",
        f"ATTACH '{tmp}/other.duckdb' AS other",
        "SET enable_external_access = true",
        "RESET enable_external_access",
        "SET lock_configuration = false",
        "SET allowed_directories = ['/']",
        "DELETE FROM articles",
        "DROP TABLE articles",
    ]


@pytest.mark.parametrize("index", range(len(_escapes(Path("/x")))))
def test_sql_cannot_read_or_write_files_install_or_unlock(
    db: Path, tmp_path: Path, index: int
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    query = _escapes(outside)[index]
    before = digest(db)
    code, out, err = run("sql", query, "--db", str(db), "--format", "json")
    assert code == 2 and "E046" in err and "Traceback" not in err, (query, out, err)
    assert list(outside.iterdir()) == []
    assert "root:" not in out
    assert digest(db) == before


def test_sql_output_files_stay_sandboxed(db: Path, tmp_path: Path) -> None:
    # the output's own temporary folder is the only place a query may write, and it is gone
    target = tmp_path / "out.parquet"
    query = f"COPY articles TO '{tmp_path}/x.csv'"
    code, _, err = run("sql", query, "--db", str(db), "--format", "parquet", "-o", str(target))
    assert code == 2 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_sql_streams_a_huge_result_with_its_limit_in_bounded_memory(db: Path) -> None:
    # 200 million rows fetched whole need tens of GB: under a 3 GB address-space limit the
    # old fetch-everything code died with a MemoryError; streamed, it prints the first rows
    script = textwrap.dedent(
        f"""
        import io, resource, sys
        sys.path.insert(0, {str(REPO)!r})
        from dateline.cli._main import main
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
        for argv in (
            ["sql", "SELECT * FROM range(200000000)", "--db", {str(db)!r}],
            ["sql", "SELECT * FROM range(200000000)", "--db", {str(db)!r}, "--limit", "7",
             "--format", "json"],
        ):
            out, err = io.StringIO(), io.StringIO()
            code = main(argv, out=out, err=err)
            print(code, len(out.getvalue().splitlines()), err.getvalue().strip())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    lines = done.stdout.splitlines()
    assert lines == ["0 103 ", "0 7 "], done.stdout + done.stderr  # 100 rows + header, rule, count


# ---------------------------------------------------------------------------- the countries cache


@pytest.fixture(scope="module")
def real_tables() -> tuple[Any, dict[str, str]]:
    countries._cached_tables.cache_clear()
    tables = countries._build_tables()
    return tables, countries._build_capitals(tables)


@pytest.fixture
def countries_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_tables: tuple[Any, dict[str, str]]
) -> Iterator[tuple[Path, list[int]]]:
    """A private cache folder; builds counted (and answered from ``real_tables``)."""
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build() -> Any:
        builds.append(1)
        return real_tables[0]

    monkeypatch.setattr(countries, "_build_tables", build)
    monkeypatch.setattr(countries, "_build_capitals", lambda tables: real_tables[1])
    countries._cached_tables.cache_clear()
    path = countries._tables_cache_path()
    assert path is not None
    yield path, builds
    countries._cached_tables.cache_clear()


class _Planted:
    """Unpickling this would create a file: the cache must never unpickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def _bad_caches(good: bytes, marker: Path) -> dict[str, bytes]:
    data = json.loads(good)
    return {
        "truncated": good[: len(good) // 2],
        "garbage": os.urandom(4096),
        "empty": b"",
        "pickle": pickle.dumps(_Planted(marker)),
        "not an object": b"[1, 2, 3]",
        "no format": json.dumps({k: v for k, v in data.items() if k != "format"}).encode(),
        "other format": json.dumps({**data, "format": 999}).encode(),
        "wrong types": json.dumps({**data, "names": [["russia", "RUS"]]}).encode(),
        "wrong values": json.dumps({**data, "iso2": {"RU": 643}}).encode(),
        "emptied": json.dumps({**data, "names": {}, "display": {}}).encode(),
        "deep": b"[" * 200_000 + b"]" * 200_000,
        "not utf-8": b'{"format": 1, "names": "\xff\xfe"}',
    }


def test_the_countries_cache_is_json_and_read_without_a_rebuild(
    countries_cache: tuple[Path, list[int]], real_tables: tuple[Any, dict[str, str]]
) -> None:
    path, builds = countries_cache
    assert countries._cached_tables() == real_tables and builds == [1]
    assert path.suffix == ".json" and json.loads(path.read_bytes())["format"] >= 1
    countries._cached_tables.cache_clear()
    assert countries._cached_tables() == real_tables and builds == [1]  # from the file
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    "case",
    list(_bad_caches(b'{"format": 1}', Path("x"))),
)
def test_a_damaged_or_planted_countries_cache_is_rebuilt_never_trusted(
    countries_cache: tuple[Path, list[int]],
    real_tables: tuple[Any, dict[str, str]],
    tmp_path: Path,
    case: str,
) -> None:
    path, builds = countries_cache
    countries._cached_tables()
    good = path.read_bytes()
    marker = tmp_path / "code-ran"
    path.write_bytes(_bad_caches(good, marker)[case])
    countries._cached_tables.cache_clear()
    assert countries._cached_tables() == real_tables
    assert builds == [1, 1]  # rebuilt
    assert not marker.exists()
    assert path.read_bytes() == good  # and written again, whole
    assert countries.country_code("Russia") == "RUS"


def test_an_old_pickle_cache_is_never_read_and_removed(
    countries_cache: tuple[Path, list[int]], tmp_path: Path
) -> None:
    path, builds = countries_cache
    marker = tmp_path / "code-ran"
    old = path.with_suffix(".pickle")
    old.write_bytes(pickle.dumps(_Planted(marker)))
    countries._cached_tables()
    assert builds == [1] and not marker.exists() and not old.exists()


# ---------------------------------------------------------------------------- the gazetteer cache

TOWNS = [
    Place(name="Testville", lat=1.0, lon=2.0, feature="PPL", population=600, country="USA"),
    Place(name="Testland", lat=3.5, lon=-4.25, feature="PCLI", geonameid=7, country="TST"),
]


def _small_gazetteer() -> Gazetteer:
    return Gazetteer([(p, (p.name,), ()) for p in TOWNS])


def _planted_sqlite(path: Path, schema_ok: bool) -> None:
    db = sqlite3.connect(path)
    if schema_ok:
        for statement in gaz_module._SCHEMA:
            db.execute(statement)
        db.execute("INSERT INTO places VALUES (0, 'X', 'north', 2, 'PCLI', 1, 1, 'X', 'X', 'X')")
        db.execute("INSERT INTO names VALUES ('x', 0, 0, 0)")
    else:
        db.execute("CREATE TABLE places (a, b)")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "case", ["garbage", "truncated", "empty", "text", "other schema", "wrong types"]
)
def test_a_damaged_or_planted_gazetteer_cache_is_not_used(tmp_path: Path, case: str) -> None:
    path = tmp_path / "gazetteer.sqlite"
    gaz_module._write_cache(path, _small_gazetteer())
    assert gaz_module._read_cache(path) is not None
    good = path.read_bytes()
    path.unlink()
    if case == "garbage":
        path.write_bytes(os.urandom(len(good)))
    elif case == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "text":
        path.write_text("Testville\t1.0\t2.0\n", "utf-8")
    else:
        _planted_sqlite(path, schema_ok=case == "wrong types")
    assert gaz_module._read_cache(path) is None


def test_a_gazetteer_cache_damaged_after_opening_falls_back_to_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gazetteer.sqlite"
    gaz_module._write_cache(path, _small_gazetteer())
    loaded = gaz_module._read_cache(path)
    assert loaded is not None
    built: list[int] = []

    def entries(level: int) -> list[tuple[Place, tuple[str, ...], tuple[str, ...]]]:
        built.append(level)
        return [(p, (p.name,), ()) for p in TOWNS]

    monkeypatch.setattr(gaz_module, "_entries", entries)
    with path.open("r+b") as handle:  # the pages under the names index are now garbage
        handle.seek(4096)
        handle.write(os.urandom(path.stat().st_size - 4096))
    assert [p.name for p in loaded.by_name("Testville")] == ["Testville"]
    assert built == [500]  # the damage was met, and the gazetteer built in memory instead
    assert loaded.countries["TST"].name == "Testland"


# ---------------------------------------------------------------------------- damaged --db


def _damaged(good: Path, case: str, where: Path) -> Path:
    data = good.read_bytes()
    target = where / f"{case.replace(' ', '_')}.duckdb"
    if case == "fifo":
        os.mkfifo(target)
        return target
    target.write_bytes(
        {
            "half": data[: len(data) // 2],
            "quarter": data[: len(data) // 4],
            "header only": data[:4096],
            "garbage": os.urandom(len(data)),
            "zeros": bytes(len(data)),
            "text": ("Diplomats met in Geneva on Friday.\n" * 500).encode(),
            "jsonl": (json.dumps({"text": STORY}) + "\n").encode() * 20,
            "empty": b"",
        }[case]
    )
    return target


DAMAGE = {
    "half": "E047",
    "quarter": "E047",
    "header only": "E047",
    "garbage": "E048",
    "zeros": "E048",
    "text": "E048",
    "jsonl": "E048",
    "fifo": "E048",
    "empty": "E049",
}
COMMANDS = [
    ["events"],
    ["quotes"],
    ["report"],
    ["sql", "SELECT count(*) FROM events"],
    ["export", "--format", "gdelt", "-o", "{tmp}/events.tsv"],
    ["export", "--format", "plover", "-o", "{tmp}/events.jsonl"],
    ["export", "--format", "csv", "-o", "{tmp}/tables"],
]


@pytest.mark.parametrize(("case", "expected"), list(DAMAGE.items()))
def test_a_damaged_database_gets_its_own_code_in_every_command(
    db: Path, tmp_path: Path, case: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _damaged(db, case, tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for command in COMMANDS:
        argv = [a.format(tmp=out_dir) for a in command]
        code, _, err = run(*argv, "--db", str(bad))
        assert code == 2 and f"{expected} " in err, (case, argv, err)
        assert "Traceback" not in err and "E043" not in err, err
    monkeypatch.setattr("dateline.pipeline.Pipeline", lambda *a, **k: FakePipeline(SPECS))
    source = tmp_path / "in.txt"
    source.write_text(STORY, "utf-8")
    code, _, err = run("ingest", str(source), "--db", str(bad), "--quiet")
    assert code == 2 and f"{expected} " in err and "Traceback" not in err, err
    for write in (False, True):
        with pytest.raises(Exception) as info:
            Store.open(bad, write=write)
        assert getattr(info.value, "code", None) == expected


def test_a_text_file_as_db_is_named_a_text_file(db: Path, tmp_path: Path) -> None:
    bad = _damaged(db, "text", tmp_path)
    _, _, err = run("events", "--db", str(bad))
    assert "a text file" in err and "SOURCES" in err


def _interrupted_ingest(db: Path) -> None:
    records = [raw(f"{STORY} Number {i}.", line=i) for i in range(1, 4)]

    def killed() -> Iterator[RawArticle]:
        yield from records
        raise KeyboardInterrupt

    with Store.open(db, write=True) as store, pytest.raises(KeyboardInterrupt):
        ingest(killed(), store, FakePipeline(), IngestOptions(near_duplicates=False))


@pytest.mark.parametrize(
    "argv",
    [["events"], ["report"], ["export", "--format", "gdelt", "-o", "{tmp}/e.tsv"]],
    ids=["events", "report", "gdelt"],
)
def test_queries_warn_when_event_groups_are_not_built(
    db: Path, tmp_path: Path, argv: list[str]
) -> None:
    command = [a.format(tmp=tmp_path) for a in argv] + ["--db", str(db)]
    command += ["--force"] if argv[0] == "export" else []
    code, _, err = run(*command)
    assert code == 0 and "warning" not in err, err
    _interrupted_ingest(db)
    code, _, err = run(*command)
    assert code == 0 and "warning: ingest run 2 did not finish" in err, err
    with Store.open(db, write=True) as store:  # the re-run finishes it
        ingest([], store, FakePipeline(), IngestOptions(near_duplicates=False))
    code, _, err = run(*command)
    assert code == 0 and "warning" not in err, err


# ---------------------------------------------------------------------------- option values


@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--limit", "-5"],
        ["quotes", "--limit", "-1"],
        ["actors", "--limit", "many"],
        ["sql", "SELECT 1", "--limit", "-5"],
        ["report", "--top", "-3"],
        ["events", "--since", "yesterday"],
        ["events", "--until", "2022-13"],
        ["articles", "--since", "2022-02-30"],
        ["events", "--format", "xml"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_bad_option_value_is_a_coded_error(db: Path, argv: list[str]) -> None:
    code, out, err = run(*argv, "--db", str(db))
    assert code == 2 and "E030" in err and "Traceback" not in err and out == "", err
    assert "E046" not in err


@pytest.mark.parametrize("value", ["2022", "2022-01", "2022-01-21"])
def test_partial_dates_are_still_accepted(db: Path, value: str) -> None:
    code, _, err = run("events", "--db", str(db), "--until", value, "--since", "2019")
    assert code == 0, err
