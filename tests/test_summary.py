"""``dateline analyze --format text`` reads like a briefing: names, places, dates, flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, cast

import pytest

from dateline.cli._summary import _where, event_status, format_text
from dateline.types import Event, Quote
from tests.test_exports import EVENTS, analysis

BASE = EVENTS[0]  # United States government -> CONSULT -> Russian government, Geneva, a day

STATUS = [
    ("reported", {}, "reported as happened"),
    ("negated", {"negated": True}, "DID NOT HAPPEN (negated)"),
    ("hypothetical", {"hypothetical": True},
     "ONLY POSSIBLE (hypothetical): not reported as having happened"),
    ("future", {"future": True}, "NOT YET (future): planned or expected"),
    ("historical", {"historical": True}, "BACKGROUND (historical): an earlier event"),
    ("claimed", {"claimed_by": "E5"}, "CLAIMED by Ann Example, not confirmed"),
    ("possible and planned", {"hypothetical": True, "future": True},
     "ONLY POSSIBLE (hypothetical): not reported as having happened; "
     "NOT YET (future): planned or expected"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "flags", "expected"), STATUS, ids=[s[0] for s in STATUS])
def test_event_status_spells_out_the_flags(name: str, flags: dict[str, Any], expected: str) -> None:
    event = replace(BASE, **flags)
    assert event_status(event, analysis()) == expected
    assert expected in format_text(replace(analysis(), events=(event,)))


EVENT_LINES = [
    ("names, place and day", BASE,
     ["  - United States government: CONSULT (CAMEO 040 Consult) -> Russian government",
      "    in Geneva (CHE), on 2022-01-21; reported as happened"]),
    ("the possible summit", EVENTS[1],
     ["    place not stated, in 2022-02 (month); ONLY POSSIBLE (hypothetical): not reported as "
      "having happened; NOT YET (future): planned or expected; CLAIMED by Ann Example, "
      "not confirmed"]),
    ("a mode, a country as target", EVENTS[2],
     ["  - Russian government: ASSAULT/fire (CAMEO 190 Use conventional military force) "
      "-> Ukraine", "    in Ukraine, on 2022-02-24; reported as happened"]),
    ("no target, no date", replace(BASE, target=(), date=None, date_granularity=None),
     ["  - United States government: CONSULT (CAMEO 040 Consult)",
      "    in Geneva (CHE), date not stated; reported as happened"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "event", "lines"), EVENT_LINES, ids=[c[0] for c in EVENT_LINES])
def test_event_lines(name: str, event: Event, lines: list[str]) -> None:
    text = format_text(replace(analysis(), events=(event,))).splitlines()
    for line in lines:
        assert line in text


def test_no_entity_or_event_ids_in_the_briefing() -> None:
    quote = Quote(id="Q1", kind="direct", text="We talked", spans=((0, 9),), speaker="E5")
    text = format_text(replace(analysis(), quotes=(quote,)))
    assert not re.search(r"\b[EVQ]\d+\b", text), text
    assert '  - Ann Example (direct): "We talked"' in text.splitlines()
    assert "  people: Ann Example (USA)" in text.splitlines()
    assert "  places: Geneva (CHE); Ukraine (UKR)" in text.splitlines()


@dataclass(frozen=True)
class PlacedEvent:
    """An event as the event-place stage writes it: with where its place came from."""

    location: str | None
    location_from: str | None


@pytest.mark.parametrize(
    ("location", "location_from", "expected"),
    [
        ("E3", "sentence", "in Geneva (CHE), place from the sentence"),
        ("E3", None, "in Geneva (CHE)"),
        (None, None, "place not stated"),
    ],
)
def test_event_place_and_where_it_came_from(
    location: str | None, location_from: str | None, expected: str
) -> None:
    event = cast(Event, PlacedEvent(location, location_from))
    assert _where(event, analysis()) == expected
    assert _where(replace(BASE, location=location), analysis()) == expected.split(", place")[0]


def test_the_seed_briefing_does_not_report_the_possible_summit_as_held(seed_result: Any) -> None:
    blocks = format_text(seed_result).split("\n  - ")
    summit = next(b for b in blocks if '"summit between' in b)
    assert "ONLY POSSIBLE (hypothetical): not reported as having happened" in summit
    assert "reported as happened" not in summit.replace("not reported as having happened", "")
    assert not re.search(r"\b[EVQ]\d+\b", format_text(seed_result))
