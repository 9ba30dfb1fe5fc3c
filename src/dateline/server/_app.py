"""The FastAPI application: the JSON API under ``/api`` and the viewer's pages.

``create_app(db_path)`` opens the corpus read-only (see ``_corrections`` for where the
marks go) and returns the app; ``dateline serve`` runs it with uvicorn on 127.0.0.1.

Every error is a JSON body ``{"error": {"code": "E0xx", "message": ..., "hint": ...}}`` with
a code of ``dateline.errors``: 404 E060 for an unknown id, 413 E014 for an oversized body,
422 E010 for malformed JSON or a bad parameter, 400 for another ``DatelineError``.
There is no SQL endpoint, and no endpoint reads a file or writes anything but a correction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..corpus import Filters
from ..errors import (
    BAD_INPUT,
    ERROR,
    INTERNAL,
    NO_TEXT,
    NOT_FOUND,
    READ_ONLY,
    TOO_LARGE,
    DatelineError,
    StoreError,
)
from ..pipeline import Pipeline
from ..types import Failure, Origin, RawArticle
from ._corrections import Corrections, corrections_path
from ._data import Corpus
from ._pages import STATIC, add_pages

__all__ = ["MAX_BODY", "create_app"]

MAX_BODY = 2 * 2**20  # bytes of one request body (an article to analyse)
MAX_LIMIT = 500
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
STATUS = {NOT_FOUND: 404, TOO_LARGE: 413, BAD_INPUT: 422, READ_ONLY: 503, INTERNAL: 500}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# ---------------------------------------------------------------------------- models


class ErrorInfo(BaseModel):
    code: str
    message: str
    hint: str | None = None


class ErrorBody(BaseModel):
    error: ErrorInfo


class AnalyzeRequest(BaseModel):
    """One article: ``text`` or ``html`` (one of them), and what is known of it."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, pattern=DATE)


class CorrectionRequest(BaseModel):
    article_id: str = Field(min_length=1, max_length=200)
    kind: Literal["event", "quote"]
    record_id: str = Field(min_length=1, max_length=50)
    note: str = Field(default="", max_length=2000)


class Correction(BaseModel):
    id: int
    created: str
    article_id: str
    kind: str
    record_id: str
    note: str


class ListPage(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown id (E060)"},
    422: {"model": ErrorBody, "description": "Malformed JSON or a bad parameter (E010)"},
}


def _error(status: int, code: str, message: str, hint: str | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorInfo(code=code, message=message, hint=hint))
    return JSONResponse(body.model_dump(), status_code=status)


def filters(
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    duplicates: bool = False,
) -> Filters:
    return Filters(
        actor=actor or None,
        country=country or None,
        type=type or None,
        since=since or None,
        until=until or None,
        source=source or None,
        text=text or None,
        duplicates=duplicates,
    )


# ---------------------------------------------------------------------------- app


