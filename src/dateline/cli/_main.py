"""The command line: a thin layer over the library.

Every command has a one-line ``help`` and a ``description``; a test fails when one does
not, or when the README does not mention it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TextIO

from .. import __version__
from ..errors import ConfigError, DatelineError
from ..io import DEFAULT_EXTENSIONS, KINDS, MAX_BYTES, ReadOptions, read_inputs
from ..pipeline import Pipeline
from ..types import Analysis, Failure, RawArticle
from . import _corpus as corpus_cli

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="News articles in; entities, quotes, dates, places and events out.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = sub.add_parser(
        "analyze",
        help="analyse articles and print dateline/1 JSON",
        description=(
            "Analyse one or more inputs (text, HTML, JSONL, CSV, WARC, directories, or - "
            "for stdin) and print one dateline/1 JSON object per article."
        ),
    )
    analyze.add_argument("inputs", nargs="+", metavar="PATH", help="input file, directory or -")
    analyze.add_argument("--pretty", action="store_true", help="indent the JSON output")
    analyze.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json (default) or a text summary",
    )
    analyze.add_argument(
        "--model", default=None, help="spaCy model: auto (default), md, sm or a path"
    )
    analyze.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="extra actor dictionary: Phoenix format or CSV name,code[,country,sector]",
    )
    analyze.add_argument(
        "--published",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date for inputs that carry none (anchors relative dates)",
    )
    _add_read_options(analyze)
    analyze.set_defaults(func=_cmd_analyze)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the dateline/1 output",
        description="Print the JSON Schema (draft 2020-12) that every dateline/1 result follows.",
    )
    schema.set_defaults(func=_cmd_schema)
    corpus_cli.register(sub)
    return parser


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    reading = parser.add_argument_group("reading inputs")
    reading.add_argument(
        "--input-kind",
        choices=KINDS,
        default=None,
        help="read every input as this kind (default: by extension, else by content)",
    )
    reading.add_argument(
        "--encoding", default=None, help="text encoding of the inputs (default: detected)"
    )
    reading.add_argument(
        "--max-size",
        type=float,
        default=MAX_BYTES / 2**20,
        metavar="MB",
        help="largest single article in MB (default: %(default)g)",
    )
    reading.add_argument(
        "--ext",
        action="append",
        default=None,
        metavar="EXT",
        help="in directories, read files ending in EXT (repeatable; default: "
        + " ".join(DEFAULT_EXTENSIONS)
        + ")",
    )
    group = parser.add_argument_group("record fields (JSONL and CSV inputs)")
    defaults = ReadOptions()
    for name in ("text", "html", "url", "title", "date", "id", "source"):
        group.add_argument(
            f"--{name}-field",
            default=getattr(defaults, f"{name}_field"),
            help=f"field holding the {name} (default: %(default)s)",
        )


def _read_options(args: argparse.Namespace) -> ReadOptions:
    if not 0 < args.max_size < 2**20:  # also refuses nan and inf
        raise ConfigError(f"--max-size must be a positive number of MB, not {args.max_size}")
    return ReadOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
        title_field=args.title_field,
        date_field=args.date_field,
        id_field=args.id_field,
        source_field=args.source_field,
        extensions=tuple(args.ext or DEFAULT_EXTENSIONS),
        max_bytes=int(args.max_size * 2**20),
        encoding=args.encoding,
        kind=args.input_kind,
    )


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _with_default_date(
    records: Iterable[RawArticle | Failure], published: str | None
) -> Iterator[RawArticle | Failure]:
    for record in records:
        if published and isinstance(record, RawArticle) and not record.published:
            record = replace(record, published=published)
        yield record


def _cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    pipeline = Pipeline(args.model, dictionaries=args.actors)
    failures: list[Failure] = []
    records = _with_default_date(read_inputs(args.inputs, _read_options(args)), args.published)
    for item in pipeline.analyze_many(records):
        if isinstance(item, Failure):
            failures.append(item)
            err.write(f"dateline: {item.code} {item.message}\n")
            continue
        if args.format == "text":
            out.write(format_text(item) + "\n")
        else:
            out.write(
                json.dumps(item.to_dict(), ensure_ascii=False, indent=2 if args.pretty else None)
            )
            out.write("\n")
    if failures:
        err.write(f"dateline: {len(failures)} input(s) failed\n")
        return EXIT_INPUT
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..schema import load_schema

    out.write(json.dumps(load_schema(), indent=2) + "\n")
    return EXIT_OK


def format_text(result: Analysis) -> str:
    """A short human-readable summary of one result."""
    lines = [f"# {result.title or '(no title)'}"]
    meta = []
    if result.dateline:
        meta.append(f"dateline {result.dateline.place}")
    if result.published:
        meta.append(f"published {result.published} (from {result.published_from})")
    if result.origin and result.origin.path:
        meta.append(f"from {result.origin.path}")
    if meta:
        lines.append("  " + " | ".join(meta))
    lines.append(
        f"  {len(result.paragraphs)} paragraphs, {len(result.dropped)} dropped, "
        f"{len(result.entities)} entities, {len(result.times)} times, "
        f"{len(result.quotes)} quotes, {len(result.events)} events"
    )
    for block in result.dropped:
        lines.append(f"  dropped {block.kind}: {block.text[:70]}")
    for ent in result.entities:
        attrs = ", ".join(x for x in (ent.country, ent.sector, ent.code) if x)
        lines.append(f"  entity {ent.id} {ent.kind} {ent.name}" + (f" ({attrs})" if attrs else ""))
    for t in result.times:
        lines.append(f"  time {t.text!r} -> {t.value}")
    for q in result.quotes:
        who = result.entity(q.speaker)
        lines.append(f"  quote [{q.kind}] {who.name if who else q.speaker_text}: {q.text[:70]}")
    for ev in result.events:
        lines.append(
            f"  event {ev.type} ({ev.cameo}) {','.join(ev.source)} -> {','.join(ev.target)}"
            f" on {ev.date}: {(ev.evidence or '')[:60]}"
        )
    for w in result.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines)


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(out)
        return EXIT_OK
    try:
        code: int = args.func(args, out, err)
        return code
    except DatelineError as exc:
        err.write(f"dateline: {exc}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write("dateline: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
