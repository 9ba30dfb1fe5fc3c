"""Build ``data/events/cameo_verbs.tsv`` from PETRARCH-2's ``CAMEO.2.0.txt`` (MIT).

    python -m dateline.events._cameo_dict ../shared/data/events/dictionaries/CAMEO.2.0.txt \
        src/dateline/data/events/cameo_verbs.tsv
    python -m dateline.events._cameo_dict --codebooks ../shared/data/events/codebooks \
        src/dateline/data/events

The dictionary groups synonymous verbs into blocks (``---  ACCUSE   [112]  ---``), each
verb line may carry its own code (``ACCUSE [112]``), and pattern lines
(``- * (OF TORTURE)   [1122]   # ACCUSE``) refine the code by the words after the verb.
We keep a simple, matchable reading of that: for every single-word verb, its default code
(own, else the block's) and, per pattern, up to two literal cue words found after ``*``
(prepositions and nouns, upper case, synsets and multi-word verbs skipped). The runtime
matches cue words against the lemmas and forms in the trigger's argument phrases.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

__all__ = ["convert"]

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[\s*(\d{2,4})")
_WORD = re.compile(r"^[A-Z][A-Z'-]*$")

NOTICE = """\
# cameo_verbs.tsv: verbs and verb patterns with CAMEO codes, converted by
# dateline.events._cameo_dict from CAMEO.2.0.txt of openeventdata/petrarch2
# (commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/).
#
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
# persons to whom the Software is furnished to do so, subject to the following conditions:
# The above copyright notice and this permission notice shall be included in all copies or
# substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
#
# columns: verb (lower-case lemma), cues (space-separated lower-case words that must occur
# after the verb; empty = the verb's default code), cameo
"""


_PREPOSITIONS = frozenset(
    [
        "about",
        "after",
        "against",
        "among",
        "at",
        "before",
        "between",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "upon",
        "with",
        "within",
        "without",
    ]
)


def _cue_words(after: str) -> list[str]:
    """Up to two literal words after the verb; [] when a synset follows a bare preposition."""
    words: list[str] = []
    for raw in after.split():
        if raw.lstrip("({").startswith(("&", "+", "$", "%", "^", "=")):
            if words and all(w in _PREPOSITIONS for w in words):
                return []
            if words:
                break
            continue
        word = raw.strip("(){}<>|")
        word = word.rstrip("_")
        if not word or not _WORD.match(word):
            continue
        words.append(word.lower())
        if len(words) == 2:
            break
    return words


def convert(text: str) -> list[tuple[str, str, str]]:
    """(verb, cues, code) rows: defaults first per verb, then patterns; duplicates removed."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    inside = False
    block_code: str | None = None
    verbs: list[str] = []
    patterns: list[tuple[str, str]] = []

    def flush() -> None:
        for verb in verbs:
            for cues, code in patterns:
                if cues and (verb, cues) not in seen:
                    seen.add((verb, cues))
                    rows.append((verb, cues, code))

    for line in text.splitlines():
        if line.startswith("####### VERB PATTERNS"):
            inside = True
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not inside:
            continue
        block = _BLOCK.match(line)
        if block:
            flush()
            code = _CODE.search("[" + block.group(2) + "]")
            block_code = code.group(1) if code else None
            verbs, patterns = [], []
            continue
        body = line.split("#", 1)[0]
        if line.startswith("-"):
            code = _CODE.search(body)
            if code is None or "*" not in body:
                continue
            after = body.split("*", 1)[1].split("[", 1)[0]
            cues = _cue_words(after)
            if cues:
                patterns.append((" ".join(cues), code.group(1)))
            continue
        stripped = body.strip()
        if not stripped:
            continue
        first = stripped.split()[0]
        if not re.fullmatch(r"[A-Z]+", first):
            continue
        verb = first.lower()
        verbs.append(verb)
        own = _CODE.search(stripped)
        default = own.group(1) if own else block_code
        if default and (verb, "") not in seen:
            seen.add((verb, ""))
            rows.append((verb, "", default))
    flush()
    return rows


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--codebooks":
        convert_codebooks(Path(argv[1]), Path(argv[2]))
        return 0
    source, target = Path(argv[0]), Path(argv[1])
    rows = convert(source.read_text("utf-8", errors="replace"))
    lines = [NOTICE.rstrip("\n"), "verb\tcues\tcameo"]
    lines += ["\t".join(r) for r in rows]
    target.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {target}: {len(rows)} rows", file=sys.stderr)
    return 0


MAPPING_NOTICE = """\
# cameo_plover.tsv: CAMEO code -> PLOVER event type, mode and context.
# Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, Sept 2021) of
# openeventdata/PLOVER (commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f),
# (c) Open Event Data Alliance, licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). This file, as a derivative, is
# shared under the same licence. Changes made by dateline: CAMEO 02 (appeal), which the
# table leaves out, is mapped to REQUEST, since PLOVER's REQUEST covers appeals and demands;
# a context name given in the mode column (175: pro_autocracy) is moved to the context.
# columns: cameo, type, mode, context (';'-separated)
"""

CODES_NOTICE = """\
# cameo_codes.tsv: CAMEO event codes with a short label, quad class and Goldstein score.
# Labels: CAMEO_codefile.txt of openeventdata/text_to_CAMEO (commit 6d7b3ab..., MIT).
# Quad class and Goldstein score: postprocess.py of openeventdata/phoenix_pipeline
# (commit d1639c5..., MIT), from CAMEO.SCALE.txt of the Parus Analytics event data site.
# columns: cameo, label, quad_class, goldstein
"""


def convert_codebooks(codebooks: Path, target: Path) -> None:
    """Write cameo_plover.tsv and cameo_codes.tsv from the shared codebook tables."""
    import csv

    with open(codebooks / "cameo2plover.tsv", encoding="utf-8") as f:
        mapping = list(csv.DictReader(f, delimiter="\t"))
    out = [MAPPING_NOTICE.rstrip("\n"), "cameo\ttype\tmode\tcontext"]
    contexts = {
        c.strip() for row in mapping for c in (row["plover_context"] or "").split(";") if c.strip()
    }
    seen: set[str] = set()
    for row in mapping:
        code = row["cameo"]
        if code in seen or not row["plover_event"]:
            continue
        seen.add(code)
        names = [c.strip() for c in row["plover_context"].split(";") if c.strip()]
        mode = row["plover_mode"]
        if mode in contexts:  # a context written in the mode column
            names, mode = [mode, *(c for c in names if c != mode)], ""
        out.append("\t".join((code, row["plover_event"], mode, ";".join(names))))
    with open(codebooks / "cameo_codes.tsv", encoding="utf-8") as f:
        codes = list(csv.DictReader(f, delimiter="\t"))
    for row in codes:
        if row["root"] == "02" and row["code"] not in seen:
            mode = "assist" if row["code"][:3] in {"021", "022", "023"} else ""
            out.append("\t".join((row["code"], "REQUEST", mode, "")))
    (target / "cameo_plover.tsv").write_text("\n".join(out) + "\n", "utf-8")
    lines = [CODES_NOTICE.rstrip("\n"), "cameo\tlabel\tquad_class\tgoldstein"]
    for row in codes:
        label = row["label_codefile_0.7b5"] or row["label_icews"] or ""
        lines.append("\t".join((row["code"], label, row["quad_class"], row["goldstein"])))
    (target / "cameo_codes.tsv").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
