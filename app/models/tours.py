"""Tour planning: emission factors (reference and organisation overrides), trainees' base
places, saved tours and their days (mileage log)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import TransportMode
from app.models.prospects import OwnedMixin

Factor = Numeric(8, 4)  # kgCO2e per km


class EmissionFactor(TimestampMixin, VersionMixin, Base):
    """kgCO2e per km of one transport mode: the reference values (``organisation_id`` null,
    ADEME Impact CO2, written by migration 0005) or an organisation's own."""

    __tablename__ = "emission_factors"
    __table_args__ = (UniqueConstraint("organisation_id", "mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[TransportMode] = mapped_column(str_enum(TransportMode, "mode"))
    label: Mapped[str] = mapped_column(String(100))
    # Usage (fuel or electricity) and construction of the vehicle; the source may publish
    # only the total.
    usage_kg_per_km: Mapped[Decimal | None] = mapped_column(Factor)
    construction_kg_per_km: Mapped[Decimal | None] = mapped_column(Factor)
    total_kg_per_km: Mapped[Decimal] = mapped_column(Factor)
    basis: Mapped[str] = mapped_column(String(20))  # per vehicle, passenger or person
    source: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)


class TourBase(TimestampMixin, Base):
    """Where a trainee's days start and end unless a day says otherwise."""

    __tablename__ = "tour_bases"

    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    label: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


class Tour(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A saved plan: the request as given and the plan as answered (both JSON), with its
    totals in columns for lists and reports."""

    __tablename__ = "tours"
    __table_args__ = (Index("ix_tours_owner_id_first_day", "owner_id", "first_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    mode: Mapped[TransportMode] = mapped_column(str_enum(TransportMode, "mode"))
    first_day: Mapped[date] = mapped_column(Date)
    days_count: Mapped[int] = mapped_column(Integer)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    matrix_source: Mapped[str] = mapped_column(String(30))
    total_km: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    baseline_km: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    co2_total_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    visits_planned: Mapped[int] = mapped_column(Integer)
    visits_unassigned: Mapped[int] = mapped_column(Integer)
    # The PAC action this tour carries out (app.plans).
    plan_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_actions.id", ondelete="SET NULL"), index=True
    )


class TourDay(Base):
    """One day of a saved tour: planned km, and the actual km the trainee logs."""

    __tablename__ = "tour_days"

    tour_id: Mapped[int] = mapped_column(
        ForeignKey("tours.id", ondelete="CASCADE"), primary_key=True
    )
    day_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    planned_km: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    visits: Mapped[int] = mapped_column(Integer)
    actual_km: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    actual_logged_at: Mapped[datetime | None]
