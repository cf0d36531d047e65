"""Information campaigns (CP8.3): new products, promotions or news sent once to chosen
segments, each customer reached by the channel suited to them (``messaging.choose``), every
message recorded or refused with its rule; and how regularly each customer was informed."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.config import Settings
from app.core.errors import Conflict, FieldError
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.loyalty import messaging
from app.loyalty.customers import Context, labels
from app.loyalty.data import families_bought
from app.loyalty.schemas import LoyaltyCampaignCreate, LoyaltyCampaignUpdate
from app.models import (
    LoyaltyCampaign,
    MessageSource,
    MessageStatus,
    OutboundMessage,
)

#: What informs a customer of the company's products and promotions.
INFORMING = (MessageSource.CAMPAIGN, MessageSource.OFFER, MessageSource.EVENT)


def _check(ctx: Context, data: LoyaltyCampaignCreate | LoyaltyCampaignUpdate) -> None:
    doc = ctx.require_doc()
    for field in ("subject", "body"):
        value = getattr(data, field)
        if value is not None:
            messaging.check_template(field, value)
    for index, ref in enumerate(data.product_references or []):
        if doc.product(ref) is None:
            raise FieldError(
                f"product_references.{index}", f"Produit {ref} absent du catalogue du cas."
            )
    known = {s.code for s in doc.market.segments}
    for index, code in enumerate(data.market_segments or []):
        if code not in known:
            raise FieldError(
                f"market_segments.{index}",
                f"Segment {code} inconnu du cas ({', '.join(sorted(known))}).",
            )


def create(ctx: Context, data: LoyaltyCampaignCreate) -> LoyaltyCampaign:
    _check(ctx, data)
    active = cases.require_active_case(ctx.session, ctx.owner_id)
    campaign = LoyaltyCampaign(
        owner_id=ctx.owner_id,
        business_case_version_id=active.version.id,
        title=data.title,
        kind=data.kind,
        product_references=list(dict.fromkeys(data.product_references)),
        rfm_segments=[s.value for s in dict.fromkeys(data.rfm_segments)],
        market_segments=list(dict.fromkeys(data.market_segments)),
        subject=data.subject,
        body=data.body,
    )
    ctx.session.add(campaign)
    ctx.session.flush()
    return campaign


def _draft(campaign: LoyaltyCampaign) -> None:
    if campaign.sent_on is not None:
        raise Conflict(f"Campagne envoyée le {campaign.sent_on:%d/%m/%Y} : elle ne change plus.")


def update(ctx: Context, campaign: LoyaltyCampaign, data: LoyaltyCampaignUpdate) -> LoyaltyCampaign:
    check_version(campaign, data.version)
    _draft(campaign)
    _check(ctx, data)
    apply_patch(campaign, data, clearable=set(), skip={"rfm_segments"})
    if data.rfm_segments is not None:
        campaign.rfm_segments = [s.value for s in data.rfm_segments]
    ctx.session.flush()
    return campaign


def delete(session: Session, campaign: LoyaltyCampaign) -> None:
    _draft(campaign)
    session.delete(campaign)
    session.flush()


def audience(ctx: Context, campaign: LoyaltyCampaign) -> list[int]:
    """The customers of the campaign's RFM segments (all when none) who belong to one of its
    market segments (any when none)."""
    scores = ctx.book.rfm.scores
    ids = [int(i) for i in scores.index]
    if campaign.rfm_segments:
        wanted = set(campaign.rfm_segments)
        ids = [i for i in ids if str(scores.at[i, "segment"]) in wanted]
    if campaign.market_segments:
        wanted = set(campaign.market_segments)
        prospects = ctx.prospects(ids)
        ids = [i for i in ids if wanted & set(ctx.market_segments(prospects[i]))]
    return ids


def send(
    ctx: Context,
    settings: Settings,
    principal: Principal,
    campaign: LoyaltyCampaign,
    version: int,
) -> list[OutboundMessage]:
    check_version(campaign, version)
    _draft(campaign)
    doc = ctx.require_doc()
    ids = audience(ctx, campaign)
    if not ids:
        raise Conflict("Aucun client dans les segments visés : rien à envoyer.")
    on = ctx.book.today
    people = messaging.writable_recipients(ctx.session, principal, ids)
    bought = families_bought(ctx.session, ctx.owner_id, ids)
    products = [doc.product(r) for r in campaign.product_references]
    names = labels(doc)
    out = []
    for person in people:
        similar = bool(products) and messaging.analogous(
            [p.family if p else None for p in products], bought.get(person.prospect.id, frozenset())
        )
        channel, decision = messaging.choose(
            ctx.session, settings, person, on, None, analogous=similar
        )
        values = messaging.values(
            ctx.session,
            ctx.owner_id,
            doc.identity.name,
            person,
            on,
            products=", ".join(names.get(r, r) for r in campaign.product_references),
        )
        out.append(
            messaging.record(
                ctx.session,
                ctx.owner_id,
                person,
                source=MessageSource.CAMPAIGN,
                source_id=campaign.id,
                channel=channel,
                decision=decision,
                on=on,
                analogous=similar,
                subject=messaging.render(campaign.subject, values),
                body=messaging.render(campaign.body, values),
            )
        )
    campaign.sent_on = on
    campaign.recorded = sum(1 for m in out if m.status is MessageStatus.RECORDED)
    campaign.refused = len(out) - campaign.recorded
    ctx.session.flush()
    return out


def campaign_messages(session: Session, campaign: LoyaltyCampaign) -> list[OutboundMessage]:
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.source == MessageSource.CAMPAIGN,
                OutboundMessage.source_id == campaign.id,
            )
            .order_by(OutboundMessage.status, OutboundMessage.id)
            .limit(5000)
        )
    )


def information(ctx: Context, start: date, end: date) -> dict[str, Any]:
    """How regularly each customer was informed between ``start`` and ``end``: the recorded
    messages about products and promotions (campaigns, offers, invitations), the last one, the
    longest stretch without one; regular when it never passed the policy's rhythm."""
    every = ctx.doc.policy.loyalty.information_every_days if ctx.doc else 90
    ids = ctx.book.customer_ids()
    rows = ctx.session.execute(
        select(OutboundMessage.prospect_id, OutboundMessage.sent_on).where(
            OutboundMessage.owner_id == ctx.owner_id,
            OutboundMessage.status == MessageStatus.RECORDED,
            OutboundMessage.source.in_(INFORMING),
            OutboundMessage.sent_on >= start,
            OutboundMessage.sent_on <= end,
        )
    ).all()
    days: dict[int, list[date]] = {}
    for pid, day in rows:
        days.setdefault(pid, []).append(day)
    names = messaging.prospect_names(ctx.session, ids)
    items: list[dict[str, Any]] = []
    for pid in ids:
        dates = sorted(set(days.get(pid, [])))
        marks = [start - timedelta(days=0), *dates, end]
        gap = max((b - a).days for a, b in itertools.pairwise(marks))
        items.append(
            {
                "prospect_id": pid,
                "name": names.get(pid, ""),
                "informed": len(days.get(pid, [])),
                "last_informed_on": dates[-1] if dates else None,
                "longest_gap_days": gap,
                "regular": gap <= every,
            }
        )
    items.sort(key=lambda i: (i["regular"], -i["longest_gap_days"], i["name"]))
    return {
        "start": start,
        "end": end,
        "every_days": every,
        "customers": len(items),
        "regular": sum(1 for i in items if i["regular"]),
        "items": items,
    }
