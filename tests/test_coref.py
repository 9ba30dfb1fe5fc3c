"""Rule-based coreference: the sentence cases (pronouns and nominal references, one case per
rule) are in ``tests/cases/entities.jsonl``; here the helpers' own tests."""

from __future__ import annotations

from dateline.entities._coref import quoted_regions


def test_quoted_regions_mixed_quote_marks_and_unclosed_quote() -> None:
    text = 'He said "frank and substantive” today.\n\n“Unclosed here\n\nNext'
    regions = quoted_regions(text, [0, text.index("“"), text.index("Next")])
    assert [text[a:b] for a, b in regions] == ["frank and substantive", "Unclosed here\n\n"]
