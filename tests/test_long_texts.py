"""Long and hostile texts: analysed in windows, bounded, or failed with a code; never a crash.

The speed of each stage on hostile shapes is measured by ``bench/hostile.py``; the tests
here check outcomes (a result with exact offsets, or the coded failure) and work counters,
never wall-clock times.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bench._texts import numbered_news

import dateline.engines._batch
import dateline.pipeline
from dateline import errors
from dateline.cli._main import main
from dateline.corpus import Store
from dateline.nlp import (
    RUN_LIMIT,
    RUN_PIECE,
    BoundedTokenizer,
    cut_sentences,
    load_model,
    model_text,
    restore_text,
    split_windows,
)
from dateline.pipeline import STAGES, Pipeline, Settings
from dateline.time import _find
from dateline.time._detect import _trail_start
from dateline.time._norm import _cut_tail
from dateline.types import Analysis, Failure, Origin, RawArticle

from .conftest import SEED

NEWS = SEED.read_text("utf-8")


def _raw(text: str, name: str) -> RawArticle:
    return RawArticle(origin=Origin(path=name), text=text)


def _offset_problems(result: Analysis) -> list[str]:
    """Every offset that does not point at the text it claims."""
    text = result.text
    out = []
    for entity in result.entities:
        out += [f"mention {m}" for m in entity.mentions if text[m.start : m.end] != m.text]
    out += [f"time {t}" for t in result.times if text[t.start : t.end] != t.text]
    for q in result.quotes:
        if q.speaker_span and text[q.speaker_span[0] : q.speaker_span[1]] != q.speaker_text:
            out.append(f"quote speaker {q.id}")
        if any(not 0 <= a < b <= len(text) for a, b in q.spans):
            out.append(f"quote span {q.id}")
    for ev in result.events:
        if ev.evidence is not None and ev.evidence not in text:
            out.append(f"event evidence {ev.id}")
        for span in (ev.sentence, ev.trigger):
            if span is not None and not 0 <= span[0] < span[1] <= len(text):
                out.append(f"event span {ev.id}")
    return out


# ------------------------------------------------------------------ the pieces, unit level


@pytest.mark.parametrize("size", [50, 200, 1000])
def test_windows_cover_the_text_in_order(size: int) -> None:
    rng = random.Random(size)
    words = ["talks", "ended", ".", "\n\n", "a" * 300, "x", " "]
    text = " ".join(rng.choice(words) for _ in range(2000))
    windows = split_windows(text, size)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a < b <= a + size for a, b in windows)
    assert all(windows[k][1] == windows[k + 1][0] for k in range(len(windows) - 1))


def test_windows_end_after_a_paragraph_break() -> None:
    text = ("A sentence here. " * 5 + "\n\n") * 50
    windows = split_windows(text, 400)
    assert len(windows) > 1
    assert all(text[a:b].endswith("\n\n") for a, b in windows[:-1])


@pytest.mark.parametrize(
    "text",
    ['"' * 5000, "He said " + "!?" * 3000 + " and left.", "-" * 63, "a" + "." * 64 + "b"],
)
def test_punctuation_runs_keep_text_and_offsets(text: str) -> None:
    nlp = load_model().nlp
    shaped = model_text(text)
    assert len(shaped) == len(text)
    doc = restore_text(nlp.make_doc(shaped), text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


class _Counting:
    """spaCy's tokenizer, counting its work: the sum of the squared lengths of the texts it
    is given (its cost on a whitespace-free run of affixes grows with the length squared)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.work = 0

    def __call__(self, text: str) -> Any:
        self.work += len(text) ** 2
        return self.tokenizer(text)


@pytest.mark.parametrize(
    "text",
    ['"' * 50_000, "a" + "'s" * 25_000, "He said " + "!" * 50_000 + " and left."],
    ids=["quotes", "possessives", "exclamations"],
)
def test_long_runs_without_whitespace_pass_the_tokenizer_with_bounded_work(text: str) -> None:
    nlp = load_model().nlp
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    counting = _Counting(nlp.tokenizer.tokenizer)
    doc = BoundedTokenizer(counting)(text)
    # spaCy's own tokenizer on the whole run: len(text) ** 2, 2.5e9 for 50,000 marks; in
    # pieces of at most 128 characters, at most 128 * len(text) (plus the text around)
    assert RUN_PIECE <= 128
    assert counting.work <= 128 * len(text) + 2 * RUN_LIMIT**2
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)


