"""The event coder: PLOVER types, actors, modes, place, date and evidence (issue #6).

Hand-made cases build the inputs of the stage (entities, times, quotes, or the parse) by
hand, so the coder is specified on its own where the other stages would not give those
inputs; the seed cases run the whole pipeline. The sentence cases that hold through the
whole pipeline are in ``tests/cases/events.jsonl``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.errors import ConfigError
from dateline.events import MAX_EVENTS_PER_SENTENCE, PLOVER_TYPES, find_events, load_lexicon
from dateline.pipeline import Pipeline
from dateline.types import (
    Analysis,
    Article,
    Dateline,
    Entity,
    Event,
    Mention,
    Origin,
    Paragraph,
    Quote,
    RawArticle,
    TimeExpr,
)

PUBLISHED = "2022-01-21"


class Case:
    """A text with hand-made entities, times and quotes, coded by ``find_events``."""

    def __init__(self, pipeline: Pipeline, text: str, published: str | None = PUBLISHED):
        self.pipeline = pipeline
        self.text = text
        self.published = published
        self.entities: list[Entity] = []
        self.times: list[TimeExpr] = []
        self.quotes: list[Quote] = []
        self.dateline: Dateline | None = None
        self.doc: Doc | None = None  # a hand-set parse; the model's otherwise

    def _span(self, surface: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(surface, start + 1)
        return start, start + len(surface)

    def entity(
        self,
        surface: str,
        kind: str,
        country: str | None = None,
        sector: str | None = None,
        *also: str,
    ) -> str:
        eid = f"E{len(self.entities) + 1}"
        mentions = []
        for s in (surface, *also):
            for m in re.finditer(rf"\b{re.escape(s)}\b", self.text):
                form = "pronoun" if s.islower() else "name"
                mentions.append(Mention(m.start(), m.end(), s, form))
        code = (country or "") + (sector or "") or None
        self.entities.append(
            Entity(
                eid,
                kind,
                surface,
                mentions=tuple(mentions),
                country=country,
                sector=sector,
                code=code,
            )
        )
        return eid

    def time(self, surface: str, value: str, granularity: str) -> None:
        start, end = self._span(surface)
        self.times.append(TimeExpr(start, end, surface, value, granularity, anchor="published"))

    def quote(self, content: str, speaker: str) -> None:
        start, end = self._span(content)
        self.quotes.append(
            Quote(f"Q{len(self.quotes) + 1}", "indirect", content, ((start, end),), speaker)
        )

    def parse(self, rows: str) -> None:
        """Sets the parse by hand, one token a line: ``word tag pos dep head lemma``
        (head: the index of the head token), to specify rules for the parser's misreadings."""
        table = [line.split() for line in rows.strip().splitlines()]
        words = [r[0] for r in table]
        spaces, at = [], 0
        for word in words:
            at = self.text.index(word, at) + len(word)
            spaces.append(self.text[at : at + 1] == " ")
        self.doc = Doc(
            self.pipeline.model.nlp.vocab,
            words=words,
            spaces=spaces,
            tags=[r[1] for r in table],
            pos=[r[2] for r in table],
            deps=[r[3] for r in table],
            heads=[int(r[4]) for r in table],
            lemmas=[r[5] for r in table],
        )
        assert self.doc.text == self.text

    def events(self, **kwargs: object) -> tuple[Event, ...]:
        article = Article(
            id="case",
            text=self.text,
            paragraphs=(Paragraph(0, len(self.text)),),
            published=self.published,
            dateline=self.dateline,
        )
        doc = self.doc if self.doc is not None else self.pipeline.model(self.text)
        return find_events(
            article,
            doc,
            tuple(self.entities),
            tuple(self.times),
            tuple(self.quotes),
            **kwargs,  # type: ignore[arg-type]
        )


