"""Directories: every file with a wanted extension, recursively, in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["files_in"]


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top)
    except (OSError, RuntimeError, ValueError):  # a loop, or a target out of the tree
        return False
    return True


def files_in(
    top: Path, extensions: tuple[str, ...], *, follow_links: bool = False
) -> Iterator[tuple[Path, bool]]:
    """``(file, followed)`` for each file under ``top`` whose name ends with one of
    ``extensions`` (any case), walking directories in sorted order; hidden files and
    directories (``.name``) are skipped.

    Without ``follow_links``, symbolic links to directories are not walked and a symbolic
    link to a file out of the tree gives ``followed`` False (the caller reports it, never
    reads it). With it, links are followed, each real directory walked once (no loops).
    """
    wanted = tuple(e.lower() for e in extensions)
    real_top = top.resolve()
    seen: set[str] = set()
    for root, dirs, names in os.walk(top, followlinks=follow_links):
        if follow_links:
            real = os.path.realpath(root)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(wanted):
                continue
            path = Path(root) / name
            yield path, follow_links or not path.is_symlink() or _inside(path, real_top)
