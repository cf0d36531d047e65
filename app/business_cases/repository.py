"""Queries of the business case domain, from the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, defer

from app.core import scoping
from app.core.errors import NotFound
from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseProduct,
    BusinessCaseStatus,
    BusinessCaseVersion,
    Cohort,
    User,
)

CASE_SORTS = {
    "name": BusinessCase.name,
    "updated_at": BusinessCase.updated_at,
    "created_at": BusinessCase.created_at,
    "status": BusinessCase.status,
}


class BusinessCaseRepository(ScopedRepository[BusinessCase]):
    model = BusinessCase
    label = "Cas d'entreprise"

    def page(
        self,
        params: PageParams,
        *,
        sort: str | None,
        status: BusinessCaseStatus | None,
        q: str | None,
    ) -> tuple[list[BusinessCase], int]:
        stmt = self.readable_statement()
        if status is not None:
            stmt = stmt.where(BusinessCase.status == status)
        for term in (q or "").lower().split():
            stmt = stmt.where(func.lower(BusinessCase.name).contains(term, autoescape=True))
        stmt = stmt.order_by(*order_by(sort, CASE_SORTS, default=("name",)), BusinessCase.id)
        return paginate(self.session, stmt, params)


class VersionRepository(ScopedRepository[BusinessCaseVersion]):
    model = BusinessCaseVersion
    label = "Version du cas d'entreprise"

    def of_case(self, case_id: int) -> list[BusinessCaseVersion]:
        stmt = self.readable_statement().where(BusinessCaseVersion.business_case_id == case_id)
        return list(self.session.scalars(stmt.order_by(BusinessCaseVersion.number.desc())))

    def numbered(self, case_id: int, number: int) -> BusinessCaseVersion:
        obj = self.session.scalar(
            self.readable_statement().where(
                BusinessCaseVersion.business_case_id == case_id,
                BusinessCaseVersion.number == number,
            )
        )
        if obj is None:
            raise NotFound(f"Version {number} du cas d'entreprise {case_id} introuvable.")
        return obj


class AssignmentRepository(ScopedRepository[BusinessCaseAssignment]):
    model = BusinessCaseAssignment
    label = "Attribution"

    def of_case(self, case_id: int) -> list[tuple[BusinessCaseAssignment, str | None, str | None]]:
        stmt = (
            select(BusinessCaseAssignment, Cohort.name, User.full_name)
            .where(scoping.readable(BusinessCaseAssignment, self.principal))
            .where(BusinessCaseAssignment.business_case_id == case_id)
            .outerjoin(Cohort, Cohort.id == BusinessCaseAssignment.cohort_id)
            .outerjoin(User, User.id == BusinessCaseAssignment.trainee_id)
            .order_by(BusinessCaseAssignment.assigned_at, BusinessCaseAssignment.id)
        )
        return [(a, c, u) for a, c, u in self.session.execute(stmt)]


def assignment_counts(session: Session, case_ids: Sequence[int]) -> dict[int, int]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(BusinessCaseAssignment.business_case_id, func.count())
        .where(BusinessCaseAssignment.business_case_id.in_(case_ids))
        .group_by(BusinessCaseAssignment.business_case_id)
    )
    return {key: value for key, value in rows.all()}  # noqa: C416 (Row objects)


def assignment_for(
    session: Session, *, cohort_id: int | None, trainee_id: int | None
) -> BusinessCaseAssignment | None:
    """The assignment already held by this cohort or this trainee (one each at most)."""
    if cohort_id is not None:
        cond: Any = BusinessCaseAssignment.cohort_id == cohort_id
    else:
        cond = BusinessCaseAssignment.trainee_id == trainee_id
    return session.scalar(select(BusinessCaseAssignment).where(cond))


def latest_version(session: Session, case_id: int) -> BusinessCaseVersion | None:
    """The case's latest version; its document (tens of KB) is read only when used and not
    parsed already (``service.document_of`` keeps the parsed documents)."""
    return session.scalar(
        select(BusinessCaseVersion)
        .options(defer(BusinessCaseVersion.document))
        .where(BusinessCaseVersion.business_case_id == case_id)
        .order_by(BusinessCaseVersion.number.desc())
        .limit(1)
    )


def active_assignment(
    session: Session, trainee_id: int
) -> tuple[BusinessCaseAssignment, BusinessCase, BusinessCaseVersion | None] | None:
    """A trainee's own assignment, else their cohort's; with its case and the case's latest
    version, in one statement (read on each order, quote and request of the trainee's
    file). The documents (tens of KB) are read only when used."""
    cohort = select(User.cohort_id).where(User.id == trainee_id).scalar_subquery()
    latest = (
        select(func.max(BusinessCaseVersion.number))
        .where(BusinessCaseVersion.business_case_id == BusinessCase.id)
        .correlate(BusinessCase)
        .scalar_subquery()
    )
    row = session.execute(
        select(BusinessCaseAssignment, BusinessCase, BusinessCaseVersion)
        .options(defer(BusinessCase.draft), defer(BusinessCaseVersion.document))
        .join(BusinessCase, BusinessCase.id == BusinessCaseAssignment.business_case_id)
        .outerjoin(
            BusinessCaseVersion,
            (BusinessCaseVersion.business_case_id == BusinessCase.id)
            & (BusinessCaseVersion.number == latest),
        )
        .where(
            or_(
                BusinessCaseAssignment.trainee_id == trainee_id,
                BusinessCaseAssignment.cohort_id == cohort,
            )
        )
        # The trainee's own assignment wins over their cohort's.
        .order_by(BusinessCaseAssignment.trainee_id.is_(None), BusinessCaseAssignment.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    assignment, case, version = row
    return assignment, case, version


def products_of(session: Session, version_id: int) -> list[BusinessCaseProduct]:
    stmt = select(BusinessCaseProduct).where(BusinessCaseProduct.version_id == version_id)
    return list(session.scalars(stmt.order_by(BusinessCaseProduct.reference)))


def latest_documents(session: Session, case_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The latest published document of each case (one query)."""
    if not case_ids:
        return {}
    newest = (
        select(
            BusinessCaseVersion.business_case_id,
            func.max(BusinessCaseVersion.number).label("number"),
        )
        .where(BusinessCaseVersion.business_case_id.in_(case_ids))
        .group_by(BusinessCaseVersion.business_case_id)
        .subquery()
    )
    rows = session.execute(
        select(BusinessCaseVersion.business_case_id, BusinessCaseVersion.document).join(
            newest,
            (newest.c.business_case_id == BusinessCaseVersion.business_case_id)
            & (newest.c.number == BusinessCaseVersion.number),
        )
    )
    return {key: value for key, value in rows.all()}  # noqa: C416 (Row objects)
