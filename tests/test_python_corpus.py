"""``dateline.corpus.Corpus``: the query commands' questions from Python, as Arrow tables,
with the filters checked as the CLI checks them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.corpus import Corpus
from dateline.errors import BAD_CONFIG, BAD_DATE, QUERY_FAILED, ConfigError, StoreError
from tests.test_corpus_dates import build


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = build(tmp_path_factory.mktemp("corpus") / "c.duckdb")
    with Corpus(path) as opened:
        yield opened


# filters -> the event dates found (newest first, the events command's order)
EVENTS: list[tuple[dict[str, Any], list[str | None]]] = [
    ({}, ["2019-12-05", "2019-11", "2019-W10", "2019-03", "2019-W03"]),
    ({"type": "consult"}, ["2019-12-05", "2019-W10", "2019-W03"]),
    ({"since": "2019-12-01"}, ["2019-12-05"]),
    ({"since": "2019-03", "until": "2019-03"}, ["2019-W10", "2019-03"]),
    ({"country": "France"}, ["2019-11", "2019-03"]),
    ({"country": "fra", "type": "PROTEST"}, ["2019-03"]),
    ({"sort": "oldest", "limit": 2}, ["2019-W03", "2019-03"]),
]


@pytest.mark.parametrize(("filters", "dates"), EVENTS, ids=[str(f) for f, _ in EVENTS])
def test_events_with_filters(corpus: Corpus, filters: dict[str, Any], dates: list[Any]) -> None:
    table = corpus.events(**filters)
    assert table.column("date").to_pylist() == dates


def test_columns_and_other_queries(corpus: Corpus) -> None:
    table = corpus.events(columns=("type", "date"))
    assert table.column_names == ["type", "date"]
    assert corpus.articles().num_rows == 5
    assert corpus.actors(country="USA").num_rows >= 1
    assert corpus.sql("SELECT count(*) AS n FROM events").column("n").to_pylist() == [5]


# bad filters -> the coded error and words of its message
BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"type": "BOMB"}, BAD_CONFIG, "unknown type 'BOMB'"),
    ({"country": "Frnce"}, BAD_CONFIG, "did you mean France (FRA)"),
    ({"since": "yesterday"}, BAD_DATE, "since 'yesterday' is not a date"),
    ({"exclude_modes": ("maybe",)}, BAD_CONFIG, "unknown mode 'maybe'"),
    ({"colour": "red"}, BAD_CONFIG, "unknown filter 'colour'"),
]


@pytest.mark.parametrize(("filters", "code", "words"), BAD, ids=[b[2] for b in BAD])
def test_bad_filters_are_coded_errors(
    corpus: Corpus, filters: dict[str, Any], code: str, words: str
) -> None:
    with pytest.raises(ConfigError) as info:
        corpus.events(**filters)
    assert info.value.code == code
    assert words in info.value.message


def test_sql_is_read_only_and_sandboxed(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        corpus.sql("DELETE FROM events")
    assert info.value.code == QUERY_FAILED
    with pytest.raises(StoreError):
        corpus.sql(f"COPY events TO '{tmp_path / 'x.csv'}'")
    assert not (tmp_path / "x.csv").exists()
