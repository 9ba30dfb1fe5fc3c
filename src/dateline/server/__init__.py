"""The HTTP API and the web viewer over a corpus (``dateline serve``).

Needs the optional extra ``server`` (FastAPI, uvicorn, Jinja2):
``pip install 'dateline[server]'``.
"""

from __future__ import annotations

from ._app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
