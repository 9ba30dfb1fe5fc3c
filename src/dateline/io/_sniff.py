"""Which reader an input needs: by file extension, else by its first bytes."""

from __future__ import annotations

import re
import zlib

from ._decode import bom_encoding
from ._options import ReadOptions

__all__ = ["GZIP_MAGIC", "kind_from_name", "looks_like_warc", "sniff_kind"]

GZIP_MAGIC = b"\x1f\x8b"

_BY_EXTENSION = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".csv", "csv"),
    (".parquet", "parquet"),
    (".tsv", "csv"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
)

_HTML_START = re.compile(
    rb"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h1|section)\b",
    re.IGNORECASE | re.DOTALL,
)


def kind_from_name(name: str) -> str | None:
    """The reader for a file name's extension, or None when it says nothing."""
    lower = name.lower()
    for ext, kind in _BY_EXTENSION:
        if lower.endswith(ext):
            return kind
    return None


def looks_like_warc(prefix: bytes) -> bool:
    """The first bytes of a WARC, or of a gzip-compressed WARC."""
    if prefix.startswith(GZIP_MAGIC):
        try:
            prefix = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(prefix, 64)
        except zlib.error:
            return False
    return prefix.lstrip().startswith(b"WARC/")


def _csv_header(line: bytes, options: ReadOptions) -> bool:
    """A first line that is a delimited header naming the text or HTML column."""
    for delimiter in (b",", b"\t", b";", b"|"):
        cells = [c.strip().strip(b'"').decode("utf-8", "replace") for c in line.split(delimiter)]
        short = len(cells) >= 2 and all(len(c) <= 64 for c in cells)
        if short and (options.text_field in cells or options.html_field in cells):
            return True
    return False


def sniff_kind(prefix: bytes, options: ReadOptions) -> str:
    """Guess the input kind from its first bytes: warc, jsonl, html, csv or text."""
    if prefix.startswith(GZIP_MAGIC):
        return "warc" if looks_like_warc(prefix) else "text"  # text: the binary check names it
    bom = bom_encoding(prefix)
    head = prefix
    if bom == "utf-8-sig":
        head = prefix[3:]
    elif bom:
        return "text"
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_START.match(head[:4096]):
        return "html"
    first_line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if _csv_header(first_line, options):
        return "csv"
    return "text"
