"""Recording interactions (through the channel policy) and managing appointments."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.consent import service as consent
from app.core.errors import AppError, FieldError
from app.core.patch import apply_patch, check_version, every_field_but
from app.core.principal import Principal
from app.models import (
    Appointment,
    AppointmentStatus,
    CampaignMember,
    Direction,
    Interaction,
    Outcome,
    Prospect,
    ProspectStatus,
)
from app.prospects import rules
from app.prospects.repository import (
    CallScriptRepository,
    CampaignMemberRepository,
    CampaignRepository,
    ContactRepository,
)
from app.prospects.schemas import (
    AppointmentCreate,
    AppointmentUpdate,
    InteractionCreate,
    StatusChange,
)
from app.prospects.service import change_status, note_contact

#: Times in messages are French wall-clock times.
PARIS = ZoneInfo("Europe/Paris")


class Recorded(NamedTuple):
    """An interaction recorded: it, the appointment it set, the REAC criteria it exercised."""

    interaction: Interaction
    appointment: Appointment | None
    criteria: list[str]


def criteria_of(data: InteractionCreate) -> list[str]:
    """The REAC criteria an interaction exercises, read from what the trainee recorded."""
    codes = ["CP3.7"]  # the file is updated
    if data.direction is Direction.OUTBOUND:
        codes.append("CP3.1")  # contacted by a channel the policy allows
    if data.outcome is Outcome.APPOINTMENT:
        codes.append("CP3.2")  # appointment-setting technique
    if (
        any((data.needs, data.budget, data.authority, data.timing))
        or data.outcome is Outcome.QUALIFIED
    ):
        codes.append("CP3.6")  # information that qualifies the prospect
    if data.accessibility_needs or data.accessibility_adaptation:
        codes += ["CT2.5", "CP6.8"]  # disability taken into account
    return codes


def record_interaction(
    session: Session,
    principal: Principal,
    settings: Settings,
    prospect: Prospect,
    data: InteractionCreate,
) -> Recorded:
    """Check, then write: the policy refuses an outbound contact before anything is saved.
    Returns what was written and the criteria it exercised (``criteria_of``)."""
    if prospect.anonymised_at is not None:
        raise AppError("Ce prospect a été anonymisé : plus aucun contact n'est possible.")
    occurred_at = data.occurred_at or utcnow()
    contact = ContactRepository(session, principal).of_prospect(
        prospect, data.contact_id, writable=True
    )
    campaign = None
    if data.campaign_id is not None:
        try:
            campaign = CampaignRepository(session, principal).get_writable(data.campaign_id)
        except AppError as exc:
            raise FieldError("campaign_id", f"Campagne {data.campaign_id} introuvable.") from exc
        member = session.scalar(
            CampaignMemberRepository(session, principal)
            .readable_statement()
            .where(
                CampaignMember.campaign_id == campaign.id,
                CampaignMember.prospect_id == prospect.id,
            )
        )
        if member is None:
            raise FieldError("campaign_id", "Ce prospect n'est pas membre de la campagne.")
    if data.call_script_id is not None:
        try:
            CallScriptRepository(session, principal).get_writable(data.call_script_id)
        except AppError as exc:
            raise FieldError(
                "call_script_id", f"Script {data.call_script_id} introuvable."
            ) from exc
    closes = data.outcome in rules.CLOSING_OUTCOMES
    if not closes and data.next_contact_on is None and data.outcome is not Outcome.APPOINTMENT:
        raise FieldError(
            "next_contact_on",
            "Indiquez la date de prochain contact (obligatoire sauf si le résultat clôt le "
            "dossier : not_interested, wrong_target).",
        )
    if data.outcome is Outcome.APPOINTMENT and data.appointment is None:
        raise FieldError("appointment", "Un rendez-vous pris doit être décrit (date, durée, lieu).")
    if data.outcome is not Outcome.APPOINTMENT and data.appointment is not None:
        raise FieldError(
            "appointment", "Un rendez-vous n'accompagne que le résultat « appointment »."
        )
    if data.appointment is not None:
        check_not_past(
            "appointment.starts_at",
            data.appointment.starts_at,
            occurred_at,
            data.appointment.past_record,
            "l'échange",
        )

    decision = None
    if data.direction is Direction.OUTBOUND:
        decision = consent.ensure_contact_allowed(
            session,
            settings,
            prospect,
            contact,
            data.channel,
            occurred_at.date(),
            about_contract=data.about_contract,
            analogous_offer=data.analogous_offer or bool(campaign and campaign.analogous_offer),
        )

    interaction = Interaction(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        campaign_id=campaign.id if campaign else None,
        call_script_id=data.call_script_id,
        channel=data.channel,
        direction=data.direction,
        outcome=data.outcome,
        occurred_at=occurred_at,
        duration_minutes=data.duration_minutes,
        notes=data.notes,
        needs=data.needs,
        budget=data.budget,
        authority=data.authority,
        timing=data.timing,
        accessibility_needs=data.accessibility_needs,
        accessibility_adaptation=data.accessibility_adaptation,
        next_step=data.next_step,
        next_contact_on=data.next_contact_on,
        policy_rule=decision.rule if decision else None,
    )
    session.add(interaction)
    session.flush()

    appointment = None
    if data.appointment is not None:
        draft = data.appointment
        appointment = Appointment(
            owner_id=prospect.owner_id,
            prospect_id=prospect.id,
            contact_id=interaction.contact_id,
            interaction_id=interaction.id,
            starts_at=draft.starts_at,
            duration_minutes=draft.duration_minutes,
            place=draft.place or _address(prospect),
            latitude=draft.latitude if draft.latitude is not None else prospect.latitude,
            longitude=draft.longitude if draft.longitude is not None else prospect.longitude,
            notes="",
            status=_initial_status(draft.starts_at, draft.past_record),
        )
        session.add(appointment)
    next_date = data.next_contact_on or (
        data.appointment.starts_at.date() if data.appointment else None
    )
    note_contact(
        prospect,
        inbound=data.direction is Direction.INBOUND,
        when=occurred_at,
        next_contact_on=None if data.outcome in rules.CLOSING_OUTCOMES else next_date,
    )
    _advance_status(session, principal, prospect, data.outcome)
    session.flush()
    return Recorded(interaction, appointment, criteria_of(data))


def _address(prospect: Prospect) -> str | None:
    parts = [prospect.address, " ".join(filter(None, [prospect.postcode, prospect.city]))]
    text = ", ".join(p for p in parts if p)
    return text or None


def _advance_status(
    session: Session, principal: Principal, prospect: Prospect, outcome: Outcome
) -> None:
    """A suspect reached becomes a prospect; a qualifying outcome qualifies it."""
    target = None
    if outcome is Outcome.QUALIFIED and ProspectStatus.QUALIFIED in rules.allowed_transitions(
        prospect.status
    ):
        target = ProspectStatus.QUALIFIED
    elif prospect.status is ProspectStatus.SUSPECT and outcome not in (
        rules.UNREACHED_OUTCOMES | rules.CLOSING_OUTCOMES
    ):
        target = ProspectStatus.PROSPECT
    if target is not None:
        change_status(session, principal, prospect, StatusChange(status=target))


# ------------------------------------------------------------------ appointments

#: How late an appointment may be entered and still count as "to come" (a form filled in
#: during the first minutes of the meeting, clocks a little apart).
PAST_GRACE = timedelta(minutes=15)


def check_not_past(
    field: str, starts_at: datetime, reference: datetime, past_record: bool, what: str
) -> None:
    """A planned appointment starts after ``reference`` (now, or the exchange it was taken
    in): an earlier start is a typing slip (wrong year, wrong day) unless the writer marks it
    as the record of a past meeting (``past_record``)."""
    if past_record or starts_at >= reference - PAST_GRACE:
        return
    when = starts_at.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")
    raise FieldError(
        field,
        f"Ce rendez-vous commence le {when}, avant {what} : choisissez une date à venir, ou "
        "marquez-le comme rendez-vous passé pour consigner un rendez-vous qui a déjà eu lieu.",
    )


def _initial_status(starts_at: datetime, past_record: bool) -> AppointmentStatus:
    """The record of a meeting that already took place is entered as done."""
    if past_record and starts_at < utcnow():
        return AppointmentStatus.DONE
    return AppointmentStatus.PLANNED


def create_appointment(
    session: Session, principal: Principal, prospect: Prospect, data: AppointmentCreate
) -> Appointment:
    check_not_past("starts_at", data.starts_at, utcnow(), data.past_record, "maintenant")
    contact = ContactRepository(session, principal).of_prospect(
        prospect, data.contact_id, writable=True
    )
    appointment = Appointment(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        starts_at=data.starts_at,
        duration_minutes=data.duration_minutes,
        place=data.place or _address(prospect),
        latitude=data.latitude if data.latitude is not None else prospect.latitude,
        longitude=data.longitude if data.longitude is not None else prospect.longitude,
        notes=data.notes,
        status=_initial_status(data.starts_at, data.past_record),
    )
    session.add(appointment)
    session.flush()
    return appointment


#: What an appointment update may clear (sent as null): its place only.
_APPOINTMENT_CLEARABLE = every_field_but("starts_at", "duration_minutes", "status", "notes")


def update_appointment(
    session: Session, appointment: Appointment, data: AppointmentUpdate
) -> Appointment:
    check_version(appointment, data.version)
    moved = "starts_at" in data.model_fields_set and data.starts_at is not None
    status = data.status or appointment.status
    if moved and status is AppointmentStatus.PLANNED and data.starts_at is not None:
        check_not_past("starts_at", data.starts_at, utcnow(), data.past_record, "maintenant")
    apply_patch(appointment, data, clearable=_APPOINTMENT_CLEARABLE, skip={"past_record"})
    session.flush()
    return appointment
