"""One exception tree and one table of error codes for dateline.

Every error a user can cause is a ``DatelineError`` with a stable ``code`` (``E0xx``), a
message that names the input and the problem, and, where there is one, a ``hint`` that says
what to do next. The CLI prints ``code``, message and hint and exits with status 2; it never
shows a traceback for these. A batch run records the same codes in ``Failure.code`` and goes on.

Each code is defined here once, as a constant, and described in ``CODES`` (short name, what it
means, what to do); everything else uses the constants. The tens name the family: E01x input,
E02x model, E03x settings, E04x corpus store, E05x analysis limits, E06x viewer,
E09x internal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = [
    "BAD_CONFIG",
    "BAD_DATE",
    "BAD_EVENT_MODEL",
    "BAD_INPUT",
    "BAD_RECORD",
    "BAD_WARC",
    "BINARY",
    "CANNOT_READ",
    "CODES",
    "CORRUPT_DB",
    "EMPTY",
    "EMPTY_DB",
    "ERROR",
    "INTERNAL",
    "LOCKED",
    "MISSING_COLUMN",
    "NEWER_SCHEMA",
    "NOTHING_FOUND",
    "NOT_A_CORPUS",
    "NOT_A_DATABASE",
    "NOT_FOUND",
    "NO_EXTRA",
    "NO_MODEL",
    "NO_TEXT",
    "OUTPUT_EXISTS",
    "OUTPUT_IS_INPUT",
    "OVER_MEMORY",
    "OVER_TIME",
    "QUERY_FAILED",
    "READ_ONLY",
    "STORE_FAILED",
    "TOO_LARGE",
    "TOO_LONG",
    "WRITE_FAILED",
    "CodeInfo",
    "ConfigError",
    "DatelineError",
    "InputError",
    "ModelError",
    "StoreError",
    "markdown_table",
]

# ---------------------------------------------------------------------------- the codes

ERROR: Final = "E000"
BAD_INPUT: Final = "E010"
CANNOT_READ: Final = "E011"
EMPTY: Final = "E012"
BINARY: Final = "E013"
TOO_LARGE: Final = "E014"
NO_TEXT: Final = "E015"
BAD_RECORD: Final = "E016"
MISSING_COLUMN: Final = "E017"
BAD_WARC: Final = "E018"
NOTHING_FOUND: Final = "E019"
NO_MODEL: Final = "E020"
NO_EXTRA: Final = "E021"
BAD_EVENT_MODEL: Final = "E022"
BAD_CONFIG: Final = "E030"
OUTPUT_IS_INPUT: Final = "E031"
OUTPUT_EXISTS: Final = "E032"
BAD_DATE: Final = "E033"
STORE_FAILED: Final = "E040"
LOCKED: Final = "E041"
READ_ONLY: Final = "E042"
WRITE_FAILED: Final = "E043"
NEWER_SCHEMA: Final = "E044"
NOT_A_CORPUS: Final = "E045"
QUERY_FAILED: Final = "E046"
CORRUPT_DB: Final = "E047"
NOT_A_DATABASE: Final = "E048"
EMPTY_DB: Final = "E049"
TOO_LONG: Final = "E050"
OVER_TIME: Final = "E051"
OVER_MEMORY: Final = "E052"
NOT_FOUND: Final = "E060"
INTERNAL: Final = "E090"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What one error code says: a short name, what went wrong, and what to do."""

    code: str
    name: str
    meaning: str
    action: str


