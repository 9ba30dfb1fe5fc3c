"""The entity stage as a spaCy component: ``dateline_entities``.

Reads ``doc._.article`` and the model's entities and parse; writes ``doc._.entities``, the
dateline's entity (``doc._.dateline_entity``, computed here once for every later stage),
one span per mention in ``doc.spans["dateline_entities"]`` labelled with the entity id,
and ``token._.entity_ids`` (the ids of the entities whose mentions cover the token, the
entity of the longest mention first).
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import ENTITY_SPANS, Stage, char_spans
from ..types import Article, Entity
from . import dateline_entity, find_entities
from ._dictionaries import load_user_dictionary

__all__ = ["EntityStage", "index_mentions"]


class EntityStage(Stage):
    """Entities, the dateline's entity and their token-aligned mentions."""

    def __init__(self, dictionaries: list[str], builtin_dictionaries: bool):
        # the user's actor dictionaries (Phoenix format or CSV), read once; ConfigError if bad
        self.user = load_user_dictionary(dictionaries)
        self.builtin_dictionaries = builtin_dictionaries

    def annotate(self, doc: Doc, article: Article) -> None:
        entities = find_entities(
            article, doc, dictionaries=self.user, builtin_dictionaries=self.builtin_dictionaries
        )
        doc._.entities = entities
        doc._.dateline_entity = dateline_entity(article, entities)
        index_mentions(doc, entities)


def index_mentions(doc: Doc, entities: tuple[Entity, ...]) -> None:
    """Mentions as spans and per token, the longest mention first (text order on a tie)."""
    pairs = sorted(
        ((m.start, m.end, e.id) for e in entities for m in e.mentions),
        key=lambda p: (p[0], p[1]),
    )
    pairs.sort(key=lambda p: p[0] - p[1])
    char_spans(doc, ENTITY_SPANS, pairs)
    ids: dict[int, list[str]] = {}
    for span in doc.spans[ENTITY_SPANS]:
        for tok in span:
            have = ids.setdefault(tok.i, [])
            if span.label_ not in have:
                have.append(span.label_)
    for i, found in ids.items():
        doc[i]._.entity_ids = tuple(found)


@Language.factory(
    "dateline_entities",
    requires=["doc.ents", "token.ent_type", "token.dep", "token.head", "doc.sents"],
    assigns=["doc._.entities", "doc._.dateline_entity", "token._.entity_ids", "doc.spans"],
    default_config={"dictionaries": [], "builtin_dictionaries": True},
)
def make_entity_stage(
    nlp: Language, name: str, dictionaries: list[str], builtin_dictionaries: bool
) -> EntityStage:
    return EntityStage(dictionaries, builtin_dictionaries)
