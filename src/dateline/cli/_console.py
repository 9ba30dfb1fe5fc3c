"""Where the commands write: the two streams of one run, and Rich consoles on them.

``main`` puts a ``Streams`` on the Click context; every command writes through it, so a test
can pass ``io.StringIO`` objects and read what a user would see. Rich is used only when the
stream is a terminal: anything piped or redirected gets plain, stable text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

import click
from rich.console import Console

__all__ = ["Streams", "console", "is_terminal", "streams"]


@dataclass(frozen=True)
class Streams:
    """Standard output and standard error of one command-line run."""

    out: TextIO
    err: TextIO


def streams() -> Streams:
    """The streams of the running command (set by ``main``)."""
    found = click.get_current_context().find_object(Streams)
    if found is None:  # invoked outside ``main``: the process' streams
        return Streams(sys.stdout, sys.stderr)
    return found


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal (a closed or odd stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def console(stream: TextIO) -> Console:
    """A Rich console on ``stream``. Rich itself honours ``NO_COLOR`` (no colours, same
    layout) and ``TERM=dumb``; syntax highlighting of numbers and strings is off."""
    return Console(file=stream, highlight=False, soft_wrap=False)