@pytest.mark.parametrize(
    "text",
    [
        'He said "hello" ' + "x" * 1500 + " and (then) more.\n\nNew para",
        "x" * 1500,
        "x" * (RUN_LIMIT + 1) + "  \n y",
        " \n" + "x" * 1500 + "\n",
        "Don't go " + "y" * 2048 + " isn't it's",
        "a" * 1100 + " " + "b" * 1100 + "   " + "c" * 1100,
    ],
)
def test_text_around_a_long_run_is_tokenized_as_spacy_does(text: str) -> None:
    # a run of one letter costs spaCy little: its own tokens of the whole text are the
    # reference for every token outside the runs
    tokenizer = load_model().nlp.tokenizer
    doc, plain = tokenizer(text), tokenizer.tokenizer(text)

    def outside(d: Any) -> list[tuple[int, str, str, str]]:
        return [
            (t.idx, t.text, t.whitespace_, t.norm_)
            for t in d
            if not any(ch * 2 in t.text for ch in "xyabc")
        ]

    assert doc.text == text
    assert outside(doc) == outside(plain)
    assert len(doc) > len(plain)  # the runs were cut


def test_text_without_a_long_run_is_spacys_own_tokenization() -> None:
    tokenizer = load_model().nlp.tokenizer
    text = NEWS + " " + "x" * RUN_LIMIT
    assert BoundedTokenizer.segments(text) == [(0, len(text))]
    ours, plain = tokenizer(text), tokenizer.tokenizer(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [
        (t.text, t.whitespace_, t.norm_) for t in plain
    ]


def test_the_bounded_tokenizer_pickles() -> None:
    tokenizer = load_model().nlp.tokenizer
    again = pickle.loads(pickle.dumps(tokenizer))
    assert isinstance(again, BoundedTokenizer)
    assert again('"' * 3000).text == '"' * 3000


def test_a_giant_sentence_is_cut_into_bounded_pieces() -> None:
    nlp = load_model().nlp
    doc = nlp("The minister said that " + "officials met delegates and " * 400 + "left.")
    longest = max(len(s) for s in doc.sents)
    assert longest > 300
    assert cut_sentences(doc, 300) >= 1
    assert max(len(s) for s in doc.sents) <= 300
    assert sum(1 for t in doc if t.dep_ == "ROOT") >= 2
    assert cut_sentences(doc, 300) == 0


def test_the_time_trailers_match_their_regexes() -> None:
    trail = re.compile(r"(?:\s*(?:'s|’s|[,.;:!?\"“”'’)(]|--?))+$")
    tail = re.compile(r"(?:'s|’s|[\s,.;:!?'\"’)]+)$")
    rng = random.Random(16)
    alphabet = "ab s'’,.-\n\"“)(;\t"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9)))
        m = trail.search(text)
        assert _trail_start(text) == (m.start() if m else -1), text
        flat = text.replace("\n", " ")  # _clean collapses blanks before it cuts the tail
        assert _cut_tail(flat) == tail.sub("", flat), flat


def test_a_long_time_span_tries_a_bounded_number_of_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    real = _find.normalise

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_find, "normalise", counting)
    text = "zz " * 3000
    assert _find._best_part(text, 0, len(text), None, None, None) is None
    assert len(calls) <= 2 * _find.PART_WORDS


# ------------------------------------------------------------------ the pipeline


@pytest.fixture(scope="module")
def hostile() -> dict[str, str]:
    rng = random.Random(7)
    return {
        "quotes": '"' * 20_000,
        "possessives": "a" + "'s" * 10_000,
        "relative": "two days ago " * 1_500,
        "months": "January February March April May June July " * 500,
        "according": "according to the report of the ministry " * 500,
        "according_verb": "according to show insiders " * 700,
        "latin1": "".join(chr(rng.randrange(0x20, 0x100)) for _ in range(20_000)),
        "sentence": "The minister said that " + "officials met delegates and " * 800 + "left.",
    }


def test_hostile_shapes_finish_within_a_budget(hostile: dict[str, str]) -> None:
    # generous: a shape that went quadratic again would pass it and fail with E051
    settings = Settings(time_budget=240, window_chars=15_000)
    results = list(Pipeline(settings=settings).analyze_many(_raw(t, k) for k, t in hostile.items()))
    assert len(results) == len(hostile)
    for name, result in zip(hostile, results, strict=True):
        assert isinstance(result, Analysis), (name, result)
        assert _offset_problems(result) == [], name


