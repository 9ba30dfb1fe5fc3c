"""The learned event model (issue 13): loading, its decisions, training, and the test fifth.

- the shipped weights load; missing, corrupt or version-mismatched files are E022 errors
  that name the file;
- a spaCy model without the vectors the features need codes with the rules only, once
  warned, and says so in ``rule``;
- training is deterministic (the same tiny set gives the same weights, bit for bit);
- the rule coder's passed-over candidates: asking for them changes none of its events; the
  model promotes a candidate only when its most probable class is a type at or above the
  promote threshold, not inside a promoted candidate's clause, not past the sentence's
  limit, not twice; real train-split sentences the rules miss are promoted;
- sentences where a single word fires an event on a non-political sense (the issue's
  examples): the rules code an event at 0.8, the model drops it or gives it a low
  confidence; plain political events keep a high one;
- the accuracy gate on the annotated test fifth (floors in ``bench/baselines/events.json``).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from dateline.errors import BAD_EVENT_MODEL, ModelError
from dateline.events import _model
from dateline.events._coder import Candidate
from dateline.pipeline import Pipeline, Settings
from dateline.types import Analysis, Event, Origin, RawArticle
from tests.conftest import REPO, SHARED

SHIPPED = REPO / "src" / "dateline" / "data" / "events" / "model"


def _load_script(path: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED, folder)
    return folder


def test_the_shipped_model_loads_with_its_metadata() -> None:
    model = _model.default_model()
    assert model.classes[-1] == _model.NONE and len(model.classes) == 17
    assert model.weights.shape == (_model.DENSE + _model.HASH_BUCKETS, 17)
    for key in ("format_version", "feature_version", "vectors", "training", "date", "command"):
        assert key in model.meta
    assert len(model.meta["training"]["data_sha256"]) == 64


def _breaks(folder: Path, what: str) -> None:
    meta = folder / _model.META
    if what == "no-meta":
        meta.unlink()
    elif what == "no-weights":
        (folder / _model.WEIGHTS).unlink()
    elif what == "corrupt-weights":
        (folder / _model.WEIGHTS).write_bytes(b"PK\x03\x04 not really a zip")
    elif what == "corrupt-meta":
        meta.write_text("{not json", "utf-8")
    elif what == "no-promote":  # weights of format 1, before candidates were promoted
        data = json.loads(meta.read_text("utf-8"))
        del data["thresholds"]["promote"]
        meta.write_text(json.dumps(data), "utf-8")
    else:  # a version key changed
        data = json.loads(meta.read_text("utf-8"))
        data[what] += 1
        meta.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("what", "file", "says"),
    [
        ("no-meta", _model.META, "missing"),
        ("no-weights", _model.WEIGHTS, "missing"),
        ("corrupt-weights", _model.WEIGHTS, "corrupt"),
        ("corrupt-meta", _model.META, "cannot be read"),
        ("no-promote", _model.META, "incomplete"),
        ("format_version", _model.META, "format_version"),
        ("feature_version", _model.META, "feature_version"),
    ],
)
def test_a_broken_model_file_is_a_coded_error_naming_it(
    model_copy: Path, what: str, file: str, says: str
) -> None:
    _breaks(model_copy, what)
    with pytest.raises(ModelError) as info:
        _model.load_model(model_copy)
    assert info.value.code == BAD_EVENT_MODEL
    assert str(model_copy / file) in info.value.message and says in info.value.message


def test_training_is_deterministic_on_a_tiny_set() -> None:
    train = _load_script(REPO / "scripts" / "train_events.py", "train_events_script")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40, 12))
    y = np.arange(40) % len(train.CLASSES)
    ruled = np.eye(len(train.CLASSES))[(y + 1) % len(train.CLASSES)]  # the rules: all wrong
    first = train.fit(x, ruled, y, 1e-2)
    second = train.fit(x.copy(), ruled.copy(), y.copy(), 1e-2)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    # and it learns: the training rows are classified right, the rules' type is distrusted
    w, b, prior = first
    assert float(((x @ w + b + prior * ruled).argmax(axis=1) == y).mean()) >= 0.9
    assert prior < 0


# ---------------------------------------------------------------- promoting candidates

CLASSES = _model.default_model().classes


def _toy_model(promote: float) -> _model.EventModel:
    shape = (_model.DENSE + _model.HASH_BUCKETS, len(CLASSES))
    return _model.EventModel(
        CLASSES, np.zeros(shape), np.zeros(len(CLASSES)), 0.0, 0.9, 0.9, promote, 1.0, "", {}
    )


def _p(kind: str, value: float) -> np.ndarray:
    """Probabilities with ``value`` on ``kind`` and the rest spread evenly."""
    p = np.full(len(CLASSES), (1.0 - value) / (len(CLASSES) - 1))
    p[CLASSES.index(kind)] = value
    return p


def _candidate(
    at: int, kind: str = "ASSAULT", sentence: int = 0, source: tuple[str, ...] = (), **kw: object
) -> Candidate:
    event = Event(
        id="",
        type=kind,  # type: ignore[arg-type]
        cameo="190",
        source=source,
        sentence=(sentence, sentence + 100),
        trigger=(at, at + 5),
        rule="kill",
        confidence=0.8,
    )
    return Candidate(event, "actors", ("how=parse",), **kw)  # type: ignore[arg-type]


RULE_EVENT = Event(
    id="V1", type="ACCUSE", cameo="112", source=("E1",), sentence=(0, 100), trigger=(3, 8)
)
STATEMENT = Event(id="V1", type=None, cameo="010", sentence=(0, 100), trigger=(40, 45))


# (what it pins, rule events, candidates, probabilities by number, [(type, rule prefix)] out)
PROMOTIONS = [
    ("below-the-threshold-stays-out", [], [_candidate(10)], {0: _p("ASSAULT", 0.5)}, []),
    ("none-most-probable-stays-out", [], [_candidate(10)], {0: _p("NONE", 0.7)}, []),
    (
        "at-the-threshold-becomes-an-event",
        [],
        [_candidate(10)],
        {0: _p("ASSAULT", 0.6)},
        [("ASSAULT", "model:plover-linear 0.60 (candidate:actors kill)")],
    ),
    (
        "the-model-types-it",
        [],
        [_candidate(10)],
        {0: _p("COERCE", 0.8)},
        [("COERCE", "model:plover-linear 0.80")],
    ),
    (
        "inside-a-promoted-candidates-clause-stays-out",
        [],
        [_candidate(10), _candidate(30, swallowed_by=(0,))],
        {0: _p("REQUEST", 0.9), 1: _p("ASSAULT", 0.9)},
        [("REQUEST", "model:")],
    ),
    (
        "inside-an-unpromoted-candidates-clause-may-be-promoted",
        [],
        [_candidate(10), _candidate(30, swallowed_by=(0,))],
        {0: _p("NONE", 0.9), 1: _p("ASSAULT", 0.9)},
        [("ASSAULT", "model:")],
    ),
    (
        "same-type-and-parties-as-a-rule-event-stays-out",
        [RULE_EVENT],
        [_candidate(50, "ACCUSE", source=("E1",))],
        {1: _p("ACCUSE", 0.9)},
        [("ACCUSE", "")],
    ),
    (
        "same-type-and-no-party-of-its-own-stays-out",
        [replace(RULE_EVENT, target=("E2",))],
        [_candidate(50, "ACCUSE")],
        {1: _p("ACCUSE", 0.9)},
        [("ACCUSE", "")],
    ),
    (
        "same-type-with-a-party-of-its-own",
        [RULE_EVENT],
        [_candidate(50, "ACCUSE", source=("E3",))],
        {1: _p("ACCUSE", 0.9)},
        [("ACCUSE", ""), ("ACCUSE", "model:")],
    ),
    (
        "beside-a-rule-event-of-another-type",
        [RULE_EVENT],
        [_candidate(50)],
        {1: _p("ASSAULT", 0.9)},
        [("ACCUSE", ""), ("ASSAULT", "model:")],
    ),
    (
        "a-statement-on-its-trigger-gives-way",
        [STATEMENT],
        [_candidate(40, "REQUEST")],
        {1: _p("REQUEST", 0.9)},
        [("REQUEST", "model:")],
    ),
    (
        "in-sentence-order",
        [replace(RULE_EVENT, sentence=(200, 300), trigger=(203, 208))],
        [_candidate(10)],
        {1: _p("ASSAULT", 0.9)},
        [("ASSAULT", "model:"), ("ACCUSE", "")],
    ),
    (
        "no-more-than-the-limit",
        [],
        [_candidate(10 * k, kind) for k, kind in enumerate(("ASSAULT", "COERCE", "ACCUSE"), 1)],
        {n: _p(k, 0.9) for n, k in enumerate(("ASSAULT", "COERCE", "ACCUSE"))},
        [("ASSAULT", "model:"), ("COERCE", "model:")],
    ),
]


@pytest.mark.parametrize(
    ("events", "candidates", "probs", "want"),
    [case[1:] for case in PROMOTIONS],
    ids=[case[0] for case in PROMOTIONS],
)
def test_candidates_are_promoted_by_the_rule(
    events: list[Event],
    candidates: list[Candidate],
    probs: dict[int, np.ndarray],
    want: list[tuple[str, str]],
) -> None:
    model = _toy_model(0.6)
    probs = {**probs, **{n: _p(e.type, 0.9) for n, e in enumerate(events) if e.type}}
    got = _model.decide_all(events, candidates, probs, model, limit=2)
    assert len(got) == len(want)
    assert [(e.type, (e.rule or "")[: len(r)]) for e, (_, r) in zip(got, want, strict=True)] == want
    assert [e.id for e in got] == [f"V{n}" for n in range(1, len(got) + 1)]
    promoted = {c.event.trigger: probs[len(events) + k] for k, c in enumerate(candidates)}
    for event in got:
        if (event.rule or "").startswith("model:"):  # confidence: P of the type it got
            p = promoted[event.trigger][CLASSES.index(event.type or "")]
            assert event.confidence == round(float(p), 3)


def _analyse(pipeline: Pipeline, text: str) -> Analysis:
    result = pipeline.analyze(RawArticle(origin=Origin(), text=text, published="2024-05-02"))
    assert isinstance(result, Analysis)
    return result


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    return Pipeline(settings=Settings(model="md", event_model=False))


@pytest.fixture(scope="module")
def with_model() -> Pipeline:
    return Pipeline(settings=Settings(model="md", event_model=True))


# (sentence, the type the rules give a non-political sense of one word, or a hope, a
# question, a denial). Hand-written probes, none from the annotated set.
NOT_AN_EVENT = [
    ("Officials in California warned that the wildfire was too big to contain.", "THREATEN"),
    ("The Japanese are friendly and accepting, the ambassador said.", "AGREE"),
    ("The ministry released its annual assessment of the economy on Monday.", "RETREAT"),
    ("Germany's chancellor hopes to meet the Chinese president next month.", "CONSULT"),
    pytest.param(
        "Will Russia attack Ukraine again next year?",
        "ASSAULT",
        marks=pytest.mark.xfail(
            strict=True,
            reason="feature version 2 (trained with the passed-over candidates) doubts the "
            "question (0.52, the plain act 0.78) but no longer below 0.3; open",
        ),
    ),
]
LOW = 0.3


@pytest.mark.parametrize(("text", "wrong"), NOT_AN_EVENT)
def test_the_model_drops_or_doubts_what_is_no_event(
    rules_only: Pipeline, with_model: Pipeline, text: str, wrong: str
) -> None:
    ruled = [e for e in _analyse(rules_only, text).events if e.type == wrong]
    assert ruled and all((e.confidence or 0) >= 0.8 for e in ruled)
    kept = [e for e in _analyse(with_model, text).events if e.type == wrong]
    assert all((e.confidence or 0) < LOW for e in kept)


@pytest.mark.xfail(
    strict=True, reason="the model promotes the denied 'accusations' as an ACCUSE (0.47); open"
)
def test_a_denied_accusation_is_no_accusation(with_model: Pipeline) -> None:
    # the rules code the denial (CAMEO 016, untyped); the annotation guidelines a REJECT
    result = _analyse(with_model, "Iran denied the accusations on Friday.")
    assert not [e for e in result.events if e.type == "ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested three protesters in Paris on Monday.",
        "Iran's foreign minister met his Iraqi counterpart in Baghdad on Sunday.",
    ],
)
def test_plain_political_events_keep_a_high_confidence(with_model: Pipeline, text: str) -> None:
    typed = [e for e in _analyse(with_model, text).events if e.type]
    assert typed and max(e.confidence or 0 for e in typed) > 0.6


# hand-written in the shapes the rules pass over: a sentence naming no political actor or
# name (the pre-filter), and an act whose agent the entity stage does not make political
PASSED_OVER = (
    "An individual has been arrested after a shooting at a school. "
    "The group said it had killed more than 10 soldiers near Kabul."
)


def test_asking_for_candidates_changes_no_event(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline(settings=Settings(model="md", event_model=False))
    stage = pipeline._nlp().get_pipe("dateline_events")
    seen: list[tuple[object, object, list[Candidate]]] = []
    original = stage.annotate

    def annotate(doc: object, article: object) -> None:
        original(doc, article)
        events, candidates = stage.code(doc, article, candidates=True)
        seen.append((doc._.events, events, candidates))  # type: ignore[attr-defined]

    monkeypatch.setattr(stage, "annotate", annotate)
    _analyse(pipeline, PASSED_OVER)
    ((plain, asked, candidates),) = seen
    assert plain == asked
    assert {c.dropped_by for c in candidates} == {"sentence+actors", "actors"}
    assert all(c.event.trigger and c.event.type and c.cues for c in candidates)


# Real sentences of the annotated set's TRAIN split (never the test fifth) that the rules
# code no typed event in: the model promotes a passed-over trigger to the annotated type.
# (sentence, type, trigger)
PROMOTED = [
    ("The forestry department arrested them.", "COERCE", "arrested"),
    (
        "Another man, who was was arrested on the day of the theft, was released on bail.",
        "COERCE",
        "arrested",
    ),
    (
        "I urge my colleagues to submit this constitutional amendment to the states for "
        "speedy ratification.",
        "REQUEST",
        "urge",
    ),
    (
        "The Islamist militant group al-Shabab immediately claimed responsibility for the attack.",
        "ASSAULT",
        "attack",
    ),
    (
        '"We have consistently urged the Haitian authorities to take steps to strengthen the '
        "rule of law and the justice sector.",
        "REQUEST",
        "urged",
    ),
    ("The request was advanced by the Municipality of Livorno in 2010.", "REQUEST", "request"),
]


@pytest.mark.parametrize(("text", "kind", "trigger"), PROMOTED)
def test_the_model_promotes_what_the_rules_passed_over(
    rules_only: Pipeline, with_model: Pipeline, text: str, kind: str, trigger: str
) -> None:
    assert not [e for e in _analyse(rules_only, text).events if e.type]
    result = _analyse(with_model, text)
    got = [e for e in result.events if e.type == kind and (e.rule or "").startswith("model:")]
    assert got, [(e.type, e.rule) for e in result.events]
    event = got[0]
    assert event.trigger and result.text[event.trigger[0] : event.trigger[1]] == trigger
    assert event.confidence and event.confidence >= _model.default_model().promote
    said = float((event.rule or "").split()[1])  # "model:plover-linear 0.87 (...)"
    assert abs(said - event.confidence) <= 0.0051  # rounded to 2 and to 3 places


def test_the_model_is_on_by_default(with_model: Pipeline) -> None:
    assert Settings().event_model is True
    text = "Russian troops attacked Ukrainian positions near Kharkiv."
    plain = _analyse(Pipeline(settings=Settings(model="md")), text)
    assert plain.events == _analyse(with_model, text).events
    assert all("model" in (e.rule or "") for e in plain.events if e.type)


def test_events_say_the_model_decided(with_model: Pipeline) -> None:
    result = _analyse(with_model, "Russian troops attacked Ukrainian positions near Kharkiv.")
    typed = [e for e in result.events if e.type]
    assert typed and all("model" in (e.rule or "") for e in typed)
    assert all(e.confidence is not None and 0.0 < e.confidence <= 1.0 for e in typed)


def test_without_vectors_the_rules_code_alone_once_warned() -> None:
    _model._warned.clear()
    pipeline = Pipeline(settings=Settings(model="sm", event_model=True))
    text = "Russian troops attacked Ukrainian positions near Kharkiv."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = _analyse(pipeline, text)
        _analyse(pipeline, text)
    said = [w for w in caught if "rules only" in str(w.message)]
    assert len(said) == 1
    typed = [e for e in first.events if e.type]
    assert typed and all(_model.RULES_ONLY in (e.rule or "") for e in typed)


@pytest.mark.bench
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data is not present")
def test_the_annotated_test_fifth_stays_above_its_floors() -> None:
    bench = _load_script(REPO / "bench" / "events.py", "bench_events_fifth")
    floors = json.loads((REPO / "bench" / "baselines" / "events.json").read_text("utf-8"))[
        "test_fifth_floors"
    ]
    shipped = "model" if Settings().event_model else "rules"
    got = bench.measure_test_fifth((shipped,))[shipped]
    below = {k: (got[k], v) for k, v in floors.items() if got[k] < v}
    assert not below, f"test fifth below its floors (got, floor): {below}"
