"""The event stage as a spaCy component: ``dateline_events``.

Reads ``doc._.article``, the entities, the dateline's entity, the times and the quotes the
earlier components wrote, and the parse; writes ``doc._.events``.
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import Stage
from ..types import Article, Event
from ._coder import Candidate, Limits, code_document
from ._lexicon import Lexicon, default_lexicon, load_lexicon
from ._model import EventModel, apply_model, default_model

__all__ = ["EventStage"]

_DEFAULTS = Limits()


class EventStage(Stage):
    def __init__(
        self,
        limits: Limits,
        statements: bool,
        lexicon: Lexicon | None = None,
        event_model: bool = True,
    ):
        self.limits = limits
        self.statements = statements
        self.lexicon = lexicon  # None: dateline's own (shared by every pipeline)
        # the learned model that checks the rules' events (loaded once, here: a missing or
        # corrupt weights file fails when the pipeline is built, not mid-batch)
        self.model: EventModel | None = default_model() if event_model else None

    def code(
        self, doc: Doc, article: Article, candidates: bool
    ) -> tuple[tuple[Event, ...], list[Candidate]]:
        """The rule coder's events, and (``candidates``) the triggers it passed over."""
        passed: list[Candidate] | None = [] if candidates else None
        events = code_document(
            article,
            doc,
            doc._.entities,
            doc._.times,
            doc._.quotes,
            self.lexicon or default_lexicon(),
            self.statements,
            dateline_entity=doc._.dateline_entity,
            limits=self.limits,
            candidates=passed,
        )
        return events, passed or []

    def annotate(self, doc: Doc, article: Article) -> None:
        events, candidates = self.code(doc, article, candidates=self.model is not None)
        if self.model is not None:
            limit = self.limits.max_events_per_sentence
            events = apply_model(doc, events, self.model, candidates, limit)
        doc._.events = events


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
        "event_model": True,
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
    event_model: bool,
) -> EventStage:
    limits = Limits(max_events_per_sentence, max_sentence_tokens, historical_days)
    lexicon = load_lexicon(lexicons) if lexicons else None
    return EventStage(limits, statements, lexicon, event_model)
