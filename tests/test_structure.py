"""The structure stage: headline, dateline, byline, captions, promo lines, duplicates,
normalisation with its mapping back to the input, publication date and language."""

from __future__ import annotations

import cProfile
import pstats
import random
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from dateline.errors import InputError
from dateline.structure import _dedup, build_article, content_id
from dateline.structure._dates import find_full_dates, parse_date
from dateline.structure._dedup import find_duplicates
from dateline.structure._rules import classify, match_dateline
from dateline.structure._text import split_blocks
from dateline.types import Article, Origin, RawArticle
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


def build(text: str, **meta: str) -> Article:
    return build_article(RawArticle(origin=Origin(path="test"), text=text, **meta))  # type: ignore[arg-type]


def fixture(name: str) -> tuple[str, Article]:
    text = (ARTICLES / name).read_text("utf-8")
    return text, build(text)


def dropped(article: Article, kind: str) -> list[str]:
    return [d.text for d in article.dropped if d.kind == kind]


def paragraphs(article: Article) -> list[str]:
    return [article.text[p.start : p.end] for p in article.paragraphs]


def restore(article: Article, start: int, end: int) -> str:
    """The input's characters for ``text[start:end]``, with the replacements undone."""
    chars = list(article.text[start:end])
    for rep in article.replacements:
        if start <= rep.offset < end:
            chars[rep.offset - start] = rep.original
    return "".join(chars)


# ------------------------------------------------------------------ the seed article


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Article:
    return build(seed_text)


def test_seed_title_is_the_first_line(seed: Article) -> None:
    assert seed.title == "US and Russia agree to keep talking after meeting on Ukraine"
    assert dropped(seed, "headline") == [seed.title]


def test_seed_dateline_is_geneva_and_cut_from_the_body(seed: Article) -> None:
    assert seed.dateline is not None
    assert seed.dateline.place == "GENEVA"
    assert seed.dateline.agency is None
    assert seed.text.startswith("The top US and Russian diplomats")
    assert dropped(seed, "dateline") == ["GENEVA –"]


def test_seed_published_date_is_inferred_from_caption_and_friday(seed: Article) -> None:
    assert seed.published == "2022-01-21"
    assert seed.published_from == "text"


def test_seed_caption_and_promo_lines_are_dropped(seed: Article) -> None:
    (caption,) = dropped(seed, "caption")
    assert caption.endswith("(ALEX BRANDON / AP)")
    promos = dropped(seed, "promo")
    assert len(promos) == 2
    assert promos[0].startswith("READ MORE:") and promos[1].startswith("ALSO READ:")
    assert "READ MORE" not in seed.text and "ALEX BRANDON" not in seed.text


def test_seed_duplicate_keeps_the_complete_copy(seed: Article) -> None:
    (dup,) = [d for d in seed.dropped if d.kind == "duplicate"]
    assert "Blinke described" in dup.text
    assert dup.duplicate_of is not None
    kept = paragraphs(seed)[dup.duplicate_of]
    assert kept.startswith("He described the talks") and kept.endswith("court.")


def test_seed_keeps_every_real_paragraph(seed: Article, seed_text: str) -> None:
    starts = [
        "The top US and Russian diplomats",
        "But both said they were open",
        '"Based on the conversations',
        "He described the talks",
        "Describing the meeting as open",
        "\"I can't tell you",
        "Russia's demands include",
        "Blinken said he expected",
        "Russia and the United States could",
        "Lavrov said Russia had worries",
        "Asked about the possibility",
        "\"Let's not get ahead",
        "Blinken's deputy, Wendy Sherman",
    ]
    assert [p[: len(s)] for p, s in zip(paragraphs(seed), starts, strict=False)] == starts
    assert len(seed.paragraphs) == len(starts)
    assert seed.text.endswith("without a breakthrough.")
    assert {d.kind for d in seed.dropped} == {
        "headline",
        "caption",
        "dateline",
        "promo",
        "duplicate",
    }


def test_seed_is_english_without_warnings(seed: Article) -> None:
    assert seed.language == "en"
    assert seed.warnings == ()


# ------------------------------------------------------------------ mapping to the input


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_every_paragraph_and_dropped_block_maps_back_to_the_input(name: str) -> None:
    source, article = fixture(name)
    for para in article.paragraphs:
        assert para.source_start is not None
        original = restore(article, para.start, para.end)
        assert source[para.source_start : para.source_start + len(original)] == original
    for block in article.dropped:
        assert block.source_start is not None
        assert source[block.source_start : block.source_start + len(block.text)] == block.text
    assert article.text == "\n\n".join(paragraphs(article))


