"""The corpus commands: ingest, events, quotes, actors, articles, sql, export, report."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

import dateline.pipeline
from dateline.cli._main import main
from dateline.corpus import Progress, Store, ingest
from tests.test_store import STORY, FakePipeline, raw

MEETING = ("CONSULT", "USAGOV", "RUSGOV", "2022-01-21", "Geneva")
ACCUSATION = ("ACCUSE", "RUSGOV", "UKRMIL", "2022-01-19", None)
TALKS = "Wire A: " + STORY
TALKS_B = "Outlet B says the two delegations met in Geneva on Friday and will meet again."
TALKS_COPY = "UPDATED: Wire A: " + STORY
ACCUSE = "Moscow accused the army of shelling villages, a statement said on Wednesday."
OTHER = "French officials met their Russian counterparts in Paris in March to discuss trade."

SPECS: dict[str, dict[str, Any]] = {
    TALKS: {
        "events": [MEETING],
        "quotes": [("USAGOV", "We will keep talking")],
        "source": "Wire A",
        "url": "https://a.example/talks",
    },
    TALKS_B: {"events": [MEETING], "source": "Outlet B", "url": "https://b.example/geneva"},
    TALKS_COPY: {"events": [MEETING], "source": "Wire A", "url": "https://a.example/talks-2"},
    ACCUSE: {
        "events": [ACCUSATION],
        "quotes": [("RUSGOV", "The shelling must stop")],
        "published": "2022-01-19",
        "source": "Outlet B",
    },
    OTHER: {
        "events": [("CONSULT", "FRAGOV", "RUSGOV", "2019-03-04", "Paris")],
        "published": "2019-03-04",
        "source": "Wire C",
    },
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "c.duckdb"
    with Store.open(path, write=True) as store:
        ingest([raw(t, line=i) for i, t in enumerate(SPECS, 1)], store, FakePipeline(SPECS))
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def json_rows(*argv: str) -> list[dict[str, Any]]:
    code, out, err = run(*argv, "--format", "json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


# ---------------------------------------------------------------------------- ingest


def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers build FakePipelines for this test only (the engine looks the pipeline class
    up when it builds one)."""
    monkeypatch.setattr(dateline.pipeline, "Pipeline", lambda *a, **k: FakePipeline(SPECS))


def test_ingest_command_stores_a_jsonl_and_prints_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    texts = [TALKS, TALKS_B, TALKS]
    source.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n{broken\n", "utf-8")
    fake_pipeline(monkeypatch)
    target = tmp_path / "new.duckdb"
    code, out, err = run("ingest", str(source), "--db", str(target))
    assert code == 2  # a failed record is reported in the exit status
    assert "processed 2" in err and "duplicates 1" in err and "failed 1" in err
    assert f"failed {source}:4: E01" in err  # the reader's code for a bad record
    assert "\r" not in err and "ETA" not in err  # no progress line in a pipe
    code, out, err = run("ingest", str(source), "--db", str(target), "--quiet")
    assert out == "" and err == ""
    with Store.open(target) as store:
        assert store.count("articles") == 2


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_rate_and_eta_on_a_terminal_and_lines_elsewhere() -> None:
    screen = Terminal()
    progress = Progress(screen, total=100)
    progress.start -= 10  # ten seconds ago
    progress.update(50, force=True)
    assert screen.getvalue().startswith("\r50/100 records  5.0/s  ETA 0:10")
    piped = io.StringIO()
    lines = Progress(piped, lines=True)
    lines.update(5)
    lines.committed(4)
    lines.close()
    assert piped.getvalue().startswith("dateline: committed 4 articles (")
    assert "\r" not in piped.getvalue()


SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOURS = re.compile(r"^(3[0-9]|4[0-9]|9[0-7]|10[0-7])$")  # foreground and background


def colours(text: str) -> set[str]:
    return {p for params in SGR.findall(text) for p in params.split(";") if COLOURS.match(p)}


@pytest.mark.parametrize("flags", [[], ["--progress"]])
def test_ingest_on_a_terminal_draws_a_rich_progress_bar_in_colour_unless_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"text": t}) for t in (TALKS, ACCUSE, OTHER)), "utf-8")
    fake_pipeline(monkeypatch)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    screens = []
    for no_color in (False, True):
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        screen = Terminal()
        db = tmp_path / f"c{no_color}.duckdb"
        code = main(["ingest", str(source), "--db", str(db), *flags], out=io.StringIO(), err=screen)
        assert code == 0
        screens.append(screen.getvalue())
        assert "records" in screen.getvalue() and "3/3" in screen.getvalue()
        assert "committed" not in screen.getvalue()  # no plain lines on a terminal
        assert "dateline: processed 3 (" in screen.getvalue().rstrip().splitlines()[-1]
    assert colours(screens[0]) and not colours(screens[1])


