"""A small corpus for the viewer's tests: a few texts ingested with the real pipeline."""

from __future__ import annotations

from pathlib import Path

from dateline.corpus import Store, ingest
from dateline.pipeline import Pipeline
from tests.test_store import raw

HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    '<a href="javascript:window.__pwned = 3">click here</a>'
)
TEXTS = [
    (
        "Ministers meet in Geneva",
        "2022-01-21",
        "The foreign ministers of France and Germany met in Geneva on Friday to discuss the "
        'crisis. "We will keep talking until there is peace," said Annalena Baerbock, the '
        "German foreign minister. Police arrested twelve protesters outside the building.",
    ),
    (
        "Talks in Geneva end",
        "2022-01-22",
        "France and Germany agreed in Geneva on Saturday to hold more talks next month, "
        "officials said. The Russian government accused Ukraine of shelling villages near "
        "Donetsk, a statement said.",
    ),
    (
        "<script>alert('title')</script> Storm hits coast",
        "2022-01-23",
        "A storm hit the coast of Portugal on Sunday, flooding streets in three towns and "
        "cutting power to thousands of homes, the national weather service said. "
        + HOSTILE
        + " Rescue teams from Spain helped the Portuguese police to evacuate families from "
        'the old town, the mayor of Lisbon said on Monday. "The water rose faster than '
        'anyone expected," the mayor told reporters after visiting the shelters.',
    ),
]


def build_corpus(path: Path, pipeline: Pipeline) -> Path:
    with Store.open(path, write=True) as store:
        ingest(
            [
                raw(text, line=i, title=title, published=date, source="Test Wire")
                for i, (title, date, text) in enumerate(TEXTS, 1)
            ],
            store,
            pipeline,
        )
    return path
