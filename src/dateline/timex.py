"""Temporal expressions resolved against the article's date (issue #4)."""

from __future__ import annotations

from spacy.tokens import Doc

from .types import Article, TimeExpr

__all__ = ["find_times"]


def find_times(article: Article, doc: Doc) -> tuple[TimeExpr, ...]:
    """Every date and time expression in the text, normalised to ISO 8601 where it can be."""
    return ()
