"""Publication dates of HTML pages: trafilatura's date checked against the page's evidence.

The fixture ``pages/ap_copyright_year.html`` is shaped like the L3S-GN1 case of issue 17: an
AP story of Sunday 30 December 2007 whose only date is the footer's "Copyright 2007", which
trafilatura turns into 2007-01-01. Each case adds one piece of evidence to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.pipeline import Pipeline
from dateline.structure import build_article
from dateline.structure._page_dates import PageDate, check_published, url_dates
from dateline.types import Origin, RawArticle
from tests.conftest import FIXTURES

PAGE = (FIXTURES / "pages" / "ap_copyright_year.html").read_text("utf-8")
YEAR_ONLY = "is not written on the page as a day"


def _with(head: str = "", body: str = "", lead: str | None = None) -> str:
    page = PAGE.replace("</head>", head + "</head>").replace("<p>More than", body + "<p>More than")
    if lead is not None:
        page = page.replace("KABUL, Afghanistan (AP) —", lead)
    return page


CASES = [
    # (id, html, url, published, published_from, a warning says)
    ("copyright year only", PAGE, None, "2007", "html", YEAR_ONLY),
    (
        "meta article:published_time",
        _with(head='<meta property="article:published_time" content="2007-12-30T10:12:00Z">'),
        None,
        "2007-12-30",
        "html",
        None,
    ),
    (
        "meta itemprop datePublished",
        _with(head='<meta itemprop="datePublished" content="2007-12-30">'),
        None,
        "2007-12-30",
        "html",
        None,
    ),
    (
        "time datetime",
        _with(body='<p><time datetime="2007-12-30T09:00">Sunday</time></p>'),
        None,
        "2007-12-30",
        "html",
        None,
    ),
    (
        "day in the URL",
        PAGE,
        "https://news.example/world/2007/12/30/roadside-bomb.html",
        "2007-12-30",
        "html",
        None,
    ),
    (
        "month in the URL",
        PAGE,
        "https://news.example/world/2007/12/roadside-bomb.html",
        "2007-12",
        "html",
        "its URL gives the month",
    ),
    (
        # trafilatura still takes the copyright year; the text's "Posted" line gives the day
        "date written in the text",
        _with(body="<p>Posted Sunday, Dec. 30, 2007, 4:12 PM</p>"),
        None,
        "2007-12-30",
        "text",
        "published 2007-12-30, the date the text gives, not 2007",
    ),
]


@pytest.mark.parametrize(
    ("html", "url", "published", "source", "warning"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_page_date_is_checked_against_the_page(
    html: str, url: str | None, published: str, source: str, warning: str | None
) -> None:
    article = build_article(RawArticle(origin=Origin(path="page.html"), html=html, url=url))
    assert (article.published, article.published_from) == (published, source)
    if warning is None:
        assert not any("page's date" in w for w in article.warnings)
    else:
        assert any(warning in w for w in article.warnings), article.warnings


def test_a_year_only_page_keeps_the_day_its_dateline_gives() -> None:
    page = _with(lead="KABUL, Afghanistan, Dec. 30 (AP) —")
    article = build_article(RawArticle(origin=Origin(path="page.html"), html=page))
    assert article.published == "2007"  # never 2007-01-01
    # the dateline's year-less date takes the publication year, not the year before
    assert article.dateline is not None and article.dateline.date == "2007-12-30"


def test_metadata_dates_are_not_checked() -> None:
    article = build_article(
        RawArticle(origin=Origin(path="page.html"), html=PAGE, published="2007-12-30")
    )
    assert (article.published, article.published_from) == ("2007-12-30", "metadata")
    assert not any("page's date" in w for w in article.warnings)


CHECKS = [
    # (trafilatura's date, evidence, the date kept)
    ("2007-12-30", (PageDate("meta", "2007-12-30"),), "2007-12-30"),
    ("2007-01-01", (), "2007"),
    ("2007-01-01", (PageDate("text", "2007-01-01"),), "2007-01-01"),  # New Year's Day, written
    ("2007-01-01", (PageDate("url", "2007-12"),), "2007-12"),
    ("2008-09-01", (), "2008-09"),  # "September 2008" written out as a day
    ("2008-01-15", (PageDate("url", "2008-01"),), "2008-01"),
    ("2008-01-15", (), "2008-01-15"),  # read by htmldate in a form dateline does not read
]


@pytest.mark.parametrize(("value", "evidence", "kept"), CHECKS)
def test_check_published(value: str, evidence: tuple[PageDate, ...], kept: str) -> None:
    assert check_published(value, evidence).value == kept


URLS = [
    ("https://a.example/2007/12/30/story.html", ("2007-12-30",)),
    ("https://a.example/news/2007-12-30-story", ("2007-12-30",)),
    ("https://a.example/s/20071230/story", ("2007-12-30",)),
    ("https://a.example/2007/12/story.html", ("2007-12",)),
    ("https://a.example/story/12345678901", ()),
    ("https://a.example/2007/13/45/story.html", ()),
]


@pytest.mark.parametrize(("url", "values"), URLS)
def test_dates_in_a_url(url: str, values: tuple[str, ...]) -> None:
    assert tuple(d.value for d in url_dates(url)) == values


def test_a_year_only_date_never_dates_an_event_to_a_day(pipeline: Pipeline) -> None:
    result = pipeline.analyze(RawArticle(origin=Origin(path="page.html"), html=PAGE))
    assert result.published == "2007"
    assert result.events, "the fixture's attacks should be coded"
    for event in result.events:
        assert event.date != "2007-01-01"
        if event.date == "2007":
            assert event.date_granularity == "year"
    assert not any(t.value and t.value.startswith("2007-01-0") for t in result.times)


def test_the_fixture_is_the_shape_of_the_case() -> None:
    """Without the check, trafilatura dates the fixture by its copyright year."""
    from dateline.structure._extract import extract_html

    assert extract_html(PAGE).published == "2007-01-01"
    assert Path(FIXTURES / "pages" / "ap_copyright_year.html").stat().st_size < 5000
