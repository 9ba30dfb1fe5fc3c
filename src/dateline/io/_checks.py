"""The checks every whole-document input passes before decoding: size, empty, binary."""

from __future__ import annotations

from ..types import Failure, Origin
from ._codes import BINARY, EMPTY, TOO_LARGE, fail, size_text
from ._decode import binary_kind

__all__ = ["check_document", "too_large"]


def too_large(origin: Origin, size: int | None, limit: int, what: str = "file") -> Failure:
    """``size`` None: only known to be over the limit (it was not read to the end)."""
    amount = f"{size_text(size)}, over" if size is not None else "over"
    return fail(
        origin,
        TOO_LARGE,
        f"{what} is {amount} the {size_text(limit)} limit for one article "
        "(raise it with --max-size)",
    )


def check_document(data: bytes, origin: Origin, limit: int, what: str = "file") -> Failure | None:
    """A ``Failure`` when ``data`` is over the limit, empty or not text; else None."""
    if len(data) > limit:
        return too_large(origin, len(data), limit, what)
    if not data.strip():
        return fail(origin, EMPTY, f"{what} is empty" if not data else f"{what} holds only blanks")
    kind = binary_kind(data)
    if kind:
        return fail(origin, BINARY, f"{what} is not text: it looks like {kind}")
    return None
