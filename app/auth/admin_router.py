"""Organisation management: cohorts and user accounts (admin writes; others read their scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from app.auth import service
from app.auth.deps import CurrentPrincipal, OrganisationManager
from app.auth.repository import CohortRepository, UserRepository
from app.auth.schemas import CohortCreate, CohortOut, CohortUpdate, UserCreate, UserOut, UserUpdate
from app.core.db import DbSession
from app.core.pagination import Pagination, order_by, page_of, paginate, sort_query
from app.core.schemas import Id, Page
from app.models import Cohort, Role, User

router = APIRouter(tags=["admin"])


def _cohorts_out(repo: CohortRepository, cohorts: list[Cohort]) -> list[CohortOut]:
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


COHORT_SORTS = {"name": Cohort.name, "starts_on": Cohort.starts_on, "created_at": Cohort.created_at}


@router.get("/cohorts", response_model=Page[CohortOut], summary="Cohortes visibles")
def list_cohorts(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(COHORT_SORTS)] = None,
    q: Annotated[str | None, Query(max_length=100, description="Recherche dans le nom.")] = None,
) -> Page[CohortOut]:
    repo = CohortRepository(session, principal)
    stmt = repo.readable_statement()
    if q:
        stmt = stmt.where(Cohort.name.ilike(f"%{q}%"))
    stmt = stmt.order_by(*order_by(sort, COHORT_SORTS, ["name"]), Cohort.id)
    items, total = paginate(session, stmt, page)
    return page_of(_cohorts_out(repo, items), total, page)


@router.post(
    "/cohorts", response_model=CohortOut, status_code=status.HTTP_201_CREATED, summary="Créer"
)
def create_cohort(
    data: CohortCreate, session: DbSession, principal: OrganisationManager
) -> CohortOut:
    cohort = service.create_cohort(session, principal, data)
    return _cohorts_out(CohortRepository(session, principal), [cohort])[0]


@router.get("/cohorts/{cohort_id}", response_model=CohortOut, summary="Une cohorte")
def read_cohort(cohort_id: Id, session: DbSession, principal: CurrentPrincipal) -> CohortOut:
    repo = CohortRepository(session, principal)
    return _cohorts_out(repo, [repo.get_readable(cohort_id)])[0]


@router.patch("/cohorts/{cohort_id}", response_model=CohortOut, summary="Modifier une cohorte")
def update_cohort(
    cohort_id: Id, data: CohortUpdate, session: DbSession, principal: OrganisationManager
) -> CohortOut:
    repo = CohortRepository(session, principal)
    cohort = repo.get_writable(cohort_id, options=[selectinload(Cohort.trainers)])
    cohort = service.update_cohort(session, principal, cohort, data)
    return _cohorts_out(repo, [cohort])[0]


@router.delete(
    "/cohorts/{cohort_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Supprimer (vide)"
)
def delete_cohort(cohort_id: Id, session: DbSession, principal: OrganisationManager) -> Response:
    service.delete_cohort(session, CohortRepository(session, principal).get_writable(cohort_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


USER_SORTS = {
    "full_name": User.full_name,
    "email": User.email,
    "created_at": User.created_at,
    "last_login_at": User.last_login_at,
}


@router.get("/users", response_model=Page[UserOut], summary="Comptes visibles")
def list_users(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(USER_SORTS)] = None,
    role: Role | None = None,
    cohort_id: Id | None = None,
    is_active: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Nom ou e-mail.")] = None,
) -> Page[UserOut]:
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


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED, summary="Créer")
def create_user(data: UserCreate, session: DbSession, principal: OrganisationManager) -> User:
    return service.create_user(session, principal, data)


@router.get("/users/{user_id}", response_model=UserOut, summary="Un compte")
def read_user(user_id: Id, session: DbSession, principal: CurrentPrincipal) -> User:
    return UserRepository(session, principal).get_readable(user_id)


@router.patch(
    "/users/{user_id}",
    response_model=UserOut,
    summary="Modifier un compte (rôle, cohorte, activation, mot de passe)",
)
def update_user(
    user_id: Id, data: UserUpdate, session: DbSession, principal: OrganisationManager
) -> User:
    user = UserRepository(session, principal).get_writable(user_id)
    return service.update_user(session, principal, user, data)
