"""The PAC's part of the agenda (registered at import, ``app.providers``): each planned action
of the owner's plans that are not superseded is an all-day item over its days (a phoning
session over a week, a trade fair on its day). Actions do not book time (they span days; the
appointments and tours inside them do), so they never make a double booking. Tasks may link
to an action ("préparer le salon").

One query: the owners' actions meeting the period, with their plan's title and status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem, AgendaLink
from app.models import Plan, PlanAction, TaskLinkKind
from app.plans.repository import ActionRepository

KIND = "plan_action"
KIND_FR = {
    "campaign": "Campagne de prospection", "phoning": "Session de phoning",
    "mailing": "Publipostage", "tour": "Tournée", "fair": "Salon ou événement",
    "loyalty_relaunch": "Relance fidélisation", "watch_session": "Séance de veille",
    "training": "Formation", "other": "Autre action",
}  # fmt: skip


def action_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    zone = start.tzinfo
    assert zone is not None
    rows = registry.rows(session,
        select(
            PlanAction.id, PlanAction.owner_id, PlanAction.title, PlanAction.kind,
            PlanAction.starts_on, PlanAction.ends_on, PlanAction.hours, Plan.id, Plan.title,
            Plan.status,
        )
        .join(Plan, Plan.id == PlanAction.plan_id)
        .where(
            PlanAction.owner_id.in_(owner_ids),
            PlanAction.starts_on < end_day,
            PlanAction.ends_on >= first_day,
        )
    )  # fmt: skip
    items = []
    for action_id, owner_id, title, kind, first, last, hours, plan_id, plan_title, status in rows:
        link = AgendaLink(KIND, action_id, f"/plans/{plan_id}#action-{action_id}")
        bounds = registry.all_day_bounds(first, last, zone)
        details = {"plan_id": plan_id, "plan_title": plan_title, "plan_status": str(status),
                   "action_kind": str(kind), "hours": float(hours)}  # fmt: skip
        items.append(registry.all_day_item(
            f"{KIND}:{action_id}", KIND, f"{KIND_FR.get(str(kind), str(kind))} : {title}",
            owner_id, first, bounds, link, details, False, last,
        ))  # fmt: skip
    return items


def describe(item: AgendaItem) -> str:
    d = item.details
    return f"Action du plan « {d.get('plan_title')} » ({d.get('hours')} h prévues)."


registry.register_provider(KIND, action_items, label="Action du plan", describe=describe)
registry.register_link_kind(
    TaskLinkKind.PLAN_ACTION, "/plans/actions/{id}", registry.own_record(ActionRepository)
)
