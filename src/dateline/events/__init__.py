"""The event coder: PLOVER types and modes, CAMEO codes (issue #6).

Each sentence that reports an interaction between political actors becomes an ``Event``:
a trigger (verb or noun) found in the lexicon (``data/events/lexicon.tsv``, then verb
patterns converted from the CAMEO dictionary), typed through the CAMEO -> PLOVER table,
with source and target entities from the dependency parse, modes (negated, hypothetical,
future, historical, claimed_by), place and date, and the rule that decided.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .. import entities as entities_stage
from ..types import Article, Entity, Event, Quote, TimeExpr
from ._coder import MAX_EVENTS_PER_SENTENCE, Limits, code_document
from ._component import EventStage
from ._lexicon import PLOVER_TYPES, Lexicon, default_lexicon, load_lexicon
from ._places_component import EventPlaceStage
from ._when import period
from ._where import main_place, place_events

__all__ = [
    "MAX_EVENTS_PER_SENTENCE",
    "PLOVER_TYPES",
    "EventPlaceStage",
    "EventStage",
    "Lexicon",
    "Limits",
    "find_events",
    "load_lexicon",
    "main_place",
    "period",
    "place_events",
]


def find_events(
    article: Article,
    doc: Doc,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpr, ...],
    quotes: tuple[Quote, ...],
    *,
    lexicon: Lexicon | None = None,
    statements: bool = True,
    dateline_entity: str | None = None,
    limits: Limits | None = None,
) -> tuple[Event, ...]:
    """Political events reported in the article, with actors, place, date and evidence.

    Each event's place comes with ``location_from`` (``place_events``: the sentence, the
    dateline, the article's main place, or none).

    ``lexicon`` replaces the shipped one; build it with ``load_lexicon([my_file.tsv])`` to
    add your own trigger patterns. ``statements`` codes a sentence whose only act is a
    political actor's public statement as an untyped event with CAMEO code 010.
    ``limits``: the coder's limits (``pipeline.Settings`` sets them in the pipeline).
    ``dateline_entity``: the entity the dateline names, as the pipeline's entity stage
    wrote it (``doc._.dateline_entity``); None means ``article.dateline.entity``, else the
    entity stage's rule applied here.
    """
    if dateline_entity is None and article.dateline is not None:
        dateline_entity = article.dateline.entity or entities_stage.dateline_entity(
            article, entities
        )
    events = code_document(
        article,
        doc,
        entities,
        times,
        quotes,
        lexicon if lexicon is not None else default_lexicon(),
        statements,
        dateline_entity=dateline_entity,
        limits=limits or Limits(),
    )
    return place_events(doc, entities, events, dateline_entity)
