"""The options several commands share, each defined once as a Click decorator.

- ``read_options``: how inputs are read (``analyze``, ``ingest``); the command receives
  one ``read: ReadOptions``.
- ``db_option``: the corpus file (every corpus command); ``db: str``.
- ``output_options``: table, CSV, JSON or Parquet output (queries, ``sql``);
  ``output: Output``.
- ``filter_options``: actor, country, type, dates, source, text, duplicates, sort and
  columns (queries; events add ``--min-confidence`` and ``--exclude-modes``);
  ``filters: Filters``.
- ``serve_options``: the viewer's ``--db`` (default: the demo corpus), ``--host`` and
  ``--port`` (``serve``).
- ``model_option``, ``actors_option``: the spaCy model and extra actor dictionaries
  (``analyze``, ``ingest``); ``model: str | None``, ``actors: tuple[str, ...]``.
- ``workers_option``: worker processes (``analyze``, ``ingest``, ``process``);
  ``workers: int | None`` (None: one per core, ``engines.default_workers``).
- ``event_model_option``: ``--event-model/--no-event-model`` (on by default), the learned
  model checks the rules' events and codes the triggers they passed over;
  ``event_model: bool``.

Values are checked here (``ConfigError``, code E030) so every command refuses them alike.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from ..corpus import COLUMNS, EVENT_FLAGS, TYPES, Filters, check_choice, country_code_of
from ..errors import ConfigError
from ..io import DEFAULT_EXTENSIONS, KINDS, MAX_BYTES, ReadOptions

__all__ = [
    "DEFAULT_DB",
    "DEMO_DB",
    "FORMATS",
    "Output",
    "actors_option",
    "db_option",
    "event_model_option",
    "filter_options",
    "group_window_option",
    "iso_date",
    "lexicon_option",
    "model_option",
    "output_options",
    "read_options",
    "serve_options",
    "threshold_option",
    "workers_option",
]

R = TypeVar("R")
Command = Callable[..., R]

DEFAULT_DB = "corpus.duckdb"
DEMO_DB = "bench/out/demo.duckdb"  # what `make demo` builds
FORMATS = ("table", "csv", "json", "parquet")
RECORD_FIELDS = ("text", "html", "url", "title", "date", "id", "source")


def _with_options(options: list[Callable[[Any], Any]], f: Any) -> Any:
    for option in reversed(options):  # the first listed is the first shown in --help
        f = option(f)
    return f


# ---------------------------------------------------------------------------- reading


def read_options(f: Command[R]) -> Command[R]:
    """``--input-kind``, ``--encoding``, ``--max-size``, ``--ext``, ``--follow-links`` and
    the record fields."""
    defaults = ReadOptions()
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--input-kind",
            type=click.Choice(KINDS),
            default=None,
            help="Read every input as this kind (default: by extension, else by content).",
        ),
        click.option(
            "--encoding",
            default=None,
            help="Text encoding of the inputs (default: detected).",
        ),
        click.option(
            "--max-size",
            type=float,
            default=MAX_BYTES / 2**20,
            show_default=True,
            metavar="MB",
            help="Largest single article in MB.",
        ),
        click.option(
            "--ext",
            multiple=True,
            metavar="EXT",
            help="In directories, read files ending in EXT; repeatable.",
            show_default=" ".join(DEFAULT_EXTENSIONS),
        ),
        click.option(
            "--follow-links",
            is_flag=True,
            default=False,
            help="In directories, follow symbolic links that lead out of the directory.",
        ),
    ]
    for name in RECORD_FIELDS:
        # --text-column: the same option, in the words of a Parquet dataset's text column
        aliases = ("--text-column",) if name == "text" else ()
        options.append(
            click.option(
                f"--{name}-field",
                *aliases,
                f"{name}_field",
                default=getattr(defaults, f"{name}_field"),
                show_default=True,
                help=f"JSONL, CSV and Parquet inputs: the field (column) holding the {name}.",
            )
        )

    @functools.wraps(f)
    def command(*args: Any, **kwargs: Any) -> R:
        fields = {f"{n}_field": kwargs.pop(f"{n}_field") for n in RECORD_FIELDS}
        kwargs["read"] = _read(
            kwargs.pop("input_kind"),
            kwargs.pop("encoding"),
            kwargs.pop("max_size"),
            kwargs.pop("ext"),
            fields,
            follow_links=kwargs.pop("follow_links"),
        )
        return f(*args, **kwargs)

    wrapped: Command[R] = _with_options(options, command)
    return wrapped


def _read(
    kind: str | None,
    encoding: str | None,
    max_size: float,
    ext: tuple[str, ...],
    fields: dict[str, str],
    *,
    follow_links: bool = False,
) -> ReadOptions:
    if not 0 < max_size < 2**20:  # also refuses nan and inf
        raise ConfigError(f"--max-size must be a positive number of MB, not {max_size}")
    return ReadOptions(
        **fields,
        extensions=tuple(ext or DEFAULT_EXTENSIONS),
        max_bytes=int(max_size * 2**20),
        encoding=encoding,
        kind=kind,
        follow_links=follow_links,
    )


def model_option(f: Command[R]) -> Command[R]:
    """``--model``: the spaCy model."""
    option = click.option(
        "--model",
        default=None,
        show_default="auto",
        help="spaCy model: auto, md, sm or a path.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def event_model_option(f: Command[R]) -> Command[R]:
    """``--event-model/--no-event-model``: the learned model checks the rule coder's events
    (on by default, as ``Settings.event_model``)."""
    option = click.option(
        "--event-model/--no-event-model",
        default=True,
        show_default=True,
        help="Let the learned event model check the rules' events (drop unlikely ones, "
        "retype, set a calibrated confidence) and code triggers the rules passed over; "
        "--no-event-model: the rules alone.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def threshold_option(f: Command[R]) -> Command[R]:
    """``--threshold``: the MinHash similarity of near-duplicates (ingest, load)."""
    option = click.option(
        "--threshold",
        type=float,
        default=0.8,
        show_default=True,
        help="MinHash Jaccard similarity that makes a near-duplicate.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def workers_option(f: Command[R]) -> Command[R]:
    """``--workers``: worker processes, each running the whole pipeline (analyze, ingest,
    process); ``workers: int | None``, None meaning one per core."""
    option = click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        show_default="one per core",
        help="Worker processes (Ray actors with --engine ray), each running the whole "
        "pipeline; output order and content are those of one. 1 runs in this process, as "
        "does an input of a single batch. Default: one per core (or DATELINE_WORKERS), "
        "each worker on its own core; measured in docs/guide/scale.md.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def group_window_option(f: Command[R]) -> Command[R]:
    """``--group-window``: days between reports of one event in the event groups."""
    option = click.option(
        "--group-window",
        type=click.IntRange(min=0),
        default=2,
        show_default=True,
        metavar="DAYS",
        help="Event groups: the most days between the dates of two reports of one event.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def actors_option(f: Command[R]) -> Command[R]:
    """``--actors``: extra actor dictionaries (repeatable)."""
    option = click.option(
        "--actors",
        multiple=True,
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="Extra actor dictionary: Phoenix format or CSV name,code[,country,sector]; "
        "repeatable.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def lexicon_option(f: Command[R]) -> Command[R]:
    """``--lexicon``: extra event lexicons (repeatable)."""
    option = click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="Extra event lexicon: tab-separated lemma, pos, cues, cameo, name (the format "
        "of dateline's own lexicon.tsv; later entries win); repeatable.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` option value, normalised; a usage error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"not a date in YYYY-MM-DD form: {value!r}") from None


# ---------------------------------------------------------------------------- corpus


def db_option(f: Command[R]) -> Command[R]:
    """``--db``: the corpus file."""
    option = click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="The corpus database file.",
    )
    wrapped: Command[R] = option(f)
    return wrapped


def serve_options(f: Command[R]) -> Command[R]:
    """``--db`` (default: the demo corpus ``make demo`` builds), ``--host``, ``--port``."""
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--db",
            default=DEMO_DB,
            show_default=True,
            type=click.Path(dir_okay=False),
            help="The corpus database file (opened read-only).",
        ),
        click.option(
            "--host",
            default="127.0.0.1",
            show_default=True,
            help="Address to listen on (0.0.0.0 exposes the viewer to the network).",
        ),
        click.option(
            "--port",
            type=click.IntRange(1, 65535),
            default=8000,
            show_default=True,
            help="Port to listen on.",
        ),
    ]
    wrapped: Command[R] = _with_options(options, f)
    return wrapped


@dataclass(frozen=True)
class Output:
    """Where and how a query's rows go."""

    format: str = "table"
    path: str | None = None
    limit: int | None = None

    @property
    def row_limit(self) -> int | None:
        """``--limit``, where 0 is all; by default 100 rows for a table on the terminal."""
        if self.limit is not None:
            return self.limit or None
        return 100 if self.format == "table" and not self.path else None


