"""Organisation management as the admin routes answer it: the cohort and account lists
(queries, filters, sorts) and a cohort's view with its trainers and trainee count. The rules
of creating and editing them are in ``service``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_
from sqlalchemy.orm import Session

from app.auth.repository import CohortRepository, UserRepository
from app.auth.schemas import CohortOut, UserOut
from app.core.pagination import PageParams, order_by, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import Cohort, Role, User

COHORT_SORTS = {"name": Cohort.name, "starts_on": Cohort.starts_on, "created_at": Cohort.created_at}

USER_SORTS = {
    "full_name": User.full_name,
    "email": User.email,
    "created_at": User.created_at,
    "last_login_at": User.last_login_at,
}


def cohorts_out(repo: CohortRepository, cohorts: Sequence[Cohort]) -> list[CohortOut]:
    """The cohorts with their trainers and trainee counts (two queries for them all)."""
    ids = [c.id for c in cohorts]
    counts, trainers = repo.trainee_counts(ids), repo.trainer_ids(ids)
    return [
        CohortOut(
            id=c.id,
            organisation_id=c.organisation_id,
            name=c.name,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            trainer_ids=trainers.get(c.id, []),
            trainee_count=counts.get(c.id, 0),
            created_at=c.created_at,
            version=c.version,
        )
        for c in cohorts
    ]


def cohort_out(session: Session, principal: Principal, cohort: Cohort) -> CohortOut:
    return cohorts_out(CohortRepository(session, principal), [cohort])[0]


def cohorts(
    session: Session, principal: Principal, page: PageParams, *, sort: str | None, q: str | None
) -> Page[CohortOut]:
    """The cohorts the caller may see, by name unless ``sort`` says otherwise."""
    repo = CohortRepository(session, principal)
    stmt = repo.readable_statement()
    if q:
        stmt = stmt.where(Cohort.name.ilike(f"%{q}%"))
    stmt = stmt.order_by(*order_by(sort, COHORT_SORTS, ["name"]), Cohort.id)
    items, total = paginate(session, stmt, page)
    return page_of(cohorts_out(repo, items), total, page)


def users(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    sort: str | None,
    role: Role | None,
    cohort_id: int | None,
    is_active: bool | None,
    q: str | None,
) -> Page[UserOut]:
    """The accounts the caller may see, filtered, by name unless ``sort`` says otherwise."""
    stmt = UserRepository(session, principal).readable_statement()
    if role is not None:
        stmt = stmt.where(User.role == role)
    if cohort_id is not None:
        stmt = stmt.where(User.cohort_id == cohort_id)
    if is_active is not None:
        stmt = stmt.where(User.is_active.is_(is_active))
    if q:
        stmt = stmt.where(or_(User.full_name.ilike(f"%{q}%"), User.email.ilike(f"%{q}%")))
    stmt = stmt.order_by(*order_by(sort, USER_SORTS, ["full_name"]), User.id)
    items, total = paginate(session, stmt, page)
    return page_of([UserOut.model_validate(u) for u in items], total, page)
