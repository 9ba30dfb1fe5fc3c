"""Places of events and demonym mentions as a spaCy component: ``dateline_event_places``.

Runs last, after ``dateline_events``: reads ``doc._.entities``, ``doc._.dateline_entity``
and ``doc._.events``; adds every country demonym as a ``demonym`` mention of its country's
place entity (``entities._demonyms``; after the events, so no actor choice changes) and
rewrites ``doc.spans["dateline_entities"]`` and ``token._.entity_ids`` to match; then gives
each event its place and ``location_from`` (``_where``).
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import Stage
from ..entities import add_demonym_mentions, index_mentions
from ..types import Article
from ._where import place_events

__all__ = ["EventPlaceStage"]


class EventPlaceStage(Stage):
    def annotate(self, doc: Doc, article: Article) -> None:
        entities = add_demonym_mentions(doc, article, doc._.entities)
        if entities != doc._.entities:
            doc._.entities = entities
            index_mentions(doc, entities)
        doc._.events = place_events(doc, entities, doc._.events, doc._.dateline_entity)


@Language.factory(
    "dateline_event_places",
    requires=["doc._.entities", "doc._.dateline_entity", "doc._.events", "token.dep"],
    assigns=["doc._.entities", "doc._.events", "token._.entity_ids", "doc.spans"],
    default_config={},
)
def make_event_place_stage(nlp: Language, name: str) -> EventPlaceStage:
    return EventPlaceStage()
