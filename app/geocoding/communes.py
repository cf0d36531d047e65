"""The offline geocoder's index: the French communes shipped in ``data/communes.csv.gz``.

An address is placed at the centre of its commune, found by its postcode and its name (see
``CommuneIndex.locate``). About 42 % of the communes (85 % of the population) have their own
position in the data; the others are placed at the centre of their postcode's located
communes, else of their department's, and the result says so (data/README.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.geocoding.names import ARRONDISSEMENT, city_key, name_key
from app.models.enums import GeocodePrecision

DATA_FILE = Path(__file__).parent / "data" / "communes.csv.gz"
_POSTCODE = re.compile(r"^\d{5}$")


@dataclass(slots=True)
class Commune:
    insee: str
    kind: str  # c: commune, a: municipal arrondissement, d: delegated or associated commune
    name: str
    department: str
    postcodes: tuple[str, ...]
    position: tuple[float, float] | None
    parent: str  # the commune an arrondissement or a delegated commune belongs to
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Located:
    latitude: float
    longitude: float
    precision: GeocodePrecision
    label: str  # the commune, postcode or department it is the centre of


def _mean(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    pts = list(points)
    if not pts:
        return None
    return (
        round(sum(p[0] for p in pts) / len(pts), 5),
        round(sum(p[1] for p in pts) / len(pts), 5),
    )


def department_of(postcode: str) -> set[str]:
    """The departments a postcode's first digits name (20xxx is either Corsica)."""
    if postcode.startswith("97") or postcode.startswith("98"):
        return {postcode[:3]}
    if postcode.startswith("20"):
        return {"2A", "2B"}
    return {postcode[:2]}