def test_seed_maps_back_to_the_input(seed: Article, seed_text: str) -> None:
    for para in seed.paragraphs:
        assert para.source_start is not None
        original = restore(seed, para.start, para.end)
        assert seed_text[para.source_start : para.source_start + len(original)] == original


def test_curly_quotes_and_odd_spaces_become_plain_one_for_one() -> None:
    article = build(
        "Headline here\n\nShe said \u201cyes\u201d and \u00abno\u00bb,\u00a0it\u2019s 5\u2032."
    )
    assert article.text == 'She said "yes" and "no", it\'s 5\'.'
    originals = {article.text[r.offset] + r.original for r in article.replacements}
    assert originals == {
        '"\u201c',
        '"\u201d',
        '"\u00ab',
        '"\u00bb',
        " \u00a0",
        "'\u2019",
        "'\u2032",
    }


def test_dashes_are_kept() -> None:
    article = build("A story\n\nThe talks – the long ones — ended - finally.")
    assert "–" in article.text and "—" in article.text


def test_same_story_with_other_quote_marks_gets_the_same_id() -> None:
    curly = build("Title line\n\n\u201cWe agree,\u201d she said on Monday.")
    straight = build('Title line\n\n"We agree," she said on Monday.')
    assert curly.id == straight.id == content_id(straight.text)
    assert curly.replacements and not straight.replacements


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    _, article = fixture("hard_wrapped.txt")
    assert len(article.paragraphs) == 3
    assert "more than 40,000 homes" in paragraphs(article)[0]
    assert any(r.original == "\n" for r in article.replacements)


def test_lines_of_different_length_stay_separate_paragraphs() -> None:
    blocks = split_blocks(
        "A short headline\nBy Jane Doe\nA much longer first paragraph of the story."
    )
    assert [b.text for b in blocks][1] == "By Jane Doe"


# ------------------------------------------------------------------ hand-written articles


def test_wire_story_has_agency_dateline_byline_and_credits() -> None:
    _, article = fixture("wire_reuters.txt")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("WASHINGTON", "Reuters")
    assert article.byline == "Jane Q. Doe"
    assert dropped(article, "credit") == ["(Reporting by Jane Q. Doe; Editing by Tom Hart)"]
    assert len(dropped(article, "promo")) == 2
    assert article.text.startswith("Lawmakers approved")
    assert article.published is None  # "on Tuesday" alone is no evidence


def test_newspaper_story_drops_byline_captions_and_credits() -> None:
    _, article = fixture("newspaper_captions.txt")
    assert article.byline == "MARIA LOPEZ, Associated Press"
    assert article.dateline is not None and article.dateline.place == "VALPARAISO, Chile"
    assert article.dateline.agency == "AP"
    assert len(dropped(article, "caption")) == 2
    assert dropped(article, "credit") == ["Image copyright Getty Images"]
    assert dropped(article, "promo") == ["Follow us on Twitter for live updates from the port."]
    assert len(article.paragraphs) == 5
    # the caption's date is a Wednesday and the body says "on Wednesday"
    assert (article.published, article.published_from) == ("2021-03-03", "text")


def test_blog_post_without_dateline() -> None:
    _, article = fixture("blog_post.txt")
    assert article.title == "Is remote work here to stay? Five things I learned"
    assert article.dateline is None
    assert (article.published, article.published_from) == ("2019-03-14", "text")
    assert [d.kind for d in article.dropped] == [
        "headline",
        "boilerplate",
        "promo",
        "credit",
        "duplicate",
    ]
    assert paragraphs(article)[-1].startswith("Thanks for reading")


def test_press_release_dateline_gives_the_date() -> None:
    _, article = fixture("press_release.txt")
    assert article.dateline is not None
    assert article.dateline.place == "NEW YORK"
    assert article.dateline.agency == "PRNewswire"
    assert article.dateline.date == "2021-03-03"
    assert (article.published, article.published_from) == ("2021-03-03", "text")
    assert "About Acme Robotics" in paragraphs(article)


