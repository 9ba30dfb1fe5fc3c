"""Quotes with their speakers: direct, indirect and mixed speech, floating quotes, bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dateline.pipeline import Pipeline
from dateline.quotes import find_quotes
from dateline.quotes._marks import find_regions
from dateline.types import Analysis, Article, Entity, Mention, Quote

# ------------------------------------------------------------------------- helpers


def _article(text: str) -> Article:
    return Article(id="t", text=text, paragraphs=())


def _person(eid: str, name: str, text: str, *extra: tuple[str, str]) -> Entity:
    """An entity with every occurrence of ``name`` (and of extra (word, kind)) as mentions."""
    mentions = [
        Mention(m.start(), m.end(), m.group(), "name") for m in re.finditer(re.escape(name), text)
    ]
    for word, kind in extra:
        mentions += [
            Mention(m.start(), m.end(), m.group(), kind)
            for m in re.finditer(rf"\b{re.escape(word)}\b", text)
        ]
    mentions.sort(key=lambda m: m.start)
    return Entity(id=eid, kind="PERSON", name=name, mentions=tuple(mentions))


def _quotes(pipeline: Pipeline, text: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    return find_quotes(_article(text), pipeline.model(text), entities)


def _one(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[q.text for q in quotes]}"
    return found[0]


def _spans_text(text: str, quote: Quote) -> str:
    return " ".join(text[s:e] for s, e in quote.spans)


# ------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('He said "we will win" today.', "we will win"),
        ("He said “we will win” today.", "we will win"),
        ("He said «we will win» today.", "we will win"),
        ("He said „we will win“ today.", "we will win"),
        ("He said ''we will win'' today.", "we will win"),
        ('They were "frank and substantive”, he said.', "frank and substantive"),
        ("The sign read 'we will win' today.", "we will win"),
    ],
)
def test_every_quotation_mark_style_delimits_a_region(text: str, inner: str) -> None:
    regions = find_regions(text)
    assert [text[r.inner_start : r.inner_end] for r in regions] == [inner]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert find_regions("Russia's demands and the players' union in the '90s don't move.") == []


def test_a_paragraph_reopening_a_quote_continues_the_quotation() -> None:
    text = 'He said: "First part.\n\n"Second part."\n\nNarration.'
    regions = find_regions(text)
    assert len(regions) == 2
    assert regions[0].chain == regions[1].chain
    assert not regions[0].closed


def test_an_unbalanced_mark_runs_to_the_end_of_its_line_only() -> None:
    text = 'He said "this never closes\n\nNext paragraph is "fine" here.'
    regions = find_regions(text)
    assert text[regions[0].inner_start : regions[0].inner_end] == "this never closes"
    assert regions[0].chain != regions[1].chain


def test_mark_scanning_is_linear_on_a_huge_input() -> None:
    text = ('"' + "word " * 400_000 + "\n") + ("'" * 100_000)
    regions = find_regions(text)  # would take minutes if quadratic
    assert len(regions) == 1


# ------------------------------------------------------------------------- direct quotes


def test_direct_quote_before_its_cue_belongs_to_the_named_speaker(pipeline: Pipeline) -> None:
    text = '"We will not give up on the talks," Smith said on Friday.'
    smith = _person("E1", "Smith", text)
    q = _one(_quotes(pipeline, text, (smith,)), "give up")
    assert (q.kind, q.speaker, q.speaker_text, q.cue) == ("direct", "E1", "Smith", "said")
    assert q.text == "We will not give up on the talks,"
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Smith"
    assert q.cue_span is not None and text[slice(*q.cue_span)] == "said"


def test_direct_quote_after_a_colon_cue(pipeline: Pipeline) -> None:
    text = 'The minister told reporters: "The border will stay open for everyone."'
    q = _one(_quotes(pipeline, text), "border")
    assert q.kind == "direct"
    assert q.speaker_text == "The minister"
    assert q.cue == "told"


def test_inverted_said_x_with_an_apposition(pipeline: Pipeline) -> None:
    text = '"It is going well so far," said Richard Ross, the police commissioner.'
    q = _one(_quotes(pipeline, text), "going well")
    assert q.speaker_text == "Richard Ross"


def test_a_quote_split_by_its_cue_is_one_quote_with_two_spans(pipeline: Pipeline) -> None:
    text = '"We came here to talk," she said, "and we will keep talking next week."'
    quotes = _quotes(pipeline, text)
    assert len(quotes) == 1
    assert len(quotes[0].spans) == 2
    assert "keep talking" in _spans_text(text, quotes[0])


def test_a_multi_paragraph_quote_is_one_quote(pipeline: Pipeline) -> None:
    text = (
        'Jones said: "The first thing we did was to call the families.\n\n'
        '"Then we drove to the coast, and we waited there for three days."\n\n'
        "The storm passed on Sunday."
    )
    quotes = _quotes(pipeline, text)
    assert len(quotes) == 1
    assert quotes[0].speaker_text == "Jones"
    assert "drove to the coast" in quotes[0].text
    assert "storm" not in quotes[0].text


def test_a_floating_quote_paragraph_continues_the_previous_speaker(pipeline: Pipeline) -> None:
    text = (
        "Mayor Ana Lopez spoke to residents on Monday.\n\n"
        '"We will rebuild every house that was lost," Lopez said.\n\n'
        "Crews began clearing roads in the afternoon, officials reported.\n\n"
        '"Nobody will be left behind in this city."'
    )
    lopez = _person("E1", "Lopez", text)
    quotes = _quotes(pipeline, text, (lopez,))
    floating = _one(quotes, "Nobody will be left behind")
    assert floating.rule == "floating"
    assert floating.speaker == "E1"
    assert floating.kind == "direct"


def test_he_said_is_resolved_through_coreference_mentions(pipeline: Pipeline) -> None:
    text = (
        "Asked about a summit, Minister Karel Novak was circumspect.\n\n"
        '"Let us not get ahead of ourselves," he said.'
    )
    novak = _person("E1", "Karel Novak", text, ("he", "pronoun"))
    q = _one(_quotes(pipeline, text, (novak,)), "ahead of ourselves")
    assert (q.speaker, q.speaker_text) == ("E1", "he")


def test_an_unresolved_pronoun_falls_back_to_the_last_named_subject(pipeline: Pipeline) -> None:
    text = 'Karel Novak arrived late.\n\n"Let us not get ahead of ourselves," he said.'
    novak = _person("E1", "Karel Novak", text)
    q = _one(_quotes(pipeline, text, (novak,)), "ahead of ourselves")
    assert q.speaker == "E1"


# ------------------------------------------------------------------------- reported speech


def test_indirect_speech_content_is_the_reported_clause(pipeline: Pipeline) -> None:
    text = "Smith said that Moscow would answer the letter within a week."
    q = _one(_quotes(pipeline, text), "Moscow")
    assert q.kind == "indirect"
    assert q.text == "that Moscow would answer the letter within a week"
    assert q.speaker_text == "Smith"


def test_a_parenthetical_cue_is_cut_out_of_the_reported_clause(pipeline: Pipeline) -> None:
    text = "Riding alone in a crowded park, the skaters said, can be hazardous at night."
    q = _one(_quotes(pipeline, text), "hazardous")
    assert q.speaker_text == "the skaters"
    assert len(q.spans) == 2
    assert "said" not in q.text
    assert q.text.startswith("Riding alone")


def test_according_to_at_the_end_reports_the_clause_before_it(pipeline: Pipeline) -> None:
    text = "The publisher declined to renew the offer, according to an executive in the talks."
    q = _one(_quotes(pipeline, text), "declined")
    assert q.text == "The publisher declined to renew the offer"
    assert q.speaker_text == "an executive in the talks"


def test_told_reporters_that(pipeline: Pipeline) -> None:
    text = "The general told reporters that the troops would leave in March."
    q = _one(_quotes(pipeline, text), "troops")
    assert (q.kind, q.speaker_text, q.cue) == ("indirect", "The general", "told")
    assert "reporters" not in q.text


def test_according_to_attributes_the_clause(pipeline: Pipeline) -> None:
    text = "The talks collapsed on Friday, according to two diplomats."
    q = _one(_quotes(pipeline, text), "talks collapsed")
    assert q.cue == "according to"
    assert q.speaker_text == "two diplomats"
    assert q.speaker is None  # an unnamed source


def test_quoted_as_saying_attributes_to_the_source_not_the_agency(pipeline: Pipeline) -> None:
    text = (
        "The two sides could meet again next month, the Interfax agency quoted an official"
        " in the delegation as saying."
    )
    q = _one(_quotes(pipeline, text), "meet again")
    assert q.speaker_text is not None and q.speaker_text.startswith("an official")
    assert q.kind == "indirect"


def test_mixed_quote_with_a_quoted_fragment(pipeline: Pipeline) -> None:
    text = 'The envoy described the talks as "frank and substantive" on Monday.'
    q = _one(_quotes(pipeline, text), "frank")
    assert q.kind == "mixed"
    assert q.speaker_text == "The envoy"
    assert q.text.startswith("the talks as")


def test_reported_speech_with_a_quoted_tail_is_mixed(pipeline: Pipeline) -> None:
    text = 'Ruiz said the plan had "no chance at all of passing the senate".'
    q = _one(_quotes(pipeline, text), "no chance")
    assert q.kind == "mixed"
    assert q.text.startswith("the plan had")


def test_a_second_conjoined_said_shares_the_subject(pipeline: Pipeline) -> None:
    text = "Ruiz said the vote was fair and said the count would end on Monday."
    q = _one(_quotes(pipeline, text), "count would end")
    assert q.speaker_text == "Ruiz"


# ------------------------------------------------------------------------- not speech


def test_scare_quotes_and_titles_are_not_speech(pipeline: Pipeline) -> None:
    text = (
        'The so-called "deal" was signed in the "Oval Office" after a screening of'
        ' "Gone with the Wind" on Monday.'
    )
    assert _quotes(pipeline, text) == ()


def test_beliefs_are_not_quotes(pipeline: Pipeline) -> None:
    text = "Analysts believe the economy will grow, and many expect lower prices."
    assert _quotes(pipeline, text) == ()


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Blue sky. Green grass. Red sun.",
        '"""',
        '" "" """ "',
        "“Unclosed and never closed, he said",
        '"a" "b" "c" ” ” “ “ « » ‘ ’',
        "said said said said said.",
    ],
)
def test_bad_input_does_not_crash(pipeline: Pipeline, text: str) -> None:
    quotes = _quotes(pipeline, text)
    for q in quotes:
        assert all(0 <= s < e <= len(text) for s, e in q.spans)


