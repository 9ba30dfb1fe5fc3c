"""Who did what to whom: the source and target of events, their country and sector.

The sentence cases are in ``tests/cases/events.jsonl`` (run by ``test_cases.py``); here is
what needs the internals. The conventions are those of the PLOVER gold standard records (a
demonym on an act stands for its state, the place of an act with no other target is its
target, an authority's act done in a country with no agent named is that country's).
"""

from __future__ import annotations

from dateline.events._roles import ActorMap, verb_roles
from dateline.pipeline import Pipeline
from dateline.types import Analysis, Origin, RawArticle


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    raw = RawArticle(origin=Origin(record="t"), text=text, published="2000-01-01")
    return pipeline.analyze(raw)


def names(result: Analysis, ids: tuple[str, ...]) -> list[str]:
    by_id = {e.id: e for e in result.entities}
    return [by_id[i].name for i in ids]


def test_recipient_of_a_delivery_is_the_target_not_a_place(pipeline: Pipeline) -> None:
    text = "Uzbekistan opened the bridge to allow the delivery of grain to Afghanistan."
    result = analyse(pipeline, text)
    doc = pipeline.model(text)
    opened = next(t for t in doc if t.lemma_ == "open")
    roles = verb_roles(opened, ActorMap(result.entities, next(iter(doc.sents))))
    assert names(result, roles.source) == ["Uzbekistan"]
    assert names(result, roles.target) == ["Afghanistan"]
