"""Generic actors: agent noun phrases become entities with country, sector and code."""

from __future__ import annotations

import re

from dateline.entities import find_entities
from dateline.pipeline import Pipeline
from dateline.types import Article, Dateline, Entity, Paragraph


def run(pipeline: Pipeline, text: str, place: str | None = None) -> tuple[Entity, ...]:
    paragraphs = tuple(Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    article = Article(
        id="t",
        text=text,
        paragraphs=paragraphs,
        dateline=Dateline(place=place) if place else None,
    )
    return find_entities(article, pipeline.model(text))


def agents(entities: tuple[Entity, ...]) -> list[Entity]:
    return [e for e in entities if e.kind in ("ORG", "NORP") and e.code_from == "text"]


def one(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, (name, [(e.name, e.code) for e in entities])
    return found[0]


def test_demonym_and_agent_word_give_country_and_sector(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Ukrainian lawmakers endorsed the plan.")
    lawmakers = one(entities, "Ukrainian lawmakers")
    assert (lawmakers.kind, lawmakers.country, lawmakers.sector) == ("ORG", "UKR", "LEG")
    assert (lawmakers.code, lawmakers.code_from) == ("UKRLEG", "text")
    assert lawmakers.id == "E1"


def test_name_drops_the_determiner_and_keeps_the_offsets(pipeline: Pipeline) -> None:
    text = "The Sudanese government rejected the demand."
    government = one(run(pipeline, text), "Sudanese government")
    (mention,) = government.mentions
    assert text[mention.start : mention.end] == "Sudanese government"
    assert government.code == "SDNGOV"


def test_possessive_country_gives_the_country(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Russia's army shelled the town while U.S. officials protested.")
    assert one(entities, "Russia's army").code == "RUSMIL"
    assert one(entities, "U.S. officials").code == "USAGOV"
    assert one(entities, "Russia").kind == "GPE"  # the country stays an entity of its own


def test_country_after_of_gives_the_country(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The government of Sudan rejected the plan.")
    assert one(entities, "government").code == "SDNGOV"


def test_bare_agent_takes_the_only_country_of_the_article(pipeline: Pipeline) -> None:
    text = "Kenya held elections on Sunday. Police fired tear gas at protesters."
    police = one(run(pipeline, text), "Police")
    assert (police.country, police.sector, police.code) == ("KEN", "COP", "KENCOP")


def test_bare_agent_takes_the_datelines_country(pipeline: Pipeline) -> None:
    text = "The government said talks with France and Germany would resume."
    government = one(run(pipeline, text, place="NAIROBI"), "government")
    assert government.country == "KEN"


def test_bare_agent_without_a_clear_country_has_none(pipeline: Pipeline) -> None:
    text = "France and Germany met on Monday. The government said talks would resume."
    government = one(run(pipeline, text), "government")
    assert (government.country, government.sector, government.code) == (None, "GOV", "GOV")


def test_several_countries_give_one_entity_each(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Senior Hungarian and Romanian officials agreed on Wednesday.")
    codes = sorted(e.code or "" for e in agents(entities))
    assert codes == ["HUNGOV", "ROUGOV"]
    assert [m.text for m in one(entities, "Hungarian officials").mentions] == ["Hungarian"]


def test_identical_phrases_are_one_entity(pipeline: Pipeline) -> None:
    text = (
        "Israeli soldiers entered the village. Later the soldiers left "
        "and Israeli soldiers returned."
    )
    soldiers = [e for e in run(pipeline, text) if e.sector == "MIL"]
    assert len(soldiers) == 1
    assert soldiers[0].code == "ISRMIL"
    assert len(soldiers[0].mentions) == 3


def test_agent_entities_never_merge_with_people(pipeline: Pipeline) -> None:
    text = "Foreign Minister Sergei Lavrov met Russian officials in Moscow."
    entities = run(pipeline, text)
    lavrov = one(entities, "Sergei Lavrov")
    officials = one(entities, "Russian officials")
    assert lavrov.kind == "PERSON" and officials.kind == "ORG"
    assert not {(m.start, m.end) for m in lavrov.mentions} & {
        (m.start, m.end) for m in officials.mentions
    }


def test_title_of_a_named_person_is_no_group(pipeline: Pipeline) -> None:
    text = "Sergei Ryabkov, the deputy minister, met Wendy Sherman."
    assert agents(run(pipeline, text)) == []


def test_named_organisation_keeps_its_people(pipeline: Pipeline) -> None:
    assert agents(run(pipeline, "Red Cross officials visited the camp in Iraq.")) == []


def test_non_agent_nouns_make_no_entity(pipeline: Pipeline) -> None:
    assert agents(run(pipeline, "Hundreds of prisoners and people gathered.")) == []
    entities = run(pipeline, "Russian food prices rose sharply.")
    assert [(e.name, [m.text for m in e.mentions]) for e in entities] == [("Russian", ["Russian"])]


def test_demonym_on_a_non_agent_noun_stands_for_its_state(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Lebanon complained about two Israeli air raids.")
    israeli = one(entities, "Israeli")
    assert (israeli.kind, israeli.country, israeli.sector, israeli.code) == (
        "NORP",
        "ISR",
        None,
        "ISR",
    )
    assert [m.text for m in israeli.mentions] == ["Israeli"]


def test_demonym_in_a_title_or_name_makes_no_entity(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Iraqi President Saddam Hussein met the Israeli Knesset.")
    assert [e for e in entities if e.kind == "NORP"] == []


def test_plural_demonym_is_a_people(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Israeli soldiers shot two Palestinians.")
    palestinians = one(entities, "Palestinians")
    assert (palestinians.kind, palestinians.country, palestinians.sector) == ("NORP", "PSE", "CVL")
    assert palestinians.code == "PSECVL"


def test_ids_follow_first_mention(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Syrian rebels attacked Aleppo, said Rami Abdel Rahman.")
    assert [e.id for e in entities] == [f"E{n}" for n in range(1, len(entities) + 1)]
    starts = [min(m.start for m in e.mentions) for e in entities]
    assert starts == sorted(starts)
    assert one(entities, "Syrian rebels").code == "SYRREB"


def test_serbian_is_serbia_not_the_former_union(pipeline: Pipeline) -> None:
    lawmakers = one(run(pipeline, "Serbian lawmakers endorsed the plan."), "Serbian lawmakers")
    assert lawmakers.code == "SRBLEG"


def test_ethnic_minority_takes_the_country_it_lives_in(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Serb forces killed three ethnic Albanians in Serbia.")
    albanians = one(entities, "ethnic Albanians")
    assert (albanians.country, albanians.sector) == ("SRB", "CVL")


def test_group_named_by_a_people_is_an_actor(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Kurdish rebels attacked Turkish troops.")
    rebels = one(entities, "Kurdish rebels")
    assert (rebels.country, rebels.sector) == ("TUR", "REB")


def test_group_head_takes_the_sector_of_its_modifier(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The president banned Ugandan opposition candidates.")
    assert one(entities, "Ugandan opposition candidates").code == "UGAOPP"


def test_militants_are_rebels(pipeline: Pipeline) -> None:
    assert one(run(pipeline, "Militants attacked a police station."), "Militants").sector == "REB"


def test_a_weapon_without_owner_is_no_actor(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The army launched artillery fire against the town.")
    assert [e.name for e in agents(entities)] == ["army"]
    assert one(run(pipeline, "Thai artillery shelled the camp."), "Thai artillery").code == "THAMIL"


def test_organisation_named_after_its_country(pipeline: Pipeline) -> None:
    text = "The Kenya Anti-Corruption Commission questioned the minister."
    assert one(run(pipeline, text), "Kenya Anti-Corruption Commission").country == "KEN"


def test_party_of_a_one_country_text_is_of_that_country(pipeline: Pipeline) -> None:
    text = "The Umma party will boycott Algeria's elections."
    assert one(run(pipeline, text), "Umma party").country == "DZA"
    text = "The World Food Programme will help Algeria."
    assert one(run(pipeline, text), "World Food Programme").country is None


def test_an_international_force_is_a_group_of_its_organisation(pipeline: Pipeline) -> None:
    peacekeepers = one(run(pipeline, "UN peacekeepers left the town."), "UN peacekeepers")
    assert (peacekeepers.country, peacekeepers.sector, peacekeepers.code) == (None, "MIL", "IGOUNO")
    assert agents(run(pipeline, "Red Cross officials visited the camp in Iraq.")) == []


def test_a_leaders_government_known_to_the_dictionaries(pipeline: Pipeline) -> None:
    text = "The Bush administration declared that China must drop barriers."
    assert one(run(pipeline, text), "Bush administration").code == "USAGOV"


def test_students_of_a_rally_the_police_broke_up_are_of_the_polices_state(
    pipeline: Pipeline,
) -> None:
    text = (
        "Kenyan police broke up a rally held by students at Moi University against the "
        "deployment of troops to Somalia."
    )
    assert one(run(pipeline, text), "Moi University").country == "KEN"


def test_town_of_several_countries_takes_the_one_the_sentence_names(pipeline: Pipeline) -> None:
    text = "Lebanese officials said militias in Tripoli had agreed to a truce."
    assert one(run(pipeline, text), "militias").country == "LBN"
    assert (
        one(run(pipeline, "Police in Tripoli arrested two smugglers."), "Police").country == "LBY"
    )


def test_former_countrys_demonym_gives_its_successor(pipeline: Pipeline) -> None:
    guerrillas = one(
        run(pipeline, "Kampuchean guerrillas attacked a Thai village."), "Kampuchean guerrillas"
    )
    assert (guerrillas.country, guerrillas.sector) == ("KHM", "REB")


def test_named_organisation_in_a_country_is_of_that_country(pipeline: Pipeline) -> None:
    text = "Chinese engineers visited the Nile Cement Company in Sudan."
    assert one(run(pipeline, text), "Nile Cement Company").country == "SDN"


def test_a_regions_fighters_are_a_group_of_their_own(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The Sudanese army said Darfur rebels had attacked a convoy.")
    rebels = one(entities, "Darfur rebels")
    assert (rebels.kind, rebels.country, rebels.sector) == ("ORG", "SDN", "REB")


def test_a_plant_in_a_country_is_of_it_past_its_acronym(pipeline: Pipeline) -> None:
    text = (
        "Inspectors were sent to the Karaj Heavy Water Reactor Plant (KHWRP) in northern "
        "Iran on Monday to monitor the work."
    )
    plants = [e for e in run(pipeline, text) if e.name.startswith("Karaj")]
    assert plants and plants[0].country == "IRN", [(e.name, e.country) for e in plants]


def test_regional_demonyms_give_the_country_of_the_region(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The Texan senator criticised Bavarian officials.")
    assert one(entities, "Texan senator").code == "USALEG"
    assert one(entities, "Bavarian officials").code == "DEUGOV"


def test_an_ethnic_group_of_one_state_gives_its_rebels_that_state(pipeline: Pipeline) -> None:
    entities = run(pipeline, "Karen rebels have fought the government for decades.")
    assert one(entities, "Karen rebels").code == "MMRREB"


def test_a_known_town_is_not_given_the_country_of_the_actor_acting_there(
    pipeline: Pipeline,
) -> None:
    entities = run(pipeline, "Scottish ministers met Catalan leaders in Barcelona.")
    assert one(entities, "Scottish ministers").code == "GBRGOV"
    assert one(entities, "Barcelona").country in (None, "ESP")


def test_a_dateline_city_gives_a_bare_institution_its_country(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The police said they had arrested 12 protesters.", place="Lagos")
    assert one(entities, "police").country == "NGA"


def test_a_dateline_region_gives_a_bare_institution_its_country(pipeline: Pipeline) -> None:
    entities = run(pipeline, "The governor said he would sign the bill.", place="Orlando, Fla.")
    assert one(entities, "governor").country == "USA"


def test_a_dateline_country_beats_the_one_other_country_the_text_names(
    pipeline: Pipeline,
) -> None:
    entities = run(
        pipeline,
        "The government said it would close the border with Pakistan.",
        place="Kabul, Afghanistan",
    )
    assert one(entities, "government").country == "AFG"
