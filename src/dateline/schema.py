"""The JSON Schema of the `dateline/1` output, generated from the result types.

``schema()`` builds it from the dataclasses in ``types.py``; the committed copy in
``data/schema/dateline-1.json`` is what other tools read, and a test checks the two agree.
``validate(obj)`` raises ``jsonschema.ValidationError`` for an object that breaks it.
``render_markdown()`` gives the same schema as a reference page for the docs.

Field types map as: ``str``/``int``/``float``/``bool`` to JSON types, ``X | None`` to
``anyOf [X, null]``, ``tuple[X, ...]`` to an array, ``tuple[int, int]`` to a pair, a
``Literal`` alias of ``types.py`` to a string ``enum``, a dataclass to a ``$ref``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from importlib import resources
from typing import Any

from . import types as result_types
from .types import SCHEMA_VERSION, Analysis

__all__ = ["load_schema", "render_markdown", "schema", "validate"]

_SCHEMA_FILE = "dateline-1.json"


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        return {"type": "string", "enum": list(args)}
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


# ---------------------------------------------------------------------------- Markdown


def render_markdown() -> str:
    """The schema as a Markdown reference: one table of fields per object, Analysis first."""
    full = schema()
    defs: dict[str, Any] = full["$defs"]
    order = _objects_in_order(full, defs)
    lines = [
        f"# The `{SCHEMA_VERSION}` output schema",
        "",
        "Generated from `dateline.types` by `dateline.schema.render_markdown()`; the JSON",
        "Schema itself is `src/dateline/data/schema/dateline-1.json`. Offsets are Python `str`",
        "indices into `text` (the cleaned body), end-exclusive. A field that is not required",
        "is always written, with its default (`null`, `[]`, `false`) when there is no value.",
    ]
    for name in order:
        obj = full if name == "Analysis" else defs[name]
        required = set(obj.get("required", ()))
        lines += ["", f"## {name}", ""]
        doc = _summary(name)
        if doc:
            lines += [doc, ""]
        lines += ["| field | type | required |", "| --- | --- | --- |"]
        for field_name, spec in obj["properties"].items():
            mark = "yes" if field_name in required else ""
            lines.append(f"| `{field_name}` | {_md_type(spec)} | {mark} |")
    return "\n".join(lines) + "\n"


def _objects_in_order(top: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Analysis, then each object in the order its first reference is met."""
    order = ["Analysis"]
    queue = [top]
    while queue:
        for ref in _refs(queue.pop(0)):
            if ref not in order:
                order.append(ref)
                queue.append(defs[ref])
    return order


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            return [str(node["$ref"]).rsplit("/", 1)[-1]]
        return [r for k, v in node.items() if k != "$defs" for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _summary(name: str) -> str:
    """The first paragraph of the type's docstring (dataclasses without one are skipped)."""
    cls = getattr(result_types, name, None)
    doc = (cls.__doc__ or "") if cls is not None else ""
    if doc.startswith(f"{name}("):  # the signature dataclasses write when there is no docstring
        return ""
    return " ".join(doc.strip().split("\n\n")[0].split()).replace("``", "`")


def _md_type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = str(spec["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    if "anyOf" in spec:
        return " or ".join(_md_type(s) for s in spec["anyOf"])
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    if spec.get("type") == "array":
        if "prefixItems" in spec:
            return "[" + ", ".join(_md_type(s) for s in spec["prefixItems"]) + "]"
        return f"list of {_md_type(spec['items'])}"
    return str(spec.get("type", "any"))


if __name__ == "__main__":  # regenerate: python -m dateline.schema > data/schema/dateline-1.json
    print(json.dumps(schema(), indent=2))
