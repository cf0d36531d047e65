"""Emission factors: the reference values (ADEME Impact CO2) and an organisation's own.

The effective factor of a mode is the organisation's when it has one, else the reference.
CO2 of a distance = km × factor: the total (usage + construction of the vehicle) and, when
the source publishes it, the usage part alone. Admins replace a mode's factor for their
organisation (usage + construction must equal the total) or go back to the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.core.errors import FieldError, NotFound
from app.core.principal import Principal
from app.models import EmissionFactor, TransportMode
from app.tours import repository
from app.tours.schemas import EmissionFactorOut, EmissionFactorSet

#: How far usage + construction may be from the total (the source rounds each figure).
SUM_TOLERANCE = Decimal("0.002")


@dataclass(frozen=True)
class Effective:
    factor: EmissionFactor
    reference: EmissionFactor

    @property
    def overridden(self) -> bool:
        return self.factor is not self.reference


def effective_factors(session: Session, organisation_id: int) -> dict[TransportMode, Effective]:
    rows = repository.factors_for(session, organisation_id)
    reference = {r.mode: r for r in rows if r.organisation_id is None}
    own = {r.mode: r for r in rows if r.organisation_id is not None}
    return {
        mode: Effective(own.get(mode, reference[mode]), reference[mode])
        for mode in TransportMode
        if mode in reference
    }


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


# ------------------------------------------------------------------ use cases


def list_factors(session: Session, principal: Principal) -> list[EmissionFactorOut]:
    """The effective factor of every mode, in the order of ``TransportMode``."""
    factors = effective_factors(session, principal.organisation_id)
    return [_out(factors[mode]) for mode in TransportMode if mode in factors]


def set_factor(
    session: Session, principal: Principal, mode: TransportMode, body: EmissionFactorSet
) -> EmissionFactorOut:
    """The organisation's own factor for ``mode`` (created or replaced)."""
    usage, construction = body.usage_kg_per_km, body.construction_kg_per_km
    if usage is not None and construction is not None:
        if abs(usage + construction - body.total_kg_per_km) > SUM_TOLERANCE:
            raise FieldError(
                "total_kg_per_km",
                f"Usage + construction ({usage + construction}) doit égaler le total "
                f"({body.total_kg_per_km}) à 0,002 près.",
            )
    elif usage is not None and usage > body.total_kg_per_km:
        raise FieldError("usage_kg_per_km", "La part « usage » dépasse le total.")
    reference = effective_factors(session, principal.organisation_id)[mode].reference
    own = repository.own_factor(session, principal.organisation_id, mode)
    if own is None:
        own = EmissionFactor(organisation_id=principal.organisation_id, mode=mode)
        session.add(own)
    own.label = body.label or reference.label
    own.usage_kg_per_km = usage
    own.construction_kg_per_km = construction
    own.total_kg_per_km = body.total_kg_per_km
    own.basis = body.basis
    own.source = body.source
    own.year = body.year
    session.flush()
    return _out(Effective(own, reference))


def reset_factor(session: Session, principal: Principal, mode: TransportMode) -> None:
    """Back to the reference factor for ``mode`` (404 when the organisation has none)."""
    own = repository.own_factor(session, principal.organisation_id, mode)
    if own is None:
        raise NotFound("Ce mode utilise déjà le facteur de référence.")
    session.delete(own)


def _out(effective: Effective) -> EmissionFactorOut:
    out = EmissionFactorOut.model_validate(effective.factor)
    out.overridden = effective.overridden
    out.reference_total_kg_per_km = effective.reference.total_kg_per_km
    return out
