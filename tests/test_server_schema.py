"""The API's OpenAPI spec, driven by schemathesis: no request it generates gets a 500.

Bounded (a few examples per operation, no shrinking) to stay fast. ``POST /api/analyze``
runs on a fake pipeline (no NLP: what is tested is the API around it; test_server.py runs
the real one), which reads an HTML body as its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings

from dateline.pipeline import Pipeline
from dateline.server import create_app
from dateline.types import Analysis, Failure, RawArticle
from tests._server_corpus import build_corpus
from tests.test_store import FakePipeline


class _FakeReadsHtml(FakePipeline):
    def analyze_many(self, records: Iterable[RawArticle | Failure]) -> Iterator[Analysis | Failure]:
        return super().analyze_many(
            replace(r, text=r.text or r.html) if isinstance(r, RawArticle) else r for r in records
        )


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> schemathesis.BaseSchema:
    db = build_corpus(tmp_path_factory.mktemp("schema") / "c.duckdb", pipeline)
    app: FastAPI = create_app(db, pipeline=_FakeReadsHtml())
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            if response.status_code >= 400:
                assert response.json()["error"]["code"].startswith("E0")

        check()
        checked += 1
    assert checked >= 11  # every operation of the spec, POST /api/analyze too


def test_the_spec_lists_every_endpoint(api_schema: schemathesis.BaseSchema) -> None:
    paths = set(api_schema.raw_schema["paths"])
    assert {
        "/api/analyze",
        "/api/articles",
        "/api/events",
        "/api/quotes",
        "/api/actors",
        "/api/groups",
        "/api/articles/{article_id}",
        "/api/groups/{group_id}",
        "/api/actors/{name}",
        "/api/corrections",
    } <= paths