def test_a_huge_transcript_that_is_one_long_quote(pipeline: Pipeline) -> None:
    sentence = "we have worked on this plan for many years and we will finish it. "
    text = 'The senator said: "' + sentence * 1500 + '"'  # about 20,000 words
    quotes = _quotes(pipeline, text)
    assert quotes, "the long quotation is reported"
    longest = max(quotes, key=lambda q: sum(e - s for s, e in q.spans))
    assert sum(e - s for s, e in longest.spans) > len(text) * 0.9


# ------------------------------------------------------------------------- library API


def test_quotes_by_finds_quotes_by_entity_id_and_name(pipeline: Pipeline) -> None:
    text = '"The harbour will reopen," Smith said. Jones said the harbour was still closed.'
    smith, jones = _person("E1", "Smith", text), _person("E2", "Jones", text)
    quotes = _quotes(pipeline, text, (smith, jones))
    result = Analysis(id="t", text=text, entities=(smith, jones), quotes=quotes)
    assert [q.text for q in result.quotes_by("E1")] == ["The harbour will reopen,"]
    assert [q.speaker for q in result.quotes_by("jones")] == ["E2"]
    assert result.quotes_by("Nobody") == ()


def test_quote_ids_run_in_text_order(pipeline: Pipeline) -> None:
    text = 'Ruiz said the vote was fair. "It was clean," Lee said. Park said nothing happened.'
    quotes = _quotes(pipeline, text)
    assert [q.id for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]
    assert [q.spans[0][0] for q in quotes] == sorted(q.spans[0][0] for q in quotes)


