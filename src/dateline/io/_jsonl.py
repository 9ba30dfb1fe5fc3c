"""JSON Lines: one article object per line, read one line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..types import Failure, Origin, RawArticle
from ._checks import too_large
from ._codes import BAD_RECORD, BINARY, NOTHING_FOUND, fail
from ._decode import CONTROL_BYTES
from ._options import ReadOptions
from ._records import record_article

__all__ = ["read_jsonl"]

_SKIP_CHUNK = 1024 * 1024
_BINARY_START = 10  # this many binary lines first: the file is not JSON Lines, stop
_CONTROL = CONTROL_BYTES.replace(b"\x7f", b"")  # DEL may stand raw in a JSON string


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes is None for a line over ``limit``, which is
    skipped without holding it in memory."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _decode_line(line: bytes, number: int) -> tuple[str, tuple[str, ...]]:
    if number == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        return line.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        warning = (
            f"line {number} is not valid UTF-8 (at byte {exc.start}); bad bytes were "
            "replaced with U+FFFD"
        )
        return line.decode("utf-8", errors="replace"), (warning,)


def read_jsonl(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[RawArticle | Failure]:
    """Each non-blank line must be a JSON object; a bad line gives a ``Failure`` and the
    next line is read. A line with NUL or control bytes fails alone (E013), but a file
    whose first lines are all unreadable, some of them binary, is one E013 failure: it is
    not JSON Lines at all."""
    pending: list[Failure] = []  # failures before the first JSON line, held back
    binary = 0
    settled = False
    for item, parsed, is_binary in _items(stream, name, options):
        if settled:
            yield item
            continue
        if parsed:
            settled = True
            yield from pending
            yield item
            continue
        assert isinstance(item, Failure)
        pending.append(item)
        binary += is_binary
        if len(pending) >= _BINARY_START:
            if binary:
                yield _not_jsonl(name, len(pending))
                return
            settled = True
            yield from pending
    if not settled and binary:
        yield _not_jsonl(name, len(pending))
    elif not settled:
        yield from pending


def _not_jsonl(name: str, lines: int) -> Failure:
    return fail(
        Origin(path=name),
        BINARY,
        f"not text: its first {lines} line(s) are not JSON and hold NUL or control bytes; "
        "the file was not read",
    )


def _items(
    stream: BinaryIO, name: str, options: ReadOptions
) -> Iterator[tuple[RawArticle | Failure, bool, bool]]:
    """(item, parsed as JSON, binary line) per non-blank line."""
    # a line holds the article and its fields, so allow a little over the article limit
    limit = options.max_bytes + 64 * 1024
    seen = 0
    for number, line in _lines(stream, limit):
        origin = Origin(path=name, line=number)
        if line is None:
            seen += 1
            yield too_large(origin, None, limit, "line"), True, False
            continue
        text, warnings = _decode_line(line, number)
        if not text.strip():
            continue
        seen += 1
        if len(line.translate(None, _CONTROL)) < len(line):
            yield fail(origin, BINARY, "not text: the line holds NUL or control bytes"), False, True
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            start = text.strip()
            if seen == 1 and (start == "{" or start.startswith("[")):
                message = (
                    "a JSON document spread over lines, not JSON Lines (one object per "
                    "line); nothing of it was read"
                )
                yield fail(origin, BAD_RECORD, message), True, False
                return
            yield (
                fail(origin, BAD_RECORD, f"not JSON ({exc.msg} at column {exc.colno})"),
                False,
                False,
            )
            continue
        except RecursionError:
            yield fail(origin, BAD_RECORD, "not JSON (nested too deeply)"), True, False
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__.replace("NoneType", "null")
            yield fail(origin, BAD_RECORD, f"a JSON {kind}, not an object with fields"), True, False
            continue
        yield record_article(record, origin, options, warnings), True, False
    if seen == 0:
        yield fail(Origin(path=name), NOTHING_FOUND, "no records (only blank lines)"), True, False
