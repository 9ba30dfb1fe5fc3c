"""dateline: news articles in, sourced and structured facts out.

>>> import dateline
>>> result = dateline.analyze(open("article.txt").read())
>>> result.to_dict()["schema"]
'dateline/1'
"""

from __future__ import annotations

from .errors import ConfigError, DatelineError, InputError, ModelError, StoreError
from .pipeline import Pipeline, Settings, analyze
from .tables import to_arrow, to_pandas
from .types import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    Dateline,
    Dropped,
    Entity,
    Event,
    Failure,
    Geo,
    Mention,
    Origin,
    Paragraph,
    Quote,
    RawArticle,
    Replacement,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
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
