"""RGPD records: consent history, Bloctel checks, data-subject requests, audits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import (
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    LawfulBasis,
    PrivacyRequestKind,
    PrivacyRequestStatus,
)
from app.models.prospects import OwnedMixin


class ConsentRecord(OwnedMixin, Base):
    """One consent event of one person for one purpose and channel (append-only history)."""

    __tablename__ = "consent_records"
    __table_args__ = (
        Index("ix_consent_records_person", "prospect_id", "contact_id", "purpose", "channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    # The person: the contact of a company, or (when null) the individual prospect.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose, "purpose"))
    channel: Mapped[ConsentChannel] = mapped_column(str_enum(ConsentChannel, "channel"))
    status: Mapped[ConsentStatus] = mapped_column(str_enum(ConsentStatus, "status"))
    lawful_basis: Mapped[LawfulBasis] = mapped_column(str_enum(LawfulBasis, "lawful_basis"))
    given_at: Mapped[datetime]
    method: Mapped[ConsentMethod] = mapped_column(str_enum(ConsentMethod, "method"))
    text_version: Mapped[str] = mapped_column(String(100), default="")
    proof_reference: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BloctelCheck(OwnedMixin, Base):
    """One Bloctel-style list applied to a trainee's file; numbers kept as keyed digests."""

    __tablename__ = "bloctel_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    checked_on: Mapped[date] = mapped_column(Date)
    numbers_in_list: Mapped[int] = mapped_column(Integer)
    invalid_lines: Mapped[int] = mapped_column(Integer, default=0)
    prospects_checked: Mapped[int] = mapped_column(Integer)
    prospects_opposed: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BloctelNumber(Base):
    __tablename__ = "bloctel_numbers"

    check_id: Mapped[int] = mapped_column(
        ForeignKey("bloctel_checks.id", ondelete="CASCADE"), primary_key=True
    )
    phone_digest: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class PrivacyRequest(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A data-subject request about a person of a trainee's file."""

    __tablename__ = "privacy_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    prospect_id: Mapped[int | None] = mapped_column(
        ForeignKey("prospects.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    kind: Mapped[PrivacyRequestKind] = mapped_column(str_enum(PrivacyRequestKind, "kind"))
    status: Mapped[PrivacyRequestStatus] = mapped_column(
        str_enum(PrivacyRequestStatus, "status"), default=PrivacyRequestStatus.OPEN
    )
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(60), default="")  # how it was received
    details: Mapped[str] = mapped_column(Text, default="")
    # Rectification: the changes asked for ({"email": "..."}); applied on completion.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    response_note: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None]


class PrivacyAuditEntry(Base):
    """Who read a person's full record, and what was anonymised (ids only, no identity)."""

    __tablename__ = "privacy_audit"
    __table_args__ = (Index("ix_privacy_audit_organisation_id_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))  # read_record, export, anonymise...
    prospect_id: Mapped[int | None] = mapped_column(Integer, index=True)
    contact_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)
