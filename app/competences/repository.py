"""Queries on the evidence journal and assessments. Append and read: nothing else exists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from app.core.repository import ScopedRepository
from app.models import Assessment, EvidenceLink, EvidenceRecord, User

RECENT_EXAMPLES = 3


class EvidenceRepository(ScopedRepository[EvidenceRecord]):
    model = EvidenceRecord
    label = "Preuve"

    def for_trainee(
        self,
        trainee_id: int,
        *,
        code: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        resource_type: str | None = None,
    ) -> Select[EvidenceRecord]:
        stmt = self.readable_statement().where(EvidenceRecord.trainee_id == trainee_id)
        if code:
            stmt = stmt.where(
                EvidenceRecord.id.in_(
                    select(EvidenceLink.evidence_id).where(EvidenceLink.code == code)
                )
            )
        if since:
            stmt = stmt.where(EvidenceRecord.created_at >= since)
        if until:
            stmt = stmt.where(EvidenceRecord.created_at < until)
        if resource_type:
            stmt = stmt.where(EvidenceRecord.resource_type == resource_type)
        return stmt

    def codes_of(self, evidence_ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {i: [] for i in evidence_ids}
        rows = self.session.execute(
            select(EvidenceLink.evidence_id, EvidenceLink.code)
            .where(EvidenceLink.evidence_id.in_(evidence_ids))
            .order_by(EvidenceLink.code)
        )
        for eid, code in rows:
            out[eid].append(code)
        return out

    def stats_by_code(self, trainee_id: int) -> dict[str, tuple[int, datetime, datetime]]:
        """Per code: (count, first, last), aggregated in SQL."""
        rows = self.session.execute(
            select(
                EvidenceLink.code,
                func.count(EvidenceRecord.id),
                func.min(EvidenceRecord.created_at),
                func.max(EvidenceRecord.created_at),
            )
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == trainee_id)
            .where(self._visible_ids())
            .group_by(EvidenceLink.code)
        )
        return {code: (n, first, last) for code, n, first, last in rows}

    def recent_by_code(self, trainee_id: int) -> dict[str, list[EvidenceRecord]]:
        """Per code, the latest few evidence records (a window function, one query)."""
        rank = (
            func.row_number()
            .over(
                partition_by=EvidenceLink.code,
                order_by=(EvidenceRecord.created_at.desc(), EvidenceRecord.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            select(EvidenceLink.code.label("code"), EvidenceRecord.id.label("evidence_id"), rank)
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == trainee_id)
            .where(self._visible_ids())
            .subquery()
        )
        record = aliased(EvidenceRecord)
        rows = self.session.execute(
            select(ranked.c.code, record)
            .join(record, record.id == ranked.c.evidence_id)
            .where(ranked.c.rank <= RECENT_EXAMPLES)
            .order_by(ranked.c.code, ranked.c.rank)
        )
        out: dict[str, list[EvidenceRecord]] = {}
        for code, rec in rows:
            out.setdefault(code, []).append(rec)
        return out

    def _visible_ids(self) -> Any:
        return EvidenceRecord.id.in_(self.readable_statement().with_only_columns(EvidenceRecord.id))

    def total(self, trainee_id: int) -> int:
        stmt = self.for_trainee(trainee_id).with_only_columns(func.count(EvidenceRecord.id))
        return int(self.session.scalar(stmt) or 0)


class AssessmentRepository(ScopedRepository[Assessment]):
    model = Assessment
    label = "Évaluation"

    def history(self, trainee_id: int) -> Select[Assessment, str]:
        assessor = aliased(User)
        return (
            self.readable_statement()
            .add_columns(assessor.full_name)
            .join(assessor, assessor.id == Assessment.assessor_id)
            .where(Assessment.trainee_id == trainee_id)
        )

    def current(self, trainee_id: int) -> dict[str, tuple[Assessment, str]]:
        """The latest assessment of each criterion (history is kept, the newest counts)."""
        rank = (
            func.row_number()
            .over(
                partition_by=Assessment.criterion_code,
                order_by=(Assessment.created_at.desc(), Assessment.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            self.readable_statement()
            .with_only_columns(Assessment.id.label("aid"), rank)
            .where(Assessment.trainee_id == trainee_id)
            .subquery()
        )
        assessor = aliased(User)
        rows = self.session.execute(
            select(Assessment, assessor.full_name)
            .join(ranked, ranked.c.aid == Assessment.id)
            .join(assessor, assessor.id == Assessment.assessor_id)
            .where(ranked.c.rank == 1)
        )
        return {a.criterion_code: (a, name) for a, name in rows}


def append_assessment(session: Session, assessment: Assessment) -> Assessment:
    session.add(assessment)
    session.flush()
    return assessment
