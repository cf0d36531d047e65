"""The sales follow-up (CP7, issue 17): orders and their lines, deliveries and their dated
events, what the client was told, cases run under the business case's procedures with the
salesperson's decisions and escalations, invoices, credit notes, payments, relaunches and
complaints. An order comes from an accepted quote (its lines and prices kept) or is entered
from the catalogue; its figures are ``app.sales.calculations``' like a quote's."""

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    CaseStatus,
    CaseType,
    Channel,
    ComplaintCategory,
    ComplaintSeverity,
    ComplaintStatus,
    DecisionKind,
    DeliveryEventKind,
    DeliveryStatus,
    Direction,
    EscalationDepartment,
    EscalationStatus,
    FollowUpSubject,
    IncidentKind,
    InvoiceKind,
    InvoiceStatus,
    OrderStatus,
    PaymentMethod,
    RelaunchLevel,
    SolutionKind,
)
from app.models.prospects import OwnedMixin


class Order(OwnedMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_owner_id_ordered_on", "owner_id", "ordered_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    # The accepted quote it comes from (one order per quote), if any.
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL"), unique=True
    )
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="RESTRICT")
    )
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    # "CDE-2026-00001", per business case and year (document_counters, kind "order").
    number: Mapped[str] = mapped_column(String(30))
    status: Mapped[OrderStatus] = mapped_column(
        str_enum(OrderStatus, "order_status"), default=OrderStatus.OPEN
    )
    ordered_on: Mapped[date] = mapped_column(Date)
    segment_code: Mapped[str | None] = mapped_column(String(60))
    escompte_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    reductions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    gross_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    net_commercial_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    total_ttc: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    margin: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    cancelled_at: Mapped[datetime | None]


class OrderLine(OwnedMixin, Base):
    __tablename__ = "order_lines"
    __table_args__ = (Index("ix_order_lines_order_id_position", "order_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    product_reference: Mapped[str | None] = mapped_column(String(40))
    family: Mapped[str | None] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(30), default="unité")
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price_ht: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tva_rate: Mapped[Decimal] = mapped_column(Numeric(4, 2))
    unit_cost_ht: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    discounts: Mapped[list[str]] = mapped_column(JSON, default=list)
    quantity_delivered: Mapped[Decimal] = mapped_column(Numeric(12, 3), default=Decimal(0))


class Delivery(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A shipment of some of an order's lines (partial deliveries: several per order)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_order_id_position", "order_id", "position"),
        Index("ix_deliveries_owner_id_status_promised_on", "owner_id", "status", "promised_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), index=True
    )
    # 1, 2, … within the order ("CDE-2026-00001 / 2").
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "delivery_status"), default=DeliveryStatus.PLANNED
    )
    promised_on: Mapped[date] = mapped_column(Date)
    # [{"order_line_id": 1, "quantity": "2.000"}]: what this shipment carries.
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    carrier: Mapped[str] = mapped_column(String(120), default="")
    tracking: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    prepared_on: Mapped[date | None] = mapped_column(Date)
    shipped_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)


