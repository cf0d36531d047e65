"""The sales interview (CP6): opportunities with their stage history, quotes and their lines,
and the counters that number documents without gaps per business case.

A quote's figures are computed by ``app.sales.calculations`` from its lines, reductions and
escompte; the totals stored here are that computation's, written at each change, for lists
and metrics (never typed by hand)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    ApprovalStatus,
    InformationLevel,
    InterviewConclusion,
    ObjectionKind,
    OpportunityStage,
    QuoteStatus,
)
from app.models.prospects import OwnedMixin


class Opportunity(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "opportunities"
    __table_args__ = (Index("ix_opportunities_owner_id_stage", "owner_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    estimated_amount_ht: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    stage: Mapped[OpportunityStage] = mapped_column(
        str_enum(OpportunityStage, "opportunity_stage"), default=OpportunityStage.DISCOVERY
    )
    lost_reason: Mapped[str] = mapped_column(String(500), default="")
    expected_close_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None]


class OpportunityStageChange(OwnedMixin, Base):
    __tablename__ = "opportunity_stage_changes"
    __table_args__ = (
        Index("ix_opportunity_stage_changes_owner_id_changed_at", "owner_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[OpportunityStage | None] = mapped_column(
        str_enum(OpportunityStage, "opportunity_from_stage")
    )
    to_stage: Mapped[OpportunityStage] = mapped_column(
        str_enum(OpportunityStage, "opportunity_to_stage")
    )
    changed_at: Mapped[datetime]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")


class Quote(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_owner_id_sent_at", "owner_id", "sent_at"),
        Index("ix_quotes_business_case_id_number", "business_case_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="RESTRICT")
    )
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    # Given when the quote is first sent ("DEV-2026-00012"; revisions keep it).
    number: Mapped[str | None] = mapped_column(String(30))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    revision_of_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL"))
    status: Mapped[QuoteStatus] = mapped_column(
        str_enum(QuoteStatus, "quote_status"), default=QuoteStatus.DRAFT
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    segment_code: Mapped[str | None] = mapped_column(String(60))
    valid_until: Mapped[date] = mapped_column(Date)
    # A consumer signing away from the seller's premises: the 14-day withdrawal right.
    off_premises: Mapped[bool] = mapped_column(Boolean, default=False)
    escompte_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    # Document-level reductions in order: [{"kind": "remise", "rate": "5.00"} | {"amount": …}]
    reductions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The computation's totals, written at each change (lists and metrics read them).
    gross_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    net_commercial_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    total_ttc: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    cost_ht: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    margin: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    effective_discount: Mapped[Decimal] = mapped_column(Numeric(7, 4), default=Decimal(0))
    # A discount beyond the limits, asked of the trainer.
    approval_status: Mapped[ApprovalStatus] = mapped_column(
        str_enum(ApprovalStatus, "approval_status"), default=ApprovalStatus.NONE
    )
    approval_reason: Mapped[str] = mapped_column(Text, default="")
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    approval_requested_at: Mapped[datetime | None]
    approval_decided_at: Mapped[datetime | None]
    approval_decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    refusal_reason: Mapped[str] = mapped_column(String(500), default="")


class QuoteLine(OwnedMixin, Base):
    __tablename__ = "quote_lines"
    __table_args__ = (Index("ix_quote_lines_quote_id_position", "quote_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    # A catalogue line names its product (label, unit, family, TVA and cost come from the
    # business case version); a free line has none.
    product_reference: Mapped[str | None] = mapped_column(String(40))
    family: Mapped[str | None] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(30), default="unité")
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price_ht: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tva_rate: Mapped[Decimal] = mapped_column(Numeric(4, 2))
    unit_cost_ht: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Chained line discounts, in percent, as strings ("10.00").
    discounts: Mapped[list[str]] = mapped_column(JSON, default=list)


class DocumentCounter(Base):
    """The last number given to a kind of document (quote, later invoice) of a business case
    in a year: numbers without gaps, taken under the row's lock when a document is issued."""

    __tablename__ = "document_counters"

    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class VisitPreparation(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """The sheet a trainee prepares before an appointment (CP6.1, CP6.2); its sections
    (questions, arguments, objections, accessibility) are one validated document."""

    __tablename__ = "visit_preparations"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), unique=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    information_level: Mapped[InformationLevel] = mapped_column(
        str_enum(InformationLevel, "information_level")
    )
    main_objective: Mapped[str] = mapped_column(Text)
    fallback_objective: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class InterviewReport(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """What happened at an appointment (CP6.3–CP6.8): its sections are one validated
    document; the conclusion is a column (the metrics count interviews by it)."""

    __tablename__ = "interview_reports"
    __table_args__ = (Index("ix_interview_reports_owner_id_held_at", "owner_id", "held_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), unique=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    # The appointment's start, kept here: interviews held in a period.
    held_at: Mapped[datetime]
    information_level: Mapped[InformationLevel] = mapped_column(
        str_enum(InformationLevel, "information_level")
    )
    conclusion: Mapped[InterviewConclusion] = mapped_column(
        str_enum(InterviewConclusion, "interview_conclusion")
    )
    conclusion_fits_signals: Mapped[bool]
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ObjectionEntry(OwnedMixin, TimestampMixin, Base):
    """An objection of the trainee's own library, beside the business case's."""

    __tablename__ = "objection_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ObjectionKind] = mapped_column(str_enum(ObjectionKind, "objection_kind"))
    objection: Mapped[str] = mapped_column(String(500))
    answer: Mapped[str] = mapped_column(Text)
    technique: Mapped[str] = mapped_column(String(100), default="")
