"""The dateline/1 contract: types round-trip, results validate, the schema file is current."""

from __future__ import annotations

import json

import jsonschema
import pytest

from dateline import SCHEMA_VERSION, Analysis
from dateline.schema import load_schema, render_markdown, schema, validate
from dateline.types import Entity, Event, Geo, Mention, Paragraph, Quote, TimeExpr


def _full_example() -> Analysis:
    return Analysis(
        id="abc",
        text="Blinken met Lavrov in Geneva on Friday.",
        paragraphs=(Paragraph(0, 39, 0),),
        entities=(
            Entity(
                id="E1",
                kind="PERSON",
                name="Antony Blinken",
                mentions=(Mention(0, 7, "Blinken"),),
                country="USA",
                sector="GOV",
                code="USAGOV",
            ),
            Entity(
                id="E2",
                kind="GPE",
                name="Geneva",
                mentions=(Mention(22, 28, "Geneva"),),
                geo=Geo(46.2, 6.14, 2660646, "Geneva", "CHE", "PPLA"),
            ),
        ),
        times=(TimeExpr(32, 38, "Friday", "2022-01-21", "day"),),
        quotes=(Quote("Q1", "direct", "x", ((0, 1),), speaker="E1", cue_span=(2, 3)),),
        events=(Event("V1", "CONSULT", cameo="040", source=("E1",), sentence=(0, 39)),),
    )


def test_a_result_round_trips_through_plain_json() -> None:
    result = _full_example()
    again = Analysis.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


def test_the_schema_name_leads_the_object() -> None:
    assert next(iter(_full_example().to_dict())) == "schema"
    assert _full_example().to_dict()["schema"] == SCHEMA_VERSION


def test_a_full_result_validates_against_the_schema() -> None:
    validate(_full_example().to_dict())


def test_a_broken_result_does_not_validate() -> None:
    broken = _full_example().to_dict()
    broken["entities"][0]["mentions"][0]["start"] = "zero"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_the_committed_schema_file_matches_the_types() -> None:
    assert load_schema() == schema(), (
        "run: python -m dateline.schema > src/dateline/data/schema/dateline-1.json"
    )


def test_the_seed_result_validates(seed_result: Analysis) -> None:
    validate(seed_result.to_dict())
    assert seed_result.model and seed_result.model.startswith("en_core_web_")


def test_closed_fields_carry_an_enum_in_the_schema() -> None:
    defs = schema()["$defs"]
    assert defs["Quote"]["properties"]["kind"]["enum"] == ["direct", "indirect", "mixed"]
    assert len(defs["Event"]["properties"]["type"]["anyOf"][0]["enum"]) == 16
    assert defs["Mention"]["properties"]["kind"] == {
        "type": "string",
        "enum": ["name", "nominal", "pronoun", "demonym"],
    }
    assert defs["Event"]["properties"]["location_from"]["enum"] == [
        "sentence",
        "dateline",
        "article",
        "none",
    ]


def test_a_value_outside_a_closed_set_does_not_validate() -> None:
    broken = _full_example().to_dict()
    broken["quotes"][0]["kind"] = "paraphrase"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_the_plover_types_of_the_lexicon_are_the_schema_enum() -> None:
    from typing import get_args

    from dateline.events._lexicon import PLOVER_TYPES
    from dateline.types import PloverType

    assert get_args(PloverType) == PLOVER_TYPES


def test_the_markdown_reference_has_a_table_per_object() -> None:
    text = render_markdown()
    objects = ["Analysis", *schema()["$defs"]]
    assert sorted(line[3:] for line in text.splitlines() if line.startswith("## ")) == sorted(
        objects
    )
    assert "| `kind` | one of `direct`, `indirect`, `mixed` | yes |" in text
    assert "| `published_from` | one of `metadata`, `html`, `text` or null |  |" in text
