"""Readers: turn files, directories, record dumps, WARCs and stdin into ``RawArticle``s.

``read_inputs`` yields a ``RawArticle`` per article and a ``Failure`` per input or record
that cannot be read, so a batch goes on past a bad record. (Placeholder reading plain text
only; issue #2 fills in the other readers.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..types import Failure, Origin, RawArticle

__all__ = ["ReadOptions", "read_inputs"]


@dataclass(frozen=True)
class ReadOptions:
    """Field names for record inputs (JSONL, CSV) and what a directory walk picks up."""

    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    title_field: str = "title"
    date_field: str = "published"
    id_field: str = "id"
    extensions: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl", ".csv", ".warc", ".warc.gz")


def read_inputs(
    paths: Sequence[str], options: ReadOptions | None = None
) -> Iterator[RawArticle | Failure]:
    for name in paths:
        if name == "-":
            yield RawArticle(origin=Origin(path="-"), text=sys.stdin.read())
            continue
        path = Path(name)
        try:
            data = path.read_text("utf-8")
        except OSError as exc:
            yield Failure(Origin(path=name), "E011", f"{name}: cannot read: {exc.strerror}")
            continue
        yield RawArticle(origin=Origin(path=name), text=data)
