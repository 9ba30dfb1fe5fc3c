"""Event groups across articles (issue 17): one real-world event, however many reports.

The end-to-end case runs the hand-written air-strike reports (``fixtures/groups``) through
the real pipeline and the store; the rules are pinned on hand-built reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.corpus import IngestOptions, Store, ingest
from dateline.corpus._dedup import Actor, _Report, group_reports
from dateline.io import read_inputs
from dateline.pipeline import Pipeline

AIRSTRIKE = Path(__file__).resolve().parent / "fixtures" / "groups" / "airstrike.jsonl"


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (Actor("USAMIL", "USA", "U.S. warplanes"), Actor("USAMIL", "USA", "American jets"), True),
        (Actor("USA", "USA", "United States"), Actor("USAMIL", "USA", "U.S. military"), True),
        (Actor("USAGOV", "USA", "Washington"), Actor("USAMIL", "USA", "U.S. military"), False),
        (Actor("IRQ", "IRQ", "Iraq"), Actor("IRN", "IRN", "Iran"), False),
        # no country: a code names one actor only with the same name
        (Actor("GOV", None, "government"), Actor("GOV", None, "government"), True),
        (Actor("GOV", None, "government"), Actor("GOV", None, "junta"), False),
        # no code: by name, within its country
        (Actor(None, None, "Qasem Soleimani"), Actor("IRN", "IRN", "Qasem Soleimani"), True),
        (Actor(None, "IRQ", "Ali Hassan"), Actor(None, "EGY", "Ali Hassan"), False),
    ],
)
def test_actors_are_one_by_code_not_surface_name(one: Actor, other: Actor, same: bool) -> None:
    assert one.same_as(other) is same
    assert other.same_as(one) is same


def report(
    article: str,
    date: str,
    *,
    type: str = "ASSAULT",
    source: str | None = "USAMIL",
    target: str | None = "IRQ",
    place: str = "",
    country: str | None = None,
    location_from: str = "none",
) -> _Report:
    def side(code: str | None) -> tuple[Actor, ...]:
        return () if code is None else (Actor(code, code[:3], code),)

    return _Report(
        article_id=article,
        event_id="V1",
        type=type,
        cameo=None,
        source_key=source or "",
        target_key=target or "",
        date=date,
        place=place,
        place_country=country,
        location_from=location_from,
        canonical_id=article,
        publisher=article,
        url=None,
        published=date,
        evidence=None,
        sources=side(source),
        targets=side(target),
    )


def grouped(reports: list[_Report], window: int = 2) -> list[set[str]]:
    return sorted(
        ({r.article_id for r in g} for g in group_reports(reports, window)), key=lambda g: min(g)
    )


@pytest.mark.parametrize(
    ("reports", "window", "groups"),
    [
        # dates within the window of the first report: one event
        ([report("a", "2024-03-04"), report("b", "2024-03-05"), report("c", "2024-03-06")],
         2, [{"a", "b", "c"}]),
        # past the window: two
        ([report("a", "2024-03-04"), report("b", "2024-03-08")], 2, [{"a"}, {"b"}]),
        ([report("a", "2024-03-04"), report("b", "2024-03-08")], 4, [{"a", "b"}]),
        # a week's range overlapping the day
        ([report("a", "2024-W10"), report("b", "2024-03-05")], 2, [{"a", "b"}]),
        # a month or a year matches only the very same value
        ([report("a", "2024-03"), report("b", "2024-03-05")], 2, [{"a"}, {"b"}]),
        ([report("a", "2024-03"), report("b", "2024-03")], 2, [{"a", "b"}]),
        # another type, another target: apart
        ([report("a", "2024-03-04"), report("b", "2024-03-04", type="COERCE")],
         2, [{"a"}, {"b"}]),
        ([report("a", "2024-03-04"), report("b", "2024-03-04", target="SYR")],
         2, [{"a"}, {"b"}]),
        # places the reports' own sentences give, in two countries: two strikes
        ([report("a", "2024-03-04", place="1", country="IRQ", location_from="sentence"),
          report("b", "2024-03-04", place="2", country="SYR", location_from="sentence")],
         2, [{"a"}, {"b"}]),
        # an article's main place is too weak to split on
        ([report("a", "2024-03-04", place="1", country="IRQ", location_from="sentence"),
          report("b", "2024-03-04", place="2", country="SYR", location_from="article")],
         2, [{"a", "b"}]),
        # one actor only: the same date and a place of their own text, or apart
        ([report("a", "2024-03-04", target=None), report("b", "2024-03-04", target=None)],
         2, [{"a"}, {"b"}]),
        ([report("a", "2024-03-04", target=None, place="1", country="IRQ",
                 location_from="sentence"),
          report("b", "2024-03-04", target=None, place="1", country="IRQ",
                 location_from="dateline")],
         2, [{"a", "b"}]),
    ],
)  # fmt: skip
def test_group_rules(reports: list[_Report], window: int, groups: list[set[str]]) -> None:
    assert grouped(reports, window) == groups


def test_one_air_strike_in_four_wordings_is_one_group(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "corpus.duckdb"
    with Store.open(db, write=True) as store:
        ingest(read_inputs([str(AIRSTRIKE)]), store, pipeline, IngestOptions())
        rows = store.con.execute(
            "SELECT em.group_id, a.url, em.evidence, g.n_articles, g.n_sources "
            "FROM event_mentions em JOIN articles a ON a.id = em.article_id "
            "JOIN event_groups g USING (group_id) WHERE g.type = 'ASSAULT' "
            "AND g.source_key = 'USAMIL'"
        ).fetchall()
    by_url = {url: (gid, evidence) for gid, url, evidence, _, _ in rows}
    strike = {by_url[f"https://{o}.example/{n}"][0] for o, n in zip("abcd", "1234", strict=True)}
    assert len(strike) == 1  # the four reports: one group
    (gid,) = strike
    assert {(n, s) for g, _, _, n, s in rows if g == gid} == {(4, 4)}
    # each report keeps its own evidence
    assert "American warplanes bombed a militia compound in Anbar" in {
        e for _, e in by_url.values()
    }
    # the same strike in Yemen two weeks later, and in Iraq eleven days later: apart
    assert by_url["https://b.example/6"][0] != gid
    assert by_url["https://d.example/7"][0] != gid
    assert by_url["https://b.example/6"][0] != by_url["https://d.example/7"][0]