def create_app(
    db_path: str | os.PathLike[str],
    *,
    read_only: bool = True,
    pipeline: Pipeline | None = None,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The viewer and API over the corpus at ``db_path``.

    ``read_only`` (the default, and what ``dateline serve`` uses): the corpus is opened
    read-only and corrections go to a SQLite file next to it; ``False`` opens the corpus for
    writing and keeps corrections in its own ``corrections`` table. ``pipeline``: the
    analysis pipeline ``POST /api/analyze`` uses (default: loaded on the first request).
    """
    corpus = Corpus(db_path, write=not read_only)
    if read_only:
        corrections = Corrections.sqlite(corrections_path(Path(db_path)))
    else:
        corrections = Corrections(corpus.store.con.cursor(), str(db_path))
    state: dict[str, Pipeline] = {}
    analysing = threading.Lock()
    if pipeline is not None:
        state["pipeline"] = pipeline

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        corrections.close()
        corpus.close()

    app = FastAPI(
        title="dateline",
        summary="Articles, events, quotes and actors of a dateline corpus, and a viewer.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the spec only
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.corpus = corpus
    app.state.corrections = corrections

    @app.middleware("http")
    async def limits_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return _error(413, TOO_LARGE, f"the request body is over {max_body} bytes")
        if request.method == "POST" and length is None:
            body = await request.body()
            if len(body) > max_body:
                return _error(413, TOO_LARGE, f"the request body is over {max_body} bytes")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> JSONResponse:
        return _error(STATUS.get(exc.code, 400), exc.code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else "invalid"
        return _error(422, BAD_INPUT, message, "send a JSON body as the API spec describes")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = NOT_FOUND if exc.status_code == 404 else ERROR
        return _error(exc.status_code, code, str(exc.detail))

    # ------------------------------------------------------------------ analyse

    @app.post("/api/analyze", tags=["analyse"], responses={413: ERRORS[422], **ERRORS})
    def analyze(body: AnalyzeRequest) -> dict[str, Any]:
        """Analyse one article (text or HTML) and return its ``dateline/1`` result."""
        if not (body.text and body.text.strip()) and not (body.html and body.html.strip()):
            raise DatelineError("give a non-empty 'text' or 'html'", code=BAD_INPUT)
        if "pipeline" not in state:
            state["pipeline"] = Pipeline()
        raw = RawArticle(
            origin=Origin(path="api"),
            text=body.text if body.text and body.text.strip() else None,
            html=None if body.text and body.text.strip() else body.html,
            url=body.url,
            title=body.title,
            published=body.published,
        )
        with analysing:  # one analysis at a time: a spaCy pipeline is not thread-safe
            results = list(state["pipeline"].analyze_many([raw]))
        result = results[0] if results else Failure(raw.origin, NO_TEXT, "no article text")
        if isinstance(result, Failure):
            raise DatelineError(result.message, code=BAD_INPUT)
        return result.to_dict()

    # ------------------------------------------------------------------ lists

    def list_route(kind: str, what: str) -> None:
        def route(
            f: Annotated[Filters, Depends(filters)],
            limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
            offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
        ) -> ListPage:
            return ListPage(**corpus.page(kind, f, limit, offset).to_dict())

        route.__doc__ = f"List {what}, filtered like ``dateline {kind}``, one page at a time."
        app.get(f"/api/{kind}", tags=["lists"], responses=ERRORS, name=f"list_{kind}")(route)

    list_route("articles", "stored articles")
    list_route("events", "coded events")
    list_route("quotes", "quotes with their speakers")
    list_route("actors", "actors (entities) across articles")

    @app.get("/api/groups", tags=["lists"], responses=ERRORS)
    def list_groups(
        type: Annotated[str | None, Query(max_length=40)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> ListPage:
        """List event groups (one real-world event reported by several articles)."""
        return ListPage(**corpus.groups(type or None, limit, offset).to_dict())

    # ------------------------------------------------------------------ one record

    @app.get("/api/articles/{article_id}", tags=["records"], responses=ERRORS)
    def get_article(article_id: str) -> dict[str, Any]:
        """One article's stored analysis: text, entities, mentions, quotes, events, ..."""
        return corpus.article(article_id)

    @app.get("/api/groups/{group_id}", tags=["records"], responses=ERRORS)
    def get_group(group_id: str) -> dict[str, Any]:
        """One event group with each mention's evidence sentence."""
        return corpus.group(group_id)

    @app.get("/api/actors/{name}", tags=["records"], responses=ERRORS)
    def get_actor(name: str) -> dict[str, Any]:
        """One actor by name or alias: who, quotes, events and partners."""
        return corpus.actor(name)

    # ------------------------------------------------------------------ corrections

    @app.post(
        "/api/corrections",
        tags=["corrections"],
        status_code=201,
        responses={503: {"model": ErrorBody, "description": "Cannot store (E042)"}, **ERRORS},
    )
    def add_correction(body: CorrectionRequest) -> Correction:
        """Mark an event or a quote of an article as wrong."""
        if not corpus.record_exists(body.article_id, body.kind, body.record_id):
            raise StoreError(
                f"no {body.kind} {body.record_id!r} in article {body.article_id!r}",
                code=NOT_FOUND,
            )
        return Correction(**corrections.add(body.article_id, body.kind, body.record_id, body.note))

    @app.get("/api/corrections", tags=["corrections"], responses=ERRORS)
    def list_corrections(
        article_id: Annotated[str | None, Query(max_length=200)] = None,
    ) -> list[Correction]:
        """Every correction (the export), or one article's."""
        return [Correction(**row) for row in corrections.all(article_id)]

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    add_pages(app, corpus, corrections)
    return app
