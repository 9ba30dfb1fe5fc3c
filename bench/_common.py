"""What the bench scripts share: reading a gold JSON Lines file, importing a scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["load_jsonl", "load_scorer"]


def load_scorer(path: Path) -> ModuleType:
    """A scorer script from ``../shared/eval`` imported as a module (it is no package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
