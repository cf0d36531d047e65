"""Tours: planning, saved tours, suggestions, mileage, the trainee's base, emission factors.

Each route parses, calls one service function and shapes the response (app/tours/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OrganisationManager, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination
from app.core.schemas import Id, Page
from app.models import TransportMode
from app.tours import base, emissions, exports, mileage, service, suggestions
from app.tours.schemas import (
    MAX_DAYS,
    EmissionFactorOut,
    EmissionFactorSet,
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
    return service.list_tours(session, principal, page, owner_id)


@router.get(
    "/tours/{tour_id}", response_model=TourPlanOut, summary="Une tournée enregistrée", **PLANNING
)
def read_tour(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> TourPlanOut:
    return service.read(session, principal, tour_id)


@router.delete(
    "/tours/{tour_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une tournée",
    **PLANNING,
)
def delete_tour(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete(session, principal, tour_id)
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
    exported = exports.export(session, principal, settings, tour_id, format)
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )


@dataclass(frozen=True)
class SuggestionParams:
    day: int | None
    limit: int


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
    return _suggestions_out(suggestions.for_request(
        session, principal, settings, body, day_index=params.day, limit=params.limit
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
    return _suggestions_out(suggestions.for_tour(
        session, principal, settings, tour_id, day_index=params.day, limit=params.limit
    ))  # fmt: skip


@router.get(
    "/tours/{tour_id}/mileage",
    response_model=MileageOut,
    summary="Kilométrage prévu et réel, et CO2, par jour et par visite",
    **PLANNING,
)
def read_mileage(tour_id: Id, session: DbSession, principal: CurrentPrincipal) -> MileageOut:
    return mileage.read(session, principal, tour_id)


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
    return mileage.log(session, principal, tour_id, day_index, body)


@router.get(
    "/tour-base", response_model=TourBaseOut, summary="Votre base (départ des tournées)", **PLANNING
)
def read_base(session: DbSession, principal: CurrentPrincipal) -> TourBaseOut:
    return base.read(session, principal)


@router.put("/tour-base", response_model=TourBaseOut, summary="Enregistrer votre base", **PLANNING)
def set_base(body: TourBaseIn, session: DbSession, principal: CurrentPrincipal) -> TourBaseOut:
    return base.put(session, principal, body)


@router.get(
    "/emission-factors",
    response_model=list[EmissionFactorOut],
    summary="Facteurs d'émission des déplacements (ADEME Impact CO2, ou ceux de l'organisation)",
    **ECO,
)
def list_emission_factors(
    session: DbSession, principal: CurrentPrincipal
) -> list[EmissionFactorOut]:
    return emissions.list_factors(session, principal)


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
    return emissions.set_factor(session, principal, mode, body)


@router.delete(
    "/emission-factors/{mode}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revenir au facteur de référence pour ce mode (administrateurs)",
)
def reset_emission_factor(
    mode: TransportMode, session: DbSession, principal: OrganisationManager
) -> Response:
    emissions.reset_factor(session, principal, mode)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
