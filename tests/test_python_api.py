"""The Python API on its common paths: what ``Pipeline.analyze`` and ``analyze_many`` take,
and results as tables (rows, Arrow, pandas)."""

from __future__ import annotations

from typing import Any

import pytest

import dateline
from dateline import Analysis, ConfigError, Failure, Origin, Pipeline, RawArticle
from dateline.errors import BAD_CONFIG
from dateline.tables import TABLE_NAMES, rows, to_arrow

TEXT = (
    "Kenya's president met Ethiopia's prime minister in Nairobi on Monday. "
    '"We agreed to reopen the border," the president told reporters.'
)

HTML = f"<html><head><title>Talks</title></head><body><article><p>{TEXT}</p></article></body>"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def result(pipeline: Pipeline) -> Analysis:
    return pipeline.analyze(TEXT, published="2024-03-04")


# what analyze() takes: each form gives the same analysis of the same text
FORMS: list[tuple[str, Any, dict[str, Any]]] = [
    ("a text", TEXT, {"published": "2024-03-04"}),
    ("a record mapping", {"text": TEXT, "published": "2024-03-04", "id": "k1"}, {}),
    ("a RawArticle", RawArticle(Origin(), text=TEXT, published="2024-03-04"), {}),
    ("HTML by keyword", None, {"html": HTML, "published": "2024-03-04"}),
]


@pytest.mark.parametrize(("what", "article", "fields"), FORMS, ids=[f[0] for f in FORMS])
def test_analyze_takes(
    pipeline: Pipeline, result: Analysis, what: str, article: Any, fields: dict[str, Any]
) -> None:
    got = pipeline.analyze(article, **fields)
    assert got.text == result.text
    assert [e.type for e in got.events] == [e.type for e in result.events]
    assert got.published == "2024-03-04"


# what analyze() refuses, with a coded ConfigError naming the problem
REFUSED: list[tuple[str, Any, dict[str, Any], str]] = [
    ("a number", 42, {}, "cannot analyse a int"),
    ("an unknown field", {"text": TEXT, "body": "x"}, {}, "unknown article field(s): body"),
    (
        "fields beside a RawArticle",
        RawArticle(Origin(), text=TEXT),
        {"published": "2024-03-04"},
        "inside the RawArticle",
    ),
]


@pytest.mark.parametrize(
    ("what", "article", "fields", "message"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_analyze_refuses(
    pipeline: Pipeline, what: str, article: Any, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        pipeline.analyze(article, **fields)
    assert message in caught.value.message
    assert caught.value.code == BAD_CONFIG


def test_analyze_many_keeps_order_and_turns_bad_records_into_failures(
    pipeline: Pipeline,
) -> None:
    items: list[Any] = [TEXT, {"text": "Nothing happened.", "id": "quiet"}, {"body": "x"}, 7]
    out = list(pipeline.analyze_many(items))
    assert [type(o).__name__ for o in out] == ["Analysis", "Analysis", "Failure", "Failure"]
    assert isinstance(out[2], Failure) and out[2].code == BAD_CONFIG
    assert isinstance(out[3], Failure) and "cannot analyse a int" in out[3].message


def test_rows_of_every_table_carry_the_article_id(result: Analysis) -> None:
    for table in TABLE_NAMES:
        found = rows([result, Failure(Origin(), "E012", "x")], table)  # type: ignore[list-item]
        assert all(row["article_id"] == result.id for row in found), table
    assert len(rows(result, "events")) == len(result.events)
    assert len(rows(result, "mentions")) == sum(len(e.mentions) for e in result.entities)


def test_event_rows_name_their_actors(result: Analysis) -> None:
    for event, row in zip(result.events, rows(result, "events"), strict=True):
        assert row["source"] == list(event.source)
        assert row["source_names"] == [result.entity(i).name for i in event.source]  # type: ignore[union-attr]
        start, end = event.sentence or (0, 0)
        assert row["sentence_text"] == result.text[start:end]
        assert (row["sentence_start"], row["sentence_end"]) == (start, end)


def test_quote_rows_have_the_quote_span_and_speaker_name(result: Analysis) -> None:
    quote = rows(result, "quotes")[0]
    assert result.text[quote["start"] : quote["end"]].startswith("We agreed")
    assert quote["speaker_name"] is not None


def test_arrow_and_pandas_tables_match_the_rows(result: Analysis) -> None:
    table = to_arrow(result, "entities")
    assert table.num_rows == len(result.entities)
    assert {"article_id", "name", "kind", "lat", "mention_count"} <= set(table.column_names)
    pandas = pytest.importorskip("pandas")
    frame = dateline.to_pandas([result], "events")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["type"]) == [e.type for e in result.events]


def test_an_unknown_table_is_a_config_error(result: Analysis) -> None:
    with pytest.raises(ConfigError, match="unknown table 'event'"):
        rows(result, "event")  # type: ignore[arg-type]


def test_no_results_give_an_empty_arrow_table() -> None:
    assert to_arrow([], "events").num_rows == 0


# custom event lexicons: a user's file (the format of data/events/lexicon.tsv) overrides
VISIT = "Kenya's president visited Ethiopia on Monday."
CUSTOM = "lemma\tpos\tcues\tcameo\tname\nvisit\tVERB\t-\t042\tmy-visit\n"


def test_a_custom_lexicon_from_python_overrides_the_shipped_one(tmp_path: Any) -> None:
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(CUSTOM, "utf-8")
    shipped = Pipeline().analyze(VISIT, published="2024-03-04")
    custom = Pipeline(lexicons=[lexicon]).analyze(VISIT, published="2024-03-04")
    assert [e.rule for e in shipped.events if e.type] != ["lexicon:my-visit"]
    assert [(e.type, e.cameo, e.rule) for e in custom.events if e.type] == [
        ("CONSULT", "042", "lexicon:my-visit+model")  # the learned model (default) kept it
    ]
    again = Pipeline().analyze(VISIT, published="2024-03-04")  # the default is untouched
    assert [e.rule for e in again.events] == [e.rule for e in shipped.events]


def test_a_bad_custom_lexicon_fails_when_the_pipeline_is_made(tmp_path: Any) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("lemma\tpos\tcues\tcameo\nvisit\tADJ\t-\tabc\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.tsv: row 2"):
        Pipeline(lexicons=[bad])
    with pytest.raises(ConfigError, match="cannot read the event lexicon"):
        Pipeline(lexicons=[tmp_path / "missing.tsv"])
