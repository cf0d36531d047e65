"""Tours: planning, saved tours, the trainee's base, emission factors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status
from sqlalchemy import select

from app.auth.deps import AppSettings, CurrentPrincipal, OrganisationManager, OwnerFilter
from app.competences.tagging import exercises
from app.core.clock import utcnow
from app.core.db import DbSession, work_first
from app.core.errors import FieldError, NotFound
from app.core.pagination import Pagination, page_of, paginate
from app.core.repository import ScopedRepository
from app.core.schemas import Id, Page
from app.models import EmissionFactor, Tour, TourBase, TourDay, TransportMode
from app.tours import emissions, exports, service, suggestions
from app.tours.matrix import provider_from_settings
from app.tours.schemas import (
    MAX_DAYS,
    EmissionFactorOut,
    EmissionFactorSet,
    MileageDayOut,
    MileageIn,
    MileageOut,
    SuggestionOut,
    TourBaseIn,
    TourBaseOut,
    TourPlanIn,
    TourPlanOut,
    TourSummary,
)

router = APIRouter(tags=["tours"])

ECO = exercises("CP2", criteria=["CP2.7"])
PLANNING = exercises("CP2", criteria=["CP2.6", "CP2.7"])
# Logging a day's kilometres shows the tour's real footprint once per day logged (the time
# of logging changes each time and shows nothing).
MILEAGE = exercises("CP2", criteria=["CP2.6", "CP2.7"], fields={"actual_km": []})


class TourRepository(ScopedRepository[Tour]):
    model = Tour
    label = "Tournée"


@router.post(
    "/tours/plan",
    response_model=TourPlanOut,
    summary="Planifier une tournée sans l'enregistrer (km, temps et CO2 face à votre ordre)",
    dependencies=[Depends(work_first)],
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
    dependencies=[Depends(work_first)],
    **PLANNING,
)
def save_tour(
    body: TourPlanIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> TourPlanOut:
    return service.save(session, principal, settings, body)


@router.get(
    "/tours",
    response_model=Page[TourSummary],
    summary="Tournées enregistrées",
    **PLANNING,
)
def list_tours(
    session: DbSession, principal: CurrentPrincipal, page: Pagination, owner_id: OwnerFilter
) -> Page[TourSummary]:
    stmt = TourRepository(session, principal).readable_statement(owner_id)
    items, total = paginate(session, stmt.order_by(Tour.first_day.desc(), Tour.id.desc()), page)
    return page_of([TourSummary.model_validate(t) for t in items], total, page)


@router.get(
    "/tours/{tour_id}", response_model=TourPlanOut, summary="Une tournée enregistrée", **PLANNING
)
def read_tour(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> TourPlanOut:
    tour = TourRepository(session, principal).get_readable(tour_id)
    out = TourPlanOut.model_validate(tour.plan)
    out.owner_id = tour.owner_id
    service.attach_phones(session, principal, out)
    return out


@router.delete(
    "/tours/{tour_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une tournée",
    **PLANNING,
)
def delete_tour(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    tour = TourRepository(session, principal).get_writable(tour_id)
    session.delete(tour)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------ exports, mileage


@router.get(
    "/tours/{tour_id}/export",
    summary="Exporter une tournée (GeoJSON ou GPX)",
    responses={200: {"content": {"application/geo+json": {}, "application/gpx+xml": {}}}},
    **PLANNING,
)
def export_tour(
    tour_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    format: Literal["geojson", "gpx"] = "geojson",
) -> Response:
    tour = TourRepository(session, principal).get_readable(tour_id)
    plan = TourPlanOut.model_validate(tour.plan)
    filename = f"tournee-{tour.id}"
    if format == "gpx":
        return Response(
            exports.gpx(plan),
            media_type="application/gpx+xml",
            headers={"Content-Disposition": f'attachment; filename="{filename}.gpx"'},
        )
    provider = provider_from_settings(settings) if plan.matrix_source != "haversine" else None
    return Response(
        json.dumps(exports.geojson(plan, provider), ensure_ascii=False),
        media_type="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="{filename}.geojson"'},
    )


@dataclass(frozen=True)
class SuggestionParams:
    day: int | None
    limit: int

    def check_day(self, days: int) -> None:
        if self.day is not None and self.day >= days:
            raise FieldError("day", f"La tournée a {days} jour(s).", location="query")


def suggestion_params(
    day: int | None = Query(
        default=None, ge=0, le=MAX_DAYS - 1, description="Rang du jour (défaut : tous)."
    ),
    limit: int = Query(default=10, ge=1, le=50),
) -> SuggestionParams:
    return SuggestionParams(day, limit)


SuggestionQuery = Annotated[SuggestionParams, Depends(suggestion_params)]


def _suggestions_out(found: list[suggestions.Suggestion]) -> list[SuggestionOut]:
    return [SuggestionOut.model_validate(s, from_attributes=True) for s in found]


@router.post(
    "/tours/plan/suggestions",
    response_model=list[SuggestionOut],
    summary="Planifier puis proposer les prospects à ajouter, avant d'enregistrer",
    description=(
        "La même demande que `POST /tours/plan` : la tournée est calculée, puis chaque "
        "prospect ouvert proche est essayé à chaque place de la journée (détour, CO2, "
        "retour). Rien n'est enregistré."
    ),
    dependencies=[Depends(work_first)],
    **exercises("CP2", criteria=["CP2.6", "CP2.7"], evidence=False),
)
def plan_suggestions(
    body: TourPlanIn,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    params: SuggestionQuery,
) -> list[SuggestionOut]:
    params.check_day(len(body.days))
    plan = service.plan(session, principal, settings, body)
    return _suggestions_out(suggestions.suggest_for_plan(
        session, principal, settings, body, plan,
        owner_id=principal.user_id, day_index=params.day, limit=params.limit,
    ))  # fmt: skip


@router.get(
    "/tours/{tour_id}/suggestions",
    response_model=list[SuggestionOut],
    summary="Prospects à ajouter autour des rendez-vous, avec le détour de chacun",
    **PLANNING,
)
def tour_suggestions(
    tour_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    params: SuggestionQuery,
) -> list[SuggestionOut]:
    tour = TourRepository(session, principal).get_readable(tour_id)
    params.check_day(tour.days_count)
    return _suggestions_out(suggestions.suggest(
        session, principal, settings, tour, day_index=params.day, limit=params.limit
    ))  # fmt: skip


@router.get(
    "/tours/{tour_id}/mileage",
    response_model=MileageOut,
    summary="Kilométrage prévu et réel, et CO2, par jour et par visite",
    **PLANNING,
)
def read_mileage(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> MileageOut:
    tour = TourRepository(session, principal).get_readable(tour_id)
    return _mileage(session, tour, principal.organisation_id)


@router.put(
    "/tours/{tour_id}/days/{day_index}/mileage",
    response_model=MileageOut,
    summary="Saisir les km réellement roulés un jour de la tournée",
    **MILEAGE,
)
def log_mileage(
    tour_id: Id,
    day_index: Annotated[int, Path(ge=0, le=MAX_DAYS - 1)],
    body: MileageIn,
    session: DbSession,
    principal: CurrentPrincipal,
) -> MileageOut:
    tour = TourRepository(session, principal).get_writable(tour_id)
    day = session.get(TourDay, (tour.id, day_index))
    if day is None:
        raise NotFound(f"La tournée {tour.id} n'a pas de jour n° {day_index}.")
    day.actual_km = body.actual_km
    day.actual_logged_at = utcnow()
    session.flush()
    return _mileage(session, tour, principal.organisation_id)


def _mileage(session: Any, tour: Tour, organisation_id: int) -> MileageOut:
    """``organisation_id``: the caller's, which is the owner's (scoping stays in one
    organisation)."""
    factor = emissions.effective_factors(session, organisation_id)[tour.mode].factor
    days = session.scalars(
        select(TourDay).where(TourDay.tour_id == tour.id).order_by(TourDay.day_index)
    ).all()
    out = []
    for day in days:
        planned_co2 = emissions.co2_of(day.planned_km, factor).total_kg
        actual_co2 = (
            None if day.actual_km is None else emissions.co2_of(day.actual_km, factor).total_kg
        )
        per = Decimal(day.visits) if day.visits else None
        out.append(
            MileageDayOut(
                day_index=day.day_index,
                date=day.day,
                visits=day.visits,
                planned_km=day.planned_km,
                actual_km=day.actual_km,
                planned_co2_kg=planned_co2,
                actual_co2_kg=actual_co2,
                planned_km_per_visit=_per(day.planned_km, per),
                actual_km_per_visit=_per(day.actual_km, per),
                planned_co2_kg_per_visit=_per(planned_co2, per),
                actual_co2_kg_per_visit=_per(actual_co2, per),
                actual_logged_at=day.actual_logged_at,
            )
        )
    planned = sum((d.planned_km for d in days), Decimal(0))
    logged = all(d.actual_km is not None for d in days) and bool(days)
    actual = sum((d.actual_km or Decimal(0) for d in days), Decimal(0)) if logged else None
    return MileageOut(
        tour_id=tour.id,
        mode=tour.mode,
        days=out,
        planned_km=planned,
        actual_km=actual,
        planned_co2_kg=emissions.co2_of(planned, factor).total_kg,
        actual_co2_kg=None if actual is None else emissions.co2_of(actual, factor).total_kg,
    )


def _per(value: Decimal | None, visits: Decimal | None) -> Decimal | None:
    if value is None or visits is None:
        return None
    return (value / visits).quantize(Decimal("0.001"))


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
