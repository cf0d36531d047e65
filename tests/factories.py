"""Small factories that flush, and helpers to call the API as someone."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.core.security import create_access_token, hash_password
from app.models import Base, Cohort, Organisation, Role, User, cohort_trainers
from tests.conftest import TEST_SECRET

PASSWORD = "correct horse battery"
PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose
_seq = itertools.count(1)


def make_org(db: Session, name: str | None = None) -> Organisation:
    n = next(_seq)
    org = Organisation(name=name or f"Centre {n}", slug=f"centre-{n}")
    db.add(org)
    db.flush()
    return org


def make_cohort(
    db: Session, org: Organisation, *, name: str | None = None, trainers: Sequence[User] = ()
) -> Cohort:
    cohort = Cohort(organisation_id=org.id, name=name or f"Cohorte {next(_seq)}")
    db.add(cohort)
    db.flush()
    for trainer in trainers:
        db.execute(cohort_trainers.insert().values(cohort_id=cohort.id, user_id=trainer.id))
    db.flush()
    return cohort


def make_user(
    db: Session,
    org: Organisation,
    role: Role = Role.TRAINEE,
    *,
    cohort: Cohort | None = None,
    email: str | None = None,
    full_name: str | None = None,
    is_active: bool = True,
) -> User:
    n = next(_seq)
    user = User(
        organisation_id=org.id,
        email=email or f"{role.value}{n}@example.org",
        full_name=full_name or f"{role.value.title()} {n}",
        role=role,
        password_hash=PASSWORD_HASH,
        cohort_id=cohort.id if cohort else None,
        is_active=is_active,
    )
    db.add(user)
    db.flush()
    return user


def lead(db: Session, trainer: User, cohort: Cohort) -> None:
    db.execute(cohort_trainers.insert().values(cohort_id=cohort.id, user_id=trainer.id))
    db.flush()


def bearer(user: User, minutes: int = 60) -> dict[str, str]:
    token, _ = create_access_token(user_id=user.id, secret=TEST_SECRET, minutes=minutes)
    return {"Authorization": f"Bearer {token}"}


def snapshot(conn: Connection | Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a request changed nothing."""
    out = {}
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        rows = conn.execute(select(table).order_by(*pk)).all()
        out[table.name] = [tuple(r) for r in rows]
    return out
