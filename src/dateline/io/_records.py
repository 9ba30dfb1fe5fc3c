"""One JSONL object or CSV row to a ``RawArticle``, by the configured field names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..types import Failure, Origin, RawArticle
from ._checks import too_large
from ._codes import NO_TEXT, fail
from ._decode import normalize_newlines
from ._options import ReadOptions

__all__ = ["field_value", "record_article"]

_MISSING = object()


def field_value(record: Mapping[str, Any], name: str) -> Any:
    """``record[name]``; a dotted name (``meta.url``) walks into nested objects."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _clean(text: str, warnings: list[str], name: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from JSON escapes such as "\ud800"
        text = text.encode("utf-8", "replace").decode("utf-8")
        warnings.append(f"field {name!r} held invalid characters (lone surrogates), replaced")
    return text


def _scalar(record: Mapping[str, Any], name: str, warnings: list[str]) -> str | None:
    value = field_value(record, name)
    if isinstance(value, bool) or value is _MISSING or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _clean(value.strip(), warnings, name) or None
    return None


def _kind_of(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _body(
    record: Mapping[str, Any], name: str, origin: Origin, warnings: list[str]
) -> str | Failure | None:
    value = field_value(record, name)
    if value is _MISSING or value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())
    if not isinstance(value, str):
        return fail(origin, NO_TEXT, f"field {name!r} holds {_kind_of(value)}, not text")
    value = _clean(value, warnings, name)
    return value if value.strip() else None


def record_article(
    record: Mapping[str, Any],
    origin: Origin,
    options: ReadOptions,
    warnings: tuple[str, ...] = (),
) -> RawArticle | Failure:
    notes = list(warnings)
    record_id = _scalar(record, options.id_field, notes)
    if record_id is not None:
        origin = Origin(origin.path, origin.line, origin.offset, record_id)
    text = _body(record, options.text_field, origin, notes)
    if isinstance(text, Failure):
        return text
    html: str | None = None
    if text is None:
        found = _body(record, options.html_field, origin, notes)
        if isinstance(found, Failure):
            return found
        if found is None:
            names = ", ".join(repr(k) for k in list(record)[:20]) or "none"
            return fail(
                origin,
                NO_TEXT,
                f"no text: field {options.text_field!r} and field {options.html_field!r} "
                f"are missing or empty (fields here: {names})",
            )
        html = found
    body = text if text is not None else html or ""
    if len(body) > options.max_bytes:
        return too_large(origin, len(body), options.max_bytes, "record")
    return RawArticle(
        origin=origin,
        text=normalize_newlines(text) if text is not None else None,
        html=html,
        url=_scalar(record, options.url_field, notes),
        title=_scalar(record, options.title_field, notes),
        published=_scalar(record, options.date_field, notes),
        source=_scalar(record, options.source_field, notes),
        warnings=tuple(notes),
    )
