"""The generated reference pages of docs/ are current: each equals what the code renders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline import errors, schema
from tests.conftest import REPO

ERRORS_INTRO = (
    "# Error codes\n\n"
    "Generated from `dateline.errors.CODES` by `dateline.errors.markdown_table()`. Every "
    "error dateline reports, as a message, a failure row or an exception, carries one of "
    "these codes.\n\n"
)

PAGES: list[tuple[str, Callable[[], str]]] = [
    ("docs/reference/schema.md", lambda: schema.render_markdown().rstrip() + "\n"),
    ("docs/reference/errors.md", lambda: ERRORS_INTRO + errors.markdown_table().rstrip() + "\n"),
]


@pytest.mark.parametrize(("page", "render"), PAGES, ids=[p for p, _ in PAGES])
def test_generated_page_is_current(page: str, render: Callable[[], str]) -> None:
    assert (REPO / page).read_text("utf-8") == render(), (
        f"{page} is stale: regenerate it (see the first lines of the page)"
    )


def test_every_error_code_is_in_its_page() -> None:
    text = (REPO / "docs/reference/errors.md").read_text("utf-8")
    for code in errors.CODES:
        assert f"`{code}`" in text
