"""Tenancy: organisation (training centre) → cohorts → users."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import Role


class Organisation(TimestampMixin, VersionMixin, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)


cohort_trainers = Table(
    "cohort_trainers",
    Base.metadata,
    Column("cohort_id", ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Cohort(TimestampMixin, VersionMixin, Base):
    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)

    trainers: Mapped[list[User]] = relationship(
        secondary=cohort_trainers, lazy="raise", order_by="User.id"
    )


class User(TimestampMixin, VersionMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    # The cohort a trainee follows (trainers lead cohorts through cohort_trainers).
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True
    )
    last_login_at: Mapped[datetime | None]
    # When the credentials last changed (password change, reset, deactivation): shown, not
    # checked. Sessions carry the credential version they were issued under ("cv"); each
    # change bumps it, so even a session issued in the same second is refused.
    credentials_changed_at: Mapped[datetime | None]
    credential_version: Mapped[int] = mapped_column(default=0, server_default="0")

    cohort: Mapped[Cohort | None] = relationship(lazy="raise", foreign_keys=[cohort_id])
