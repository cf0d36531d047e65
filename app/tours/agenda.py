"""The tours' part of the agenda (registered at import, ``app.providers``): each day of a
saved tour is an all-day item (its visits, planned and driven km). Tour days book the day:
two tours the same day are a double booking; the appointments a tour visits are not (a
timed item never conflicts with an all-day one). Tasks may link to a tour.

One query: the owners' tours (index ``(owner_id, first_day)``) joined to their days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem
from app.models import TaskLinkKind, Tour, TourDay
from app.tours.repository import TourRepository

KIND = "tour_day"


def _km(value: object) -> float | None:
    return None if value is None else round(float(value), 1)  # type: ignore[arg-type]


def tour_day_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    zone = start.tzinfo
    assert zone is not None  # the agenda's periods are local (app.agenda.registry)
    rows = session.execute(
        select(
            Tour.id, Tour.owner_id, Tour.name, Tour.mode, Tour.days_count, Tour.updated_at,
            TourDay.day_index, TourDay.day, TourDay.visits, TourDay.planned_km,
            TourDay.actual_km,
        )
        .join(TourDay, TourDay.tour_id == Tour.id)
        .where(Tour.owner_id.in_(owner_ids), TourDay.day >= first_day, TourDay.day < end_day)
    )  # fmt: skip
    items = []
    for row in rows:
        day_start, day_end = registry.all_day_bounds(row.day, row.day, zone)
        planned, actual = _km(row.planned_km), _km(row.actual_km)
        driven = f", {actual} km parcourus" if actual is not None else ""
        visits = f"{row.visits} visite{'s' if row.visits != 1 else ''}"
        items.append(
            AgendaItem(
                ref=f"{KIND}:{row.id}:{row.day_index}", kind=KIND,
                title=f"Tournée {row.name} (jour {row.day_index + 1}/{row.days_count})",
                owner_id=row.owner_id, start=day_start, end=day_end, all_day=True,
                day=row.day, last_day=row.day, link=registry.link(TaskLinkKind.TOUR, row.id),
                details={"tour_id": row.id, "day_index": row.day_index, "visits": row.visits,
                         "planned_km": planned, "actual_km": actual, "mode": str(row.mode)},
                books=True, updated_at=row.updated_at,
                note=f"{visits}, {planned} km prévus{driven}.",
            )
        )  # fmt: skip
    return items


registry.register_provider(KIND, tour_day_items, label="Tournée")
registry.register_link_kind(
    TaskLinkKind.TOUR, "/tournees/{id}", registry.own_record(TourRepository)
)