def test_ingest_progress_and_quiet_in_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": TALKS}) + "\n", "utf-8")
    fake_pipeline(monkeypatch)
    code, _, err = run("ingest", str(source), "--db", str(tmp_path / "a.duckdb"), "--progress")
    assert code == 0 and "\r" not in err and "\x1b" not in err
    assert err.splitlines()[0].startswith("dateline: committed 1 articles (")
    code, _, err = run(
        "ingest", str(source), "--db", str(tmp_path / "b.duckdb"), "--progress", "--quiet"
    )
    assert (code, err) == (0, "")
    screen = Terminal()
    assert (
        main(["ingest", str(source), "--db", str(tmp_path / "c.duckdb"), "--quiet"], err=screen)
        == 0
    )
    assert screen.getvalue() == ""


def test_ingest_rejects_bad_settings(tmp_path: Path) -> None:
    code, _, err = run("ingest", "x.txt", "--db", str(tmp_path / "c.duckdb"), "--workers", "0")
    assert code == 2 and "E030" in err


# ---------------------------------------------------------------------------- queries


def test_events_filter_by_type_actor_country_and_date(db: Path) -> None:
    events = json_rows("events", "--db", str(db))
    assert len(events) == 4  # the near-duplicate's event is left out
    assert {e["type"] for e in events} == {"CONSULT", "ACCUSE"}
    consult = json_rows("events", "--db", str(db), "--type", "consult", "--since", "2022-01-01")
    assert [(e["source"], e["target"], e["group_articles"]) for e in consult] == [
        ("United States government", "Russian government", 2),
        ("United States government", "Russian government", 2),
    ]
    assert len(json_rows("events", "--db", str(db), "--actor", "UKRMIL")) == 1
    assert len(json_rows("events", "--db", str(db), "--actor", "russian")) == 4
    assert len(json_rows("events", "--db", str(db), "--country", "fra")) == 1
    assert len(json_rows("events", "--db", str(db), "--until", "2022-01-20")) == 2
    assert len(json_rows("events", "--db", str(db), "--duplicates")) == 5
    assert len(json_rows("events", "--db", str(db), "--source", "outlet b")) == 2


def test_quotes_filter_by_speaker_and_text(db: Path) -> None:
    quotes = json_rows("quotes", "--db", str(db))
    assert {q["speaker"] for q in quotes} == {"United States government", "Russian government"}
    mine = json_rows("quotes", "--db", str(db), "--actor", "USAGOV")
    assert [q["text"] for q in mine] == ["We will keep talking"]
    assert json_rows("quotes", "--db", str(db), "--text", "SHELLING")[0]["speaker_code"] == "RUSGOV"
    assert json_rows("quotes", "--db", str(db), "--country", "UKR") == []


def test_actors_count_independent_articles(db: Path) -> None:
    actors = {a["code"]: a for a in json_rows("actors", "--db", str(db))}
    assert actors["RUSGOV"]["articles"] == 4  # the near-duplicate does not count
    assert actors["USAGOV"]["quotes"] == 1 and actors["USAGOV"]["events"] == 2
    assert [a["code"] for a in json_rows("actors", "--db", str(db), "--country", "FRA")] == [
        "FRAGOV"
    ]


def test_articles_filter_by_text_source_and_actor(db: Path) -> None:
    assert len(json_rows("articles", "--db", str(db))) == 4
    assert len(json_rows("articles", "--db", str(db), "--duplicates")) == 5
    assert [a["source"] for a in json_rows("articles", "--db", str(db), "--text", "Paris")] == [
        "Wire C"
    ]
    assert len(json_rows("articles", "--db", str(db), "--actor", "ukrainian army")) == 1
    assert len(json_rows("articles", "--db", str(db), "--type", "ACCUSE")) == 1


