"""The viewer's HTTP API and pages, in-process (FastAPI's TestClient) on a small corpus."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from dateline.cli._main import main
from dateline.pipeline import Pipeline
from dateline.server import create_app
from tests._server_corpus import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return build_corpus(tmp_path_factory.mktemp("server") / "c.duckdb", pipeline)


@pytest.fixture(scope="module")
def client(corpus: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(corpus, pipeline=pipeline, max_body=20_000)) as c:
        yield c


def ids(client: TestClient, kind: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"/api/{kind}", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def hostile_id(client: TestClient) -> str:
    (row,) = ids(client, "articles", text="storm")
    return str(row["id"])


# ---------------------------------------------------------------------------- lists


def test_lists_take_the_cli_filters_and_page(client: TestClient) -> None:
    assert len(ids(client, "articles")) == 3
    assert [a["title"] for a in ids(client, "articles", text="Saturday")] == ["Talks in Geneva end"]
    assert len(ids(client, "articles", since="2022-01-22")) == 2
    assert len(ids(client, "articles", until="2022-01-21")) == 1
    types = {v["type"] for v in ids(client, "events", type="ACCUSE")}
    assert types == {"ACCUSE"}
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["limit"] == 2 and page["offset"] == 1 and len(page["items"]) == 2
    assert page["total"] >= 4
    speakers = {q["speaker"] for q in ids(client, "quotes", actor="Baerbock")}
    assert speakers == {"Annalena Baerbock"}
    assert any(a["name"] == "Geneva" for a in ids(client, "actors", text="Gene"))
    assert ids(client, "groups")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles?limit=0", 422),
        ("/api/articles?limit=501", 422),
        ("/api/events?since=yesterday", 422),
        ("/api/events?offset=-1", 422),
    ],
)
def test_bad_parameters_are_422_with_a_coded_body(
    client: TestClient, url: str, status: int
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == "E010"


# ---------------------------------------------------------------------------- one record


def test_an_article_record_holds_every_table(client: TestClient) -> None:
    (row,) = ids(client, "articles", text="Friday")
    record = client.get(f"/api/articles/{row['id']}").json()
    assert record["article"]["title"] == "Ministers meet in Geneva"
    assert {"entities", "mentions", "quotes", "events", "event_actors", "dropped"} <= set(record)
    assert any(q["speaker_text"] == "Annalena Baerbock" for q in record["quotes"])
    group = record["event_mentions"][0]["group_id"]
    assert client.get(f"/api/groups/{group}").json()["mentions"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/nope",
        "/api/groups/nope",
        "/api/actors/Nobody%20Here",
        "/articles/nope",
        "/actors/Nobody",
        "/groups/nope",
        "/no/such/page",
        "/static/%2e%2e/countries-110m.json",  # no file outside the static folder
        "/static/..%2ftemplates%2fbase.html",
    ],
)
def test_unknown_ids_are_404_with_a_json_error(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "E060"


def test_an_actor_has_who_said_and_did(client: TestClient) -> None:
    data = client.get("/api/actors/Annalena Baerbock").json()
    assert data["actor"]["articles"] == 1
    assert data["quotes"][0]["text"].startswith("We will keep talking")


# ---------------------------------------------------------------------------- analyze


def test_analyze_returns_a_dateline_1_result(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        json={"text": "France accused Germany of spying on Monday.", "published": "2022-02-07"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["schema"] == "dateline/1"
    assert any(e["name"] == "France" for e in result["entities"])


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 422, "E010"),
        (b'{"text": 12}', 422, "E010"),
        (b'{"text": "   "}', 422, "E010"),
        (b'{"text": "' + b"x" * 30_000 + b'"}', 413, "E014"),
    ],
)
def test_bad_analyze_bodies(client: TestClient, body: bytes, status: int, code: str) -> None:
    response = client.post(
        "/api/analyze", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


# ---------------------------------------------------------------------------- corrections


def test_a_correction_is_stored_apart_and_exported(client: TestClient, corpus: Path) -> None:
    (row,) = ids(client, "articles", text="Friday")
    body = {"article_id": row["id"], "kind": "event", "record_id": "V1", "note": "not a meeting"}
    response = client.post("/api/corrections", json=body)
    assert response.status_code == 201, response.text
    exported = client.get("/api/corrections", params={"article_id": row["id"]}).json()
    assert [(c["kind"], c["record_id"], c["note"]) for c in exported] == [
        ("event", "V1", "not a meeting")
    ]
    side = corpus.with_name("c.corrections.sqlite")
    with sqlite3.connect(side) as con:
        assert con.execute("SELECT count(*) FROM corrections").fetchone() == (1,)
    page = client.get(f"/articles/{row['id']}").text
    assert "marked wrong" in page
    # the corpus holds no corrections table: nothing was written to it
    rows = client.app.state.corpus.rows("SELECT table_name FROM duckdb_tables()")  # type: ignore[attr-defined]
    assert "corrections" not in {r["table_name"] for r in rows}


def test_a_correction_of_an_unknown_record_is_404(client: TestClient) -> None:
    body = {"article_id": "nope", "kind": "quote", "record_id": "Q1"}
    assert client.post("/api/corrections", json=body).status_code == 404
    body = {"article_id": "nope", "kind": "bogus", "record_id": "Q1"}
    assert client.post("/api/corrections", json=body).status_code == 422


def test_the_corpus_is_open_read_only(client: TestClient, corpus: Path) -> None:
    con = client.app.state.corpus.store.con  # type: ignore[attr-defined]
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("CREATE TABLE x (a INTEGER)")
    # another process can read the file while the server holds it
    script = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(con.execute('SELECT count(*) FROM articles').fetchone()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "3"


@pytest.mark.parametrize(
    ("text", "type_", "duplicates"),
    [
        ("Geneva", None, False),
        ("geneva", None, True),
        ("storm", None, False),
        ("", "CONSULT", False),
        ("Geneva", "CONSULT", False),
        ("", None, False),
        ("<script>", None, False),
        ("50%_\\", None, False),  # LIKE's wildcards and escape are searched as text
        ("", "direct", False),  # a quote kind: quotes only
    ],
)
def test_the_search_page_finds_what_the_lists_find(
    client: TestClient, text: str, type_: str | None, duplicates: bool
) -> None:
    """The search page's own lean queries give the rows and totals of the list builders
    (``dateline articles/events/quotes/actors --text``) on the columns it shows."""
    from dateline.corpus import Filters

    corpus = client.app.state.corpus  # type: ignore[attr-defined]
    shown = {
        "articles": ("id", "published", "title", "source", "events"),
        "events": ("article_id", "event_id", "date", "type", "source", "target", "evidence"),
        "quotes": ("article_id", "quote_id", "date", "speaker", "text"),
        "actors": ("name", "kind", "code", "articles"),
    }
    found = 0
    for kind, columns in shown.items():
        f = Filters(text=text or None, type=None if kind == "actors" else type_)
        f = Filters(text=f.text, type=f.type, duplicates=duplicates)
        lists = corpus.page(kind, f, 500, 0)
        search = corpus.search(kind, f, 500)
        assert search.total == lists.total, kind
        rows = sorted(tuple(str(r[c]) for c in columns) for r in search.items)
        assert rows == sorted(tuple(str(r[c]) for c in columns) for r in lists.items), kind
        # the first page is the first rows of the whole list, in the page's order
        assert corpus.search(kind, f, 2).items == search.items[:2], kind
        found += lists.total
    assert found or text in ("50%_\\", "<script>")


# ---------------------------------------------------------------------------- pages


@pytest.mark.parametrize("url", ["/", "/search?q=Geneva", "/search?type=CONSULT"])
def test_pages_render(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_overview_has_a_chart_a_map_pairs_and_speakers(client: TestClient) -> None:
    page = client.get("/").text
    assert page.count('class="bar"') >= 3
    # the test corpus' events fall on a few days of January 2022, drawn to scale
    assert 'data-unit="day"' in page and 'data-first="2022-01-' in page
    assert 'class="land"' in page and 'class="place"' in page
    assert "Annalena Baerbock" in page  # a top speaker


def test_the_article_page_highlights_entities_quotes_and_events(client: TestClient) -> None:
    (row,) = ids(client, "articles", text="Friday")
    page = client.get(f"/articles/{row['id']}").text
    assert 'class="ent ent-GPE' in page and 'title="Geneva (GPE)' in page
    assert 'class="speaker" data-quote="Q1">Annalena Baerbock:' in page
    assert 'class="event' in page and "CONSULT" in page
    assert f'href="/api/articles/{row["id"]}"' in page
    assert page.count('class="mark"') >= 2


@pytest.mark.parametrize(
    "url",
    ["/articles/{id}", "/search?q=storm", "/search?q=script", "/", "/actors/Lisbon"],
)
def test_untrusted_text_is_inert_everywhere(client: TestClient, url: str) -> None:
    page = client.get(url.format(id=hostile_id(client))).text
    assert "<script>window" not in page and "<script>alert" not in page
    assert "<img" not in page and 'href="javascript:' not in page
    if "/articles/" in url or "q=" in url:
        assert "&lt;script&gt;" in page  # shown, as text


def test_serve_without_the_extra_is_a_coded_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    import io

    err = io.StringIO()
    assert main(["serve", "--db", str(corpus)], out=io.StringIO(), err=err) == 2
    assert "E021" in err.getvalue() and "dateline[server]" in err.getvalue()


def test_a_writable_corpus_keeps_corrections_in_its_own_table(corpus: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "w.duckdb"
    shutil.copyfile(corpus, copy)
    with TestClient(create_app(copy, read_only=False)) as client:
        (row,) = ids(client, "articles", text="Friday")
        body = {"article_id": row["id"], "kind": "quote", "record_id": "Q1"}
        assert client.post("/api/corrections", json=body).status_code == 201
        assert len(client.get("/api/corrections").json()) == 1
    assert not copy.with_name("w.corrections.sqlite").exists()
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT kind, record_id FROM corrections").fetchall() == [
            ("quote", "Q1")
        ]


# ---------------------------------------------------------------------------- drawing


@pytest.mark.parametrize(
    ("days", "unit", "bars"),
    [
        (["2022-01-01", "2022-01-02", "2022-01-02"], "day", 2),
        ([f"2022-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 8)], "month", 12),
        ([f"{y}-01-{d:02d}" for y in range(1950, 2020) for d in (1, 2)], "year", 70),
    ],
)
def test_the_chart_uses_days_months_or_years(days: list[str], unit: str, bars: int) -> None:
    from dateline.server._render import day_chart

    chart = day_chart([{"day": d, "type": "CONSULT", "n": 1} for d in days])
    assert chart["unit"] == unit
    assert len(chart["bars"]) == bars
    assert max(b["y"] + b["h"] for b in chart["bars"]) == pytest.approx(chart["height"], abs=0.2)


@pytest.mark.parametrize(
    ("days", "unit"),
    [
        (["2022-01-01", "2022-01-02", "2022-01-10", "2022-03-31"], "day"),
        (["2022-01-15", "2022-02-03", "2022-07-30", "2024-12-01"], "month"),
        (["1990-05-01", "1991-01-01", "2020-01-01", "2021"], "year"),
    ],
)
def test_the_chart_axis_is_to_scale(days: list[str], unit: str) -> None:
    """A bar's position is proportional to its date: a day (month, year) without events
    is a gap, not squeezed out; the ticks stand on the same scale."""
    import datetime as dt

    from dateline.server._render import day_chart

    chart = day_chart([{"day": d, "type": "CONSULT", "n": 1} for d in days])
    assert chart["unit"] == unit and chart["left_out"] == 0

    def ordinal(day: str) -> float:  # days, months or years since year 0, as the unit counts
        year, month, mday = (int(x) for x in (day + "-01-01")[:10].split("-"))
        if unit == "year":
            return year
        if unit == "month":
            return year * 12 + month
        return dt.date(year, month, mday).toordinal()

    xs = [b["x"] + b["w"] / 2 for b in chart["bars"]]
    assert len(xs) == len(days) and xs == sorted(xs)
    span = ordinal(days[-1]) - ordinal(days[0])
    slot = chart["width"] / chart["slots"]
    assert chart["slots"] == span + 1
    for day, x in zip(days, xs, strict=True):
        assert x == pytest.approx(slot / 2 + (ordinal(day) - ordinal(days[0])) * slot, abs=0.05)
    # the ticks are evenly spaced in time and labelled with their own dates
    labels = [t["label"] for t in chart["ticks"]]
    steps = {round(b["x"] - a["x"], 1) for a, b in itertools.pairwise(chart["ticks"])}
    assert labels[0] == chart["first"] and len(steps) == 1 and len(labels) <= 8


def test_the_chart_leaves_out_dates_coarser_than_its_unit() -> None:
    from dateline.server._render import day_chart

    rows = [("2022-01-03", 3), ("2022-01-05", 1), ("2022-01", 2), ("2022-W02", 1), ("bad", 1)]
    chart = day_chart([{"day": d, "type": "AID", "n": n} for d, n in rows])
    assert chart["unit"] == "day" and chart["slots"] == 3
    assert chart["left_out"] == 4 and chart["legend"] == [
        {"type": "AID", "colour": "#4e79a7", "n": 4}
    ]
    by_month = day_chart(
        [{"day": "2022-W02", "type": "AID", "n": 1}, {"day": "2023-02", "type": "AID", "n": 1}]
    )
    assert (
        by_month["unit"] == "month" and by_month["first"] == "2022-01" and by_month["slots"] == 14
    )


def test_the_world_outline_is_drawn_inside_the_map() -> None:
    import re

    from dateline.server._world import MAP_HEIGHT, MAP_WIDTH, project, world_path

    path = world_path()
    assert set(path) <= set("MLZ0123456789.,-")
    assert path.count("M") >= 177  # countries-110m has 177 countries, some in parts
    xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", path)]
    assert min(xs) >= 0 and max(xs) <= MAP_WIDTH
    assert project(0, 0) == (MAP_WIDTH / 2, MAP_HEIGHT / 2)


def test_serve_binds_localhost_by_default(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, tmp_path: Path
) -> None:
    import io
    import shutil

    import uvicorn

    # a copy: DuckDB opens one file once per process, and the module's client holds it
    corpus = Path(shutil.copyfile(corpus, tmp_path / "s.duckdb"))

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    err = io.StringIO()
    assert main(["serve", "--db", str(corpus)], out=io.StringIO(), err=err) == 0, err.getvalue()
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    out = io.StringIO()
    main(["serve", "--help"], out=out, err=io.StringIO())
    assert "bench/out/demo.duckdb" in out.getvalue()
