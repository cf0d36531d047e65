"""Tours: emission factors (planning routes come with the rest of issue 4)."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentPrincipal, OrganisationManager
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import FieldError, NotFound
from app.models import EmissionFactor, TransportMode
from app.tours import emissions
from app.tours.schemas import EmissionFactorOut, EmissionFactorSet

router = APIRouter(tags=["tours"])

ECO = exercises("CP2", criteria=["CP2.7"])


def _out(effective: emissions.Effective) -> EmissionFactorOut:
    out = EmissionFactorOut.model_validate(effective.factor)
    out.overridden = effective.overridden
    out.reference_total_kg_per_km = effective.reference.total_kg_per_km
    return out


@router.get(
    "/emission-factors",
    response_model=list[EmissionFactorOut],
    summary="Facteurs d'émission des déplacements (ADEME Impact CO2, ou ceux de l'organisation)",
    **ECO,
)
def list_emission_factors(
    session: DbSession, principal: CurrentPrincipal
) -> list[EmissionFactorOut]:
    factors = emissions.effective_factors(session, principal.organisation_id)
    return [_out(factors[mode]) for mode in TransportMode if mode in factors]


@router.put(
    "/emission-factors/{mode}",
    response_model=EmissionFactorOut,
    summary="Remplacer le facteur d'un mode pour l'organisation (administrateurs)",
)
def set_emission_factor(
    mode: TransportMode,
    body: EmissionFactorSet,
    session: DbSession,
    principal: OrganisationManager,
) -> EmissionFactorOut:
    usage, construction = body.usage_kg_per_km, body.construction_kg_per_km
    if usage is not None and construction is not None:
        if abs(usage + construction - body.total_kg_per_km) > Decimal("0.002"):
            raise FieldError(
                "total_kg_per_km",
                f"Usage + construction ({usage + construction}) doit égaler le total "
                f"({body.total_kg_per_km}) à 0,002 près.",
            )
    elif usage is not None and usage > body.total_kg_per_km:
        raise FieldError("usage_kg_per_km", "La part « usage » dépasse le total.")
    reference = emissions.effective_factors(session, principal.organisation_id)[mode].reference
    own = emissions.own_factor(session, principal.organisation_id, mode)
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
    return _out(emissions.Effective(own, reference))


@router.delete(
    "/emission-factors/{mode}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revenir au facteur de référence pour ce mode (administrateurs)",
)
def reset_emission_factor(
    mode: TransportMode, session: DbSession, principal: OrganisationManager
) -> Response:
    own = emissions.own_factor(session, principal.organisation_id, mode)
    if own is None:
        raise NotFound("Ce mode utilise déjà le facteur de référence.")
    session.delete(own)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
