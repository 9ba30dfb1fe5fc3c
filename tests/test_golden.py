"""Golden files: whole-article results are pinned, so any change in output is seen.

Each input in ``GOLDEN_INPUTS`` has a ``tests/golden/<name>.json`` holding its full
`dateline/1` result. A test fails when the pipeline's output differs; after an intended
change, regenerate with ``DATELINE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py``
and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dateline.pipeline import Pipeline
from dateline.schema import validate
from dateline.types import Origin, RawArticle
from tests.conftest import FIXTURES, SEED

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_INPUTS = {
    "geneva": SEED,
    **{p.stem: p for p in sorted((FIXTURES / "articles").glob("*.txt"))[:3]},
}


def _result(pipeline: Pipeline, path: Path) -> dict[str, object]:
    raw = RawArticle(origin=Origin(path=path.name), text=path.read_text("utf-8"))
    return pipeline.analyze(raw).to_dict()


@pytest.mark.parametrize("name", sorted(GOLDEN_INPUTS))
def test_whole_article_result_matches_its_golden_file(pipeline: Pipeline, name: str) -> None:
    result = _result(pipeline, GOLDEN_INPUTS[name])
    validate(result)
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("DATELINE_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(golden.read_text("utf-8"))
    for key in sorted(set(expected) | set(result)):
        assert result.get(key) == expected.get(key), f"{name}: field {key!r} differs"
