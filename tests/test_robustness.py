"""Bad and odd input never crashes the pipeline and always gives a consistent result.

Every input here is made up in the test: empty and blank text, punctuation only, an
all-caps article, a very long sentence, a flattened table naming many countries per line,
unbalanced brackets and quotes, Cyrillic, Chinese and Arabic text, names full of
diacritics, hundreds of people, a long quotation, text without a verb, impossible dates,
prices and scores, control characters, extreme publication dates. For each the pipeline
must return either a result that validates against the dateline/1 schema, whose offsets
all point at the text they claim, whose ids all resolve, and whose event count stays in
proportion to the text, or a ``Failure`` with a user-facing code: never E090 (an internal
error the pipeline caught, which is always a bug).

Pathological time is checked by counting work, not by a clock (which a loaded machine makes
flaky): the Python function calls each analysis makes (``cProfile``'s count, the same on
any machine) must stay in proportion to the text, and grow linearly when the text doubles.
Speed itself is measured by ``bench/hostile.py``.
"""

from __future__ import annotations

import cProfile
import pstats
import unicodedata

import pytest

from dateline.errors import InputError
from dateline.pipeline import Pipeline
from dateline.schema import validate
from dateline.types import Analysis, Failure, Origin, RawArticle

#: the work one analysis may do, in Python function calls: this many plus so many per
#: character of text (measured without the test suite's invariant check of each result:
#: 5,000 to 230,000 calls for the short texts, 6 to 270 calls per character for the long
#: ones; the check, schema validation included, adds 300,000 to 1,200,000 calls per result)
BASE_CALLS = 2_000_000
CALLS_PER_CHAR = 400
#: doubling a text may at most multiply the calls by this (linear: 2; quadratic: 4)
DOUBLING_RATIO = 2.2

COUNTRIES = (
    "France",
    "Germany",
    "Russia",
    "China",
    "Japan",
    "Brazil",
    "India",
    "Egypt",
    "Kenya",
    "Mexico",
    "Canada",
    "Italy",
    "Spain",
    "Poland",
    "Turkey",
    "Iran",
    "Iraq",
    "Syria",
    "Israel",
    "Ukraine",
)
GIVEN = (
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jamal",
    "Karin",
    "Luis",
    "Mira",
    "Nils",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
)
FAMILY = (
    "Adler",
    "Brandt",
    "Costa",
    "Dunn",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hoffmann",
    "Ivanov",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rossi",
    "Schmidt",
    "Tanaka",
)


def _long_sentence() -> str:
    parts = [
        f"the {topic} committee of {COUNTRIES[i % 20]} would meet "
        f"{GIVEN[i % 20]} {FAMILY[(i * 7) % 20]}"
        for i, topic in enumerate(["budget", "trade", "health", "defence", "water"] * 8)
    ]
    return "The minister said that " + " and ".join(parts) + "."  # ~300 words


def _table() -> str:
    rows = [
        " ".join(f"{COUNTRIES[(i + k) % 20]} {1000 + i * 37 + k} {3.5 + k}%" for k in range(5))
        for i in range(30)
    ]
    return "Country Population GDP Growth\n" + "\n".join(rows)


def _accords() -> str:
    return " ".join(
        ", ".join(COUNTRIES[(i + k) % 20] for k in range(3))
        + f" and {COUNTRIES[(i + 3) % 20]} signed the accord with "
        + f"{COUNTRIES[(i + 4) % 20]} and {COUNTRIES[(i + 5) % 20]}."
        for i in range(20)
    )


def _many_people(count: int = 150) -> str:
    names = [f"{g} {f}" for g in GIVEN for f in FAMILY][:count]
    return " ".join(
        f"{name} of {COUNTRIES[i % 20]} met {names[(i * 13) % count]} on Monday."
        for i, name in enumerate(names)
    )


