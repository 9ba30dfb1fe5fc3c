"""``dateline serve``: the web viewer and HTTP API over a corpus (needs the ``server`` extra);
``dateline corrections export``: the marks its readers made (needs no extra)."""

from __future__ import annotations

from pathlib import Path

import click

from ..corpus import Store
from ..errors import NO_EXTRA, ConfigError
from ._console import streams
from ._options import db_option, serve_options

__all__ = ["corrections", "serve"]


@click.command(
    short_help="Open a web viewer and HTTP API on a corpus.",
    help=(
        "Serve a web viewer (articles with their entities, quotes and events; actors; an "
        "overview with a chart and a map; event groups; search) and a JSON API (OpenAPI "
        "spec at /api/openapi.json) over a corpus made by 'dateline ingest'. The corpus is "
        "opened read-only; the 'mark wrong' corrections go to a SQLite file next to it "
        "(CORPUS.corrections.sqlite), exported by 'dateline corrections export' or at "
        "/api/corrections. Listens on 127.0.0.1 unless --host says otherwise. Needs: pip "
        "install 'dateline[server]'."
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


@click.group(
    invoke_without_command=True,
    short_help="Work with the corrections marked in the viewer.",
    help=(
        "The corrections readers mark in the viewer ('mark wrong' on an event or a quote), "
        "kept beside the corpus in CORPUS.corrections.sqlite."
    ),
)
@click.pass_context
def corrections(ctx: click.Context) -> int:
    if ctx.invoked_subcommand is None:  # like 'dateline' alone: the help, not an error
        streams().out.write(ctx.get_help() + "\n")
    return 0


@corrections.command(
    "export",
    short_help="Export the corrections as JSON lines or CSV.",
    help=(
        "Write every correction of a corpus, oldest first, one row each: the mark "
        "(correction_id, created, mark, note), what it marks (kind, article_id, record_id, "
        "found) and what the corpus holds of it (the article's title, url and published "
        "date; the event's type, CAMEO code, mode, date, source and target, or the quote's "
        "kind, speaker and text). The corpus and the corrections file are only read; "
        "an output that is one of them is refused."
    ),
)
@db_option
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, or - for standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "csv")),
    default=None,
    show_default="from the output's suffix (.csv: csv), else jsonl",
    help="jsonl (one JSON object a line) or csv (with a header line).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing output file (replaced whole, never half-written).",
)
def export_corrections(db: str, output: str, fmt: str | None, force: bool) -> int:
    from ..server import write_corrections

    if fmt is None:
        fmt = "csv" if Path(output).suffix.lower() == ".csv" else "jsonl"
    if output == "-":
        write_corrections(db, streams().out, fmt)
        return 0
    n = write_corrections(db, output, fmt, force=force)
    streams().err.write(f"dateline: wrote {n} corrections to {output}\n")
    return 0
