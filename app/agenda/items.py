"""The agenda's own provider: tasks (``app.providers`` imports it like the domains' ones).

A task is a reminder, not a booking: it never makes a double booking. A task due at a
moment is a timed item of no duration; one due on a day is an all-day item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem
from app.agenda.repository import task_rows

KIND = "task"


def task_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    zone = start.tzinfo
    assert zone is not None  # the agenda's periods are local (registry's docstring)
    items = []
    for row in task_rows(session, owner_ids, first_day, end_day):
        done = row.done_at is not None
        details = {"task_id": row.id, "done": done, "reminder_at": row.reminder_at}
        link = registry.link(row.link_kind, row.link_id)
        if row.due_at is not None:
            item = AgendaItem(
                ref=f"task:{row.id}", kind=KIND, title=row.title, owner_id=row.owner_id,
                start=row.due_at, end=row.due_at, link=link, details=details,
                updated_at=row.updated_at, note="Tâche faite." if done else "Tâche à faire.",
            )  # fmt: skip
        else:
            day_start, day_end = registry.all_day_bounds(row.due_on, row.due_on, zone)
            item = AgendaItem(
                ref=f"task:{row.id}", kind=KIND, title=row.title, owner_id=row.owner_id,
                start=day_start, end=day_end, all_day=True, day=row.due_on,
                last_day=row.due_on, link=link, details=details, updated_at=row.updated_at,
                note="Tâche faite." if done else "Tâche à faire dans la journée.",
            )  # fmt: skip
        items.append(item)
    return items


registry.register_provider(KIND, task_items, label="Tâche")