class DeliveryEvent(OwnedMixin, Base):
    """A dated step of a delivery, or an incident (late, damaged, missing)."""

    __tablename__ = "delivery_events"
    __table_args__ = (Index("ix_delivery_events_delivery_id_id", "delivery_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    kind: Mapped[DeliveryEventKind] = mapped_column(
        str_enum(DeliveryEventKind, "delivery_event_kind")
    )
    incident: Mapped[IncidentKind | None] = mapped_column(str_enum(IncidentKind, "incident_kind"))
    occurred_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClientMessage(OwnedMixin, Base):
    """What the client was told (or told us), when, by which channel, about which record."""

    __tablename__ = "client_messages"
    __table_args__ = (
        Index("ix_client_messages_owner_id_prospect_id_at", "owner_id", "prospect_id", "at"),
        Index("ix_client_messages_subject", "subject", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    subject: Mapped[FollowUpSubject] = mapped_column(str_enum(FollowUpSubject, "follow_up_subject"))
    subject_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    direction: Mapped[Direction] = mapped_column(
        str_enum(Direction, "direction"), default=Direction.OUTBOUND
    )
    at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowUpCase(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """One run of the business case's procedure for a situation (an order, a delivery
    incident, a complaint, a dispute, an unpaid invoice, a return). The steps are read from
    the business case version; only their states are kept here."""

    __tablename__ = "follow_up_cases"
    __table_args__ = (
        Index("ix_follow_up_cases_owner_id_prospect_id", "owner_id", "prospect_id"),
        Index("ix_follow_up_cases_owner_id_status", "owner_id", "status"),
        Index("ix_follow_up_cases_subject", "subject", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    case_type: Mapped[CaseType] = mapped_column(str_enum(CaseType, "case_type"))
    subject: Mapped[FollowUpSubject | None] = mapped_column(
        str_enum(FollowUpSubject, "follow_up_subject")
    )
    subject_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[CaseStatus] = mapped_column(
        str_enum(CaseStatus, "case_status"), default=CaseStatus.OPEN
    )
    # {"<step code>": {"state": "done", "on": "2026-12-06", "note": "…"}}; a step absent
    # is pending.
    steps: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(Text, default="")


class CaseDecision(OwnedMixin, Base):
    """What the salesperson granted on a case, within their authority."""

    __tablename__ = "case_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("follow_up_cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DecisionKind] = mapped_column(str_enum(DecisionKind, "decision_kind"))
    amount_ht: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    days: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Escalation(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A case's file passed to a department with a handover note, and its answer."""

    __tablename__ = "escalations"
    __table_args__ = (Index("ix_escalations_status_sent_at", "status", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("follow_up_cases.id", ondelete="CASCADE"), index=True
    )
    department: Mapped[EscalationDepartment] = mapped_column(
        str_enum(EscalationDepartment, "escalation_department")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[str] = mapped_column(Text)
    client_request: Mapped[str] = mapped_column(Text)
    actions_taken: Mapped[str] = mapped_column(Text)
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[EscalationStatus] = mapped_column(
        str_enum(EscalationStatus, "escalation_status"), default=EscalationStatus.SENT
    )
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set when the case's owner has read the answer.
    acknowledged_at: Mapped[datetime | None]


class Invoice(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """An invoice (``FAC-<year>-<00001>``) of an order or a delivery, or a credit note
    (``AV-…``) on an invoice; numbered without gaps per business case. Amounts are positive;
    a credit note lowers its invoice's balance."""

    __tablename__ = "invoices"
    __table_args__ = (
        Index("ix_invoices_owner_id_status_due_on", "owner_id", "status", "due_on"),
        Index("ix_invoices_owner_id_prospect_id", "owner_id", "prospect_id"),
        # Only credit notes name an invoice: a partial index, whose statistics SQLite's
        # planner trusts (with every NULL in it, it read the whole table instead).
        Index("ix_invoices_invoice_id", "invoice_id",
              sqlite_where=text("invoice_id IS NOT NULL"),
              postgresql_where=text("invoice_id IS NOT NULL")),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="SET NULL")
    )
    # A credit note's invoice (index: partial, ``__table_args__``).
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    business_case_id: Mapped[int] = mapped_column(
        ForeignKey("business_cases.id", ondelete="RESTRICT")
    )
    business_case_version_id: Mapped[int] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[InvoiceKind] = mapped_column(str_enum(InvoiceKind, "invoice_kind"))
    number: Mapped[str] = mapped_column(String(30))
    status: Mapped[InvoiceStatus] = mapped_column(str_enum(InvoiceStatus, "invoice_status"))
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    # Business client (penalties and the 40 € indemnity) or consumer.
    business_client: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    # [{"label", "quantity", "unit_price_ht", "tva_rate", "total_ht"}]: the invoice as issued.
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    total_ht: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    total_tva: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    total_ttc: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    paid: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    credited: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    paid_on: Mapped[date | None] = mapped_column(Date)
    # The last relaunch level sent (none yet: null).
    relaunch_level: Mapped[RelaunchLevel | None] = mapped_column(
        str_enum(RelaunchLevel, "relaunch_level")
    )
    escalated_at: Mapped[datetime | None]


class Payment(OwnedMixin, Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    reference: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Relaunch(OwnedMixin, Base):
    """A relaunch of an unpaid invoice at a level, with its letter and the penalties due."""

    __tablename__ = "relaunches"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[RelaunchLevel] = mapped_column(str_enum(RelaunchLevel, "relaunch_level"))
    sent_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    balance: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    rate: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))
    penalties: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    indemnity: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    letter: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Complaint(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A client's complaint: what happened, what they ask, the solution proposed and its cost,
    their answer and satisfaction, against the response and resolution due dates."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_owner_id_prospect_id", "owner_id", "prospect_id"),
        Index("ix_complaints_owner_id_status_resolution_due_on", "owner_id", "status",
              "resolution_due_on"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up_cases.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    category: Mapped[ComplaintCategory] = mapped_column(
        str_enum(ComplaintCategory, "complaint_category")
    )
    severity: Mapped[ComplaintSeverity] = mapped_column(
        str_enum(ComplaintSeverity, "complaint_severity")
    )
    status: Mapped[ComplaintStatus] = mapped_column(
        str_enum(ComplaintStatus, "complaint_status"), default=ComplaintStatus.RECEIVED
    )
    received_on: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    client_request: Mapped[str] = mapped_column(Text, default="")
    response_due_on: Mapped[date] = mapped_column(Date)
    resolution_due_on: Mapped[date] = mapped_column(Date)
    solution: Mapped[SolutionKind | None] = mapped_column(str_enum(SolutionKind, "solution_kind"))
    solution_detail: Mapped[str] = mapped_column(Text, default="")
    solution_cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    responded_on: Mapped[date | None] = mapped_column(Date)
    client_accepted: Mapped[bool | None] = mapped_column(Boolean)
    client_answer: Mapped[str] = mapped_column(Text, default="")
    csat: Mapped[int | None] = mapped_column(Integer)
    resolved_on: Mapped[date | None] = mapped_column(Date)
