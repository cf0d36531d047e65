"""What the record page reads besides the record: its timeline and its channel policy."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.consent import service as consent
from app.consent.audit import READ_RECORD, audit
from app.consent.schemas import ChannelDecisionOut, ChannelPolicyOut
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import (
    Appointment,
    ConsentRecord,
    Contact,
    Interaction,
    Prospect,
    ProspectStatusChange,
)
from app.prospects.schemas import TimelineEvent

MAX_EVENTS = 1000


def timeline(
    session: Session, principal: Principal, prospect: Prospect, limit: int
) -> list[TimelineEvent]:
    """The record's exchanges, status changes, consents and appointments, the latest first.
    Reading it is a consultation of the record (the access log has it)."""
    # The timeline is part of the record: the record page reads both, one consultation.
    audit(session, principal, READ_RECORD, prospect_id=prospect.id, own_transaction=True)
    events: list[TimelineEvent] = []
    for i in session.scalars(select(Interaction).where(Interaction.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="interaction", at=i.occurred_at, id=i.id,
                summary=f"{i.direction.value} {i.channel.value} : {i.outcome.value}",
                data={"channel": i.channel, "direction": i.direction, "outcome": i.outcome,
                      "contact_id": i.contact_id, "notes": i.notes, "next_step": i.next_step,
                      "next_contact_on": i.next_contact_on, "policy_rule": i.policy_rule},
            )
        )  # fmt: skip
    for c in session.scalars(
        select(ProspectStatusChange).where(ProspectStatusChange.prospect_id == prospect.id)
    ):
        events.append(
            TimelineEvent(
                kind="status_change", at=c.changed_at, id=c.id,
                summary=f"{c.from_status.value if c.from_status else '—'} → {c.to_status.value}",
                data={"from": c.from_status, "to": c.to_status, "reason": c.reason},
            )
        )  # fmt: skip
    for r in session.scalars(select(ConsentRecord).where(ConsentRecord.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="consent", at=r.given_at, id=r.id,
                summary=f"{r.purpose.value}/{r.channel.value} : {r.status.value}",
                data={"purpose": r.purpose, "channel": r.channel, "status": r.status,
                      "contact_id": r.contact_id, "method": r.method},
            )
        )  # fmt: skip
    for a in session.scalars(select(Appointment).where(Appointment.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="appointment", at=a.starts_at, id=a.id,
                summary=f"rendez-vous {a.status.value}",
                data={"starts_at": a.starts_at, "place": a.place, "status": a.status},
            )
        )  # fmt: skip
    events.sort(key=lambda e: (e.at, e.kind, e.id), reverse=True)
    return events[: max(1, min(limit, MAX_EVENTS))]


def channel_policy(
    session: Session,
    settings: Settings,
    prospect: Prospect,
    contact_id: int | None,
    on: date | None,
    *,
    about_contract: bool,
    analogous_offer: bool,
) -> ChannelPolicyOut:
    """Which channels may reach this person (the prospect, or one of its contacts) on a day
    (today by default), each with the rule that decided."""
    contact = None
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.prospect_id != prospect.id:
            raise FieldError("contact_id", "Contact inconnu pour ce prospect.", location="query")
    day = on or utcnow().date()
    decisions = consent.evaluate(
        session, settings, prospect, contact, day,
        about_contract=about_contract, analogous_offer=analogous_offer,
    )  # fmt: skip
    return ChannelPolicyOut(
        prospect_id=prospect.id,
        contact_id=contact_id,
        on=day,
        decisions=[
            ChannelDecisionOut(channel=c, allowed=d.allowed, rule=d.rule, detail=d.detail)
            for c, d in decisions.items()
        ],
        allowed_channels=[c for c, d in decisions.items() if d.allowed],
    )
