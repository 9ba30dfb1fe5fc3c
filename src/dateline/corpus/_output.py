"""Output files that never destroy data: checked against the inputs, written atomically.

``check_output`` refuses an output path that is the corpus database (or its WAL, or any
other input), by resolved path and by ``os.path.samefile`` (a symlink or a hard link is the
same file), with E031; and, when ``force`` is false, an output that already exists, with
E032. ``staging`` gives a private temporary folder next to the output: the data is written
there, then moved onto the output name with ``os.replace``, so a reader sees the old file or
the new one, never half of one, and a failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OUTPUT_EXISTS, OUTPUT_IS_INPUT, ConfigError

__all__ = ["check_output", "database_files", "output_error", "replace_into", "staging"]


def database_files(db: str | os.PathLike[str]) -> list[Path]:
    """The files of a DuckDB database: the file and its write-ahead log."""
    path = Path(db)
    return [path, path.with_name(path.name + ".wal")]


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: not the same file
        return False


def check_output(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    force: bool = True,
    what: str = "--output",
) -> Path:
    """``target`` if it may be written: not one of ``inputs``, and new unless ``force``."""
    path = Path(target)
    for source in inputs:
        if _same(path, Path(source)):
            raise ConfigError(
                f"{what} {path} is {Path(source)}, an input of this command: "
                "writing it would destroy it",
                hint="write to another file",
                code=OUTPUT_IS_INPUT,
            )
    if not force and (path.exists() or path.is_symlink()):
        raise ConfigError(
            f"{what} {path} already exists; it is not overwritten",
            hint="give another path, or --force to replace it",
            code=OUTPUT_EXISTS,
        )
    return path


def output_error(exc: OSError, target: str | os.PathLike[str]) -> ConfigError:
    """A coded error for an output that cannot be written."""
    reason = exc.strerror or str(exc)
    return ConfigError(f"{target}: cannot write: {reason}", hint="check the path and its folder")


@contextmanager
def staging(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """A new private folder inside ``folder`` (same file system, so ``os.replace`` from it is
    atomic), removed with whatever is left in it when the block ends."""
    path = Path(tempfile.mkdtemp(dir=folder or ".", prefix=".dateline-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def replace_into(written: Path, target: Path) -> None:
    """Move a finished file onto ``target`` in one step (the old file, if any, is replaced)."""
    os.replace(written, target)