def test_real_paragraphs_about_related_talks_and_photos_are_kept() -> None:
    _, article = fixture("no_dateline_keep.txt")
    assert article.dateline is None
    assert article.byline is None
    assert [d.kind for d in article.dropped] == ["headline"]
    assert len(article.paragraphs) == 6
    assert paragraphs(article)[0].startswith("Related talks")
    assert paragraphs(article)[3].startswith("By Friday")


def test_non_english_article_is_processed_with_a_warning() -> None:
    _, article = fixture("german.txt")
    assert article.language == "de"
    assert article.warnings == ("language 'de' detected; dateline's models are English",)
    assert len(article.paragraphs) == 2


def test_reader_warnings_are_carried_over() -> None:
    raw = RawArticle(
        origin=Origin(path="x.txt"),
        text="Title\n\nA body paragraph that says enough to be an article.",
        warnings=("x.txt: 3 undecodable bytes replaced",),
    )
    assert build_article(raw).warnings[0] == "x.txt: 3 undecodable bytes replaced"


# ------------------------------------------------------------------ line rules


@pytest.mark.parametrize(
    ("line", "place", "agency", "date"),
    [
        ("GENEVA – The talks ended without a deal.", "GENEVA", None, None),
        ("WASHINGTON (Reuters) - The Senate voted on Monday.", "WASHINGTON", "Reuters", None),
        ("LONDON, Jan 5 (AP) — Prices rose for a third month.", "LONDON", "AP", "Jan 5"),
        (
            "NEW YORK, March 3, 2021 /PRNewswire/ -- Acme today announced a deal.",
            "NEW YORK",
            "PRNewswire",
            "March 3, 2021",
        ),
        ("New Delhi, Jan 15 (ANI): The court lifted the ban today.", "New Delhi", "ANI", "Jan 15"),
        ("ORLANDO, Fla. — In the final game of the season, the team won.", "ORLANDO", None, None),
        ("ST. LOUIS -- Flooding closed two bridges on Sunday night.", "ST. LOUIS", None, None),
        (
            "MANILA, Nov. 24 (Xinhua) -- The president ordered evacuations.",
            "MANILA",
            "Xinhua",
            "Nov. 24",
        ),
        (
            "LAS VEGAS--(BUSINESS WIRE)--Acme today announced a new product.",
            "LAS VEGAS",
            "BUSINESS WIRE",
            None,
        ),
    ],
)
def test_datelines_are_recognised(
    line: str, place: str, agency: str | None, date: str | None
) -> None:
    found = match_dateline(line)
    assert found is not None
    assert (found.place, found.agency, found.date) == (place, agency, date)
    assert line[found.end] not in " -–—"


@pytest.mark.parametrize(
    "line",
    [
        "US Secretary of State met his counterpart in Geneva on Friday.",
        "Washington - the city, not the state - was hit hardest.",
        "BREAKING: The talks have collapsed, officials say.",
        "UPDATE - Officials revised the toll on Monday evening.",
        "The minister – who arrived late – said nothing.",
        "NATO said on Tuesday it would send more troops.",
    ],
)
def test_ordinary_sentences_are_not_datelines(line: str) -> None:
    assert match_dateline(line) is None


def test_dateline_on_a_line_of_its_own() -> None:
    article = build(
        "Storm hits coast\n\nHALIFAX, N.S. (CP) --\nA storm hit the coast on Sunday night."
    )
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("HALIFAX, N.S.", "CP")
    assert dropped(article, "dateline") == ["HALIFAX, N.S. (CP) --"]
    assert article.text == "A storm hit the coast on Sunday night."


def test_a_short_all_caps_line_without_separator_is_no_dateline() -> None:
    article = build("Storm hits coast\n\nWEATHER\n\nA storm hit the coast on Sunday night.")
    assert article.dateline is None
    assert paragraphs(article)[0] == "WEATHER"


def test_agency_credit_without_a_place_is_dropped_but_is_no_dateline() -> None:
    article = build(
        "Storm hits coast\n\n(CNN) -- A storm hit the coast on Sunday night, officials said."
    )
    assert article.dateline is None
    assert dropped(article, "dateline") == ["(CNN) --"]
    assert article.text.startswith("A storm hit the coast")


def test_first_line_ending_a_sentence_is_not_a_headline() -> None:
    article = build('"We will not back down."\n\nThe minister said so in a speech on Monday.')
    assert article.title is None
    assert len(article.paragraphs) == 2


