"""Who did what to whom: the source and target of events, their country and sector.

Each case runs the whole pipeline on one sentence and names the actors of its event;
the conventions are those of the PLOVER gold standard records (a demonym on an act
stands for its state, the place of an act with no other target is its target, an
authority's act done in a country with no agent named is that country's).
"""

from __future__ import annotations

import pytest

from dateline.events._roles import ActorMap, verb_roles
from dateline.pipeline import Pipeline
from dateline.types import Analysis, Entity, Event, Origin, RawArticle


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    raw = RawArticle(origin=Origin(record="t"), text=text, published="2000-01-01")
    return pipeline.analyze(raw)


def event_of(result: Analysis, kind: str) -> Event:
    found = [e for e in result.events if e.type == kind]
    assert found, [(e.type, e.source, e.target) for e in result.events]
    return found[0]


def names(result: Analysis, ids: tuple[str, ...]) -> list[str]:
    by_id = {e.id: e for e in result.entities}
    return [by_id[i].name for i in ids]


def entity(result: Analysis, name: str) -> Entity:
    found = [e for e in result.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.code) for e in result.entities]
    return found[0]


def test_demonym_on_an_act_is_its_state_as_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Bangladesh rejected an Indian proposal.")
    event = event_of(result, "REJECT")
    assert names(result, event.source) == ["Bangladesh"]
    assert names(result, event.target) == ["Indian"]
    assert entity(result, "Indian").country == "IND"


def test_place_of_a_protest_is_its_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Hundreds of ethnic Albanians demonstrated in Serbia.")
    event = event_of(result, "PROTEST")
    assert names(result, event.target) == ["Serbia"]


def test_place_target_is_also_where_the_act_happened(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Hundreds of ethnic Albanians demonstrated in Serbia.")
    event = event_of(result, "PROTEST")
    assert event.location is not None
    assert names(result, (event.location,)) == ["Serbia"]


def test_place_of_a_meeting_is_no_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Russian and American diplomats met in Geneva.")
    event = event_of(result, "CONSULT")
    assert event.target == ()
    assert sorted(names(result, event.source)) == ["American diplomats", "Russian diplomats"]


def test_own_troops_are_no_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Syria withdrew its troops from Lebanon.")
    event = event_of(result, "RETREAT")
    assert names(result, event.source) == ["Syria"]
    assert names(result, event.target) == ["Lebanon"]


def test_agentless_arrest_in_a_country_is_by_that_country(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "A Canadian missionary was arrested in Lebanon.")
    event = event_of(result, "COERCE")
    assert names(result, event.source) == ["Lebanon"]
    assert names(result, event.target) == ["Canadian missionary"]


def test_agentless_killing_takes_no_place_as_source(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Two Canadian soldiers were killed in Afghanistan.")
    assert all("Afghanistan" not in names(result, e.source) for e in result.events)


def test_object_of_a_purpose_clause_is_the_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Egyptian police opened fire to disperse protesters.")
    event = event_of(result, "ASSAULT")
    assert names(result, event.target) == ["protesters"]


def test_conjoined_targets_deep_in_the_clause(pipeline: Pipeline) -> None:
    text = "Al-Qaeda threatened to deliver devastating blows to the United States and Israel."
    event = event_of(result := analyse(pipeline, text), "THREATEN")
    assert names(result, event.target) == ["United States", "Israel"]


def test_target_aimed_at_by_the_object(pipeline: Pipeline) -> None:
    text = "A French minister threatened to impose import restrictions against German goods."
    result = analyse(pipeline, text)
    event = event_of(result, "THREATEN")
    assert names(result, event.target) == ["German"]


def test_titled_surname_known_to_the_dictionaries_gets_its_country(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "President Mugabe rejected the plan.")
    mugabe = entity(result, "Mugabe")
    assert (mugabe.country, mugabe.sector) == ("ZWE", "GOV")
    assert names(result, event_of(result, "REJECT").source) == ["Mugabe"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Judge Alejandro Rivera opened investigations against Chilean officials.",
            "Alejandro Rivera",
            "CHL",
        ),
        ("Judge Alejandro Rivera criticized Chile and Peru.", "Alejandro Rivera", None),
    ],
)
def test_official_of_no_known_country_in_a_one_country_text(
    pipeline: Pipeline, text: str, name: str, country: str | None
) -> None:
    assert entity(analyse(pipeline, text), name).country == country


