"""Agreement between the first annotation pass and the blind re-annotation of a sample.

    annotation_agreement.py sample BATCH_ID SEED [ARTICLE_ID ...]
                                    print the seeded 10% sample of the set's sentences (of the
                                    batch's articles when given; ids and text only, no labels)
    annotation_agreement.py [FIRST.jsonl SECOND.jsonl] [--json OUT]

Without files it compares ``plover_annotated.jsonl`` with ``blind_pass2.jsonl`` in
``src/dateline/data/events/annotated``. Figures over the sentences present in both files:

- event/no-event agreement: share of sentences both passes call event (>= 1 asserted event)
  or both call no event, with Cohen's kappa of that binary call;
- type agreement: over sentences both call events, share whose sets of PLOVER types are
  equal; and over events, paired greedily by type, the share of first-pass events matched;
- Cohen's kappa for type: over sentences both call events, each sentence labelled by the
  type of its event whose trigger starts first;
- actor agreement: over type-matched events, share whose source (target) countries agree.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

SET_DIR = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "events" / "annotated"


def load(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text("utf-8").splitlines()
    return {rec["id"]: rec for rec in (json.loads(line) for line in lines if line.strip())}


def sample(ids: list[str], batch: str, seed: int) -> list[str]:
    """A reproducible 10% of the ids (at least one), in file order."""
    rng = random.Random(int(hashlib.sha1(f"{batch}:{seed}".encode()).hexdigest(), 16))
    chosen = set(rng.sample(sorted(ids), max(1, round(len(ids) / 10))))
    return [i for i in ids if i in chosen]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two raters' labels; 1.0 when expected agreement is already 1."""
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _first_type(rec: dict[str, Any]) -> str:
    events = sorted(rec["events"], key=lambda e: e["trigger"]["start"])
    return str(events[0]["event"])


def _countries(event: dict[str, Any], role: str) -> set[str]:
    return {a["country"] for a in event[role] if a.get("country")}


def agreement(
    first: dict[str, dict[str, Any]], second: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    ids = [i for i in second if i in first]
    binary = [(bool(first[i]["events"]), bool(second[i]["events"])) for i in ids]
    both = [i for i in ids if first[i]["events"] and second[i]["events"]]
    same_types = sum(
        {e["event"] for e in first[i]["events"]} == {e["event"] for e in second[i]["events"]}
        for i in both
    )
    matched = total = 0
    actor = {"source": [0, 0], "target": [0, 0]}
    for i in ids:
        pool = list(second[i]["events"])
        for event in first[i]["events"]:
            total += 1
            partner = next((e for e in pool if e["event"] == event["event"]), None)
            if partner is None:
                continue
            matched += 1
            pool.remove(partner)
            for role in ("source", "target"):
                gold = _countries(event, role)
                if gold:
                    actor[role][1] += 1
                    actor[role][0] += bool(gold & _countries(partner, role))
    n = len(ids)
    return {
        "sentences": n,
        "event_no_event_agreement": sum(a == b for a, b in binary) / n if n else float("nan"),
        "event_no_event_kappa": cohen_kappa([(str(a), str(b)) for a, b in binary]),
        "both_event_sentences": len(both),
        "type_set_agreement": same_types / len(both) if both else float("nan"),
        "event_type_match": matched / total if total else float("nan"),
        "type_kappa": cohen_kappa([(_first_type(first[i]), _first_type(second[i])) for i in both]),
        "source_country_agreement": actor["source"][0] / actor["source"][1]
        if actor["source"][1]
        else float("nan"),
        "target_country_agreement": actor["target"][0] / actor["target"][1]
        if actor["target"][1]
        else float("nan"),
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["sample"]:
        records = load(SET_DIR / "plover_annotated.jsonl")
        batch = set(argv[3:])
        ids = [i for i, rec in records.items() if not batch or rec["article_id"] in batch]
        for i in sample(ids, argv[1], int(argv[2])):
            print(f"{i}\t{records[i]['text']}")
        return 0
    out = None
    if "--json" in argv:
        at = argv.index("--json")
        out = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if argv:
        first, second = load(Path(argv[0])), load(Path(argv[1]))
    else:
        first = load(SET_DIR / "plover_annotated.jsonl")
        second = load(SET_DIR / "blind_pass2.jsonl")
    figures = agreement(first, second)
    for key, value in figures.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    if out:
        out.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