def test_metadata_title_and_byline_are_kept_and_the_repeated_title_line_dropped() -> None:
    article = build(
        "Storm hits coast\n\nA storm hit the coast on Sunday night, officials said.",
        title="Storm hits coast",
        byline="Ann Lee",
    )
    assert (article.title, article.byline) == ("Storm hits coast", "Ann Lee")
    assert dropped(article, "headline") == ["Storm hits coast"]


def test_year_less_dateline_date_takes_the_publication_year() -> None:
    article = build(
        "Prices up again\n\nLONDON, Jan 5 (AP) — Prices rose for a third month in a row.",
        published="2022-01-06",
    )
    assert article.dateline is not None and article.dateline.date == "2022-01-05"


def test_year_less_dateline_date_before_new_year_takes_the_year_before() -> None:
    text = "Fireworks\n\nSYDNEY, Dec 31 (Reuters) - Crowds gathered at the harbour for the show."
    assert build(text, published="2023-01-01").dateline.date == "2022-12-31"  # type: ignore[union-attr]
    assert build(text).dateline.date == "XXXX-12-31"  # type: ignore[union-attr]


# ------------------------------------------------------------------ mixed-case datelines


@pytest.mark.parametrize(
    ("line", "place", "region", "agency", "date"),
    [
        ("Abuja -- The military confirmed that 12 soldiers died.", "Abuja", None, None, None),
        (
            "Kabul, Afghanistan - Gunmen attacked a school in the west of the city.",
            "Kabul",
            "Afghanistan",
            None,
            None,
        ),
        (
            "New Delhi, March 3 (AP) \u2014 The court lifted the ban on Tuesday.",
            "New Delhi",
            None,
            "AP",
            "March 3",
        ),
        (
            "Rio de Janeiro \u2013 Heavy rain flooded parts of the city overnight.",
            "Rio de Janeiro",
            None,
            None,
            None,
        ),
        (
            "Port-au-Prince -- Gangs blocked the main road out of the capital.",
            "Port-au-Prince",
            None,
            None,
            None,
        ),
        (
            "St. Petersburg \u2013 Thousands queued to see the new exhibition.",
            "St. Petersburg",
            None,
            None,
            None,
        ),
        (
            "N'Djamena \u2014 The army said it had repelled a rebel column.",
            "N'Djamena",
            None,
            None,
            None,
        ),
        # a big city by its older or foreign name
        (
            "Kiev \u2013 Air raid sirens sounded across the city overnight.",
            "Kiev",
            None,
            None,
            None,
        ),
        # a small town counts when the state written after it is its state
        (
            "Greensburg, Kan. - A tornado hit the town late on Sunday night.",
            "Greensburg",
            "Kan.",
            None,
            None,
        ),
    ],
)
def test_mixed_case_datelines_are_recognised(
    line: str, place: str, region: str | None, agency: str | None, date: str | None
) -> None:
    found = match_dateline(line)
    assert found is not None
    assert (found.place, found.region, found.agency, found.date) == (place, region, agency, date)
    assert line[found.end].isupper()


@pytest.mark.parametrize(
    "line",
    [
        "Mr Smith - Who was at the meeting, declined to comment on the deal.",
        "Iran \u2013 which denies the charge \u2013 said it would respond in kind.",
        "Hamas - The group that runs Gaza said it would respond to the offer.",
        "Washington - the city, not the state - was hit hardest by the storm.",
        "Mehmet Oz \u2014 The surgeon and daytime TV host ran for the Senate.",
        # a known place, but a headline (no closing stop) or too short to be a sentence
        "Kabul - Taliban take control of the city after a week of fighting",
        "Abuja -- The army is ready.",
        # a colon needs an agency; a small town alone is not enough
        "Paris: The talks ended without a deal on Friday evening.",
        "Greensburg - A tornado hit the town late on Sunday night.",
        # a section label that is also a town somewhere
        "Police - Officers arrested three men after a chase on Sunday night.",
    ],
)
def test_mixed_case_sentence_starts_are_not_datelines(line: str) -> None:
    assert match_dateline(line) is None


