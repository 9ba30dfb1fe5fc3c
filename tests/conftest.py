"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "data" / "seed" / "geneva.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
