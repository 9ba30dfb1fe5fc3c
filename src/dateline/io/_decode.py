"""Bytes to text: byte-order marks, declared charsets, detection, and a binary check.

Decoding never fails: bytes that do not fit the chosen encoding become U+FFFD and the
result carries a warning that says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

__all__ = [
    "CONTROL_BYTES",
    "Decoded",
    "binary_kind",
    "decode",
    "magic_kind",
    "normalize_newlines",
    "text_codec",
]

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# C0 controls that never appear in text (tab, newlines, form feed, backspace, escape do)
_CONTROL = bytes(b for b in range(32) if b not in (8, 9, 10, 11, 12, 13, 27)) + b"\x7f"
CONTROL_BYTES = _CONTROL
_SAMPLE = 8192

# WHATWG: these labels mean windows-1252 on the web
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in ASCII-heavy UTF-16."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def magic_kind(data: bytes) -> str | None:
    """What the bytes are when they start like a known binary format, else None."""
    if bom_encoding(data):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """What the bytes are when they are not text (``"a PNG image"``), else None."""
    sample = data[:_SAMPLE]
    if bom_encoding(sample):
        return None
    magic = magic_kind(sample)
    if magic:
        return magic
    if b"\x00" in sample:
        return None if _utf16_without_bom(sample) else "binary data (it contains NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and controls / len(sample) > 0.01:
        return "binary data (it contains control bytes)"
    return None


def text_codec(name: str) -> str | None:
    """The Python codec for a charset label, or None when there is no such text encoding
    (``rot13`` and ``base64`` are codecs, but not of bytes to text)."""
    label = name.strip().strip("\"'").lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _replaced(encoding: str, count: int, first: int | None) -> str:
    where = f" (first at byte {first})" if first is not None else ""
    return f"{count} byte sequence(s) not valid {encoding} were replaced with U+FFFD{where}"


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, str | None]:
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode(encoding, errors="replace")
    already = data.count("\ufffd".encode()) if codecs.lookup(encoding).name == "utf-8" else 0
    count = text.count("\ufffd") - already
    return text, _replaced(encoding, max(count, 1), first)


def _detect(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    ties = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    # Western news text is the common case: among equally good guesses, prefer cp1252
    if any("cp1252" in m.could_be_from_charset for m in ties):
        return "cp1252"
    return str(best.encoding)


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes hold at least as many valid UTF-8 multibyte characters as
    invalid sequences: UTF-8 with damage, not a legacy single-byte encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(re.findall("[^\x00-\x7f\ufffd]", text))
    return good >= bad


def decode(data: bytes, *, declared: str | None = None, forced: str | None = None) -> Decoded:
    """Decode ``data``: a forced encoding, else a BOM, else the declared charset when it
    fits, else UTF-8, else detection. Never raises."""
    warnings: list[str] = []
    if forced:
        text, problem = _decode_replacing(data, forced)
        return Decoded(text, forced, (problem,) if problem else ())
    bom = bom_encoding(data)
    if bom:
        text, problem = _decode_replacing(data, bom)
        return Decoded(text, bom, (problem,) if problem else ())
    utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16:
        text, problem = _decode_replacing(data, utf16)
        return Decoded(text, utf16, (problem,) if problem else ())
    if declared:
        codec = text_codec(declared)
        if codec is not None and codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # WHATWG: a page that says UTF-16 without a BOM is ASCII-based
        if codec is None:
            warnings.append(f"unknown declared charset {declared!r} ignored")
        else:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                warnings.append(
                    f"declared charset {declared!r} does not fit the bytes (at byte "
                    f"{exc.start}); the encoding was detected instead"
                )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", tuple(warnings))
    except UnicodeDecodeError:
        pass
    if not _mostly_utf8(data):
        guess = _detect(data)
        if guess and guess.replace("_", "-") not in ("utf-8", "ascii"):
            text, problem = _decode_replacing(data, guess)
            warnings.append(f"not UTF-8: decoded as {guess} (detected)")
            if problem:
                warnings.append(problem)
            return Decoded(text, guess, tuple(warnings))
    text, problem = _decode_replacing(data, "utf-8")
    if problem:
        warnings.append(problem)
    return Decoded(text, "utf-8", tuple(warnings))


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``, as Python's text mode reads files."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
