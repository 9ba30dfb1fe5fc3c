"""Places: countries and demonyms, the gazetteer and its one ``is_place``, and resolution.

This package knows nothing of article structure or entities: the structure stage asks it
whether a dateline's words name a place, the entity stage asks it which place a mention
names. Everything here is re-exported on purpose; the ``_`` modules are private.
"""

from __future__ import annotations

from ._countries import (
    ETHNIC_GROUPS,
    NEWS_DEMONYMS,
    NEWS_NAMES,
    NEWS_SHORT_FORMS,
    REGIONAL_DEMONYMS,
    cache_dir,
    capital_country,
    capital_index,
    country_aliases,
    country_code,
    country_latlng,
    country_name,
    demonym_country,
    ethnic_group_country,
    has_namesake_towns,
    is_ambiguous_country,
    iso2_to_iso3,
    mentioned_countries,
    normalize,
    region_country,
    town_countries,
    town_country,
)
from ._gazetteer import CITY_LEVELS, Gazetteer, Place, cache_path, distance_km, gazetteer, place_key
from ._is_place import AP_STATE_ABBREVIATIONS, PlacePolicy, PlaceReading, is_place, place_country
from ._resolve import (
    PLACE_KINDS,
    GeoContext,
    PlaceQuery,
    article_focus,
    locate_entities,
    resolve_places,
)

__all__ = [
    "AP_STATE_ABBREVIATIONS",
    "CITY_LEVELS",
    "ETHNIC_GROUPS",
    "NEWS_DEMONYMS",
    "NEWS_NAMES",
    "NEWS_SHORT_FORMS",
    "PLACE_KINDS",
    "REGIONAL_DEMONYMS",
    "Gazetteer",
    "GeoContext",
    "Place",
    "PlacePolicy",
    "PlaceQuery",
    "PlaceReading",
    "article_focus",
    "cache_dir",
    "cache_path",
    "capital_country",
    "capital_index",
    "country_aliases",
    "country_code",
    "country_latlng",
    "country_name",
    "demonym_country",
    "distance_km",
    "ethnic_group_country",
    "gazetteer",
    "has_namesake_towns",
    "is_ambiguous_country",
    "is_place",
    "iso2_to_iso3",
    "locate_entities",
    "mentioned_countries",
    "normalize",
    "place_country",
    "place_key",
    "region_country",
    "resolve_places",
    "town_countries",
    "town_country",
]
