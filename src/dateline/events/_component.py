"""The event stage as a spaCy component: ``dateline_events``.

Reads ``doc._.article``, the entities, the dateline's entity, the times and the quotes the
earlier components wrote, and the parse; writes ``doc._.events``.
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import Stage
from ..types import Article
from ._coder import Limits, code_document
from ._lexicon import Lexicon, default_lexicon, load_lexicon

__all__ = ["EventStage"]

_DEFAULTS = Limits()


class EventStage(Stage):
    def __init__(self, limits: Limits, statements: bool, lexicon: Lexicon | None = None):
        self.limits = limits
        self.statements = statements
        self.lexicon = lexicon  # None: dateline's own (shared by every pipeline)

    def annotate(self, doc: Doc, article: Article) -> None:
        doc._.events = code_document(
            article,
            doc,
            doc._.entities,
            doc._.times,
            doc._.quotes,
            self.lexicon or default_lexicon(),
            self.statements,
            dateline_entity=doc._.dateline_entity,
            limits=self.limits,
        )


@Language.factory(
    "dateline_events",
    requires=[
        "doc._.entities",
        "doc._.dateline_entity",
        "doc._.times",
        "doc._.quotes",
        "token.dep",
        "token.head",
        "token.lemma",
        "doc.sents",
    ],
    assigns=["doc._.events"],
    default_config={
        "max_events_per_sentence": _DEFAULTS.max_events_per_sentence,
        "max_sentence_tokens": _DEFAULTS.max_sentence_tokens,
        "historical_days": _DEFAULTS.historical_days,
        "statements": True,
        "lexicons": [],
    },
)
def make_event_stage(
    nlp: Language,
    name: str,
    max_events_per_sentence: int,
    max_sentence_tokens: int,
    historical_days: int,
    statements: bool,
    lexicons: list[str],
) -> EventStage:
    limits = Limits(max_events_per_sentence, max_sentence_tokens, historical_days)
    return EventStage(limits, statements, load_lexicon(lexicons) if lexicons else None)
