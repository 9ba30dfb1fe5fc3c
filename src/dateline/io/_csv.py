"""CSV (and TSV) files: a header row naming the fields, one article per row, streamed."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..types import Failure, Origin, RawArticle
from ._checks import too_large
from ._codes import BAD_RECORD, BINARY, EMPTY, MISSING_COLUMN, NOTHING_FOUND, fail
from ._decode import binary_kind, bom_encoding, decode, magic_kind
from ._options import ReadOptions
from ._records import record_article

__all__ = ["CONTROL", "read_csv"]

_DELIMITERS = (",", "\t", ";", "|")
# the C0 controls that never appear in text (as in _decode); a row holding one fails alone
CONTROL = re.compile("[\x00-\x07\x0e-\x1a\x1c-\x1f]")


def _raise_field_limit(limit: int) -> None:
    """Article bodies are long: let one CSV field hold up to the article size limit."""
    wanted = min(max(limit + 1, csv.field_size_limit()), sys.maxsize // 2, 2**31 - 1)
    if wanted > csv.field_size_limit():
        csv.field_size_limit(wanted)


def _encoding(sample: bytes, options: ReadOptions) -> tuple[str, tuple[str, ...]]:
    if options.encoding:
        return options.encoding, ()
    bom = bom_encoding(sample)
    if bom:
        return bom, ()
    try:
        sample.decode("utf-8")
        return "utf-8-sig", ()
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut by the end of the sample
            return "utf-8-sig", ()
    decoded = decode(sample)
    return decoded.encoding, decoded.warnings


def _delimiter(header: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    stream: BinaryIO, name: str, options: ReadOptions, sample: bytes
) -> Iterator[RawArticle | Failure]:
    """``sample`` is the stream's first bytes (still in the stream), used to pick the
    encoding and delimiter and to refuse binary files."""
    whole = Origin(path=name)
    if not sample.strip():
        yield fail(whole, EMPTY, "file is empty")
        return
    # refused whole: a known binary format or a binary header; else a row with NUL or
    # control bytes fails alone
    kind = magic_kind(sample) or binary_kind(sample.split(b"\n", 1)[0])
    if kind:
        yield fail(whole, BINARY, f"file is not text: it looks like {kind}")
        return
    _raise_field_limit(options.max_bytes)
    encoding, notes = _encoding(sample, options)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    header_line = text.readline()
    delimiter = _delimiter(header_line, name)
    reader = csv.reader(_chain(header_line, text), delimiter=delimiter)
    try:
        columns = [c.strip() for c in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield fail(whole, BAD_RECORD, f"cannot read the header row ({exc})")
        return
    if options.text_field not in columns and options.html_field not in columns:
        shown = ", ".join(repr(c) for c in columns[:30])
        yield fail(
            whole,
            MISSING_COLUMN,
            f"no column {options.text_field!r} (or {options.html_field!r}); the columns are "
            f"{shown} (choose one with --text-field)",
        )
        return
    yield from _rows(reader, columns, name, options, notes)


def _chain(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


def _rows(
    reader: Iterator[list[str]],
    columns: list[str],
    name: str,
    options: ReadOptions,
    notes: tuple[str, ...],
) -> Iterator[RawArticle | Failure]:
    line = 2
    count = 0
    while True:
        origin = Origin(path=name, line=line)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            count += 1
            if "field limit" in str(exc):
                yield too_large(origin, None, options.max_bytes, "a field of this row")
            else:
                yield fail(origin, BAD_RECORD, f"cannot read the row ({exc})")
            line = _line_num(reader, line) + 1
            continue
        next_line = _line_num(reader, line) + 1
        if not any(cell.strip() for cell in row):
            line = next_line
            continue
        count += 1
        if any(CONTROL.search(cell) for cell in row):
            yield fail(origin, BINARY, "not text: the row holds NUL or control bytes")
            line = next_line
            continue
        warnings = notes
        if any("\ufffd" in cell for cell in row):
            warnings = (*notes, "undecodable bytes in this row were replaced with U+FFFD")
        if len(row) > len(columns):
            warnings = (*warnings, f"row has {len(row)} cells for {len(columns)} columns")
        yield record_article(dict(zip(columns, row, strict=False)), origin, options, warnings)
        line = next_line
    if count == 0:
        yield fail(Origin(path=name), NOTHING_FOUND, "no rows after the header")


def _line_num(reader: Iterator[list[str]], default: int) -> int:
    number = getattr(reader, "line_num", None)
    return number if isinstance(number, int) else default
