"""A prospect tested against the business case's market segments: the one rule the PAC's
targeting check and the quotes' discount limits share."""

from __future__ import annotations

from typing import Protocol

from app.business_cases.document import BusinessCaseDocument
from app.common.geo import haversine_km


class Prospective(Protocol):
    """What a segment's criteria read of a prospect (``app.models.Prospect`` has it)."""

    @property
    def kind(self) -> str: ...
    @property
    def naf_code(self) -> str | None: ...
    @property
    def size_band(self) -> object: ...
    @property
    def postcode(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


def matches(doc: BusinessCaseDocument, code: str, p: Prospective) -> bool:
    """Whether a prospect meets a segment's criteria (every criterion the segment sets)."""
    segment = doc.segment(code)
    if segment is None:
        return False
    c = segment.criteria
    kind = "b2b" if p.kind == "company" else "b2c"
    if c.kind != kind:
        return False
    if c.naf_prefixes and not (
        p.naf_code
        and any(p.naf_code.replace(".", "").startswith(n.replace(".", "")) for n in c.naf_prefixes)
    ):
        return False
    if c.size_bands and (p.size_band is None or p.size_band not in c.size_bands):
        return False
    places = [*c.postcodes, *c.departments]
    if places and not (p.postcode and any(p.postcode.startswith(x) for x in places)):
        return False
    if c.within_radius:
        t = doc.identity.territory
        if (
            p.latitude is None
            or p.longitude is None
            or haversine_km(p.latitude, p.longitude, t.centre.latitude, t.centre.longitude)
            > t.radius_km
        ):
            return False
    return True


def matching(doc: BusinessCaseDocument, p: Prospective) -> list[str]:
    """The codes of the segments a prospect belongs to, in the case's order."""
    return [s.code for s in doc.market.segments if matches(doc, s.code, p)]
