"""Webhook subscriptions and deliveries: the rules of the API's writes (the posting itself
is app.webhooks.delivery's, outside requests)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.errors import Conflict, FieldError
from app.core.events import PING, write_event
from app.core.netguard import AddressRefused
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.models import WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription
from app.webhooks.repository import SubscriptionRepository, attempts_of, events_of
from app.webhooks.schemas import WebhookSubscriptionCreate, WebhookSubscriptionUpdate
from app.webhooks.signing import new_secret
from app.webhooks.targets import checked_addresses, parse_target

#: Subscriptions an organisation may have (each event is queued once per subscription).
MAX_SUBSCRIPTIONS = 20
#: Attempts listed per delivery (the latest).
ATTEMPT_LOG_MAX = 20
CANCELLED = "Abonnement désactivé : envoi annulé."


def check_url(url: str, settings: Settings) -> str:
    """``url`` if a delivery may be posted to it now, else 422 on the field ``url``."""
    allow_private = settings.webhooks_allow_private
    try:
        target = parse_target(url, allow_private=allow_private)
        checked_addresses(target, allow_private=allow_private)
    except AddressRefused as exc:
        raise FieldError("url", str(exc)) from None
    return url


def create_subscription(
    session: Session, principal: Principal, data: WebhookSubscriptionCreate, settings: Settings
) -> tuple[WebhookSubscription, str]:
    """A new subscription of the caller's organisation, and its secret (shown this once)."""
    if SubscriptionRepository(session, principal).count_of_organisation() >= MAX_SUBSCRIPTIONS:
        raise Conflict(
            f"L'organisation a déjà {MAX_SUBSCRIPTIONS} abonnements webhook : supprimez-en un "
            "avant d'en créer un autre."
        )
    secret = new_secret()
    subscription = WebhookSubscription(
        organisation_id=principal.organisation_id,
        created_by_id=principal.user_id,
        created_by_token_id=principal.api_token_id,
        url=check_url(data.url, settings),
        description=data.description,
        events=[kind.value for kind in data.events],
        secret=secret,
        active=data.active,
    )
    session.add(subscription)
    session.flush()
    return subscription, secret


def _cancel_pending(session: Session, subscription_id: int) -> None:
    session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.subscription_id == subscription_id,
            WebhookDelivery.status == WebhookDeliveryStatus.PENDING,
        )
        .values(
            status=WebhookDeliveryStatus.FAILED,
            next_attempt_at=None,
            last_error=CANCELLED,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )


def update_subscription(
    session: Session,
    subscription: WebhookSubscription,
    data: WebhookSubscriptionUpdate,
    settings: Settings,
) -> WebhookSubscription:
    """Change what was sent; switched off, its pending deliveries are cancelled."""
    check_version(subscription, data.version)
    if data.url is not None and data.url != subscription.url:
        check_url(data.url, settings)
    was_active = subscription.active
    applied = apply_patch(subscription, data, clearable=frozenset(), skip={"events"})
    if "events" in data.model_fields_set:
        if data.events is None:
            raise FieldError("events", "Ce champ ne peut pas être vidé.")
        subscription.events = [kind.value for kind in data.events]
        applied.add("events")
    if was_active and not subscription.active:
        _cancel_pending(session, subscription.id)
    session.flush()
    return subscription


def delete_subscription(session: Session, subscription: WebhookSubscription) -> None:
    """The subscription, its deliveries and their attempts (the events stay for others)."""
    session.delete(subscription)
    session.flush()


def rotate_secret(session: Session, subscription: WebhookSubscription) -> str:
    """A new secret, used from the next post on (the previous one signs nothing more)."""
    subscription.secret = new_secret()
    session.flush()
    return subscription.secret


def _require_active(subscription: WebhookSubscription) -> None:
    if not subscription.active:
        raise Conflict(
            f"Abonnement webhook {subscription.id} désactivé : réactivez-le d'abord.",
            problem_slug="webhook-inactive",
        )


def send_test(session: Session, subscription: WebhookSubscription) -> WebhookDelivery:
    """A ``ping`` event for this subscription only, delivered by the job like any other."""
    _require_active(subscription)
    event_id, _ = write_event(
        session,
        subscription.organisation_id,
        PING,
        {"subscription_id": subscription.id, "sent_at": utcnow()},
        [subscription.id],
    )
    delivery = session.scalar(
        select(WebhookDelivery).where(
            WebhookDelivery.event_id == event_id,
            WebhookDelivery.subscription_id == subscription.id,
        )
    )
    assert delivery is not None
    return delivery


def redeliver(session: Session, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send again, due now, with a new series of attempts (the journal keeps the others)."""
    subscription = session.get(WebhookSubscription, delivery.subscription_id)
    assert subscription is not None
    _require_active(subscription)
    delivery.status = WebhookDeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    session.flush()
    return delivery


def subscription_created(subscription: WebhookSubscription, secret: str) -> dict[str, Any]:
    """A subscription as answered with its secret (creation, rotation)."""
    columns = WebhookSubscription.__table__.columns.keys()
    return {**{name: getattr(subscription, name) for name in columns}, "secret": secret}


def deliveries_out(session: Session, deliveries: list[WebhookDelivery]) -> list[dict[str, Any]]:
    """Deliveries as listed: their event and their latest attempts."""
    events = events_of(session, deliveries)
    attempts = attempts_of(session, deliveries)
    out = []
    for delivery in deliveries:
        event = events[delivery.event_id]
        out.append(
            {
                "id": delivery.id,
                "subscription_id": delivery.subscription_id,
                "message_id": event.public_id,
                "event_kind": event.kind,
                "event_created_at": event.created_at,
                "payload": event.payload,
                "status": delivery.status,
                "attempts": delivery.attempts,
                "next_attempt_at": delivery.next_attempt_at,
                "last_attempt_at": delivery.last_attempt_at,
                "last_status_code": delivery.last_status_code,
                "last_error": delivery.last_error,
                "created_at": delivery.created_at,
                "attempt_log": attempts.get(delivery.id, [])[:ATTEMPT_LOG_MAX],
            }
        )
    return out
