"""Reading the language data shipped under ``dateline/data/``: word lists and small tables.

A data file is UTF-8 text. Lines starting with ``#`` are comments (each file opens with
comment lines saying what it is, where it comes from and which rule uses it); blank lines
are skipped. Every other line is one entry, kept exactly as written (case, inner spaces).
A ``.tsv`` table has a header row naming its tab-separated columns.

Paths are relative to ``dateline/data/``: ``word_set("entities/time_zones.txt")``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["entries", "mapping", "table", "word_list", "word_set"]


@cache
def entries(path: str) -> tuple[str, ...]:
    """The entry lines of a data file, in file order (comments and blank lines skipped)."""
    text = files("dateline").joinpath("data", *path.split("/")).read_text("utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def word_list(path: str) -> tuple[str, ...]:
    """A list file's entries in order: for lists whose order matters (longest first, ...)."""
    return entries(path)


@cache
def word_set(path: str) -> frozenset[str]:
    """A list file's entries as a set."""
    return frozenset(entries(path))


@cache
def table(path: str) -> tuple[dict[str, str], ...]:
    """The rows of a ``.tsv`` file as dicts keyed by its header; a missing cell is ``""``."""
    header, *rows = entries(path)
    columns = header.split("\t")
    out = []
    for row in rows:
        cells = row.split("\t")
        if len(cells) > len(columns):
            raise ValueError(f"{path}: more cells than columns in {row!r}")
        cells += [""] * (len(columns) - len(cells))
        out.append(dict(zip(columns, cells, strict=True)))
    return tuple(out)


def mapping(path: str, key: str, value: str) -> dict[str, str]:
    """Column ``key`` -> column ``value`` of a ``.tsv`` file, in file order (a new dict)."""
    rows = table(path)
    return {row[key]: row[value] for row in rows}
