"""Rule-based coreference: pronouns and nominal references, one case per rule."""

from __future__ import annotations

from dateline.entities._coref import quoted_regions
from dateline.pipeline import Pipeline
from dateline.types import Entity

from .test_entities import by_name, run


def pronouns(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions if m.kind == "pronoun"]


def test_he_after_name_in_same_sentence_is_the_subject(pipeline: Pipeline) -> None:
    ents = run(pipeline, "Olaf Scholz said he expected more talks.")
    assert pronouns(by_name(ents, "Olaf Scholz")) == ["he"]


def test_she_skips_a_man_and_finds_the_woman(pipeline: Pipeline) -> None:
    ents = run(
        pipeline,
        "Wendy Sherman met John Kerry on Monday. She said the meeting was useful.",
    )
    assert pronouns(by_name(ents, "Wendy Sherman")) == ["She"]
    assert pronouns(by_name(ents, "John Kerry")) == []


def test_he_after_a_quote_is_the_previous_subject_not_names_inside_the_quote(
    pipeline: Pipeline,
) -> None:
    text = (
        "Asked about a summit with President Emmanuel Macron, Olaf Scholz was cautious.\n\n"
        '"President Macron is always welcome, but Mr Macron knows the calendar," he said.'
    )
    ents = run(pipeline, text)
    assert pronouns(by_name(ents, "Olaf Scholz")) == ["he"]
    assert pronouns(by_name(ents, "Emmanuel Macron")) == []


def test_ambiguous_objects_stay_unresolved(pipeline: Pipeline) -> None:
    ents = run(pipeline, "The report praised John Kerry and Mike Pence. It quoted him twice.")
    assert pronouns(by_name(ents, "John Kerry")) == []
    assert pronouns(by_name(ents, "Mike Pence")) == []


def test_object_pronoun_does_not_bind_its_own_subject(pipeline: Pipeline) -> None:
    ents = run(pipeline, "John Kerry praised him.")
    assert pronouns(by_name(ents, "John Kerry")) == []


def test_pronoun_far_away_stays_unresolved(pipeline: Pipeline) -> None:
    text = (
        "Olaf Scholz spoke.\n\nThe weather was cold.\n\nPrices rose.\n\nTrains were late.\n\n"
        "He left."
    )
    ents = run(pipeline, text)
    assert pronouns(by_name(ents, "Olaf Scholz")) == []


def test_they_links_to_each_coordinated_person(pipeline: Pipeline) -> None:
    ents = run(pipeline, "John Kerry and Mike Pence met on Friday. They agreed to talk again.")
    assert pronouns(by_name(ents, "John Kerry")) == ["They"]
    assert pronouns(by_name(ents, "Mike Pence")) == ["They"]


def test_the_russian_minister_is_the_one_russian_minister(pipeline: Pipeline) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken. "
        "The Russian minister said little."
    )
    ents = run(pipeline, text)
    lavrov = by_name(ents, "Sergei Lavrov")
    assert [m.text for m in lavrov.mentions if m.kind == "nominal"] == ["The Russian minister"]
    blinken = by_name(ents, "Antony Blinken")
    assert not [m for m in blinken.mentions if m.kind == "nominal"]


def test_the_top_us_diplomat_is_the_us_official(pipeline: Pipeline) -> None:
    text = (
        "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov. "
        "The top US diplomat said talks were useful."
    )
    ents = run(pipeline, text)
    blinken = by_name(ents, "Antony Blinken")
    assert [m.text for m in blinken.mentions if m.kind == "nominal"] == ["The top US diplomat"]


def test_the_two_diplomats_link_to_both(pipeline: Pipeline) -> None:
    text = (
        "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov. "
        "The two diplomats agreed to meet again."
    )
    ents = run(pipeline, text)
    for name in ("Antony Blinken", "Sergei Lavrov"):
        nominals = [m.text for m in by_name(ents, name).mentions if m.kind == "nominal"]
        assert nominals == ["The two diplomats"]


def test_quoted_regions_mixed_quote_marks_and_unclosed_quote() -> None:
    text = 'He said "frank and substantive” today.\n\n“Unclosed here\n\nNext'
    regions = quoted_regions(text, [0, text.index("“"), text.index("Next")])
    assert [text[a:b] for a, b in regions] == ["frank and substantive", "Unclosed here\n\n"]


def test_main_clause_pronoun_skips_an_object_of_its_own_sentence(pipeline: Pipeline) -> None:
    text = (
        "In defeat, the president appeared cowed. "
        "Campaigning against Mitt Romney in 2012, he barely mentioned climate change."
    )
    ents = run(pipeline, text)
    assert pronouns(by_name(ents, "Mitt Romney")) == []


def test_a_person_noun_subject_blocks_the_name_before_it(pipeline: Pipeline) -> None:
    text = (
        "Brian Deese expected changes to the speech. "
        "The president would hand him a draft. Instead, he brought up an article."
    )
    ents = run(pipeline, text)
    assert "he" not in pronouns(by_name(ents, "Brian Deese"))


def test_untagged_known_surname_subject_is_still_a_candidate(pipeline: Pipeline) -> None:
    text = (
        "Donald Trump spoke in Ohio. Hillary Clinton spoke in Iowa. "
        "Trump is promising lower taxes, but he has also intensified his attacks."
    )
    ents = run(pipeline, text)
    assert "he" in pronouns(by_name(ents, "Donald Trump"))
    assert "he" not in pronouns(by_name(ents, "Hillary Clinton"))
