"""The command line: a thin layer over the library."""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
