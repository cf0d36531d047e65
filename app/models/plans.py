"""The commercial action plan (PAC) of a trainee for a period, under a business case version.

A plan holds objectives (quantitative on a metric of the registry, or qualitative with how
success is judged), broken down into sub-objectives (``parent_id``, a dimension and the slice's
key: a month, a week, a segment, a product family), and planned actions, each serving
objectives with an expected contribution. Campaigns and tours link to the action they carry
out (``plan_action_id`` on theirs)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import PlanActionKind, PlanPeriodKind, PlanStatus, SplitDimension
from app.models.prospects import OwnedMixin


class Plan(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_owner_id_starts_on", "owner_id", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    period_kind: Mapped[PlanPeriodKind] = mapped_column(
        str_enum(PlanPeriodKind, "plan_period_kind")
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[PlanStatus] = mapped_column(
        str_enum(PlanStatus, "plan_status"), default=PlanStatus.DRAFT
    )
    # A revision of a validated plan is a new plan: number 1, 2... and the plan it revises.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    revision_of_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The trainer's comment when returning (or validating) the plan.
    decision_comment: Mapped[str] = mapped_column(Text, default="")


class PlanObjective(OwnedMixin, Base):
    __tablename__ = "plan_objectives"
    __table_args__ = (
        UniqueConstraint("plan_id", "parent_id", "dimension", "slice_key"),
        Index("ix_plan_objectives_plan_id", "plan_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_objectives.id", ondelete="CASCADE"), index=True
    )
    # Quantitative: a metric of the registry and a target; qualitative: no metric, a text
    # and how success is judged.
    metric_code: Mapped[str | None] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    target: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    success_criterion: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)
    # A sub-objective: its parent's slice along one dimension (month "2027-01", week
    # "2027-W03", a segment's code, a product family's code).
    dimension: Mapped[SplitDimension | None] = mapped_column(
        str_enum(SplitDimension, "split_dimension")
    )
    slice_key: Mapped[str | None] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanAction(OwnedMixin, TimestampMixin, Base):
    __tablename__ = "plan_actions"
    __table_args__ = (Index("ix_plan_actions_plan_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    kind: Mapped[PlanActionKind] = mapped_column(str_enum(PlanActionKind, "plan_action_kind"))
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    segment_code: Mapped[str | None] = mapped_column(String(60))
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal(0))
    budget: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    km: Mapped[Decimal] = mapped_column(Numeric(10, 1), default=Decimal(0))
    # Means: the discount offered (%) and the catalogue references promoted.
    discount_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    product_family: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str] = mapped_column(Text, default="")


class PlanActionObjective(OwnedMixin, Base):
    """What one action is expected to bring to one objective."""

    __tablename__ = "plan_action_objectives"
    __table_args__ = (UniqueConstraint("action_id", "objective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"))
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("plan_objectives.id", ondelete="CASCADE"), index=True
    )
    expected: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
