"""Events for integrators: the outbox every domain writes to (app/webhooks/README.md).

``publish(session, organisation_id, kind, payload)`` writes, in the caller's transaction,
the event (``webhook_events``) and one pending delivery per active subscription of the
organisation that listens to ``kind`` (``webhook_deliveries``): the event goes out only if
the change it tells commits, and the request that caused it never waits on a receiver (the
delivery job sends it, app.webhooks.delivery). When nobody listens, it costs one indexed
query and writes nothing.

Writes are Core statements, not ORM objects: publishing from a before-commit hook (the
evidence journal) adds no object to the unit of work and is never mistaken for the
request's own records.

Payloads are small: ids, the trainee's id, criterion codes, timestamps; never a prospect's
personal data (what a receiver gets is out of the organisation's hands).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import insert, select, true
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookEventKind,
    WebhookSubscription,
)

MESSAGE_PREFIX = "msg_"
# Crockford's base 32 (no I, L, O, U), as ULIDs spell it.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: The kind of a test event sent by hand to one subscription (never subscribed to).
PING = "ping"


def new_message_id() -> str:
    """``msg_`` and a ULID (26 characters: 48 bits of milliseconds, 80 random bits): unique,
    and sorted by creation time."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return MESSAGE_PREFIX + "".join(reversed(chars))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def plain_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """``payload`` as JSON values (datetimes in ISO 8601 UTC, enums as their values)."""
    result: dict[str, Any] = json.loads(json.dumps(dict(payload), default=_plain))
    return result


def listeners(session: Session, organisation_id: int, kind: str) -> list[int]:
    """The active subscriptions of the organisation that listen to ``kind`` (one query on
    the index ``(organisation_id, active)``; the events list is read here)."""
    rows = session.execute(
        select(WebhookSubscription.id, WebhookSubscription.events).where(
            WebhookSubscription.organisation_id == organisation_id,
            WebhookSubscription.active == true(),
        )
    ).all()
    return [row.id for row in rows if kind in (row.events or [])]


def write_event(
    session: Session,
    organisation_id: int,
    kind: str,
    payload: Mapping[str, Any],
    subscription_ids: Sequence[int],
) -> tuple[int, str]:
    """The outbox row and its pending deliveries, due now: (event id, message id)."""
    now = utcnow()
    public_id = new_message_id()
    event_id = session.execute(
        insert(WebhookEvent)
        .values(
            public_id=public_id,
            organisation_id=organisation_id,
            kind=kind,
            payload=plain_payload(payload),
            created_at=now,
        )
        .returning(WebhookEvent.id)
    ).scalar_one()
    session.execute(
        insert(WebhookDelivery),
        [
            {
                "organisation_id": organisation_id,
                "event_id": event_id,
                "subscription_id": subscription_id,
                "status": WebhookDeliveryStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for subscription_id in subscription_ids
        ],
    )
    return event_id, public_id


def publish(
    session: Session, organisation_id: int, kind: WebhookEventKind, payload: Mapping[str, Any]
) -> None:
    """Queue ``kind`` for the organisation's subscriptions listening to it, in the caller's
    transaction (nothing is written when nobody listens)."""
    subscription_ids = listeners(session, organisation_id, kind.value)
    if subscription_ids:
        write_event(session, organisation_id, kind.value, payload, subscription_ids)
