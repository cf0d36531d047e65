"""Pure decisions of the prospect file: lifecycle, ABC priority, persona match, distances."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, cast, func, literal, or_

from app.common.geo import EARTH_RADIUS_KM
from app.common.geo import haversine_km as haversine_km  # the prospect file's rules use it
from app.common.text import fold
from app.models import Outcome, Persona, Priority, ProspectStatus

S = ProspectStatus

# The lifecycle: which status may follow which. `lost` needs a reason.
TRANSITIONS: dict[ProspectStatus, tuple[ProspectStatus, ...]] = {
    S.SUSPECT: (S.PROSPECT, S.LOST),
    S.PROSPECT: (S.QUALIFIED, S.INACTIVE, S.LOST),
    S.QUALIFIED: (S.CUSTOMER, S.PROSPECT, S.INACTIVE, S.LOST),
    S.CUSTOMER: (S.INACTIVE, S.LOST),
    S.INACTIVE: (S.PROSPECT, S.CUSTOMER, S.LOST),
    S.LOST: (S.PROSPECT,),
}

STATUS_LABELS_FR = {
    S.SUSPECT: "suspect",
    S.PROSPECT: "prospect",
    S.QUALIFIED: "qualifié",
    S.CUSTOMER: "client",
    S.INACTIVE: "inactif",
    S.LOST: "perdu",
}

# Outcomes that close the file: no next-contact date is required after them.
CLOSING_OUTCOMES = frozenset({Outcome.NOT_INTERESTED, Outcome.WRONG_TARGET})
# Outcomes where the person was not reached (campaign "reached" counts the others).
UNREACHED_OUTCOMES = frozenset({Outcome.NO_ANSWER, Outcome.GATEKEEPER})


def allowed_transitions(current: ProspectStatus) -> tuple[ProspectStatus, ...]:
    return TRANSITIONS[current]


def priority_for(potential: Decimal | None, a_min: Decimal, b_min: Decimal) -> Priority:
    """ABC priority from the estimated annual potential (thresholds are configuration)."""
    if potential is None:
        return Priority.C
    if potential >= a_min:
        return Priority.A
    if potential >= b_min:
        return Priority.B
    return Priority.C


# ---------------------------------------------------------------- distances

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def within_km_clause(lat: Any, lon: Any, lat0: float, lon0: float, radius_km: float) -> Any:
    """SQL: the point (lat, lon) is within ``radius_km`` of (lat0, lon0).

    Equirectangular approximation (error < 0.5 % under 200 km in mainland France), computed
    with arithmetic only so that it runs the same on SQLite and PostgreSQL.
    """
    k = math.cos(math.radians(lat0))
    dx = (lon - lon0) * k
    dy = lat - lat0
    half = radius_km / KM_PER_DEGREE
    # The bounding box is implied by the disc (it changes no result): it lets an index on
    # latitude read a band of the file instead of all of it.
    return and_(
        lat.between(lat0 - half, lat0 + half),
        lon.between(lon0 - half / k, lon0 + half / k),
        dx * dx + dy * dy <= half * half,
    )


def starts_with(column: Any, prefix: str) -> Any:
    """SQL: ``column`` begins with ``prefix`` — a plain comparison, cheaper per row than
    LIKE (SQLite's LIKE folds case character by character) and free of wildcards."""
    return func.substr(column, 1, len(prefix)) == prefix


# ---------------------------------------------------------------- persona match

WEIGHTS = {"sector": 30, "size": 20, "geography": 30, "potential": 20}


@dataclass(frozen=True)
class PersonaCriteria:
    # B2B or B2C: a hard condition (a consumer never matches a company persona), not a weight.
    kind: str | None = None
    sectors: Sequence[str] = ()
    size_bands: Sequence[str] = ()
    postcodes: Sequence[str] = ()
    center: tuple[float, float] | None = None
    radius_km: float | None = None
    potential_min: Decimal | None = None
    potential_max: Decimal | None = None

    @property
    def has_geography(self) -> bool:
        return bool(self.postcodes) or (self.center is not None and self.radius_km is not None)

    def weights(self) -> dict[str, int]:
        """Only the criteria the persona sets count."""
        active = {
            "sector": bool(self.sectors),
            "size": bool(self.size_bands),
            "geography": self.has_geography,
            "potential": self.potential_min is not None or self.potential_max is not None,
        }
        return {k: w for k, w in WEIGHTS.items() if active[k]}


def persona_criteria(persona: Persona) -> PersonaCriteria:
    center = (
        (persona.center_latitude, persona.center_longitude)
        if persona.center_latitude is not None and persona.center_longitude is not None
        else None
    )
    return PersonaCriteria(
        kind=str(persona.kind) if persona.kind else None,
        sectors=persona.sectors,
        size_bands=persona.size_bands,
        postcodes=persona.postcodes,
        center=center,
        radius_km=persona.radius_km,
        potential_min=persona.potential_min,
        potential_max=persona.potential_max,
    )


def sector_key(sector: str | None) -> str | None:
    """``prospects.sector_key``: what sector filters and persona matching compare (without
    case nor accents); None for no sector."""
    return fold(sector or "") or None


def match_score(
    criteria: PersonaCriteria,
    *,
    kind: str | None = None,
    sector: str | None,
    size_band: str | None,
    postcode: str | None,
    latitude: float | None,
    longitude: float | None,
    potential: Decimal | None,
) -> int:
    """0–100: the share of the persona's criteria the prospect meets, weighted."""
    weights = criteria.weights()
    if not weights or (criteria.kind is not None and kind != criteria.kind):
        return 0
    got = 0
    if "sector" in weights and sector_key(sector) in {sector_key(s) for s in criteria.sectors}:
        got += weights["sector"]
    if "size" in weights and size_band in criteria.size_bands:
        got += weights["size"]
    if "geography" in weights:
        near = False
        if postcode and any(postcode.startswith(p) for p in criteria.postcodes):
            near = True
        if (
            criteria.center
            and criteria.radius_km
            and latitude is not None
            and longitude is not None
        ):
            near = near or haversine_km(latitude, longitude, *criteria.center) <= criteria.radius_km
        got += weights["geography"] if near else 0
    if "potential" in weights and potential is not None:
        lo, hi = criteria.potential_min, criteria.potential_max
        if (lo is None or potential >= lo) and (hi is None or potential <= hi):
            got += weights["potential"]
    return int(_percent(got, sum(weights.values())))


def _percent(got: Any, total: int) -> Any:
    """Integer percentage rounded half up, with integer arithmetic (same in Python and SQL)."""
    return (got * 200 + total) // (2 * total)


def match_score_sql(criteria: PersonaCriteria, prospect: Any) -> ColumnElement[Any]:
    """The same score as an SQL expression over the ``prospects`` columns."""
    weights = criteria.weights()
    if not weights:
        return literal(0)
    parts: list[Any] = []
    if "sector" in weights:
        keys = [sector_key(s) for s in criteria.sectors]
        parts.append(case((prospect.sector_key.in_(keys), weights["sector"]), else_=0))
    if "size" in weights:
        parts.append(
            case((prospect.size_band.in_(list(criteria.size_bands)), weights["size"]), else_=0)
        )
    if "geography" in weights:
        conditions = [starts_with(prospect.postcode, p) for p in criteria.postcodes]
        if criteria.center and criteria.radius_km:
            conditions.append(
                within_km_clause(
                    prospect.latitude, prospect.longitude, *criteria.center, criteria.radius_km
                )
            )
        parts.append(case((or_(*conditions), weights["geography"]), else_=0))
    if "potential" in weights:
        bounds = [prospect.potential.is_not(None)]
        if criteria.potential_min is not None:
            bounds.append(prospect.potential >= criteria.potential_min)
        if criteria.potential_max is not None:
            bounds.append(prospect.potential <= criteria.potential_max)
        parts.append(case((and_(*bounds), weights["potential"]), else_=0))
    summed = parts[0]
    for part in parts[1:]:
        summed = summed + part
    # Integer operands: both backends divide as integers, like Python's //.
    score = cast(_percent(summed, sum(weights.values())), Integer)
    if criteria.kind is not None:
        return case((prospect.kind == criteria.kind, score), else_=0)
    return score
