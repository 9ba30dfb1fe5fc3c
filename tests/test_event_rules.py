"""Every rule example (data/events/rule_examples.tsv): a real sentence, analysed alone, on
which the named rule yields the stated PLOVER type, CAMEO code and source country, or, for a
rule that suppresses events, no typed event. Every clause pattern of the role finder
(data/events/roles/clause_patterns.tsv): its example sentence, parsed, on which the pattern
binds the stated words. Each sentence is checked against its origin: a train-split sentence
of the annotated set (never the test split), a bundled Wikinews article, or a Voice of
America story (when ../shared is beside the checkout)."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from dateline._data import table
from dateline.events._clauses import Clause, clause_patterns, matches
from dateline.events._lexicon import rule_examples
from dateline.pipeline import Pipeline, Settings
from dateline.types import Analysis, Origin, RawArticle

DATA = Path(str(files("dateline").joinpath("data")))
VOA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "voa.jsonl"
EXAMPLES = rule_examples()
CLAUSES = tuple(clause_patterns().values())
# the actor stage's recodings of dictionary codes (data/entities/sector_recodings.tsv)
SECTOR_RECODINGS = table("entities/sector_recodings.tsv")


def _jsonl(path: Path) -> dict[str, dict[str, object]]:
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return {str(r["id"]): r for r in rows}


ANNOTATED = _jsonl(DATA / "events" / "annotated" / "plover_annotated.jsonl")
WIKINEWS = _jsonl(DATA / "corpus" / "wikinews.jsonl")


def _name(row: dict[str, str]) -> str:
    return f"{row['rule']}@{row['where']}"


def _check_origin(
    where: str, text: str, name: str, voa: dict[str, dict[str, object]] | None
) -> None:
    corpus, _, ident = where.partition(":")
    if corpus == "annotated":
        record = ANNOTATED[ident]
        assert record["split"] == "train", name
        assert record["text"] == text, name
    elif corpus == "wikinews":
        assert text in str(WIKINEWS[ident]["text"]), name
    elif corpus == "voa":
        if voa is not None:
            assert text in str(voa[ident]["text"]), name
    else:
        pytest.fail(f"{name}: unknown origin")


def test_every_rule_example_is_a_real_sentence_not_of_the_test_split() -> None:
    assert len(EXAMPLES) > 50
    voa = _jsonl(VOA) if VOA.exists() else None
    for row in EXAMPLES:
        _check_origin(row["where"], row["text"], _name(row), voa)


def test_every_clause_example_is_a_real_sentence_not_of_the_test_split() -> None:
    assert len(CLAUSES) >= 7
    voa = _jsonl(VOA) if VOA.exists() else None
    for clause in CLAUSES:
        _check_origin(clause.where, clause.example, clause.name, voa)
    for row in SECTOR_RECODINGS:
        _check_origin(row["where"], row["example"], row["dict_code"], voa)


@pytest.mark.parametrize("row", SECTOR_RECODINGS, ids=lambda r: r["dict_code"])
def test_the_sector_recoding_gives_its_example_phrase_the_sector(
    pipeline: Pipeline, row: dict[str, str]
) -> None:
    result = pipeline.analyze(RawArticle(Origin(), text=row["example"], published="2025-01-01"))
    assert isinstance(result, Analysis)
    sectors = {e.name: e.sector for e in result.entities}
    assert sectors.get(row["phrase"]) == row["sector"], sectors


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda c: c.name)
def test_the_clause_pattern_binds_its_example(pipeline: Pipeline, clause: Clause) -> None:
    doc = pipeline.model.nlp(clause.example)
    expected = dict(pair.split("=", 1) for pair in clause.match.split())
    assert set(expected) == set(clause.nodes), f"{clause.name}: name every node"
    bound = [{node: tok.text for node, tok in m.items()} for m in matches(clause.name, doc)]
    assert expected in bound, bound


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    """The rule coder alone: each rule's example is the rule's, not the learned model's."""
    return Pipeline(settings=Settings(event_model=False))


@pytest.mark.parametrize("row", EXAMPLES, ids=_name)
def test_the_rule_yields_the_stated_event(rules_only: Pipeline, row: dict[str, str]) -> None:
    result = rules_only.analyze(RawArticle(Origin(), text=row["text"], published="2025-01-01"))
    assert isinstance(result, Analysis)
    typed = [e for e in result.events if e.type is not None]
    if row["type"] == "-":
        assert typed == [], [e.rule for e in typed]
        return
    countries = {e.id: e.country for e in result.entities}
    found = [
        (e.type, e.cameo, {countries.get(i) for i in e.source})
        for e in typed
        if e.rule == row["rule"]
    ]
    assert found, f"{row['rule']} did not fire: {[e.rule for e in typed]}"
    assert any(
        t == row["type"] and c == row["cameo"] and (row["source"] == "-" or row["source"] in s)
        for t, c, s in found
    ), found
