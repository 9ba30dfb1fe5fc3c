"""The Python examples of the README and of docs/guide/python.md run, as doctests, in a folder
holding the README's ``article.txt`` (the text its shell example writes)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGES = ["README.md", "docs/guide/python.md"]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def readme_article() -> str:
    """The text the README's ``cat > article.txt <<'EOF'`` block writes."""
    readme = (REPO / "README.md").read_text("utf-8")
    found = re.search(r"cat > article\.txt <<'EOF'\n(.*?)\nEOF\n", readme, re.S)
    assert found, "the README no longer writes article.txt"
    return found.group(1) + "\n"


@pytest.mark.parametrize("page", PAGES)
def test_the_page_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "article.txt").write_text(readme_article(), "utf-8")
    monkeypatch.chdir(tmp_path)
    text = (REPO / page).read_text("utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, page, str(REPO / page), 0)
    assert test.examples, f"{page} has no examples"
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {page} failed"