def test_official_of_an_international_organisation_is_its_own(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Afghan rebel leaders would meet U.N. mediator Diego Cordovez.")
    cordovez = entity(result, "Diego Cordovez")
    assert (cordovez.country, cordovez.code) == (None, "IGOUNO")
    assert cordovez.sector != "MED"  # a mediator is no medium
    result = analyse(pipeline, "Arab League Secretary-General Chedli Klibi urged Syria to act.")
    klibi = entity(result, "Chedli Klibi")
    assert (klibi.country, klibi.sector, klibi.code) == (None, "GOV", "IGOMEAARL")


def test_crowd_of_a_place_acts_as_that_place(pipeline: Pipeline) -> None:
    text = "Thousands of people blocked streets in Hong Kong in defiance of Chinese authorities."
    result = analyse(pipeline, text)
    event = event_of(result, "PROTEST")
    assert names(result, event.source) == ["Hong Kong"]
    assert names(result, event.target) == ["Chinese authorities"]


def test_purpose_of_a_protest_names_its_target(pipeline: Pipeline) -> None:
    text = "Ethnic Turks began a hunger strike to protest against Sweden's decision."
    result = analyse(pipeline, text)
    assert names(result, event_of(result, "PROTEST").target) == ["Sweden"]


def test_purpose_of_what_is_sent_names_the_target(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Norway is willing to send material to help defend Saudi Arabia.")
    assert names(result, event_of(result, "AGREE").target) == ["Saudi Arabia"]


def test_conjoined_demonyms_are_both_parties(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "The Turkish and Greek sides agreed to share information.")
    assert names(result, event_of(result, "AGREE").source) == ["Turkish", "Greek"]


def test_group_a_states_police_acts_on_is_of_that_state(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Nigerian police arrested Ogoni activists.")
    event = event_of(result, "COERCE")
    by_id = {e.id: e for e in result.entities}
    assert [by_id[i].country for i in event.target] == ["NGA"]


def test_region_a_government_accuses_is_of_that_state(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline, "The Ethiopian government accused Ogaden rebels of attacking a convoy."
    )
    event = event_of(result, "ACCUSE")
    by_id = {e.id: e for e in result.entities}
    assert [by_id[i].country for i in event.target] == ["ETH"]


def test_armed_forces_do_not_lend_their_country_to_whom_they_attack(pipeline: Pipeline) -> None:
    # troops often fight abroad: the group they attack keeps no country rather than theirs
    result = analyse(pipeline, "French troops attacked Tuareg fighters in the desert.")
    event = event_of(result, "ASSAULT")
    by_id = {e.id: e for e in result.entities}
    assert [by_id[i].country for i in event.target] != ["FRA"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "North Korea threatened to end the talks if South Korea holds the military drills.",
            "PRK",
            "KOR",
        ),
        (
            "Iran warned it would close the strait unless Washington lifted the sanctions.",
            "IRN",
            "USA",
        ),
    ],
)
def test_threat_is_aimed_at_the_actor_of_its_condition(
    pipeline: Pipeline, text: str, source: str, target: str
) -> None:
    result = analyse(pipeline, text)
    event = event_of(result, "THREATEN")
    by_id = {e.id: e for e in result.entities}
    assert [by_id[i].country for i in event.source] == [source]
    assert [by_id[i].country for i in event.target] == [target]


def test_a_human_rights_group_is_a_stateless_ngo(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "A human rights group accused Kenyan police of torture.")
    event = event_of(result, "ACCUSE")
    assert names(result, event.source) == ["human rights group"]
    group = entity(result, "human rights group")
    assert (group.country, group.sector) == (None, "NGO")
    assert names(result, event.target) == ["Kenyan police"]


def test_a_bare_number_arrested_are_of_the_group_acted_on_before(pipeline: Pipeline) -> None:
    text = "Indian police used batons to disperse Sikh demonstrators, arresting 25."
    result = analyse(pipeline, text)
    event = event_of(result, "COERCE")
    assert names(result, event.source) == ["Indian police"]
    assert names(result, event.target) == ["Sikh demonstrators"]


def test_recipient_of_a_delivery_is_the_target_not_a_place(pipeline: Pipeline) -> None:
    text = "Uzbekistan opened the bridge to allow the delivery of grain to Afghanistan."
    result = analyse(pipeline, text)
    doc = pipeline.model(text)
    opened = next(t for t in doc if t.lemma_ == "open")
    roles = verb_roles(opened, ActorMap(result.entities, next(iter(doc.sents))))
    assert names(result, roles.source) == ["Uzbekistan"]
    assert names(result, roles.target) == ["Afghanistan"]


def test_complaint_is_aimed_at_whose_act_it_is_about_not_its_addressee(
    pipeline: Pipeline,
) -> None:
    text = "Greece complained to the European Union over Turkish incursions."
    result = analyse(pipeline, text)
    event = event_of(result, "ACCUSE")
    assert names(result, event.source) == ["Greece"]
    assert names(result, event.target) == ["Turkish"]
    # with no actor in what it is about, the addressee stays the target
    result = analyse(pipeline, "Farmers complained to the government about prices.")
    assert names(result, event_of(result, "ACCUSE").target) == ["government"]


def test_a_compass_region_of_a_country_is_in_that_country(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "Israel today mounted its invasion of South Lebanon.")
    assert entity(result, "South Lebanon").country == "LBN"


def test_a_two_word_demonym_gives_a_leader_his_country(pipeline: Pipeline) -> None:
    text = "French President Francois Mitterrand welcomed South African envoy Pieter Vermaak."
    assert entity(analyse(pipeline, text), "Pieter Vermaak").country == "ZAF"


def test_a_misspelt_leader_keeps_his_own_country(pipeline: Pipeline) -> None:
    text = (
        "President Francois Mitterand gave a warm welcome to South African leader Nelson Mandela."
    )
    assert entity(analyse(pipeline, text), "Francois Mitterand").country == "FRA"


def test_a_second_act_of_a_reported_pronoun_is_the_speakers(pipeline: Pipeline) -> None:
    text = (
        "Canada announced it would cut aid to the rebels and would expel their envoys from Ottawa."
    )
    result = analyse(pipeline, text)
    assert all(names(result, e.source) == ["Canada"] for e in result.events), [
        (e.type, e.source, e.rule) for e in result.events
    ]
    assert len(result.events) >= 2


def test_an_office_named_after_an_international_body_is_of_it(pipeline: Pipeline) -> None:
    text = "Ana Lopes, the United Nations Emergency Relief Coordinator, demanded a truce in Iraq."
    result = analyse(pipeline, text)
    office = entity(result, "United Nations Emergency Relief Coordinator")
    assert office.code == "IGOUNO"
    assert entity(result, "Ana Lopes").code == "IGOUNO"


def test_pushing_for_a_state_to_act_targets_that_state(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "France is pushing hard for Germany support its budget plan.")
    event = event_of(result, "REQUEST")
    assert names(result, event.source) == ["France"]
    assert names(result, event.target) == ["Germany"]


def test_a_drive_to_convince_a_body_targets_that_body(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "The Greens began collecting signatures as part of a drive to convince the Polish "
        "Parliament to change the electoral law.",
    )
    event = event_of(result, "PROTEST")
    by_id = {e.id: e for e in result.entities}
    assert [(by_id[i].country, by_id[i].sector) for i in event.target] == [("POL", "LEG")]


def test_second_act_of_a_coordinated_pair_shares_the_target(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "Canada said it would cut all aid to Eritrean rebels and would deny visas to "
        "anyone helping them.",
    )
    acts = [e for e in result.events if e.type is not None and e.rule.startswith("lexicon:")]
    assert len(acts) == 2, [(e.type, e.rule, e.target) for e in result.events]
    assert all(names(result, e.target) == ["Eritrean rebels"] for e in acts)


def test_steps_taken_to_ease_freedoms_are_the_subjects_concession(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "President Abdoulaye Wade has taken steps to expand political freedoms in Senegal.",
    )
    event = event_of(result, "CONCEDE")
    assert event.cameo == "0811"
    assert names(result, event.source) == ["Abdoulaye Wade"]
    assert names(result, event.target) == ["Senegal"]


def test_a_hunger_strike_to_protest_is_one_event(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "Hundreds of Kurdish refugees began a hunger strike to protest against Greece's plan.",
    )
    assert [e.type for e in result.events if e.type] == ["PROTEST"]


def test_ruling_something_out_is_a_rejection_of_whom_it_concerns(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "Japanese officials said on Monday that lifting the sanctions on North Korea is out "
        "of the question.",
    )
    event = event_of(result, "REJECT")
    assert event.rule == "rule:ruled-out"
    assert names(result, event.target) == ["North Korea"]


def test_off_the_table_is_a_rejection(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline, "The Iranian government said a new round of talks was off the table."
    )
    assert event_of(result, "REJECT").rule == "rule:ruled-out"


def test_allowing_refugees_to_return_despite_a_misattached_infinitive(
    pipeline: Pipeline,
) -> None:
    result = analyse(
        pipeline,
        "Kenya will allow 5,000 Somali refugees who have lived in camps for more than a "
        "decade to return home.",
    )
    event = next(e for e in result.events if e.rule.startswith("lexicon:allow-return"))
    assert names(result, event.source) == ["Kenya"]
    assert "Somali refugees" in names(result, event.target)


def test_a_trailing_participle_continues_the_relative_clause_before_it(
    pipeline: Pipeline,
) -> None:
    result = analyse(
        pipeline,
        "Russian President Boris Yeltsin named Yevgeny Primakov prime minister, a post which "
        "Primakov held until May, resigning after a dispute.",
    )
    resignations = [e for e in result.events if e.cameo == "0831"]
    assert resignations, [(e.type, e.cameo, e.source) for e in result.events]
    assert [names(result, e.source) for e in resignations] == [["Yevgeny Primakov"]]


def test_a_trial_in_a_country_is_that_states_act_on_the_accused(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "The trial of a Rwandan former army officer accused of genocide has begun in Belgium.",
    )
    trial = next(e for e in result.events if e.rule == "lexicon:trial")
    assert names(result, trial.source) == ["Belgium"]
    assert names(result, trial.target) == ["Rwandan former army officer"]
