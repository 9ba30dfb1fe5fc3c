"""Single-sentence cases, table-driven: ``tests/cases/<stage>.jsonl`` (format: cases/README.md).

Every case runs through the public pipeline (``Pipeline.analyze_many``, the same stages as
``Pipeline.analyze``); the cases of a table are analysed in one batch, once per session, and
one parametrized test per stage checks the facts a case expects with the small matchers
below.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.pipeline import Pipeline
from dateline.types import Analysis, Entity, Event, Mention, Origin, Quote, RawArticle, TimeExpr

CASES = Path(__file__).resolve().parent / "cases"
STAGES = ("times", "entities", "quotes", "events")

Case = dict[str, Any]


def load(stage: str) -> list[Case]:
    path = CASES / f"{stage}.jsonl"
    cases = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), f"{path.name}: case names repeat"
    return cases


TABLES = {stage: load(stage) for stage in STAGES}


def params(stage: str) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in TABLES[stage]]


def key(case: Case) -> tuple[str, str | None]:
    return case["text"], case.get("published")


class Analyses:
    """The cases' analyses: a table's cases are analysed together, in one batch, the first
    time one of them is asked for (so ``-k`` on one stage analyses only that table)."""

    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        self.done: dict[tuple[str, str | None], Analysis] = {}

    def of(self, stage: str, case: Case) -> Analysis:
        if key(case) not in self.done:
            keys = [k for k in dict.fromkeys(key(c) for c in TABLES[stage]) if k not in self.done]
            raws = [
                RawArticle(origin=Origin(record=str(i)), text=text, published=published)
                for i, (text, published) in enumerate(keys)
            ]
            for k, result in zip(keys, self.pipeline.analyze_many(raws), strict=True):
                assert isinstance(result, Analysis), result
                self.done[k] = result
        return self.done[key(case)]


@pytest.fixture(scope="session")
def analyses(pipeline: Pipeline) -> Analyses:
    return Analyses(pipeline)


# ------------------------------------------------------------------------------ matching


def check_fields(what: str, got: dict[str, Any], expect: dict[str, Any]) -> None:
    """Each expected field equals the value got; ``x_prefix``, ``x_suffix``, ``x_has``,
    ``x_lacks``, ``x_set`` and ``x_in`` test that ``x`` starts with, ends with, contains, does
    not contain the expected value(s), holds the same items in any order, or is one of the
    values listed."""
    for field, want in expect.items():
        for suffix, test in SUFFIXES.items():
            if field.endswith(suffix) and field[: -len(suffix)] in got:
                value = got[field[: -len(suffix)]]
                ok = value is not None and test(value, want)
                assert ok, f"{what}: {field} {want!r}, got {value!r}"
                break
        else:
            assert field in got, f"{what}: no field {field!r} (fields: {sorted(got)})"
            assert got[field] == want, f"{what}: {field} {want!r}, got {got[field]!r}"


def listed(want: Any) -> list[Any]:
    return want if isinstance(want, list) else [want]


SUFFIXES: dict[str, Callable[[Any, Any], bool]] = {
    "_prefix": lambda value, want: str(value).startswith(want),
    "_suffix": lambda value, want: str(value).endswith(want),
    "_has": lambda value, want: all(w in value for w in listed(want)),
    "_lacks": lambda value, want: not any(w in value for w in listed(want)),
    "_set": lambda value, want: sorted(value) == sorted(want),
    "_in": lambda value, want: value in want,
}


def matches(got: dict[str, Any], expect: dict[str, Any]) -> bool:
    try:
        check_fields("", got, expect)
    except AssertionError:
        return False
    return True


# times: select by text (the first expression whose text contains it)


def time_facts(t: TimeExpr) -> dict[str, Any]:
    return {
        "text": t.text,
        "value": t.value,
        "type": t.type,
        "anchor": t.anchor,
        "mod": t.mod,
        "granularity": t.granularity,
    }


def check_times(result: Analysis, expect: dict[str, Any]) -> None:
    times = result.times
    texts = [t.text for t in times]
    for spec in expect.get("times", []):
        spec = dict(spec)
        phrase = spec.pop("text")
        found = [t for t in times if phrase in t.text]
        assert found, f"{phrase!r} not found in {texts}"
        check_fields(f"time {phrase!r}", time_facts(found[0]), spec)
    if "all" in expect:  # the whole list, in order, with the fields each entry names
        assert len(times) == len(expect["all"]), f"times {texts}, expected {expect['all']}"
        for t, spec in zip(times, expect["all"], strict=True):
            check_fields(f"time {t.text!r}", time_facts(t), spec)
    if "valued" in expect:  # the expressions that have a value, in order
        valued = [{"text": t.text, "value": t.value} for t in times if t.value is not None]
        assert valued == expect["valued"], f"times with a value {valued}"
    for text in expect.get("absent", []):
        assert text.casefold() not in {t.casefold() for t in texts}, f"{text!r} in {texts}"
    for spec in expect.get("some", []):  # at least one expression has these facts
        assert any(matches(time_facts(t), spec) for t in times), f"no {spec} in {texts}"


# entities: select by name (exactly one entity whose name or an alias is it)


def entity_facts(e: Entity) -> dict[str, Any]:
    return {
        "name": e.name,
        "kind": e.kind,
        "country": e.country,
        "sector": e.sector,
        "code": e.code,
        "code_from": e.code_from,
        "titles": list(e.titles),
        "aliases": list(e.aliases),
        "mentions": [m.text for m in e.mentions],
        "names": [m.text for m in e.mentions if m.kind == "name"],
        "nominals": [m.text for m in e.mentions if m.kind == "nominal"],
        "pronouns": [m.text for m in e.mentions if m.kind == "pronoun"],
        "demonyms": [m.text for m in e.mentions if m.kind == "demonym"],
        "geo": None if e.geo is None else e.geo.name,
    }


def entity_named(result: Analysis, name: str) -> Entity:
    found = [e for e in result.entities if name == e.name or name in e.aliases]
    assert len(found) == 1, (name, [(e.name, e.aliases) for e in result.entities])
    return found[0]


def check_entities(result: Analysis, expect: dict[str, Any]) -> None:
    for name, spec in expect.get("entities", {}).items():
        check_fields(f"entity {name!r}", entity_facts(entity_named(result, name)), spec)
    for spec in expect.get("absent", []):  # no entity has all these facts
        bad = [e.name for e in result.entities if matches(entity_facts(e), spec)]
        assert not bad, f"{spec} matched {bad}"
    for spec in expect.get("some", []):  # at least one entity has all these facts
        some = [e.name for e in result.entities if matches(entity_facts(e), spec)]
        assert some, f"no entity {spec} in {[e.name for e in result.entities]}"
    if "names" in expect:  # the set of all entity names
        assert sorted(e.name for e in result.entities) == sorted(expect["names"])
    for group in expect.get("distinct", []):  # named entities that must not be merged
        ids = [entity_named(result, name).id for name in group]
        assert len(set(ids)) == len(ids), f"{group} are one entity"
    for spec in expect.get("count", []):  # {"count": n, ...facts}: n entities have the facts
        spec = dict(spec)
        n = spec.pop("count")
        found = [e.name for e in result.entities if matches(entity_facts(e), spec)]
        assert len(found) == n, f"{spec}: {found}"


# quotes: select by fragment (exactly one quote whose text contains it)


def names_of(result: Analysis, ids: tuple[str, ...]) -> list[str]:
    by_id = {e.id: e for e in result.entities}
    return [by_id[i].name for i in ids]


def quote_facts(result: Analysis, q: Quote) -> dict[str, Any]:
    speaker = None if q.speaker is None else names_of(result, (q.speaker,))[0]
    return {
        "kind": q.kind,
        "text": q.text,
        "spans": len(q.spans),
        "spans_text": " ".join(result.text[s:e] for s, e in q.spans),
        "speaker": speaker,
        "speaker_text": q.speaker_text,
        "speaker_span_text": None
        if q.speaker_span is None
        else result.text[slice(*q.speaker_span)],
        "speaker_in_quote": q.speaker_span is not None
        and any(q.speaker_span[0] < e and s < q.speaker_span[1] for s, e in q.spans),
        "cue": q.cue,
        "cue_span_text": None if q.cue_span is None else result.text[slice(*q.cue_span)],
        "rule": q.rule,
    }


def check_quotes(result: Analysis, expect: dict[str, Any]) -> None:
    quotes = result.quotes
    for spec in expect.get("quotes", []):
        spec = dict(spec)
        fragment = spec.pop("fragment")
        found = [q for q in quotes if fragment in q.text]
        assert len(found) == 1, f"{fragment!r} in {[q.text for q in quotes]}"
        check_fields(f"quote {fragment!r}", quote_facts(result, found[0]), spec)
    for spec in expect.get("absent", []):  # no quote has all these facts
        bad = [q.text for q in quotes if matches(quote_facts(result, q), spec)]
        assert not bad, f"{spec} matched {bad}"
    if "texts" in expect:  # the texts of all quotes, in order
        assert [q.text for q in quotes] == expect["texts"]
    if "count" in expect:
        assert len(quotes) == expect["count"], [q.text for q in quotes]


# events: at least one event has all the facts of a spec


def event_facts(result: Analysis, e: Event) -> dict[str, Any]:
    by_id = {x.id: x for x in result.entities}
    return {
        "type": e.type,
        "typed": e.type is not None,
        "mode": e.mode,
        "cameo": e.cameo,
        "rule": e.rule,
        "source": names_of(result, e.source),
        "sources": len(e.source),
        "target": names_of(result, e.target),
        "source_countries": [by_id[i].country for i in e.source],
        "target_countries": [by_id[i].country for i in e.target],
        "target_sectors": [by_id[i].sector for i in e.target],
        "location": None if e.location is None else names_of(result, (e.location,))[0],
        "location_from": e.location_from,
        "date": e.date,
        "date_granularity": e.date_granularity,
        "negated": e.negated,
        "hypothetical": e.hypothetical,
        "future": e.future,
        "historical": e.historical,
        "question": e.question,
        "obligation": e.obligation,
        "claimed_by": None if e.claimed_by is None else names_of(result, (e.claimed_by,))[0],
    }


def check_events(result: Analysis, expect: dict[str, Any]) -> None:
    facts = [event_facts(result, e) for e in result.events]
    summary = [(f["type"], f["rule"], f["source"], f["target"]) for f in facts]
    for spec in expect.get("one", []):  # exactly one event of the type, with the facts
        found = [f for f in facts if f["type"] == spec["type"]]
        assert len(found) == 1, f"expected one {spec['type']} event: {summary}"
        check_fields(f"event {spec['type']}", found[0], spec)
    for spec in expect.get("events", []):
        assert any(matches(f, spec) for f in facts), f"no event {spec} in {summary}"
    for spec in expect.get("absent", []):
        assert not any(matches(f, spec) for f in facts), f"an event {spec} in {summary}"
    if "types" in expect:  # the types of all typed events, in order
        assert [f["type"] for f in facts if f["type"]] == expect["types"], summary
    if "all_types" in expect:  # the types of all events (null: untyped), in order
        assert [f["type"] for f in facts] == expect["all_types"], summary
    if "cameos" in expect:  # the CAMEO codes of all events, in order
        assert [f["cameo"] for f in facts] == expect["cameos"], summary
    if "first" in expect:  # the first event, in text order
        assert facts, "no event"
        check_fields("the first event", facts[0], expect["first"])
    for spec in expect.get("all", []):  # every event has these facts (and there is one)
        assert facts and all(matches(f, spec) for f in facts), f"{spec} not all in {summary}"
    for spec in expect.get("count", []):  # {"count" or "at_least": n, ...facts}
        spec = dict(spec)
        exact, least = spec.pop("count", None), spec.pop("at_least", None)
        n = sum(1 for f in facts if matches(f, spec))
        assert n == exact if exact is not None else n >= least, f"{n} events {spec}: {summary}"
    if "entities" in expect:
        check_entities(result, {"entities": expect["entities"]})


@pytest.mark.parametrize("case", params("times"))
def test_times(case: Case, analyses: Analyses) -> None:
    check_times(analyses.of("times", case), case["expect"])


@pytest.mark.parametrize("case", params("entities"))
def test_entities(case: Case, analyses: Analyses) -> None:
    check_entities(analyses.of("entities", case), case["expect"])


@pytest.mark.parametrize("case", params("quotes"))
def test_quotes(case: Case, analyses: Analyses) -> None:
    check_quotes(analyses.of("quotes", case), case["expect"])


@pytest.mark.parametrize("case", params("events"))
def test_events(case: Case, analyses: Analyses) -> None:
    check_events(analyses.of("events", case), case["expect"])


# ------------------------------------------------------------------ the matchers themselves


def test_the_negative_matchers_catch_what_they_exclude() -> None:
    """``absent``, ``count`` and ``_lacks`` fail when the excluded fact is there (the cases
    that only exclude something are checked by these matchers)."""
    text = "UTC said daily the plan had failed."
    ent = Entity("E1", "ORG", "UTC", mentions=(Mention(0, 3, "UTC"),))
    result = Analysis(
        id="t",
        text=text,
        entities=(ent,),
        times=(TimeExpr(9, 14, "daily", "P1D", "set", "SET"),),
        quotes=(Quote("Q1", "indirect", "the plan had failed", ((15, 34),), "E1", "UTC"),),
        events=(Event("V1", "CONSULT", cameo="040", source=("E1",)),),
    )
    wrong: list[tuple[Callable[[Analysis, dict[str, Any]], None], dict[str, Any]]] = [
        (check_times, {"absent": ["Daily"]}),
        (check_times, {"all": []}),
        (check_entities, {"absent": [{"name": "UTC"}]}),
        (check_entities, {"names": []}),
        (check_entities, {"entities": {"UTC": {"mentions_lacks": "UTC"}}}),
        (check_quotes, {"count": 0}),
        (check_quotes, {"absent": [{"speaker_text": "UTC"}]}),
        (check_quotes, {"quotes": [{"fragment": "plan", "text_lacks": "failed"}]}),
        (check_events, {"absent": [{"source_has": "UTC"}]}),
        (check_events, {"types": []}),
        (check_events, {"count": [{"count": 0, "cameo": "040"}]}),
    ]
    for check, expect in wrong:
        with pytest.raises(AssertionError):
            check(result, expect)
