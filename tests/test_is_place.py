"""The one "is this a place?" test, under each stage's policy (dateline, mention, resolve)."""

from __future__ import annotations

import pytest

from dateline.places import Gazetteer, PlacePolicy, gazetteer, is_place

DATELINE = PlacePolicy.DATELINE
MENTION = PlacePolicy.MENTION
RESOLVE = PlacePolicy.RESOLVE
QUALIFIED = PlacePolicy.RESOLVE_QUALIFIED

# name, policy, region written after it, (country, feature) of the first reading or None
CASES: list[tuple[str, PlacePolicy, str | None, tuple[str, str] | None]] = [
    # a dateline: a capital, a country or a town of some size; a small town only with
    # its state; an alternate name only for a big city
    ("Kabul", DATELINE, None, ("AFG", "PPLC")),
    ("Hope", DATELINE, None, None),
    ("Hope", DATELINE, "Ark.", ("USA", "PPL")),
    ("Bombay", DATELINE, None, ("IND", "PPL")),
    ("Hamas", DATELINE, None, None),
    ("TN.", DATELINE, None, None),
    # a mention: any town, but no demonym, initialism or word of a country's name
    ("Hope", MENTION, None, ("CAN", "PPL")),
    ("Lebanon", MENTION, None, ("LBN", "PCLI")),
    ("U.S.", MENTION, None, ("USA", "PCLI")),
    ("Cook", MENTION, None, None),
    ("Russians", MENTION, None, None),
    ("NATO", MENTION, None, None),
    ("ROME", MENTION, None, None),
    ("Bombay", MENTION, None, ("NZL", "PPL")),
    # the resolver: every reading, alternate names and state codes included
    ("ROME", RESOLVE, None, ("ITA", "PPLC")),
    ("Hamas", RESOLVE, None, ("DEU", "PPL")),
    ("TN.", RESOLVE, None, ("USA", "ADM1")),
    ("DC.", RESOLVE, None, ("USA", "PPLC")),
    ("Russia", RESOLVE, None, ("RUS", "PCLI")),
    ("Russia", QUALIFIED, None, ("USA", "PPL")),
    ("Lebanon", RESOLVE, None, ("USA", "PPL")),
]


@pytest.mark.parametrize(("name", "policy", "region", "expected"), CASES)
def test_is_place_under_each_policy(
    name: str, policy: PlacePolicy, region: str | None, expected: tuple[str, str] | None
) -> None:
    readings = is_place(name, policy, region=region)
    first = (readings[0].place.country, readings[0].place.feature) if readings else None
    assert first == expected


def test_an_unambiguous_country_is_only_the_country_unless_a_qualifier_follows() -> None:
    alone = {r.place.feature for r in is_place("Russia", RESOLVE)}
    qualified = {r.place.feature for r in is_place("Russia", QUALIFIED)}
    assert alone == {"PCLI"}
    assert {"PCLI", "PPL"} <= qualified


def test_alternate_names_are_flagged() -> None:
    readings = is_place("Kiev", RESOLVE)
    assert any(r.alternate and r.place.feature == "PPLC" for r in readings)
    assert not any(r.alternate for r in is_place("Kiev", MENTION))


def test_is_place_never_counts_the_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    # counting the database gazetteer runs a query over all names: a truth test of the
    # gazetteer object ("gaz or gazetteer()") once doubled the CPU time of every article
    def no_count(self: Gazetteer) -> int:
        raise AssertionError("is_place counted the gazetteer")

    monkeypatch.setattr(Gazetteer, "__len__", no_count)
    gaz = gazetteer()
    assert is_place("Paris", PlacePolicy.RESOLVE, gaz=gaz)
    assert is_place("Paris", PlacePolicy.DATELINE)
