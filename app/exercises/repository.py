"""Queries of the exercise domain, from the caller's scope."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, paginate
from app.core.repository import ScopedRepository
from app.models import (
    Exercise,
    ExerciseRun,
    ExerciseStatus,
    MarketEvent,
    MarketPerson,
    RunStatus,
    User,
)


class ExerciseRepository(ScopedRepository[Exercise]):
    model = Exercise
    label = "Exercice"

    def page(
        self, page: PageParams, *, status: ExerciseStatus | None = None
    ) -> tuple[list[Exercise], int]:
        stmt = self.readable_statement()
        if status is not None:
            stmt = stmt.where(Exercise.status == status)
        return paginate(self.session, stmt.order_by(Exercise.id.desc()), page)


class RunRepository(ScopedRepository[ExerciseRun]):
    model = ExerciseRun
    label = "Parcours"

    def page(
        self,
        page: PageParams,
        *,
        exercise_id: int | None = None,
        status: RunStatus | None = None,
        owner_id: int | None = None,
    ) -> tuple[list[ExerciseRun], int]:
        stmt = self.readable_statement(owner_id)
        if exercise_id is not None:
            stmt = stmt.where(ExerciseRun.exercise_id == exercise_id)
        if status is not None:
            stmt = stmt.where(ExerciseRun.status == status)
        return paginate(self.session, stmt.order_by(ExerciseRun.id), page)

    def all_of(self, exercise_id: int) -> list[ExerciseRun]:
        return list(
            self.session.scalars(
                self.readable_statement()
                .where(ExerciseRun.exercise_id == exercise_id)
                .order_by(ExerciseRun.id)
            )
        )


class MarketEventRepository(ScopedRepository[MarketEvent]):
    model = MarketEvent
    label = "Événement du marché"

    def page(
        self, page: PageParams, run_id: int, *, kind: str | None = None
    ) -> tuple[list[MarketEvent], int]:
        stmt = self.readable_statement().where(MarketEvent.run_id == run_id)
        if kind:
            stmt = stmt.where(MarketEvent.kind == kind)
        return paginate(
            self.session, stmt.order_by(MarketEvent.day.desc(), MarketEvent.id.desc()), page
        )


def runs_by_status(session: Session, exercise_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = session.execute(
        select(ExerciseRun.exercise_id, ExerciseRun.status, func.count())
        .where(ExerciseRun.exercise_id.in_(exercise_ids))
        .group_by(ExerciseRun.exercise_id, ExerciseRun.status)
    )
    found: dict[int, dict[str, int]] = {}
    for exercise_id, status, n in rows:
        found.setdefault(exercise_id, {})[str(status.value)] = int(n)
    return found


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return {uid: name for uid, name in rows}  # noqa: C416 (rows are Row objects)


def person_of_prospect(session: Session, run_id: int, prospect_id: int) -> MarketPerson | None:
    return session.scalar(
        select(MarketPerson).where(
            MarketPerson.run_id == run_id, MarketPerson.prospect_id == prospect_id
        )
    )


def attempts(session: Session, person_id: int, kind: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(MarketEvent)
            .where(MarketEvent.person_id == person_id, MarketEvent.kind == kind)
        )
        or 0
    )


def last_event_day(session: Session, person_id: int, kind: str) -> Any:
    return session.scalar(
        select(func.max(MarketEvent.day)).where(
            MarketEvent.person_id == person_id, MarketEvent.kind == kind
        )
    )
