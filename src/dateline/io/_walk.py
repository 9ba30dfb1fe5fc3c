"""Directories: every file with a wanted extension, recursively, in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["files_in"]


def files_in(top: Path, extensions: tuple[str, ...]) -> Iterator[Path]:
    """Files under ``top`` whose name ends with one of ``extensions`` (any case), walking
    directories in sorted order; hidden files and directories (``.name``) are skipped and
    symbolic links to directories are not followed."""
    wanted = tuple(e.lower() for e in extensions)
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(wanted):
                yield Path(root) / name