def only(events: tuple[Event, ...], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, f"expected one {kind} event, got {events}"
    return found[0]


# ---------------------------------------------------------------- types and actors


def test_unresolved_named_actor_keeps_the_event_without_source(pipeline: Pipeline) -> None:
    case = Case(pipeline, "Sudanese troops attacked Chad.")  # no entity for "Sudanese"
    chad = case.entity("Chad", "GPE", "TCD")
    event = only(case.events(), "ASSAULT")
    assert (event.source, event.target) == ((), (chad,))
    assert event.rule is not None and "+unresolved-source" in event.rule


def test_nominal_strike_on_a_target(pipeline: Pipeline) -> None:
    case = Case(pipeline, "A Turkish air strike on Kurdish fighters killed ten people.")
    tur = case.entity("Turkish", "NORP", "TUR", "MIL")
    kurds = case.entity("Kurdish", "NORP", "IRQ", "REB")
    events = case.events()
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].source == (tur,)
    assert events[0].target == (kurds,)


def test_pronoun_mentions_resolved_by_the_entity_stage_are_actors(pipeline: Pipeline) -> None:
    case = Case(pipeline, "The Kenyan president arrived on Sunday. He met Ugandan officials.")
    ken = case.entity("The Kenyan president", "PERSON", "KEN", "GOV", "He")
    uga = case.entity("Ugandan", "NORP", "UGA", "GOV")
    event = only(case.events(), "CONSULT")
    assert event.source == (ken,)
    assert event.target == (uga,)


def test_every_type_comes_from_the_plover_list(pipeline: Pipeline) -> None:
    case = Case(
        pipeline,
        "Japan praised China. Japan accused China of spying. Japan expelled Chinese "
        "diplomats. Japan rejected China's offer. Japan sent aid to Chinese villages.",
    )
    case.entity("Japan", "GPE", "JPN")
    case.entity("China", "GPE", "CHN")
    events = case.events()
    assert {e.type for e in events} >= {"SUPPORT", "ACCUSE", "SANCTION", "REJECT", "AID"}
    assert all(e.type in PLOVER_TYPES for e in events)


# ---------------------------------------------------------------- no actor, no event


def test_a_bare_statement_is_untyped_cameo_010_never_a_plover_type(pipeline: Pipeline) -> None:
    case = Case(pipeline, "France said the weather was fine.")
    case.entity("France", "GPE", "FRA")
    events = case.events()
    assert [(e.type, e.cameo, e.source, e.rule) for e in events] == [
        (None, "010", ("E1",), "statement:say")
    ]
    assert case.events(statements=False) == ()


def test_a_definite_state_institution_makes_a_statement(pipeline: Pipeline) -> None:
    case = Case(pipeline, "The ministry confirmed that the border would stay open.")
    case.entity("ministry", "ORG", "KEN", "GOV")
    assert [e.cameo for e in case.events()] == ["010"]


# ---------------------------------------------------------------- modes


def test_of_two_accounts_of_one_act_the_one_naming_its_agent_comes_first() -> None:
    from dateline.events._coder import _agents_first

    def event(kind: str, source: tuple[str, ...], at: int) -> Event:
        return Event(id="", type=kind, source=source, trigger=(at, at + 1))

    killed = event("ASSAULT", (), 10)  # "were killed" (no agent)
    protest = event("PROTEST", ("E3",), 20)
    bombers = event("ASSAULT", ("E2",), 30)  # "in a clash with suicide bombers"
    assert _agents_first([killed, protest, bombers]) == [bombers, killed, protest]


def test_routine_inquiry_swallows_the_complaint_it_examines(pipeline: Pipeline) -> None:
    case = Case(
        pipeline, "The city fire department is investigating a complaint by a mother in Ohio."
    )
    case.entity("city fire department", "ORG", "USA", "GOV")
    case.entity("mother", "PERSON", "USA", "CVL")
    case.entity("Ohio", "GPE", "USA")
    assert case.events() == ()


def test_a_closing_attribution_whose_subject_the_parser_lost_is_a_statement(
    pipeline: Pipeline,
) -> None:
    case = Case(pipeline, "Cuts left towns dry, the Syrian rights group, or SOHR, said on Friday.")
    case.entity("Syrian rights group", "ORG", "SYR", "NGO", "SOHR")
    case.parse(
        """
        Cuts NNS NOUN nsubj 1 cut
        left VBD VERB ROOT 1 leave
        towns NNS NOUN dobj 1 town
        dry JJ ADJ oprd 1 dry
        , , PUNCT punct 1 ,
        the DT DET det 8 the
        Syrian JJ ADJ amod 8 syrian
        rights NNS NOUN compound 8 right
        group NN NOUN appos 2 group
        , , PUNCT punct 8 ,
        or CC CCONJ cc 8 or
        SOHR NNP PROPN conj 8 SOHR
        , , PUNCT punct 1 ,
        said VBD VERB conj 1 say
        on IN ADP prep 13 on
        Friday NNP PROPN pobj 14 Friday
        . . PUNCT punct 1 .
        """
    )
    assert [(e.cameo, e.source, e.rule) for e in case.events()] == [
        ("010", ("E1",), "statement:say")
    ]


