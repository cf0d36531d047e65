"""Use cases: portfolios (evidence per competence and criterion) and assessments."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from app.auth.repository import CohortRepository, readable_trainee
from app.common.clock import utcnow
from app.competences import repository as repo
from app.competences.catalogue import get_catalogue
from app.competences.schemas import (
    AssessmentCreate,
    AssessmentOut,
    CompetencePortfolio,
    CriterionPortfolio,
    EvidenceExample,
    EvidenceStats,
    Portfolio,
    TraineeRef,
)
from app.core.events import publish
from app.core.principal import Principal
from app.models import Assessment, AssessmentLevel, EvidenceRecord, User, WebhookEventKind


def trainee_for(session: Session, principal: Principal, trainee_id: int) -> User:
    """The trainee if the caller may see them (self, their trainer, their admin), else 404."""
    return readable_trainee(session, principal, trainee_id)


def assessment_out(assessment: Assessment, assessor_name: str) -> AssessmentOut:
    return AssessmentOut(
        id=assessment.id,
        trainee_id=assessment.trainee_id,
        criterion_code=assessment.criterion_code,
        level=assessment.level,
        comment=assessment.comment,
        assessor_id=assessment.assessor_id,
        assessor_name=assessor_name,
        framework_version=assessment.framework_version,
        created_at=assessment.created_at,
    )


def assess(
    session: Session, principal: Principal, trainee: User, data: AssessmentCreate
) -> AssessmentOut:
    """Append a trainer's assessment of one criterion (earlier ones stay in the history)."""
    assessment = repo.append_assessment(
        session,
        Assessment(
            organisation_id=trainee.organisation_id,
            trainee_id=trainee.id,
            criterion_code=data.criterion_code,
            level=data.level,
            comment=data.comment,
            assessor_id=principal.user_id,
            framework_version=get_catalogue().version,
        ),
    )
    publish(session, assessment.organisation_id, WebhookEventKind.ASSESSMENT_MADE, {
        "assessment_id": assessment.id, "trainee_id": assessment.trainee_id,
        "criterion_code": assessment.criterion_code, "level": assessment.level,
        "assessor_id": assessment.assessor_id, "made_at": assessment.created_at,
    })  # fmt: skip
    assessor = session.get(User, principal.user_id)
    return assessment_out(assessment, assessor.full_name if assessor else "")


def _stats(
    code: str,
    stats: Mapping[str, tuple[int, datetime, datetime]],
    recent: Mapping[str, list[EvidenceRecord]],
) -> EvidenceStats:
    count, first, last = stats.get(code, (0, None, None))
    return EvidenceStats(
        evidence_count=count,
        first_at=first,
        last_at=last,
        recent=[EvidenceExample.model_validate(r) for r in recent.get(code, [])],
    )


def _status(levels: list[AssessmentLevel]) -> AssessmentLevel:
    if levels and all(level is AssessmentLevel.ACQUIRED for level in levels):
        return AssessmentLevel.ACQUIRED
    if any(level is not AssessmentLevel.NOT_ASSESSED for level in levels):
        return AssessmentLevel.IN_PROGRESS
    return AssessmentLevel.NOT_ASSESSED


def portfolio(session: Session, principal: Principal, trainee: User) -> Portfolio:
    """Evidence counts, dates, examples and current assessment per competence and criterion."""
    catalogue = get_catalogue()
    evidence = repo.EvidenceRepository(session, principal)
    stats = evidence.stats_by_code(trainee.id)
    recent = evidence.recent_by_code(trainee.id)
    current = repo.AssessmentRepository(session, principal).current(trainee.id)

    competences = []
    acquired_total = 0
    for comp in catalogue.competences:
        criteria = []
        for crit in comp.criteria:
            assessed = current.get(crit.code)
            criteria.append(
                CriterionPortfolio(
                    code=crit.code,
                    text=crit.text,
                    assessment=assessment_out(*assessed) if assessed else None,
                    **_stats(crit.code, stats, recent).model_dump(),
                )
            )
        levels = [
            c.assessment.level if c.assessment else AssessmentLevel.NOT_ASSESSED for c in criteria
        ]
        acquired = sum(level is AssessmentLevel.ACQUIRED for level in levels)
        acquired_total += acquired
        competences.append(
            CompetencePortfolio(
                code=comp.code,
                kind=comp.kind,
                block=comp.block,
                title=comp.title,
                status=_status(levels),
                criteria_acquired=acquired,
                criteria=criteria,
                **_stats(comp.code, stats, recent).model_dump(),
            )
        )
    cohort = (
        CohortRepository(session, principal).get_readable(trainee.cohort_id)
        if trainee.cohort_id
        else None
    )
    return Portfolio(
        trainee=TraineeRef(
            id=trainee.id,
            full_name=trainee.full_name,
            email=trainee.email,
            cohort=cohort.name if cohort else None,
        ),
        framework_version=catalogue.version,
        framework_title=f"{catalogue.framework['document']} {catalogue.framework['code']} "
        f"— {catalogue.framework['title']}",
        generated_at=utcnow(),
        evidence_total=evidence.total(trainee.id),
        criteria_total=len(catalogue.criteria_by_code),
        criteria_acquired=acquired_total,
        competences=competences,
    )
