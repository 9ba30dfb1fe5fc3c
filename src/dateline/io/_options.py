"""Reader settings: record field names, size limit, encoding and input kind."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError
from ._decode import text_codec

__all__ = ["DEFAULT_EXTENSIONS", "KINDS", "MAX_BYTES", "ReadOptions"]

KINDS = ("text", "html", "jsonl", "csv", "warc", "parquet")
MAX_BYTES = 20 * 1024 * 1024
DEFAULT_EXTENSIONS = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".jsonl.gz",
    ".ndjson",
    ".csv",
    ".csv.gz",
    ".tsv",
    ".warc",
    ".warc.gz",
    ".parquet",
)


@dataclass(frozen=True)
class ReadOptions:
    """Field names for record inputs (JSONL, CSV) and what a directory walk picks up.

    ``max_bytes`` caps one text or HTML article (a file, a record's field, a WARC
    response); ``encoding`` overrides detection for text, HTML and CSV; ``kind`` forces the
    input kind (one of ``KINDS``) instead of guessing it from the extension or content;
    ``follow_links`` lets a directory walk follow symbolic links out of the directory.
    """

    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    title_field: str = "title"
    date_field: str = "published"
    id_field: str = "id"
    source_field: str = "source"
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    max_bytes: int = MAX_BYTES
    encoding: str | None = None
    kind: str | None = None
    follow_links: bool = False

    def __post_init__(self) -> None:
        dotted = tuple(e.lower() if e.startswith(".") else f".{e.lower()}" for e in self.extensions)
        object.__setattr__(self, "extensions", dotted)  # frozen: set once, here
        if self.max_bytes <= 0:
            raise ConfigError(f"size limit must be positive, not {self.max_bytes}")
        if self.kind is not None and self.kind not in KINDS:
            raise ConfigError(
                f"unknown input kind {self.kind!r}", hint=f"use one of: {', '.join(KINDS)}"
            )
        if self.encoding is not None and text_codec(self.encoding) is None:
            raise ConfigError(
                f"unknown encoding {self.encoding!r}",
                hint="use a Python codec name such as utf-8, cp1252 or latin-1",
            )