CODES: Final[Mapping[str, CodeInfo]] = {
    info.code: info
    for info in (
        CodeInfo(ERROR, "error", "an error without a more precise code", "read the message"),
        CodeInfo(
            BAD_INPUT,
            "bad input",
            "an input that cannot be used: a wrong type in the Python API, a named pipe, "
            "device or socket (never opened), a symbolic link out of a walked directory",
            "check the input named; give streams on stdin (-), links with --follow-links",
        ),
        CodeInfo(
            CANNOT_READ,
            "cannot read",
            "no such file or directory, no permission, or damaged gzip data",
            "check the path and its permissions",
        ),
        CodeInfo(
            EMPTY, "empty", "the file, stdin or text holds nothing but blanks", "give some text"
        ),
        CodeInfo(
            BINARY,
            "binary",
            "not text: an image, an archive, NUL or control bytes",
            "give a text, HTML, JSONL, CSV or WARC file",
        ),
        CodeInfo(
            TOO_LARGE,
            "too large",
            "over the size limit for one article (20 MB by default); not read",
            "raise the limit (--max-size) or split the input",
        ),
        CodeInfo(
            NO_TEXT,
            "no text",
            "a record without a usable text or HTML field, or a page without article text",
            "check the field names (--text-field, --html-field) or the page",
        ),
        CodeInfo(
            BAD_RECORD,
            "bad record",
            "a JSONL line that is not a JSON object, or a CSV row that cannot be parsed",
            "fix or remove the record; the others are read",
        ),
        CodeInfo(
            MISSING_COLUMN,
            "missing column",
            "a CSV without the text (or HTML) column; the message lists its columns",
            "name the column (--text-field)",
        ),
        CodeInfo(
            BAD_WARC,
            "bad WARC",
            "a damaged or truncated WARC; the records before the damage are read",
            "fetch the file again",
        ),
        CodeInfo(
            NOTHING_FOUND,
            "nothing found",
            "a directory without matching files, a WARC without HTML responses, "
            "or a record file without records",
            "check the path and the extensions",
        ),
        CodeInfo(
            NO_MODEL,
            "no model",
            "the spaCy model package is missing or cannot be loaded",
            "install the model package named in the hint",
        ),
        CodeInfo(
            NO_EXTRA,
            "missing extra",
            "a command needs an optional dependency that is not installed "
            "(the viewer, the Ray engine)",
            "install the extra named in the hint, e.g. pip install 'dateline[server]'",
        ),
        CodeInfo(
            BAD_EVENT_MODEL,
            "bad event model",
            "the learned event model's files (data/events/model/) are missing, corrupt, "
            "or were made for another format or feature version",
            "reinstall dateline or rebuild the weights (make train); or code with the rules "
            "alone (with --no-event-model)",
        ),
        CodeInfo(
            BAD_CONFIG,
            "bad setting",
            "an option, setting or user dictionary that is not valid",
            "correct the option or file named",
        ),
        CodeInfo(
            OUTPUT_IS_INPUT,
            "output is an input",
            "--output names the corpus database (or another input): writing would destroy it",
            "write to another file",
        ),
        CodeInfo(
            OUTPUT_EXISTS,
            "output exists",
            "the export's output file already exists; it is not overwritten",
            "give another --output, or --force to replace it",
        ),
        CodeInfo(
            BAD_DATE,
            "bad date",
            "a date option (--since, --until) that is not a calendar date in YYYY, YYYY-MM, "
            "YYYY-MM-DD or ISO week YYYY-Www form ('yesterday', '2020-13-45')",
            "write the date in one of those forms",
        ),
        CodeInfo(
            STORE_FAILED,
            "store failed",
            "the corpus database cannot be opened, written or read",
            "read the message",
        ),
        CodeInfo(
            LOCKED,
            "locked",
            "the corpus file is locked by another process",
            "wait for the other ingest to end",
        ),
        CodeInfo(
            READ_ONLY,
            "read-only",
            "the corpus file or its folder cannot be written (or the folder is missing)",
            "check the permissions, or give another --db",
        ),
        CodeInfo(
            WRITE_FAILED,
            "write failed",
            "the disk is full, or a write failed for another I/O reason",
            "free some space and rerun: the ingest resumes where it stopped",
        ),
        CodeInfo(
            NEWER_SCHEMA,
            "newer schema",
            "the corpus file was written by a newer dateline",
            "upgrade dateline or use another --db",
        ),
        CodeInfo(
            NOT_A_CORPUS,
            "not a corpus",
            "the file is not a dateline corpus, or does not exist (for a query)",
            "give a database made by 'dateline ingest'",
        ),
        CodeInfo(
            QUERY_FAILED,
            "query failed",
            "a query or export failed (bad SQL, unknown column or format)",
            "correct the query or the format",
        ),
        CodeInfo(
            CORRUPT_DB,
            "damaged corpus",
            "the corpus file is a DuckDB database but damaged: truncated, or blocks unreadable",
            "restore it from a backup, or ingest the sources again into a new --db",
        ),
        CodeInfo(
            NOT_A_DATABASE,
            "not a database",
            "the --db file is not a DuckDB database at all (a text file, random bytes)",
            "give the path of a corpus made by 'dateline ingest'",
        ),
        CodeInfo(
            EMPTY_DB,
            "empty database file",
            "the --db file exists but holds 0 bytes",
            "delete the empty file (ingest then creates the corpus) or give another --db",
        ),
        CodeInfo(
            TOO_LONG,
            "text too long",
            "the article's text is longer than the analysis maximum (Settings.max_chars); "
            "not analysed, the batch goes on",
            "raise the maximum or split the article",
        ),
        CodeInfo(
            OVER_TIME,
            "over time budget",
            "the analysis of this article took longer than its time budget "
            "(Settings.time_budget); stopped, the batch goes on",
            "raise the budget, or report the input if it is an ordinary article",
        ),
        CodeInfo(
            OVER_MEMORY,
            "over memory budget",
            "the article's text would need more memory than its budget "
            "(Settings.memory_budget_mb, estimated from its length); not analysed",
            "raise the budget or split the article",
        ),
        CodeInfo(
            NOT_FOUND,
            "not found",
            "no article, event, quote, actor or event group with this id in the corpus",
            "check the id: the list endpoints and pages give them",
        ),
        CodeInfo(
            INTERNAL,
            "internal error",
            "a stage failed on this article (a bug); the batch goes on",
            "report it with the input that caused it",
        ),
    )
}


def markdown_table() -> str:
    """The codes as a Markdown table, for the docs."""
    lines = ["| code | name | meaning | what to do |", "| --- | --- | --- | --- |"]
    lines += [f"| `{c.code}` | {c.name} | {c.meaning} | {c.action} |" for c in CODES.values()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- exceptions


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    code: str = ERROR

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"{self.code} {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class InputError(DatelineError):
    """An input file or record that cannot be read or holds no article."""

    code = BAD_INPUT


class ModelError(DatelineError):
    """The spaCy model package is missing or broken."""

    code = NO_MODEL


class ConfigError(DatelineError):
    """A setting, option or user dictionary that is not valid."""

    code = BAD_CONFIG


class StoreError(DatelineError):
    """The corpus database cannot be opened, written or read."""

    code = STORE_FAILED