def test_claimed_by_the_speaker_of_the_quote(pipeline: Pipeline) -> None:
    text = "The minister said Western states were pumping Ukraine with weapons."
    case = Case(pipeline, text)
    minister = case.entity("The minister", "PERSON", "RUS", "GOV")
    case.entity("Western", "NORP", None, "IGO")
    case.entity("Ukraine", "GPE", "UKR")
    case.quote("Western states were pumping Ukraine with weapons", minister)
    event = only(case.events(), "AID")
    assert event.claimed_by == minister


# ---------------------------------------------------------------- where and when


def test_dateline_place_when_the_event_happened_there_and_then(pipeline: Pipeline) -> None:
    text = "GENEVA – Iran met Iraqi envoys. Iran will meet Syrian envoys next week."
    case = Case(pipeline, text)
    geneva = case.entity("GENEVA", "GPE", "CHE")
    case.entity("Iran", "GPE", "IRN")
    case.entity("Iraqi", "NORP", "IRQ")
    case.entity("Syrian", "NORP", "SYR")
    case.time("next week", "2022-W04", "week")
    case.dateline = Dateline(place="GENEVA", entity=geneva)
    events = case.events()
    assert [e.type for e in events] == ["CONSULT", "AGREE"]  # met; intends to meet
    assert events[0].location == geneva
    assert events[1].location is None  # a future meeting did not happen at the dateline


# ---------------------------------------------------------------- explainability


def test_event_points_at_its_sentence_trigger_and_rule(pipeline: Pipeline) -> None:
    text = "It rained. Egypt condemned Israel on Monday."
    case = Case(pipeline, text)
    case.entity("Egypt", "GPE", "EGY")
    case.entity("Israel", "GPE", "ISR")
    event = only(case.events(), "ACCUSE")
    assert event.id == "V1"
    assert event.sentence == (11, len(text))
    assert event.trigger is not None and text[slice(*event.trigger)] == "condemned"
    assert event.evidence and event.evidence in text and "condemned" in event.evidence
    assert event.rule == "lexicon:condemn"
    assert event.confidence is not None and 0 < event.confidence <= 1


