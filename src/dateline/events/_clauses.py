"""Clause shapes of the role finder, as spaCy ``DependencyMatcher`` patterns read from
``data/events/roles/clause_patterns.tsv`` ("urged Iran to stop", "was attacked by X",
"resorted to throwing stones", ...).

Each row names a pattern, gives its nodes as the JSON list ``DependencyMatcher.add`` takes,
and the real sentence that motivated it. A string ``"@events/roles/x.txt"`` inside a pattern
stands for that word file's entries (spliced into an ``IN`` / ``NOT_IN`` list). The matches
of every pattern are found once per document and looked up by the token bound to a node.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .._data import table, word_list

__all__ = ["PATTERNS", "Clause", "clause_patterns", "matches", "matches_at", "matches_under"]

PATTERNS = "events/roles/clause_patterns.tsv"

Match = dict[str, Token]


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause pattern: its name, its ``DependencyMatcher`` nodes (word files spliced in),
    the names of its nodes in order, and the sentence that motivated it."""

    name: str
    pattern: tuple[dict[str, Any], ...]
    nodes: tuple[str, ...]
    where: str
    example: str
    match: str


def _expand(value: Any) -> Any:
    """The pattern value with every ``"@path"`` string replaced by that file's entries."""
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith("@"):
                out.extend(word_list(item[1:]))
            else:
                out.append(_expand(item))
        return out
    if isinstance(value, str) and value.startswith("@"):
        return list(word_list(value[1:]))
    return value


@cache
def clause_patterns() -> dict[str, Clause]:
    """Every clause pattern of ``clause_patterns.tsv``, by name."""
    out: dict[str, Clause] = {}
    for row in table(PATTERNS):
        nodes = tuple(_expand(node) for node in json.loads(row["pattern"]))
        names = tuple(str(node["RIGHT_ID"]) for node in nodes)
        out[row["name"]] = Clause(
            row["name"], nodes, names, row["where"], row["example"], row["match"]
        )
    return out


@cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for name, clause in clause_patterns().items():
        matcher.add(name, [list(clause.pattern)])
    return matcher


def _find(doc: Doc) -> dict[str, list[Match]]:
    clauses = clause_patterns()
    found: dict[str, list[tuple[tuple[int, ...], Match]]] = {name: [] for name in clauses}
    if not doc.has_annotation("DEP"):  # no parse (a model without a parser): no clauses
        return {name: [] for name in clauses}
    names = {get_string_id(name): name for name in clauses}
    for match_id, token_ids in _matcher(doc.vocab)(doc):
        # by hash: the pipeline's memory zone may have freed the key strings the matcher added
        name = names[match_id]
        nodes = clauses[name].nodes
        bound = {node: doc[i] for node, i in zip(nodes, token_ids, strict=True)}
        found[name].append((tuple(token_ids), bound))
    # in text order of the nodes as the pattern lists them: the first node first, then the next
    return {name: [m for _, m in sorted(ms, key=lambda km: km[0])] for name, ms in found.items()}


class _Last(threading.local):
    """The matches of the last document seen (the coder asks many times per document)."""

    doc: Doc | None = None
    found: dict[str, list[Match]] | None = None


_LAST = _Last()


def matches(name: str, doc: Doc) -> list[Match]:
    """The matches of pattern ``name`` in ``doc``, each node name -> token, in text order."""
    if _LAST.doc is not doc or _LAST.found is None:
        _LAST.doc, _LAST.found = doc, _find(doc)
    return _LAST.found[name]


def matches_at(name: str, tok: Token, node: str) -> list[Match]:
    """The matches of pattern ``name`` that bind ``node`` to ``tok``."""
    return [m for m in matches(name, tok.doc) if m[node].i == tok.i]


def matches_under(name: str, head: Token, node: str) -> list[Match]:
    """The matches of pattern ``name`` whose ``node`` hangs on ``head`` (a pattern that
    starts at a preposition or modifier: "by" of a passive, "loyal" of a group)."""
    return [m for m in matches(name, head.doc) if m[node].head.i == head.i and m[node].i != head.i]
