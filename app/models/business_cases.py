"""The business case (cas d'entreprise): the company a trainee sells for.

The whole case is one document (``app.business_cases.document.BusinessCaseDocument``):
``BusinessCase.draft`` holds the trainers' working copy, each publication freezes it into a
``BusinessCaseVersion`` that never changes, and the records a trainee makes keep the
version they were made under. ``BusinessCaseProduct`` indexes each version's catalogue
(reference, family, prices) for the domains that price lines; it is written from the
document, never on its own. A case is assigned to a cohort or to chosen trainees; a trainee
has at most one active case (their own assignment first, else their cohort's)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import BusinessCaseStatus

Document = JSON().with_variant(JSONB(), "postgresql")


class BusinessCase(TimestampMixin, VersionMixin, Base):
    __tablename__ = "business_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[BusinessCaseStatus] = mapped_column(
        str_enum(BusinessCaseStatus, "business_case_status"), default=BusinessCaseStatus.DRAFT
    )
    draft: Mapped[dict[str, Any]] = mapped_column(Document)
    # The number of the last published version (0: never published).
    published_number: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class BusinessCaseVersion(Base):
    __tablename__ = "business_case_versions"
    __table_args__ = (UniqueConstraint("business_case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class BusinessCaseAssignment(Base):
    """A case given to a whole cohort or to one trainee. One case per cohort and one per
    trainee (unique indexes): a trainee's own assignment wins over their cohort's."""

    __tablename__ = "business_case_assignments"
    __table_args__ = (
        CheckConstraint("(cohort_id IS NULL) <> (trainee_id IS NULL)", name="cohort_or_trainee"),
        Index("uq_business_case_assignments_cohort", "cohort_id", unique=True),
        Index("uq_business_case_assignments_trainee", "trainee_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="CASCADE"), index=True
    )
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)


class BusinessCaseProduct(Base):
    __tablename__ = "business_case_products"
    __table_args__ = (UniqueConstraint("version_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="CASCADE")
    )
    reference: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    family: Mapped[str] = mapped_column(String(80), index=True)
    price_ht: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tva_rate: Mapped[Decimal] = mapped_column(Numeric(4, 2))
    cost_ht: Mapped[Decimal] = mapped_column(Numeric(12, 2))
