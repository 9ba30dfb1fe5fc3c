"""What the bench scripts share: reading a gold JSON Lines file, importing a scorer, and the
invariants of every result (``dateline._invariants``) checked on every run.

Importing this module hooks ``dateline.pipeline.analysis_from_doc``: every ``Analysis`` the
pipeline builds in this process is checked, and at exit a line says how many were checked;
when some break an invariant (a kind not in ``_invariants.KNOWN``), the problems are printed
and the script exits with status 3 whatever it measured.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["check_invariants", "load_jsonl", "load_scorer"]


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


_checked = [0]
_problems: list[str] = []


def check_invariants() -> None:
    """Check every result the pipeline builds in this process (done once, on import)."""
    import dateline.pipeline as pipeline_module
    from dateline._invariants import unexpected

    original = pipeline_module.analysis_from_doc
    if getattr(original, "checked", False):
        return

    def checked(doc: Any, model: str) -> Any:
        result = original(doc, model)
        _checked[0] += 1
        _problems.extend(f"{result.id}: {p}" for p in unexpected(result))
        return result

    checked.checked = True  # type: ignore[attr-defined]
    pipeline_module.analysis_from_doc = checked
    atexit.register(_report)


def _report() -> None:
    if not _checked[0]:
        return
    print(
        f"invariants: {_checked[0]} result(s) checked, {len(_problems)} problem(s)",
        file=sys.stderr,
    )
    if _problems:
        for line in _problems[:50]:
            print(f"  {line}", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(3)  # atexit cannot set the status otherwise


check_invariants()
