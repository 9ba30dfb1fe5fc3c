"""The HTTP API and the web viewer over a corpus (``dateline serve``), and the export of the
corrections its readers mark (``dateline corrections export``).

The app needs the optional extra ``server`` (FastAPI, uvicorn, Jinja2):
``pip install 'dateline[server]'``; it is imported on first use of ``create_app`` or
``MAX_BODY``, so the corrections export works without the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._corrections import corrections_path
from ._export import EXPORT_COLUMNS, FORMATS, correction_inputs, correction_rows, write_corrections

if TYPE_CHECKING:
    from ._app import MAX_BODY, create_app

__all__ = [
    "EXPORT_COLUMNS",
    "FORMATS",
    "MAX_BODY",
    "correction_inputs",
    "correction_rows",
    "corrections_path",
    "create_app",
    "write_corrections",
]


def __getattr__(name: str) -> Any:
    if name in ("MAX_BODY", "create_app"):
        from . import _app

        return getattr(_app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
