"""The event coder's data files: each says what it is, where it comes from and which rule reads
it; no entry twice; every CAMEO code in a table is one of the shipped codebook's."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from dateline._data import table, word_list

DATA = Path(str(files("dateline").joinpath("data")))
EVENTS = DATA / "events"
SOURCES = Path(str(files("dateline").joinpath("events")))
FILES = sorted(
    p.relative_to(DATA).as_posix() for p in EVENTS.rglob("*") if p.suffix in (".txt", ".tsv")
)
# the files _lexicon.py reads (converted or hand-written tables with their own header style)
LEXICON_FILES = {
    "events/lexicon.tsv",
    "events/cameo_codes.tsv",
    "events/cameo_plover.tsv",
    "events/cameo_verbs.tsv",
}
# tables of words with no CAMEO code column
NO_CODES = {
    "events/modes/weapon_modes.tsv",
    "events/modes/weapon_compounds.tsv",
    "events/roles/clause_patterns.tsv",
    "events/coder/routine_acts.tsv",
}
# a credit: our own list, or the source with its licence
PROVENANCE = re.compile(r"Provenance: |\bMIT\b|CC BY", re.IGNORECASE)
# columns that make a table row unique (default: the whole row)
KEYS: dict[str, tuple[str, ...]] = {
    "events/coder/intent_codes.tsv": ("type", "intent"),
    "events/coder/cameo_groups.tsv": ("group", "cameo"),
    "events/coder/police_military.tsv": ("police_cameo",),
    "events/coder/plover_recodings.tsv": ("cameo",),
    "events/coder/refusal_codes.tsv": ("type",),
    "events/coder/source_recodings.tsv": ("prefix", "sector"),
    "events/coder/routine_acts.tsv": ("name",),
    "events/roles/clause_patterns.tsv": ("name",),
    "events/coder/untyped_acts.tsv": ("verbs", "objects"),
    "events/modes/weapon_modes.tsv": ("word",),
    "events/modes/weapon_compounds.tsv": ("modifier", "head"),
    "events/modes/weapon_cameo.tsv": ("mode",),
    "events/modes/threat_codes.tsv": ("act_cameo",),
    "events/cameo_codes.tsv": ("cameo",),
    "events/cameo_plover.tsv": ("cameo",),
    "events/cameo_verbs.tsv": ("verb", "cues"),
    "events/lexicon.tsv": ("lemma", "pos", "cues"),
}


def _header(path: str) -> list[str]:
    lines = (DATA / path).read_text("utf-8").splitlines()
    return [ln for ln in lines[: next(i for i, ln in enumerate(lines) if not ln.startswith("#"))]]


def _codebook() -> set[str]:
    return {row["cameo"] for row in table("events/cameo_codes.tsv")}


def test_the_events_data_files_are_found() -> None:
    assert "events/modes/negators.txt" in FILES
    assert "events/coder/intent_codes.tsv" in FILES
    assert len(FILES) > 60


@pytest.mark.parametrize("path", FILES)
def test_header_says_what_where_from_and_who_reads_it(path: str) -> None:
    header = _header(path)
    assert header, f"{path}: no '#' header"
    assert any(PROVENANCE.search(ln) for ln in header), f"{path}: no provenance in the header"
    if path not in LEXICON_FILES:
        name = path.rsplit("/", 1)[1]
        assert header[0].startswith(f"# {name}: "), f"{path}: the header starts with its name"
        assert any(ln.startswith("# Used by: dateline.events.") for ln in header), path


@pytest.mark.parametrize("path", FILES)
def test_file_is_read_by_the_events_code(path: str) -> None:
    """Read by a module, or named as "@path" in a table a module reads (a word list of a
    clause pattern or a routine act)."""
    rel = path.removeprefix("events/")
    code = "".join(p.read_text("utf-8") for p in SOURCES.glob("*.py"))
    tables = "".join((DATA / t).read_text("utf-8") for t in FILES if t.endswith(".tsv"))
    named = f'"@{path}"' in tables or f"\t@{path}\t" in tables
    assert f'"{path}"' in code or f'"{rel}"' in code or named, f"{path}: no module reads it"


@pytest.mark.parametrize("path", [p for p in FILES if p.endswith(".txt")])
def test_word_file_has_clean_unique_entries(path: str) -> None:
    words = word_list(path)
    assert words, f"{path}: empty"
    assert len(set(words)) == len(words), f"{path}: duplicates"
    for word in words:
        assert word == word.strip() and word.lower() == word, f"{path}: {word!r}"


@pytest.mark.parametrize("path", [p for p in FILES if p.endswith(".tsv")])
def test_table_rows_are_complete_and_unique(path: str) -> None:
    rows = table(path)
    assert rows, f"{path}: empty"
    columns = list(rows[0])
    key = KEYS.get(path, tuple(columns))
    assert set(key) <= set(columns), f"{path}: key {key} not among {columns}"
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        k = tuple(row[c] for c in key)
        assert k not in seen, f"{path}: {k} twice"
        seen.add(k)
    raw = [ln for ln in (DATA / path).read_text("utf-8").splitlines() if ln and ln[0] != "#"]
    for line in raw[1:]:
        assert line.count("\t") < len(columns), f"{path}: more cells than columns: {line!r}"


@pytest.mark.parametrize("path", [p for p in FILES if p.endswith(".tsv")])
def test_every_cameo_code_is_in_the_codebook(path: str) -> None:
    codebook = _codebook()
    rows = table(path)
    columns = [c for c in rows[0] if c == "cameo" or c.endswith("_cameo")]
    assert columns or path in NO_CODES, f"{path}: no cameo column"
    unknown = {r[c] for r in rows for c in columns if r[c] and r[c] not in codebook}
    assert not unknown, f"{path}: CAMEO codes not in cameo_codes.tsv: {sorted(unknown)}"


@pytest.mark.parametrize(
    ("path", "loader"),
    [("events/modes/negators.txt", "word_set"), ("events/roles/target_preps.txt", "word_list")],
)
def test_loader_returns_the_entries_as_written_and_caches(path: str, loader: str) -> None:
    import dateline._data as data

    load = getattr(data, loader)
    assert load(path) is load(path)
    entries = [
        ln for ln in (DATA / path).read_text("utf-8").splitlines() if ln and not ln.startswith("#")
    ]
    assert sorted(load(path)) == sorted(entries)
