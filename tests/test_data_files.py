"""The language data files and their loader, ``dateline._data``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import dateline
from dateline import _data

SRC = Path(dateline.__file__).parent
DATA = SRC / "data"
#: folders whose every list and table is language data with a provenance header
STAGES = ("entities", "places", "structure", "quotes", "time")
_CALL = re.compile(r"\b(?:word_set|word_list|table|mapping|entries)\(\s*\"([^\"]+)\"")


def _loaded_paths() -> set[str]:
    """The data files named in a call of the loader anywhere in the package."""
    return {m for py in SRC.rglob("*.py") for m in _CALL.findall(py.read_text("utf-8"))}


def _data_files() -> list[str]:
    found = _loaded_paths()
    for stage in STAGES:
        found.update(
            p.relative_to(DATA).as_posix()
            for p in (DATA / stage).glob("*")
            if p.suffix in (".txt", ".tsv")
        )
    return sorted(found)


#: events/ files have their own, table-aware checks in test_events_data.py (their tables are
#: keyed by more than the first cell)
FILES = [p for p in _data_files() if not p.startswith("events/")]


def test_the_loader_is_used() -> None:
    assert len(_loaded_paths()) >= 100


@pytest.mark.parametrize("path", sorted(_loaded_paths()))
def test_loaded_file_exists(path: str) -> None:
    assert (DATA / path).is_file(), path


@pytest.mark.parametrize("path", FILES)
def test_provenance_header(path: str) -> None:
    lines = (DATA / path).read_text("utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header).casefold()
    assert len(header) >= 2, f"{path}: no header comment"
    assert "source:" in text, f"{path}: header says no source"
    assert "used by:" in text, f"{path}: header says not which rule uses it"


@pytest.mark.parametrize("path", FILES)
def test_no_stray_whitespace_or_duplicates(path: str) -> None:
    raw = (DATA / path).read_text("utf-8")
    assert raw.endswith("\n") and "\r" not in raw, path
    lines = raw.splitlines()
    assert all(line == line.rstrip() for line in lines), f"{path}: trailing whitespace"
    rows = [line for line in lines if line and not line.startswith("#")]
    assert rows, f"{path}: no entries"
    keys = []
    for row in rows:
        cells = row.split("\t") if path.endswith(".tsv") else [row]
        for cell in cells:
            assert cell == cell.strip() and "  " not in cell, f"{path}: stray space in {row!r}"
        assert cells[0], f"{path}: empty first cell in {row!r}"
        keys.append(cells[0])
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"{path}: duplicate entries {dupes}"


@pytest.mark.parametrize("path", [p for p in FILES if p.endswith(".tsv") and p in _loaded_paths()])
def test_table_rows_fit_the_header(path: str) -> None:
    header, *rows = _data.entries(path)
    assert rows
    assert all(len(row.split("\t")) <= len(header.split("\t")) for row in rows), path


# ------------------------------------------------------------------ the loader itself


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package root whose ``data/`` folder the loader reads instead of dateline's."""
    monkeypatch.setattr(_data, "files", lambda _package: tmp_path)
    (tmp_path / "data" / "t").mkdir(parents=True)
    for fn in (_data.entries, _data.word_set, _data.table):
        fn.cache_clear()
    yield tmp_path / "data" / "t"
    for fn in (_data.entries, _data.word_set, _data.table):
        fn.cache_clear()


CASES: list[tuple[str, str, Callable[[str], Any], Any]] = [
    ("comments and blank lines", "# what\n# source\n\nb\na\n\n", _data.word_list, ("b", "a")),
    ("order kept", "twenty-first\nfirst\n", _data.word_list, ("twenty-first", "first")),
    ("case and inner spaces kept", "New York\nnew york\n", _data.word_set,
     frozenset({"New York", "new york"})),
    ("windows line ends", "a\r\nb\r\n", _data.word_list, ("a", "b")),
    ("a hash inside an entry", "C#\n", _data.word_list, ("C#",)),
    ("table with a missing cell", "word\tgender\nmr\tM\ndr\n", _data.table,
     ({"word": "mr", "gender": "M"}, {"word": "dr", "gender": ""})),
    ("mapping in file order", "# x\nname\tiso3\tnote\nUK\tGBR\t\nUS\tUSA\tx\n",
     lambda p: list(_data.mapping(p, "name", "iso3").items()), [("UK", "GBR"), ("US", "USA")]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "read", "expected"), CASES, ids=[c[0] for c in CASES])
def test_loader(
    data_dir: Path, name: str, text: str, read: Callable[[str], Any], expected: Any
) -> None:
    (data_dir / "file.txt").write_bytes(text.encode("utf-8"))
    assert read("t/file.txt") == expected


def test_table_rejects_extra_cells(data_dir: Path) -> None:
    (data_dir / "bad.tsv").write_text("a\tb\n1\t2\t3\n", "utf-8")
    with pytest.raises(ValueError, match="more cells"):
        _data.table("t/bad.tsv")


def test_mapping_is_a_fresh_dict(data_dir: Path) -> None:
    (data_dir / "m.tsv").write_text("k\tv\nx\t1\n", "utf-8")
    first = _data.mapping("t/m.tsv", "k", "v")
    first["y"] = "2"
    assert _data.mapping("t/m.tsv", "k", "v") == {"x": "1"}


# ------------------------------------------------------------------ constants read from data

CONSTANTS: list[tuple[str, Callable[[], object], object]] = [
    ("honorific of either gender", lambda: _names().HONORIFICS["dr"], None),
    ("honorific with a gender", lambda: _names().HONORIFICS["mrs"], "F"),
    ("time unit with its time part", lambda: _lex().UNITS["hour"], ("H", True)),
    ("time unit of the calendar", lambda: _lex().UNITS["fortnight"], ("2W", False)),
    ("ordinal last", lambda: _lex().ORDINALS["last"], -1),
    ("day ordinal built from the lists", lambda: _lex().DAY_ORDINALS["twenty-ninth"], 29),
    ("AP state abbreviation with a space", lambda: _resolve().AP_STATE_ABBREVIATIONS["W. Va."],
     "WV"),
    ("county words keep their space", lambda: _gazetteer()._COUNTY_WORDS[0], " County"),
    ("short answers are word tuples", lambda: _syntax().ANSWERS[3], ("as", "much")),
]  # fmt: skip


def _names() -> Any:
    from dateline.entities import _names

    return _names


def _lex() -> Any:
    from dateline.time import _lex

    return _lex


def _resolve() -> Any:
    from dateline.places import _resolve

    return _resolve


def _gazetteer() -> Any:
    from dateline.places import _gazetteer

    return _gazetteer


def _syntax() -> Any:
    from dateline.quotes import _syntax

    return _syntax


@pytest.mark.parametrize(("name", "get", "expected"), CONSTANTS, ids=[c[0] for c in CONSTANTS])
def test_constants_from_data(name: str, get: Callable[[], object], expected: object) -> None:
    assert get() == expected
