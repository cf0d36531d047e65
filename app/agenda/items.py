"""The agenda's own provider: tasks (``app.providers`` imports it like the domains' ones).

A task is a reminder, not a booking: it never makes a double booking. A task due at a
moment is a timed item of no duration; one due on a day is an all-day item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem, AgendaLink
from app.agenda.repository import task_rows

KIND = "task"


def task_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    day_bounds = registry.local_days(start)
    linkers: dict[str, Callable[[int], AgendaLink]] = {}
    timed, all_day = registry.timed_item, registry.all_day_item
    items = []
    for task_id, owner_id, title, due_on, due_at, reminder_at, done, kind, link_id in task_rows(
        session, owner_ids, first_day, end_day
    ):
        link = None
        if kind is not None:
            make = linkers.get(kind)
            if make is None:
                make = linkers[kind] = registry.linker(kind)
            link = make(link_id)
        details = {"done": done, "reminder_at": reminder_at}
        if due_at is not None:
            items.append(timed(f"task:{task_id}", KIND, title, owner_id, due_at, due_at, link,
                               details))  # fmt: skip
        else:
            items.append(all_day(f"task:{task_id}", KIND, title, owner_id, due_on,
                                 day_bounds(due_on), link, details))  # fmt: skip
    return items


def describe(item: AgendaItem) -> str:
    if item.details.get("done"):
        return "Tâche faite."
    return "Tâche à faire dans la journée." if item.all_day else "Tâche à faire."


registry.register_provider(KIND, task_items, label="Tâche", describe=describe)
