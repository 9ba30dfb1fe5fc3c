"""HTML input: trafilatura's main content, its metadata, and pages without an article."""

from __future__ import annotations

import pytest

from dateline.errors import InputError
from dateline.structure import build_article
from dateline.structure._extract import extract_html
from dateline.types import Article, Origin, RawArticle
from tests.conftest import FIXTURES

PAGE = FIXTURES / "articles" / "newsroom_page.html"
NO_ARTICLE = FIXTURES / "articles" / "no_article.html"


def from_html(html: str, **meta: str) -> Article:
    raw = RawArticle(origin=Origin(path="page.html"), html=html, **meta)  # type: ignore[arg-type]
    return build_article(raw)


@pytest.fixture(scope="module")
def page() -> Article:
    return from_html(PAGE.read_text("utf-8"))


def test_extractor_keeps_paragraphs_on_separate_lines() -> None:
    extracted = extract_html(PAGE.read_text("utf-8"))
    lines = [line for line in extracted.text.splitlines() if line.strip()]
    assert any(line.startswith("More than 600 people queued") for line in lines)
    assert extracted.title == "Town opens new library after years of delay"
    assert extracted.published == "2023-06-07"
    assert extracted.author == "Priya Natarajan"


def test_html_metadata_fills_title_byline_source_and_date(page: Article) -> None:
    assert page.title == "Town opens new library after years of delay"
    assert page.byline == "Priya Natarajan"
    assert page.source == "The Valley Courier"
    assert (page.published, page.published_from) == ("2023-06-07", "html")


def test_html_body_gets_the_same_cleaning_as_text(page: Article) -> None:
    assert page.dateline is not None and page.dateline.place == "MILLBROOK"
    assert page.text.startswith("The town's new public library opened")
    assert [d.kind for d in page.dropped].count("promo") == 1
    assert "READ MORE" not in page.text
    assert '"We waited a long time for this, and it was worth it,"' in page.text
    assert any(r.original == "\u201c" for r in page.replacements)
    assert len(page.paragraphs) == 5


def test_html_navigation_and_footer_stay_out_of_the_body(page: Article) -> None:
    assert "Home" not in page.text.split()
    assert "All rights reserved" not in page.text
    assert "School fair raises record sum" not in page.text


def test_metadata_date_wins_over_the_page_date() -> None:
    article = from_html(PAGE.read_text("utf-8"), published="2023-06-08")
    assert (article.published, article.published_from) == ("2023-06-08", "metadata")


def test_page_without_an_article_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        from_html(NO_ARTICLE.read_text("utf-8"))
    assert err.value.code == "E015"
    assert "page.html: no article text found" in err.value.message


@pytest.mark.parametrize("html", ["<html></html>", "<<<>>>", "\x00\x01binary\x02", "<p>Hi</p>"])
def test_broken_or_empty_html_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError, match="no article text found"):
        from_html(html)


def test_text_wins_when_a_reader_gives_text_and_html() -> None:
    raw = RawArticle(
        origin=Origin(),
        text="Title\n\nThe text the reader already extracted is used as it is.",
        html=PAGE.read_text("utf-8"),
    )
    assert build_article(raw).text == "The text the reader already extracted is used as it is."
