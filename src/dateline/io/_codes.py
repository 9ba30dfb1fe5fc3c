"""The stable error codes of the readers (see the package docstring for the list)."""

from __future__ import annotations

from ..types import Failure, Origin

__all__ = [
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

CANNOT_READ = "E011"
EMPTY = "E012"
BINARY = "E013"
TOO_LARGE = "E014"
NO_TEXT = "E015"  # the same code as the structure stage's "no article text in the HTML"
BAD_RECORD = "E016"
MISSING_COLUMN = "E017"
BAD_WARC = "E018"
NOTHING_FOUND = "E019"


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