def test_user_lexicon_adds_a_trigger(pipeline: Pipeline, tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("lemma\tpos\tcues\tcameo\tname\nparley\tVERB\t-\t046\tparley\n", "utf-8")
    case = Case(pipeline, "Chile parleyed with Peru.")
    case.entity("Chile", "GPE", "CHL")
    case.entity("Peru", "GPE", "PER")
    assert case.events() == ()
    event = only(case.events(lexicon=load_lexicon([extra])), "CONSULT")
    assert event.rule == "lexicon:parley"


def test_broken_lexicon_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("lemma\tpos\tcues\tcameo\nparley\tADVERB\t-\tx\n", "utf-8")
    with pytest.raises(ConfigError):
        load_lexicon([bad])
    with pytest.raises(ConfigError):
        load_lexicon([tmp_path / "missing.tsv"])


# ---------------------------------------------------------------- bounded output


def test_long_sentence_naming_many_countries_is_bounded(pipeline: Pipeline) -> None:
    countries = ["France", "Germany", "Italy", "Spain", "Poland", "Austria", "Greece", "Chile"]
    clauses = [
        f"{a} attacked {b} and met {b} and praised {b}" for a in countries for b in countries
    ]
    text = ", ".join(clauses)[:2000] + "."
    words = text.split()
    assert len(words) > 300
    case = Case(pipeline, text)
    for name in countries:
        case.entity(name, "GPE", name[:3].upper())
    t0 = time.perf_counter()
    events = case.events()
    assert time.perf_counter() - t0 < 5
    n_sentences = len(list(pipeline.model(text).sents))
    assert 0 < len(events) <= MAX_EVENTS_PER_SENTENCE * n_sentences


def test_flattened_table_and_verbless_headlines_do_not_flood(pipeline: Pipeline) -> None:
    rows = " ".join(f"France {n} Germany {n + 1} Italy {n + 2} |" for n in range(150))
    text = "France Germany talks Italy summit\n\n" + rows
    case = Case(pipeline, text)
    case.entity("France", "GPE", "FRA")
    case.entity("Germany", "GPE", "DEU")
    case.entity("Italy", "GPE", "ITA")
    events = case.events()
    n_sentences = len(list(pipeline.model(text).sents))
    assert len(events) <= MAX_EVENTS_PER_SENTENCE * n_sentences
    assert len(events) <= 10


def test_empty_inputs(pipeline: Pipeline) -> None:
    assert Case(pipeline, "").events() == ()
    assert Case(pipeline, "Talks.", published=None).events() == ()


# ---------------------------------------------------------------- the seed article


def _events_in(result: Analysis, phrase: str, kind: str) -> list[Event]:
    start = result.text.index(phrase)
    return [
        e
        for e in result.events
        if e.type == kind and e.sentence is not None and e.sentence[0] <= start < e.sentence[1]
    ]


def _countries(result: Analysis, ids: tuple[str, ...]) -> set[str]:
    return {c for c in (getattr(result.entity(i), "country", None) for i in ids) if c}


def _name(result: Analysis, eid: str | None) -> str:
    ent = result.entity(eid)
    return ent.name if ent else ""


def test_seed_geneva_talks(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "made no major breakthrough at talks", "CONSULT")
    assert {"USA", "RUS"} <= _countries(seed_result, event.source + event.target)
    assert "geneva" in _name(seed_result, event.location).casefold()
    assert event.date == "2022-01-21"
    assert not event.negated


def test_seed_agreement_to_keep_talking(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "agreed to keep talking", "AGREE")
    assert {"USA", "RUS"} <= _countries(seed_result, event.source)


def test_seed_russian_demands(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "Russia's demands include", "REQUEST")
    assert "RUS" in _countries(seed_result, event.source)


def test_seed_possible_meeting_next_month(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "could hold another meeting", "CONSULT")
    assert event.hypothetical and event.future
    assert (event.date, event.date_granularity) == ("2022-02", "month")


def test_seed_deputies_met_last_week(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "also met in Geneva last week", "CONSULT")
    assert "geneva" in _name(seed_result, event.location).casefold()
    assert event.date == "2022-W02"


def test_seed_lavrov_accusation_is_claimed_by_him(seed_result: Analysis) -> None:
    [event] = _events_in(seed_result, "pumping Ukraine with weapons", "ACCUSE")
    assert "lavrov" in _name(seed_result, event.claimed_by).casefold()


def test_seed_events_are_proportional(seed_result: Analysis, pipeline: Pipeline) -> None:
    n_sentences = len(list(pipeline.model(seed_result.text).sents))
    assert 6 <= len(seed_result.events) <= n_sentences


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2022-01-21", "2022-01-21", "2022-01-21"),
        ("2022-W02", "2022-01-10", "2022-01-16"),
        ("2022-02", "2022-02-01", "2022-02-28"),
        ("2022-Q4", "2022-10-01", "2022-12-31"),
        ("1990", "1990-01-01", "1990-12-31"),
        ("199", "1990-01-01", "1999-12-31"),
    ],
)
def test_event_dates_cover_their_period(value: str, first: str, last: str) -> None:
    from dateline.events._when import period

    got = period(value)
    assert got is not None
    assert (got[0].isoformat(), got[1].isoformat()) == (first, last)


def test_durations_are_not_event_dates() -> None:
    from dateline.events._when import period

    assert period("P1W") is None
    assert period(None) is None


# ---------------------------------------------------------------- second round rules


def test_an_unresolved_actor_meeting_a_private_person_is_no_event(pipeline: Pipeline) -> None:
    case = Case(pipeline, "A Swedish radio host spoke with John Smith about his book.")
    case.entity("John Smith", "PERSON")
    assert [e for e in case.events() if e.type is not None] == []


# ---------------------------------------------------------------- third round rules