def test_output_formats_table_csv_and_parquet(db: Path, tmp_path: Path) -> None:
    code, out, _ = run("actors", "--db", str(db))
    assert code == 0 and out.splitlines()[0].split()[:3] == ["name", "kind", "code"]
    assert out.rstrip().endswith("rows)")
    code, out, _ = run("events", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and rows[0]["type"]
    target = tmp_path / "events.parquet"
    code, _, err = run("events", "--db", str(db), "--format", "parquet", "--output", str(target))
    assert code == 0, err
    count = duckdb.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchall()
    assert count == [(4,)]
    code, _, err = run("events", "--db", str(db), "--format", "parquet")
    assert code == 2 and "--output" in err


def test_a_table_on_a_terminal_is_drawn_by_rich_and_the_same_rows(db: Path) -> None:
    _, plain, _ = run("actors", "--db", str(db))
    screen = Terminal()
    assert main(["actors", "--db", str(db)], out=screen, err=io.StringIO()) == 0
    drawn = screen.getvalue()
    assert drawn != plain and "─" in drawn and "\x1b[1m" in drawn  # Rich's rule, bold header
    assert drawn.rstrip().splitlines()[-1] == plain.rstrip().splitlines()[-1]  # (N rows)
    codes = [a["code"] for a in json_rows("actors", "--db", str(db))]
    assert codes and all(code in drawn for code in codes if code)
    screen = Terminal()
    assert main(["report", "--db", str(db)], out=screen) == 0
    assert "Busiest actor pairs" in screen.getvalue() and "==" not in screen.getvalue()


def test_sql_runs_any_query_and_reports_errors(db: Path) -> None:
    assert json_rows("sql", "SELECT count(*) AS n FROM articles", "--db", str(db)) == [{"n": 5}]
    code, _, err = run("sql", "SELECT nope FROM articles", "--db", str(db))
    assert code == 2 and "E046" in err
    code, _, err = run("sql", "DELETE FROM articles", "--db", str(db))
    assert code == 2 and "E046" in err  # read-only: queries never change the corpus
    code, _, err = run("events", "--db", str(db.parent / "missing.duckdb"))
    assert code == 2 and "E045" in err


# ---------------------------------------------------------------------------- export, report


def test_export_tables_to_csv_and_parquet(db: Path, tmp_path: Path) -> None:
    code, _, err = run(
        "export", "--db", str(db), "--format", "csv", "--output", str(tmp_path / "c")
    )
    assert code == 0, err
    with (tmp_path / "c" / "articles.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 5
    code, _, _ = run("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "p"))
    assert code == 0
    n = duckdb.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'p' / 'events.parquet'}')")
    assert n.fetchall() == [(5,)]


def test_export_gdelt_writes_one_row_per_event_group(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.tsv"
    code, _, err = run(
        "export", "--db", str(db), "--format", "gdelt", "-o", str(target), "--header"
    )
    assert code == 0, err
    lines = target.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 3
    geneva = next(r for r in rows if r["SQLDATE"] == "20220121")
    assert (geneva["Actor1Code"], geneva["Actor2Code"], geneva["EventCode"]) == (
        "USAGOV",
        "RUSGOV",
        "040",
    )
    assert (geneva["NumMentions"], geneva["NumArticles"], geneva["NumSources"]) == ("3", "2", "2")
    assert geneva["QuadClass"] == "1" and geneva["SOURCEURL"].startswith("https://")


def test_report_shows_top_actors_speakers_types_and_pairs(db: Path) -> None:
    code, out, _ = run("report", "--db", str(db))
    assert code == 0
    for title in ("Top actors", "Top quoted speakers", "Events by type", "Busiest actor pairs"):
        assert f"== {title}" in out
    pairs = out.split("== Busiest actor pairs")[1]
    first = pairs.splitlines()[3]
    assert first.startswith("United States government") and "Russian government" in first


def top_speakers(specs: dict[str, dict[str, Any]], tmp_path: Path) -> str:
    """The report's "Top quoted speakers" table for a corpus of hand-built analyses."""
    path = tmp_path / "speakers.duckdb"
    with Store.open(path, write=True) as store:
        ingest([raw(t) for t in specs], store, FakePipeline(specs))
    code, out, _ = run("report", "--db", str(path))
    assert code == 0
    return out.split("== Top quoted speakers")[1].split("==")[0]


def test_report_joins_a_surname_to_the_full_name_across_articles(tmp_path: Path) -> None:
    specs: dict[str, dict[str, Any]] = {
        TALKS: {"quotes": [("USAGOVBID", "We will keep talking")]},
        OTHER: {"quotes": [("USAGOVBID2", "Trade matters"), ("USAGOVBID2", "So do talks")]},
    }
    speakers = top_speakers(specs, tmp_path)
    assert speakers.splitlines()[3].split()[:2] == ["Joe", "Biden"]
    assert speakers.splitlines()[3].split()[-2:] == ["3", "2"]  # quotes, articles


def test_report_leaves_unresolved_pronoun_speakers_out(tmp_path: Path) -> None:
    specs: dict[str, dict[str, Any]] = {
        TALKS: {"quotes": [("text:They", "We are leaving"), ("text:Jane Roe", "I stay")]},
        OTHER: {"quotes": [("text:They", "Nothing changes"), ("text:He", "Maybe")]},
    }
    speakers = top_speakers(specs, tmp_path)
    assert "Jane Roe" in speakers
    assert "They" not in speakers and "He " not in speakers
