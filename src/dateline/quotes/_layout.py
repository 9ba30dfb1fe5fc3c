"""Attributions made by layout rather than by a verb.

- ``Name: words`` at the start of a line (transcripts, interview write-ups, attributive
  headlines): the name speaks the rest of the line.
- ``"quotation" ― Name`` (or an em dash, ``--``): a quotation signed at the end of its line.

Only a short noun phrase with a recognised name in it counts as the name, so section labels
("READ MORE:", "UPDATE:") are not taken for speakers.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .._data import word_set
from ._syntax import Cue

__all__ = ["colon_cues", "signature_cue"]

NAME_TYPES = {"PERSON", "ORG", "NORP", "GPE"}
MAX_NAME_TOKENS = 6
DASHES = {"―", "—", "--", "–", "-"}
NAME_POS = {"PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT", "PART", "ADP", "CCONJ"}


def _name_head(tokens: list[Token]) -> Token | None:
    """The head word of a short name phrase, or None when the tokens are no name."""
    if not tokens or len(tokens) > MAX_NAME_TOKENS:
        return None
    if any(t.pos_ not in NAME_POS or t.text == ":" for t in tokens):
        return None
    propn = [t for t in tokens if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not any(t.ent_type_ in NAME_TYPES for t in tokens) and len(propn) < 2:
        return None
    heads = [t for t in tokens if t.pos_ in ("PROPN", "NOUN")]
    return heads[-1] if heads else None


# capitalised line labels that are not speakers ("UPDATE: ...", "READ MORE: ...")
LABELS = set(word_set("quotes/line_labels.txt"))


def _transcript_tag(tokens: list[Token]) -> Token | None:
    """ "TAPPER: ..." in a transcript: one capitalised surname opening the line."""
    if len(tokens) != 1:
        return None
    tok = tokens[0]
    word = tok.text
    if len(word) < 3 or not word.isalpha() or not word.isupper() or word.lower() in LABELS:
        return None
    return tok


def colon_cues(doc: Doc, in_quote: list[int]) -> list[Cue]:
    """``Name: content`` lines."""
    out: list[Cue] = []
    line: list[Token] = []
    for tok in doc:
        if "\n" in tok.text or tok.i == len(doc) - 1:
            if tok.i == len(doc) - 1 and "\n" not in tok.text:
                line.append(tok)
            cue = _colon_line(line, in_quote)
            if cue is not None:
                out.append(cue)
            line = []
        elif not tok.is_space:
            line.append(tok)
    return out


def _colon_line(line: list[Token], in_quote: list[int]) -> Cue | None:
    """The first colon of the line preceded by a name (from the line start or a dash)."""
    for colon, tok in enumerate(line):
        if tok.text != ":" or in_quote[tok.i] >= 0:
            continue
        if len(line) - colon < 4:
            return None
        first = colon
        while first > 0 and line[first - 1].text not in DASHES and colon - first < 8:
            first -= 1
        if first > 0 and line[first - 1].text not in DASHES:
            continue
        if any(in_quote[t.i] >= 0 for t in line[first:colon]):
            continue
        head = _name_head(line[first:colon]) or _transcript_tag(line[first:colon])
        if head is not None:
            return _colon_cue(line, colon, head)
    return None


def _colon_cue(line: list[Token], colon: int, head: Token) -> Cue:
    mark = line[colon]
    return Cue(
        mark.i,
        (mark.idx, mark.idx + 1),
        (line[colon + 1].i, line[-1].i + 1),
        head.i,
        "colon/name",
    )


def signature_cue(doc: Doc, after: int) -> Cue | None:
    """A ``― Name`` signature starting at token ``after`` and running to the line's end."""
    if after >= len(doc) or doc[after].text not in DASHES:
        return None
    name: list[Token] = []
    for tok in doc[after + 1 :]:
        if "\n" in tok.text:
            break
        name.append(tok)
        if len(name) > MAX_NAME_TOKENS:
            return None
    while name and name[-1].is_punct:
        name.pop()
    head = _name_head(name)
    if head is None:
        return None
    dash = doc[after]
    return Cue(dash.i, (dash.idx, dash.idx + len(dash.text)), None, head.i, "signature/name")
