"""Event places, demonym mentions and event groups of a corpus store: the figures of issue 17.

    PYTHONPATH=src python bench/places.py corpus.duckdb [--sample 30 --seed 17 --out FILE]

Counts the events with a place (by ``location_from``), the place mentions of geocoded place
entities (by mention kind), and the event groups by the number of articles they hold;
``--sample`` writes that many events with a place, drawn at random, to a JSON-lines file
for judging by hand (the sentence, the place and where it came from).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import duckdb


def figures(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    def rows(sql: str) -> list[tuple[object, ...]]:
        return con.execute(sql).fetchall()

    cols = {r[0] for r in rows("DESCRIBE events")}
    by_from = (
        dict(rows("SELECT location_from, count(*) FROM events GROUP BY 1 ORDER BY 1"))  # type: ignore[arg-type]
        if "location_from" in cols
        else {}
    )
    return {
        "events": rows("SELECT count(*) FROM events")[0][0],
        "events_with_place": rows("SELECT count(location) FROM events")[0][0],
        "location_from": by_from,
        "geocoded_place_mentions": dict(
            rows(  # type: ignore[arg-type]
                "SELECT m.kind, count(*) FROM mentions m JOIN entities e "
                "ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
                "WHERE e.kind IN ('GPE', 'LOC', 'FAC') AND e.lat IS NOT NULL "
                "GROUP BY 1 ORDER BY 1"
            )
        ),
        "groups": rows("SELECT count(*) FROM event_groups")[0][0],
        "groups_by_articles": dict(
            rows("SELECT n_articles, count(*) FROM event_groups GROUP BY 1 ORDER BY 1")  # type: ignore[arg-type]
        ),
    }


def sample(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> list[dict[str, object]]:
    found = con.execute(
        "SELECT v.article_id, v.event_id, v.type, v.location_from, loc.name, loc.geo_name, "
        "loc.geo_country, substr(a.text, v.sentence_start + 1, "
        "v.sentence_end - v.sentence_start) AS sentence, a.title "
        "FROM events v JOIN articles a ON a.id = v.article_id "
        "JOIN entities loc ON loc.article_id = v.article_id AND loc.entity_id = v.location "
        "ORDER BY v.article_id, v.event_id"
    ).fetchall()
    picked = random.Random(seed).sample(found, min(n, len(found)))
    keys = ("article_id", "event_id", "type", "location_from", "place", "geo_name", "country",
            "sentence", "title")  # fmt: skip
    return [dict(zip(keys, row, strict=True)) for row in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=Path("bench/out/places_sample.jsonl"))
    args = parser.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    print(json.dumps(figures(con), indent=2, default=str))
    if args.sample:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as out:
            for row in sample(con, args.sample, args.seed):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{args.sample} events -> {args.out}")


if __name__ == "__main__":
    main()
