"""Is the word group before a mixed-case dateline's dash a place? The gazetteer decides.

A wire dateline in capitals ("GENEVA –") is unmistakable; one in mixed case ("Abuja --",
"Kabul, Afghanistan -") reads like any sentence start ("Iran - which ...", "Mr Smith -
who ..."). Without an agency or a date to confirm it, such a dateline counts only when
the gazetteer (:mod:`dateline.places`, the one the geo stage resolves places with)
knows the name as a country, a first-level division, a capital or a town of some size,
or as any town of the state or country written after it ("Smallville, Kan. -").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._gazetteer import Place

__all__ = ["known_place", "place_country"]

_MAJOR_FEATURES = frozenset({"PCLI", "ADM1", "PPLC", "CONT"})
_MIN_POPULATION = 15_000  # a town this big may head a story without its state or country
_MIN_ALTERNATE = 1_000_000  # a city known by an alternate name ("Bombay") must be this big


def known_place(place: str, region: str | None = None) -> bool:
    """Does the gazetteer know ``place`` (in ``region``, when one is written) well enough
    to read it as a dateline?"""
    return _known(place.strip(), (region or "").strip())


@lru_cache(maxsize=4096)
def _known(place: str, region: str) -> bool:
    from ._gazetteer import gazetteer

    if not place:
        return False
    gaz = gazetteer()
    candidates = gaz.by_name(place)
    # alternate names are many and noisy (one of Hamm's is "Hamas"): only for the places a
    # dateline might spell the old or foreign way ("Kiev", "Bombay")
    candidates += tuple(p for p in gaz.by_alternate(place) if _major(p, _MIN_ALTERNATE))
    if not candidates:
        return False
    if region:
        country, admin1 = _region(region)
        if any(
            (country is not None and p.country == country)
            or (admin1 is not None and p.admin1_code == admin1)
            for p in candidates
        ):
            return True
    return any(_major(p, _MIN_POPULATION) for p in candidates)


def place_country(place: str, region: str | None = None) -> str | None:
    """The ISO3 country of a dateline's place ("Kabul" -> AFG, "Orlando", "Fla." -> USA,
    "Lagos" -> NGA): the region's, when one is written, else that of the largest place of
    the name the gazetteer knows well enough to head a story; None when unknown."""
    return _country(place.strip(), (region or "").strip())


@lru_cache(maxsize=4096)
def _country(place: str, region: str) -> str | None:
    from ._gazetteer import gazetteer

    if region:
        country, _ = _region(region)
        if country is not None:
            return country
    if not place:
        return None
    major = [p for p in gazetteer().by_name(place) if _major(p, _MIN_POPULATION)]
    if not major:
        return None
    return max(major, key=lambda p: (p.feature in _MAJOR_FEATURES, p.population)).country


def _major(place: Place, min_population: int) -> bool:
    return place.feature in _MAJOR_FEATURES or place.population >= min_population


def _region(region: str) -> tuple[str | None, str | None]:
    """(ISO3 country, first-level division code) of a dateline's region: "Afghanistan",
    "Fla.", "Texas", "N.S."; (None, None) when it is neither."""
    from ._countries import country_code
    from ._gazetteer import gazetteer
    from ._resolve import AP_STATE_ABBREVIATIONS

    state = AP_STATE_ABBREVIATIONS.get(region) or AP_STATE_ABBREVIATIONS.get(region + ".")
    if state is not None:
        return "USA", f"US.{state}"
    code = country_code(region.rstrip("."))
    if code is not None:
        return code, None
    for place in gazetteer().by_name(region.rstrip(".")):
        if place.feature == "ADM1":
            return place.country, place.admin1_code
    return None, None
