"""The event lexicon: trigger words -> CAMEO codes -> PLOVER types, loaded from data files.

Three layers, most trusted first:

* ``lexicon.tsv`` (dateline's own verb and noun patterns; users add files of the same
  format through ``load_lexicon(extra)``);
* ``cameo_verbs.tsv`` (verbs and verb+cue patterns converted from PETRARCH-2's CAMEO
  dictionary, MIT), used when the own lexicon has nothing for a verb;
* ``cameo_plover.tsv`` (CAMEO code -> PLOVER type, mode, context).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import cast

from .._data import table
from ..errors import ConfigError
from ..types import PloverType

__all__ = [
    "PLOVER_TYPES",
    "Entry",
    "Lexicon",
    "Plover",
    "default_lexicon",
    "load_lexicon",
    "rule_examples",
]

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger pattern: a lemma, the cue words it needs, and the CAMEO code it gives."""

    lemma: str
    pos: str  # VERB | NOUN
    cues: tuple[str, ...]
    cameo: str
    name: str
    origin: str  # lexicon | cameo-dict

    @property
    def rule(self) -> str:
        return f"{self.origin}:{self.name}"


@dataclass(frozen=True, slots=True)
class Plover:
    type: PloverType
    mode: str | None
    context: tuple[str, ...]


@dataclass
class Lexicon:
    """Patterns by lemma, and the CAMEO -> PLOVER table."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    cameo_verbs: dict[str, list[Entry]] = field(default_factory=dict)
    plover: dict[str, Plover] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    # code verbs the own lexicon lacks from the CAMEO dictionary alone (off: on real news
    # its patterns misfire more often than they help; it still refines own-lexicon codes)
    cameo_fallback: bool = False

    def add(self, entry: Entry) -> None:
        table = self.nouns if entry.pos == "NOUN" else self.verbs
        bucket = table.setdefault(entry.lemma, [])
        bucket[:] = [e for e in bucket if e.cues != entry.cues]  # a later file overrides
        bucket.append(entry)

    def plover_of(self, cameo: str) -> Plover | None:
        """The PLOVER type of a CAMEO code, from the code or its nearest listed parent."""
        code = cameo
        while code:
            found = self.plover.get(code)
            if found is not None:
                return found
            code = code[:-1]
        return None


def _rows(text: str) -> Iterable[list[str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    next(reader, None)  # header
    yield from reader


def _read_lexicon(lexicon: Lexicon, text: str, where: str) -> None:
    for n, row in enumerate(_rows(text), 2):
        if len(row) < 4:
            raise ConfigError(
                f"{where}: row {n} has {len(row)} columns, expected lemma, pos, cues, cameo, name",
                hint="Separate the columns with tabs; use '-' for no cues.",
            )
        lemma, pos, cues, cameo = (c.strip() for c in row[:4])
        name = row[4].strip() if len(row) > 4 and row[4].strip() else lemma
        if pos.upper() not in ("VERB", "NOUN") or not cameo.isdigit():
            raise ConfigError(
                f"{where}: row {n}: pos must be VERB or NOUN and cameo a code such as 190",
                hint="Check the columns of the lexicon file.",
            )
        words = () if cues in ("", "-") else tuple(cues.lower().split())
        lexicon.add(Entry(lemma.lower(), pos.upper(), words, cameo, name, "lexicon"))


def _data(name: str) -> str:
    return resources.files("dateline").joinpath(f"data/events/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with dateline (loaded once per process)."""
    return load_lexicon(())


def load_lexicon(extra: Iterable[Path | str] = (), *, cameo_fallback: bool = False) -> Lexicon:
    """dateline's lexicon plus the user's lexicon files (same format, later entries win).

    ``cameo_fallback=True`` also codes verbs that only the CAMEO dictionary knows.
    """
    lexicon = Lexicon(cameo_fallback=cameo_fallback)
    for row in _rows(_data("cameo_plover.tsv")):
        code, kind = row[0], row[1]
        mode = row[2] if len(row) > 2 and row[2] else None
        context = tuple(c for c in (row[3].split(";") if len(row) > 3 else []) if c)
        if kind in PLOVER_TYPES:
            lexicon.plover[code] = Plover(cast(PloverType, kind), mode, context)
    for row in _rows(_data("cameo_codes.tsv")):
        if len(row) > 1 and row[1]:
            lexicon.labels[row[0]] = row[1]
    for row in _rows(_data("cameo_verbs.tsv")):
        verb, cues, code = row[0], row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else ""
        if not code:
            continue
        words = tuple(cues.split())
        name = verb + ("+" + "+".join(words) if words else "")
        lexicon.cameo_verbs.setdefault(verb, []).append(
            Entry(verb, "VERB", words, code, name, "cameo-dict")
        )
    _read_lexicon(lexicon, _data("lexicon.tsv"), "lexicon.tsv")
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(
                f"cannot read the event lexicon {p}: {exc.strerror}",
                hint="Give the path of a tab-separated lexicon file.",
            ) from exc
        _read_lexicon(lexicon, text, str(p))
    return lexicon


def rule_examples() -> tuple[dict[str, str], ...]:
    """The real sentences that show each rule at work (``rule_examples.tsv``): rule, type,
    cameo, source, where, text; type ``-`` for a rule that suppresses an event."""
    return table("events/rule_examples.tsv")