# ------------------------------------------------------------------------- the seed article


def _entity_named(result: Any, name: str) -> str:
    ids = [e.id for e in result.entities if name in e.name or name in e.aliases]
    assert ids, f"no entity named {name}"
    return str(ids[0])


def test_seed_every_direct_quote_has_a_speaker(seed_result: Any) -> None:
    direct = [q for q in seed_result.quotes if q.kind == "direct"]
    assert len(direct) >= 3
    assert all(q.speaker is not None for q in direct)


def test_seed_he_said_after_circumspect_belongs_to_lavrov(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "Let's not get ahead of ourselves")
    assert q.kind == "direct"
    assert q.speaker_text == "he"
    assert q.speaker == _entity_named(seed_result, "Lavrov")


def test_seed_frank_and_substantive_belongs_to_blinken(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "frank and substantive")
    assert q.kind == "mixed"
    assert q.speaker == _entity_named(seed_result, "Blinken")


def test_seed_ria_report_is_attributed_to_the_source_not_lavrov(seed_result: Any) -> None:
    q = _one(seed_result.quotes, "could hold another meeting next month")
    assert q.speaker_text is not None and "source" in q.speaker_text
    assert q.speaker != _entity_named(seed_result, "Lavrov")


def test_seed_quotes_of_each_minister(seed_result: Any) -> None:
    lavrov = _entity_named(seed_result, "Lavrov")
    blinken = _entity_named(seed_result, "Blinken")
    assert _one(seed_result.quotes, "I can't tell you if we're on").speaker == lavrov
    assert _one(seed_result.quotes, "grounds for and a means").speaker == blinken
    assert _one(seed_result.quotes, "agreed to further discussions").speaker == blinken
    assert _one(seed_result.quotes, "not about invented threats").speaker == lavrov
    assert _one(seed_result.quotes, "Moscow would understand").speaker == lavrov
    assert len(seed_result.quotes_by(lavrov)) >= 4


