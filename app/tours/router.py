"""Tours: planning, saved tours, the trainee's base, emission factors."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OrganisationManager
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import FieldError, NotFound
from app.core.pagination import Pagination, page_of, paginate
from app.core.repository import ScopedRepository
from app.core.schemas import Page
from app.models import EmissionFactor, Tour, TourBase, TourDay, TransportMode
from app.tours import emissions, service
from app.tours.schemas import (
    EmissionFactorOut,
    EmissionFactorSet,
    TourBaseIn,
    TourBaseOut,
    TourPlanIn,
    TourPlanOut,
    TourSummary,
)

router = APIRouter(tags=["tours"])

ECO = exercises("CP2", criteria=["CP2.7"])
PLANNING = exercises("CP2", criteria=["CP2.6", "CP2.7"])


class TourRepository(ScopedRepository[Tour]):
    model = Tour
    label = "Tournée"


@router.post(
    "/tours/plan",
    response_model=TourPlanOut,
    summary="Planifier une tournée sans l'enregistrer (km, temps et CO2 face à votre ordre)",
    **exercises("CP2", criteria=["CP2.6", "CP2.7"], evidence=False),
)
def plan_tour(
    body: TourPlanIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> TourPlanOut:
    return service.plan(session, principal, settings, body)


@router.post(
    "/tours",
    response_model=TourPlanOut,
    status_code=status.HTTP_201_CREATED,
    summary="Planifier et enregistrer une tournée",
    **PLANNING,
)
def save_tour(
    body: TourPlanIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> TourPlanOut:
    planned = service.plan(session, principal, settings, body)
    tour = Tour(
        owner_id=principal.user_id,
        name=planned.name,
        mode=body.mode,
        first_day=body.days[0].date,
        days_count=len(body.days),
        request=body.model_dump(mode="json"),
        plan={},
        matrix_source=planned.matrix_source,
        total_km=Decimal(str(planned.totals.km)),
        baseline_km=Decimal(str(planned.baseline.km)),
        co2_total_kg=Decimal(str(planned.totals.co2_kg)),
        visits_planned=sum(1 for d in planned.days for s in d.stops if s.kind == "visit"),
        visits_unassigned=len(planned.unassigned),
    )
    session.add(tour)
    session.flush()
    planned.id = tour.id
    tour.plan = planned.model_dump(mode="json")
    for index, day in enumerate(planned.days):
        session.add(
            TourDay(
                tour_id=tour.id,
                day_index=index,
                day=day.date,
                planned_km=Decimal(str(day.totals.km)),
                visits=sum(1 for s in day.stops if s.kind == "visit"),
            )
        )
    session.flush()
    return planned


@router.get(
    "/tours",
    response_model=Page[TourSummary],
    summary="Tournées enregistrées",
    **PLANNING,
)
def list_tours(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[TourSummary]:
    stmt = TourRepository(session, principal).readable_statement()
    items, total = paginate(session, stmt.order_by(Tour.first_day.desc(), Tour.id.desc()), page)
    return page_of([TourSummary.model_validate(t) for t in items], total, page)


@router.get(
    "/tours/{tour_id}", response_model=TourPlanOut, summary="Une tournée enregistrée", **PLANNING
)
def read_tour(tour_id: int, session: DbSession, principal: CurrentPrincipal) -> TourPlanOut:
    tour = TourRepository(session, principal).get_readable(tour_id)
    return TourPlanOut.model_validate(tour.plan)


@router.delete(
    "/tours/{tour_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une tournée",
    **PLANNING,
)
def delete_tour(tour_id: int, session: DbSession, principal: CurrentPrincipal) -> Response:
    tour = TourRepository(session, principal).get_writable(tour_id)
    session.delete(tour)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/tour-base", response_model=TourBaseOut, summary="Votre base (départ des tournées)", **PLANNING
)
def read_base(session: DbSession, principal: CurrentPrincipal) -> TourBaseOut:
    base = session.get(TourBase, principal.user_id)
    if base is None:
        raise NotFound("Aucune base enregistrée.")
    return TourBaseOut.model_validate(base)


@router.put("/tour-base", response_model=TourBaseOut, summary="Enregistrer votre base", **PLANNING)
def set_base(body: TourBaseIn, session: DbSession, principal: CurrentPrincipal) -> TourBaseOut:
    base = session.get(TourBase, principal.user_id)
    if base is None:
        base = TourBase(owner_id=principal.user_id)
        session.add(base)
    base.label = body.label
    base.address = body.address
    base.latitude = body.latitude
    base.longitude = body.longitude
    session.flush()
    return TourBaseOut.model_validate(base)


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
