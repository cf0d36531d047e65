"""Data-subject requests: access/portability, rectification, erasure, objection."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.consent.audit import audit
from app.consent.schemas import ConsentOut
from app.core.errors import AppError, Conflict, FieldError, NotFound
from app.core.principal import Principal
from app.models import (
    Appointment,
    CampaignMember,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    ConsentStatus,
    Contact,
    Interaction,
    LawfulBasis,
    PrivacyRequest,
    PrivacyRequestKind,
    PrivacyRequestStatus,
    Prospect,
    ProspectStatusChange,
)
from app.privacy.anonymise import anonymise_contact, anonymise_prospect
from app.privacy.schemas import (
    PrivacyRequestComplete,
    PrivacyRequestCreate,
    PrivacyRequestOut,
)
from app.prospects import validation as v
from app.prospects.repository import ContactRepository, ProspectRepository
from app.prospects.schemas import AppointmentOut, ContactOut, InteractionOut, ProspectOut
from app.prospects.search import purge_erased
from app.prospects.service import refresh_derived


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def subject_names(session: Session, items: Sequence[PrivacyRequest]) -> dict[int, str]:
    """The display name of each request's person (by request id), in two queries: the
    prospect's name, or the contact's name followed by its prospect's in brackets."""
    prospect_ids = {r.prospect_id for r in items if r.prospect_id is not None}
    contact_ids = {r.contact_id for r in items if r.contact_id is not None}
    prospects: dict[int, str] = {
        row.id: row.name
        for row in session.execute(
            select(Prospect.id, Prospect.name).where(Prospect.id.in_(prospect_ids))
        )
    }
    contacts: dict[int, str] = {
        row.id: f"{row.first_name} {row.last_name}".strip()
        for row in session.execute(
            select(Contact.id, Contact.first_name, Contact.last_name).where(
                Contact.id.in_(contact_ids)
            )
        )
    }
    names = {}
    for r in items:
        prospect = prospects.get(r.prospect_id) if r.prospect_id is not None else None
        if prospect is None:
            continue
        contact = contacts.get(r.contact_id) if r.contact_id is not None else None
        names[r.id] = f"{contact} ({prospect})" if contact else prospect
    return names


def requests_out(
    session: Session, items: Sequence[PrivacyRequest], today: date | None = None
) -> list[PrivacyRequestOut]:
    names = subject_names(session, items)
    return [_out(r, names.get(r.id), today) for r in items]


def request_out(
    session: Session, request: PrivacyRequest, today: date | None = None
) -> PrivacyRequestOut:
    return requests_out(session, [request], today)[0]


def _out(
    request: PrivacyRequest, subject_name: str | None, today: date | None
) -> PrivacyRequestOut:
    today = today or utcnow().date()
    return PrivacyRequestOut(
        id=request.id,
        owner_id=request.owner_id,
        prospect_id=request.prospect_id,
        contact_id=request.contact_id,
        subject_name=subject_name,
        kind=request.kind,
        status=request.status,
        received_on=request.received_on,
        due_on=request.due_on,
        overdue=request.status is PrivacyRequestStatus.OPEN and today > request.due_on,
        extension_reason=request.extension_reason,
        channel=request.channel,
        details=request.details,
        changes=request.changes,
        response_note=request.response_note,
        completed_at=request.completed_at,
        version=request.version,
    )


def open_request(
    session: Session, principal: Principal, data: PrivacyRequestCreate
) -> PrivacyRequest:
    """Record a request about one of the caller's prospects (or one of its contacts): 422 on
    ``prospect_id`` or ``contact_id`` when it is not one of theirs."""
    try:
        prospect = ProspectRepository(session, principal).get_writable(data.prospect_id)
    except NotFound as exc:
        raise FieldError("prospect_id", f"Prospect {data.prospect_id} introuvable.") from exc
    contact = ContactRepository(session, principal).of_prospect(prospect, data.contact_id)
    return create_request(session, prospect, contact, data)


