"""Ethnic groups of one state named by a word the model takes for a given name.

"Karen guerrillas attacked an army post": the model tags "Karen" PERSON (it is a given
name too). A person cluster whose every mention is one word of
:data:`dateline.places.ETHNIC_GROUPS` modifying a lower-case noun ("Karen rebels",
"Kachin fighters") is that group instead: kind NORP, with the group's state. A cluster
the model tagged NORP or GPE ("Yoruba leaders") is that group, with its state, too. A
lone "Karen" who speaks or is spoken to stays a person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from .. import places
from ._cluster import Cluster, ClusterMap
from ._roles import Roles

__all__ = ["type_ethnic_groups"]

_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _group_word(cluster: Cluster) -> str | None:
    words = {m.text for m in cluster.names}
    if len(words) != 1 or cluster.given or any(m.inner_titles for m in cluster.names):
        return None
    word = next(iter(words))
    return word if places.ethnic_group_country(word) else None


def _modifies_noun(doc: Doc, cluster: Cluster) -> bool:
    for m in cluster.names:
        if m.tok_end - m.tok_start != 1:
            return False
        tok = doc[m.tok_start]
        head = tok.head
        if not (
            tok.dep_ in _MODIFIER_DEPS
            and head.i > tok.i
            and head.pos_ == "NOUN"
            and head.text[:1].islower()
        ):
            return False
    return True


def type_ethnic_groups(doc: Doc, clusters: Sequence[Cluster], roles: ClusterMap[Roles]) -> None:
    """Retype "Karen" in "Karen rebels" to NORP and give ethnic-group clusters their
    state (in place)."""
    for cluster in clusters:
        word = _group_word(cluster)
        if word is None:
            continue
        role = roles[cluster]
        if cluster.kind == "PERSON":
            if role.titles or role.sector or not _modifies_noun(doc, cluster):
                continue
            cluster.given.clear()
            cluster.surname = None
            role.code = role.code_from = None
        elif cluster.iso3 or cluster.final_kind() not in ("NORP", "GPE") or role.country:
            continue
        cluster.kind = "NORP"  # "Yoruba leaders", "a Karen stronghold": a people, no place
        cluster.labels = Counter({"NORP": len(cluster.names)})
        for mention in cluster.names:
            mention.label = "NORP"
        code = places.ethnic_group_country(word)
        role.country = code
        role.code = code
        role.code_from = "text"
