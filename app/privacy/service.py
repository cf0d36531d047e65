"""Consent history and the channel policy applied to the records of the file."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import SQLITE_BEGIN_IMMEDIATE
from app.core.errors import AppError, FieldError
from app.core.principal import Principal
from app.models import (
    Channel,
    ConsentChannel,
    ConsentPurpose,
    ConsentRecord,
    Contact,
    PrivacyAuditEntry,
    Prospect,
    ProspectKind,
    ProspectStatus,
)
from app.privacy import policy
from app.privacy.schemas import ConsentCreate


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


# ------------------------------------------------------------------ access audit


# Reads of one record by one person within this window are one consultation, logged once:
# the record page reads the record and its timeline (two requests), and the client reads
# them again when the tab regains focus.
CONSULTATION_WINDOW = timedelta(minutes=10)
READ_RECORD = "read_record"


def audit(
    session: Session,
    principal: Principal,
    action: str,
    *,
    prospect_id: int | None = None,
    contact_id: int | None = None,
    detail: str = "",
    own_transaction: bool = False,
) -> None:
    """Log an access to personal data (the detail in French: the access log shows it).

    ``own_transaction`` (reading routes): in a short transaction of its own, committed at
    once, so that the log holds every read even if the response then fails and a reading
    request never writes in its own transaction (on SQLite a transaction that read first
    cannot write after another request's commit). Otherwise the entry joins the caller's
    writing transaction. A consultation (``read_record``) already logged for the same
    person, record and contact within ``CONSULTATION_WINDOW`` is not logged again."""
    entry = PrivacyAuditEntry(
        organisation_id=principal.organisation_id,
        actor_id=principal.user_id,
        action=action,
        prospect_id=prospect_id,
        contact_id=contact_id,
        detail=detail[:300],
    )
    if not own_transaction:
        session.add(entry)
        return
    with Session(bind=session.get_bind()) as own:
        if action == READ_RECORD and _consulted_lately(own, entry):
            return
        own.add(entry)
        own.commit()


def _consulted_lately(own: Session, entry: PrivacyAuditEntry) -> bool:
    """Whether the same consultation is already logged within the window. Two reads at once
    (the record and its timeline) must not both miss the other: SQLite takes the write lock
    at BEGIN (one at a time), PostgreSQL a transaction-scoped advisory lock on the reader
    and the record."""
    bind = own.get_bind()
    if bind.dialect.name == "sqlite":
        own.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
    else:
        key = ((entry.actor_id or 0) << 32) | ((entry.prospect_id or 0) & 0xFFFFFFFF)
        own.execute(select(func.pg_advisory_xact_lock(key)))
    contact = (
        PrivacyAuditEntry.contact_id.is_(None)
        if entry.contact_id is None
        else PrivacyAuditEntry.contact_id == entry.contact_id
    )
    prospect = (
        PrivacyAuditEntry.prospect_id.is_(None)
        if entry.prospect_id is None
        else PrivacyAuditEntry.prospect_id == entry.prospect_id
    )
    recent = own.scalar(
        select(PrivacyAuditEntry.id)
        .where(
            PrivacyAuditEntry.actor_id == entry.actor_id,
            PrivacyAuditEntry.action == entry.action,
            prospect,
            contact,
            PrivacyAuditEntry.at >= utcnow() - CONSULTATION_WINDOW,
        )
        .limit(1)
    )
    return recent is not None
