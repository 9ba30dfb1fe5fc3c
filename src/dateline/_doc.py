"""The annotated Doc: the extensions each stage's spaCy component writes its results to.

The pipeline attaches the structure stage's ``Article`` (``doc._.article``) to a Doc made
from ``article.text``; the components then run in order, each reading what the earlier ones
wrote and adding its own:

- ``doc._.article`` (``Article``): set by the pipeline before the model runs;
- ``doc._.entities`` (``tuple[Entity, ...]``), ``doc._.dateline_entity`` (an entity id or
  None), ``token._.entity_ids`` (the ids of the entities whose mentions cover the token,
  the longest mention's first) and ``doc.spans["dateline_entities"]`` (one span per
  mention, labelled with the entity id): by ``dateline_entities``;
- ``doc._.times`` (``tuple[TimeExpr, ...]``) and ``doc.spans["dateline_times"]``: by
  ``dateline_times``;
- ``doc._.quotes`` (``tuple[Quote, ...]``) and ``doc.spans["dateline_quotes"]`` (one span
  per quoted part, labelled with the quote id): by ``dateline_quotes``;
- ``doc._.events`` (``tuple[Event, ...]``): by ``dateline_events``;
- ``doc._.failure``: the exception that stopped a component on this Doc (``Stage.pipe``).

A component leaves a Doc without ``doc._.article`` alone (a Doc the pipeline did not
prepare, e.g. ``nlp("some text")``), and one whose ``doc._.failure`` is set.

Values live in ``doc.user_data``: they are plain Python objects, so they do not survive
``Doc.to_bytes``; with ``n_process > 1`` the pipeline runs these components in the main
process (see ``pipeline.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Token

from .types import Article

__all__ = [
    "ENTITY_SPANS",
    "QUOTE_SPANS",
    "TIME_SPANS",
    "Stage",
    "char_spans",
    "prepared",
    "register_extensions",
]

ENTITY_SPANS = "dateline_entities"
TIME_SPANS = "dateline_times"
QUOTE_SPANS = "dateline_quotes"

_DOC_EXTENSIONS = (
    "article",
    "entities",
    "dateline_entity",
    "times",
    "quotes",
    "events",
    "failure",
)


def register_extensions() -> None:
    """Register the extensions once per process (importing this module does it)."""
    for name in _DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("entity_ids"):
        Token.set_extension("entity_ids", default=())


register_extensions()


def prepared(doc: Doc) -> Article | None:
    """The Doc's article when a component should annotate it, else None."""
    if doc._.failure is not None:
        return None
    article = doc._.article
    return article if isinstance(article, Article) else None


def char_spans(doc: Doc, key: str, spans: Iterable[tuple[int, int, str]]) -> None:
    """``doc.spans[key]``: one span per (start, end, label), expanded to whole tokens."""
    group = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans[key] = group


class Stage:
    """Base of the dateline components: ``annotate`` one prepared Doc.

    ``pipe`` records an exception on ``doc._.failure`` and passes the Doc on, so one
    article's failure does not end a batch (the pipeline turns it into a ``Failure``);
    ``__call__`` (``nlp(doc)``, one article) lets it propagate.
    """

    def annotate(self, doc: Doc, article: Article) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        article = prepared(doc)
        if article is not None:
            self.annotate(doc, article)
        return doc

    def pipe(self, docs: Iterable[Doc], **_: Any) -> Iterator[Doc]:
        for doc in docs:
            article = prepared(doc)
            if article is not None:
                try:
                    self.annotate(doc, article)
                except Exception as exc:  # a stage's bug must not end a long batch run
                    doc._.failure = exc
            yield doc
