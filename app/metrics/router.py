"""The metric registry over HTTP: its definitions, and the values of a period per trainee.

Reading figures exercises no competence of the trainee's: these routes declare none (no
badge, no evidence; app/competences/README.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from app.auth.deps import AppSettings, CurrentPrincipal
from app.core.db import DbSession
from app.core.schemas import Day, Id
from app.metrics import service
from app.metrics.schemas import MetricOut, MetricValuesOut

router = APIRouter(tags=["metrics"])

Code = Annotated[str, Field(max_length=40)]


@router.get("/metrics", response_model=list[MetricOut], summary="Indicateurs : définitions")
def list_metrics(principal: CurrentPrincipal) -> list[MetricOut]:
    return service.definitions()


@router.get(
    "/metrics/values",
    response_model=MetricValuesOut,
    summary="Indicateurs : valeurs d'une période par stagiaire",
)
def metric_values(
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    start: Annotated[
        Day | None,
        Query(alias="from", description="Premier jour (inclus ; défaut : le 1er du mois de `to`)."),
    ] = None,
    end: Annotated[
        Day | None,
        Query(
            alias="to",
            description=f"Dernier jour (inclus ; défaut : aujourd'hui). Au plus "
            f"{service.MAX_PERIOD_DAYS} jours depuis `from`. Jours du fuseau de l'application "
            "(Europe/Paris).",
        ),
    ] = None,
    codes: Annotated[
        list[Code] | None,
        Query(
            max_length=service.MAX_CODES,
            description="Codes des indicateurs (répétable ; défaut : tous).",
        ),
    ] = None,
    trainee_id: Annotated[
        list[Id] | None,
        Query(
            max_length=service.MAX_TRAINEES,
            description="Stagiaires (répétable ; formateurs et administrateurs). Un stagiaire ne "
            "lit que ses propres valeurs (par défaut).",
        ),
    ] = None,
    cohort_id: Annotated[
        Id | None, Query(description="Les stagiaires d'une cohorte (formateurs, administrateurs).")
    ] = None,
) -> MetricValuesOut:
    query = service.ValuesQuery(start, end, codes or [], trainee_id or [], cohort_id)
    return service.values(session, principal, settings, query)
