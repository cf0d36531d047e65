"""Webhook queries, from the caller's scope (the organisation's staff)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, paginate
from app.core.repository import ScopedRepository
from app.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
)


class SubscriptionRepository(ScopedRepository[WebhookSubscription]):
    model = WebhookSubscription
    label = "Abonnement webhook"

    def page(self, page: PageParams) -> tuple[list[WebhookSubscription], int]:
        stmt = self.readable_statement().order_by(WebhookSubscription.id)
        return paginate(self.session, stmt, page)

    def count_of_organisation(self) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(WebhookSubscription)
                .where(WebhookSubscription.organisation_id == self.principal.organisation_id)
            )
            or 0
        )


class DeliveryRepository(ScopedRepository[WebhookDelivery]):
    model = WebhookDelivery
    label = "Envoi webhook"

    def page_of_subscription(
        self, subscription_id: int, page: PageParams, status: WebhookDeliveryStatus | None
    ) -> tuple[list[WebhookDelivery], int]:
        stmt = self.readable_statement().where(WebhookDelivery.subscription_id == subscription_id)
        if status is not None:
            stmt = stmt.where(WebhookDelivery.status == status)
        stmt = stmt.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        return paginate(self.session, stmt, page)


def events_of(session: Session, deliveries: list[WebhookDelivery]) -> dict[int, WebhookEvent]:
    """The events of ``deliveries`` (read through them: same organisation), by id."""
    ids = {d.event_id for d in deliveries}
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(WebhookEvent).where(WebhookEvent.id.in_(ids)))}


def attempts_of(
    session: Session, deliveries: list[WebhookDelivery]
) -> dict[int, list[WebhookAttempt]]:
    """The attempts of ``deliveries``, the latest first, by delivery id."""
    found: dict[int, list[WebhookAttempt]] = defaultdict(list)
    ids = [d.id for d in deliveries]
    if not ids:
        return found
    stmt = (
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(ids))
        .order_by(WebhookAttempt.attempted_at.desc(), WebhookAttempt.id.desc())
    )
    for attempt in session.scalars(stmt):
        found[attempt.delivery_id].append(attempt)
    return found
