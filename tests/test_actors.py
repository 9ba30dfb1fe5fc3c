"""The Phoenix actor and agent dictionaries and user dictionaries."""

from __future__ import annotations

import pytest

from dateline.entities._dictionaries import (
    ActorDictionary,
    ActorEntry,
    DatedCode,
    agent_dictionary,
    builtin_actors,
    load_actor_file,
    parse_actor_lines,
    parse_date,
    split_code,
)
from dateline.errors import ConfigError


def test_six_and_eight_digit_dates() -> None:
    assert parse_date("20040309") == 20040309
    assert parse_date("080508") == 20080508
    assert parse_date("700101") == 19700101
    assert parse_date("2004017") is None


def test_dated_codes_pick_the_period_of_the_article() -> None:
    lines = ["JANE_DOE_", "+DOE", "\t[ABCELI 700101-990809]", "\t[ABCGOV >20000101]", "\t[ABCELI]"]
    ((key, entry), *_) = parse_actor_lines(lines)
    assert key == "JANE DOE"
    assert entry.code_on(19950101) == "ABCELI"
    assert entry.code_on(20220121) == "ABCGOV"
    assert entry.code_on(19500101) == "ABCELI"  # no period fits: the undated default


def test_no_date_prefers_the_undated_code_then_the_latest_period() -> None:
    entry = ActorEntry(
        "X", (DatedCode("AAAGOV", 19940922, 20040712), DatedCode("AAAGOV", 20040309))
    )
    assert entry.code_on(None) == "AAAGOV"
    assert ActorEntry("Y", (DatedCode("BBBELI", 19700101, 19990809),)).code_on(20220101) is None


def test_builtin_dictionary_has_heads_of_state_and_igos() -> None:
    actors = builtin_actors()
    assert len(actors) > 10000
    putin = actors.get("Vladimir Putin")
    assert putin is not None and putin.code_on(20220121) == "RUSGOV"
    nato = actors.get("NATO")
    assert nato is not None and split_code(nato.code_on(None) or "") == (None, "IGO")


def test_split_code() -> None:
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("USA") == ("USA", None)
    assert split_code("IGOWSTNAT") == (None, "IGO")
    assert split_code("MNCUSA") == ("USA", "BUS")


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("Secretary of State", "GOV"),
        ("Foreign Minister", "GOV"),
        ("police officers", "COP"),
        ("rebels", "REB"),
        ("news agency", "MED"),
        ("Senator", "LEG"),
    ],
)
def test_agent_words_map_to_sectors(phrase: str, sector: str) -> None:
    code = agent_dictionary().code_of(phrase)
    assert code is not None and code[:3] == sector


def test_user_dictionary_in_phoenix_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.txt"
    path.write_text("ACME_WIDGETS_ [USABUS]\n+ACME\n", "utf-8")
    actors = load_actor_file(path)
    entry = actors.get("Acme")
    assert entry is not None and entry.code_on(None) == "USABUS"


def test_broken_user_csv_is_a_config_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("name,code\nAcme\n", "utf-8")
    with pytest.raises(ConfigError):
        load_actor_file(path)


def test_missing_user_dictionary_is_a_config_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError):
        load_actor_file(tmp_path / "nope.txt")


def test_legacy_and_region_prefixes_of_dictionary_codes() -> None:
    from dateline.entities._dictionaries import is_region_code, normalize_code

    assert normalize_code("ANGREB") == "AGOREB"
    assert split_code("ANGREB") == ("AGO", "REB")
    assert split_code("INTREB") == (None, "REB")  # "international": no one country
    assert is_region_code("WAF") and not is_region_code("USA") and not is_region_code("IGO")
    assert split_code("USRGOV") == ("USR", "GOV")  # a former state is still a state


def test_an_entry_has_a_home_whatever_its_dates() -> None:
    lines = ["JANE_DOE_", "\t[KENGOV 030101-080228]", "\t[KENELI 080229-100101]"]
    ((_, entry),) = parse_actor_lines(lines)
    assert entry.code_on(20000101) is None
    assert entry.home() == "KEN"


def test_fuller_names_by_surname() -> None:
    lines = ["ROBERT_JOHN_SMITHERS_", "\t[KENGOV]", "", "MARY_SMITHERS_", "\t[UGAGOV]", ""]
    lines += ["JO_LEE_", "\t[KEN]"]
    dictionary = ActorDictionary(parse_actor_lines(lines))
    found = {e.name for e in dictionary.by_surname("Smithers")}
    assert found == {"Robert John Smithers", "Mary Smithers"}
    assert [e.name for e in dictionary.by_surname("Robert Smithers")] == ["Robert John Smithers"]
    assert dictionary.by_surname("Lee") == []  # too short to tell people apart


def test_short_forms_of_international_organisations() -> None:
    assert builtin_actors().get("OSCE") is not None
    entry = builtin_actors().get("European Community")
    assert entry is not None and entry.code_on(None) == "IGOEUREEC"


def test_a_common_surname_names_no_one() -> None:
    lines: list[str] = []
    for n, first in enumerate(["ANN", "BOB", "CY", "DI", "ED", "FAY", "GUS", "HAL", "IDA"]):
        lines += [f"{first}_SMITHERS_", f"\t[{['KEN', 'UGA', 'TZA'][n % 3]}GOV]", ""]
    dictionary = ActorDictionary(parse_actor_lines(lines))
    assert dictionary.by_surname("Ann Smithers") == []
    assert len(dictionary.by_surname("Smithers")) == 9  # a lone surname: the caller weighs them


def test_a_surname_misspelt_in_its_doubled_letters_finds_its_bearer() -> None:
    lines = ["ROBERTO_MASTRANGELO_", "\t[ITAGOV]", "", "MARIA_MASTRANGELI_", "\t[ITAELI]", ""]
    dictionary = ActorDictionary(parse_actor_lines(lines))
    assert [e.name for e in dictionary.by_spelling("Roberto Masstrangello")] == [
        "Roberto Mastrangelo"
    ]
    assert dictionary.by_spelling("Carla Mastrangello") == []  # another first name
    assert dictionary.by_spelling("Roberto Mastrangeli") == []  # another letter: another name
    assert dictionary.by_spelling("Roberto Mastrangelo") == []  # exact: by_surname's job


def test_a_surname_one_other_letter_off_is_another_name() -> None:
    dictionary = ActorDictionary(parse_actor_lines(["JOHN_NORTON_", "\t[AUSGOV]", ""]))
    assert dictionary.by_spelling("John Horton") == []
