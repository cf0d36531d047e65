"""Interactions with prospects (through the channel policy) and appointments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import select

from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.evidence import note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import NotFound
from app.core.pagination import Pagination, order_by, page_of, paginate, sort_query
from app.core.schemas import DateTime, Id, Page
from app.models import Appointment, AppointmentStatus, Channel, Interaction, Outcome, Prospect
from app.prospects import interactions as service
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


def _out(interaction: Interaction, appointment_id: int | None = None) -> InteractionOut:
    out = InteractionOut.model_validate(interaction)
    out.appointment_id = appointment_id
    return out


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
    stmt = (
        repo.InteractionRepository(session, principal)
        .readable_statement()
        .where(Interaction.prospect_id == prospect.id)
    )
    if channel:
        stmt = stmt.where(Interaction.channel == channel)
    if outcome:
        stmt = stmt.where(Interaction.outcome == outcome)
    stmt = stmt.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    items, total = paginate(session, stmt, page)
    return page_of([_out(i) for i in items], total, page)


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
    interaction, appointment = service.record_interaction(
        session, principal, settings, prospect, data
    )
    note_criteria(request, *service.criteria_of(data))
    return _out(interaction, appointment.id if appointment else None)


@router.get(
    "/prospects/{prospect_id}/interactions/{interaction_id}",
    response_model=InteractionOut,
    summary="Un échange",
    **INTERACTION,
)
def read_interaction(
    interaction_id: Id, prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal
) -> InteractionOut:
    interaction = repo.InteractionRepository(session, principal).get_readable(interaction_id)
    if interaction.prospect_id != prospect.id:
        raise NotFound(f"Interaction {interaction_id} introuvable pour ce prospect.")
    return _out(interaction)


# ------------------------------------------------------------------ appointments

APPOINTMENT_SORTS = {"starts_at": Appointment.starts_at, "created_at": Appointment.created_at}


def appointments_out(session: DbSession, items: Sequence[Appointment]) -> list[AppointmentOut]:
    """The appointments with their prospect's name (one query for them all)."""
    ids = {a.prospect_id for a in items}
    found = session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(ids)))
    names: dict[int, str] = {row.id: row.name for row in found}
    out = []
    for appointment in items:
        row = AppointmentOut.model_validate(appointment)
        row.prospect_name = names.get(appointment.prospect_id)
        out.append(row)
    return out


@router.get(
    "/appointments", response_model=Page[AppointmentOut], summary="Rendez-vous", **APPOINTMENT
)
def list_appointments(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(APPOINTMENT_SORTS)] = None,
    starts_after: Annotated[DateTime | None, Query(description="Début à partir de.")] = None,
    starts_before: Annotated[DateTime | None, Query(description="Début avant.")] = None,
    status: AppointmentStatus | None = None,
    prospect_id: Id | None = None,
) -> Page[AppointmentOut]:
    stmt = repo.AppointmentRepository(session, principal).readable_statement()
    if starts_after:
        stmt = stmt.where(Appointment.starts_at >= starts_after)
    if starts_before:
        stmt = stmt.where(Appointment.starts_at < starts_before)
    if status:
        stmt = stmt.where(Appointment.status == status)
    if prospect_id:
        stmt = stmt.where(Appointment.prospect_id == prospect_id)
    stmt = stmt.order_by(*order_by(sort, APPOINTMENT_SORTS, ["starts_at"]), Appointment.id)
    items, total = paginate(session, stmt, page)
    return page_of(appointments_out(session, items), total, page)


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
    return appointments_out(session, [created])[0]


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
    return appointments_out(session, [found])[0]


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
    return appointments_out(session, [service.update_appointment(session, appointment, data)])[0]


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