class _Unbudgeted(Pipeline):
    """The pipeline without its time budget (a wall clock: a loaded machine must not turn
    the long article into an E051 failure here; the budget has its own tests)."""

    def __init__(self, *args: Any, settings: Settings | None = None, **kwargs: Any) -> None:
        super().__init__(*args, settings=replace(settings or Settings(), time_budget=0), **kwargs)


def test_a_long_article_and_a_huge_csv_field_go_through_ingest_with_their_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a 1.2 MB article in a JSONL batch (analysed in windows) and a 12 MB CSV field (over
    # Settings.max_chars: a failure row), each between short articles, in one ingest run
    monkeypatch.setattr(dateline.pipeline, "Pipeline", _Unbudgeted)
    monkeypatch.setattr(dateline.engines._batch, "Pipeline", _Unbudgeted)
    long_text = numbered_news(1_200_000)
    jsonl = tmp_path / "articles.jsonl"
    records = [("before", NEWS), ("long", long_text), ("after", "Talks resumed on Tuesday.")]
    jsonl.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in records))
    table = tmp_path / "fields.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text"])
        writer.writerow(["small", "The talks in Geneva ended on Monday."])
        writer.writerow(["huge", "The talks went on. " * 640_000])  # 12.2 MB
        writer.writerow(["small2", "The ministers met again in Vienna on Friday."])
    db = tmp_path / "corpus.duckdb"
    err = io.StringIO()
    code = main(["ingest", str(jsonl), str(table), "--db", str(db)], out=io.StringIO(), err=err)
    assert code == 2, err.getvalue()  # one failed record, reported in the exit status
    with Store.open(db) as store:
        assert store.count("articles") == 5
        failures = store.con.execute("SELECT record, code FROM failures").fetchall()
        assert failures == [("huge", errors.TOO_LONG)]
        ((long_id, size),) = store.con.execute(
            "SELECT id, length(text) FROM articles WHERE length(text) > 1000000"
        ).fetchall()
        assert size > 1_150_000
        times, last = store.con.execute(
            "SELECT count(*), max(start) FROM times WHERE article_id = ?", [long_id]
        ).fetchone()
        assert times > 1000
        assert last > size - 20_000  # the last window's results are there too
        for table_name in ("entities", "quotes", "events"):
            (n,) = store.con.execute(
                f"SELECT count(*) FROM {table_name} WHERE article_id = ?", [long_id]
            ).fetchone()
            assert n > 0, table_name


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        (Settings(max_chars=2_000), errors.TOO_LONG),
        (Settings(memory_budget_mb=1), errors.OVER_MEMORY),
        (Settings(time_budget=1e-9), errors.OVER_TIME),
    ],
)
def test_over_a_budget_is_a_coded_failure_and_the_batch_goes_on(
    settings: Settings, code: str
) -> None:
    long_text = (NEWS + "\n\n") * 3
    batch = [_raw("Talks ended on Monday.", "short"), _raw(long_text, "long")]
    if code != errors.OVER_TIME:
        batch.append(_raw("Talks resumed on Tuesday.", "short2"))
    results = list(Pipeline(settings=settings).analyze_many(batch))
    assert isinstance(results[0], Analysis) or code == errors.OVER_TIME
    failure = results[1]
    assert isinstance(failure, Failure) and failure.code == code
    assert failure.origin.path == "long"
    if code != errors.OVER_TIME:
        assert isinstance(results[2], Analysis)


def test_over_the_time_budget_in_analyze_raises_the_code() -> None:
    with pytest.raises(errors.DatelineError) as caught:
        Pipeline(settings=Settings(time_budget=1e-9)).analyze(_raw(NEWS, "one"))
    assert caught.value.code == errors.OVER_TIME


def test_windows_give_the_same_results_as_one_doc_on_a_short_article() -> None:
    whole = Pipeline().analyze(_raw(NEWS, "whole"))
    windowed = Pipeline(settings=Settings(window_chars=len(NEWS) // 2)).analyze(
        _raw(NEWS, "windowed")
    )
    assert _offset_problems(windowed) == []
    # the windows cut at paragraph breaks: most results are the same
    same = {(t.start, t.end, t.value) for t in whole.times} & {
        (t.start, t.end, t.value) for t in windowed.times
    }
    assert len(same) >= 0.8 * len(whole.times)
    assert set(STAGES)  # every component ran on the joined Doc
    assert windowed.entities and windowed.quotes
