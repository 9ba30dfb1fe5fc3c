"""``--lexicon`` at the command line: a user's event lexicon changes the coding, and a bad one
is one clear message naming the file (exit status 2, no traceback)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from dateline.cli._main import main

CUSTOM = "lemma\tpos\tcues\tcameo\tname\nvisit\tVERB\t-\t042\tmy-visit\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_analyze_codes_with_the_user_lexicon(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kenya's president visited Ethiopia on Monday.", "utf-8")
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(CUSTOM, "utf-8")
    code, out, err = run("analyze", "--lexicon", str(lexicon), str(article))
    assert code == 0, err
    rules = [e["rule"] for e in json.loads(out)["events"]]
    assert any(r.startswith("lexicon:my-visit") for r in rules)  # "+model" when it checked


def test_a_bad_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kenya's president visited Ethiopia on Monday.", "utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_text("lemma\tpos\tcues\tcameo\nvisit\tADJ\t-\tabc\n", "utf-8")
    code, out, err = run("analyze", "--lexicon", str(bad), str(article))
    assert code == 2
    assert "bad.tsv: row 2" in err
    assert "Traceback" not in err and out == ""