def _long_quote(words: int = 2500) -> str:
    clause = "we will never accept threats from anyone in"
    chunks = [f"{clause} {COUNTRIES[i % 20]}" for i in range(words // 9)]
    return 'The president said: "' + ", ".join(chunks) + '."'


TEXTS: dict[str, str] = {
    "one_word": "Hello",
    "one_country": "France",
    "punctuation": "!!! ??? ... ,,, ;;; --- ((( ))) ''' \"\"\"",
    "all_caps": (
        "THE PRESIDENT MET THE RUSSIAN FOREIGN MINISTER IN GENEVA ON WEDNESDAY. "
        '"WE WILL NOT ACCEPT ANY THREATS," SAID THE MINISTER. '
        "THE UNITED STATES AND RUSSIA AGREED TO RETURN AMBASSADORS TO THEIR POSTS."
    ),
    "long_sentence": _long_sentence(),
    "table": _table(),
    "accords": _accords(),
    "unbalanced": (
        'He said "this is not over. ((The talks [in Geneva} will go on, "she replied. '
        '"And another ‘ quote that “ never ends. Russia (accused the United States of « lying.'
    ),
    "cyrillic": (
        "Министр иностранных дел России встретился в Женеве с госсекретарём США. "
        "«Мы не примем угроз», — сказал он."
    ),
    "chinese": "中国外交部长星期三在北京会见了美国国务卿。他说：“我们不会接受任何威胁。”",
    "arabic": (
        'التقى وزير الخارجية الروسي بنظيره الأمريكي في جنيف يوم الأربعاء. وقال "لن نقبل أي تهديد".'
    ),
    "mixed_scripts": "President Zelensky (Зеленський) met Wang Yi (王毅) in Kyiv on Monday.",
    "diacritics": (
        "Łukasz Żółkiewski-Ångström met Ñuño Çelebi-Øvergård and Đorđe Šćepanović in "
        'Kraków. "Ça va très bien," said Zoë Brontë-Müller. Nguyễn Thị Thủy and '
        "Søren Kierkegård-Ærø also attended in São Paulo."
    ),
    "many_people": _many_people(),
    "long_quote": _long_quote(),
    "no_verb": "Geneva. Wednesday. Russia, the United States. Talks, ambassadors. No deal.",
    "impossible_dates": (
        "The meeting is set for February 30, 2021. The 9/11 attacks changed everything. "
        "On 31/02/2020 and 2021-13-45 nothing happened. It was on 30 February and on "
        "9/11/2001. The deal is due by Q5 2022, in the 99th century, at 25:61."
    ),
    "prices_scores": (
        "Shares rose 3.5% to $1,234.56 on Monday; gold fell to £1,800/oz. "
        "Real Madrid beat Barcelona 3-1 on Sunday, and the Lakers won 102-99. "
        "The score was 2:1 at 45', and the bill cost €19.99 (USD 21.30)."
    ),
    "control_characters": (
        "Russia\x00 said\x07 on \u200bMonday\ufeff that talks will go on.\x1b[31m"
    ),
    "emoji": "Russia 🇷🇺 and the United States 🇺🇸 met in Geneva 🎉 on Monday 👍🏽.",
    "one_long_word": "A" * 20000,
    "repeated_said": " ".join(["said"] * 1000),
    "quote_marks_only": '"' * 100 + "“”" * 50 + "«»" * 50,
    "html_as_text": "<p>Russia said <b>talks</b> will go on.</p><script>alert(1)</script>",
    # a long article of short sentences: any per-sentence cost that grows with the
    # article (rebuilding Doc.text, rescanning every token) makes this one crawl
    "many_sentences": (
        "Russia said talks will go on. He said the Russian government officials agreed. "
    )
    * 1000,
    "lone_surrogate": "Russia \ud800 said on Monday \udfff that talks will go on.",
}

RELATIVE = (
    "Yesterday the minister said talks would resume next week. In the 1990s, Russia met "
    "France. The deal signed 3 days ago will last until next month."
)
PUBLISHED = ("0001-01-01", "9999-12-31", "2021-02-30", "not a date", "-5000-01-01")

#: (name, text, published) for every case
CASES = [(name, text, "2021-06-16") for name, text in TEXTS.items()] + [
    (f"published_{value}", RELATIVE, value) for value in PUBLISHED
]


def _problems(result: Analysis) -> list[str]:
    """Everything inconsistent in one result (empty when it is sound)."""
    out: list[str] = []
    text = result.text
    size = len(text)

    def bad_span(span: tuple[int, int] | None) -> bool:
        return span is not None and not 0 <= span[0] < span[1] <= size

    ids = {e.id for e in result.entities}
    if len(ids) != len(result.entities):
        out.append("entity ids repeat")
    for entity in result.entities:
        for m in entity.mentions:
            if bad_span((m.start, m.end)) or text[m.start : m.end] != m.text:
                out.append(f"mention {m.text!r} at {m.start}-{m.end}")
            if any(unicodedata.category(ch) == "Cc" for ch in m.text):
                out.append(f"mention {m.text!r} holds a control character")
    for t in result.times:
        if bad_span((t.start, t.end)) or text[t.start : t.end] != t.text:
            out.append(f"time {t.text!r} at {t.start}-{t.end}")
    for q in result.quotes:
        if any(bad_span(s) for s in q.spans) or bad_span(q.speaker_span) or bad_span(q.cue_span):
            out.append(f"quote {q.id} has a span outside the text")
        if q.speaker is not None and q.speaker not in ids:
            out.append(f"quote {q.id} speaker {q.speaker} is no entity")
        if q.speaker_span and any(
            s <= q.speaker_span[0] and q.speaker_span[1] <= e for s, e in q.spans
        ):
            out.append(f"quote {q.id} speaker {q.speaker_text!r} is inside the quote")
    for ev in result.events:
        if bad_span(ev.sentence) or bad_span(ev.trigger):
            out.append(f"event {ev.id} has a span outside the text")
        elif ev.sentence and ev.trigger and not ev.sentence[0] <= ev.trigger[0] < ev.sentence[1]:
            out.append(f"event {ev.id} trigger outside its sentence")
        for actor in (*ev.source, *ev.target, ev.location):
            if actor is not None and actor not in ids:
                out.append(f"event {ev.id} names {actor}, no entity")
    for p in result.paragraphs:
        if not 0 <= p.start <= p.end <= size:
            out.append(f"paragraph {p.start}-{p.end} outside the text")
    if result.dateline and result.dateline.entity and result.dateline.entity not in ids:
        out.append("dateline entity is no entity")
    # one clause can hold a few events, but not one per pair of the actors it names
    # (a sentence of over Settings.sentence_tokens is cut into pieces: one clause per 1,000 words)
    clauses = sum(text.count(ch) for ch in ".!?;:\n") + 1 + len(text.split()) // 1000
    if len(result.events) > 2 * clauses + 2:
        out.append(f"{len(result.events)} events for {clauses} clauses")
    return out


def _counted(pipeline: Pipeline, raw: RawArticle) -> tuple[Analysis | Failure, int]:
    """The result of one article, as ``analyze_many`` gives it, and the function calls it
    took."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        (result,) = pipeline.analyze_many([raw])
    finally:
        profile.disable()
    return result, pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> dict[str, tuple[Analysis | Failure, int]]:
    """Each case analysed on its own (so that its work is its own), as ``analyze_many``
    does it: a stage's exception becomes a ``Failure`` with code E090. With each, the
    Python function calls it took."""
    out: dict[str, tuple[Analysis | Failure, int]] = {}
    pipeline.analyze(RawArticle(origin=Origin(), text="Warm-up in Geneva, France."))
    for name, text, published in CASES:
        raw = RawArticle(origin=Origin(record=name), text=text, published=published)
        out[name] = _counted(pipeline, raw)
    return out


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_odd_input_gives_a_sound_result_or_a_user_facing_failure(
    results: dict[str, tuple[Analysis | Failure, int]], name: str
) -> None:
    result, _ = results[name]
    if isinstance(result, Failure):
        assert result.code != "E090", f"internal error on {name}: {result.message}"
        return
    validate(result.to_dict())
    assert _problems(result) == []


@pytest.mark.parametrize(("name", "text"), [(c[0], c[1]) for c in CASES])
def test_odd_input_does_work_in_proportion_to_its_length(
    results: dict[str, tuple[Analysis | Failure, int]], name: str, text: str
) -> None:
    assert results[name][1] <= BASE_CALLS + CALLS_PER_CHAR * len(text)


def test_the_work_grows_linearly_with_the_text(
    pipeline: Pipeline, results: dict[str, tuple[Analysis | Failure, int]]
) -> None:
    # any per-sentence cost that grows with the article (walking back over every earlier
    # sentence, rebuilding Doc.text) shows here as a ratio over 2
    whole = TEXTS["many_sentences"]
    half = RawArticle(origin=Origin(record="half"), text=whole[: len(whole) // 2])
    _, small = _counted(pipeline, half)
    large = results["many_sentences"][1]
    assert large / small <= DOUBLING_RATIO, (small, large)


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "1 2 3 2021"])
def test_empty_input_is_an_input_error(pipeline: Pipeline, text: str) -> None:
    with pytest.raises(InputError) as caught:
        pipeline.analyze(RawArticle(origin=Origin(), text=text))
    assert caught.value.code == "E015"


def test_a_batch_goes_on_past_bad_records(pipeline: Pipeline) -> None:
    records = [
        RawArticle(origin=Origin(record="empty"), text=""),
        RawArticle(origin=Origin(record="ok"), text="Russia met France in Geneva on Monday."),
        RawArticle(origin=Origin(record="nothing")),
        RawArticle(origin=Origin(record="ok2"), text="France said no."),
    ]
    out = list(pipeline.analyze_many(records))
    assert [type(r).__name__ for r in out] == ["Failure", "Analysis", "Failure", "Analysis"]
    assert {r.code for r in out if isinstance(r, Failure)} == {"E015"}


def _latin(text: str) -> bool:
    return any(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in text)


@pytest.mark.parametrize("name", ["cyrillic", "chinese", "arabic", "mixed_scripts"])
def test_words_in_other_scripts_are_not_taken_for_names(
    results: dict[str, tuple[Analysis | Failure, int]], name: str
) -> None:
    result, _ = results[name]
    assert isinstance(result, Analysis)
    assert [e.name for e in result.entities if not _latin(e.name)] == []


def test_a_score_is_not_part_of_a_team_name(
    results: dict[str, tuple[Analysis | Failure, int]],
) -> None:
    result, _ = results["prices_scores"]
    assert isinstance(result, Analysis)
    names = [m.text for e in result.entities for m in e.mentions]
    assert names and not any(any(ch.isdigit() for ch in n) for n in names)


def test_a_sports_result_is_no_assault(
    results: dict[str, tuple[Analysis | Failure, int]],
) -> None:
    result, _ = results["prices_scores"]
    assert isinstance(result, Analysis)
    assert [e.type for e in result.events if e.type == "ASSAULT"] == []


def test_a_country_table_gives_no_event_per_country_pair(
    results: dict[str, tuple[Analysis | Failure, int]],
) -> None:
    table, _ = results["table"]
    accords, _ = results["accords"]
    assert isinstance(table, Analysis) and isinstance(accords, Analysis)
    assert len(table.events) <= 5
    assert len(accords.events) <= 20  # one per sentence at most, not one per pair


def test_an_impossible_date_gets_no_value(
    results: dict[str, tuple[Analysis | Failure, int]],
) -> None:
    result, _ = results["impossible_dates"]
    assert isinstance(result, Analysis)
    for t in result.times:
        if "30" in t.text and "February" in t.text:
            assert t.value is None or not t.value.endswith("-02-30")


def test_control_characters_do_not_reach_the_text(
    results: dict[str, tuple[Analysis | Failure, int]],
) -> None:
    result, _ = results["control_characters"]
    assert isinstance(result, Analysis)
    assert [c for c in result.text if unicodedata.category(c) == "Cc" and c not in "\n\t"] == []