def test_mixed_case_dateline_is_cut_from_the_body_and_recorded() -> None:
    text = (
        "Soldiers killed in ambush\n\n"
        "Abuja -- The military confirmed on Monday that 12 soldiers were killed.\n\n"
        "The army said it would pursue the attackers."
    )
    article = build(text, published="2024-03-04")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Abuja", None)
    assert article.dateline.text == "Abuja --"
    assert dropped(article, "dateline") == ["Abuja --"]
    assert paragraphs(article)[0].startswith("The military confirmed")
    first = article.paragraphs[0]
    assert text[first.source_start :].startswith("The military confirmed")
    dateline_drop = next(d for d in article.dropped if d.kind == "dateline")
    assert text[dateline_drop.source_start :].startswith("Abuja --")


def test_mixed_case_dateline_after_a_byline_keeps_its_region() -> None:
    article = build(
        "Attack on school\n\nBy Jane Doe\n\n"
        "Kabul, Afghanistan - Gunmen attacked a girls' school in the west of the city.\n\n"
        "No group has said it carried out the attack."
    )
    assert article.byline == "Jane Doe"
    assert article.dateline is not None and article.dateline.place == "Kabul, Afghanistan"
    assert article.text.startswith("Gunmen attacked")


def test_mixed_case_dateline_with_agency_and_date_gets_the_year() -> None:
    article = build(
        "Ban lifted\n\nNew Delhi, March 3 (AP) \u2014 The court lifted the ban on Tuesday.",
        published="2021-03-04",
    )
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("New Delhi", "AP")
    assert article.dateline.date == "2021-03-03"
    assert article.text == "The court lifted the ban on Tuesday."


def test_sentence_starting_with_a_name_and_a_dash_stays_whole() -> None:
    body = "Iran \u2013 which denies the charge \u2013 said on Monday it would respond in kind."
    article = build("Iran responds\n\n" + body)
    assert article.dateline is None
    assert dropped(article, "dateline") == []
    assert article.text == body


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Doe", "byline"),
        ("By JANE DOE, Associated Press", "byline"),
        ("By SALAH NASRAWI, Associated Press Writer 1 hour, 24 minutes ago", "byline"),
        ("-- Aaron Gold", "byline"),
        ("(Reporting by Jane Doe; Editing by Tom Hart)", "credit"),
        ("AP Golf Writer", "credit"),
        ("Reuters", "credit"),
        ("(Getty Images)", "credit"),
        ("Ministers pose for a photo in Geneva. (ALEX BRANDON / AP)", "caption"),
        ("The summit venue on Monday. (AP Photo/Evan Vucci)", "caption"),
        ("Photo: Tim Clayton", "credit"),
        (
            "File photo of the parliament building in the capital at dusk, before the vote",
            "caption",
        ),
        ("Riot police at the gates. Photograph: Jane Roe/Reuters", "caption"),
        ("READ MORE: Ukraine caught in a tug of war", "promo"),
        ("ALSO READ: New talks planned", "promo"),
        ("Related: Five things to know about the vote", "promo"),
        ("Click here to read the full report", "promo"),
        ("Sign up for our newsletter", "promo"),
        ("Follow us on Twitter", "promo"),
        ("Subscribe", "promo"),
        ("Related stories", "promo"),
        ("Copyright 2008 The Associated Press. All rights reserved.", "boilerplate"),
        ("© 2022 Example Media", "boilerplate"),
        ("Published: Tuesday, January 08, 2008", "boilerplate"),
        ("Posted : Sat, 29 Dec 2007 06:23:36 GMT", "boilerplate"),
        ("Staff writer Ann Lee can be reached at alee@example.com", "boilerplate"),
        ("Image caption Protesters gathered outside parliament on Tuesday", "caption"),
        ("Getty Images", "credit"),
        ("Staff and agencies", "credit"),
        ("Advertisement", "boilerplate"),
        ("Hugh Gentry, Reuters", "byline"),
        ("Metro News Service; with files from Reuters", "credit"),
        ("(This news article provided by Example Wire)", "credit"),
        ("Last Update: 1/16 3:36 pm", "boilerplate"),
        ("Information from: The Daily Example, http://example.com", "credit"),
    ],
)
def test_non_body_lines_are_classified(line: str, kind: str) -> None:
    verdict = classify(line)
    assert verdict is not None, line
    assert verdict.kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "By Friday, the talks had stalled.",
        "By Monday, Russia had moved more troops to the border than at any time this year.",
        "Related talks in Vienna are expected to start next week, diplomats said.",
        "The photo, taken by a bystander, shows the moment the bridge collapsed.",
        "Photo evidence presented in court showed the car was speeding.",
        "More than 100 people were injured in the blast.",
        "Copyright infringement claims against the company have doubled.",
        "Subscribers to the service will pay 10% more from January, the company said.",
        "He said the photos, published on Monday, were authentic (Reuters could not verify them).",
        "Watch out for the new rules, the minister warned.",
        "Images of the flood were shared widely online.",
        "Getty Images, the photo agency, said it had removed the picture.",
        "January 2022 was the wettest month on record.",
        "The Yonhap news service reported the launch on Tuesday.",
    ],
)
def test_body_sentences_are_not_classified(line: str) -> None:
    assert classify(line) is None


