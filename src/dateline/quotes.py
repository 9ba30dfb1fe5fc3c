"""Quotes with their speakers (issue #5)."""

from __future__ import annotations

from spacy.tokens import Doc

from .types import Article, Entity, Quote

__all__ = ["find_quotes"]


def find_quotes(article: Article, doc: Doc, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes, each with its speaker entity when named."""
    return ()
