"""Entities: mentions -> clusters -> actors with country, sector and code (issue #3)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Article, Entity

__all__ = ["find_entities"]


def find_entities(article: Article, doc: Doc) -> tuple[Entity, ...]:
    """Entity clusters of the article, with coreferent mentions and actor attributes."""
    return ()
