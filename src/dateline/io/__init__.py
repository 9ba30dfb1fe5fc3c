"""Readers: turn files, directories, record dumps, WARCs and stdin into ``RawArticle``s.

``read_inputs`` yields a ``RawArticle`` per article and a ``Failure`` per input or record
that cannot be read, so a batch goes on past a bad record. Each ``RawArticle`` keeps its
``Origin``: the path (``-`` for stdin), the line for JSONL, the row's first line for CSV
(the header is line 1), the byte offset for WARC, and the record id when there is one.

Input kinds, by extension (``.txt .text``, ``.html .htm .xhtml``, ``.jsonl .ndjson``,
``.csv .tsv``, ``.warc .warc.gz``, ``.parquet``), else by sniffing the first bytes (stdin, unknown
extensions), or as forced by ``ReadOptions.kind``. Gzip-compressed inputs (``.jsonl.gz``,
``.txt.gz``, ...) are decompressed on the fly. Named pipes, devices and sockets are
refused without being opened (opening a pipe with no writer would wait forever): give
such a stream on stdin (``-``). A directory walk does not follow symbolic links out of
the directory unless ``ReadOptions.follow_links`` says so.

- text: the encoding is detected (BOM, UTF-8, then charset-normalizer); bad bytes become
  U+FFFD with a warning in ``RawArticle.warnings``, never an error.
- html: decoded by the HTTP or ``<meta>`` charset, else detection; the markup goes to the
  structure stage as ``RawArticle(html=...)``, with the canonical or ``og:url`` address.
- jsonl, csv: one article per object or row, by the field names in ``ReadOptions``; a
  record with HTML but no text gives ``RawArticle(html=...)``. Both are streamed.
- parquet: one article per row, by the same field (column) names; a Parquet dataset is a
  ``.parquet`` file or a directory of them. Read by row groups and only the needed columns.
  A file only: Parquet from stdin is refused (E010).
- warc: HTML ``response`` records with status 200; the URL is WARC-Target-URI. WARC-Date
  is the crawl date, so ``published`` stays None. Streamed.

Error codes (``Failure.code``); every message names the input and the problem:

- E010 bad input: not a regular file (a named pipe, a device, a socket), or a symbolic
  link out of the directory being walked (not followed).
- E011 cannot read: no such file or directory, no permission, damaged gzip data.
- E012 empty: the file, stdin or text holds nothing but blanks.
- E013 binary: not text (an image, an archive, NUL or control bytes). In JSONL a line
  with NUL or control bytes fails alone; a file whose first lines are all binary stops.
- E014 too large: over ``ReadOptions.max_bytes`` (20 MB) for one article; refused
  before reading it.
- E015 no text: a record without a usable text or HTML field (the structure stage uses
  the same code for a page without article text).
- E016 bad record: a JSONL line that is not a JSON object (a pretty-printed JSON document
  is one failure, not one per line), a CSV row that cannot be parsed.
- E017 missing column: a CSV without the text (or HTML) column; the message lists the
  columns it has.
- E018 bad WARC: a damaged or truncated WARC; the records before the damage are read, the
  message gives the offset.
- E019 nothing found: a directory with no matching files, a WARC without HTML responses,
  a record file without records.
"""

from __future__ import annotations

import gzip
import io
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, cast

from ..types import Failure, Origin, RawArticle
from ._checks import too_large
from ._codes import BAD_INPUT, BINARY, CANNOT_READ, EMPTY, NOTHING_FOUND, fail
from ._csv import read_csv
from ._decode import magic_kind
from ._html import html_article
from ._jsonl import read_jsonl
from ._options import DEFAULT_EXTENSIONS, KINDS, MAX_BYTES, ReadOptions
from ._parquet import PARQUET_MAGIC, read_parquet
from ._sniff import GZIP_MAGIC, kind_from_name, looks_like_warc, sniff_kind
from ._streams import SNIFF_BYTES, prefixed, read_at_most
from ._text import text_article
from ._walk import files_in
from ._warc import read_warc

__all__ = ["DEFAULT_EXTENSIONS", "KINDS", "MAX_BYTES", "ReadOptions", "read_inputs"]

Item = RawArticle | Failure