def test_a_list_under_a_related_heading_is_dropped_until_the_story_resumes() -> None:
    article = build(
        "Main story headline\n\nThe first paragraph of the story is long enough to be body.\n\n"
        "Related stories\n\nLeaders meet in Paris\n\nMarkets fall on rate fears\n\n"
        "The story goes on here with another full paragraph of text."
    )
    assert dropped(article, "promo") == [
        "Related stories",
        "Leaders meet in Paris",
        "Markets fall on rate fears",
    ]
    assert len(article.paragraphs) == 2


# ------------------------------------------------------------------ duplicates


def test_exact_duplicate_is_dropped_and_points_to_the_first_copy() -> None:
    para = "The committee will meet again in March to review the budget plan."
    assert find_duplicates([para, "Something else entirely was said here today.", para]) == {2: 0}


def test_near_duplicate_with_a_typo_and_no_period_loses_to_the_complete_copy() -> None:
    cut = "The ministers agred to meet again in March to review the budget plan"
    full = "The ministers agreed to meet again in March to review the budget plan."
    assert find_duplicates([cut, full]) == {0: 1}


def test_same_template_with_other_numbers_is_not_a_duplicate() -> None:
    texts = [
        "Smith predicts the governor wins re-election with a count of 362 to 176 votes.",
        "Jones predicts the governor wins re-election with a count of 319 to 219 votes.",
    ]
    assert find_duplicates(texts) == {}


def test_different_paragraphs_are_not_duplicates() -> None:
    texts = [
        "The ministers agreed to meet again in March to review the budget plan.",
        "The ministers refused to meet again before the elections in the autumn.",
        "He said that the budget plan would be reviewed in March by the ministers.",
    ]
    assert find_duplicates(texts) == {}


def test_copies_completed_later_all_point_to_the_complete_copy() -> None:
    cut = "The ministers agreed to meet again in March to review the budget plan"
    full = cut + "."
    other = "Something else entirely was said here today by the spokesman."
    assert find_duplicates([cut, cut, other, full, cut]) == {0: 3, 1: 3, 4: 3}


#: doubling a text may at most multiply the structure stage's work by this (linear: 2)
DOUBLING_RATIO = 2.2


def _numbered_items(size: int) -> str:
    """Paragraphs that differ only in their number: no duplicates, every shingle shared."""
    items, k, n = [], 0, 0
    while n < size:
        items.append(f"({k}) The minister said on Monday that the talks would go on.")
        n += len(items[-1]) + 2
        k += 1
    return "\n\n".join(items)[:size]


