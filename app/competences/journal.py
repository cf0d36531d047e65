"""The evidence journal and the assessment history as the routes list them: filters, sort
and one page, with the codes of each evidence record and the assessor of each assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.competences import service
from app.competences.repository import AssessmentRepository, EvidenceRepository
from app.competences.schemas import AssessmentOut, EvidenceOut
from app.core.pagination import PageParams, count, order_by, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import Assessment, EvidenceRecord

EVIDENCE_SORTS = {"created_at": EvidenceRecord.created_at, "action": EvidenceRecord.action}


@dataclass(frozen=True)
class EvidenceQuery:
    """Filters, sort and page of an evidence-journal listing."""

    page: PageParams
    sort: str | None
    code: str | None
    since: datetime | None
    until: datetime | None
    resource_type: str | None


def evidence_page(
    session: Session, principal: Principal, trainee_id: int, q: EvidenceQuery
) -> Page[EvidenceOut]:
    """One page of a trainee's evidence journal with each record's criteria."""
    repo = EvidenceRepository(session, principal)
    stmt = repo.for_trainee(
        trainee_id, code=q.code, since=q.since, until=q.until, resource_type=q.resource_type
    ).order_by(*order_by(q.sort, EVIDENCE_SORTS, ["-created_at"]), EvidenceRecord.id.desc())
    items, total = paginate(session, stmt, q.page)
    codes = repo.codes_of([e.id for e in items])
    return page_of(
        [
            EvidenceOut(
                id=e.id,
                trainee_id=e.trainee_id,
                action=e.action,
                label=e.label,
                method=e.method,
                route=e.route,
                resource_type=e.resource_type,
                resource_id=e.resource_id,
                codes=codes[e.id],
                framework_version=e.framework_version,
                created_at=e.created_at,
            )
            for e in items
        ],
        total,
        q.page,
    )


ASSESSMENT_SORTS = {
    "created_at": Assessment.created_at,
    "criterion_code": Assessment.criterion_code,
}


def assessment_page(
    session: Session,
    principal: Principal,
    trainee_id: int,
    criterion_code: str | None,
    sort: str | None,
    page: PageParams,
) -> Page[AssessmentOut]:
    """One page of a trainee's assessment history (newest first unless sorted)."""
    stmt = AssessmentRepository(session, principal).history(trainee_id)
    if criterion_code:
        stmt = stmt.where(Assessment.criterion_code == criterion_code.upper())
    stmt = stmt.order_by(*order_by(sort, ASSESSMENT_SORTS, ["-created_at"]), Assessment.id.desc())
    rows = session.execute(stmt.limit(page.limit).offset(page.offset)).all()
    return page_of(
        [service.assessment_out(a, name) for a, name in rows], count(session, stmt), page
    )
