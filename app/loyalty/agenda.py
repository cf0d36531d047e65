"""Loyalty's part of the agenda (registered at import, ``app.providers``): the events the
trainee invites customers to, on their day, and the relaunch steps falling due (an active
enrolment's next step), from the live records: a step leaves the agenda once processed (by
``POST /relaunch-plans/{id}/advance`` or the daily job) or when its enrolment stops. Tasks
may link to an event or a relaunch plan. One query per kind, on an index starting with the
owner."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem
from app.loyalty.repository import EventRepository, RelaunchPlanRepository
from app.models import (
    EnrolmentStatus,
    LoyaltyEvent,
    Prospect,
    RelaunchEnrolment,
    RelaunchPlan,
    TaskLinkKind,
)

EVENT, RELAUNCH = "loyalty_event", "relaunch_due"


def event_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.LOYALTY_EVENT)
    rows = registry.rows(session,
        select(LoyaltyEvent.id, LoyaltyEvent.owner_id, LoyaltyEvent.title, LoyaltyEvent.held_on,
               LoyaltyEvent.kind, LoyaltyEvent.place, LoyaltyEvent.online)
        .where(LoyaltyEvent.owner_id.in_(owner_ids), LoyaltyEvent.held_on >= first,
               LoyaltyEvent.held_on < last)
    )  # fmt: skip
    return [
        registry.all_day_item(
            f"{EVENT}:{i}", EVENT, f"Événement — {title}", owner, day, bounds(day), link_to(i),
            {"kind": str(kind), "place": place, "online": online}, books=True,
        )
        for i, owner, title, day, kind, place, online in rows
    ]  # fmt: skip


def relaunch_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.RELAUNCH_PLAN)
    rows = registry.rows(session,
        select(RelaunchEnrolment.id, RelaunchEnrolment.owner_id, RelaunchEnrolment.plan_id,
               RelaunchEnrolment.next_due_on, RelaunchEnrolment.next_step, RelaunchPlan.name,
               Prospect.name)
        .join(RelaunchPlan, RelaunchPlan.id == RelaunchEnrolment.plan_id)
        .join(Prospect, Prospect.id == RelaunchEnrolment.prospect_id)
        .where(RelaunchEnrolment.owner_id.in_(owner_ids),
               RelaunchEnrolment.status == EnrolmentStatus.ACTIVE,
               RelaunchEnrolment.next_due_on >= first, RelaunchEnrolment.next_due_on < last)
    )  # fmt: skip
    return [
        registry.all_day_item(
            f"{RELAUNCH}:{i}", RELAUNCH, f"Relance — {customer} ({plan_name}, étape {step + 1})",
            owner, day, bounds(day), link_to(plan), {"step": step},
        )
        for i, owner, plan, day, step, plan_name, customer in rows
    ]  # fmt: skip


registry.register_provider(EVENT, event_items, label="Événement client")
registry.register_provider(RELAUNCH, relaunch_items, label="Relance due")
registry.register_link_kind(TaskLinkKind.LOYALTY_EVENT, "/fidelisation/evenements/{id}",
                            registry.own_record(EventRepository))  # fmt: skip
registry.register_link_kind(TaskLinkKind.RELAUNCH_PLAN, "/fidelisation/relances/{id}",
                            registry.own_record(RelaunchPlanRepository))  # fmt: skip
