"""Events (CP8.5): open days, trade fairs, product launches, webinars; invitations to chosen
customers through allowed channels (recorded, or refused with the rule), RSVPs, attendance,
and the orders that followed (within ``ORDERS_AFTER_DAYS`` of the event, read live)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import Conflict
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.loyalty import messaging
from app.loyalty.customers import Context, recipients
from app.loyalty.schemas import EventCreate, EventUpdate, InvitationUpdate, InviteIn
from app.models import (
    EventInvitation,
    LoyaltyEvent,
    MessageSource,
    Order,
    OrderStatus,
    Rsvp,
)

ORDERS_AFTER_DAYS = 30
KIND_FR = {
    "open_day": "journée portes ouvertes",
    "trade_fair": "salon",
    "product_launch": "lancement de produit",
    "webinar": "webinaire",
}


def create(ctx: Context, data: EventCreate) -> LoyaltyEvent:
    event = LoyaltyEvent(owner_id=ctx.owner_id, **data.model_dump())
    ctx.session.add(event)
    ctx.session.flush()
    return event


def update(session: Session, event: LoyaltyEvent, data: EventUpdate) -> LoyaltyEvent:
    check_version(event, data.version)
    apply_patch(event, data, clearable=set())
    session.flush()
    return event


def delete(session: Session, event: LoyaltyEvent) -> None:
    session.delete(event)
    session.flush()


def invite(
    ctx: Context, settings: Settings, principal: Principal, event: LoyaltyEvent, data: InviteIn
) -> dict[str, Any]:
    if event.held_on < ctx.book.today:
        raise Conflict("L'événement est passé : on n'y invite plus.")
    for field in ("subject", "body"):
        if getattr(data, field):
            messaging.check_template(field, getattr(data, field))
    ids = recipients(ctx, data.prospect_ids, data.rfm_segment)
    if not ids:
        raise Conflict("Aucun client dans ce segment.")
    people = messaging.writable_recipients(ctx.session, principal, ids)
    known = set(
        ctx.session.scalars(
            select(EventInvitation.prospect_id).where(EventInvitation.event_id == event.id)
        )
    )
    on = ctx.book.today
    company = ctx.doc.identity.name if ctx.doc else ""
    subject = data.subject or f"Invitation : {event.title}"
    body = data.body or (
        "Bonjour {{ contact }},\n\n{{ entreprise }} vous invite à son "
        f"{KIND_FR[event.kind.value]} « {event.title} » le {event.held_on:%d/%m/%Y}"
        + (" (en ligne)" if event.online else f" ({event.place})" if event.place else "")
        + ".\n\n{{ commercial }}"
    )
    invited, refusals = [], []
    for person in people:
        if person.prospect.id in known:
            continue
        channel, decision = messaging.choose(
            ctx.session, settings, person, on, data.channel, analogous=False
        )
        values = messaging.values(ctx.session, ctx.owner_id, company, person, on)
        message = messaging.record(
            ctx.session,
            ctx.owner_id,
            person,
            source=MessageSource.EVENT,
            source_id=event.id,
            channel=channel,
            decision=decision,
            on=on,
            analogous=False,
            subject=messaging.render(subject, values),
            body=messaging.render(body, values),
        )
        if decision.allowed:
            invitation = EventInvitation(
                owner_id=ctx.owner_id,
                event_id=event.id,
                prospect_id=person.prospect.id,
                channel=channel,
                invited_on=on,
            )
            ctx.session.add(invitation)
            invited.append(invitation)
        else:
            refusals.append(message)
    ctx.session.flush()
    return {
        "invited": invitations_out(ctx.session, event, invited),
        "refusals": messaging.messages_out(ctx.session, refusals),
        "already": [p.prospect.id for p in people if p.prospect.id in known],
    }


def set_invitation(
    session: Session,
    invitation: EventInvitation,
    event: LoyaltyEvent,
    data: InvitationUpdate,
    today: Any,
) -> EventInvitation:
    if data.attended is not None and event.held_on > today:
        raise Conflict("La présence se note le jour de l'événement ou après.")
    if "rsvp" in data.model_fields_set:
        invitation.rsvp = data.rsvp
    if "attended" in data.model_fields_set:
        invitation.attended = data.attended
    session.flush()
    return invitation


def _orders_after(session: Session, event: LoyaltyEvent, ids: set[int]) -> dict[int, Decimal]:
    if not ids:
        return {}
    rows = session.execute(
        select(Order.prospect_id, Order.net_commercial_ht).where(
            Order.prospect_id.in_(ids),
            Order.owner_id == event.owner_id,
            Order.status != OrderStatus.CANCELLED,
            Order.ordered_on >= event.held_on,
            Order.ordered_on <= event.held_on + timedelta(days=ORDERS_AFTER_DAYS),
        )
    ).all()
    out: dict[int, Decimal] = {}
    for pid, amount in rows:
        out[pid] = out.get(pid, Decimal(0)) + amount
    return out


def invitations_out(
    session: Session, event: LoyaltyEvent, invitations: Sequence[EventInvitation]
) -> list[dict[str, Any]]:
    ids = {i.prospect_id for i in invitations}
    names = messaging.prospect_names(session, ids)
    after = _orders_after(session, event, ids)
    return [
        {
            "id": i.id,
            "event_id": i.event_id,
            "prospect_id": i.prospect_id,
            "prospect_name": names.get(i.prospect_id, ""),
            "channel": i.channel,
            "invited_on": i.invited_on,
            "rsvp": i.rsvp,
            "attended": i.attended,
            "ordered_after": i.prospect_id in after,
        }
        for i in invitations
    ]


def events_out(session: Session, events: Sequence[LoyaltyEvent]) -> list[dict[str, Any]]:
    ids = [e.id for e in events]
    invitations: dict[int, list[EventInvitation]] = {i: [] for i in ids}
    refused: dict[int, int] = dict.fromkeys(ids, 0)
    if ids:
        for inv in session.scalars(
            select(EventInvitation).where(EventInvitation.event_id.in_(ids))
        ):
            invitations[inv.event_id].append(inv)
        for m in messaging.refusals(session, MessageSource.EVENT, ids):
            refused[m.source_id] += 1
    out = []
    for e in events:
        mine = invitations[e.id]
        after = _orders_after(session, e, {i.prospect_id for i in mine})
        out.append(
            {
                **{
                    c: getattr(e, c)
                    for c in (
                        "id",
                        "owner_id",
                        "kind",
                        "title",
                        "description",
                        "held_on",
                        "place",
                        "online",
                        "created_at",
                        "updated_at",
                        "version",
                    )
                },
                "invited": len(mine),
                "refused": refused[e.id],
                "yes": sum(1 for i in mine if i.rsvp is Rsvp.YES),
                "no": sum(1 for i in mine if i.rsvp is Rsvp.NO),
                "maybe": sum(1 for i in mine if i.rsvp is Rsvp.MAYBE),
                "attended": sum(1 for i in mine if i.attended),
                "orders_after": len(after),
                "amount_after_ht": sum(after.values(), Decimal(0)),
            }
        )
    return out


def event_detail(session: Session, event: LoyaltyEvent) -> dict[str, Any]:
    invitations = list(
        session.scalars(
            select(EventInvitation)
            .where(EventInvitation.event_id == event.id)
            .order_by(EventInvitation.id)
        )
    )
    refusals = messaging.refusals(session, MessageSource.EVENT, [event.id])
    return {
        **events_out(session, [event])[0],
        "invitations": invitations_out(session, event, invitations),
        "refusals": messaging.messages_out(session, refusals),
    }