def output_options(f: Command[R]) -> Command[R]:
    """``--format``, ``--output``/``-o``, ``--limit`` for commands that print rows."""
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="table",
            show_default=True,
            help="table, csv, json (one object per line) or parquet (needs --output).",
        ),
        click.option(
            "--output",
            "-o",
            default=None,
            type=click.Path(dir_okay=False),
            help="Write to this file instead of the terminal.",
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=0),
            default=None,
            help="At most this many rows (default: 100 for a table, all otherwise; 0 for all).",
        ),
    ]

    @functools.wraps(f)
    def command(*args: Any, **kwargs: Any) -> R:
        kwargs["output"] = Output(kwargs.pop("fmt"), kwargs.pop("output"), kwargs.pop("limit"))
        return f(*args, **kwargs)

    wrapped: Command[R] = _with_options(options, command)
    return wrapped


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated and comma-separated option values, in order, blanks dropped."""
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def filter_options(kind: str, type_help: str, text_help: str) -> Callable[[Command[R]], Command[R]]:
    """``--actor``, ``--country``, ``--type``, ``--since``, ``--until``, ``--source``,
    ``--text``, ``--duplicates``, ``--sort``, ``--columns`` (and for ``kind`` events
    ``--min-confidence``, ``--exclude-modes``); ``kind`` is the query (events, quotes,
    actors, articles), ``type_help`` and ``text_help`` say what ``--type`` and ``--text``
    match for it. The row limit is the output options' business. Values are checked when
    the command runs: a bad date is E033, an unknown type, column, mode or country E030
    with the nearest choices."""
    dated = kind in ("events", "quotes", "articles")
    default_sort = {"events": "newest", "quotes": "newest", "articles": "oldest"}.get(
        kind, "-articles"
    )

    def decorate(f: Command[R]) -> Command[R]:
        options: list[Callable[[Any], Any]] = [
            click.option(
                "--actor", help="Actor name, alias (substring, any case) or code (exact)."
            ),
            click.option(
                "--country",
                help="Country of an actor: a name or an ISO 3166 alpha-3 code (Russia, RUS).",
            ),
            click.option("--type", "type_", help=f"{type_help} One of: {', '.join(TYPES[kind])}."),
            click.option(
                "--since",
                metavar="DATE",
                help="From this date on: YYYY, YYYY-MM, YYYY-MM-DD or an ISO week YYYY-Www "
                "(a date range, such as a week, counts when it overlaps).",
            ),
            click.option(
                "--until",
                metavar="DATE",
                help="Up to this date, inclusive (2022-01 is the whole month).",
            ),
            click.option("--source", help="Publisher name or URL substring."),
            click.option("--text", help=f"Substring of the {text_help}."),
            click.option("--duplicates", is_flag=True, help="Include near-duplicate articles."),
            click.option(
                "--sort",
                metavar="ORDER",
                default=default_sort,
                show_default=True,
                help=(
                    "newest or oldest first, or a column name (-name for descending)."
                    if dated
                    else "A column name (-name for descending)."
                ),
            ),
            click.option(
                "--columns",
                metavar="COLS",
                multiple=True,
                help="The columns to show, in order (comma-separated or repeated; a table "
                "shows a few by default, other formats all): "
                f"{', '.join(COLUMNS[kind])}.",
            ),
        ]
        if kind == "events":
            options += [
                click.option(
                    "--min-confidence",
                    type=click.FloatRange(0.0, 1.0),
                    default=None,
                    metavar="X",
                    help="Only events coded with at least this confidence (0 to 1).",
                ),
                click.option(
                    "--exclude-modes",
                    metavar="MODES",
                    multiple=True,
                    help="Leave out events with these flags (comma-separated or repeated): "
                    f"{', '.join(EVENT_FLAGS)}.",
                ),
            ]

        @functools.wraps(f)
        def command(*args: Any, **kwargs: Any) -> R:
            type_ = kwargs.pop("type_")
            country = kwargs.pop("country")
            kwargs["filters"] = Filters(
                actor=kwargs.pop("actor"),
                country=country_code_of(country) if country else None,
                type=check_choice(type_, TYPES[kind], "--type") if type_ else None,
                since=kwargs.pop("since"),
                until=kwargs.pop("until"),
                source=kwargs.pop("source"),
                text=kwargs.pop("text"),
                duplicates=kwargs.pop("duplicates"),
                sort=kwargs.pop("sort"),
                columns=_split(kwargs.pop("columns")),
                min_confidence=kwargs.pop("min_confidence", None),
                exclude_modes=_split(kwargs.pop("exclude_modes", ())),
            )
            return f(*args, **kwargs)

        wrapped: Command[R] = _with_options(options, command)
        return wrapped

    return decorate