def _two_long_paragraphs(size: int) -> str:
    """Two paragraphs of the same length sharing only their first words: compared (they
    share shingles), never duplicates."""
    rng = random.Random(16)
    paragraphs = []
    for words in (("alpha", "beta", "gamma", "delta"), ("north", "south", "east", "west")):
        picked = [rng.choice(words) for _ in range(size // 12)]
        paragraphs.append("The report of the ministry says " + " ".join(picked) + ".")
    return "\n\n".join(paragraphs)


def _structure_work(text: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The structure stage's work on ``text``, counted: Python function calls, entries read
    back from the duplicate check's shingle index (a loop no call count sees), and the
    character pairs its character comparison weighs (its cost is their product)."""
    indexes: list[_dedup._Index] = []
    compared = [0]
    original = _dedup.fuzz.ratio

    class CountedIndex(_dedup._Index):
        def __init__(self) -> None:
            super().__init__()
            indexes.append(self)

    def ratio(a: str, b: str) -> float:
        compared[0] += len(a) * len(b)
        return float(original(a, b))

    monkeypatch.setattr(_dedup, "_Index", CountedIndex)
    monkeypatch.setattr(_dedup, "fuzz", SimpleNamespace(ratio=ratio))
    profile = cProfile.Profile()
    profile.enable()
    try:
        build(text)
    finally:
        profile.disable()
    monkeypatch.undo()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return {"calls": calls, "index reads": sum(i.reads for i in indexes), "pairs": compared[0]}


@pytest.mark.parametrize(
    ("make", "size"),
    [(_numbered_items, 40_000), (_two_long_paragraphs, 20_000)],
    ids=["numbered items", "two long paragraphs"],
)
def test_the_structure_stage_work_grows_linearly_with_the_text(
    make: Callable[[int], str], size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # before the bounds in _dedup: numbered items 4x the index reads, two long paragraphs
    # 4x the character pairs, for twice the text
    small = _structure_work(make(size), monkeypatch)
    large = _structure_work(make(2 * size), monkeypatch)
    for measure, count in small.items():
        assert large[measure] <= DOUBLING_RATIO * max(count, 1), (measure, count, large[measure])


# ------------------------------------------------------------------ publication date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2022-01-21", "2022-01-21"),
        ("2022-01-21T10:15:00Z", "2022-01-21"),
        ("Fri, 21 Jan 2022 10:15:00 GMT", "2022-01-21"),
        ("January 21, 2022", "2022-01-21"),
        ("21 January 2022", "2022-01-21"),
        ("not a date", None),
        ("yesterday", None),
        ("2022/01/21", "2022-01-21"),
    ],
)
def test_metadata_dates_are_normalised(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_metadata_date_wins_over_the_text() -> None:
    article = build(
        "Title\n\nA caption of the scene, Jan 21, 2022. (JOHN ROE / AP)\n\n"
        "The talks ended on Friday without an agreement between the two sides.",
        published="Sat, 22 Jan 2022 08:00:00 GMT",
    )
    assert (article.published, article.published_from) == ("2022-01-22", "metadata")


def test_unreadable_metadata_date_warns_and_falls_back_to_the_text() -> None:
    article = build(
        "Title\n\nPublished: January 8, 2008\n\nThe council met on Tuesday.", published="soon"
    )
    assert (article.published, article.published_from) == ("2008-01-08", "text")
    assert any("published date" in w for w in article.warnings)


def test_a_weekday_alone_gives_no_date() -> None:
    article = build("Title\n\nThe talks ended on Friday without an agreement between the sides.")
    assert article.published is None and article.published_from is None


def test_a_caption_date_that_no_weekday_confirms_gives_no_date() -> None:
    text = (
        "Title\n\nA view of the harbour, Jan 21, 2022. (JOHN ROE / AP)\n\n"
        "The talks ended on {} without an agreement between the two sides."
    )
    assert build(text.format("Tuesday")).published is None  # Jan 21, 2022 was a Friday
    assert build(text.format("Friday")).published == "2022-01-21"


def test_a_file_photo_date_is_not_the_publication_date() -> None:
    article = build(
        "Title\n\nThe minister at a rally, Jan 21, 2022. (File photo / AP)\n\n"
        "The minister resigned on Friday after weeks of pressure from his own party."
    )
    assert article.published is None


def test_full_dates_are_found_in_several_formats() -> None:
    found = [d for _, _, d in find_full_dates("Jan 21, 2022; 3 March 2021; 2020-02-29; 14/01/2008")]
    assert found == ["2022-01-21", "2021-03-03", "2020-02-29", "2008-01-14"]
    assert find_full_dates("on 1/9/2008 and Feb 30, 2021") == []  # ambiguous, impossible


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("text", ["", "   \n\n \u00a0 \n"])
def test_empty_input_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as err:
        build(text)
    assert err.value.code == "E015"
    assert "no article text found" in err.value.message
    assert "test" in err.value.message


def test_input_with_only_a_caption_has_no_article() -> None:
    with pytest.raises(InputError, match="no article text found"):
        build("Photo: Jane Roe\n\n(Getty Images)")


def test_a_single_line_is_body_not_headline() -> None:
    article = build("Officials confirmed the report")
    assert article.title is None
    assert article.text == "Officials confirmed the report"


def test_long_input_is_handled() -> None:
    para = "Paragraph {} of a long report on the budget talks, with enough words to count."
    text = "Budget talks\n\n" + "\n\n".join(para.format(i) for i in range(3000))
    article = build(text)
    # the paragraphs differ in one number only: near-duplicates, but none is lost
    assert len(article.paragraphs) + len(dropped(article, "duplicate")) == 3000
    assert article.paragraphs
