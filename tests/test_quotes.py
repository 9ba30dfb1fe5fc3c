"""Quotes with their speakers: quotation marks, bad input, the library API and the seed; the
sentence cases (direct, indirect and mixed speech, floating quotes) are in
``tests/cases/quotes.jsonl``."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dateline.pipeline import Pipeline
from dateline.quotes import find_quotes
from dateline.quotes._marks import find_regions
from dateline.types import Analysis, Article, Entity, Mention, Quote

# ------------------------------------------------------------------------- helpers


def _article(text: str) -> Article:
    return Article(id="t", text=text, paragraphs=())


def _person(eid: str, name: str, text: str, *extra: tuple[str, str]) -> Entity:
    """An entity with every occurrence of ``name`` (and of extra (word, kind)) as mentions."""
    mentions = [
        Mention(m.start(), m.end(), m.group(), "name") for m in re.finditer(re.escape(name), text)
    ]
    for word, kind in extra:
        mentions += [
            Mention(m.start(), m.end(), m.group(), kind)
            for m in re.finditer(rf"\b{re.escape(word)}\b", text)
        ]
    mentions.sort(key=lambda m: m.start)
    return Entity(id=eid, kind="PERSON", name=name, mentions=tuple(mentions))


def _quotes(pipeline: Pipeline, text: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    return find_quotes(_article(text), pipeline.model(text), entities)


def _one(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[q.text for q in quotes]}"
    return found[0]


# ------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('He said "we will win" today.', "we will win"),
        ("He said “we will win” today.", "we will win"),
        ("He said «we will win» today.", "we will win"),
        ("He said „we will win“ today.", "we will win"),
        ("He said ''we will win'' today.", "we will win"),
        ('They were "frank and substantive”, he said.', "frank and substantive"),
        ("The sign read 'we will win' today.", "we will win"),
    ],
)
def test_every_quotation_mark_style_delimits_a_region(text: str, inner: str) -> None:
    regions = find_regions(text)
    assert [text[r.inner_start : r.inner_end] for r in regions] == [inner]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert find_regions("Russia's demands and the players' union in the '90s don't move.") == []


def test_a_paragraph_reopening_a_quote_continues_the_quotation() -> None:
    text = 'He said: "First part.\n\n"Second part."\n\nNarration.'
    regions = find_regions(text)
    assert len(regions) == 2
    assert regions[0].chain == regions[1].chain
    assert not regions[0].closed


def test_an_unbalanced_mark_runs_to_the_end_of_its_line_only() -> None:
    text = 'He said "this never closes\n\nNext paragraph is "fine" here.'
    regions = find_regions(text)
    assert text[regions[0].inner_start : regions[0].inner_end] == "this never closes"
    assert regions[0].chain != regions[1].chain


def test_mark_scanning_is_linear_on_a_huge_input() -> None:
    text = ('"' + "word " * 400_000 + "\n") + ("'" * 100_000)
    regions = find_regions(text)  # would take minutes if quadratic
    assert len(regions) == 1


# ------------------------------------------------------------------------- reported speech


def test_according_to_attributes_the_clause(pipeline: Pipeline) -> None:
    text = "The talks collapsed on Friday, according to two diplomats."
    q = _one(_quotes(pipeline, text), "talks collapsed")
    assert q.cue == "according to"
    assert q.speaker_text == "two diplomats"
    assert q.speaker is None  # an unnamed source


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Blue sky. Green grass. Red sun.",
        '"""',
        '" "" """ "',
        "“Unclosed and never closed, he said",
        '"a" "b" "c" ” ” “ “ « » ‘ ’',
        "said said said said said.",
    ],
)
def test_bad_input_does_not_crash(pipeline: Pipeline, text: str) -> None:
    quotes = _quotes(pipeline, text)
    for q in quotes:
        assert all(0 <= s < e <= len(text) for s, e in q.spans)


def test_a_huge_transcript_that_is_one_long_quote(pipeline: Pipeline) -> None:
    sentence = "we have worked on this plan for many years and we will finish it. "
    text = 'The senator said: "' + sentence * 1500 + '"'  # about 20,000 words
    quotes = _quotes(pipeline, text)
    assert quotes, "the long quotation is reported"
    longest = max(quotes, key=lambda q: sum(e - s for s, e in q.spans))
    assert sum(e - s for s, e in longest.spans) > len(text) * 0.9


# ------------------------------------------------------------------------- library API


def test_quotes_by_finds_quotes_by_entity_id_and_name(pipeline: Pipeline) -> None:
    text = '"The harbour will reopen," Smith said. Jones said the harbour was still closed.'
    smith, jones = _person("E1", "Smith", text), _person("E2", "Jones", text)
    quotes = _quotes(pipeline, text, (smith, jones))
    result = Analysis(id="t", text=text, entities=(smith, jones), quotes=quotes)
    assert [q.text for q in result.quotes_by("E1")] == ["The harbour will reopen,"]
    assert [q.speaker for q in result.quotes_by("jones")] == ["E2"]
    assert result.quotes_by("Nobody") == ()


def test_quote_ids_run_in_text_order(pipeline: Pipeline) -> None:
    text = 'Ruiz said the vote was fair. "It was clean," Lee said. Park said nothing happened.'
    quotes = _quotes(pipeline, text)
    assert [q.id for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]
    assert [q.spans[0][0] for q in quotes] == sorted(q.spans[0][0] for q in quotes)


# ------------------------------------------------------------------------- the seed article


def _entity_named(result: Any, name: str) -> str:
    ids = [e.id for e in result.entities if name in e.name or name in e.aliases]
    assert ids, f"no entity named {name}"
    return str(ids[0])


def test_seed_every_direct_quote_has_a_speaker(seed_result: Any) -> None:
    direct = [q for q in seed_result.quotes if q.kind == "direct"]
    assert len(direct) >= 3
    assert all(q.speaker is not None for q in direct)


def test_seed_he_said_after_circumspect_belongs_to_lavrov(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "Let's not get ahead of ourselves")
    assert q.kind == "direct"
    assert q.speaker_text == "he"
    assert q.speaker == _entity_named(seed_result, "Lavrov")


def test_seed_frank_and_substantive_belongs_to_blinken(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "frank and substantive")
    assert q.kind == "mixed"
    assert q.speaker == _entity_named(seed_result, "Blinken")


def test_seed_ria_report_is_attributed_to_the_source_not_lavrov(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "could hold another meeting next month")
    assert q.speaker_text is not None and "source" in q.speaker_text
    assert q.speaker != _entity_named(seed_result, "Lavrov")


def test_seed_quotes_of_each_minister(seed_result: Any) -> None:
    lavrov = _entity_named(seed_result, "Lavrov")
    blinken = _entity_named(seed_result, "Blinken")
    assert _one(seed_result.quotes, "I can't tell you if we're on").speaker == lavrov
    assert _one(seed_result.quotes, "grounds for and a means").speaker == blinken
    assert _one(seed_result.quotes, "agreed to further discussions").speaker == blinken
    assert _one(seed_result.quotes, "not about invented threats").speaker == lavrov
    assert _one(seed_result.quotes, "Moscow would understand").speaker == lavrov
    assert len(seed_result.quotes_by(lavrov)) >= 4


def test_seed_quote_spans_point_at_their_text(seed_result: Any) -> None:
    for q in seed_result.quotes:
        assert " ".join(seed_result.text[s:e] for s, e in q.spans) == q.text
        if q.speaker_span is not None:
            assert seed_result.text[slice(*q.speaker_span)] == q.speaker_text
        if q.cue_span is not None:
            assert seed_result.text[slice(*q.cue_span)] == q.cue
