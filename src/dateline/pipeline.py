"""The pipeline: the structure stage, then one spaCy pipeline over an annotated Doc.

    RawArticle -> structure -> Doc(article.text), doc._.article = Article
               -> spaCy model -> dateline_entities -> dateline_times -> dateline_quotes
               -> dateline_events -> analysis_from_doc -> Analysis

The stages after structure are registered spaCy components (``entities/_component.py``,
``time/_component.py``, ``quotes/_component.py``, ``events/_component.py``); each writes its
results on the Doc (see ``_doc.py``) and reads what the earlier ones wrote. They are added
to the loaded model's pipeline once, configured from ``Settings``. ``Analysis`` is built
once, at the end, from the Doc.

``Pipeline.analyze_many`` runs the same stages over many articles, with ``nlp.pipe`` in
batches; a record that fails becomes a ``Failure`` and the rest go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import structure
from ._doc import Stage
from .entities import EntityStage, load_user_dictionary
from .errors import INTERNAL, DatelineError
from .events import EventStage, Limits
from .nlp import Model, load_model
from .quotes import QuoteStage
from .time import TimeStage
from .types import Analysis, Article, Failure, Origin, RawArticle, TimeExpr

__all__ = ["STAGES", "Pipeline", "Settings", "analysis_from_doc", "analyze"]

# the dateline components, in the order they run after the model's own (importing a stage's
# package registers its component's factory under this name)
STAGES: dict[str, type[Stage]] = {
    "dateline_entities": EntityStage,
    "dateline_times": TimeStage,
    "dateline_quotes": QuoteStage,
    "dateline_events": EventStage,
}
_LIMITS = Limits()


@dataclass(frozen=True)
class Settings:
    """What a user may tune: the model, batching, and the stages' limits.

    The limits reach the components through their factory config (``nlp.add_pipe``).
    """

    model: str | None = None
    batch_size: int = 16
    n_process: int = 1
    # events: at most this many events per sentence
    max_events_per_sentence: int = _LIMITS.max_events_per_sentence
    # events: longer "sentences" (flattened tables) are cut to their start
    max_sentence_tokens: int = _LIMITS.max_sentence_tokens
    # events: an event dated this many days before publication is historical
    historical_days: int = _LIMITS.historical_days
    # events: a sentence whose only act is a political actor's statement is coded as 010
    statements: bool = True
    # entities: use the shipped Phoenix actor dictionaries too
    builtin_dictionaries: bool = True

    def stage_configs(self, dictionaries: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The factory config of each dateline component."""
        return {
            "dateline_entities": {
                "dictionaries": list(dictionaries),
                "builtin_dictionaries": self.builtin_dictionaries,
            },
            "dateline_times": {},
            "dateline_quotes": {},
            "dateline_events": {
                "max_events_per_sentence": self.max_events_per_sentence,
                "max_sentence_tokens": self.max_sentence_tokens,
                "historical_days": self.historical_days,
                "statements": self.statements,
            },
        }


def install_stages(nlp: Language, configs: dict[str, dict[str, Any]]) -> None:
    """Add the dateline components after the model's own, unless there with this config.

    The model is loaded once per process and shared by every ``Pipeline``: one with other
    settings replaces the components (their config says which settings they were made with).
    """
    present = [name for name in STAGES if name in nlp.pipe_names]
    if present == list(STAGES) and all(
        {k: nlp.get_pipe_config(name).get(k) for k in config} == config
        for name, config in configs.items()
    ):
        return
    for name in present:
        nlp.remove_pipe(name)
    for name in STAGES:
        nlp.add_pipe(name, config=configs[name])