def create_request(
    session: Session, prospect: Prospect, contact: Contact | None, data: PrivacyRequestCreate
) -> PrivacyRequest:
    if data.received_on > utcnow().date():
        raise FieldError("received_on", "La date de réception ne peut pas être dans le futur.")
    if data.kind is PrivacyRequestKind.RECTIFICATION:
        validate_changes(data.changes, contact is not None)
    elif data.changes:
        raise FieldError("changes", "Seule une demande de rectification porte des changements.")
    request = PrivacyRequest(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        kind=data.kind,
        received_on=data.received_on,
        due_on=add_months(data.received_on, 1),
        channel=data.channel,
        details=data.details,
        changes=data.changes,
    )
    session.add(request)
    session.flush()
    return request


# Fields a rectification may change, with their validators.
_PROSPECT_FIELDS: dict[str, Any] = {
    "name": str, "address": str, "postcode": v.postcode, "city": str, "phone": v.phone,
    "email": v.email, "website": v.website,
}  # fmt: skip
_CONTACT_FIELDS: dict[str, Any] = {
    "first_name": str, "last_name": str, "job_title": str, "phone": v.phone, "email": v.email,
}  # fmt: skip


def validate_changes(changes: dict[str, Any], on_contact: bool) -> dict[str, Any]:
    allowed = _CONTACT_FIELDS if on_contact else _PROSPECT_FIELDS
    if not changes:
        raise FieldError("changes", "Indiquez les champs à rectifier.")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in allowed:
            raise FieldError(
                f"changes.{name}", f"Champ non rectifiable : permis {', '.join(sorted(allowed))}."
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            clean[name] = None
            continue
        try:
            clean[name] = allowed[name](TypeAdapter(str).validate_python(value).strip())
        except (ValueError, ValidationError) as exc:
            raise FieldError(f"changes.{name}", str(exc).split("\n")[0]) from exc
    return clean


def extend(request: PrivacyRequest, reason: str) -> PrivacyRequest:
    """One extension, by two months, with the reason (GDPR art. 12(3))."""
    if request.status is not PrivacyRequestStatus.OPEN:
        raise Conflict("Cette demande est close.")
    if request.extension_reason:
        raise Conflict("Le délai a déjà été prolongé une fois (deux mois au plus).")
    request.extension_reason = reason
    request.due_on = add_months(request.due_on, 2)
    return request


def export_for_request(
    session: Session, principal: Principal, request: PrivacyRequest
) -> dict[str, Any]:
    """What a request's subject may receive (``person_export``), logged in the access log at
    once (a download is an access even if the response then fails)."""
    if request.prospect_id is None:
        raise NotFound("La fiche concernée n'existe plus.")
    prospect = ProspectRepository(session, principal).get_readable(request.prospect_id)
    contact = (
        ContactRepository(session, principal).get_readable(request.contact_id)
        if request.contact_id
        else None
    )
    audit(
        session, principal, "export", prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        detail=f"Données téléchargées pour la demande n° {request.id}",
        own_transaction=True,
    )  # fmt: skip
    return person_export(session, prospect, contact)


def person_export(session: Session, prospect: Prospect, contact: Contact | None) -> dict[str, Any]:
    """Everything held on the person, as JSON (access and portability)."""
    contacts = (
        [contact]
        if contact is not None
        else list(session.scalars(select(Contact).where(Contact.prospect_id == prospect.id)))
    )
    interactions = select(Interaction).where(Interaction.prospect_id == prospect.id)
    appointments = select(Appointment).where(Appointment.prospect_id == prospect.id)
    consents = select(ConsentRecord).where(ConsentRecord.prospect_id == prospect.id)
    if contact is not None:
        interactions = interactions.where(Interaction.contact_id == contact.id)
        appointments = appointments.where(Appointment.contact_id == contact.id)
        consents = consents.where(ConsentRecord.contact_id == contact.id)
    history = select(ProspectStatusChange).where(ProspectStatusChange.prospect_id == prospect.id)
    campaigns = select(CampaignMember.campaign_id).where(CampaignMember.prospect_id == prospect.id)
    return {
        "generated_at": utcnow().isoformat(),
        "subject": {"prospect_id": prospect.id, "contact_id": contact.id if contact else None},
        "prospect": ProspectOut.model_validate(prospect).model_dump(mode="json"),
        "contacts": [ContactOut.model_validate(c).model_dump(mode="json") for c in contacts],
        "interactions": [
            InteractionOut.model_validate(i).model_dump(mode="json")
            for i in session.scalars(interactions.order_by(Interaction.occurred_at))
        ],
        "appointments": [
            AppointmentOut.model_validate(a).model_dump(mode="json")
            for a in session.scalars(appointments.order_by(Appointment.starts_at))
        ],
        "consents": [
            ConsentOut.model_validate(c).model_dump(mode="json")
            for c in session.scalars(consents.order_by(ConsentRecord.given_at))
        ],
        "status_history": [
            {
                "from": h.from_status,
                "to": h.to_status,
                "reason": h.reason,
                "at": h.changed_at.isoformat(),
            }
            for h in session.scalars(history.order_by(ProspectStatusChange.changed_at))
        ],
        "campaigns": sorted(set(session.scalars(campaigns))),
    }


def complete(
    session: Session,
    principal: Principal,
    settings: Settings,
    request: PrivacyRequest,
    prospect: Prospect | None,
    contact: Contact | None,
    data: PrivacyRequestComplete,
) -> PrivacyRequest:
    """Carry the request out (or reject it) and close it."""
    if request.status is not PrivacyRequestStatus.OPEN:
        raise Conflict("Cette demande est déjà close.")
    if data.reject:
        if not data.response_note:
            raise FieldError("response_note", "Motivez le refus de la demande.")
        request.status = PrivacyRequestStatus.REJECTED
    else:
        if prospect is None:
            raise AppError("La fiche concernée n'existe plus.")
        _carry_out(session, principal, settings, request, prospect, contact)
        request.status = PrivacyRequestStatus.COMPLETED
    request.response_note = data.response_note
    request.completed_at = utcnow()
    session.flush()
    return request


def _carry_out(
    session: Session,
    principal: Principal,
    settings: Settings,
    request: PrivacyRequest,
    prospect: Prospect,
    contact: Contact | None,
) -> None:
    kind = request.kind
    if kind is PrivacyRequestKind.ERASURE:
        if contact is not None:
            anonymise_contact(
                session, contact, actor_id=principal.user_id,
                organisation_id=principal.organisation_id,
                reason=f"Demande d'effacement n° {request.id}",
            )  # fmt: skip
        else:
            anonymise_prospect(
                session, prospect, actor_id=principal.user_id,
                organisation_id=principal.organisation_id,
                reason=f"Demande d'effacement n° {request.id}",
            )  # fmt: skip
            purge_erased(session)
    elif kind is PrivacyRequestKind.OBJECTION:
        now = utcnow()
        target: Prospect | Contact = contact if contact is not None else prospect
        target.objected_at = now
        # The objection shows in the consent history too: every channel withdrawn.
        for channel in ConsentChannel:
            session.add(
                ConsentRecord(
                    owner_id=prospect.owner_id, prospect_id=prospect.id,
                    contact_id=contact.id if contact else None,
                    purpose=ConsentPurpose.PROSPECTING, channel=channel,
                    status=ConsentStatus.WITHDRAWN, lawful_basis=LawfulBasis.CONSENT,
                    given_at=now, method=ConsentMethod.WRITTEN,
                    text_version="opposition", proof_reference=f"demande {request.id}",
                    recorded_by=principal.user_id,
                )
            )  # fmt: skip
    elif kind is PrivacyRequestKind.RECTIFICATION:
        target = contact if contact is not None else prospect
        for name, value in validate_changes(request.changes, contact is not None).items():
            setattr(target, name, value)
        if contact is None:
            refresh_derived(prospect, settings)
    elif kind is PrivacyRequestKind.ACCESS:
        audit(
            session, principal, "export", prospect_id=prospect.id,
            contact_id=contact.id if contact else None,
            detail=f"Demande d'accès n° {request.id} traitée",
        )  # fmt: skip
