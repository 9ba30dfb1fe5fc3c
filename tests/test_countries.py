"""Country, demonym and capital lookups: names in news text to ISO3 codes."""

from __future__ import annotations

from pathlib import Path
from timeit import default_timer

import pytest

from dateline.places import _countries as countries
from dateline.places._countries import (
    cache_dir,
    capital_country,
    country_code,
    country_name,
    demonym_country,
    has_namesake_towns,
    is_ambiguous_country,
    iso2_to_iso3,
    mentioned_countries,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United States", "USA"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("United Kingdom", "GBR"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Switzerland", "CHE"),
        ("Holland", "NLD"),
        ("Czechia", "CZE"),
        ("Burma", "MMR"),
        ("UAE", "ARE"),
        ("IRAN", "IRN"),
        ("russia", "RUS"),
    ],
)
def test_country_code_knows_names_short_forms_and_aliases(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("word", ["us", "Us", "it", "IT", "IN", "Delaware", "London", "Geneva"])
def test_country_code_rejects_pronouns_codes_and_places_that_are_not_countries(
    word: str,
) -> None:
    assert country_code(word) is None


@pytest.mark.parametrize("junk", ["", "   ", "xyzzy qwerty", "!!!", "\x00", "United"])
def test_country_code_returns_none_for_garbage(junk: str) -> None:
    assert country_code(junk) is None


def test_ambiguous_country_names_are_flagged_but_still_resolve() -> None:
    for name in ("Jordan", "Chad", "Georgia"):
        assert country_code(name) is not None
        assert is_ambiguous_country(name)
    assert not is_ambiguous_country("Switzerland")
    assert not is_ambiguous_country("Russia")
    assert not is_ambiguous_country("China")


def test_country_names_borne_by_towns_elsewhere_are_known() -> None:
    assert has_namesake_towns("Lebanon")  # Lebanon, Pennsylvania
    assert has_namesake_towns("Palestine")  # Palestine, Texas
    assert not has_namesake_towns("Russia")
    assert not has_namesake_towns("Switzerland")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Swiss", "CHE"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Ukrainian", "UKR"),
        ("British", "GBR"),
        ("Chinese", "CHN"),
        ("French", "FRA"),
        ("Israelis", "ISR"),
        ("South Korean", "KOR"),
        ("Korean", "KOR"),
        ("Saudi", "SAU"),
        ("Filipinos", "PHL"),
    ],
)
def test_demonym_country_maps_singular_and_plural_demonyms(word: str, code: str) -> None:
    assert demonym_country(word) == code


def test_demonym_country_ignores_non_demonyms() -> None:
    assert demonym_country("Russia") is None
    assert demonym_country("table") is None
    assert demonym_country("") is None


