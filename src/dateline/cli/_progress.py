"""The ingest progress bar on a terminal, drawn by Rich.

It stands in for ``corpus.Progress`` (same calls: ``update``, ``committed``, ``close``), so
``corpus.ingest`` does not know who draws it. Off a terminal the CLI keeps the library's
plain one-line-per-commit display (``--progress``), whose text scripts may read.
"""

from __future__ import annotations

from typing import TextIO

from rich.progress import BarColumn, MofNCompleteColumn, Task, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichBar
from rich.text import Text

from ..corpus import Progress
from ._console import console

__all__ = ["TerminalProgress"]


class _RateColumn(TextColumn):
    """Records per second since the start."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed or 0.0:.1f}/s")


class TerminalProgress(Progress):
    """A Rich progress bar of records read on ``stream``: count, rate and ETA."""

    def __init__(self, stream: TextIO, total: int | None = None):
        super().__init__(stream, total)
        self._bar = RichBar(
            TextColumn("records"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console(stream),
            transient=False,
            refresh_per_second=2,
        )
        self._task = self._bar.add_task("ingest", total=total)
        self._bar.start()

    def update(self, done: int, *, force: bool = False) -> None:
        self.done = done
        self._bar.update(self._task, completed=done, refresh=force)

    def committed(self, stored: int) -> None:
        """Nothing to add on a terminal: the bar shows the records read."""

    def close(self) -> None:
        self._bar.update(self._task, completed=self.done)
        self._bar.stop()
