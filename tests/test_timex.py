"""Temporal expressions: detection, TimeML values, anchoring on the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.nlp import load_model
from dateline.time import find_times
from dateline.time._norm import normalise
from dateline.types import Article, Dateline, TimeExpr
from tests.conftest import SEED

PUBLISHED = "2022-01-21"  # a Friday, in ISO week 2022-W03
ANCHOR = dt.date(2022, 1, 21)


def times_in(text: str, published: str | None = PUBLISHED, **kw: object) -> tuple[TimeExpr, ...]:
    article = Article(id="x", text=text, paragraphs=(), published=published, **kw)  # type: ignore[arg-type]
    return find_times(article, load_model()(text))


def value_of(text: str, phrase: str, published: str | None = PUBLISHED) -> str | None:
    found = [t for t in times_in(text, published) if phrase in t.text]
    assert found, f"{phrase!r} not found in {[t.text for t in times_in(text, published)]}"
    return found[0].value


# ------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_times() -> dict[str, TimeExpr]:
    if not SEED.is_file():
        pytest.skip("the seed article is not present")
    return {t.text: t for t in times_in(SEED.read_text("utf-8"))}


def test_seed_friday_is_the_publication_day(seed_times: dict[str, TimeExpr]) -> None:
    assert seed_times["Friday"].value == "2022-01-21"
    assert seed_times["Friday"].anchor == "published"


def test_seed_next_week_is_the_following_iso_week(seed_times: dict[str, TimeExpr]) -> None:
    assert seed_times["next week"].value == "2022-W04"
    assert seed_times["next week"].granularity == "week"


def test_seed_next_month_is_february(seed_times: dict[str, TimeExpr]) -> None:
    assert seed_times["next month"].value == "2022-02"


def test_seed_last_week_is_the_previous_iso_week(seed_times: dict[str, TimeExpr]) -> None:
    assert seed_times["last week"].value == "2022-W02"


def test_seed_caption_date_is_absolute(seed_times: dict[str, TimeExpr]) -> None:
    assert seed_times["Jan 21, 2022"].value == "2022-01-21"
    assert seed_times["Jan 21, 2022"].anchor == "absolute"


def test_seed_past_week_is_a_duration(seed_times: dict[str, TimeExpr]) -> None:
    past = next(t for text, t in seed_times.items() if "past week" in text)
    assert (past.value, past.type) == ("P1W", "DURATION")


def test_offsets_index_the_text() -> None:
    text = SEED.read_text("utf-8") if SEED.is_file() else "They met on Friday and again last week."
    for t in times_in(text):
        assert text[t.start : t.end] == t.text


# ------------------------------------------------------------------------- granularities


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The treaty was signed on 3 March 2021.", "3 March 2021", "2021-03-03"),
        ("The talks will resume next week.", "next week", "2022-W04"),
        ("Prices rose in March 2019.", "March 2019", "2019-03"),
        ("Profits fell in the third quarter of 2020.", "third quarter", "2020-Q3"),
        ("The 2014 annexation changed everything.", "2014", "2014"),
        ("Inflation was low in the 1990s.", "1990s", "199"),
        ("It was the bloodiest war of the 20th century.", "20th century", "19"),
        ("The siege lasted three days.", "three days", "P3D"),
        ("The market is held every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The rebels attacked two days ago.", "two days ago", "2022-01-19"),
        ("Output peaked in mid-2015.", "mid-2015", "2015"),
        ("The economy grew last year.", "last year", "2021"),
        ("The talks are continuing now.", "now", "PRESENT_REF"),
        ("The envoy recently visited Kyiv.", "recently", "PAST_REF"),
        ("A deal is expected soon.", "soon", "FUTURE_REF"),
    ],
)
def test_each_granularity_gets_its_timeml_value(sentence: str, phrase: str, value: str) -> None:
    assert value_of(sentence, phrase) == value


def test_modifiers_are_kept_apart_from_the_value() -> None:
    found = {t.text: t for t in times_in("Turnout fell earlier this year and in mid-2015.")}
    assert (found["earlier this year"].value, found["earlier this year"].mod) == ("2022", "START")
    assert (found["mid-2015"].value, found["mid-2015"].mod) == ("2015", "MID")


# ------------------------------------------------------------------------- tense


def test_past_tense_weekday_is_the_last_one() -> None:
    assert value_of("The ministers met on Tuesday.", "Tuesday") == "2022-01-18"


def test_future_tense_weekday_is_the_next_one() -> None:
    assert value_of("The ministers will meet on Tuesday.", "Tuesday") == "2022-01-25"


def test_planned_event_looks_ahead() -> None:
    assert value_of("The team plans to leave on Thursday.", "Thursday") == "2022-01-27"


def test_plan_reported_in_the_past_takes_the_nearest_day() -> None:
    # reported on Friday 21 January: the nearest Saturday is the next day
    assert value_of("Protesters planned a march on Saturday.", "Saturday") == "2022-01-22"


def test_bare_month_follows_tense() -> None:
    assert value_of("The ceasefire collapsed in November.", "November") == "2021-11"
    assert value_of("Elections will be held in March.", "March") == "2022-03"


def test_last_and_next_weekday_are_strict() -> None:
    assert normalise("last Friday", ANCHOR) is not None
    assert normalise("last Friday", ANCHOR).value == "2022-01-14"  # type: ignore[union-attr]
    assert normalise("next Friday", ANCHOR).value == "2022-01-28"  # type: ignore[union-attr]


# ------------------------------------------------------------------------- anchoring


def test_without_a_date_relative_expressions_stay_unresolved() -> None:
    found = {t.text: t for t in times_in("They met last week and signed on 3 March 2021.", None)}
    assert (found["last week"].value, found["last week"].anchor) == (None, "none")
    assert found["3 March 2021"].value == "2021-03-03"


def test_dateline_date_overrides_a_later_republication_date() -> None:
    found = times_in(
        "The leaders met on Friday.",
        "2022-01-25",
        dateline=Dateline(place="GENEVA", date="2022-01-21"),
    )
    assert (found[0].value, found[0].anchor) == ("2022-01-21", "dateline")


def test_that_year_follows_the_narrative() -> None:
    text = "He fled in June 1998 and returned later that year."
    assert value_of(text, "that year") == "1998"


# ------------------------------------------------------------------------- bad input


def test_impossible_date_has_no_value() -> None:
    found = times_in("The letter was dated February 30.")
    assert [t.value for t in found if "February" in t.text] == [None]


def test_far_future_year_has_no_value_and_no_crash() -> None:
    assert normalise("the year 3000", ANCHOR) is not None
    assert normalise("the year 3000", ANCHOR).value is None  # type: ignore[union-attr]
    assert normalise("99999", ANCHOR) is None or normalise("99999", ANCHOR).value is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "sentence",
    [
        "The 62-year-old minister resigned.",
        "The attacks of 9/11 changed the region.",
        "The home side won 3-2.",
        "The plan costs $2014 per person.",
    ],
)
def test_ages_scores_event_names_and_prices_are_not_times(sentence: str) -> None:
    assert times_in(sentence) == ()


def test_empty_article_gives_no_times() -> None:
    assert times_in("", None) == ()


def test_odd_published_value_does_not_crash() -> None:
    found = times_in("They met on Friday.", "not a date")
    assert found[0].value is None and found[0].anchor == "none"


# ------------------------------------------------------------------------- more forms


def test_holidays_get_their_date() -> None:
    assert value_of("The family gathered on Thanksgiving Day.", "Thanksgiving") == "2021-11-25"
    assert normalise("Easter 2022", ANCHOR).value == "2022-04-17"  # type: ignore[union-attr]


def test_spelled_out_years_are_read() -> None:
    assert normalise("nineteen eighty-two", ANCHOR).value == "1982"  # type: ignore[union-attr]
    assert normalise("more than two thousand years", ANCHOR).value == "P2000Y"  # type: ignore[union-attr]


def test_rates_are_sets() -> None:
    found = {t.text: t for t in times_in("The plant saves $500 million a year.")}
    assert (found["a year"].value, found["a year"].type) == ("P1Y", "SET")


def test_period_ended_on_a_date_is_two_expressions() -> None:
    found = {t.text: t.value for t in times_in("Revenue grew in the period ended Sept. 4.")}
    assert found["Sept. 4"] == "2021-09-04"
    assert "the period" in found


def test_a_year_earlier_after_a_quarter_is_that_quarter_a_year_before() -> None:
    text = "Profit rose in the third quarter of 2021 from $5 million a year earlier."
    assert value_of(text, "a year earlier") == "2020-Q3"


def test_fractional_durations_use_smaller_units() -> None:
    assert normalise("2 1/2 years", ANCHOR).value == "P2Y6M"  # type: ignore[union-attr]
    assert normalise("5 1/2 hours", ANCHOR).value == "PT5H30M"  # type: ignore[union-attr]


def test_lists_of_years_are_separate_expressions() -> None:
    found = [t.value for t in times_in("Exports grew in both 2010 and 2011.")]
    assert found == ["2010", "2011"]


def test_model_span_with_extra_words_is_cut_to_the_time() -> None:
    found = times_in("She gave a talk several weeks before the vote.")
    assert [(t.text, t.value) for t in found if t.value] == [("several weeks", "PXW")]


def test_impossible_date_with_a_year_still_has_no_value() -> None:
    found = times_in("The letter was dated February 30, 2021.")
    assert [(t.text, t.value) for t in found] == [("February 30, 2021", None)]


def test_adjacent_day_and_clock_time_are_one_expression() -> None:
    found = times_in("The shop closed at 9 p.m. Tuesday, staff said.")
    assert [(t.text, t.value) for t in found] == [("9 p.m. Tuesday", "2022-01-18T21:00")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Voters went to the polls on Super Tuesday.",
        "The Gazette Today reported it.",
        "Decree No. 4521 lapsed.",
        "Youths aged 16 to 18 years may vote.",
    ],
)
def test_names_and_numbers_that_look_like_times_are_not_times(sentence: str) -> None:
    assert [t.text for t in times_in(sentence)] == []


def test_past_tense_month_is_never_far_ahead() -> None:
    text = "He debuted in March."
    assert value_of(text, "March", "2020-12-28") == "2020-03"


def test_other_absolute_formats_go_to_dateparser() -> None:
    assert normalise("21.01.2022", None).value == "2022-01-21"  # type: ignore[union-attr]
    assert normalise("the 21st of January 2022", None).value == "2022-01-21"  # type: ignore[union-attr]


def test_hyphenated_name_is_not_soon() -> None:
    assert [t.text for t in times_in("Lee Min-soon spoke to reporters.")] == []


# ------------------------------------------------------------------------- company results


def test_latest_period_is_the_quarter_the_report_is_about() -> None:
    text = (
        "Widgetco earned $4 million in the second quarter. Sales in 2021 had been weak. "
        "In the latest period, costs fell."
    )
    assert value_of(text, "latest period", "2022-08-03") == "2022-Q2"


def test_year_ago_period_follows_the_reported_quarter_past_other_dates() -> None:
    text = (
        "Widgetco lost money in the second quarter. The board met on July 28. "
        "In the year-ago period, it had a profit."
    )
    assert value_of(text, "year-ago period", "2022-08-03") == "2021-Q2"


def test_bare_quarter_early_in_a_quarter_is_the_one_just_ended() -> None:
    assert value_of("Margins improved during the quarter.", "quarter", "2022-02-04") == "2021-Q4"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Revenue rose in the quarter ended Sept. 30, the firm said.", "2021-Q3"),
        ("Revenue rose in the quarter ended July 31, the firm said.", "2021-Q2"),
    ],
)
def test_quarter_ended_a_day_is_named_by_the_months_it_covers(sentence: str, value: str) -> None:
    assert value_of(sentence, "quarter", "2021-11-10") == value


# ------------------------------------------------------------------------- tense of the verb


def test_modal_perfect_is_past() -> None:
    text = "Worries may have caused the slide in the shares on Wednesday."
    assert value_of(text, "Wednesday") == "2022-01-19"


def test_past_deadline_due_is_the_nearest_day() -> None:
    # published Monday 2022-01-24: the Friday three days back, not the one four days ahead
    text = "The offer had been due to expire Friday."
    assert value_of(text, "Friday", "2022-01-24") == "2022-01-21"


def test_present_tense_action_with_a_weekday_is_scheduled() -> None:
    assert value_of("The two ministers meet Monday in Rome.", "Monday") == "2022-01-24"
    assert value_of("The union says Monday was calm.", "Monday") == "2022-01-17"


def test_possessive_weekday_is_not_read_from_the_present_verb() -> None:
    text = "The merger follows Tuesday's vote by shareholders."
    assert value_of(text, "Tuesday") == "2022-01-18"


def test_until_with_a_pluperfect_looks_back() -> None:
    text = "Until Wednesday, investigators had not named a suspect."
    assert value_of(text, "Wednesday") == "2022-01-19"


# ------------------------------------------------------------------------- more shapes


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The referendum is planned for March fifth.", "March fifth", "2022-03-05"),
        ("They wed on the twenty-second of May, 2010.", "twenty-second of May", "2010-05-22"),
        ("The envoy returns the day after tomorrow.", "day after tomorrow", "2022-01-23"),
        ("The envoy left the day before yesterday.", "day before yesterday", "2022-01-19"),
    ],
)
def test_spelled_ordinal_days_and_days_around_today(sentence: str, phrase: str, value: str) -> None:
    assert value_of(sentence, phrase) == value


def test_the_day_after_an_event_hangs_on_the_last_date_mentioned() -> None:
    text = "The council voted on Jan. 11. Protests began the day after the vote."
    assert value_of(text, "the day") == "2022-01-12"


def test_the_day_after_an_event_with_no_date_has_no_value() -> None:
    text = "Protests began the day after the vote."
    assert value_of(text, "the day") is None


def test_near_term_is_future_reference() -> None:
    assert value_of("Growth will stay weak in the near term.", "near term") == "FUTURE_REF"


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The mission will last at least two more weeks.", "two more weeks", "P2W"),
        ("The lease runs for 30 more years.", "30 more years", "P30Y"),
    ],
)
def test_more_units_is_a_duration_of_that_many(sentence: str, phrase: str, value: str) -> None:
    assert value_of(sentence, phrase) == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The ferry sailed at 5 in the morning.", "5 in the morning", "2022-01-21T05:00"),
        ("The shelling began at 11 at night.", "11 at night", "2022-01-21T23:00"),
    ],
)
def test_clock_hour_with_a_part_of_day(sentence: str, phrase: str, value: str) -> None:
    assert value_of(sentence, phrase) == value


def test_the_previous_weekday_counts_back_from_the_last_date_mentioned() -> None:
    text = "The index closed on Jan. 14 below its level of the previous Monday."
    assert value_of(text, "previous Monday") == "2022-01-10"


def test_weekday_before_a_past_plan_verb_is_the_day_of_planning() -> None:
    # published Wednesday 2022-01-26: the Friday the plan was made, not the coming one
    text = "On Friday, the ministry planned to ask for more aid."
    assert value_of(text, "Friday", "2022-01-26") == "2022-01-21"


def test_an_outlook_quarter_is_not_the_quarter_being_reported() -> None:
    text = (
        "Widgetco earned $4 million in the third quarter. It expects a weaker fourth quarter. "
        "In the year-ago period, it lost money."
    )
    assert value_of(text, "year-ago period", "2021-10-28") == "2020-Q3"


def test_headline_present_tense_is_not_a_schedule() -> None:
    text = "Storm cuts power to thousands Wednesday\n\nCrews worked through the night."
    assert value_of(text, "Wednesday") == "2022-01-19"


# ------------------------------------------------------------------------- context cues


def test_clock_time_takes_the_day_named_right_after_it() -> None:
    text = "The blast occurred at about 10:35 a.m. (0735 GMT) Wednesday, toppling a building."
    assert value_of(text, "10:35") == "2022-01-19T10:35"


def test_clock_time_takes_the_day_of_its_parenthetical_restatement() -> None:
    text = "He will leave at 4 in the morning (4 a.m. EST Saturday), the minister said."
    assert value_of(text, "4 in the morning") == "2022-01-22T04:00"


def test_clock_time_does_not_borrow_a_day_from_the_next_sentence() -> None:
    text = "The meeting ended at 10 p.m. Officials said Wednesday that talks would resume."
    assert value_of(text, "10 p.m") == "2022-01-21T22:00"


def test_payable_and_record_dates_lie_ahead() -> None:
    text = "The board declared a dividend, payable Jan. 15 to stock of record Jan. 3."
    assert value_of(text, "Jan. 15", "2021-10-26") == "2022-01-15"
    assert value_of(text, "Jan. 3", "2021-10-26") == "2022-01-03"


def test_this_year_through_a_month_stays_in_the_current_year() -> None:
    text = "Sales were flat this year through August, the fund said."
    assert value_of(text, "August", "2021-10-27") == "2021-08"


def test_year_ago_after_several_months_is_the_previous_year() -> None:
    text = (
        "In the nine months, net income rose to $48 million, compared with $40 million a year "
        "earlier."
    )
    assert value_of(text, "a year earlier", "2021-10-26") == "2020"


def test_season_of_a_year_is_one_expression() -> None:
    assert value_of("Prices peaked in the winter of nineteen ninety-four.", "winter") == "1994-WI"
    assert value_of("Earnings will fall in the last half of 2021.", "half") == "2021-H2"


@pytest.mark.parametrize(
    "sentence",
    [
        "Funds account for more than a quarter of the entire market.",
        "Protesters gathered at the annual March for Life on Capitol Hill.",
        "He has been arrested at this march in each of the last three years.",
        "Good evening from the central park in downtown Havana.",
        "Her teacher from his year in kindergarten came too.",
    ],
)
def test_fractions_marches_and_greetings_are_not_times(sentence: str) -> None:
    not_times = {"a quarter", "more than a quarter", "march", "this march", "evening", "his year"}
    assert not not_times & {t.text.lower() for t in times_in(sentence)}


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The post-1959 politics split families.", "post-1959", "1959"),
        ("Group numbers dropped through the nineties.", "the nineties", "199"),
        ("The fabled 11th century temple is near.", "11th century", "10"),
        ("But a minute and a half later, a pilot called in.", "a minute and a half", "PT1M30S"),
        ("The plant closed a year and a half ago.", "a year and a half ago", "2020-07"),
        ("The plant closed two and a half years ago.", "two and a half years ago", "2019-07"),
    ],
)
def test_prefixed_years_decade_words_centuries_and_halves(
    sentence: str, phrase: str, value: str
) -> None:
    assert value_of(sentence, phrase) == value


def test_a_time_modifying_a_noun_leaves_the_article_out() -> None:
    spans = [t.text for t in times_in("A major factor in the third-quarter loss was a write-down.")]
    assert spans == ["third-quarter"]
    assert [t.text for t in times_in("Earnings for its fourth quarter fell.")] == ["fourth quarter"]


# ------------------------------------------------------------------------- event-anchored times


def test_counted_days_before_a_dated_event_are_a_date() -> None:
    text = (
        "The doctor was shot to death on Oct. 23, 2021, at his home. "
        "A neighbour saw the car there 10 days before the murder."
    )
    found = {t.text: t for t in times_in(text)}
    assert (found["10 days"].value, found["10 days"].type) == ("2021-10-13", "DATE")


def test_weeks_before_a_dated_event_are_its_month() -> None:
    text = (
        "Police are still looking into the Nov. 5 bombing of the station. "
        "The suspect was seen nearby in the weeks before the blast."
    )
    assert value_of(text, "weeks") == "2021-11"


def test_days_after_an_event_named_by_a_verb_follow_its_date() -> None:
    text = (
        "She has been sought since the Dec. 2 slaying of a judge. "
        "She crossed the border days after a gunman killed the judge."
    )
    assert value_of(text, "days") == "2021-12"


def test_clock_time_before_an_event_anchored_day_takes_that_day() -> None:
    text = (
        "The doctor was killed on Oct. 23, 2021. "
        "A jogger saw the car at 6 a.m. near the house ten days before the shooting."
    )
    assert value_of(text, "6 a.m") == "2021-10-13T06:00"


def test_clock_time_of_a_dated_event_is_on_its_day() -> None:
    text = (
        "Investigators reopened the Oct. 23 slaying this week. "
        "The doctor was shot at 10 p.m. as he stood in his kitchen."
    )
    assert value_of(text, "10 p.m") == "2021-10-23T22:00"


def test_event_without_a_date_leaves_the_expression_alone() -> None:
    text = "His car was spotted in the weeks before the shooting."
    assert value_of(text, "weeks") == "PXW"


def test_other_events_do_not_lend_their_date() -> None:
    text = "The treaty was signed on Oct. 23, 2021. Prices rose in the weeks before the election."
    assert value_of(text, "weeks") == "PXW"


def test_present_perfect_looks_back_to_a_month_day() -> None:
    text = "Investigators have been searching for him since shortly after the Oct. 23 slaying."
    assert value_of(text, "Oct. 23") == "2021-10-23"


# ------------------------------------------------------------------------- not times


@pytest.mark.parametrize(
    "sentence",
    [
        "The Communist Party daily Granma compared the boy with Che Guevara.",
        "The business daily said the talks had failed.",
        "According to the daily, the talks failed.",
    ],
)
def test_daily_as_a_newspaper_is_not_a_time(sentence: str) -> None:
    assert not any(t.text.lower() == "daily" for t in times_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Qantas plans daily flights between Sydney and Bombay.",
        "The agency gives the daily tally of inspections.",
        "He swims daily.",
        "The weekly Cabinet meeting was cancelled.",
    ],
)
def test_daily_as_a_frequency_stays_a_set(sentence: str) -> None:
    assert any(
        t.type == "SET" and t.text.lower() in ("daily", "weekly") for t in times_in(sentence)
    )


def test_quoted_show_title_going_on_past_the_time_is_not_a_time() -> None:
    found = times_in('Baker said on ABC\'s "This Week With David Brinkley" that talks failed.')
    assert not any(t.text == "This Week" for t in found)


# ------------------------------------------------------------------------- lists of days


def test_second_day_of_a_list_takes_the_first_days_month() -> None:
    found = times_in("The summit will be held in Washington on April 24 and 25.")
    assert [(t.text, t.value) for t in found] == [("April 24", "2022-04-24"), ("25", "2022-04-25")]


def test_day_range_with_a_hyphen_is_two_days_of_one_month() -> None:
    found = times_in("The fair was held Oct. 12-14.")
    assert [(t.text, t.value) for t in found] == [("Oct. 12", "2021-10-12"), ("14", "2021-10-14")]


def test_year_after_a_list_of_days_belongs_to_both() -> None:
    found = times_in("The talks were held on April 24 and 25, 1997, in Oslo.")
    assert [t.value for t in found] == ["1997-04-24", "1997-04-25"]
    assert {t.anchor for t in found} == {"absolute"}


def test_number_after_a_date_that_counts_something_is_not_a_day() -> None:
    found = times_in("Prices rose between May 3 and 5 percent of the time.")
    assert [t.text for t in found if t.text.strip().isdigit()] == []


def test_day_before_a_named_day_is_one_expression_a_day_earlier() -> None:
    found = times_in("The day before last Tuesday's hearing, the father visited the house.")
    assert [(t.text, t.value) for t in found] == [("The day before last Tuesday", "2022-01-17")]


def test_day_after_a_holiday_is_the_next_day() -> None:
    assert value_of("The shops reopened the day after Christmas.", "Christmas") == "2021-12-26"


def test_count_before_a_year_ago_is_not_part_of_the_time() -> None:
    found = times_in("It has 13 plants in operation, up from seven a year ago.", "1989-11-01")
    assert [(t.text, t.value) for t in found] == [("a year ago", "1988")]


def test_clock_time_takes_the_day_named_later_in_its_clause() -> None:
    text = "Police arrested him at 6 a.m. in his home in Queens on Tuesday."
    assert value_of(text, "6 a.m") == "2022-01-18T06:00"


def test_clock_time_does_not_take_the_day_of_the_report() -> None:
    text = "The raid began at 6 a.m. in Queens, police said Tuesday."
    assert value_of(text, "6 a.m") == "2022-01-21T06:00"


def test_clock_time_dated_by_the_narrative_keeps_that_day() -> None:
    text = (
        "The doctor was shot on Oct. 23, 2021. "
        "On Tuesday, a second man was shot at 10 p.m. outside a clinic."
    )
    assert value_of(text, "10 p.m") == "2022-01-18T22:00"
