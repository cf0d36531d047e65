"""The queries of tasks and calendar feeds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session

from app.core.pagination import order_by
from app.core.repository import ScopedRepository
from app.models import CalendarFeed, Task, TaskLinkKind, User

TASK_SORTS = {
    "due": Task.due_on,
    "created_at": Task.created_at,
    "title": Task.title,
    "done_at": Task.done_at,
}


@dataclass(frozen=True)
class TaskFilters:
    done: bool | None = None
    due_from: date | None = None
    due_to: date | None = None
    link_kind: TaskLinkKind | None = None
    link_id: int | None = None


class TaskRepository(ScopedRepository[Task]):
    model = Task
    label = "Tâche"

    def listing(
        self, filters: TaskFilters, *, owner_id: int | None, sort: str | None
    ) -> Select[Any]:
        stmt = self.readable_statement(owner_id)
        if filters.done is not None:
            stmt = stmt.where(Task.done_at.is_not(None) if filters.done else Task.done_at.is_(None))
        if filters.due_from is not None:
            stmt = stmt.where(Task.due_on >= filters.due_from)
        if filters.due_to is not None:
            stmt = stmt.where(Task.due_on <= filters.due_to)
        if filters.link_kind is not None:
            stmt = stmt.where(Task.link_kind == filters.link_kind)
        if filters.link_id is not None:
            stmt = stmt.where(Task.link_id == filters.link_id)
        # Within a day, the all-day tasks first, then by time (the same on both backends).
        within_day = (Task.due_at.is_not(None), Task.due_at, Task.id)
        return stmt.order_by(*order_by(sort, TASK_SORTS, ["due"]), *within_day)


def task_rows(
    session: Session, owner_ids: Sequence[int], first_day: date, end_day: date
) -> Sequence[Any]:
    """The agenda's query: the owners' tasks due from ``first_day`` to before ``end_day``
    (index ``(owner_id, due_on)``), only the columns an agenda item shows: (id, owner_id,
    title, due_on, due_at, reminder_at, done, link kind as text, link id)."""
    return (
        session.connection()
        .execute(
            select(
                Task.id, Task.owner_id, Task.title, Task.due_on, Task.due_at, Task.reminder_at,
                Task.done_at.is_not(None), type_coerce(Task.link_kind, String), Task.link_id,
            ).where(Task.owner_id.in_(owner_ids), Task.due_on >= first_day, Task.due_on < end_day)
        )
        .all()
    )  # fmt: skip


class CalendarFeedRepository(ScopedRepository[CalendarFeed]):
    model = CalendarFeed
    label = "Abonnement d'agenda"

    def listing(self) -> Select[Any]:
        """The caller's feeds, the newest first (revoked ones too, marked)."""
        return self.readable_statement().order_by(
            CalendarFeed.created_at.desc(), CalendarFeed.id.desc()
        )

    def active_count(self) -> int:
        stmt = select(func.count()).select_from(
            self.writable_statement().where(CalendarFeed.revoked_at.is_(None)).subquery()
        )
        return int(self.session.scalar(stmt) or 0)

    @staticmethod
    def by_token_hash(session: Session, token_hash: str) -> CalendarFeed | None:
        """The live feed of a token, whoever asks: the token is the credential (a unique
        index on its hash; the hash of a 256-bit secret tells an observer nothing). A
        revoked feed, or one of a deactivated account, is none."""
        return session.scalar(
            select(CalendarFeed)
            .join(User, User.id == CalendarFeed.owner_id)
            .where(
                CalendarFeed.token_hash == token_hash,
                CalendarFeed.revoked_at.is_(None),
                User.is_active.is_(True),
            )
        )
