"""WARC and WARC.gz archives (warcio): each HTML ``response`` with status 200 is an
article. WARC-Date is the crawl time, not the publication date, so it is not used."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..types import Failure, Origin, RawArticle
from ._codes import BAD_WARC, NOTHING_FOUND, fail
from ._html import html_article
from ._options import ReadOptions
from ._sniff import looks_like_warc

__all__ = ["read_warc"]

_OVERRAN = "the WARC record is not followed by a blank line: its Content-Length may be wrong"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class _Counting:
    """Counts the bytes warcio reads, to tell a clean end from unread damaged bytes."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


class _Archive(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, noting whether a gzip stream ended inside a member."""

    cut_in_gzip = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.cut_in_gzip = True
        super().close()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _html_response(record: Any) -> tuple[bool, str | None]:
    """(is an HTML 200 response, its HTTP charset)."""
    if record.rec_type != "response" or record.http_headers is None:
        return False, None
    if record.http_headers.get_statuscode() != "200":
        return False, None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return False, None
    return True, _charset(content_type)


def _advance(records: Iterator[Any]) -> tuple[Any, bool]:
    """The next record (None at the end), and whether warcio found the previous record
    not followed by a blank line. warcio prints that to stderr; it becomes a warning."""
    noise = io.StringIO()
    with contextlib.redirect_stderr(noise):
        record = next(records, None)
    return record, bool(noise.getvalue().strip())


def _has_headers(record: Any) -> bool:
    """A record whose header block was read whole has a type and a length."""
    headers = record.rec_headers
    length = (headers.get_header("Content-Length") or "").strip()
    return bool(record.rec_type) and length.isdigit()


def _drain(record: Any) -> bool:
    """Read the rest of the record; False when it ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    left = getattr(raw, "limit", None)
    return left is None or left == 0


def read_warc(
    stream: BinaryIO, name: str, options: ReadOptions, sample: bytes
) -> Iterator[RawArticle | Failure]:
    """``sample`` is the stream's first bytes (still in the stream)."""
    if not looks_like_warc(sample):
        yield fail(
            Origin(path=name, offset=0), BAD_WARC, "not a WARC file (it does not start with WARC/)"
        )
        return
    counting = _Counting(stream)
    archive = _Archive(counting)
    records = iter(archive)
    found = 0
    # a record is passed on once the next one has been reached: only then is it known to
    # be whole (a gzip member cut inside its trailer still decompresses completely)
    pending: RawArticle | Failure | None = None
    offset = 0
    while True:
        try:
            record, overran = _advance(records)
        except Exception as exc:  # warcio raises many kinds on damaged input
            if pending is not None:
                yield pending  # warcio got past its end, so it is whole
            yield _damaged(name, archive.offset, exc)
            return
        if overran and isinstance(pending, RawArticle):
            pending = replace(pending, warnings=(*pending.warnings, _OVERRAN))
        if record is None:
            break
        if pending is not None:
            yield pending
        offset = archive.offset  # where this record starts, once warcio has moved to it
        try:
            pending = _article(record, name, offset, options)
            complete = _drain(record) and _has_headers(record)
        except Exception as exc:
            yield _damaged(name, offset, exc)
            return
        if not complete:
            yield _truncated(name, offset)
            return
        found += pending is not None
    end = archive.offset
    if archive.cut_in_gzip and counting.count <= end:
        yield _truncated(name, offset)  # the gzip member of the last record was cut
        return
    if pending is not None:
        yield pending
    if counting.count > end:
        yield _truncated(name, end)
    elif found == 0:
        yield fail(Origin(path=name), NOTHING_FOUND, "no HTML responses with status 200")


def _truncated(name: str, offset: int) -> Failure:
    return fail(
        Origin(path=name, offset=offset),
        BAD_WARC,
        "the file ends inside this WARC record (truncated or damaged); the records before "
        "it were read",
    )


def _damaged(name: str, offset: int, exc: Exception) -> Failure:
    if isinstance(exc, AttributeError | TypeError | KeyError | IndexError):
        # warcio tripping over a header it expected: its own message means nothing here
        detail = "its headers are damaged or missing"
    else:
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return fail(
        Origin(path=name, offset=offset),
        BAD_WARC,
        f"not a readable WARC record ({detail}); records before it were read",
    )


def _article(
    record: Any, name: str, offset: int, options: ReadOptions
) -> RawArticle | Failure | None:
    is_html, charset = _html_response(record)
    if not is_html:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    origin = Origin(path=name, offset=offset, record=record_id)
    data = record.content_stream().read(options.max_bytes + 1)
    return html_article(data, origin, options, charset=charset, url=url, what="response")
