"""Entities: mentions -> clusters -> actors with country, sector and code (issue #3).

``find_entities(article, doc)`` runs the steps of this package in order:

1. ``mentions``: spaCy's PERSON/ORG/GPE/LOC/FAC/NORP spans with fixed bounds, then
   ``toponyms``: the places among them and those the model missed;
2. ``cluster``: mentions grouped into one cluster per person, organisation or place;
3. ``roles``: titles, country, sector and CAMEO-style code, from the text first and the
   actor dictionaries second;
4. ``coref``: pronouns and definite role nouns added to the clusters they refer to;
5. ``places.locate_entities``: places resolved to a country and coordinates.

Entity ids are ``E1``, ``E2``, ... in order of first mention; an entity that only the
dateline names (no mention in the body) comes last. ``add_demonym_mentions`` (run by the
pipeline after the events) adds country demonyms as ``demonym`` mentions, and appends a
country only demonyms name after all of these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from spacy.tokens import Doc

from .. import places
from ..types import Article, Entity, EntityKind, Mention
from ._agents import add_agents
from ._cluster import Cluster, ClusterMap, cluster_mentions
from ._common_nouns import common_noun_clusters
from ._coref import resolve_references
from ._dictionaries import ActorDictionary, builtin_actors, load_user_dictionary
from ._mentions import find_name_mentions
from ._names import fold
from ._peoples import type_ethnic_groups
from ._roles import Roles, assign_roles
from ._toponyms import place_mentions

__all__ = [
    "EntityStage",
    "add_demonym_mentions",
    "dateline_entity",
    "find_entities",
    "index_mentions",
    "load_user_dictionary",
]


def find_entities(
    article: Article,
    doc: Doc,
    *,
    dictionaries: Sequence[Path | str] | ActorDictionary | None = None,
    builtin_dictionaries: bool = True,
) -> tuple[Entity, ...]:
    """Entity clusters of the article, with coreferent mentions and actor attributes.

    ``dictionaries``: the user's actor dictionaries (Phoenix format, or CSV
    ``name,code[,country,sector]``), or an ``ActorDictionary`` already loaded; their codes
    win over the text and the shipped Phoenix dictionaries.
    """
    user = (
        dictionaries
        if isinstance(dictionaries, ActorDictionary) or dictionaries is None
        else load_user_dictionary(list(dictionaries))
    )
    mentions = place_mentions(doc, find_name_mentions(doc))
    clusters = cluster_mentions(doc, mentions)
    roles = assign_roles(
        doc, clusters, published=article.published, user=user, use_builtin=builtin_dictionaries
    )
    clusters = _drop_common_nouns(doc, clusters, roles, builtin_dictionaries)
    type_ethnic_groups(doc, clusters, roles)
    moved = [c for c in clusters if _place_not_person(c, roles[c])]
    if moved:
        clusters = _merge_places(clusters, moved, roles)
    references = resolve_references(article, doc, clusters, roles)
    place = _dateline_cluster(article, clusters)
    if place is not None:
        clusters.append(place)
        roles[place] = Roles()
    entities = tuple(
        _freeze(f"E{n}", cluster, roles[cluster], references.get(cluster, []))
        for n, cluster in enumerate(clusters, start=1)
    )
    entities = add_agents(article, doc, entities)
    return _locate(entities, article)


def _drop_common_nouns(
    doc: Doc, clusters: list[Cluster], roles: ClusterMap[Roles], builtin: bool
) -> list[Cluster]:
    """Clusters without the "people" the text writes as common nouns ("a no-deal Brexit")."""
    titled = {
        id(c)
        for c in clusters
        if (r := roles[c]).titles or r.sector or r.code_from in ("dictionary", "user-dictionary")
    }
    found = common_noun_clusters(doc, clusters, titled, builtin_actors() if builtin else None)
    if not found:
        return clusters
    drop = {id(c): c for c in found}
    for cluster in drop.values():
        del roles[cluster]
    return [c for c in clusters if id(c) not in drop]


def _place_not_person(cluster: Cluster, roles: Roles) -> bool:
    """A "person" the shipped dictionaries know only as a country's place is that place.

    The model takes some places for people ("Gdańsk", "Aleppo", "Kraków"); the Phoenix
    country dictionaries give a place a bare country code ("POL") and a person a sector
    too ("POLGOV"), so a bare code for a name with no title is a place. Demonyms ("a New
    Zealander") stay people.
    """
    code = roles.code
    if (
        cluster.kind != "PERSON"
        or roles.code_from != "dictionary"
        or code is None
        or len(code) != 3
        or code != roles.country
        or roles.sector is not None
        or roles.titles
        or any(m.inner_titles for m in cluster.names)
        or any(places.demonym_country(m.text, regions=True) for m in cluster.names)
    ):
        return False
    cluster.kind = "GPE"
    cluster.labels = Counter({"GPE": len(cluster.names)})
    for mention in cluster.names:
        mention.label = "GPE"
    cluster.given.clear()
    cluster.surname = None
    roles.code = None
    roles.code_from = None
    return True


def _merge_places(
    clusters: list[Cluster], moved: list[Cluster], roles: ClusterMap[Roles]
) -> list[Cluster]:
    """Each relabelled place joins a place cluster of the same name, when there is one."""
    kept = list(clusters)
    for cluster in moved:
        names = {fold(m.text) for m in cluster.names}
        target = next(
            (
                other
                for other in kept
                if other is not cluster
                and other.kind != "PERSON"
                and other.final_kind() in {"GPE", "LOC", "FAC"}
                and any(fold(m.text) in names for m in other.names)
            ),
            None,
        )
        if target is None:
            continue
        target.names = sorted(target.names + cluster.names, key=lambda m: (m.start, m.end))
        kept.remove(cluster)
        del roles[cluster]
    return sorted(kept, key=lambda c: c.first)


def _dateline_cluster(article: Article, clusters: list[Cluster]) -> Cluster | None:
    """A place cluster for the dateline's place when no body mention names it."""
    if article.dateline is None or not article.dateline.place.strip():
        return None
    if _matching_cluster(article.dateline.place, clusters) is not None:
        return None
    cluster = Cluster("GPE")
    cluster.labels["GPE"] += 1
    cluster.fixed_name = " ".join(w.capitalize() for w in article.dateline.place.split())
    return cluster


def _matching_cluster(place: str, clusters: Sequence[Cluster]) -> Cluster | None:
    wanted = fold(place)
    for cluster in clusters:
        if cluster.kind == "PERSON":
            continue
        if any(
            fold(m.text) == wanted and m.start not in cluster.government_starts
            for m in cluster.names
        ):
            return cluster
    return None


def _freeze(entity_id: str, cluster: Cluster, roles: Roles, extra: list[Mention]) -> Entity:
    names = [Mention(m.start, m.end, m.text, "name") for m in cluster.names]
    mentions = tuple(sorted(names + extra, key=lambda m: (m.start, m.end)))
    name = cluster.display_name()
    aliases = tuple(
        dict.fromkeys(
            " ".join(m.text.split()) for m in cluster.names if " ".join(m.text.split()) != name
        )
    )
    return Entity(
        id=entity_id,
        kind=cast(EntityKind, cluster.final_kind()),
        name=name,
        aliases=aliases,
        mentions=mentions,
        titles=tuple(roles.titles),
        country=roles.country,
        sector=roles.sector,
        code=roles.code,
        code_from=roles.code_from,
    )


def _locate(entities: tuple[Entity, ...], article: Article) -> tuple[Entity, ...]:
    # a name the gazetteer does not know takes the article's main country: mostly right for
    # the local places news names (LGL end to end: 0.952 country accuracy with it, 0.946
    # when only names written as places kept it), at the price of a stray "Zeus" -> GRC
    return tuple(places.locate_entities(entities, article))


def dateline_entity(article: Article, entities: Sequence[Entity]) -> str | None:
    """Id of the place entity the article's dateline names, or None.

    The pipeline sets ``Analysis.dateline.entity`` from this: the first non-person entity
    whose name or a name mention equals the dateline's place (case and accents aside).
    """
    if article.dateline is None:
        return None
    wanted = fold(article.dateline.place)
    if not wanted:
        return None
    non_persons = [e for e in entities if e.kind != "PERSON"]
    for entity in non_persons:
        if fold(entity.name) == wanted:
            return entity.id
    is_country = places.country_code(article.dateline.place) is not None
    for entity in non_persons:
        if entity.code is not None and entity.code == entity.country and not is_country:
            continue  # a capital standing for its government ("Moscow said") is no place
        if any(fold(m.text) == wanted for m in entity.mentions if m.kind == "name"):
            return entity.id
    return None


# the spaCy component (registered as "dateline_entities" on import); last, as it uses the above
from ._component import EntityStage, index_mentions  # noqa: E402
from ._demonyms import add_demonym_mentions  # noqa: E402
