"""The accuracy gate: each benchmark with a committed baseline is rerun and checked.

``bench/baselines/<task>.json`` holds ``{"floors": {metric: value}, ...}``. The matching
``bench/<task>.py`` exposes ``measure() -> dict[str, float]``, which runs dateline alone
over the task's dev gold in ``../shared/data`` and scores it with ``../shared/eval``.
A figure below its floor fails the test: a regression fails CI.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, SHARED

BASELINES = sorted((REPO / "bench" / "baselines").glob("*.json"))


def _load_bench(task: str) -> ModuleType:
    path = REPO / "bench" / f"{task}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{task}", path)
    assert spec and spec.loader, f"no benchmark script {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.bench
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data is not present")
@pytest.mark.parametrize("baseline", BASELINES, ids=[p.stem for p in BASELINES])
def test_benchmark_stays_above_its_floors(baseline: Path) -> None:
    floors: dict[str, float] = json.loads(baseline.read_text("utf-8"))["floors"]
    figures = _load_bench(baseline.stem).measure()
    below = {
        name: (figures.get(name), floor)
        for name, floor in floors.items()
        if figures.get(name) is None or figures[name] < floor
    }
    assert not below, f"{baseline.stem}: figures below their floors (got, floor): {below}"
