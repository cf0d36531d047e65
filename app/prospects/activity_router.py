"""Interactions with prospects (through the channel policy) and appointments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.evidence import note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, sort_query
from app.core.schemas import DateTime, Id, Page
from app.models import AppointmentStatus, Channel, Outcome
from app.prospects import interactions as service
from app.prospects import listing
from app.prospects import repository as repo
from app.prospects.deps import ReadableProspect, WritableProspect
from app.prospects.schemas import (
    AppointmentCreate,
    AppointmentOut,
    AppointmentUpdate,
    InteractionCreate,
    InteractionOut,
)

router = APIRouter(tags=["prospects"])

INTERACTION = exercises("CP3", criteria=["CP3.7"])
APPOINTMENT = exercises("CP3", "CP2", criteria=["CP3.2"])


@router.get(
    "/prospects/{prospect_id}/interactions",
    response_model=Page[InteractionOut],
    summary="Échanges avec un prospect",
    **INTERACTION,
)
def list_interactions(
    prospect: ReadableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    channel: Channel | None = None,
    outcome: Outcome | None = None,
) -> Page[InteractionOut]:
    return listing.interactions(
        session, principal, prospect, page, channel=channel, outcome=outcome
    )


@router.post(
    "/prospects/{prospect_id}/interactions",
    response_model=InteractionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer un échange (contrôlé par la politique RGPD des canaux)",
    responses={409: {"description": "Contact refusé par la politique des canaux (RGPD)"}},
    **INTERACTION,
)
def create_interaction(
    data: InteractionCreate,
    prospect: WritableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    request: Request,
) -> InteractionOut:
    recorded = service.record_interaction(session, principal, settings, prospect, data)
    note_criteria(request, *recorded.criteria)
    appointment = recorded.appointment
    return listing.interaction_out(recorded.interaction, appointment.id if appointment else None)


@router.get(
    "/prospects/{prospect_id}/interactions/{interaction_id}",
    response_model=InteractionOut,
    summary="Un échange",
    **INTERACTION,
)
def read_interaction(
    interaction_id: Id, prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal
) -> InteractionOut:
    interaction = repo.InteractionRepository(session, principal).get_of(prospect, interaction_id)
    return listing.interaction_out(interaction)


# ------------------------------------------------------------------ appointments


@router.get(
    "/appointments", response_model=Page[AppointmentOut], summary="Rendez-vous", **APPOINTMENT
)
def list_appointments(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(listing.APPOINTMENT_SORTS)] = None,
    starts_after: Annotated[DateTime | None, Query(description="Début à partir de.")] = None,
    starts_before: Annotated[DateTime | None, Query(description="Début avant.")] = None,
    status: AppointmentStatus | None = None,
    prospect_id: Id | None = None,
) -> Page[AppointmentOut]:
    return listing.appointments(
        session, principal, page, sort=sort, starts_after=starts_after,
        starts_before=starts_before, status=status, prospect_id=prospect_id,
    )  # fmt: skip


@router.post(
    "/appointments",
    response_model=AppointmentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Planifier un rendez-vous",
    **APPOINTMENT,
)
def create_appointment(
    data: AppointmentCreate, session: DbSession, principal: CurrentPrincipal
) -> AppointmentOut:
    prospect = repo.ProspectRepository(session, principal).get_writable(data.prospect_id)
    created = service.create_appointment(session, principal, prospect, data)
    return listing.appointment_out(session, created)


@router.get(
    "/appointments/{appointment_id}",
    response_model=AppointmentOut,
    summary="Un rendez-vous",
    **APPOINTMENT,
)
def read_appointment(
    appointment_id: Id, session: DbSession, principal: CurrentPrincipal
) -> AppointmentOut:
    found = repo.AppointmentRepository(session, principal).get_readable(appointment_id)
    return listing.appointment_out(session, found)


@router.patch(
    "/appointments/{appointment_id}",
    response_model=AppointmentOut,
    summary="Modifier, tenir ou annuler un rendez-vous",
    **APPOINTMENT,
)
def update_appointment(
    appointment_id: Id, data: AppointmentUpdate, session: DbSession, principal: CurrentPrincipal
) -> AppointmentOut:
    appointment = repo.AppointmentRepository(session, principal).get_writable(appointment_id)
    return listing.appointment_out(session, service.update_appointment(session, appointment, data))


@router.delete(
    "/appointments/{appointment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un rendez-vous",
    **APPOINTMENT,
)
def delete_appointment(
    appointment_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    session.delete(repo.AppointmentRepository(session, principal).get_writable(appointment_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
