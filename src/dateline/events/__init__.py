"""The event coder: PLOVER types and modes, CAMEO codes (issue #6)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Article, Entity, Event, Quote, TimeExpr

__all__ = ["find_events"]


def find_events(
    article: Article,
    doc: Doc,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpr, ...],
    quotes: tuple[Quote, ...],
) -> tuple[Event, ...]:
    """Political events reported in the article, with actors, place, date and evidence."""
    return ()
