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


# ------------------------------------------------------------------------- tense


def test_last_and_next_weekday_are_strict() -> None:
    assert normalise("last Friday", ANCHOR) is not None
    assert normalise("last Friday", ANCHOR).value == "2022-01-14"  # type: ignore[union-attr]
    assert normalise("next Friday", ANCHOR).value == "2022-01-28"  # type: ignore[union-attr]


# ------------------------------------------------------------------------- anchoring


def test_dateline_date_overrides_a_later_republication_date() -> None:
    found = times_in(
        "The leaders met on Friday.",
        "2022-01-25",
        dateline=Dateline(place="GENEVA", date="2022-01-21"),
    )
    assert (found[0].value, found[0].anchor) == ("2022-01-21", "dateline")


# ------------------------------------------------------------------------- bad input


def test_far_future_year_has_no_value_and_no_crash() -> None:
    assert normalise("the year 3000", ANCHOR) is not None
    assert normalise("the year 3000", ANCHOR).value is None  # type: ignore[union-attr]
    assert normalise("99999", ANCHOR) is None or normalise("99999", ANCHOR).value is None  # type: ignore[union-attr]


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


def test_fractional_durations_use_smaller_units() -> None:
    assert normalise("2 1/2 years", ANCHOR).value == "P2Y6M"  # type: ignore[union-attr]
    assert normalise("5 1/2 hours", ANCHOR).value == "PT5H30M"  # type: ignore[union-attr]


def test_other_absolute_formats_go_to_dateparser() -> None:
    assert normalise("21.01.2022", None).value == "2022-01-21"  # type: ignore[union-attr]
    assert normalise("the 21st of January 2022", None).value == "2022-01-21"  # type: ignore[union-attr]


# ------------------------------------------------------------------------- more shapes


def test_headline_present_tense_is_not_a_schedule() -> None:
    text = "Storm cuts power to thousands Wednesday\n\nCrews worked through the night."
    assert value_of(text, "Wednesday") == "2022-01-19"
