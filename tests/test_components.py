"""The stages after structure as spaCy components writing on one annotated Doc."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dateline._doc import ENTITY_SPANS, QUOTE_SPANS, TIME_SPANS
from dateline.entities._component import EntityStage
from dateline.pipeline import STAGES, Pipeline, Settings, analysis_from_doc
from dateline.structure import _build as structure
from dateline.types import Failure, Origin, RawArticle

TEXT = (
    "GENEVA (AP) — Foreign ministers of France and Germany met in Geneva on Friday. "
    '"We will meet again next week," the French minister Jean Dupont told reporters. '
    "Police arrested 12 protesters outside the hall on Thursday."
)


def annotated(pipeline: Pipeline, text: str = TEXT) -> Doc:
    article = structure.build_article(
        RawArticle(origin=Origin(), text=text, published="2022-01-21")
    )
    nlp = pipeline.model.nlp
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return nlp(doc)


@pytest.mark.parametrize(
    ("name", "requires", "assigns"),
    [
        ("dateline_entities", "doc.ents", "doc._.entities"),
        ("dateline_entities", "token.dep", "doc._.dateline_entity"),
        ("dateline_entities", "doc.sents", "token._.entity_ids"),
        ("dateline_times", "token.dep", "doc._.times"),
        ("dateline_quotes", "doc._.entities", "doc._.quotes"),
        ("dateline_events", "doc._.dateline_entity", "doc._.events"),
        ("dateline_events", "doc._.times", "doc._.events"),
        ("dateline_events", "doc._.quotes", "doc._.events"),
        ("dateline_event_places", "doc._.events", "doc._.events"),
        ("dateline_event_places", "doc._.dateline_entity", "doc._.entities"),
    ],
)
def test_factories_declare_what_they_read_and_write(name: str, requires: str, assigns: str) -> None:
    meta = Language.get_factory_meta(name)
    assert requires in meta.requires
    assert assigns in meta.assigns


def test_components_run_after_the_model_with_nothing_missing(pipeline: Pipeline) -> None:
    nlp = pipeline.model.nlp
    assert nlp.pipe_names[-len(STAGES) :] == list(STAGES)
    analysis = nlp.analyze_pipes()
    assert all(problems == [] for problems in analysis["problems"].values())
    # each component reads only what an earlier one assigned
    # dateline_event_places adds demonym mentions after the events (no actor choice changes)
    assert analysis["attrs"]["doc._.entities"]["assigns"] == [
        "dateline_entities",
        "dateline_event_places",
    ]
    assert analysis["attrs"]["doc._.entities"]["requires"] == [
        "dateline_quotes",
        "dateline_events",
        "dateline_event_places",
    ]


def test_each_stage_writes_on_the_doc(pipeline: Pipeline) -> None:
    doc = annotated(pipeline)
    assert doc._.failure is None
    entities = {e.id: e for e in doc._.entities}
    geneva = doc._.dateline_entity
    assert geneva is not None and entities[geneva].name == "Geneva"
    # token-aligned entity ids, and one span per mention labelled with the entity id
    spans = doc.spans[ENTITY_SPANS]
    assert len(spans) == sum(len(e.mentions) for e in entities.values())
    for span in spans:
        assert span.label_ in entities
        assert all(span.label_ in tok._.entity_ids for tok in span)
    assert {t._.entity_ids[0] for t in doc if t.text == "France"} <= set(entities)
    assert doc._.times and doc.spans[TIME_SPANS][0].text == "Friday"
    assert doc._.quotes and doc.spans[QUOTE_SPANS][0].label_ == doc._.quotes[0].id
    assert any(e.type == "ASSAULT" or e.cameo for e in doc._.events)
    assert analysis_from_doc(doc, pipeline.model.name).dateline.entity == geneva  # type: ignore[union-attr]


def test_a_doc_the_pipeline_did_not_prepare_is_left_alone(pipeline: Pipeline) -> None:
    doc = pipeline.model.nlp("Police arrested 12 protesters in Geneva.")
    assert doc._.entities is None and doc._.events is None
    assert ENTITY_SPANS not in doc.spans


def test_analysis_from_the_doc_equals_the_pipelines(pipeline: Pipeline) -> None:
    raw = RawArticle(origin=Origin(), text=TEXT, published="2022-01-21")
    one = pipeline.analyze(raw)
    many = list(pipeline.analyze_many([raw, raw]))
    assert many == [one, one]
    assert analysis_from_doc(annotated(pipeline), pipeline.model.name) == one


def test_settings_reach_the_components_through_their_config(pipeline: Pipeline) -> None:
    text = "Rebels attacked the army, seized the town, burned the base and killed police in Mali."
    raw = RawArticle(origin=Origin(), text=text, published="2022-01-21")
    try:
        limited = Pipeline(settings=Settings(max_events_per_sentence=1))
        events = limited.analyze(raw).events
        config = limited.model.nlp.get_pipe_config("dateline_events")
        assert config["max_events_per_sentence"] == 1
        assert len(events) <= 1
        assert len(pipeline.analyze(raw).events) > len(events)
    finally:
        pipeline.analyze(raw)  # the session's settings back on the shared model
    assert pipeline.model.nlp.get_pipe_config("dateline_events")["max_events_per_sentence"] == 3


def test_a_stage_failure_fails_its_article_only(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = EntityStage.annotate

    def annotate(self: EntityStage, doc: Doc, article: object) -> None:
        if "BREAK" in doc.text:
            raise RuntimeError("broken on purpose")
        original(self, doc, article)  # type: ignore[arg-type]

    monkeypatch.setattr(EntityStage, "annotate", annotate)
    good = RawArticle(origin=Origin(line=1), text=TEXT)
    bad = RawArticle(origin=Origin(line=2), text="BREAK this article, said the minister.")
    results = list(pipeline.analyze_many([good, bad, good]))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]
    failure = results[1]
    assert isinstance(failure, Failure) and failure.code == "E090"
    assert "RuntimeError: broken on purpose" in failure.message
    with pytest.raises(RuntimeError, match="broken on purpose"):
        pipeline.analyze(bad)


def test_worker_processes_give_the_same_analyses(pipeline: Pipeline) -> None:
    texts = [TEXT, "Police arrested 12 protesters in Lagos on Monday.", "BERLIN -- Talks ended."]
    raws = [
        RawArticle(origin=Origin(line=i), text=t, published="2022-01-21")
        for i, t in enumerate(texts)
    ]
    workers = Pipeline(settings=Settings(n_process=2, batch_size=2))
    assert list(workers.analyze_many(raws)) == [pipeline.analyze(r) for r in raws]