def test_seed_quote_spans_point_at_their_text(seed_result: Any) -> None:
    for q in seed_result.quotes:
        assert " ".join(seed_result.text[s:e] for s, e in q.spans) == q.text
        if q.speaker_span is not None:
            assert seed_result.text[slice(*q.speaker_span)] == q.speaker_text
        if q.cue_span is not None:
            assert seed_result.text[slice(*q.cue_span)] == q.cue


# ------------------------------------------------------------------------- second-round rules


def test_clause_after_the_cue_wins_over_a_clause_before_it(pipeline: Pipeline) -> None:
    text = (
        "In a statement released shortly after the senator ended his campaign, Jones said "
        "he is certain Smith will continue to be “a voice for the farmers.”"
    )
    quote = _one(_quotes(pipeline, text), "certain")
    assert _spans_text(text, quote).startswith("he is certain Smith")
    assert "statement" not in quote.text
    assert quote.speaker_text == "Jones"


def test_continue_to_be_is_not_a_speech_cue(pipeline: Pipeline) -> None:
    text = "Jones said he is certain Smith will continue to be “a voice for the farmers.”"
    assert all(q.cue != "continue" for q in _quotes(pipeline, text))


def test_said_that_after_a_line_without_a_full_stop(pipeline: Pipeline) -> None:
    text = (
        "Carla Diaz is keeping up her attacks on her rivals in the hours before the vote\n\n"
        "Diaz, in Ohio, said Tuesday that Green was “a weak manager” while White is "
        "“a poor speaker.”"
    )
    quote = _one(_quotes(pipeline, text), "manager")
    assert _spans_text(text, quote).startswith("that Green was")
    assert quote.speaker_text is not None and "Diaz" in quote.speaker_text


def test_object_content_keeps_the_adjuncts_that_follow_it(pipeline: Pipeline) -> None:
    text = "Jones did not mention any of her rivals by name during the speech."
    quote = _one(_quotes(pipeline, text), "rivals")
    assert _spans_text(text, quote) == "any of her rivals by name during the speech"


def test_object_content_runs_on_past_a_colon(pipeline: Pipeline) -> None:
    text = "Lee is criticizing the favourite of the party: Mark Stone."
    quote = _one(_quotes(pipeline, text), "favourite")
    assert _spans_text(text, quote) == "the favourite of the party: Mark Stone"


def test_a_bare_asked_reports_the_question_without_a_speaker(pipeline: Pipeline) -> None:
    text = "When asked whether the merger was a good idea, a third of the staff said it was not."
    quote = _one(_quotes(pipeline, text), "merger")
    assert _spans_text(text, quote) == "whether the merger was a good idea"
    assert quote.speaker_text is None


def test_asked_by_someone_is_spoken_by_the_agent(pipeline: Pipeline) -> None:
    text = "Asked by the host to respond to the criticism, Smith laughed."
    quote = _one(_quotes(pipeline, text), "respond")
    assert quote.speaker_text == "the host"


def test_asked_about_is_still_not_speech_of_the_one_asked(pipeline: Pipeline) -> None:
    text = "Asked about the vote, Smith said it was a success."
    quotes = _quotes(pipeline, text)
    assert [q.text for q in quotes] == ["the vote", "it was a success"]
    assert _one(quotes, "the vote").speaker_text is None  # the question, nobody named
    assert _one(quotes, "success").speaker_text == "Smith"


