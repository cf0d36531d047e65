"""The agenda: one timeline of appointments, tour days, next-contact dates, tasks and (once
the plans register them) planned actions."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response

from app.agenda import service
from app.agenda.schemas import AgendaOut
from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.tagging import exercises
from app.core import structs
from app.core.db import DbSession
from app.core.schemas import Day, Id

router = APIRouter(tags=["agenda"])

AGENDA = exercises("CP2", criteria=["CP2.3"])


@router.get(
    "/agenda",
    response_class=Response,
    responses=structs.documented(AgendaOut, "La période demandée, ses éléments triés."),
    summary="Agenda : rendez-vous, tournées, relances et tâches d'une période",
    description="Les éléments de chaque domaine, triés par début ; les doubles réservations "
    f"sont signalées (`conflicts`). Période de {service.MAX_SPAN_DAYS} jours au plus.",
    **AGENDA,
)
def read_agenda(
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    first: Annotated[
        Day | None, Query(alias="from", description="Premier jour (inclus). Défaut : aujourd'hui.")
    ] = None,
    last: Annotated[
        Day | None,
        Query(alias="to", description="Dernier jour (inclus). Défaut : une semaine."),
    ] = None,
    trainee_id: Annotated[
        Id | None,
        Query(
            description="L'agenda d'un stagiaire que l'appelant suit (formateur) ou de son "
            "organisation (administrateur). Défaut : le sien."
        ),
    ] = None,
) -> Response:
    with structs.collector_paused():
        out = service.read_agenda(
            session, principal, ZoneInfo(settings.timezone), first, last, trainee_id
        )
        return structs.respond(out)
