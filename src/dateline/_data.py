"""Language data files shipped under ``dateline/data/``: word lists and tables.

Paths are relative to ``dateline/data`` ("events/negators.txt"). In every file, lines that
start with ``#`` (the header: what the file is, where it comes from, which rule uses it) and
blank lines are skipped; entries are kept exactly as written (no case folding, no trimming
beyond the line end). Each file is read once per process.

* ``word_set`` and ``word_list``: one entry per line;
* ``table``: tab-separated, the first non-comment line names the columns.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["table", "word_list", "word_set"]


def _lines(path: str) -> list[str]:
    text = files("dateline").joinpath("data", *path.split("/")).read_text("utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def word_list(path: str) -> tuple[str, ...]:
    """The entries of a one-entry-per-line file, in file order."""
    return tuple(_lines(path))


@cache
def word_set(path: str) -> frozenset[str]:
    """The entries of a one-entry-per-line file, as a set."""
    return frozenset(word_list(path))


@cache
def table(path: str) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated file with a header line, as column -> value dicts.

    A row shorter than the header gives "" for its missing columns.
    """
    lines = _lines(path)
    if not lines:
        return ()
    header = lines[0].split("\t")
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append({name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)})
    return tuple(rows)
