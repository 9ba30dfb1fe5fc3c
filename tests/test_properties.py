"""Property-based tests (Hypothesis) over the readers, the structure stage and the whole
pipeline: whatever the bytes, text or HTML, a reader yields ``Failure``s or ``RawArticle``s,
the structure stage gives an ``Article`` or a coded ``DatelineError``, and every result of
the pipeline keeps the invariants. The ``ci`` profile (tests/conftest.py) keeps this short;
``HYPOTHESIS_PROFILE=long`` runs many more examples."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline._invariants import unexpected
from dateline.errors import DatelineError
from dateline.io import KINDS, ReadOptions, read_inputs
from dateline.pipeline import Pipeline
from dateline.structure import build_article
from dateline.types import Failure, Origin, RawArticle

WORDS = st.sampled_from(
    [
        "the",
        "said",
        "minister",
        "Geneva",
        "Paris",
        "police",
        "talks",
        "on",
        "Monday",
        "2020",
        "in",
        "of",
        "to",
        "“",
        "”",
        '"',
        "'",
        ",",
        ".",
        ";",
        ":",
        "-",
        "(",
        ")",
        "\n",
        "\n\n",
        "according",
        "killed",
        "12",
        "U.S.",
        "Reuters",
        "—",
        "…",
        "!",
        "?",
        "Dr.",
        "Mr.",
        "GENEVA",
        "(AP)",
        "—",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=80).map(" ".join),
    st.lists(WORDS, max_size=80).map("".join),
)
TAGS = st.sampled_from(["p", "div", "font", "span", "b", "article", "script", "table", "td"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        closing = draw(st.booleans())
        parts.append(f"<{tag}>{draw(TEXTS)}" + (f"</{tag}>" if closing else ""))
    head = draw(st.sampled_from(["", "<html><body>", "<!doctype html><html><head><title>T"]))
    return head + "".join(parts) + draw(st.sampled_from(["", "</body></html>", "<", "<!--"]))


def read_bytes(data: bytes, kind: str | None) -> list[RawArticle | Failure]:
    items = list(read_inputs(["-"], ReadOptions(kind=kind), stdin=io.BytesIO(data)))
    assert items, "a reader yields at least one item"
    for item in items:
        assert isinstance(item, RawArticle | Failure)
        if isinstance(item, Failure):
            assert item.code.startswith("E0") and item.message
    return items


@given(st.binary(max_size=2000), st.sampled_from((None, *KINDS)))
def test_any_bytes_give_articles_or_failures(data: bytes, kind: str | None) -> None:
    read_bytes(data, kind)


@given(TEXTS, st.sampled_from((None, "text", "html")))
def test_any_text_gives_articles_or_failures(text: str, kind: str | None) -> None:
    read_bytes(text.encode("utf-8", "surrogatepass"), kind)


RECORD_VALUES = st.one_of(
    TEXTS, st.none(), st.integers(), st.booleans(), st.lists(TEXTS, max_size=3), st.just({})
)
RECORDS = st.dictionaries(
    st.sampled_from(["text", "html", "url", "title", "published", "id", "source", "x"]),
    RECORD_VALUES,
    max_size=6,
)


@given(st.lists(RECORDS, max_size=5), st.binary(max_size=8))
def test_jsonl_records_give_one_item_each(records: list[dict[str, object]], junk: bytes) -> None:
    lines = [json.dumps(r).encode() for r in records] + [junk]
    items = read_bytes(b"\n".join(lines), "jsonl")
    assert len(items) >= 1


@given(st.lists(st.lists(TEXTS, min_size=1, max_size=4), max_size=5))
def test_csv_rows_give_articles_or_failures(rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "title"])
    writer.writerows(rows)
    read_bytes(out.getvalue().encode("utf-8", "surrogatepass"), "csv")


def structure_or_error(raw: RawArticle) -> None:
    try:
        article = build_article(raw)
    except DatelineError as exc:
        assert exc.code.startswith("E0")
        return
    for para in article.paragraphs:
        assert 0 <= para.start <= para.end <= len(article.text)


@given(TEXTS)
def test_structure_of_any_text(text: str) -> None:
    structure_or_error(RawArticle(origin=Origin(), text=text))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_structure_of_any_html(page: str) -> None:
    structure_or_error(RawArticle(origin=Origin(), html=page))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2020-01-01", "yesterday", "1 Jan 1900"]))
def test_pipeline_results_keep_the_invariants(
    pipeline: Pipeline, text: str, published: str | None
) -> None:
    try:
        result = pipeline.analyze(RawArticle(origin=Origin(), text=text, published=published))
    except DatelineError as exc:
        assert exc.code.startswith("E0")
        return
    assert unexpected(result) == []