def test_a_one_word_answer_is_reported_speech(pipeline: Pipeline) -> None:
    text = "Asked if she would run again, 60 percent of members said yes, but most donors said no."
    quotes = _quotes(pipeline, text)
    assert _one(quotes, "yes").speaker_text == "60 percent of members"
    assert _one(quotes, "no").speaker_text == "most donors"


def test_say_takes_a_noun_object_as_content(pipeline: Pipeline) -> None:
    text = "The mayor says silly things."
    assert _one(_quotes(pipeline, text), "silly").speaker_text == "The mayor"


def test_inverted_speaker_after_content_first_cue(pipeline: Pipeline) -> None:
    text = "The couple and their son had been traveling together, wrote the director, their nephew."
    quote = _one(_quotes(pipeline, text), "couple")
    assert quote.speaker_text == "the director"


def test_claiming_a_victory_is_not_speech(pipeline: Pipeline) -> None:
    text = "Garcia won the state easily, claiming her third victory of the night."
    assert _quotes(pipeline, text) == ()


def test_confirmed_takes_a_clause_not_an_appointment(pipeline: Pipeline) -> None:
    assert _quotes(pipeline, "The Senate has confirmed twelve judges this year.") == ()
    text = "The airline confirmed that 50 passengers were on board."
    assert _one(_quotes(pipeline, text), "passengers").speaker_text == "The airline"


def test_a_quote_parsed_as_the_subject_of_its_cue_gets_the_name_after_the_cue(
    pipeline: Pipeline,
) -> None:
    text = '"Ça va très bien," said Zoë Brontë-Müller after the vote.'
    zoe = _person("E1", "Zoë Brontë-Müller", text)
    quote = _one(_quotes(pipeline, text, (zoe,)), "va très bien")
    assert quote.speaker == "E1"
    assert quote.speaker_span is not None
    assert all(quote.speaker_span[0] >= e or quote.speaker_span[1] <= s for s, e in quote.spans)


# ------------------------------------------------------------------------- constructions


def test_according_to_opening_a_sentence_reports_the_rest_of_it(pipeline: Pipeline) -> None:
    text = "According to the talk radio host Sam Ortiz, the move reeks of fear and despair."
    q = _one(_quotes(pipeline, text), "reeks")
    assert q.text == "the move reeks of fear and despair"
    assert q.speaker_text is not None and q.speaker_text.endswith("Sam Ortiz")


def test_according_to_closing_a_sentence_reports_all_before_it(pipeline: Pipeline) -> None:
    text = (
        "The prison system holds a quarter of the inmates, 40 percent of whom are young,"
        " according to the Bureau of Prisons."
    )
    q = _one(_quotes(pipeline, text), "prison system")
    assert q.text == (
        "The prison system holds a quarter of the inmates, 40 percent of whom are young"
    )


def test_according_to_before_a_verbless_tail_reports_the_clause(pipeline: Pipeline) -> None:
    text = (
        "The top earners would gain 19 percent, according to the Tax Policy Center,"
        " more than any other group."
    )
    q = _one(_quotes(pipeline, text), "earners")
    assert q.text == "The top earners would gain 19 percent"


def test_called_on_someone_to_act_reports_both(pipeline: Pipeline) -> None:
    text = "The senator called on the governor to resign over the water crisis."
    q = _one(_quotes(pipeline, text), "resign")
    assert q.text == "the governor to resign over the water crisis"
    assert q.speaker_text == "The senator"


def test_a_gerund_object_is_the_content(pipeline: Pipeline) -> None:
    text = "She proposed raising the minimum wage for farm workers."
    q = _one(_quotes(pipeline, text), "wage")
    assert q.text == "raising the minimum wage for farm workers"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Half of the voters said so in the earlier poll.", "so"),
        ("The campaign manager said as much in an interview.", "as much"),
        ("The two lawyers had said the same thing.", "the same thing"),
    ],
)
def test_a_pro_form_after_a_verb_of_saying_is_what_was_said(
    pipeline: Pipeline, text: str, said: str
) -> None:
    assert [q.text for q in _quotes(pipeline, text)] == [said]


def test_reported_clause_stops_before_another_speaker_replies(pipeline: Pipeline) -> None:
    text = (
        "She said fathers would not be eligible for the leave, and when pressed on why,"
        " the mother of three replied that the plan was meant for mothers."
    )
    q = _one(_quotes(pipeline, text), "fathers")
    assert q.text == "fathers would not be eligible for the leave"


