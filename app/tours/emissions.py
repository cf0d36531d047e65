"""Emission factors: the reference values (ADEME Impact CO2) and an organisation's own.

The effective factor of a mode is the organisation's when it has one, else the reference.
CO2 of a distance = km × factor: the total (usage + construction of the vehicle) and, when
the source publishes it, the usage part alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import EmissionFactor, TransportMode


@dataclass(frozen=True)
class Effective:
    factor: EmissionFactor
    reference: EmissionFactor

    @property
    def overridden(self) -> bool:
        return self.factor is not self.reference


def effective_factors(session: Session, organisation_id: int) -> dict[TransportMode, Effective]:
    rows = session.scalars(
        select(EmissionFactor).where(
            or_(
                EmissionFactor.organisation_id.is_(None),
                EmissionFactor.organisation_id == organisation_id,
            )
        )
    ).all()
    reference = {r.mode: r for r in rows if r.organisation_id is None}
    own = {r.mode: r for r in rows if r.organisation_id is not None}
    return {
        mode: Effective(own.get(mode, reference[mode]), reference[mode])
        for mode in TransportMode
        if mode in reference
    }


def own_factor(
    session: Session, organisation_id: int, mode: TransportMode
) -> EmissionFactor | None:
    return session.scalar(
        select(EmissionFactor).where(
            EmissionFactor.organisation_id == organisation_id, EmissionFactor.mode == mode
        )
    )


@dataclass(frozen=True)
class Co2:
    usage_kg: Decimal | None
    total_kg: Decimal


def co2_of(km: Decimal, factor: EmissionFactor) -> Co2:
    """kgCO2e of ``km`` kilometres, rounded to the gram."""
    grams = Decimal("0.001")
    usage = factor.usage_kg_per_km
    return Co2(
        None if usage is None else (km * usage).quantize(grams),
        (km * factor.total_kg_per_km).quantize(grams),
    )
