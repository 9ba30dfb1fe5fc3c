"""The readers' error codes (defined in ``errors.py``) and how a ``Failure`` names its input."""

from __future__ import annotations

from ..errors import (
    BAD_INPUT,
    BAD_RECORD,
    BAD_WARC,
    BINARY,
    CANNOT_READ,
    EMPTY,
    MISSING_COLUMN,
    NO_TEXT,
    NOTHING_FOUND,
    TOO_LARGE,
)
from ..types import Failure, Origin

__all__ = [
    "BAD_INPUT",
    "BAD_RECORD",
    "BAD_WARC",
    "BINARY",
    "CANNOT_READ",
    "EMPTY",
    "MISSING_COLUMN",
    "NOTHING_FOUND",
    "NO_TEXT",
    "TOO_LARGE",
    "fail",
    "where",
]


def where(origin: Origin) -> str:
    """How a message names an input: ``path``, ``path, line 3``, ``path, offset 120``."""
    name = origin.path or "<input>"
    if origin.line is not None:
        return f"{name}, line {origin.line}"
    if origin.offset is not None:
        return f"{name}, offset {origin.offset}"
    return name


def fail(origin: Origin, code: str, problem: str) -> Failure:
    return Failure(origin, code, f"{where(origin)}: {problem}")


def size_text(n: int) -> str:
    """A byte count for messages: ``512 bytes``, ``3.2 MB``."""
    if n < 1024 * 1024:
        return f"{n} bytes"
    return f"{n / (1024 * 1024):.1f} MB"