class CommuneIndex:
    """Communes by INSEE code, postcode and name key; postcode and department centres."""

    def __init__(self, communes: Iterable[Commune]) -> None:
        self.communes: dict[str, Commune] = {}  # communes and arrondissements by INSEE code
        self.delegated: list[Commune] = []
        self.by_postcode: dict[str, list[Commune]] = defaultdict(list)
        self.by_key: dict[str, list[Commune]] = defaultdict(list)
        for commune in communes:
            commune.keys = {name_key(commune.name)}
            if commune.kind == "d":
                self.delegated.append(commune)
            else:
                self.communes[commune.insee] = commune
                for postcode in commune.postcodes:
                    self.by_postcode[postcode].append(commune)
            if commune.kind == "a":  # « Lyon 3e Arrondissement » is also « Lyon 3 »
                match = ARRONDISSEMENT.match(_short_arrondissement(commune.name))
                if match:
                    commune.keys.add(f"{match[1]} {int(match[2])}")
            for key in commune.keys:
                self.by_key[key].append(commune)
        for commune in self.delegated:  # a former commune is found with its new one's postcodes
            parent = self.communes.get(commune.parent)
            if parent is not None:
                for postcode in parent.postcodes:
                    self.by_postcode[postcode].append(commune)
        self.postcode_centres = {
            postcode: centre
            for postcode, members in self.by_postcode.items()
            if (centre := _mean(c.position for c in members if c.kind != "d" and c.position))
        }
        by_department: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for commune in self.communes.values():
            if commune.kind == "c" and commune.position:
                by_department[commune.department].append(commune.position)
        self.department_centres = {
            department: centre
            for department, points in by_department.items()
            if (centre := _mean(points))
        }

    # ------------------------------------------------------------------ lookup

    def locate(self, postcode: str | None, city: str | None) -> Located | None:
        """The centre of the commune that ``postcode`` and ``city`` name, or None.

        - The postcode's communes are searched for the name (case, accents, hyphens and
          "St"/"Ste" apart; « Lyon 3e », « LYON 03 » name the arrondissement); a postcode
          with one commune needs no name; an arrondissement is preferred to its city.
        - Without a usable postcode (missing, CEDEX), the name is searched in the
          postcode's department, or in France when it is the only commune of that name.
        - A postcode of several communes none of which has that name: the centre of the
          postcode's communes (precision ``postcode``); a name unknown in a known department:
          the department's centre (``department``).
        """
        code = (postcode or "").replace(" ", "").strip()
        key = city_key(city) if city else ""
        key = _normal_arrondissement(key)
        if _POSTCODE.match(code) and code in self.by_postcode:
            members = self.by_postcode[code]
            named = [c for c in members if key and self._named(c, key)]
            if named:
                return self._centre_of(_most_precise(named), code)
            communes = [c for c in members if c.kind != "d"]
            parents = {c.parent for c in communes if c.kind == "a"}
            communes = [c for c in communes if c.insee not in parents]
            if len(communes) == 1:
                return self._centre_of(communes[0], code)
            return self._postcode_centre(code)
        departments = department_of(code) if _POSTCODE.match(code) else set()
        if key:
            named = self.by_key.get(key, [])
            if departments:
                named = [c for c in named if c.department in departments]
            if len({c.insee if c.kind != "d" else c.parent for c in named}) == 1:
                return self._centre_of(_most_precise(named), None)
        for department in sorted(departments):
            if department in self.department_centres:
                return self._department_centre(department)
        return None

    def _named(self, commune: Commune, key: str) -> bool:
        if key in commune.keys:
            return True
        if commune.kind == "a":  # « Lyon » with 69003: the 3rd arrondissement
            parent = self.communes.get(commune.parent)
            return parent is not None and key in parent.keys
        return False

    def _centre_of(self, commune: Commune, postcode: str | None) -> Located | None:
        if commune.position is not None:
            lat, lon = commune.position
            return Located(lat, lon, GeocodePrecision.COMMUNE, commune.name)
        parent = self.communes.get(commune.parent) if commune.kind != "c" else None
        if parent is not None and parent.position is not None:
            lat, lon = parent.position
            return Located(lat, lon, GeocodePrecision.COMMUNE, parent.name)
        base = parent or commune
        for code in ([postcode] if postcode else []) + list(base.postcodes):
            located = self._postcode_centre(code)
            if located is not None:
                return located
        return self._department_centre(base.department)

    def _postcode_centre(self, postcode: str) -> Located | None:
        centre = self.postcode_centres.get(postcode)
        if centre is None:
            return self._department_centre(sorted(department_of(postcode))[0])
        return Located(centre[0], centre[1], GeocodePrecision.POSTCODE, postcode)

    def _department_centre(self, department: str) -> Located | None:
        centre = self.department_centres.get(department)
        if centre is None:
            return None
        return Located(centre[0], centre[1], GeocodePrecision.DEPARTMENT, department)


def _most_precise(named: list[Commune]) -> Commune:
    """An arrondissement before its city, a commune before a delegated one."""
    order = {"a": 0, "c": 1, "d": 2}
    return min(named, key=lambda c: (order[c.kind], c.insee))


def _short_arrondissement(name: str) -> str:
    return name_key(name).replace(" arrondissement", "")


def _normal_arrondissement(key: str) -> str:
    """« lyon 3e arrondissement », « lyon 03 » → « lyon 3 »."""
    match = ARRONDISSEMENT.match(key)
    return f"{match[1]} {int(match[2])}" if match else key


def read_communes(text: str) -> list[Commune]:
    communes = []
    for row in csv.DictReader(io.StringIO(text)):
        position = (float(row["latitude"]), float(row["longitude"])) if row["latitude"] else None
        communes.append(
            Commune(
                insee=row["insee"], kind=row["kind"], name=row["name"],
                department=row["department"], postcodes=tuple(row["postcodes"].split()),
                position=position, parent=row["parent"],
            )
        )  # fmt: skip
    return communes


@lru_cache(maxsize=1)
def commune_index() -> CommuneIndex:
    """The shipped list, read once per process (~0.3 s, ~15 MB)."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        return CommuneIndex(read_communes(fh.read()))
