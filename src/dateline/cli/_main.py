"""The command line: a thin layer over the library, on Click.

``dateline`` is a ``Group`` of commands: ``analyze`` and ``schema`` here, the corpus
commands in ``_corpus``. Every command has a one-line help and a full one; a test fails when
one does not, when the README does not mention it, or when ``docs/reference/cli.md`` (made by
``_reference.render_reference``) is out of date.

Exit status: 0 done, 2 a bad input, option or setting (a ``DatelineError`` or a usage
error, printed as one ``dateline: E0xx message`` line, never a traceback), 130 interrupted.

Shell completion is Click's: ``eval "$(_DATELINE_COMPLETE=bash_source dateline)"`` (or
``zsh_source``, ``fish_source``).
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from typing import Any, TextIO

import click

from .. import __version__
from ..errors import ConfigError, DatelineError
from ..io import ReadOptions
from ..types import Analysis, Failure, RawArticle
from ._console import Streams, streams
from ._corpus import COMMANDS
from ._engines import ENGINE_COMMANDS
from ._options import (
    actors_option,
    event_model_option,
    iso_date,
    lexicon_option,
    model_option,
    read_options,
    workers_option,
)
from ._serve import corrections, serve
from ._summary import format_text

__all__ = ["EXIT_INPUT", "EXIT_INTERRUPTED", "EXIT_OK", "cli", "format_text", "main"]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130


class Commands(click.Group):
    """A group that lists its commands in the order they were added, suggests the closest
    command for a mistyped one, and turns a ``DatelineError`` into one coded line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if (
            name
            and not name.startswith("-")
            and self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
        ):
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            streams().err.write(f"dateline: {exc}\n")
            return EXIT_INPUT
        except KeyboardInterrupt:
            streams().err.write("dateline: interrupted\n")
            return EXIT_INTERRUPTED


@click.group(
    cls=Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="News articles in; entities, quotes, dates, places and events out.",
    epilog=(
        "Run 'dateline COMMAND --help' for a command's options. Shell completion: "
        'eval "$(_DATELINE_COMPLETE=bash_source dateline)" (bash; zsh_source, fish_source).'
    ),
)
@click.version_option(
    __version__, "--version", prog_name="dateline", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context) -> int:
    if ctx.invoked_subcommand is None:
        streams().out.write(ctx.get_help() + "\n")
    return EXIT_OK


@cli.command(
    short_help="Analyse articles and print dateline/1 JSON.",
    help=(
        "Analyse one or more inputs (text, HTML, JSONL, CSV, WARC, directories, or - "
        "for stdin) and print one dateline/1 JSON object per article.\n\n"
        "PATH is an input file, directory or - (stdin)."
    ),
)
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@click.option("--pretty", is_flag=True, help="Indent the JSON output.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("json", "text")),
    default="json",
    show_default=True,
    help="JSON, or a text summary.",
)
@model_option
@event_model_option
@actors_option
@lexicon_option
@click.option(
    "--published",
    default=None,
    metavar="YYYY-MM-DD",
    callback=iso_date,
    help="Publication date for inputs that carry none (anchors relative dates).",
)
@workers_option
@read_options
def analyze(
    inputs: tuple[str, ...],
    pretty: bool,
    fmt: str,
    model: str | None,
    event_model: bool,
    actors: tuple[str, ...],
    lexicons: tuple[str, ...],
    published: str | None,
    workers: int | None,
    read: ReadOptions,
) -> int:
    from ..engines import LocalEngine, WorkerConfig, default_workers
    from ..io import read_inputs

    out, err = streams().out, streams().err
    records = _with_default_date(read_inputs(list(inputs), read), published)
    n = workers if workers is not None else default_workers()
    config = WorkerConfig(
        model=model,
        dictionaries=tuple(actors),
        lexicons=tuple(lexicons),
        event_model=event_model,
    )
    engine = LocalEngine(config, workers=n)
    with engine:
        return _write_analyses(engine.analyze_many(records), out, err, fmt, pretty)


def _write_analyses(
    results: Iterator[Analysis | Failure], out: TextIO, err: TextIO, fmt: str, pretty: bool
) -> int:
    failures: list[Failure] = []
    for item in results:
        if isinstance(item, Failure):
            failures.append(item)
            err.write(f"dateline: {item.code} {item.message}\n")
            continue
        if fmt == "text":
            out.write(format_text(item) + "\n")
        else:
            out.write(json.dumps(item.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
            out.write("\n")
    if failures:
        err.write(f"dateline: {len(failures)} input(s) failed\n")
        return EXIT_INPUT
    return EXIT_OK


@cli.command(
    short_help="Print the JSON Schema of the dateline/1 output.",
    help="Print the JSON Schema (draft 2020-12) that every dateline/1 result follows.",
)
def schema() -> int:
    from ..schema import load_schema

    streams().out.write(json.dumps(load_schema(), indent=2) + "\n")
    return EXIT_OK


for _command in (*COMMANDS, *ENGINE_COMMANDS):
    cli.add_command(_command)
cli.add_command(serve)
cli.add_command(corrections)


def _with_default_date(
    records: Iterable[RawArticle | Failure], published: str | None
) -> Iterator[RawArticle | Failure]:
    for record in records:
        if published and isinstance(record, RawArticle) and not record.published:
            record = replace(record, published=published)
        yield record


def _usage_error(exc: click.UsageError, err: TextIO) -> int:
    """Click's usage line and hint, then the error as one coded line."""
    if exc.ctx is not None:
        err.write(exc.ctx.get_usage() + "\n")
        err.write(f"Try '{exc.ctx.command_path} --help' for help.\n")
    err.write(f"dateline: {ConfigError.code} {exc.format_message()}\n")
    return EXIT_INPUT


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    ``out`` and ``err`` (default: the process' streams) receive everything the commands,
    ``--help`` and ``--version`` print.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(
                args, prog_name="dateline", standalone_mode=False, obj=Streams(out, err)
            )
        except click.UsageError as exc:
            return _usage_error(exc, err)
        except click.ClickException as exc:
            exc.show(err)
            return exc.exit_code
        except click.Abort:  # Click's name for a KeyboardInterrupt outside a command
            err.write("dateline: interrupted\n")
            return EXIT_INTERRUPTED
    return code if isinstance(code, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
