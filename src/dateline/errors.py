"""One exception tree for dateline.

Every error a user can cause is a ``DatelineError`` with a stable ``code`` (``E0xx``), a
message that names the input and the problem, and, where there is one, a ``hint`` that says
what to do next. The CLI prints ``code``, message and hint and exits with status 2; it never
shows a traceback for these.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatelineError",
    "InputError",
    "ModelError",
    "StoreError",
]


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"{self.code} {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class InputError(DatelineError):
    """An input file or record that cannot be read or holds no article."""

    code = "E010"


class ModelError(DatelineError):
    """The spaCy model package is missing or broken."""

    code = "E020"


class ConfigError(DatelineError):
    """A setting, option or user dictionary that is not valid."""

    code = "E030"


class StoreError(DatelineError):
    """The corpus database cannot be opened, written or read."""

    code = "E040"
