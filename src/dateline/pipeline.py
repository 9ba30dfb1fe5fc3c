"""The pipeline: the structure stage, then one spaCy pipeline over an annotated Doc.

    RawArticle -> structure -> Doc(article.text), doc._.article = Article
               -> spaCy model -> dateline_entities -> dateline_times -> dateline_quotes
               -> dateline_events -> dateline_event_places -> analysis_from_doc -> Analysis

The stages after structure are registered spaCy components (``entities/_component.py``,
``time/_component.py``, ``quotes/_component.py``, ``events/_component.py``); each writes its
results on the Doc (see ``_doc.py``) and reads what the earlier ones wrote. They are added
to the loaded model's pipeline once, configured from ``Settings``. ``Analysis`` is built
once, at the end, from the Doc.

``Pipeline.analyze_many`` runs the same stages over many articles, with ``nlp.pipe`` in
batches; a record that fails becomes a ``Failure`` and the rest go on.

Long and hostile texts (``_windows.py``): a text longer than ``Settings.window_chars`` goes
through the model in paragraph-aligned windows joined into one Doc with the text's exact
offsets (``Doc.from_docs``); one longer than ``Settings.max_chars``, or whose estimated
memory is over ``Settings.memory_budget_mb``, is a coded failure before the model runs; and
an article whose analysis passes ``Settings.time_budget`` seconds (checked between windows
and between stages) is stopped and recorded as a failure. The batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import structure
from ._doc import Stage
from .entities import EntityStage, load_user_dictionary
from .errors import INTERNAL, OVER_MEMORY, OVER_TIME, TOO_LONG, ConfigError, DatelineError
from .events import EventPlaceStage, EventStage, Limits, load_lexicon
from .nlp import Model, cut_sentences, load_model, model_text, restore_text, split_windows
from .quotes import QuoteStage
from .time import TimeStage
from .types import Analysis, Article, Failure, Origin, RawArticle, TimeExpr

__all__ = [
    "STAGES",
    "ArticleInput",
    "Pipeline",
    "Settings",
    "analysis_from_doc",
    "analyze",
    "as_raw",
]

# what ``Pipeline.analyze`` and ``analyze_many`` take: a text, a record mapping (the keys of
# ``RawArticle``: text, html, url, title, published, source, byline; ``id`` names it), or a
# ``RawArticle`` as the readers make them
ArticleInput = str | Mapping[str, Any] | RawArticle
_RAW_KEYS = ("text", "html", "url", "title", "published", "source", "byline")

# the dateline components, in the order they run after the model's own (importing a stage's
# package registers its component's factory under this name)
STAGES: dict[str, type[Stage]] = {
    "dateline_entities": EntityStage,
    "dateline_times": TimeStage,
    "dateline_quotes": QuoteStage,
    "dateline_events": EventStage,
    "dateline_event_places": EventPlaceStage,
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
    # events: the learned model checks the rules' events (drops, retypes, sets confidence)
    # and codes the triggers they passed over; on by default since it raised type accuracy,
    # type precision, macro-F1 and target country in cross-validation and on the annotated
    # test fifth, source country unchanged (bench/events.py)
    event_model: bool = True
    # entities: use the shipped Phoenix actor dictionaries too
    builtin_dictionaries: bool = True
    # a text longer than this many characters goes through the model in paragraph-aligned
    # windows of at most this size (spaCy's own limit, nlp.max_length, is 1,000,000)
    window_chars: int = 100_000
    # a sentence the parser makes longer than this many tokens is cut into pieces of at
    # most this many (the stages' work per sentence stays bounded)
    sentence_tokens: int = 1000
    # a text longer than this is not analysed: a coded failure (E050), the batch goes on
    max_chars: int = 2_000_000
    # seconds one article's analysis may take (checked between model windows and between
    # stages); past it the article is a coded failure (E051). 0 turns the budget off
    time_budget: float = 600.0
    # megabytes one article's analysis may need, estimated from its length (see
    # ``MEMORY_PER_CHAR``); past it the article is a coded failure (E052). 0 turns it off
    memory_budget_mb: int = 4096

    def stage_configs(
        self, dictionaries: Sequence[str], lexicons: Sequence[str] = ()
    ) -> dict[str, dict[str, Any]]:
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
                "lexicons": list(lexicons),
                "event_model": self.event_model,
            },
            "dateline_event_places": {},
        }


# bytes of peak memory per character of text, measured by bench/hostile.py (the worst shape,
# with the model run in windows, rounded up): the memory guard's estimate
MEMORY_PER_CHAR = 1_000


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
        lexicons: Sequence[str | Path] = (),
        settings: Settings | None = None,
    ):
        """``settings``, when given, replaces ``model``, ``batch_size`` and ``n_process``.

        ``dictionaries`` are extra actor dictionaries (Phoenix format or CSV
        ``name,code[,country,sector]``); ``lexicons`` extra event lexicons (tab-separated,
        the format of ``data/events/lexicon.tsv``: lemma, pos, cues, cameo, name; later
        entries win). A bad file fails here, with ``ConfigError``.
        """
        self.settings = settings or Settings(
            model=model, batch_size=batch_size, n_process=n_process
        )
        self._model: Model | None = None
        self._dictionaries = [str(p) for p in dictionaries]
        self._lexicons = [str(p) for p in lexicons]
        # the user's actor dictionaries and event lexicons: a bad one fails here, with
        # ConfigError, rather than at the first article
        load_user_dictionary(self._dictionaries)
        if self._lexicons:
            load_lexicon(self._lexicons)

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = load_model(self.settings.model)
            self._nlp()
        return self._model

    def _nlp(self) -> Language:
        """The model's pipeline with the dateline components, as these settings make them."""
        nlp = self.model.nlp
        install_stages(nlp, self.settings.stage_configs(self._dictionaries, self._lexicons))
        return nlp

    def analyze(
        self,
        article: ArticleInput | None = None,
        *,
        html: str | None = None,
        published: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> Analysis:
        """Analyse one article; raises ``DatelineError`` when it cannot be read.

        ``article`` is the text (or a record mapping, or a ``RawArticle``); HTML goes in
        ``html=`` instead. ``published`` (ISO date) anchors relative dates.
        """
        fields = {"html": html, "published": published, "url": url, "title": title}
        raw = as_raw(article, **{k: v for k, v in fields.items() if v is not None})
        built = structure.build_article(raw)
        self._check_size(built)
        nlp = self._nlp()
        doc = next(iter(self._annotate(nlp, [built])))
        if doc._.failure is not None:
            raise doc._.failure
        return analysis_from_doc(doc, self.model.name)

    def analyze_many(
        self, records: Iterable[ArticleInput | Failure]
    ) -> Iterator[Analysis | Failure]:
        """Analyse a stream of records in order; failures pass through or are made here.

        Each record is a text, a record mapping or a ``RawArticle``; a record that cannot
        be analysed yields a ``Failure`` (with its code and reason) in its place.
        """
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

    def _structure_or_fail(self, record: ArticleInput | Failure) -> Article | Failure:
        if isinstance(record, Failure):
            return record
        try:
            raw = as_raw(record)
        except DatelineError as exc:
            return Failure(Origin(), exc.code, exc.message)
        try:
            return self._check_size(structure.build_article(raw))
        except DatelineError as exc:
            return Failure(raw.origin, exc.code, exc.message)
        except Exception as exc:  # a stage's bug must not end a long batch run
            message = f"internal error in the structure stage: {type(exc).__name__}: {exc}"
            return Failure(raw.origin, INTERNAL, message)

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

    def _check_size(self, article: Article) -> Article:
        """The article, unless its text is over the length or memory budget (raises)."""
        n = len(article.text)
        settings = self.settings
        if settings.max_chars and n > settings.max_chars:
            raise DatelineError(
                f"the text has {n:,} characters, over the maximum of {settings.max_chars:,} "
                "for one article",
                hint="raise Settings.max_chars or split the article",
                code=TOO_LONG,
            )
        need = n * MEMORY_PER_CHAR // 1_000_000
        if settings.memory_budget_mb and need > settings.memory_budget_mb:
            raise DatelineError(
                f"the text has {n:,} characters and would need about {need:,} MB, over the "
                f"memory budget of {settings.memory_budget_mb:,} MB",
                hint="raise Settings.memory_budget_mb or split the article",
                code=OVER_MEMORY,
            )
        return article

    def _annotate(self, nlp: Language, articles: list[Article]) -> Iterator[Doc]:
        """The articles' Docs, in order: the model, then the dateline components on each.

        Texts up to ``window_chars`` go through ``nlp.pipe`` in batches (in worker processes
        when ``n_process > 1``); longer ones through the model window by window, here.
        The components run here too (their results are Python objects, which the workers'
        ``Doc.to_bytes`` cannot carry back), one Doc at a time under the time budget.
        """
        window = self.settings.window_chars
        short = [a for a in articles if len(a.text) <= window]
        parsed = nlp.pipe(
            (model_text(a.text) for a in short),
            batch_size=self.settings.batch_size,
            n_process=self.settings.n_process,
            disable=list(STAGES),
        )
        for article in articles:
            started = time.monotonic()
            try:
                if len(article.text) <= window:
                    doc = restore_text(next(parsed), article.text)
                    cut_sentences(doc, self.settings.sentence_tokens)
                else:
                    doc = self.parse(article.text, started)
            except DatelineError as exc:
                doc = nlp.make_doc("")
                doc._.failure = exc
            yield self._run_stages(nlp, _attach(doc, article), started)

    def parse(self, text: str, started: float | None = None) -> Doc:
        """The model's Doc of ``text`` (no dateline components), window by window when
        the text is longer than ``window_chars``: one Doc with the text's exact offsets.

        ``started`` (``time.monotonic()``) puts the model under the time budget.
        """
        nlp = self._nlp()
        if started is None:
            started = time.monotonic()
        docs = []
        windows = split_windows(text, self.settings.window_chars)
        pieces = (model_text(text[a:b]) for a, b in windows)
        parsed = nlp.pipe(pieces, batch_size=1, disable=list(STAGES))
        for (a, b), doc in zip(windows, parsed, strict=True):
            docs.append(restore_text(doc, text[a:b]))
            self._check_time(started, f"the model, window {len(docs)} of {len(windows)}")
        joined = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        assert joined.text == text
        cut_sentences(joined, self.settings.sentence_tokens)
        return joined

    def _run_stages(self, nlp: Language, doc: Doc, started: float) -> Doc:
        for name in STAGES:
            if doc._.failure is not None:
                break
            try:
                self._check_time(started, f"before {name}")
            except DatelineError as exc:
                doc._.failure = exc
                break
            stage = nlp.get_pipe(name)
            assert isinstance(stage, STAGES[name])
            doc = next(iter(stage.pipe([doc])))
        return doc

    def _check_time(self, started: float, where: str) -> None:
        budget = self.settings.time_budget
        spent = time.monotonic() - started
        if budget and spent > budget:
            raise DatelineError(
                f"the analysis took {spent:.0f} s, over the time budget of {budget:g} s "
                f"per article (stopped {where})",
                hint="raise Settings.time_budget, or report the input",
                code=OVER_TIME,
            )


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


def as_raw(article: ArticleInput | None, **fields: Any) -> RawArticle:
    """A ``RawArticle`` from a text, a record mapping or a ``RawArticle`` (fields added).

    Raises ``ConfigError`` for anything else, for unknown mapping keys, and for fields
    given beside a ``RawArticle``.
    """
    if isinstance(article, RawArticle):
        if fields:
            raise ConfigError(
                "give html/published/url/title inside the RawArticle, not beside it",
                hint="dataclasses.replace(raw, published=...)",
            )
        return article
    if article is None or isinstance(article, str):
        return RawArticle(origin=Origin(), text=article, **fields)
    if isinstance(article, Mapping):
        unknown = sorted(set(article) - set(_RAW_KEYS) - {"id"})
        if unknown:
            raise ConfigError(
                f"unknown article field(s): {', '.join(map(str, unknown))}",
                hint="known fields: id, " + ", ".join(_RAW_KEYS),
            )
        known = {k: article[k] for k in _RAW_KEYS if article.get(k) is not None}
        record = article.get("id")
        origin = Origin(record=None if record is None else str(record))
        return RawArticle(origin=origin, **{**known, **fields})
    raise ConfigError(
        f"cannot analyse a {type(article).__name__}",
        hint="give the text as a string, a mapping with a 'text' or 'html' field, "
        "or a dateline.RawArticle",
    )
