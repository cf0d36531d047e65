"""Loyalty (CP8, issue 18): inactive accounts detected, relaunch plans and their enrolments,
information campaigns, every outbound message CapVente would send (or refused by the channel
policy), offers checked against the loyalty policy, co-purchase rule computations, surveys
and events. Nothing here is sent: messages are recorded (docs/design/018-loyalty.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    ApprovalStatus,
    CampaignKind,
    Channel,
    EnrolmentStatus,
    InactivityBasis,
    JobStatus,
    LoyaltyEventKind,
    MessageSource,
    MessageStatus,
    OfferStatus,
    RfmSegment,
    Rsvp,
    SurveyKind,
)
from app.models.prospects import OwnedMixin


class InactiveAccount(OwnedMixin, Base):
    """One detection of a customer gone inactive. Reactivated (read live): an order of the
    customer dated after ``detected_on``."""

    __tablename__ = "inactive_accounts"
    __table_args__ = (
        Index("ix_inactive_accounts_owner_id_detected_on", "owner_id", "detected_on"),
        Index("ix_inactive_accounts_prospect_id_detected_on", "prospect_id", "detected_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    detected_on: Mapped[date] = mapped_column(Date)
    last_order_on: Mapped[date] = mapped_column(Date)
    basis: Mapped[InactivityBasis] = mapped_column(str_enum(InactivityBasis, "inactivity_basis"))
    limit_days: Mapped[int] = mapped_column(Integer)
    usual_interval_days: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RelaunchPlan(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A sequence of relaunch steps (channel, delay after the previous step, subject and body
    templates) with its stop conditions, run for a set of customers."""

    __tablename__ = "relaunch_plans"
    __table_args__ = (Index("ix_relaunch_plans_owner_id_id", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    stop_on_order: Mapped[bool] = mapped_column(Boolean, default=True)
    stop_on_refusal: Mapped[bool] = mapped_column(Boolean, default=True)
    product_references: Mapped[list[str]] = mapped_column(JSON, default=list)


class RelaunchEnrolment(OwnedMixin, Base):
    """A customer run through a plan: the next step to process, until an order, a refusal or
    the last step."""

    __tablename__ = "relaunch_enrolments"
    __table_args__ = (
        Index("ix_relaunch_enrolments_plan_id_prospect_id", "plan_id", "prospect_id"),
        Index("ix_relaunch_enrolments_owner_id_status", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("relaunch_plans.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    started_on: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[EnrolmentStatus] = mapped_column(
        str_enum(EnrolmentStatus, "enrolment_status"), default=EnrolmentStatus.ACTIVE
    )
    next_step: Mapped[int] = mapped_column(Integer, default=0)
    next_due_on: Mapped[date | None] = mapped_column(Date)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    stop_detail: Mapped[str] = mapped_column(String(300), default="")


class LoyaltyCampaign(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """An information campaign about new products or promotions to chosen segments, each
    customer reached by the channel suited to them. Sent once."""

    __tablename__ = "loyalty_campaigns"
    __table_args__ = (Index("ix_loyalty_campaigns_owner_id_id", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT")
    )
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CampaignKind] = mapped_column(str_enum(CampaignKind, "campaign_kind"))
    product_references: Mapped[list[str]] = mapped_column(JSON, default=list)
    rfm_segments: Mapped[list[str]] = mapped_column(JSON, default=list)
    market_segments: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    sent_on: Mapped[date | None] = mapped_column(Date)
    recorded: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)


class OutboundMessage(OwnedMixin, Base):
    """What CapVente would send to a customer (rendered from its template), or the channel
    policy's refusal with its rule. Nothing leaves the machine."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        UniqueConstraint("source", "source_id", "prospect_id", "step", name="uq_outbound_once"),
        Index("ix_outbound_messages_owner_id_sent_on", "owner_id", "sent_on"),
        Index("ix_outbound_messages_owner_id_prospect_id", "owner_id", "prospect_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    source: Mapped[MessageSource] = mapped_column(str_enum(MessageSource, "message_source"))
    source_id: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    sent_on: Mapped[date] = mapped_column(Date)
    status: Mapped[MessageStatus] = mapped_column(str_enum(MessageStatus, "message_status"))
    rule: Mapped[str] = mapped_column(String(60))
    rule_detail: Mapped[str] = mapped_column(String(500), default="")
    analogous: Mapped[bool] = mapped_column(Boolean, default=False)
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoyaltyOffer(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A personalised offer to a customer, checked against the business case's loyalty
    policy: the rule it falls under, the manager's approval beyond the salesperson's
    authority, the client's answer, the quote or order it became."""

    __tablename__ = "loyalty_offers"
    __table_args__ = (
        Index("ix_loyalty_offers_owner_id_status", "owner_id", "status"),
        Index("ix_loyalty_offers_prospect_id", "prospect_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT")
    )
    batch: Mapped[str | None] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    conditions: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[date] = mapped_column(Date)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    segment_code: Mapped[str | None] = mapped_column(String(60))
    rfm_segment: Mapped[RfmSegment | None] = mapped_column(str_enum(RfmSegment, "rfm_segment"))
    rule_label: Mapped[str] = mapped_column(String(200))
    recommended: Mapped[bool] = mapped_column(Boolean, default=False)
    gross_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    value_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    status: Mapped[OfferStatus] = mapped_column(str_enum(OfferStatus, "offer_status"))
    approval_status: Mapped[ApprovalStatus] = mapped_column(
        str_enum(ApprovalStatus, "approval_status"), default=ApprovalStatus.NONE
    )
    approval_reason: Mapped[str] = mapped_column(Text, default="")
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    approval_decided_at: Mapped[datetime | None]
    approval_decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    proposed_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))


class RecommendationRun(OwnedMixin, Base):
    """One computation of the co-purchase rules of a business case (a job with progress)."""

    __tablename__ = "recommendation_runs"
    __table_args__ = (Index("ix_recommendation_runs_case_id_id", "business_case_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="CASCADE")
    )
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus, "job_status"))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(200), default="")
    min_support: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    min_confidence: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    customers: Mapped[int] = mapped_column(Integer, default=0)
    products: Mapped[int] = mapped_column(Integer, default=0)
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class Survey(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """An NPS (0–10) or CSAT (1–5) questionnaire sent (recorded) to customers."""

    __tablename__ = "surveys"
    __table_args__ = (Index("ix_surveys_owner_id_id", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SurveyKind] = mapped_column(str_enum(SurveyKind, "survey_kind"))
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(String(500))
    sent_on: Mapped[date] = mapped_column(Date)


class SurveyResponse(OwnedMixin, Base):
    """A customer asked (the invitation recorded); their score and verbatim once answered; a
    detractor's follow-up task."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "prospect_id", name="uq_survey_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    score: Mapped[int | None] = mapped_column(Integer)
    verbatim: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))


class LoyaltyEvent(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """An open day, a trade fair, a product launch or a webinar customers are invited to."""

    __tablename__ = "loyalty_events"
    __table_args__ = (Index("ix_loyalty_events_owner_id_held_on", "owner_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LoyaltyEventKind] = mapped_column(str_enum(LoyaltyEventKind, "event_kind"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)


class EventInvitation(OwnedMixin, Base):
    """A customer invited (the message recorded through an allowed channel), their answer and
    whether they came."""

    __tablename__ = "event_invitations"
    __table_args__ = (UniqueConstraint("event_id", "prospect_id", name="uq_invitation_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("loyalty_events.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    invited_on: Mapped[date] = mapped_column(Date)
    rsvp: Mapped[Rsvp | None] = mapped_column(str_enum(Rsvp, "rsvp"))
    attended: Mapped[bool | None] = mapped_column(Boolean)
