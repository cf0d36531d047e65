"""Inactive accounts (CP8.4): detected against each customer's rhythm or the business case's
threshold (``analytics.inactivity``), recorded once per episode (``inactive_accounts``: a
customer inactive now with no detection since their last order is newly inactive), each with
a relaunch task; reactivated when they order after the detection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.agenda import tasks
from app.core.errors import Conflict
from app.core.pagination import PageParams
from app.loyalty.customers import Context, customer_row
from app.models import (
    InactiveAccount,
    InactivityBasis,
    Order,
    OrderStatus,
    Prospect,
    Task,
    TaskLinkKind,
)


@dataclass(frozen=True)
class Scan:
    on: date
    inactive: int
    newly_detected: int
    tasks_created: int


def _inactive_ids(ctx: Context) -> list[int]:
    frame = ctx.book.inactivity
    return [int(i) for i in frame.index[frame["inactive"].astype(bool)]]


def open_detections(session: Session, owner_id: int, ids: list[int]) -> dict[int, InactiveAccount]:
    """The latest detection of each customer, when no order came after it."""
    if not ids:
        return {}
    latest = (
        select(InactiveAccount.prospect_id, func.max(InactiveAccount.id).label("id"))
        .where(InactiveAccount.owner_id == owner_id, InactiveAccount.prospect_id.in_(ids))
        .group_by(InactiveAccount.prospect_id)
        .subquery()
    )
    rows = session.scalars(select(InactiveAccount).join(latest, latest.c.id == InactiveAccount.id))
    out = {}
    reactivated = reactivations(session, list(rows))
    for d in reactivated:
        if reactivated[d] is None:
            out[d.prospect_id] = d
    return out


def reactivations(
    session: Session, detections: list[InactiveAccount]
) -> dict[InactiveAccount, date | None]:
    """Each detection's first order after it (None: not reactivated), one query."""
    if not detections:
        return {}
    ids = {d.prospect_id for d in detections}
    orders = session.execute(
        select(Order.prospect_id, Order.ordered_on).where(
            Order.prospect_id.in_(ids), Order.status != OrderStatus.CANCELLED
        )
    ).all()
    by_prospect: dict[int, list[date]] = {}
    for pid, day in orders:
        by_prospect.setdefault(pid, []).append(day)
    return {
        d: min(
            (day for day in by_prospect.get(d.prospect_id, []) if day > d.detected_on), default=None
        )
        for d in detections
    }


def _task(
    session: Session,
    owner_id: int,
    prospect: Prospect,
    row: dict[str, Any],
    due: date,
    notes: str = "",
) -> Task:
    basis = (
        f"son rythme habituel ({row['usual_interval_days']} j entre deux commandes)"
        if row["inactivity_basis"] == InactivityBasis.RHYTHM
        else f"le seuil du cas ({row['limit_days']} j)"
    )
    notes = (
        f"Aucune commande depuis {row['recency_days']} jours (dernière le "
        f"{row['last_order_on']:%d/%m/%Y}), au-delà de {basis}. {notes}"
    ).strip()
    return tasks.add_task_for(
        session,
        owner_id,
        f"Relancer {prospect.name} (compte inactif)",
        due,
        notes=notes,
        link=(TaskLinkKind.PROSPECT, prospect.id),
    )


def _detection(ctx: Context, prospect_id: int, on: date) -> InactiveAccount:
    i = ctx.book.inactivity.loc[prospect_id]
    h = ctx.book.history.loc[prospect_id]
    interval = h["usual_interval_days"]
    detection = InactiveAccount(
        owner_id=ctx.owner_id,
        prospect_id=prospect_id,
        detected_on=on,
        last_order_on=pd.Timestamp(h["last_on"]).date(),
        basis=InactivityBasis(str(i["basis"])),
        limit_days=int(i["limit_days"]),
        usual_interval_days=None if pd.isna(interval) else Decimal(str(round(float(interval), 1))),
    )
    ctx.session.add(detection)
    return detection


def scan(ctx: Context) -> Scan:
    """Record the newly inactive accounts of the owner, each with its relaunch task (due
    the next day). Safe to run again: an account already detected since its last order is not
    detected twice."""
    on = ctx.book.today
    ids = _inactive_ids(ctx)
    known = open_detections(ctx.session, ctx.owner_id, ids)
    new_ids = [i for i in ids if i not in known]
    prospects = ctx.prospects(new_ids)
    tasks = 0
    for pid in new_ids:
        detection = _detection(ctx, pid, on)
        task = _task(ctx.session, ctx.owner_id, prospects[pid],
                     customer_row(ctx, prospects[pid]), on + timedelta(days=1))  # fmt: skip
        detection.task_id = task.id
        tasks += 1
    ctx.session.flush()
    return Scan(on, len(ids), len(new_ids), tasks)


def relaunch_task(
    ctx: Context, prospect: Prospect, due_on: date | None, notes: str
) -> InactiveAccount:
    """The one-click relaunch task of an inactive customer (its detection recorded if the
    daily job has not yet); 409 when the account is not inactive or already has its task."""
    inactivity = ctx.book.inactivity
    if not bool(inactivity.at[prospect.id, "inactive"]):
        raise Conflict(f"{prospect.name} n'est pas inactif : rien à relancer.")
    on = ctx.book.today
    detection = open_detections(ctx.session, ctx.owner_id, [prospect.id]).get(prospect.id)
    if detection is None:
        detection = _detection(ctx, prospect.id, on)
    elif detection.task_id is not None and ctx.session.get(Task, detection.task_id) is not None:
        raise Conflict(
            f"Une tâche de relance existe déjà pour ce compte (tâche {detection.task_id})."
        )
    task = _task(
        ctx.session,
        ctx.owner_id,
        prospect,
        customer_row(ctx, prospect),
        due_on or on + timedelta(days=1),
        notes,
    )
    ctx.session.flush()
    detection.task_id = task.id
    ctx.session.flush()
    return detection


def detection_out(d: InactiveAccount, reactivated_on: date | None) -> dict[str, Any]:
    return {
        "id": d.id,
        "prospect_id": d.prospect_id,
        "detected_on": d.detected_on,
        "last_order_on": d.last_order_on,
        "basis": d.basis,
        "limit_days": d.limit_days,
        "usual_interval_days": d.usual_interval_days,
        "task_id": d.task_id,
        "reactivated_on": reactivated_on,
    }


def inactive_page(ctx: Context, page: PageParams) -> tuple[list[dict[str, Any]], int]:
    """Inactive customers now, longest overdue first, each with its open detection."""
    frame = ctx.book.inactivity
    frame = frame[frame["inactive"].astype(bool)].sort_values(
        ["overdue_days"], ascending=False, kind="stable"
    )
    chosen = [int(i) for i in frame.index[page.offset : page.offset + page.limit]]
    prospects = ctx.prospects(chosen)
    detections = open_detections(ctx.session, ctx.owner_id, chosen)
    items = [
        {
            "customer": customer_row(ctx, prospects[i]),
            "detection": detection_out(detections[i], None) if i in detections else None,
        }
        for i in chosen
    ]
    return items, len(frame)
