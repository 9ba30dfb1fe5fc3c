"""The API's OpenAPI spec, driven by schemathesis: no request it generates gets a 500.

Bounded (a few examples per operation, no shrinking) to stay fast. ``POST /api/analyze``
is left out: it runs the NLP pipeline, which test_server.py covers.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings

from dateline.pipeline import Pipeline
from dateline.server import create_app
from tests._server_corpus import build_corpus
from tests.test_store import FakePipeline


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> schemathesis.BaseSchema:
    db = build_corpus(tmp_path_factory.mktemp("schema") / "c.duckdb", pipeline)
    app: FastAPI = create_app(db, pipeline=FakePipeline())
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/api/analyze":
            continue

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
    assert checked >= 10


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
