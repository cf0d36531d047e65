"""Organisation management: cohorts and user accounts (admin writes; others read their scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.orm import selectinload

from app.auth import admin, service
from app.auth.deps import CurrentPrincipal, OrganisationManager
from app.auth.repository import CohortRepository, UserRepository
from app.auth.schemas import (
    CohortCreate,
    CohortOut,
    CohortUpdate,
    PersonRef,
    TuteesIn,
    TuteesOut,
    UserCreate,
    UserOut,
    UserUpdate,
)
from app.core.db import DbSession
from app.core.pagination import Pagination, sort_query
from app.core.schemas import Id, Page
from app.models import Cohort, Role, User

router = APIRouter(tags=["admin"])


@router.get("/cohorts", response_model=Page[CohortOut], summary="Cohortes visibles")
def list_cohorts(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(admin.COHORT_SORTS)] = None,
    q: Annotated[str | None, Query(max_length=100, description="Recherche dans le nom.")] = None,
) -> Page[CohortOut]:
    return admin.cohorts(session, principal, page, sort=sort, q=q)


@router.post(
    "/cohorts", response_model=CohortOut, status_code=status.HTTP_201_CREATED, summary="Créer"
)
def create_cohort(
    data: CohortCreate, session: DbSession, principal: OrganisationManager
) -> CohortOut:
    cohort = service.create_cohort(session, principal, data)
    return admin.cohort_out(session, principal, cohort)


@router.get("/cohorts/{cohort_id}", response_model=CohortOut, summary="Une cohorte")
def read_cohort(cohort_id: Id, session: DbSession, principal: CurrentPrincipal) -> CohortOut:
    cohort = CohortRepository(session, principal).get_readable(cohort_id)
    return admin.cohort_out(session, principal, cohort)


@router.patch("/cohorts/{cohort_id}", response_model=CohortOut, summary="Modifier une cohorte")
def update_cohort(
    cohort_id: Id, data: CohortUpdate, session: DbSession, principal: OrganisationManager
) -> CohortOut:
    repo = CohortRepository(session, principal)
    cohort = repo.get_writable(cohort_id, options=[selectinload(Cohort.trainers)])
    cohort = service.update_cohort(session, principal, cohort, data)
    return admin.cohort_out(session, principal, cohort)


@router.delete(
    "/cohorts/{cohort_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Supprimer (vide)"
)
def delete_cohort(cohort_id: Id, session: DbSession, principal: OrganisationManager) -> Response:
    service.delete_cohort(session, CohortRepository(session, principal).get_writable(cohort_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/users", response_model=Page[UserOut], summary="Comptes visibles")
def list_users(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(admin.USER_SORTS)] = None,
    role: Role | None = None,
    cohort_id: Id | None = None,
    is_active: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Nom ou e-mail.")] = None,
) -> Page[UserOut]:
    return admin.users(
        session, principal, page, sort=sort, role=role, cohort_id=cohort_id,
        is_active=is_active, q=q,
    )  # fmt: skip


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


@router.get(
    "/users/{user_id}/tutees",
    response_model=TuteesOut,
    summary="Les alternants d'un tuteur en entreprise",
)
def read_tutees(user_id: Id, session: DbSession, principal: OrganisationManager) -> TuteesOut:
    tutor = UserRepository(session, principal).get_writable(user_id)
    return TuteesOut(
        tutor_id=tutor.id,
        tutees=[PersonRef.model_validate(u) for u in service.tutees_of(session, tutor.id)],
    )


@router.put(
    "/users/{user_id}/tutees",
    response_model=TuteesOut,
    summary="Lier un tuteur en entreprise à ses alternants (remplace la liste)",
)
def set_tutees(
    user_id: Id, data: TuteesIn, session: DbSession, principal: OrganisationManager
) -> TuteesOut:
    tutor = UserRepository(session, principal).get_writable(user_id)
    tutees = service.set_tutees(session, tutor, data.trainee_ids)
    return TuteesOut(tutor_id=tutor.id, tutees=[PersonRef.model_validate(u) for u in tutees])
