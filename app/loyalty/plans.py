"""Relaunch plans (CP8.4, CP8.5): a sequence of steps (channel, delay, templates) with stop
conditions, run for a set of customers. Each due step of an enrolment goes through the
channel policy (``messaging``): recorded, or refused with its rule (never sent; the plan goes
on with its next step). An order after the enrolment, or a refusal (an objection, a consent
withdrawn or refused, the prospect lost), stops the enrolment when the plan says so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import Conflict, FieldError
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.loyalty import messaging
from app.loyalty.customers import Context, labels, recipients
from app.loyalty.data import families_bought
from app.loyalty.schemas import EnrolIn, RelaunchPlanCreate, RelaunchPlanUpdate
from app.models import (
    Channel,
    ConsentPurpose,
    ConsentRecord,
    ConsentStatus,
    Contact,
    EnrolmentStatus,
    MessageSource,
    MessageStatus,
    Order,
    OrderStatus,
    OutboundMessage,
    Prospect,
    ProspectStatus,
    RelaunchEnrolment,
    RelaunchPlan,
)


def _check(ctx: Context, steps: Sequence[Any] | None, references: Sequence[str] | None) -> None:
    for index, step in enumerate(steps or []):
        messaging.check_template(f"steps.{index}.subject", step.subject)
        messaging.check_template(f"steps.{index}.body", step.body)
    if references:
        doc = ctx.require_doc()
        for index, ref in enumerate(references):
            if doc.product(ref) is None:
                raise FieldError(
                    f"product_references.{index}", f"Produit {ref} absent du catalogue du cas."
                )


def _steps(steps: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"position": i, **s.model_dump(mode="json")} for i, s in enumerate(steps)]


def create(ctx: Context, data: RelaunchPlanCreate) -> RelaunchPlan:
    _check(ctx, data.steps, data.product_references)
    plan = RelaunchPlan(
        owner_id=ctx.owner_id,
        name=data.name,
        description=data.description,
        steps=_steps(data.steps),
        stop_on_order=data.stop_on_order,
        stop_on_refusal=data.stop_on_refusal,
        product_references=list(dict.fromkeys(data.product_references)),
    )
    ctx.session.add(plan)
    ctx.session.flush()
    return plan


def _active(session: Session, plan: RelaunchPlan) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                RelaunchEnrolment.plan_id == plan.id,
                RelaunchEnrolment.status == EnrolmentStatus.ACTIVE,
            )
        )
        or 0
    )


def update(ctx: Context, plan: RelaunchPlan, data: RelaunchPlanUpdate) -> RelaunchPlan:
    check_version(plan, data.version)
    _check(ctx, data.steps, data.product_references)
    if data.steps is not None and _active(ctx.session, plan):
        raise Conflict(
            "Des clients suivent ce plan : ses étapes ne changent plus (créez un autre plan)."
        )
    apply_patch(plan, data, clearable=set(), skip={"steps"})
    if data.steps is not None:
        plan.steps = _steps(data.steps)
    ctx.session.flush()
    return plan


def delete(session: Session, plan: RelaunchPlan) -> None:
    session.delete(plan)
    session.flush()


def plans_out(session: Session, plans: Sequence[RelaunchPlan]) -> list[dict[str, Any]]:
    ids = [p.id for p in plans]
    counts: dict[int, dict[str, int]] = {i: {"enrolments": 0, "active": 0} for i in ids}
    if ids:
        for plan_id, status, n in session.execute(
            select(RelaunchEnrolment.plan_id, RelaunchEnrolment.status, func.count())
            .where(RelaunchEnrolment.plan_id.in_(ids))
            .group_by(RelaunchEnrolment.plan_id, RelaunchEnrolment.status)
        ):
            counts[plan_id]["enrolments"] += n
            if status is EnrolmentStatus.ACTIVE:
                counts[plan_id]["active"] += n
    messages: dict[tuple[int, MessageStatus], int] = {}
    if ids:
        for plan_id, message_status, n in session.execute(
            select(RelaunchEnrolment.plan_id, OutboundMessage.status, func.count())
            .join(RelaunchEnrolment, RelaunchEnrolment.id == OutboundMessage.source_id)
            .where(
                OutboundMessage.source == MessageSource.RELAUNCH_PLAN,
                RelaunchEnrolment.plan_id.in_(ids),
            )
            .group_by(RelaunchEnrolment.plan_id, OutboundMessage.status)
        ):
            messages[(plan_id, message_status)] = n
    return [
        {
            "id": p.id,
            "owner_id": p.owner_id,
            "name": p.name,
            "description": p.description,
            "steps": p.steps,
            "stop_on_order": p.stop_on_order,
            "stop_on_refusal": p.stop_on_refusal,
            "product_references": p.product_references,
            **counts[p.id],
            "recorded": messages.get((p.id, MessageStatus.RECORDED), 0),
            "refused": messages.get((p.id, MessageStatus.REFUSED), 0),
            "created_at": p.created_at,
            "updated_at": p.updated_at,
            "version": p.version,
        }
        for p in plans
    ]


# ----------------------------------------------------------------- running


def _ordered_since(session: Session, e: RelaunchEnrolment) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    Order.prospect_id == e.prospect_id,
                    Order.status != OrderStatus.CANCELLED,
                    or_(Order.ordered_on > e.started_on, Order.created_at > e.started_at),
                )
            )
        )
    )


def _refused_since(session: Session, e: RelaunchEnrolment, prospect: Prospect) -> str | None:
    if prospect.status is ProspectStatus.LOST:
        return "prospect perdu"
    if prospect.objected_at is not None:
        return "opposition à la prospection"
    contact_objected = session.scalar(
        select(exists().where(Contact.prospect_id == prospect.id, Contact.objected_at.is_not(None)))
    )
    if contact_objected:
        return "opposition d'un interlocuteur"
    withdrawn = session.scalar(
        select(
            exists().where(
                ConsentRecord.prospect_id == prospect.id,
                ConsentRecord.purpose == ConsentPurpose.PROSPECTING,
                ConsentRecord.status.in_([ConsentStatus.WITHDRAWN, ConsentStatus.REFUSED]),
                ConsentRecord.given_at > e.started_at,
            )
        )
    )
    return "consentement retiré ou refusé" if withdrawn else None


def _stop(e: RelaunchEnrolment, status: EnrolmentStatus, on: date, detail: str) -> None:
    e.status, e.stopped_on, e.stop_detail, e.next_due_on = status, on, detail[:300], None


def process(
    ctx: Context,
    settings: Settings,
    plan: RelaunchPlan,
    e: RelaunchEnrolment,
    on: date,
    recipient: messaging.Recipient | None = None,
    company: str = "",
) -> list[OutboundMessage]:
    """Every step of the enrolment due on or before ``on``, in order, unless it stops."""
    session = ctx.session
    out: list[OutboundMessage] = []
    if recipient is None:
        recipient = messaging.writable_recipients_of(session, [e.prospect_id])[0]
    names = labels(ctx.doc)
    families = families_bought(session, ctx.owner_id, [e.prospect_id]).get(
        e.prospect_id, frozenset()
    )
    about = [ctx.doc.product(r) if ctx.doc else None for r in plan.product_references]
    similar = messaging.analogous([p.family if p else None for p in about], families)
    last_order = ctx.book.history["last_on"].get(e.prospect_id)
    while e.status is EnrolmentStatus.ACTIVE and e.next_due_on is not None and e.next_due_on <= on:
        if plan.stop_on_order and _ordered_since(session, e):
            _stop(e, EnrolmentStatus.STOPPED_ORDER, on, "commande passée")
            break
        refusal = _refused_since(session, e, recipient.prospect) if plan.stop_on_refusal else None
        if refusal:
            _stop(e, EnrolmentStatus.STOPPED_REFUSAL, on, refusal)
            break
        step = plan.steps[e.next_step]
        due = e.next_due_on
        channel, decision = messaging.choose(
            session, settings, recipient, due, Channel(step["channel"]), analogous=similar
        )
        values = messaging.values(
            session,
            ctx.owner_id,
            company,
            recipient,
            due,
            products=", ".join(names.get(r, r) for r in plan.product_references),
            last_order_on=None if last_order is None else pd.Timestamp(last_order).date(),
        )
        out.append(
            messaging.record(
                session,
                ctx.owner_id,
                recipient,
                source=MessageSource.RELAUNCH_PLAN,
                source_id=e.id,
                step=e.next_step,
                channel=channel,
                decision=decision,
                on=due,
                analogous=similar,
                subject=messaging.render(step["subject"], values),
                body=messaging.render(step["body"], values),
            )
        )
        e.next_step += 1
        if e.next_step >= len(plan.steps):
            e.status, e.next_due_on = EnrolmentStatus.COMPLETED, None
        else:
            e.next_due_on = due + timedelta(days=int(plan.steps[e.next_step]["delay_days"]))
    session.flush()
    return out


def company_name(ctx: Context) -> str:
    return ctx.doc.identity.name if ctx.doc is not None else ""


def enrol(
    ctx: Context, settings: Settings, principal: Principal, plan: RelaunchPlan, data: EnrolIn
) -> dict[str, Any]:
    ids = recipients(ctx, data.prospect_ids, data.rfm_segment)
    people = messaging.writable_recipients(ctx.session, principal, ids)
    customers = set(ctx.book.customer_ids())
    active = set(
        ctx.session.scalars(
            select(RelaunchEnrolment.prospect_id).where(
                RelaunchEnrolment.plan_id == plan.id,
                RelaunchEnrolment.status == EnrolmentStatus.ACTIVE,
            )
        )
    )
    on = ctx.book.today
    enrolled, messages = [], []
    already = [r.prospect.id for r in people if r.prospect.id in active]
    not_customers = [r.prospect.id for r in people if r.prospect.id not in customers]
    company = company_name(ctx)
    for person in people:
        if person.prospect.id in active or person.prospect.id not in customers:
            continue
        e = RelaunchEnrolment(
            owner_id=ctx.owner_id,
            plan_id=plan.id,
            prospect_id=person.prospect.id,
            started_on=on,
            next_step=0,
            next_due_on=on + timedelta(days=int(plan.steps[0]["delay_days"])),
        )
        ctx.session.add(e)
        ctx.session.flush()
        messages += process(ctx, settings, plan, e, on, person, company)
        enrolled.append(e)
    if not enrolled and not already:
        raise Conflict(
            "Aucun client à inscrire : ceux désignés n'ont encore rien commandé."
            if not_customers
            else "Aucun client dans ce segment."
        )
    return {
        "enrolled": enrolments_out(ctx.session, enrolled),
        "already": already,
        "not_customers": not_customers,
        "messages": messaging.messages_out(ctx.session, messages),
    }


def advance(ctx: Context, settings: Settings, plan: RelaunchPlan | None) -> list[OutboundMessage]:
    """Process the due steps of the owner's active enrolments (of one plan, or all)."""
    on = ctx.book.today
    stmt = select(RelaunchEnrolment).where(
        RelaunchEnrolment.owner_id == ctx.owner_id,
        RelaunchEnrolment.status == EnrolmentStatus.ACTIVE,
        RelaunchEnrolment.next_due_on <= on,
    )
    if plan is not None:
        stmt = stmt.where(RelaunchEnrolment.plan_id == plan.id)
    enrolments = list(ctx.session.scalars(stmt.order_by(RelaunchEnrolment.id)))
    plans = (
        {
            p.id: p
            for p in ctx.session.scalars(
                select(RelaunchPlan).where(RelaunchPlan.id.in_({e.plan_id for e in enrolments}))
            )
        }
        if enrolments
        else {}
    )
    people = {
        r.prospect.id: r
        for r in messaging.writable_recipients_of(ctx.session, [e.prospect_id for e in enrolments])
    }
    company = company_name(ctx)
    out: list[OutboundMessage] = []
    for e in enrolments:
        out += process(ctx, settings, plans[e.plan_id], e, on, people[e.prospect_id], company)
    return out


def enrolments_out(
    session: Session, enrolments: Sequence[RelaunchEnrolment]
) -> list[dict[str, Any]]:
    ids = {e.prospect_id for e in enrolments}
    names = messaging.prospect_names(session, ids)
    return [
        {
            "id": e.id,
            "plan_id": e.plan_id,
            "prospect_id": e.prospect_id,
            "prospect_name": names.get(e.prospect_id, ""),
            "started_on": e.started_on,
            "status": e.status,
            "next_step": e.next_step,
            "next_due_on": e.next_due_on,
            "stopped_on": e.stopped_on,
            "stop_detail": e.stop_detail,
        }
        for e in enrolments
    ]


def plan_messages(session: Session, plan: RelaunchPlan) -> list[OutboundMessage]:
    return list(
        session.scalars(
            select(OutboundMessage)
            .join(RelaunchEnrolment, RelaunchEnrolment.id == OutboundMessage.source_id)
            .where(
                OutboundMessage.source == MessageSource.RELAUNCH_PLAN,
                RelaunchEnrolment.plan_id == plan.id,
            )
            .order_by(OutboundMessage.sent_on.desc(), OutboundMessage.id.desc())
            .limit(1000)
        )
    )
