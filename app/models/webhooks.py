"""Webhooks for integrators (app/webhooks/README.md): an organisation's subscriptions, the
outbox of events, one delivery per event and subscription, and the journal of its attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import WebhookDeliveryStatus

URL_MAX_LENGTH = 2000
ERROR_MAX_LENGTH = 500


class WebhookSubscription(TimestampMixin, VersionMixin, Base):
    """Where an organisation's events go: a receiver's URL, the events it listens to and the
    secret deliveries are signed with (kept to sign; shown once, at creation and rotation)."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (
        # What publishing an event asks, on every evidence record: who listens here?
        Index("ix_webhook_subscriptions_organisation_id_active", "organisation_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The API token it was created with (an exercise platform), if any.
    created_by_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str] = mapped_column(String(URL_MAX_LENGTH))
    description: Mapped[str] = mapped_column(String(500), default="")
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebhookEvent(Base):
    """The outbox: one row per event published while somebody listened to it, written in
    the transaction of the change it tells (sent only if that change committed)."""

    __tablename__ = "webhook_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "msg_" + 26 characters (a ULID): the ``webhook-id`` header, stable across retries.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # A WebhookEventKind value, or "ping" (a test sent by hand). Open text: a kind added
    # later needs no migration.
    kind: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookDelivery(Base):
    """One event to one subscription. ``next_attempt_at`` is set while pending (when it is
    due, or the lease of the worker sending it) and null once succeeded or failed."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("event_id", "subscription_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("webhook_events.id", ondelete="CASCADE"))
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[WebhookDeliveryStatus] = mapped_column(
        str_enum(WebhookDeliveryStatus, "webhook_delivery_status"),
        default=WebhookDeliveryStatus.PENDING,
    )
    # Attempts of the current series (a redelivery by hand starts a new one).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_MAX_LENGTH))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WebhookAttempt(Base):
    """One POST of a delivery: the receiver's status code (none when it never answered), how
    long it took, what went wrong."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_ms: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(ERROR_MAX_LENGTH))
