"""Consent history and the channel policy applied to the records of the file.

What the prospect file needs before an outbound contact (app/prospects) and what the privacy
routes show (app/privacy): both import this module, which imports neither.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.consent import policy
from app.consent.repository import ConsentRepository
from app.consent.schemas import ConsentCreate, ConsentOut, ConsentsView
from app.core.errors import AppError, FieldError
from app.core.principal import Principal
from app.models import (
    Channel,
    ConsentChannel,
    ConsentPurpose,
    ConsentRecord,
    Contact,
    Prospect,
    ProspectKind,
    ProspectStatus,
)


class ChannelRefused(AppError):
    """409 whose type names the policy rule (urn:capvente:problem:channel-policy:<rule>)."""

    status, slug, title = 409, "channel-policy", "Contact refusé par la politique RGPD"

    def __init__(self, decision: policy.Decision, channel: Channel, allowed: list[Channel]):
        super().__init__(
            decision.detail,
            problem_slug=f"channel-policy:{decision.rule}",
            rule=decision.rule,
            channel=channel.value,
            allowed_channels=[c.value for c in allowed],
        )


# ------------------------------------------------------------------ consent


def _person_filter(prospect_id: int, contact_id: int | None) -> Any:
    contact = (
        ConsentRecord.contact_id.is_(None)
        if contact_id is None
        else ConsentRecord.contact_id == contact_id
    )
    return and_(ConsentRecord.prospect_id == prospect_id, contact)


def current_consents(
    session: Session,
    prospect_id: int,
    contact_id: int | None,
    purpose: ConsentPurpose | None = ConsentPurpose.PROSPECTING,
) -> dict[tuple[ConsentPurpose, ConsentChannel], ConsentRecord]:
    """The latest record per (purpose, channel) for one person: the current state."""
    rank = (
        func.row_number()
        .over(
            partition_by=(ConsentRecord.purpose, ConsentRecord.channel),
            order_by=(ConsentRecord.given_at.desc(), ConsentRecord.id.desc()),
        )
        .label("rank")
    )
    ranked = select(ConsentRecord.id.label("cid"), rank).where(
        _person_filter(prospect_id, contact_id)
    )
    if purpose is not None:
        ranked = ranked.where(ConsentRecord.purpose == purpose)
    sub = ranked.subquery()
    rows = session.scalars(
        select(ConsentRecord).join(sub, sub.c.cid == ConsentRecord.id).where(sub.c.rank == 1)
    )
    return {(r.purpose, r.channel): r for r in rows}


def record_consent(
    session: Session,
    principal: Principal,
    prospect: Prospect,
    contact: Contact | None,
    data: ConsentCreate,
) -> ConsentRecord:
    """Append a consent event. The current state is always derived from the history."""
    if data.pre_ticked:
        raise FieldError(
            "pre_ticked",
            "Une case pré-cochée ne vaut pas consentement (RGPD art. 7) : la personne doit "
            "cocher elle-même.",
        )
    if contact is None and prospect.kind is ProspectKind.COMPANY and data.status == "granted":
        # A company is not a person: consent belongs to one of its contacts.
        raise FieldError(
            "contact_id",
            "Pour une entreprise, le consentement est celui d'un contact : indiquez contact_id.",
        )
    record = ConsentRecord(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        purpose=data.purpose,
        channel=data.channel,
        status=data.status,
        lawful_basis=data.lawful_basis,
        given_at=data.given_at,
        method=data.method,
        text_version=data.text_version,
        proof_reference=data.proof_reference,
        recorded_by=principal.user_id,
    )
    session.add(record)
    session.flush()
    return record


# ------------------------------------------------------------------ channel policy


def contact_context(
    session: Session,
    settings: Settings,
    prospect: Prospect,
    contact: Contact | None,
    channel: Channel,
    on: date,
    *,
    about_contract: bool = False,
    analogous_offer: bool = False,
    consents: dict[tuple[ConsentPurpose, ConsentChannel], ConsentRecord] | None = None,
) -> policy.ContactContext:
    """Gather what the policy needs about one person of the file."""
    if consents is None:
        consents = current_consents(session, prospect.id, contact.id if contact else None)
    record = (
        consents.get((ConsentPurpose.PROSPECTING, ConsentChannel(channel.value)))
        if channel.value in ConsentChannel.__members__.values()
        else None
    )
    return policy.ContactContext(
        b2b=prospect.kind is ProspectKind.COMPANY,
        channel=channel,
        on=on,
        consent=policy.ConsentState(record.status, record.lawful_basis) if record else None,
        objected=prospect.objected_at is not None
        or (contact is not None and contact.objected_at is not None),
        existing_customer=prospect.status is ProspectStatus.CUSTOMER
        or prospect.customer_since is not None,
        analogous_offer=analogous_offer,
        ongoing_contract=prospect.ongoing_contract,
        about_contract=about_contract,
        bloctel_opposed=prospect.bloctel_opposed,
        bloctel_checked_on=prospect.bloctel_checked_on,
        bloctel_max_age_days=settings.bloctel_max_age_days,
    )


def evaluate(
    session: Session,
    settings: Settings,
    prospect: Prospect,
    contact: Contact | None,
    on: date,
    *,
    about_contract: bool = False,
    analogous_offer: bool = False,
) -> dict[Channel, policy.Decision]:
    """The decision for every channel (one consent query for all of them)."""
    consents = current_consents(session, prospect.id, contact.id if contact else None)
    return {
        channel: policy.decide(
            contact_context(
                session,
                settings,
                prospect,
                contact,
                channel,
                on,
                about_contract=about_contract,
                analogous_offer=analogous_offer,
                consents=consents,
            )
        )
        for channel in Channel
    }


def ensure_contact_allowed(
    session: Session,
    settings: Settings,
    prospect: Prospect,
    contact: Contact | None,
    channel: Channel,
    on: date,
    *,
    about_contract: bool = False,
    analogous_offer: bool = False,
) -> policy.Decision:
    """The decision for ``channel``; raises ChannelRefused (409) when it is a refusal."""
    decisions = evaluate(
        session,
        settings,
        prospect,
        contact,
        on,
        about_contract=about_contract,
        analogous_offer=analogous_offer,
    )
    decision = decisions[channel]
    if not decision.allowed:
        allowed = [c for c, d in decisions.items() if d.allowed]
        raise ChannelRefused(decision, channel, allowed)
    return decision


def consents_view(
    session: Session, principal: Principal, prospect: Prospect, contact: Contact | None
) -> ConsentsView:
    """One person's consents: the current state per (purpose, channel) and the history."""
    contact_id = contact.id if contact else None
    history = ConsentRepository(session, principal).history(prospect.id, contact_id)
    current = current_consents(session, prospect.id, contact_id, purpose=None)
    return ConsentsView(
        current=[ConsentOut.model_validate(r) for r in current.values()],
        history=[ConsentOut.model_validate(r) for r in history],
    )
