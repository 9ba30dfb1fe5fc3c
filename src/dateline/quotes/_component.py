"""The quote stage as a spaCy component: ``dateline_quotes``.

Reads ``doc._.article``, ``doc._.entities`` and the parse; writes ``doc._.quotes`` and one
span per quoted part in ``doc.spans["dateline_quotes"]`` (labelled with the quote id).
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import QUOTE_SPANS, Stage, char_spans
from ..types import Article
from . import find_quotes

__all__ = ["QuoteStage"]


class QuoteStage(Stage):
    def annotate(self, doc: Doc, article: Article) -> None:
        quotes = find_quotes(article, doc, doc._.entities)
        doc._.quotes = quotes
        char_spans(doc, QUOTE_SPANS, ((s, e, q.id) for q in quotes for s, e in q.spans))


@Language.factory(
    "dateline_quotes",
    requires=["doc._.entities", "token.dep", "token.head", "doc.sents"],
    assigns=["doc._.quotes", "doc.spans"],
)
def make_quote_stage(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage()
