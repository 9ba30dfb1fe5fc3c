"""Parquet input: a file or a directory of them (a dataset), one article per row, by the
same field (column) names as JSONL and CSV; failures per row, never a stopped read."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.errors import BAD_INPUT, BINARY, CANNOT_READ, MISSING_COLUMN, NO_TEXT
from dateline.io import ReadOptions, read_inputs
from dateline.types import Failure, RawArticle

TEXTS = [
    "The minister met the envoy in Geneva on Monday.",
    "Rebels attacked a convoy near the border.",
]


def write(path: Path, **columns: list[object]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    top = tmp_path / "news"
    (top / "year=2021").mkdir(parents=True)
    write(
        top / "year=2021" / "part-0.parquet",
        body=[TEXTS[0]],
        headline=["Talks"],
        day=[dt.date(2021, 1, 10)],
    )
    write(
        top / "year=2021" / "part-1.parquet",
        body=[TEXTS[1], None],
        headline=["Attack", "Nothing"],
        day=[dt.date(2021, 1, 11), None],
    )
    return top


def test_a_dataset_directory_gives_one_article_per_row_in_order(dataset: Path) -> None:
    options = ReadOptions(text_field="body", title_field="headline", date_field="day")
    items = list(read_inputs([str(dataset)], options))
    assert [type(i) for i in items] == [RawArticle, RawArticle, Failure]
    first, second, empty = items
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.text, first.title, first.published) == (TEXTS[0], "Talks", "2021-01-10")
    assert first.origin.path.endswith("part-0.parquet") and first.origin.line == 1
    assert (second.text, second.origin.line) == (TEXTS[1], 1)
    assert isinstance(empty, Failure) and empty.code == NO_TEXT
    assert empty.origin.line == 2 and empty.origin.path.endswith("part-1.parquet")


@pytest.mark.parametrize(
    ("columns", "code", "words"),
    [
        ({"content": ["a text"]}, MISSING_COLUMN, "'content'"),
        ({"text": ["bad \x00 byte"]}, BINARY, "control bytes"),
        ({"text": [7]}, NO_TEXT, "holds a number, not text"),
    ],
)
def test_a_file_that_cannot_give_a_text_fails_with_its_code(
    tmp_path: Path, columns: dict[str, list[object]], code: str, words: str
) -> None:
    items = list(read_inputs([str(write(tmp_path / "x.parquet", **columns))]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code == code and words in items[0].message


def test_a_damaged_file_and_parquet_on_stdin_are_failures(tmp_path: Path) -> None:
    damaged = tmp_path / "bad.parquet"
    damaged.write_bytes(b"PAR1 not really parquet")
    (item,) = read_inputs([str(damaged)])
    assert isinstance(item, Failure) and item.code == CANNOT_READ
    (item,) = read_inputs(["-"], stdin=io.BytesIO(damaged.read_bytes()))
    assert isinstance(item, Failure) and item.code == BAD_INPUT


def test_process_reads_a_parquet_dataset_by_its_text_column(dataset: Path) -> None:
    from dateline.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    shards = dataset.parent / "shards"
    argv = ["process", str(dataset), str(shards), "--text-column", "body", "--workers", "1"]
    assert main(argv, out=out, err=err) == 2, err.getvalue()  # the empty row is a failure
    assert "wrote 1 shard(s) (3 records, 1 failed)" in err.getvalue()
    records = pq.read_table(sorted(shards.glob("records-*.parquet"))).to_pylist()
    texts = [json.loads(r["result"]).get("text") for r in records]
    assert texts[:2] == TEXTS
