"""``dateline serve``: the web viewer and HTTP API over a corpus (needs the ``server`` extra)."""

from __future__ import annotations

import click

from ..corpus import Store
from ..errors import NO_EXTRA, ConfigError
from ._console import streams
from ._options import serve_options

__all__ = ["serve"]


@click.command(
    short_help="Open a web viewer and HTTP API on a corpus.",
    help=(
        "Serve a web viewer (articles with their entities, quotes and events; actors; an "
        "overview with a chart and a map; event groups; search) and a JSON API (OpenAPI "
        "spec at /api/openapi.json) over a corpus made by 'dateline ingest'. The corpus is "
        "opened read-only; the 'mark wrong' corrections go to a SQLite file next to it "
        "(CORPUS.corrections.sqlite), exported at /api/corrections. Listens on 127.0.0.1 "
        "unless --host says otherwise. Needs: pip install 'dateline[server]'."
    ),
)
@serve_options
def serve(db: str, host: str, port: int) -> int:
    try:
        import uvicorn

        from ..server import create_app
    except ImportError as exc:
        raise ConfigError(
            f"the viewer needs an optional package that is not installed ({exc.name})",
            hint="pip install 'dateline[server]'",
            code=NO_EXTRA,
        ) from exc
    Store.open(db).close()  # a missing or foreign file fails here, with its own code
    app = create_app(db)
    streams().err.write(f"dateline: serving {db} on http://{host}:{port}/ (Ctrl-C stops)\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