def test_a_speech_noun_with_a_that_clause_is_a_quote_of_its_holder(pipeline: Pipeline) -> None:
    text = "Fact-checkers examined the senator's claim that unemployment had doubled."
    q = _one(_quotes(pipeline, text), "unemployment")
    assert q.text == "that unemployment had doubled"
    assert (q.cue, q.speaker_text) == ("claim", "the senator")


def test_a_speech_noun_without_a_holder_is_not_a_quote(pipeline: Pipeline) -> None:
    assert _quotes(pipeline, "The claim that he lied is false.") == ()


def test_talking_about_after_by_is_speech_of_the_main_subject(pipeline: Pipeline) -> None:
    text = "The businessman began his speech by talking about the drug crisis."
    q = _one(_quotes(pipeline, text), "drug")
    assert (q.text, q.speaker_text) == ("the drug crisis", "The businessman")


def test_responded_to_reports_what_was_answered(pipeline: Pipeline) -> None:
    text = "The campaign did not respond to requests for comment."
    q = _one(_quotes(pipeline, text), "requests")
    assert q.text == "requests for comment"


def test_noted_takes_a_noun_object(pipeline: Pipeline) -> None:
    text = "The committee noted the senator's remarks on its website."
    q = _one(_quotes(pipeline, text), "remarks")
    assert q.speaker_text == "The committee"


def test_a_paragraph_after_added_colon_is_a_block_quotation(pipeline: Pipeline) -> None:
    text = (
        "The governor spoke on the radio on Monday.\n"
        "The governor added:\n"
        "It is typical of the mayor. He knows nothing, but he never stops talking."
    )
    q = _one(_quotes(pipeline, text), "typical")
    assert q.text == "It is typical of the mayor. He knows nothing, but he never stops talking."
    assert (q.speaker_text, q.kind) == ("The governor", "indirect")


def test_a_transcript_tag_in_capitals_is_the_speaker(pipeline: Pipeline) -> None:
    text = (
        "The host asked about the campaign.\n"
        "GARCIA: I think she is trying to campaign as a healer, and that is her message.\n"
        "UPDATE: This story was changed on Monday to add a correction."
    )
    quotes = _quotes(pipeline, text)
    q = _one(quotes, "healer")
    assert (q.cue, q.speaker_text) == (":", "GARCIA")
    assert not [q for q in quotes if "correction" in q.text]


@pytest.mark.parametrize(
    "text",
    [
        "It is worth noting that the bill passed in 1998.",
        "It goes without saying that the plan is expensive.",
        "Now tell us this is not a witch hunt.",
        "Say the company demanded a refund before the deadline.",
    ],
)
def test_idioms_and_imperatives_to_the_reader_are_not_quotes(pipeline: Pipeline, text: str) -> None:
    assert [q.cue for q in _quotes(pipeline, text) if q.speaker_text is None] == []


def test_called_someone_a_name_when_parsed_as_a_complement(pipeline: Pipeline) -> None:
    text = 'The governor called Smith a "pathological liar" at the rally.'
    q = _one(_quotes(pipeline, text), "liar")
    assert q.text.startswith("Smith a")
    assert q.kind == "mixed"


def test_tweeted_and_reported_take_a_noun_object(pipeline: Pipeline) -> None:
    quotes = _quotes(pipeline, "The senator tweeted her thanks to the president.")
    assert _one(quotes, "thanks").speaker_text == "The senator"
    quotes = _quotes(pipeline, "Local officials reported at least 20 victims at the center.")
    assert _one(quotes, "victims").speaker_text == "Local officials"


def test_a_passive_report_is_the_whole_clause_without_a_speaker(pipeline: Pipeline) -> None:
    text = "The developer was accused of using investor money for a luxury flat."
    q = _one(_quotes(pipeline, text), "developer")
    assert q.text == "The developer was accused of using investor money for a luxury flat"
    assert q.speaker_text is None


def test_a_passive_report_with_an_agent_is_spoken_by_the_agent(pipeline: Pipeline) -> None:
    text = "The surgeon has been called a charlatan by fellow physicians."
    q = _one(_quotes(pipeline, text), "charlatan")
    assert q.text == "The surgeon has been called a charlatan"
    assert q.speaker_text == "fellow physicians"


def test_a_passive_without_the_passive_frame_is_not_a_report(pipeline: Pipeline) -> None:
    assert _quotes(pipeline, "The officer was charged with manslaughter on Thursday.") == ()
