"""The JSON Schema of the `dateline/1` output, generated from the result types.

``schema()`` builds it from the dataclasses in ``types.py``; the committed copy in
``data/schema/dateline-1.json`` is what other tools read, and a test checks the two agree.
``validate(obj)`` raises ``jsonschema.ValidationError`` for an object that breaks it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from importlib import resources
from typing import Any

from .types import SCHEMA_VERSION, Analysis

__all__ = ["load_schema", "schema", "validate"]

_SCHEMA_FILE = "dateline-1.json"


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args if a is not type(None)]
        nullable = type(None) in args
        base = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [base, {"type": "null"}]} if nullable else base
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    return {}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    required = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an ``Analysis.to_dict()`` object."""
    defs: dict[str, Any] = {}
    top = _object_schema(Analysis, defs)
    top["properties"]["schema"] = {"const": SCHEMA_VERSION}
    top["required"] = sorted({*top.get("required", []), "schema", "text", "entities"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dateline.invalid/schema/dateline-1.json",
        "title": SCHEMA_VERSION,
        **top,
        "$defs": dict(sorted(defs.items())),
    }


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The committed schema file shipped in the package."""
    text = resources.files("dateline").joinpath("data", "schema", _SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(obj: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``obj`` breaks the `dateline/1` schema."""
    import jsonschema

    jsonschema.validate(obj, load_schema(), cls=jsonschema.Draft202012Validator)


if __name__ == "__main__":  # regenerate: python -m dateline.schema > data/schema/dateline-1.json
    print(json.dumps(schema(), indent=2))
