"""``dateline._invariants.check`` finds each kind of broken result, and passes a sound one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline._invariants import KNOWN, check, kind_of, unexpected
from dateline.types import Analysis, Dateline, Entity, Event, Mention, Paragraph, Quote, TimeExpr

TEXT = 'Police said "the road is closed" on Monday in Paris.'


def sound() -> Analysis:
    police = Entity("E1", "ORG", "Police", mentions=(Mention(0, 6, "Police"),))
    paris = Entity("E2", "LOC", "Paris", mentions=(Mention(46, 51, "Paris"),))
    quote = Quote(
        "Q1",
        "direct",
        "the road is closed",
        ((13, 31),),
        speaker="E1",
        speaker_text="Police",
        speaker_span=(0, 6),
        cue="said",
        cue_span=(7, 11),
    )
    event = Event("V1", "ACCUSE", source=("E1",), location="E2", sentence=(0, 52), trigger=(7, 11))
    return Analysis(
        id="a",
        text=TEXT,
        paragraphs=(Paragraph(0, len(TEXT)),),
        dateline=Dateline("PARIS", entity="E2"),
        entities=(police, paris),
        times=(TimeExpr(36, 42, "Monday", None, None),),
        quotes=(quote,),
        events=(event,),
    )


def test_a_sound_result_has_no_problem() -> None:
    assert check(sound()) == []


def with_quote(**changes: object) -> Analysis:
    result = sound()
    return replace(result, quotes=(replace(result.quotes[0], **changes),))


def with_event(**changes: object) -> Analysis:
    result = sound()
    return replace(result, events=(replace(result.events[0], **changes),))


def with_entity(**changes: object) -> Analysis:
    result = sound()
    return replace(result, entities=(replace(result.entities[0], **changes), result.entities[1]))


BROKEN = [
    ("mention text", with_entity(mentions=(Mention(0, 6, "Polite"),)), "text"),
    ("mention past the end", with_entity(mentions=(Mention(50, 60, "s."),)), "span"),
    ("time text", replace(sound(), times=(TimeExpr(36, 42, "Sunday", None, None),)), "text"),
    ("paragraph past the end", replace(sound(), paragraphs=(Paragraph(0, 99),)), "span"),
    ("unknown speaker", with_quote(speaker="E9"), "ref"),
    ("unknown actor", with_event(target=("E7",)), "ref"),
    ("unknown dateline entity", replace(sound(), dateline=Dateline("X", entity="E5")), "ref"),
    ("duplicate id", replace(sound(), events=sound().events * 2), "id"),
    ("trigger out of sentence", with_event(sentence=(0, 5)), "event-outside-sentence"),
    ("empty quote span", with_quote(spans=((13, 13),)), "quote"),
    (
        "speaker inside quote",
        with_quote(speaker_span=(17, 21), speaker_text="road"),
        "quote-speaker-inside",
    ),
    ("cue inside quote", with_quote(cue_span=(13, 16)), "quote-cue-inside"),
    ("entity without mention", with_entity(mentions=()), "entity-without-mention"),
    ("schema", with_quote(kind="shouted"), "schema"),
]


@pytest.mark.parametrize(("name", "result", "kind"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_result_is_found(name: str, result: Analysis, kind: str) -> None:
    problems = check(result)
    assert problems, name
    assert kind in {kind_of(p) for p in problems} and unexpected(result)
    assert kind not in KNOWN  # no kind is accepted any more


def test_the_dateline_place_needs_no_mention_in_the_text() -> None:
    # the structure stage cuts the dateline ("PARIS -") from the text: its entity's one
    # mention is the dateline itself
    result = sound()
    paris = replace(result.entities[1], mentions=())
    assert check(replace(result, entities=(result.entities[0], paris))) == []
