"""The viewer's pages: server-rendered Jinja2 templates, autoescaped, with one small script.

Pages: ``/`` (overview), ``/search``, ``/articles/{id}``, ``/actors/{name}``,
``/groups/{id}``. Templates, the style sheet and the script live in
``dateline/data/server/``; nothing is loaded from another site.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..corpus import Filters
from ._corrections import Corrections
from ._data import Corpus
from ._render import article_view, day_chart, pair_matrix, place_points
from ._world import world_path

__all__ = ["STATIC", "TEMPLATES", "add_pages"]

_ROOT = Path(str(files("dateline").joinpath("data", "server")))
TEMPLATES = _ROOT / "templates"
STATIC = _ROOT / "static"
SEARCH_ROWS = 25


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def add_pages(app: FastAPI, corpus: Corpus, corrections: Corrections) -> None:
    env = _environment()

    def render(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context))

    drawn: dict[str, Any] = {}  # the overview's chart, drawn once from its kept aggregates

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview() -> HTMLResponse:
        data = corpus.overview()
        if "chart" not in drawn:
            drawn["chart"] = day_chart(data["days"])
        return render(
            "overview.html",
            title="Overview",
            counts=data["counts"],
            chart=drawn["chart"],
            pairs=data["pairs"],
            matrix=pair_matrix(data["pairs"]),
            speakers=data["speakers"],
            actors=data["actors"],
            map=place_points(data["places"]),
            world=Markup(world_path()),  # numbers and M, L, Z only (see _world)
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        q: Annotated[str, Query(max_length=200)] = "",
        type: Annotated[str, Query(max_length=40)] = "",
        duplicates: bool = False,
    ) -> HTMLResponse:
        f = Filters(text=q or None, type=type or None, duplicates=duplicates)
        kinds = ("articles", "events", "quotes", "actors")
        # four independent queries, each on its own cursor: DuckDB runs them side by side
        with ThreadPoolExecutor(len(kinds)) as pool:
            pages = pool.map(
                lambda kind: corpus.search(
                    kind, f if kind != "actors" else replace(f, type=None), SEARCH_ROWS
                ),
                kinds,
            )
            found = dict(zip(kinds, pages, strict=True))
        return render("search.html", title=f"Search {q}", q=q, type=type, found=found)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(article_id: str) -> HTMLResponse:
        data = corpus.article(article_id)
        marked = {(c["kind"], c["record_id"]) for c in corrections.all(article_id)}
        view = article_view(data, marked)
        return render(
            "article.html",
            title=view["article"]["title"] or article_id,
            world=Markup(world_path()),  # numbers and M, L, Z only (see _world)
            **view,
        )

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor(name: str) -> HTMLResponse:
        data = corpus.actor(name)
        by_type: dict[str, int] = {}
        for v in data["events"]:
            by_type[v["type"] or "?"] = by_type.get(v["type"] or "?", 0) + 1
        days = [{"day": v["date"], "type": v["type"], "n": 1} for v in data["events"] if v["date"]]
        return render(
            "actor.html",
            title=name,
            chart=day_chart([d for d in days if d["type"]]),
            by_type=sorted(by_type.items(), key=lambda kv: -kv[1]),
            **data,
        )

    @app.get("/groups/{group_id}", response_class=HTMLResponse, include_in_schema=False)
    def group(group_id: str) -> HTMLResponse:
        data = corpus.group(group_id)
        return render("group.html", title=f"Event group {group_id}", **data)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon(request: Request) -> HTMLResponse:
        return HTMLResponse("", status_code=204)
