"""Quotes with their speakers (issue #5): direct, indirect (reported) and mixed speech.

``find_quotes`` scans the cleaned text for quotation marks (``marks``), reads speech cues,
their content and their speakers from the dependency parse (``syntax``), joins the two
(``assemble``) and maps each speaker's words to an entity (``speakers``). Every step is
linear in the length of the article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Article, Entity, Quote
from ._assemble import extract

__all__ = ["QuoteStage", "find_quotes"]


def find_quotes(article: Article, doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes, each with its speaker entity when named."""
    if not article.text.strip() or len(doc) == 0:
        return ()
    return extract(article.text, doc, entities)


# the spaCy component (registered as "dateline_quotes" on import); last, as it uses the above
from ._component import QuoteStage  # noqa: E402