class Pipeline:
    """Loads the model once and analyses articles one at a time or in batches."""

    def __init__(
        self,
        model: str | None = None,
        *,
        batch_size: int = 16,
        n_process: int = 1,
        dictionaries: Sequence[str | Path] = (),
        settings: Settings | None = None,
    ):
        """``settings``, when given, replaces ``model``, ``batch_size`` and ``n_process``."""
        self.settings = settings or Settings(
            model=model, batch_size=batch_size, n_process=n_process
        )
        self._model: Model | None = None
        self._dictionaries = [str(p) for p in dictionaries]
        # the user's actor dictionaries (Phoenix format or CSV): a bad one fails here, with
        # ConfigError, rather than at the first article
        load_user_dictionary(self._dictionaries)

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = load_model(self.settings.model)
            self._nlp()
        return self._model

    def _nlp(self) -> Language:
        """The model's pipeline with the dateline components, as these settings make them."""
        nlp = self.model.nlp
        install_stages(nlp, self.settings.stage_configs(self._dictionaries))
        return nlp

    def analyze(self, raw: RawArticle) -> Analysis:
        """Analyse one article; raises ``DatelineError`` when it cannot be read."""
        article = structure.build_article(raw)
        nlp = self._nlp()
        doc = next(iter(nlp.pipe([_prepare(nlp, article)])))
        if doc._.failure is not None:
            raise doc._.failure
        return analysis_from_doc(doc, self.model.name)

    def analyze_many(self, records: Iterable[RawArticle | Failure]) -> Iterator[Analysis | Failure]:
        """Analyse a stream of records in order; failures pass through or are made here."""
        pending: list[Article | Failure] = []
        # worker processes live for one flush (that keeps their memory flat too): give each
        # several nlp.pipe batches so starting them is paid back
        n_process = self.settings.n_process
        flush_size = self.settings.batch_size * (1 if n_process <= 1 else 8 * n_process)
        for record in records:
            pending.append(self._structure_or_fail(record))
            if len(pending) >= flush_size:
                yield from self._flush(pending)
                pending = []
        if pending:
            yield from self._flush(pending)

    def _structure_or_fail(self, record: RawArticle | Failure) -> Article | Failure:
        if isinstance(record, Failure):
            return record
        try:
            return structure.build_article(record)
        except DatelineError as exc:
            return Failure(record.origin, exc.code, exc.message)
        except Exception as exc:  # a stage's bug must not end a long batch run
            message = f"internal error in the structure stage: {type(exc).__name__}: {exc}"
            return Failure(record.origin, INTERNAL, message)

    def _flush(self, pending: list[Article | Failure]) -> Iterator[Analysis | Failure]:
        # spaCy's memory zone frees the strings and vocabulary entries this batch added once
        # it closes, so memory stays flat over a long run; results are plain data, so they
        # are complete before the zone ends and are yielded after it.
        articles = [a for a in pending if isinstance(a, Article)]
        out: list[Analysis | Failure] = []
        nlp = self._nlp()
        with nlp.memory_zone():
            docs = iter(self._annotate(nlp, articles))
            for item in pending:
                if isinstance(item, Failure):
                    out.append(item)
                    continue
                doc = next(docs)
                try:
                    if doc._.failure is not None:
                        raise doc._.failure
                    out.append(analysis_from_doc(doc, self.model.name))
                except DatelineError as exc:
                    out.append(Failure(item.origin or Origin(), exc.code, exc.message))
                except Exception as exc:  # a stage's bug must not end a long batch run
                    message = f"internal error in the analysis: {type(exc).__name__}: {exc}"
                    out.append(Failure(item.origin or Origin(), INTERNAL, message))
            del docs
        yield from out

    def _annotate(self, nlp: Language, articles: list[Article]) -> Iterator[Doc]:
        batch_size = self.settings.batch_size
        n_process = self.settings.n_process
        if n_process == 1:
            return nlp.pipe((_prepare(nlp, a) for a in articles), batch_size=batch_size)
        # the stages' results are Python objects, which the workers' Doc.to_bytes cannot
        # carry back: the model runs in the workers, the dateline components here
        parsed = nlp.pipe(
            (a.text for a in articles),
            batch_size=batch_size,
            n_process=n_process,
            disable=list(STAGES),
        )
        docs: Iterator[Doc] = (_attach(doc, a) for doc, a in zip(parsed, articles, strict=True))
        for name in STAGES:
            stage = nlp.get_pipe(name)
            assert isinstance(stage, STAGES[name])
            docs = stage.pipe(docs)
        return docs


def _prepare(nlp: Language, article: Article) -> Doc:
    return _attach(nlp.make_doc(article.text), article)


def _attach(doc: Doc, article: Article) -> Doc:
    doc._.article = article
    return doc


def analysis_from_doc(doc: Doc, model: str) -> Analysis:
    """The ``Analysis`` of a Doc the dateline components have annotated."""
    article: Article = doc._.article
    times: tuple[TimeExpr, ...] = doc._.times
    dateline = article.dateline
    if dateline is not None:
        dateline = replace(dateline, entity=doc._.dateline_entity)
    return Analysis(
        id=article.id,
        text=article.text,
        paragraphs=article.paragraphs,
        dropped=article.dropped,
        title=article.title,
        dateline=dateline,
        byline=article.byline,
        published=article.published,
        published_from=article.published_from,
        url=article.url,
        source=article.source,
        language=article.language,
        origin=article.origin,
        model=model,
        replacements=article.replacements,
        entities=doc._.entities,
        times=times,
        quotes=doc._.quotes,
        events=doc._.events,
        warnings=article.warnings + _time_warnings(times),
    )


def _time_warnings(times: tuple[TimeExpr, ...]) -> tuple[str, ...]:
    unresolved = sum(1 for t in times if t.anchor == "none" and t.value is None)
    if not unresolved:
        return ()
    return (
        f"no publication date: {unresolved} relative time expression(s) left unresolved; "
        "give the date (--published or a date field) to resolve them",
    )


_DEFAULT: Pipeline | None = None


def analyze(
    text: str | None = None,
    *,
    html: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    model: str | None = None,
) -> Analysis:
    """Analyse one article given as text or HTML. The model is loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None or _DEFAULT.settings.model != model:
        _DEFAULT = Pipeline(model)
    raw = RawArticle(
        origin=Origin(), text=text, html=html, url=url, title=title, published=published
    )
    return _DEFAULT.analyze(raw)
