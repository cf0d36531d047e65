"""Posting the outbox's deliveries: signed, retried with backoff, every attempt journaled.

``deliver_due(session_factory, settings)`` is one pass: the worker thread of the served app
(app.webhooks.worker) and ``capvente jobs webhooks`` call it in a loop, the tests directly.

1. **Claim**, in one short write transaction: the due pending deliveries (``next_attempt_at``
   past, the index) are leased: ``next_attempt_at`` moves to the end of the lease with a
   compare-and-set on its old value, so two workers (several processes, the job beside the
   server) never post the same delivery twice at once, and a worker that dies leaves its
   deliveries to be tried again once the lease is over. What each post needs (URL, secret,
   message id, body) is read in that same transaction, which then commits.
2. **Post**, with no transaction open (SQLite is never locked while a receiver takes its
   time): a few at once (``webhooks_concurrency`` threads that touch no database), each to
   the address the SSRF guard checked (``app.core.netguard``; the Host header and TLS name
   stay the URL's), with the connect and read timeouts of the settings, no redirects, no
   environment proxy. 2xx is success; anything else, a timeout or a refused address is a
   failed attempt.
3. **Record** each attempt in a short transaction of its own: the attempt's row (status
   code, response time, error), and the delivery succeeded, failed after
   ``webhooks_max_attempts`` tries, or due again after a backoff of
   ``webhooks_backoff_seconds × 2^(n-1)``, ± 20 % of jitter drawn from the delivery id and n
   (deterministic: the same delivery's retries never bunch up with another's).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app import __version__
from app.common.clock import utcnow
from app.config import Settings
from app.core.db import start_writing
from app.core.netguard import AddressRefused, peer_address
from app.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
)
from app.models.webhooks import ERROR_MAX_LENGTH
from app.webhooks.signing import sign
from app.webhooks.targets import checked_addresses, parse_target

log = logging.getLogger("capvente.webhooks")

USER_AGENT = f"CapVente-Webhooks/{__version__}"
DEFAULT_LIMIT = 50
JITTER = 0.2


@dataclass(frozen=True)
class _Job:
    """What one post needs, read when the delivery was claimed."""

    delivery_id: int
    lease_until: datetime
    url: str
    secret: str
    message_id: str
    body: bytes


@dataclass(frozen=True)
class _Answer:
    status_code: int | None
    response_ms: int
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class Delivered:
    """One delivery's attempt in this pass."""

    delivery_id: int
    status: WebhookDeliveryStatus
    status_code: int | None
    response_ms: int
    error: str | None
    next_attempt_at: datetime | None


