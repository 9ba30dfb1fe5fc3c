"""Plain-text articles: detect the encoding, never fail on a bad byte."""

from __future__ import annotations

from ..types import Failure, Origin, RawArticle
from ._checks import check_document
from ._codes import EMPTY, fail
from ._decode import decode, normalize_newlines
from ._options import ReadOptions

__all__ = ["text_article"]


def text_article(
    data: bytes, origin: Origin, options: ReadOptions, what: str = "file"
) -> RawArticle | Failure:
    problem = check_document(data, origin, options.max_bytes, what)
    if problem:
        return problem
    decoded = decode(data, forced=options.encoding)
    text = normalize_newlines(decoded.text)
    if not text.strip():
        return fail(origin, EMPTY, f"{what} holds no text")
    return RawArticle(origin=origin, text=text, warnings=decoded.warnings)
