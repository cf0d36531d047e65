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
    day_bounds = registry.local_days(start)
    rows = registry.rows(session,
        select(
            Tour.id, Tour.owner_id, Tour.name, Tour.mode, Tour.days_count,
            TourDay.day_index, TourDay.day, TourDay.visits, TourDay.planned_km,
            TourDay.actual_km,
        )
        .join(TourDay, TourDay.tour_id == Tour.id)
        .where(Tour.owner_id.in_(owner_ids), TourDay.day >= first_day, TourDay.day < end_day)
    )  # fmt: skip
    link_to = registry.linker(TaskLinkKind.TOUR)
    items = []
    for tour_id, owner_id, name, mode, days, index, day, visits, planned, actual in rows:
        link = link_to(tour_id)
        details = {"tour_id": tour_id, "day_index": index, "visits": visits, "mode": str(mode),
                   "planned_km": _km(planned), "actual_km": _km(actual)}  # fmt: skip
        items.append(registry.all_day_item(
            f"{KIND}:{tour_id}:{index}", KIND, f"Tournée {name} (jour {index + 1}/{days})",
            owner_id, day, day_bounds(day), link, details, True,
        ))  # fmt: skip
    return items


def describe(item: AgendaItem) -> str:
    details = item.details
    visits, actual = details.get("visits", 0), details.get("actual_km")
    driven = f", {actual} km parcourus" if actual is not None else ""
    plural = "s" if visits != 1 else ""
    return f"{visits} visite{plural}, {details.get('planned_km')} km prévus{driven}."


registry.register_provider(KIND, tour_day_items, label="Tournée", describe=describe)
registry.register_link_kind(
    TaskLinkKind.TOUR, "/tournees/{id}", registry.own_record(TourRepository)
)
