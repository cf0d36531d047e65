"""The evidence journal (append-only) and trainers' assessments (history kept)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.common.clock import utcnow
from app.models.base import Base, str_enum
from app.models.enums import AssessmentLevel


class EvidenceRecord(Base):
    """What a trainee did, tagged with the competences and criteria it exercises.

    Rows are never updated nor deleted (a database trigger refuses it as well).
    """

    __tablename__ = "evidence_records"
    __table_args__ = (
        Index("ix_evidence_records_trainee_id_created_at", "trainee_id", "created_at"),
        # One record per trainee and thing shown (app.competences.evidence.evidence_key).
        Index("ix_evidence_records_trainee_id_dedupe_key", "trainee_id", "dedupe_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(120))
    # The route's summary when the action happened (French, for people reading the journal).
    label: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(10))
    route: Mapped[str] = mapped_column(String(255))
    resource_type: Mapped[str | None] = mapped_column(String(80))
    resource_id: Mapped[str | None] = mapped_column(String(80))
    framework_version: Mapped[str] = mapped_column(String(40))
    request_id: Mapped[str | None] = mapped_column(String(64))
    # (action, thing shown, codes): repeating an action on the same record adds nothing.
    # Null on records written before migration 0009 (they stay as they were written).
    dedupe_key: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    links: Mapped[list[EvidenceLink]] = relationship(lazy="raise", order_by="EvidenceLink.code")


class EvidenceLink(Base):
    """One competence or criterion code an evidence record counts for."""

    __tablename__ = "evidence_links"

    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_records.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class Assessment(Base):
    """A trainer's judgement on one criterion; the latest row per criterion is current."""

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_trainee_id_criterion_code", "trainee_id", "criterion_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    criterion_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[AssessmentLevel] = mapped_column(str_enum(AssessmentLevel, "level"))
    comment: Mapped[str] = mapped_column(Text, default="")
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    framework_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
