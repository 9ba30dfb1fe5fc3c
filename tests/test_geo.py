"""Place resolution: names to GeoNames places, disambiguated by the article's context."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from dateline.places import (
    Gazetteer,
    GeoContext,
    Place,
    PlaceQuery,
    article_focus,
    cache_path,
    distance_km,
    gazetteer,
    locate_entities,
    resolve_places,
)
from dateline.places._gazetteer import _read_cache, _write_cache
from dateline.types import Article, Dateline, Entity, Geo, Mention, Paragraph


def _queries(text: str, names: list[str]) -> list[PlaceQuery]:
    out = []
    for name in names:
        spans = []
        at = text.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = text.find(name, at + 1)
        out.append(PlaceQuery(name=name, spans=tuple(spans)))
    return out


def _resolve(text: str, *names: str, dateline: str | None = None) -> list[Geo | None]:
    context = GeoContext.from_text(text, dateline=dateline)
    return resolve_places(_queries(text, list(names)), context)


def _near(geo: Geo | None, lat: float, lon: float, km: float = 30.0) -> bool:
    return geo is not None and distance_km((geo.lat, geo.lon), (lat, lon)) <= km


def test_geneva_in_the_seed_is_the_swiss_city_with_coordinates(seed_text: str) -> None:
    (geneva,) = _resolve(seed_text, "Geneva")
    assert geneva is not None
    assert geneva.country == "CHE"
    assert geneva.feature == "PPL"
    assert geneva.geonameid is not None
    assert _near(geneva, 46.20, 6.15)


def test_paris_in_a_story_about_texas_is_paris_texas() -> None:
    text = "The fair in Paris drew crowds from across Texas on Saturday."
    paris, texas = _resolve(text, "Paris", "Texas")
    assert paris is not None and paris.country == "USA" and paris.admin1 == "Texas"
    assert texas is not None and texas.feature == "ADM1"


def test_paris_alone_is_the_french_capital() -> None:
    (paris,) = _resolve("Leaders met in Paris on Monday.", "Paris")
    assert paris is not None and paris.country == "FRA" and paris.feature == "PPLC"


def test_a_state_written_after_the_town_decides_it() -> None:
    (tenn,) = _resolve("Paris, Tenn. -- The council met on Monday.", "Paris")
    (ill,) = _resolve("He grew up in Springfield, Ill., and moved away.", "Springfield")
    assert tenn is not None and tenn.admin1 == "Tennessee"
    assert ill is not None and ill.admin1 == "Illinois"


def test_washington_in_a_foreign_affairs_story_is_the_us_capital() -> None:
    text = (
        "The U.S. and Russia traded warnings; Washington said talks with Moscow "
        "would go on, the Russian foreign ministry said."
    )
    washington, moscow = _resolve(text, "Washington", "Moscow")
    assert washington is not None and washington.country == "USA"
    assert washington.feature == "PPLC" and _near(washington, 38.9, -77.04)
    assert moscow is not None and moscow.country == "RUS"


def test_georgia_next_to_tbilisi_is_the_country() -> None:
    text = "Fighting in Georgia spread overnight as Tbilisi appealed for help."
    georgia, tbilisi = _resolve(text, "Georgia", "Tbilisi")
    assert georgia is not None and georgia.country == "GEO"
    assert tbilisi is not None and tbilisi.country == "GEO"


def test_georgia_next_to_atlanta_is_the_us_state() -> None:
    georgia, _ = _resolve(
        "Storms hit Georgia overnight and Atlanta lost power.", "Georgia", "Atlanta"
    )
    assert georgia is not None and georgia.country == "USA" and georgia.feature == "ADM1"


def test_a_county_settles_which_town_is_meant() -> None:
    text = "Alexandria police and Rapides Parish deputies responded to the fire."
    alexandria, parish = _resolve(text, "Alexandria", "Rapides Parish")
    assert parish is not None and parish.feature == "ADM2" and parish.admin1 == "Louisiana"
    assert alexandria is not None and alexandria.admin1 == "Louisiana"


def test_the_dateline_pulls_names_towards_it() -> None:
    text = "Police said the suspect was arrested in Lancaster on Friday."
    (lancaster,) = _resolve(text, "Lancaster", dateline="PHILADELPHIA")
    assert lancaster is not None and lancaster.admin1 == "Pennsylvania"


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("São Paulo", -23.55, -46.63), ("Sao Paulo", -23.55, -46.63), ("Zürich", 47.37, 8.55)],
)
def test_names_with_diacritics_resolve_with_or_without_them(
    name: str, lat: float, lon: float
) -> None:
    (geo,) = _resolve(f"Flights to {name} resumed.", name)
    assert _near(geo, lat, lon)


def test_exonyms_and_country_forms_resolve() -> None:
    kiev, us, russians = _resolve(
        "Kiev and the U.S. talked; Russians watched.", "Kiev", "U.S.", "Russians"
    )
    assert kiev is not None and kiev.country == "UKR" and kiev.feature == "PPLC"
    assert us is not None and us.country == "USA" and us.feature == "PCLI"
    assert russians is not None and russians.country == "RUS"


@pytest.mark.parametrize(
    "name", ["", "   ", "xq zzv", "!!!", "(", "Qwertyuiopville", "the", "'s", "a" * 500, "Москва"]
)
def test_garbage_names_give_none_without_crashing(name: str) -> None:
    assert resolve_places([PlaceQuery(name=name, spans=((0, 3),))], GeoContext(text="ab")) == [None]


def test_no_names_gives_an_empty_list() -> None:
    assert resolve_places([], GeoContext()) == []


def test_a_region_named_as_a_location_is_not_a_hamlet() -> None:
    query = PlaceQuery(name="Middle East", kind="LOC")
    assert resolve_places([query], GeoContext(text="")) == [None]


def test_gazetteer_holds_cities_divisions_counties_countries_and_continents() -> None:
    gaz = gazetteer()
    features = {p.feature for name in ("Texas", "Rapides Parish", "Chad", "Europe", "Geneva")
                for p in gaz.by_name(name)}  # fmt: skip
    assert {"ADM1", "ADM2", "PCLI", "CONT", "PPL"} <= features


# ----------------------------------------------------------------------------- entities


def _article(text: str, dateline: str | None = None) -> Article:
    return Article(
        id="t",
        text=text,
        paragraphs=(Paragraph(0, len(text)),),
        dateline=Dateline(place=dateline) if dateline else None,
    )


def _entity(eid: str, kind: str, text: str, name: str, **kw: object) -> Entity:
    at = text.index(name)
    mention = Mention(at, at + len(name), name)
    return Entity(id=eid, kind=kind, name=name, mentions=(mention,), **kw)  # type: ignore[arg-type]


def test_locate_entities_fills_geo_and_country_of_places_only() -> None:
    text = "Officials in Geneva said Ivan Petrov would fly to Moscow."
    entities = (
        _entity("E1", "GPE", text, "Geneva"),
        _entity("E2", "PERSON", text, "Ivan Petrov"),
        _entity("E3", "GPE", text, "Moscow"),
    )
    located = locate_entities(entities, _article(text))
    assert [e.id for e in located] == ["E1", "E2", "E3"]
    assert located[0].country == "CHE" and located[0].geo is not None
    assert located[1] == entities[1]
    assert located[2].country == "RUS" and located[2].geo is not None


def test_locate_entities_keeps_a_country_already_set() -> None:
    text = "Crowds gathered in Paris."
    entity = dataclasses.replace(_entity("E1", "GPE", text, "Paris"), country="XXX")
    (located,) = locate_entities((entity,), _article(text))
    assert located.country == "XXX"
    assert located.geo is not None and located.geo.country == "FRA"


def test_locate_entities_uses_aliases_when_the_name_is_unknown() -> None:
    text = "The Lone Star State voted."
    entity = Entity(id="E1", kind="GPE", name="Lone Star State", aliases=("Texas",))
    (located,) = locate_entities((entity,), _article(text))
    assert located.geo is not None and located.geo.admin1 == "Texas"


def test_locate_entities_with_no_places_returns_them_unchanged() -> None:
    text = "Nobody went anywhere."
    assert locate_entities((), _article(text)) == ()
    person = _entity("E1", "PERSON", text, "Nobody")
    assert locate_entities((person,), _article(text)) == (person,)


@pytest.mark.parametrize(
    ("name", "feature", "where"),
    [("Ohioans", "ADM1", "Ohio"), ("Ontarians", "ADM1", "Ontario"), ("European", "CONT", None)],
)
def test_the_people_of_a_state_or_continent_are_placed_there(
    name: str, feature: str, where: str | None
) -> None:
    (geo,) = resolve_places([PlaceQuery(name=name)], GeoContext())
    assert geo is not None and geo.feature == feature and geo.admin1 == where


def test_a_township_unknown_to_the_gazetteer_goes_to_its_namesake_town() -> None:
    text = "Oakport Township officials met in Moorhead, Minnesota."
    queries = _queries(text, ["Oakport Township", "Minnesota"])
    township, _state = resolve_places(queries, GeoContext(text=text))
    assert township is not None and township.admin1 == "Minnesota"
    assert township.feature == "PPL"


def test_countries_sit_at_geonames_points_not_at_a_reference_centroid() -> None:
    us = gazetteer().countries["USA"]
    assert distance_km(us, (39.76, -98.5)) < 1  # GeoNames' point for the United States
    canada = gazetteer().countries["CAN"]
    assert distance_km(canada, (60.10867, -113.64258)) < 1


def test_a_province_sits_in_the_middle_of_its_territory_not_among_its_southern_towns() -> None:
    (ontario,) = [p for p in gazetteer().by_name("Ontario") if p.feature == "ADM1"]
    assert 47.0 < ontario.lat < 52.0 and -90.0 < ontario.lon < -80.0
    (alaska,) = [p for p in gazetteer().by_name("Alaska") if p.feature == "ADM1"]
    assert -170.0 < alaska.lon < -140.0  # the Aleutians across the antimeridian do not pull it


def test_the_cached_gazetteer_answers_like_the_built_one_across_a_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    path = cache_path()
    assert path is not None
    towns = [
        Place(name="Testville", lat=1.0, lon=2.0, feature="PPL", population=600),
        Place(name="Testville", lat=3.5, lon=-4.25, feature="PPL", geonameid=7, country="USA"),
    ]
    built = Gazetteer([(p, ("Testville",), ()) for p in towns])
    _write_cache(path, built)
    loaded = _read_cache(path)
    assert loaded is not None and loaded.by_name("testville") == built.by_name("Testville")
    assert loaded.by_name("Nowhere") == () and len(loaded) == len(built) == 1
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.write(write, str(len(loaded.by_alternate("x") + loaded.by_name("Testville"))).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 16) == b"2"


def test_the_gazetteer_cache_can_be_turned_off_and_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_CACHE_DIR", "off")
    assert cache_path() is None
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    path = cache_path()
    assert path is not None and path.parent == tmp_path
    place = Place(name="Testville", lat=1.0, lon=2.0, feature="PPL", population=600)
    small = Gazetteer([(place, ("Testville",), ("Test Town",))])
    stale = tmp_path / "gazetteer-500-gnc0-000000000000.pickle"
    stale.write_bytes(b"old")
    _write_cache(path, small)
    assert not stale.exists()
    loaded = _read_cache(path)
    assert loaded is not None and loaded.by_alternate("test town") == (place,)
    path.write_bytes(b"not a pickle")
    assert _read_cache(path) is None


def test_geneva_stays_swiss_when_the_seed_names_the_us_and_russia_often(seed_text: str) -> None:
    def entity(eid: str, name: str, *spellings: str) -> Entity:
        mentions = tuple(
            Mention(at, at + len(s), s)
            for s in (name, *spellings)
            for at in range(len(seed_text))
            if seed_text.startswith(s, at)
        )
        return Entity(id=eid, kind="GPE", name=name, aliases=spellings, mentions=mentions)

    entities = (
        entity("E1", "United States", "US", "Washington"),
        entity("E2", "Russia", "Moscow"),
        entity("E3", "Ukraine"),
        entity("E4", "Geneva"),
    )
    located = {e.id: e for e in locate_entities(entities, _article(seed_text))}
    assert [located[i].country for i in ("E1", "E2", "E3", "E4")] == ["USA", "RUS", "UKR", "CHE"]
    geneva = located["E4"].geo
    assert geneva is not None and geneva.feature == "PPL" and _near(geneva, 46.20, 6.15)


def test_an_unknown_place_in_a_clearly_local_story_gets_the_country_only() -> None:
    text = "Deputies from Rapides Parish and Alexandria searched Xqzzyville on Monday."
    entities = tuple(
        _entity(f"E{i}", "GPE", text, name)
        for i, name in enumerate(("Rapides Parish", "Alexandria", "Xqzzyville"))
    )
    *_, unknown = locate_entities(entities, _article(text))
    assert unknown.geo is None and unknown.country == "USA"


def test_article_focus_needs_a_clear_leader() -> None:
    usa = Geo(lat=0.0, lon=0.0, country="USA")
    fra = Geo(lat=0.0, lon=0.0, country="FRA")
    assert article_focus([usa, usa, fra, None]) == "USA"
    assert article_focus([usa, fra]) is None
    assert article_focus([None]) is None


@pytest.mark.parametrize(
    ("name", "kind", "place"),
    [
        ("North Texas", "LOC", "Texas"),
        ("Metro Vancouver", "LOC", "Vancouver"),
        ("Vancouver International Airport", "FAC", "Vancouver"),
        ("Memphis Street", "FAC", None),
        ("White House", "FAC", None),
        ("Atlas Mountains", "LOC", None),
    ],
)
def test_a_place_inside_a_longer_name_is_used_only_where_it_locates_it(
    name: str, kind: str, place: str | None
) -> None:
    (geo,) = resolve_places([PlaceQuery(name=name, kind=kind)], GeoContext())
    assert (geo.name if geo else None) == place


def test_all_caps_names_are_places_not_initialisms() -> None:
    rome, oslo, us = _resolve("ROME, OSLO and the US", "ROME", "OSLO", "US")
    assert rome is not None and rome.country == "ITA"
    assert oslo is not None and oslo.country == "NOR"
    assert us is not None and us.feature == "PCLI"


def test_a_us_local_paper_s_own_town_is_the_namesake_not_the_capital() -> None:
    text = (
        "The Athens City Council met at 7 p.m. Tuesday to discuss the $2 million budget. "
        "Athens Mayor Jane Doe said the Police Department needs two more officers."
    )
    (athens,) = _resolve(text, "Athens")
    assert athens is not None and athens.country == "USA"


def test_the_same_town_in_a_story_written_the_british_way_stays_british() -> None:
    text = (
        "Lancaster City Council has set aside £50,000 for repairs. Pupils at the "
        "Grammar School will move to temporary classrooms from 9.30am on Monday."
    )
    (lancaster,) = _resolve(text, "Lancaster")
    assert lancaster is not None and lancaster.country == "GBR"


def test_a_famous_city_in_a_us_paper_s_foreign_story_keeps_its_country() -> None:
    text = (
        "Paris Mayor Anne Example said on Monday that France would spend $3 billion at "
        "7 p.m. ceremonies. French officials and the French president agreed."
    )
    (paris,) = _resolve(text, "Paris")
    assert paris is not None and paris.country == "FRA"


def test_house_style_alone_does_not_move_a_city_that_is_not_named_as_local() -> None:
    text = "Ticket prices start at $40 for the 8 p.m. show. The band then tours Europe."
    (europe,) = _resolve(text, "Europe")
    assert europe is not None and europe.feature == "CONT"


def test_dollars_written_the_international_way_are_no_american_house_style() -> None:
    text = "Investors pulled US$36 billion out; the bank offered US $2 billion more on Monday."
    assert article_focus([], text=text) is None
    assert article_focus([], text=text.replace("US$36", "$36")) == "USA"


def test_article_focus_counts_the_country_mentions() -> None:
    sudan = "The Sudanese army said Sudan would talk. Sudan's president agreed."
    context = GeoContext.from_text(sudan)
    assert article_focus([], mentions=context.countries) == "SDN"


def test_article_focus_falls_back_on_the_house_style() -> None:
    text = "Deputies from the Sheriff's Office were called at 9:15 p.m.; bail was $5,000."
    assert article_focus([], text=text) == "USA"
    assert article_focus([], text="A quiet day.") is None


def test_a_country_name_used_as_a_municipality_is_the_namesake_town() -> None:
    text = (
        "Jordan Middle School will host the Jordan police open house at 6 p.m. Friday. "
        "Tickets cost $5; call the Police Department at 555-0134."
    )
    (jordan,) = _resolve(text, "Jordan")
    assert jordan is not None and jordan.country == "USA" and jordan.feature == "PPL"


def test_a_country_name_in_a_foreign_story_stays_the_country() -> None:
    text = "Jordan closed its border with Syria on Monday, the Jordanian government said."
    (jordan,) = _resolve(text, "Jordan")
    assert jordan is not None and jordan.country == "JOR"


def test_an_abbreviated_county_is_the_county() -> None:
    (county,) = resolve_places([PlaceQuery("Loudon Co.")], GeoContext())
    assert county is not None and county.feature == "ADM2" and county.admin1 == "Tennessee"


def _resolve_from(url: str | None, text: str, name: str) -> Geo | None:
    context = GeoContext.from_text(text, url=url)
    (geo,) = resolve_places(_queries(text, [name]), context)
    return geo


def test_a_site_s_country_code_domain_places_its_local_names() -> None:
    text = "London City Council voted on Monday to widen the road to the airport."
    assert _resolve_from(None, text, "London").country == "GBR"  # type: ignore[union-attr]
    canadian = _resolve_from("https://news.example.ca/local/story-1", text, "London")
    assert canadian is not None and canadian.country == "CAN"


@pytest.mark.parametrize(
    "url", ["https://example.com/a", "https://example.tv/a", "not a url", "http://[::1", ""]
)
def test_generic_vanity_or_broken_urls_change_nothing(url: str) -> None:
    text = "London City Council voted on Monday to widen the road to the airport."
    geo = _resolve_from(url, text, "London")
    assert geo is not None and geo.country == "GBR"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.springfieldnewssun.com/a/1", ("Springfield",)),
        ("http://thekansascitystar.com/x", ("Kansas City",)),
        ("https://www.leedsandbradfordpost.co.uk/news", ("Leeds", "Bradford")),
        ("https://www.dailystar.com/a", ()),  # masthead words only
        ("https://www.ajc.com/a", ()),  # initials
        ("https://example.com/a", ()),
        ("not a url", ()),
        (None, ()),
    ],
)
def test_a_site_name_yields_the_towns_it_is_named_after(
    url: str | None, expected: tuple[str, ...]
) -> None:
    from dateline.places._resolve import _site_places

    assert _site_places(url, gazetteer()) == expected


def test_a_town_in_the_site_s_name_pulls_its_neighbours_towards_it() -> None:
    text = "Residents packed the community centre hall in Dublin on Monday night."
    (plain,) = _resolve(text, "Dublin")
    assert plain is not None and plain.country == "IRL"
    # a Columbus, Ohio paper: its Dublin is the suburb, 20 km away
    local = _resolve_from("http://www.columbuslocalnews.com/articles/1", text, "Dublin")
    assert _near(local, 40.10, -83.11)


def test_a_paper_s_namesake_town_is_its_home_not_the_world_s_city() -> None:
    text = "Firefighters were called to a kitchen fire at 9 p.m. in Paris on Monday."
    assert _resolve_from(None, text, "Paris").country == "FRA"  # type: ignore[union-attr]
    home = _resolve_from("https://www.theparisnews.com/story/1", text, "Paris")
    assert home is not None and home.country == "USA"


def test_a_people_s_name_used_as_a_place_is_the_namesake_town() -> None:
    text = (
        "Students at the school in Lombard and in nearby Glen Ellyn won awards at 2 p.m. "
        "Sunday; the $40 prizes came from the Elementary School fund."
    )
    lombard, _ = _resolve(text, "Lombard", "Glen Ellyn")
    assert lombard is not None and lombard.country == "USA" and lombard.feature == "PPL"
    (czechs,) = _resolve("The Czechs voted on Monday.", "Czechs")
    assert czechs is not None and czechs.country == "CZE"


def test_a_country_named_for_a_resident_is_the_namesake_town() -> None:
    text = "A Lebanon woman was charged at 3 p.m. Monday; bail was set at $5,000."
    (lebanon,) = _resolve(text, "Lebanon")
    assert lebanon is not None and lebanon.country == "USA"
    (country,) = _resolve("Lebanon closed its border with Syria on Monday.", "Lebanon")
    assert country is not None and country.country == "LBN"


def test_downtown_names_the_paper_s_own_town() -> None:
    text = "Shoppers crowded a store window in downtown London on Monday."
    canadian = _resolve_from("https://news.example.ca/local/story-1", text, "London")
    assert canadian is not None and canadian.country == "CAN"
