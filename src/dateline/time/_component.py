"""The time stage as a spaCy component: ``dateline_times``.

Reads ``doc._.article`` and the parse; writes ``doc._.times`` and one span per expression
in ``doc.spans["dateline_times"]`` (labelled with its granularity).
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import TIME_SPANS, Stage, char_spans
from ..types import Article
from ._find import find_times

__all__ = ["TimeStage"]


class TimeStage(Stage):
    def annotate(self, doc: Doc, article: Article) -> None:
        times = find_times(article, doc)
        doc._.times = times
        char_spans(doc, TIME_SPANS, ((t.start, t.end, t.granularity or "") for t in times))


@Language.factory(
    "dateline_times",
    requires=["token.dep", "token.head", "token.tag"],
    assigns=["doc._.times", "doc.spans"],
)
def make_time_stage(nlp: Language, name: str) -> TimeStage:
    return TimeStage()
