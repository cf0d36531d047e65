"""The daily loyalty job (``capvente jobs loyalty``, scheduled as the watch's refresh): for
each trainee with customers, the newly inactive accounts are recorded with their relaunch
tasks, and the due steps of their relaunch plans are processed. One short transaction per
trainee (the analytics read first, the writes after): safe to run twice a day, from several
workers (an account already detected since its last order is not detected again)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.core.db import read_first
from app.loyalty import customers, inactive, plans
from app.models import Order, OrderStatus, RelaunchEnrolment


@dataclass(frozen=True)
class TraineeReport:
    owner_id: int
    on: date
    inactive: int
    newly_detected: int
    tasks_created: int
    steps_processed: int


def owners(session: Session) -> list[int]:
    """Trainees with an order or a relaunch plan running."""
    with_orders = select(Order.owner_id).where(Order.status != OrderStatus.CANCELLED).distinct()
    enrolled = select(RelaunchEnrolment.owner_id).distinct()
    return sorted(set(session.scalars(with_orders)) | set(session.scalars(enrolled)))


def run_for(
    session: Session, settings: Settings, owner_id: int, on: date | None = None
) -> TraineeReport:
    read_first(session)  # the analytics read without SQLite's write lock
    ctx = customers.context(session, owner_id, on)
    ctx.prepare_writes()
    found = inactive.scan(ctx)
    steps = plans.advance(ctx, settings, None)
    return TraineeReport(owner_id, ctx.book.today, found.inactive, found.newly_detected,
                         found.tasks_created, len(steps))  # fmt: skip


def run_daily(
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    on: date | None = None,
    progress: Callable[[TraineeReport], None] | None = None,
) -> list[TraineeReport]:
    with factory() as session:
        ids = owners(session)
    reports = []
    for owner_id in ids:
        with factory() as session:
            report = run_for(session, settings, owner_id, on)
            session.commit()
        reports.append(report)
        if progress is not None:
            progress(report)
    return reports