@pytest.mark.parametrize(
    ("city", "code"),
    [
        ("Moscow", "RUS"),
        ("Washington", "USA"),
        ("Washington, D.C.", "USA"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Beijing", "CHN"),
        ("Bern", "CHE"),
        ("Tbilisi", "GEO"),
        ("London", "GBR"),
    ],
)
def test_capital_country_maps_capitals_and_their_other_spellings(city: str, code: str) -> None:
    assert capital_country(city) == code


def test_capital_country_is_none_for_cities_that_are_not_capitals() -> None:
    assert capital_country("Geneva") is None
    assert capital_country("Houston") is None


def test_country_name_and_iso2_conversion() -> None:
    assert country_name("RUS") == "Russia"
    assert country_name("usa") == "United States"
    assert country_name("XXX") is None
    assert iso2_to_iso3("CH") == "CHE"
    assert iso2_to_iso3("gb") == "GBR"
    assert iso2_to_iso3("QQ") is None


def test_mentioned_countries_finds_names_initialisms_and_demonyms() -> None:
    text = (
        "US Secretary of State Jane Doe met the Russian minister. The United States "
        "and the U.S. Navy told us nothing, while Côte d'Ivoire and Britain's envoy watched."
    )
    found = [(text[a:b], code) for a, b, code in mentioned_countries(text)]
    assert found == [
        ("US", "USA"),
        ("Russian", "RUS"),
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("Côte d'Ivoire", "CIV"),
        ("Britain", "GBR"),
    ]


def test_mentioned_countries_skips_lower_case_words() -> None:
    assert mentioned_countries("we ate turkey with us and china plates") == []
    assert mentioned_countries("") == []


def test_lookups_are_fast_once_loaded() -> None:
    country_code("Russia")
    capital_country("Moscow")
    started = default_timer()
    for _ in range(2000):
        country_code("Russia")
        demonym_country("Swiss")
        capital_country("Moscow")
    mentioned_countries("The Russian and Swiss envoys met US officials. " * 20)
    assert default_timer() - started < 0.5


def test_derived_tables_are_cached_on_disk_and_a_broken_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_CACHE_DIR", "off")
    assert cache_dir() is None
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    countries._cached_tables.cache_clear()
    try:
        built = countries._cached_tables()
        (file,) = tmp_path.glob("countries-*.json")
        countries._cached_tables.cache_clear()
        assert countries._cached_tables() == built  # read back from the file
        file.write_bytes(b"not JSON")
        countries._cached_tables.cache_clear()
        assert countries._cached_tables() == built
    finally:
        countries._cached_tables.cache_clear()
    assert country_code("U.S.") == "USA"


@pytest.mark.parametrize("name", ["Easter Island", "the South Pole"])
def test_english_words_that_are_foreign_aliases_name_no_country(name: str) -> None:
    assert countries.mentioned_countries(name) == []


@pytest.mark.parametrize(
    ("word", "code"),
    [("Czechs", "CZE"), ("Poles", "POL"), ("Danes", "DNK"), ("Gazans", "PSE"), ("Kosovar", "XKX")],
)
def test_nouns_for_a_people_name_their_country(word: str, code: str) -> None:
    assert countries.demonym_country(word) == code


@pytest.mark.parametrize("word", ["Pole", "Finn", "Dane", "Scot"])
def test_singulars_that_are_words_or_given_names_are_no_demonyms(word: str) -> None:
    assert countries.demonym_country(word) is None


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Texan", "USA"),
        ("Texans", "USA"),
        ("Californian", "USA"),
        ("Ohioan", "USA"),
        ("Hawaiian", "USA"),
        ("Bavarian", "DEU"),
        ("Sicilian", "ITA"),
        ("Scottish", "GBR"),
        ("Catalan", "ESP"),
        ("Quebecers", "CAN"),
    ],
)
def test_demonyms_of_first_level_divisions_give_their_country(word: str, code: str) -> None:
    assert demonym_country(word, regions=True) == code


def test_demonyms_of_divisions_are_given_only_on_request() -> None:
    assert demonym_country("Texans") is None  # the gazetteer places Texans in Texas
    assert mentioned_countries("Texan officials") == []


@pytest.mark.parametrize("word", ["Kurdish", "Basque", "Punjabi"])
def test_demonyms_of_peoples_of_several_states_give_no_country(word: str) -> None:
    assert demonym_country(word, regions=True) is None


@pytest.mark.parametrize("word", ["Gunman", "Milan", "Han", "Permian", "Victorian"])
def test_suffix_rules_form_no_demonym_that_is_a_word_of_its_own(word: str) -> None:
    assert demonym_country(word, regions=True) is None


def test_a_country_demonym_outranks_a_division_of_the_same_name() -> None:
    assert demonym_country("Georgian", regions=True) == "GEO"  # not the US state's


def test_division_demonyms_count_as_country_mentions() -> None:
    text = "Texan officials met Bavarian farmers."
    found = mentioned_countries(text, regions=True)
    assert [code for _, _, code in found] == ["USA", "DEU"]


@pytest.mark.parametrize("name", ["Trinidad", "Tobago", "Trinidad and Tobago"])
def test_parts_of_a_country_name_used_alone_name_the_country(name: str) -> None:
    assert country_code(name) == "TTO"


def test_region_country_knows_first_level_divisions() -> None:
    assert countries.region_country("Texas") == "USA"
    assert countries.region_country("Bavaria") == "DEU"
    assert countries.region_country("Zeus") is None


def test_ethnic_groups_of_one_state_are_apart_from_demonyms() -> None:
    assert countries.ethnic_group_country("Karen") == "MMR"
    assert countries.ethnic_group_country("Yoruba") == "NGA"
    assert countries.ethnic_group_country("Kurds") is None
    assert demonym_country("Karen", regions=True) is None  # a given name, no demonym
    assert mentioned_countries("Karen Bass spoke.", regions=True) == []
