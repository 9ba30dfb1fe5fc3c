"""The pipeline: one function of the previous stage's output per stage.

    RawArticle -> structure -> nlp -> entities -> times -> quotes -> events -> Analysis

``Pipeline.analyze_many`` runs the same stages over many articles, with the spaCy model
applied in batches (``nlp.pipe``); a record that fails becomes a ``Failure`` and the rest
go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from . import entities as entities_stage
from . import events as events_stage
from . import quotes as quotes_stage
from . import structure
from . import time as timex
from .entities import load_user_dictionary
from .errors import INTERNAL, DatelineError
from .nlp import Model, load_model
from .types import Analysis, Article, Failure, Origin, RawArticle, TimeExpr

__all__ = ["Pipeline", "analyze"]


@dataclass(frozen=True)
class Settings:
    model: str | None = None
    batch_size: int = 16
    n_process: int = 1


class Pipeline:
    """Loads the model once and analyses articles one at a time or in batches."""

    def __init__(
        self,
        model: str | None = None,
        *,
        batch_size: int = 16,
        n_process: int = 1,
        dictionaries: Sequence[str | Path] = (),
    ):
        self.settings = Settings(model=model, batch_size=batch_size, n_process=n_process)
        self._model: Model | None = None
        # the user's actor dictionaries (Phoenix format or CSV), read once; ConfigError if bad
        self._dictionaries = load_user_dictionary(list(dictionaries))

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = load_model(self.settings.model)
        return self._model

    def analyze(self, raw: RawArticle) -> Analysis:
        """Analyse one article; raises ``DatelineError`` when it cannot be read."""
        article = structure.build_article(raw)
        return self._finish(article, self.model(article.text))

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
        with self.model.nlp.memory_zone():
            docs = iter(
                self.model.pipe(
                    (a.text for a in articles),
                    batch_size=self.settings.batch_size,
                    n_process=self.settings.n_process,
                )
            )
            for item in pending:
                if isinstance(item, Failure):
                    out.append(item)
                    continue
                doc = next(docs)
                try:
                    out.append(self._finish(item, doc))
                except DatelineError as exc:
                    out.append(Failure(item.origin or Origin(), exc.code, exc.message))
                except Exception as exc:  # a stage's bug must not end a long batch run
                    message = f"internal error in the analysis: {type(exc).__name__}: {exc}"
                    out.append(Failure(item.origin or Origin(), INTERNAL, message))
            del docs
        yield from out

    def _finish(self, article: Article, doc: Doc) -> Analysis:
        entities = entities_stage.find_entities(article, doc, dictionaries=self._dictionaries)
        times = timex.find_times(article, doc)
        quotes = quotes_stage.find_quotes(article, doc, entities)
        events = events_stage.find_events(article, doc, entities, times, quotes)
        dateline = article.dateline
        if dateline is not None:
            dateline = replace(dateline, entity=entities_stage.dateline_entity(article, entities))
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
            model=self.model.name,
            replacements=article.replacements,
            entities=entities,
            times=times,
            quotes=quotes,
            events=events,
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