def read_inputs(
    paths: Sequence[str], options: ReadOptions | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every article in ``paths`` (files, directories, ``-`` for ``stdin``), in order."""
    options = options or ReadOptions()
    for name in paths:
        if name == "-":
            yield from _read_stdin(stdin or _stdin_bytes(), options)
        else:
            yield from _read_path(Path(name), name, options)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _read_path(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    origin = Origin(path=name)
    try:
        if path.is_dir():
            yield from _read_dir(path, name, options)
            return
        info = path.stat()
    except OSError as exc:
        yield fail(origin, CANNOT_READ, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):  # never opened: a pipe without a writer would hang
        yield fail(
            origin,
            BAD_INPUT,
            f"not a regular file but {_file_type(info.st_mode)}; not read "
            "(give a stream on stdin as '-')",
        )
        return
    size = info.st_size
    if size == 0:
        yield fail(origin, EMPTY, "file is empty")
        return
    kind = options.kind or kind_from_name(name)
    if kind == "parquet":
        yield from read_parquet(path, name, options)
        return
    if kind in ("text", "html") and size > options.max_bytes:
        yield too_large(origin, size, options.max_bytes)
        return
    try:
        with path.open("rb") as stream:
            yield from _read_stream(stream, name, kind, options)
    except OSError as exc:
        yield fail(origin, CANNOT_READ, f"cannot read: {exc.strerror or exc}")


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_dir(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    found = False
    for file, followed in files_in(path, options.extensions, follow_links=options.follow_links):
        found = True
        if not followed:
            yield fail(
                Origin(path=str(file)),
                BAD_INPUT,
                f"a symbolic link out of {name}; not followed (--follow-links reads it)",
            )
            continue
        yield from _read_path(file, str(file), options)
    if not found:
        wanted = " ".join(options.extensions)
        yield fail(Origin(path=name), NOTHING_FOUND, f"directory has no files ending in {wanted}")


def _unless_damaged(items: Iterator[Item], origin: Origin) -> Iterator[Item]:
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as exc:
        detail = str(exc) or type(exc).__name__
        yield fail(origin, CANNOT_READ, f"cannot read: damaged gzip data ({detail})")


def _read_stdin(stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    yield from _read_stream(stream, "-", options.kind, options)


def _read_stream(
    stream: BinaryIO, name: str, kind: str | None, options: ReadOptions
) -> Iterator[Item]:
    """Read a stream of a known ``kind``, or sniff its first bytes when ``kind`` is None."""
    origin = Origin(path=name)
    what = "stdin" if name == "-" else "file"
    prefix = read_at_most(stream, SNIFF_BYTES)
    if not prefix:
        yield fail(origin, EMPTY, f"{what} is empty")
        return
    if prefix.startswith(GZIP_MAGIC) and kind != "warc" and not looks_like_warc(prefix):
        inner = cast(BinaryIO, gzip.GzipFile(fileobj=prefixed(prefix, stream), mode="rb"))
        inner_kind = kind or kind_from_name(name.removesuffix(".gz").removesuffix(".GZ"))
        yield from _unless_damaged(_read_stream(inner, name, inner_kind, options), origin)
        return
    if kind == "parquet" or (kind is None and prefix.startswith(PARQUET_MAGIC)):
        yield fail(
            origin,
            BAD_INPUT,
            f"{what} holds Parquet, which is read from a file named .parquet "
            "(or given with --input-kind parquet), not from a stream",
        )
        return
    kind = kind or sniff_kind(prefix, options)
    if kind in ("text", "html"):
        data = prefix + read_at_most(stream, options.max_bytes + 1 - len(prefix))
        if len(data) > options.max_bytes:
            yield too_large(origin, None, options.max_bytes, what)
        elif kind == "html":
            yield html_article(data, origin, options, what=what)
        else:
            yield text_article(data, origin, options, what=what)
        return
    whole = prefixed(prefix, stream)
    # JSONL: only a file that is plainly something else is refused whole; a line with a
    # NUL or control bytes fails alone (read_jsonl)
    binary = magic_kind(prefix) if kind == "jsonl" else None
    if binary:
        yield fail(origin, BINARY, f"{what} is not text: it looks like {binary}")
    elif kind == "jsonl":
        yield from read_jsonl(whole, name, options)
    elif kind == "csv":
        yield from read_csv(whole, name, options, prefix)
    else:
        yield from read_warc(whole, name, options, prefix)
