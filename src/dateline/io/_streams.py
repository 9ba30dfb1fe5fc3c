"""Small binary-stream helpers: bounded reads, and putting a sniffed prefix back."""

from __future__ import annotations

import io
from typing import BinaryIO

__all__ = ["SNIFF_BYTES", "prefixed", "read_at_most"]

SNIFF_BYTES = 64 * 1024


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, reading until the limit or the end of the stream."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


class _Prefixed(io.RawIOBase):
    """The bytes already read from a stream, followed by the rest of the stream."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def prefixed(prefix: bytes, rest: BinaryIO) -> BinaryIO:
    """A buffered stream that yields ``prefix`` and then the rest of ``rest``."""
    return io.BufferedReader(_Prefixed(prefix, rest), buffer_size=SNIFF_BYTES)