@dataclass
class DeliveryReport:
    """What a pass did: the deliveries it claimed and how each attempt ended."""

    claimed: int = 0
    outcomes: list[Delivered] = field(default_factory=list)

    def count(self, status: WebhookDeliveryStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def succeeded(self) -> int:
        return self.count(WebhookDeliveryStatus.SUCCEEDED)

    @property
    def failed(self) -> int:
        return self.count(WebhookDeliveryStatus.FAILED)

    @property
    def retrying(self) -> int:
        return self.count(WebhookDeliveryStatus.PENDING)


def body_of(event: WebhookEvent) -> bytes:
    """The posted JSON (Standard Webhooks' shape): ``type``, ``timestamp``, ``data``."""
    document = {
        "type": event.kind,
        "timestamp": event.created_at.isoformat().replace("+00:00", "Z"),
        "data": event.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def backoff(settings: Settings, delivery_id: int, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: base × 2^(attempts-1), ± 20 %."""
    digest = hashlib.blake2b(f"{delivery_id}:{attempts}".encode(), digest_size=8).digest()
    unit = int.from_bytes(digest, "big") / 2**64  # [0, 1)
    factor = 1 - JITTER + 2 * JITTER * unit
    seconds = settings.webhooks_backoff_seconds * 2 ** (attempts - 1) * factor
    return timedelta(seconds=seconds)


def _lease(settings: Settings) -> timedelta:
    """How long a claimed delivery is left to its worker before another may take it."""
    timeouts = settings.webhooks_connect_timeout_seconds + settings.webhooks_read_timeout_seconds
    return timedelta(seconds=2 * timeouts + 60)


def _claim(
    session_factory: sessionmaker[Session], settings: Settings, now: datetime, limit: int
) -> list[_Job]:
    with session_factory() as session:
        due = list(
            session.scalars(
                select(WebhookDelivery.id)
                .where(
                    WebhookDelivery.next_attempt_at <= now,
                    WebhookDelivery.status == WebhookDeliveryStatus.PENDING,
                )
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
                .limit(limit)
            )
        )
        if not due:
            return []
        session.rollback()  # the read ends; the claim waits for the write lock (SQLite)
        start_writing(session)
        lease_until = now + _lease(settings)
        claimed = []
        for delivery_id in due:
            result: Any = session.execute(
                update(WebhookDelivery)
                .where(
                    WebhookDelivery.id == delivery_id,
                    WebhookDelivery.status == WebhookDeliveryStatus.PENDING,
                    WebhookDelivery.next_attempt_at <= now,
                )
                .values(next_attempt_at=lease_until)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:
                claimed.append(delivery_id)
        jobs = []
        if claimed:
            subscription = WebhookSubscription
            rows = session.execute(
                select(WebhookDelivery.id, subscription.url, subscription.secret, WebhookEvent)
                .join(subscription, subscription.id == WebhookDelivery.subscription_id)
                .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
                .where(WebhookDelivery.id.in_(claimed))
                .order_by(WebhookDelivery.id)
            ).all()
            jobs = [
                _Job(row[0], lease_until, row[1], row[2], row[3].public_id, body_of(row[3]))
                for row in rows
            ]
        session.commit()
        return jobs


def _seconds(value: float) -> str:
    return f"{value:g} s".replace(".", ",")


def _bounded(text: str) -> str:
    return text if len(text) <= ERROR_MAX_LENGTH else text[: ERROR_MAX_LENGTH - 1] + "…"


def post(job: _Job, settings: Settings) -> _Answer:
    """POST one delivery (no database): the receiver's status code, or why there is none."""
    allow_private = settings.webhooks_allow_private
    started = time.monotonic()

    def elapsed() -> int:
        return round((time.monotonic() - started) * 1000)

    def failed(message: str) -> _Answer:
        return _Answer(None, elapsed(), _bounded(message))

    try:
        target = parse_target(job.url, allow_private=allow_private)
        addresses = checked_addresses(target, allow_private=allow_private)
    except AddressRefused as exc:
        return failed(str(exc))
    timestamp = int(time.time())
    headers = {
        "Host": target.url.netloc.decode("ascii"),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": job.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(job.secret, job.message_id, timestamp, job.body),
    }
    # Connect to the checked address; the Host header and the TLS name stay the URL's.
    request_url = target.url.copy_with(host=str(addresses[0]))
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    read = settings.webhooks_read_timeout_seconds
    timeout = httpx.Timeout(
        connect=settings.webhooks_connect_timeout_seconds, read=read, write=read, pool=read
    )
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
            client.stream(
                "POST", request_url, content=job.body, headers=headers, extensions=extensions
            ) as response,
        ):
            peer = peer_address(response)
            if peer is not None and peer not in addresses:
                return failed(f"Connexion refusée : adresse {peer} non vérifiée.")
            status = response.status_code
            if 200 <= status < 300:
                return _Answer(status, elapsed(), None)
            if 300 <= status < 400:
                return _Answer(status, elapsed(), f"Redirection non suivie (HTTP {status}).")
            return _Answer(status, elapsed(), f"Réponse HTTP {status} du destinataire.")
    except httpx.ConnectTimeout:
        return failed(
            f"Délai de connexion dépassé ({_seconds(settings.webhooks_connect_timeout_seconds)})."
        )
    except httpx.TimeoutException:
        return failed(f"Délai dépassé ({_seconds(read)}) : le destinataire n'a pas répondu.")
    except httpx.ConnectError as exc:
        text = str(exc).upper()
        if "SSL" in text or "CERTIFICATE" in text:
            return failed("Connexion sécurisée impossible : certificat TLS invalide.")
        return failed(f"Connexion impossible : {target.host} ne répond pas ou la refuse.")
    except (httpx.RemoteProtocolError, httpx.LocalProtocolError):
        return failed("Réponse invalide du destinataire (protocole HTTP non respecté).")
    except httpx.HTTPError as exc:
        return failed(f"Erreur réseau ({type(exc).__name__}).")


def _record(
    session_factory: sessionmaker[Session],
    settings: Settings,
    job: _Job,
    answer: _Answer,
    now: datetime,
) -> Delivered | None:
    with session_factory() as session:
        start_writing(session)
        delivery = session.get(WebhookDelivery, job.delivery_id)
        if delivery is None:  # its subscription was deleted meanwhile
            session.rollback()
            return None
        session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                attempted_at=now,
                status_code=answer.status_code,
                response_ms=answer.response_ms,
                error=answer.error,
            )
        )
        # Redelivered by hand, or cancelled, while this post was on its way: the attempt
        # is journaled, the state is the newer decision's.
        ours = (
            delivery.status is WebhookDeliveryStatus.PENDING
            and delivery.next_attempt_at == job.lease_until
        )
        if ours:
            delivery.attempts += 1
            delivery.last_attempt_at = now
            delivery.last_status_code = answer.status_code
            delivery.last_error = answer.error
            if answer.ok:
                delivery.status = WebhookDeliveryStatus.SUCCEEDED
                delivery.next_attempt_at = None
            elif delivery.attempts >= settings.webhooks_max_attempts:
                delivery.status = WebhookDeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.next_attempt_at = now + backoff(settings, delivery.id, delivery.attempts)
        outcome = Delivered(delivery.id, delivery.status, answer.status_code, answer.response_ms,
                            answer.error, delivery.next_attempt_at)  # fmt: skip
        session.commit()
    log.info(
        "webhook delivery %s: %s in %d ms (%s)",
        job.delivery_id,
        answer.status_code or "no answer",
        answer.response_ms,
        outcome.status.value,
    )
    return outcome


def deliver_due(
    session_factory: sessionmaker[Session],
    settings: Settings,
    now: datetime | None = None,
    limit: int = DEFAULT_LIMIT,
) -> DeliveryReport:
    """One pass: claim the due deliveries (``limit`` at most), post them, record each
    attempt. ``now`` fixes the clock (tests: what is due, when the next try is); default the
    real one."""
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    jobs = _claim(session_factory, settings, clock(), limit)
    report = DeliveryReport(claimed=len(jobs))
    if not jobs:
        return report
    workers = min(settings.webhooks_concurrency, len(jobs))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook-post") as pool:
        # Posts run in the pool; the database is written from this thread only.
        futures = [(job, pool.submit(post, job, settings)) for job in jobs]
        for job, future in futures:
            outcome = _record(session_factory, settings, job, future.result(), clock())
            if outcome is not None:
                report.outcomes.append(outcome)
    return report
