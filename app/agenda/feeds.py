"""Calendar feeds: a secret URL per subscription serving its owner's agenda as iCalendar.

- The token is ``secrets.token_urlsafe(32)`` (256 bits), shown once at creation; only its
  SHA-256 is stored, looked up by a unique index. A leaked database gives no working URL.
- The URL is the credential: whoever has it reads the agenda, without logging in. Revoking
  (DELETE) ends it at once: the URL then answers 404, like an unknown one.
- A token that cannot be one (wrong length or characters: a 10 kB path) is a 404 before any
  query. A live feed's document is written once per ``CACHE_SECONDS`` at most (kept in the
  worker's memory, keyed by the token's hash): a calendar application, or anyone holding
  the URL, fetching it again and again costs one index look-up each time, not the
  providers' queries and the writing of thousands of events. Revocation is checked on every
  fetch, before the cache.
- At most ``MAX_ACTIVE_FEEDS`` live feeds per person; a deactivated account's feeds answer
  404 too.
- The token never reaches the logs: ``SecretPathFilter`` masks it in the access log lines
  (installed on uvicorn's access logger by the app factory).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.agenda import ical, service
from app.agenda.repository import CalendarFeedRepository
from app.agenda.schemas import CalendarFeedCreate, CalendarFeedOut
from app.common.clock import utcnow
from app.core.errors import Conflict, NotFound
from app.core.pagination import PageParams, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import CalendarFeed

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters
MAX_TOKEN_LENGTH = 64
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{20,64}$"
_TOKEN = re.compile(TOKEN_PATTERN)
MAX_ACTIVE_FEEDS = 10
PAST_DAYS = 30
FUTURE_DAYS = 180
#: A fetch notes its time when the last note is older than this (a read is not a write).
FETCH_NOTE_RESOLUTION = timedelta(minutes=5)
#: How long a written document is served again as it is (calendar applications refresh
#: hourly at best), and how many documents a worker keeps.
CACHE_SECONDS = 120.0
CACHE_SIZE = 256
UNKNOWN = "Flux d'agenda inconnu ou révoqué."


_IN_PATH = re.compile(r"(/calendar/)[^/?\s]+(\.ics)")


class SecretPathFilter(logging.Filter):
    """Masks feed tokens in log records (uvicorn's access lines give the path as an
    argument): ``/calendar/…ics`` instead of the secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(arg, str) and "/calendar/" in arg for arg in record.args
        ):
            record.args = tuple(
                _IN_PATH.sub(r"\1…\2", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def install_log_filter() -> None:
    """Keep feed tokens out of uvicorn's access log (idempotent)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, SecretPathFilter) for f in access.filters):
        access.addFilter(SecretPathFilter())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def feed_out(feed: CalendarFeed) -> CalendarFeedOut:
    return CalendarFeedOut(
        id=feed.id,
        label=feed.label,
        created_at=feed.created_at,
        revoked_at=feed.revoked_at,
        last_fetched_at=feed.last_fetched_at,
        active=feed.revoked_at is None,
    )


@dataclass(frozen=True)
class NewFeed:
    feed: CalendarFeed
    token: str  # the secret, returned once and never stored


def create_feed(session: Session, principal: Principal, body: CalendarFeedCreate) -> NewFeed:
    repository = CalendarFeedRepository(session, principal)
    if repository.active_count() >= MAX_ACTIVE_FEEDS:
        raise Conflict(
            f"Vous avez déjà {MAX_ACTIVE_FEEDS} abonnements actifs : révoquez-en un avant d'en "
            "créer un autre."
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed(owner_id=principal.user_id, label=body.label, token_hash=token_hash(token))
    session.add(feed)
    session.flush()
    return NewFeed(feed, token)


def list_feeds(session: Session, principal: Principal, page: PageParams) -> Page[CalendarFeedOut]:
    stmt = CalendarFeedRepository(session, principal).listing()
    found, total = paginate(session, stmt, page)
    return page_of([feed_out(f) for f in found], total, page)


def revoke_feed(session: Session, principal: Principal, feed_id: int) -> None:
    """Revoke a feed (its URL answers 404 from now on); revoking it again changes nothing."""
    feed = CalendarFeedRepository(session, principal).get_writable(feed_id)
    if feed.revoked_at is None:
        feed.revoked_at = utcnow()
        session.flush()


def feed_document(
    session: Session, token: str, zone: ZoneInfo, base: str | None, now: datetime | None = None
) -> bytes:
    """The iCalendar document of the live feed ``token`` names, else 404."""
    if not _TOKEN.match(token):
        raise NotFound(UNKNOWN)
    hashed = token_hash(token)
    feed = CalendarFeedRepository.by_token_hash(session, hashed)
    if feed is None:
        raise NotFound(UNKNOWN)
    now = now or utcnow()
    if feed.last_fetched_at is None or now - feed.last_fetched_at >= FETCH_NOTE_RESOLUTION:
        feed.last_fetched_at = now
    cached = _CACHE.get(hashed)
    if cached is not None:
        return cached
    today = now.astimezone(zone).date()
    start, end = service.local_period(
        today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS), zone
    )
    items, _ = service.timeline(session, [feed.owner_id], start, end)
    document = ical.calendar(items, name=f"CapVente — {feed.label}", now=now, base=base)
    _CACHE.put(hashed, document)
    return document


class _DocumentCache:
    """The documents written lately, by token hash, each for ``CACHE_SECONDS``; the oldest
    written goes first beyond ``CACHE_SIZE``. Per worker, thread-safe."""

    def __init__(self, seconds: float, size: int) -> None:
        self.seconds, self.size = seconds, size
        self._documents: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._documents.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            return found[1]

    def put(self, key: str, document: bytes) -> None:
        with self._lock:
            self._documents[key] = (time.monotonic() + self.seconds, document)
            self._documents.move_to_end(key)
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._documents.clear()


_CACHE = _DocumentCache(CACHE_SECONDS, CACHE_SIZE)
