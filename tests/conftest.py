"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from spacy.tokens import Doc

from dateline.pipeline import Pipeline
from dateline.types import Analysis

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "data" / "seed" / "geneva.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Hypothesis: few examples and no deadline in the test suite (CI stays fast); the long
# profile is for a patient local run: HYPOTHESIS_PROFILE=long pytest tests/test_properties.py
settings.register_profile("ci", max_examples=20, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The commands default to one worker process per core; the suite runs them in this process
# (the model loads once per session) unless a test asks for workers: the tests of several
# workers (test_engines.py) give --workers / workers= themselves.
os.environ.setdefault("DATELINE_WORKERS", "1")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_result(pipeline: Pipeline, seed_text: str):  # type: ignore[no-untyped-def]
    from dateline.types import Origin, RawArticle

    return pipeline.analyze(RawArticle(origin=Origin(path=str(SEED)), text=seed_text))


# ---------------------------------------------------------------- invariants of every result
# Every Analysis the pipeline builds during a test (API, CLI, golden, cases, ingest) goes
# through ``dateline._invariants.unexpected``; a test that produced a broken result fails
# at its teardown with the problems listed. Known kinds (``_invariants.KNOWN``) are allowed.

_PROBLEMS: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _check_every_result() -> Iterator[None]:
    import dateline.pipeline as pipeline_module
    from dateline._invariants import unexpected

    original = pipeline_module.analysis_from_doc

    def checked(doc: Doc, model: str) -> Analysis:
        result = original(doc, model)
        _PROBLEMS.extend(f"{result.id}: {problem}" for problem in unexpected(result))
        return result

    pipeline_module.analysis_from_doc = checked
    yield
    pipeline_module.analysis_from_doc = original


@pytest.fixture(autouse=True)
def _no_broken_results() -> Iterator[None]:
    _PROBLEMS.clear()
    yield
    problems = list(_PROBLEMS)
    _PROBLEMS.clear()
    if problems:
        pytest.fail("results break the invariants:\n" + "\n".join(problems[:20]), pytrace=False)
