"""Error codes: each defined once in errors.py, with its stable value, and used by name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dateline import errors
from dateline.errors import CODES, ConfigError, DatelineError, InputError, ModelError, StoreError

SRC = Path(errors.__file__).resolve().parent
ERRORS_PY = SRC / "errors.py"
CODE_RE = re.compile(r"^E0\d\d$")

# the published values: a code never changes its meaning or its number
EXPECTED = [
    ("ERROR", "E000"),
    ("BAD_INPUT", "E010"),
    ("CANNOT_READ", "E011"),
    ("EMPTY", "E012"),
    ("BINARY", "E013"),
    ("TOO_LARGE", "E014"),
    ("NO_TEXT", "E015"),
    ("BAD_RECORD", "E016"),
    ("MISSING_COLUMN", "E017"),
    ("BAD_WARC", "E018"),
    ("NOTHING_FOUND", "E019"),
    ("NO_MODEL", "E020"),
    ("NO_EXTRA", "E021"),
    ("BAD_EVENT_MODEL", "E022"),
    ("BAD_CONFIG", "E030"),
    ("OUTPUT_IS_INPUT", "E031"),
    ("OUTPUT_EXISTS", "E032"),
    ("BAD_DATE", "E033"),
    ("STORE_FAILED", "E040"),
    ("LOCKED", "E041"),
    ("READ_ONLY", "E042"),
    ("WRITE_FAILED", "E043"),
    ("NEWER_SCHEMA", "E044"),
    ("NOT_A_CORPUS", "E045"),
    ("QUERY_FAILED", "E046"),
    ("CORRUPT_DB", "E047"),
    ("NOT_A_DATABASE", "E048"),
    ("EMPTY_DB", "E049"),
    ("TOO_LONG", "E050"),
    ("OVER_TIME", "E051"),
    ("OVER_MEMORY", "E052"),
    ("NOT_FOUND", "E060"),
    ("INTERNAL", "E090"),
]


def _code_literals(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every string constant in the file that is exactly a code."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE_RE.match(node.value)
    ]


@pytest.mark.parametrize(("name", "value"), EXPECTED)
def test_a_code_keeps_its_value_and_is_described(name: str, value: str) -> None:
    assert getattr(errors, name) == value
    info = CODES[value]
    assert info.code == value
    assert info.name and info.meaning and info.action


def test_the_table_holds_exactly_the_codes_defined() -> None:
    constants = {
        v
        for k, v in vars(errors).items()
        if k.isupper() and isinstance(v, str) and CODE_RE.match(v)
    }
    assert constants == set(CODES) == {v for _, v in EXPECTED}
    assert all(key == info.code for key, info in CODES.items())


def test_each_code_is_written_once_in_errors_py() -> None:
    values = [v for _, v in _code_literals(ERRORS_PY)]
    assert sorted(values) == sorted(set(values)), "a code is defined twice in errors.py"
    assert set(values) == set(CODES)


def test_no_code_is_written_as_a_literal_outside_errors_py() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}: {value!r}"
        for path in sorted(SRC.rglob("*.py"))
        if path != ERRORS_PY
        for line, value in _code_literals(path)
    ]
    assert not found, "use the constants of dateline.errors:\n" + "\n".join(found)


def test_every_code_named_in_the_sources_is_defined() -> None:
    named = {
        (str(path.relative_to(SRC)), code)
        for path in sorted(SRC.rglob("*.py"))
        for code in re.findall(r"\bE0\d\d\b", path.read_text("utf-8"))
    }
    unknown = sorted(f"{where}: {code}" for where, code in named if code not in CODES)
    assert not unknown, "codes mentioned but not defined in errors.CODES:\n" + "\n".join(unknown)


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (DatelineError, "E000"),
        (InputError, "E010"),
        (ModelError, "E020"),
        (ConfigError, "E030"),
        (StoreError, "E040"),
    ],
)
def test_each_exception_has_its_family_code(cls: type[DatelineError], code: str) -> None:
    assert cls("x").code == code
    assert cls("x", code=errors.NO_TEXT).code == "E015"
    assert str(cls("bad", hint="fix it")) == f"{code} bad\n  hint: fix it"


def test_the_markdown_table_lists_every_code() -> None:
    table = errors.markdown_table()
    rows = [line for line in table.splitlines() if line.startswith("| `E0")]
    assert [row.split("`")[1] for row in rows] == list(CODES)
