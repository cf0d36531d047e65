"""Queries on accounts, cohorts, tokens and login attempts (scoped through core.scoping)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.emails import normalise_email
from app.core.errors import NotFound
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.models import ApiToken, Cohort, LoginAttempt, Role, User, cohort_trainers


class UserRepository(ScopedRepository[User]):
    model = User
    label = "Utilisateur"

    @staticmethod
    def by_email_unscoped(session: Session, email: str) -> User | None:
        """Look an account up by e-mail across the whole database (login, uniqueness): the
        address normalised as stored (NFKC, lower case), so a look-alike spelling finds it."""
        return session.scalar(select(User).where(User.email == normalise_email(email)))


def readable_trainee(session: Session, principal: Principal, trainee_id: int) -> User:
    """A trainee the caller may see (self, their trainer, their admin), else 404: the one
    rule for routes about one trainee (portfolio, business case, plans, agenda...)."""
    user = UserRepository(session, principal).get_readable(trainee_id)
    if user.role is not Role.TRAINEE:
        raise NotFound(f"Stagiaire {trainee_id} introuvable.")
    return user


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
    session: Session, *, since: datetime, ip: str, email: str | None = None
) -> tuple[int, datetime | None]:
    """Count failed attempts after ``since`` from an address (and for one account when
    ``email`` is given), with the latest one."""
    stmt = select(func.count(LoginAttempt.id), func.max(LoginAttempt.created_at)).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.created_at > since, LoginAttempt.ip == ip
    )
    if email is not None:
        stmt = stmt.where(LoginAttempt.email == email)
    count, latest = session.execute(stmt).one()
    return int(count), latest


def last_success(session: Session, *, email: str, ip: str) -> datetime | None:
    """The last successful login of an account from an address (it resets their counter)."""
    return session.scalar(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.email == email,
            LoginAttempt.ip == ip,
            LoginAttempt.succeeded.is_(True),
        )
    )
