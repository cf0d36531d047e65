"""The sales follow-up (CP7): orders and their lines (issue 17; deliveries, invoices and
cases follow). An order comes from an accepted quote (its lines and prices kept) or is
entered from the catalogue; its figures are ``app.sales.calculations``' like a quote's."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import OrderStatus
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
