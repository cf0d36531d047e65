"""Tour planning: emission factors (reference and organisation overrides)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import TransportMode

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
