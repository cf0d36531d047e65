"""Queries on accounts, cohorts, tokens and login attempts (scoped through core.scoping)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.repository import ScopedRepository
from app.models import ApiToken, Cohort, LoginAttempt, Role, User, cohort_trainers


class UserRepository(ScopedRepository[User]):
    model = User
    label = "Utilisateur"

    @staticmethod
    def by_email_unscoped(session: Session, email: str) -> User | None:
        """Look an account up by e-mail across the whole database (login, uniqueness)."""
        return session.scalar(select(User).where(User.email == email.lower()))


class CohortRepository(ScopedRepository[Cohort]):
    model = Cohort
    label = "Cohorte"

    def trainee_counts(self, cohort_ids: list[int]) -> dict[int, int]:
        rows = self.session.execute(
            select(User.cohort_id, func.count(User.id))
            .where(User.cohort_id.in_(cohort_ids), User.role == Role.TRAINEE)
            .group_by(User.cohort_id)
        )
        return {cid: n for cid, n in rows if cid is not None}

    def trainer_ids(self, cohort_ids: list[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {cid: [] for cid in cohort_ids}
        rows = self.session.execute(
            select(cohort_trainers.c.cohort_id, cohort_trainers.c.user_id)
            .where(cohort_trainers.c.cohort_id.in_(cohort_ids))
            .order_by(cohort_trainers.c.user_id)
        )
        for cid, uid in rows:
            out[cid].append(uid)
        return out

    def led_by(self, user_id: int) -> list[Cohort]:
        return list(
            self.session.scalars(
                select(Cohort)
                .join(cohort_trainers, cohort_trainers.c.cohort_id == Cohort.id)
                .where(cohort_trainers.c.user_id == user_id)
                .order_by(Cohort.name)
            )
        )


class ApiTokenRepository(ScopedRepository[ApiToken]):
    model = ApiToken
    label = "Jeton d'API"


def login_failures(
    session: Session, *, since: datetime, email: str | None = None, ip: str | None = None
) -> tuple[int, datetime | None]:
    """Count failed attempts after ``since`` for an account or an address, with the oldest."""
    stmt = select(func.count(LoginAttempt.id), func.min(LoginAttempt.created_at)).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.created_at > since
    )
    if email is not None:
        stmt = stmt.where(LoginAttempt.email == email)
    if ip is not None:
        stmt = stmt.where(LoginAttempt.ip == ip)
    count, oldest = session.execute(stmt).one()
    return int(count), oldest


def last_success(session: Session, email: str) -> datetime | None:
    return session.scalar(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True)
        )
    )
