"""Rows on the screen or in a file: CSV, JSON lines, and tables.

A table on a terminal is drawn by Rich; anywhere else (a pipe, a file, a test) it is plain
aligned text whose layout does not depend on the terminal, so scripts can rely on it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from ..corpus import Store, report_sql
from ._console import console, is_terminal

__all__ = ["corpus_report", "format_table", "print_report", "warn_unfinished", "write_rows"]

CELL_WIDTH = 40


def write_rows(fmt: str, names: list[str], rows: Iterable[tuple[Any, ...]], out: TextIO) -> None:
    """``rows`` as CSV, JSON lines (both written as the rows come), or a table (Rich on a
    terminal, plain text elsewhere; it needs every row to size its columns)."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_plain(v) for v in row])
    elif fmt == "json":
        for row in rows:
            out.write(
                json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False)
            )
            out.write("\n")
    elif is_terminal(out):
        _print_table(out, names, list(rows))
    else:
        out.write(format_table(names, list(rows)) + "\n")


def warn_unfinished(store: Store, err: TextIO) -> None:
    """Say on ``err`` when the last ingest did not finish: its event groups are not built."""
    run = store.unfinished_run()
    if run is not None:
        err.write(
            f"dateline: warning: ingest run {run} did not finish, so the event groups are "
            "missing or out of date; run the same ingest again to finish it\n"
        )


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def format_table(names: list[str], rows: Sequence[tuple[Any, ...]], width: int = CELL_WIDTH) -> str:
    """Rows as aligned text columns, long cells cut to ``width`` characters."""
    if not names:
        return "(no result)"
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    lines.append(_row_count(len(rows)))
    return "\n".join(lines)


def _row_count(n: int) -> str:
    return f"({n} row{'s' if n != 1 else ''})"


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    text = f"{value:.3g}" if isinstance(value, float) else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _rich_table(
    names: list[str], rows: Sequence[tuple[Any, ...]], title: str | None = None
) -> Table:
    table = Table(
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for i, name in enumerate(names):
        numeric = bool(rows) and all(
            isinstance(r[i], int | float) and not isinstance(r[i], bool)
            for r in rows
            if r[i] is not None
        )
        # on a narrow terminal a long word folds onto the next line: nothing is cut
        table.add_column(Text(name), justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(v, CELL_WIDTH)) for v in row))
    return table


def _print_table(out: TextIO, names: list[str], rows: Sequence[tuple[Any, ...]]) -> None:
    screen = console(out)
    if not names:
        screen.print("(no result)")
        return
    screen.print(_rich_table(names, rows))
    screen.print(_row_count(len(rows)))


# ---------------------------------------------------------------------------- report


def _sections(db: str | os.PathLike[str], top: int) -> list[tuple[str, list[str], list[Any]]]:
    with Store.open(db) as store:
        return [(title, *store.query(sql)) for title, sql in report_sql(top).items()]


def corpus_report(db: str | os.PathLike[str], top: int = 10) -> str:
    """The plain text of ``dateline report``."""
    parts = []
    for title, names, rows in _sections(db, top):
        body = format_table(names, rows) if rows else "(none)"
        parts.append(f"== {title}\n{body}")
    return "\n\n".join(parts)


def print_report(db: str | os.PathLike[str], top: int, out: TextIO) -> None:
    """``dateline report`` on ``out``: Rich tables on a terminal, plain text elsewhere."""
    if not is_terminal(out):
        out.write(corpus_report(db, top) + "\n")
        return
    screen = console(out)
    for i, (title, names, rows) in enumerate(_sections(db, top)):
        if i:
            screen.print()
        if rows:
            screen.print(_rich_table(names, rows, title=title))
        else:
            screen.print(f"[bold]{title}[/bold]\n(none)")