def test_a_finite_verb_misread_as_adjective_still_links_its_actors(pipeline: Pipeline) -> None:
    # the parser reads "hosted" as an adjective of the guest's name: no verb in the sentence
    case = Case(pipeline, "Chilean President Ana Soto on Friday hosted Peruvian Premier Luis Vega.")
    case.entity("Ana Soto", "PERSON", "CHL", "GOV")
    case.entity("Luis Vega", "PERSON", "PER", "GOV")
    case.parse(
        """
        Chilean JJ ADJ amod 1 chilean
        President NNP PROPN compound 3 President
        Ana NNP PROPN compound 3 Ana
        Soto NNP PROPN ROOT 3 Soto
        on IN ADP prep 3 on
        Friday NNP PROPN npadvmod 6 Friday
        hosted VBD VERB amod 8 host
        Peruvian JJ ADJ amod 8 peruvian
        Premier NNP PROPN compound 10 Premier
        Luis NNP PROPN compound 10 Luis
        Vega NNP PROPN pobj 4 Vega
        . . PUNCT punct 3 .
        """
    )
    event = only(case.events(), "CONSULT")
    assert (event.source, event.target) == (("E1",), ("E2",))


def test_a_participle_adjective_is_not_read_as_a_main_verb(pipeline: Pipeline) -> None:
    case = Case(pipeline, "The hosted talks between Chile and Peru.")
    case.entity("Chile", "GPE", "CHL")
    case.entity("Peru", "GPE", "PER")
    case.parse(
        """
        The DT DET det 2 the
        hosted VBN VERB amod 2 host
        talks NNS NOUN ROOT 2 talk
        between IN ADP prep 2 between
        Chile NNP PROPN pobj 3 Chile
        and CC CCONJ cc 4 and
        Peru NNP PROPN conj 4 Peru
        . . PUNCT punct 2 .
        """
    )
    assert [e for e in case.events() if e.rule is not None and "misread" in e.rule] == []


def test_a_named_person_in_apposition_deep_in_the_subject_acts(pipeline: Pipeline) -> None:
    # the parser hangs the member's name on "parliament", not on "member"
    case = Case(pipeline, "A member of the Kenyan parliament, Jane Wanjiru, began a hunger strike.")
    case.entity("Jane Wanjiru", "PERSON", "KEN", "LEG")
    case.parse(
        """
        A DT DET det 1 a
        member NN NOUN nsubj 10 member
        of IN ADP prep 1 of
        the DT DET det 5 the
        Kenyan JJ ADJ amod 5 kenyan
        parliament NN NOUN pobj 2 parliament
        , , PUNCT punct 5 ,
        Jane NNP PROPN compound 8 Jane
        Wanjiru NNP PROPN appos 5 Wanjiru
        , , PUNCT punct 1 ,
        began VBD VERB ROOT 10 begin
        a DT DET det 13 a
        hunger NN NOUN compound 13 hunger
        strike NN NOUN dobj 10 strike
        . . PUNCT punct 10 .
        """
    )
    event = only(case.events(), "PROTEST")
    assert event.source == ("E1",)


def test_a_gerund_after_to_or_by_takes_the_subject_of_its_verb(pipeline: Pipeline) -> None:
    case = Case(
        pipeline,
        "Kurdish students resorted to burning tyres during demonstrations against the "
        "Turkish government.",
    )
    case.entity("Kurdish students", "ORG", "TUR", "CVL")
    case.entity("Turkish government", "ORG", "TUR", "GOV")
    event = only(case.events(), "PROTEST")
    assert (event.source, event.target) == (("E1",), ("E2",))


def test_a_match_result_with_a_score_is_no_assault(pipeline: Pipeline) -> None:
    raw = RawArticle(
        Origin(), text="Real Madrid beat Barcelona 3-1 on Sunday.", published=PUBLISHED
    )
    assert [e.type for e in pipeline.analyze(raw).events] == []


def test_beating_protesters_is_still_an_assault(pipeline: Pipeline) -> None:
    text = "Belarusian police beat dozens of protesters in Minsk on Sunday."
    raw = RawArticle(Origin(), text=text, published=PUBLISHED)
    assert "ASSAULT" in [e.type for e in pipeline.analyze(raw).events]
