"""The package layout: imports go one way, down the layers, and private modules stay private.

Every module under ``src/dateline`` is parsed with ``ast``; every import counts (top level,
inside functions, under ``TYPE_CHECKING``), relative ones resolved. A module may import its
own package or a package of a LOWER layer, never one of its own layer or above; it may not
import another package's private module (``dateline.X._y`` from outside ``X``); and the
packages' import graph has no cycle. Tests and benchmarks are not checked.

``KNOWN`` lists the violations the tree still has: a new one fails the test, and so does a
listed one that is gone (remove it from the list).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import dateline

SRC = Path(dateline.__file__).resolve().parent
ROOT = "dateline"

# (layer name, the units in it), lowest first. A unit is a top-level module or package of
# dateline; "__init__" is the package's own __init__ (the public API, above the pipeline).
# Units of one layer may not import each other, except in the base layer (OPEN_LAYERS),
# whose small modules build on each other (schema on types); the cycle test covers them.
LAYERS: list[tuple[str, frozenset[str]]] = [
    (
        "base",
        frozenset(
            {"types", "errors", "schema", "_spans", "_data", "_doc", "_invariants", "data"}
            | {"tables"}
        ),
    ),
    ("readers, places, model", frozenset({"io", "places", "nlp"})),
    ("structure", frozenset({"structure"})),
    ("entities", frozenset({"entities"})),
    ("time", frozenset({"time"})),
    ("quotes", frozenset({"quotes"})),
    ("events", frozenset({"events"})),
    ("pipeline", frozenset({"pipeline"})),
    ("public API", frozenset({"__init__"})),
    ("corpus", frozenset({"corpus"})),
    ("engines", frozenset({"engines"})),
    ("server", frozenset({"server"})),
    ("cli", frozenset({"cli"})),
]
LAYER_OF = {unit: i for i, (_, units) in enumerate(LAYERS) for unit in units}
OPEN_LAYERS = frozenset({0})

# violations in the tree today: (kind, importing module, imported module)
KNOWN: set[tuple[str, str, str]] = set()


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    path: Path
    line: int
    target: str  # the imported module (or the package a name was taken from), dotted


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split(".")[1:]) if "." in dotted else Path()
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def _imports(path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    return _imports_in(tree, path)


def _imports_in(tree: ast.AST, path: Path) -> Iterator[Import]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == ROOT:
                    yield Import(module, path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                # "from pkg import name": the submodule pkg.name when there is one
                sub = f"{source}.{alias.name}"
                yield Import(module, path, node.lineno, sub if _is_module(sub) else source)


def _unit(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _all_imports() -> list[Import]:
    return [imp for path in sorted(SRC.rglob("*.py")) for imp in _imports(path)]


def _private_part(target: str) -> str | None:
    """The package whose private module ``target`` is, or None when it is public."""
    parts = target.split(".")
    for i, part in enumerate(parts[2:], start=2):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def _check(imp: Import) -> list[tuple[tuple[str, str, str], str]]:
    """The violations of one import: ((kind, importer, imported), message)."""
    out = []
    where = f"{imp.path.relative_to(SRC.parent)}:{imp.line}"
    src_unit, dst_unit = _unit(imp.module), _unit(imp.target)
    if src_unit != dst_unit:
        src_layer, dst_layer = LAYER_OF[src_unit], LAYER_OF[dst_unit]
        if dst_layer > src_layer or (dst_layer == src_layer and src_layer not in OPEN_LAYERS):
            out.append(
                (
                    ("layer", imp.module, imp.target),
                    f"{where}: {imp.module} ({LAYERS[src_layer][0]}, layer {src_layer}) imports "
                    f"{imp.target} ({LAYERS[dst_layer][0]}, layer {dst_layer}); import only "
                    "from your own package or a lower layer",
                )
            )
    owner = _private_part(imp.target)
    if owner is not None and not (imp.module == owner or imp.module.startswith(owner + ".")):
        out.append(
            (
                ("private", imp.module, imp.target),
                f"{where}: {imp.module} imports {imp.target}, a private module of {owner}; "
                f"use what {owner} re-exports",
            )
        )
    return out


def _violations() -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    for imp in _all_imports():
        for key, message in _check(imp):
            found.setdefault(key, message)
    return found


def _package_cycles(imports: list[Import]) -> list[list[str]]:
    """The strongly connected groups (more than one unit) of the units' import graph."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        a, b = _unit(imp.module), _unit(imp.target)
        if a != b:
            graph.setdefault(a, set()).add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_every_unit_has_a_layer() -> None:
    units = {_unit(_module_name(p)) for p in SRC.rglob("*.py")}
    missing = sorted(units - set(LAYER_OF))
    assert not missing, f"add these to LAYERS in {Path(__file__).name}: {missing}"
    assert sum(len(u) for _, u in LAYERS) == len(LAYER_OF), "a unit is in two layers"


def test_no_new_layer_or_privacy_violation() -> None:
    found = _violations()
    new = sorted(msg for key, msg in found.items() if key not in KNOWN)
    assert not new, "imports against the layout:\n" + "\n".join(new)


def test_every_known_violation_still_exists() -> None:
    gone = sorted(KNOWN - set(_violations()))
    assert not gone, f"fixed, remove from KNOWN in {Path(__file__).name}: {gone}"


def test_packages_import_each_other_in_no_cycle() -> None:
    cycles = _package_cycles(_all_imports())
    assert not cycles, "import cycles between packages: " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..places import known_place", "dateline.places"),
        ("from .. import places", "dateline.places"),
        ("from .. import __version__", "dateline"),
        ("from ._dates import MONTH_RE", "dateline.structure._dates"),
        ("from . import _dates", "dateline.structure._dates"),
        ("from ..entities._roles import Roles", "dateline.entities._roles"),
        ("import dateline.time._find", "dateline.time._find"),
        ("import spacy", None),
    ],
)
def test_imports_resolve_as_in_structure_rules(source: str, expected: str | None) -> None:
    # a line inside a function of structure/_rules.py
    tree = ast.parse(f"def f() -> None:\n    {source}\n")
    got = [(i.module, i.target) for i in _imports_in(tree, SRC / "structure" / "_rules.py")]
    assert got == ([("dateline.structure._rules", expected)] if expected else [])


@pytest.mark.parametrize(
    ("importer", "source", "kinds"),
    [
        ("places/_known.py", "from ..entities import Cluster", ["layer"]),
        ("places/_known.py", "from ..structure import build_article", ["layer"]),
        ("places/_known.py", "from ..nlp import load_model", ["layer"]),  # same layer
        ("places/_known.py", "from ..types import Entity", []),
        ("places/_known.py", "from ._gazetteer import lookup", []),
        ("schema.py", "from .types import Analysis", []),  # the base layer is open
        ("types.py", "from .io import read_inputs", ["layer"]),
        ("events/_coder.py", "from ..time._find import find_times", ["private"]),
        ("events/_coder.py", "from ..time import find_times", []),
        ("cli/_main.py", "from ..corpus._store import Store", ["private"]),
        ("cli/_main.py", "from .. import __version__", []),
        ("pipeline.py", "from . import __version__", ["layer"]),  # the public API is above
        ("corpus/_ingest.py", "from ..cli import main", ["layer"]),
    ],
)
def test_the_rules_flag_what_they_should(importer: str, source: str, kinds: list[str]) -> None:
    tree = ast.parse(source)
    got = [key[0] for imp in _imports_in(tree, SRC / importer) for key, _ in _check(imp)]
    assert got == kinds


def test_a_cycle_between_packages_is_found() -> None:
    def imp(module: str, target: str) -> Import:
        return Import(module, SRC, 1, target)

    imports = [
        imp("dateline.entities._a", "dateline.places"),
        imp("dateline.places._b", "dateline.time._c"),
        imp("dateline.time._c", "dateline.entities"),
        imp("dateline.events._d", "dateline.entities"),
        imp("dateline.schema", "dateline.types"),
    ]
    assert _package_cycles(imports) == [["entities", "places", "time"]]
