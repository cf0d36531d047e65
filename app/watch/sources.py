"""Watch sources: choosing and tuning them, their freshness, refreshing one now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import start_writing
from app.core.errors import Conflict, FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import (
    WatchCadence,
    WatchSource,
    WatchSourceKind,
    WatchSourceStatus,
    WatchTopic,
)
from app.watch import refresh
from app.watch.refresh import CADENCE, SessionFactory
from app.watch.repository import CompetitorRepository, SourceRepository
from app.watch.schemas import FETCHED, RefreshOut, SourceCreate, SourceOut, SourceUpdate

# What a refresh that read its source answers (a feed, or a page unchanged since last time).
SUCCEEDED = frozenset({"ok", "not_modified"})


def freshness(source: WatchSource, now: datetime) -> str:
    """``never`` (not fetched yet), ``late`` (past its cadence), else ``on_time``."""
    if source.last_fetched_at is None:
        return "never"
    return "late" if now - source.last_fetched_at > CADENCE[source.cadence] else "on_time"


def cadence_period(cadence: WatchCadence, now: datetime) -> str:
    """The period of ``cadence`` that ``now`` falls in: a day, an ISO week, a month."""
    if cadence is WatchCadence.DAILY:
        return now.date().isoformat()
    if cadence is WatchCadence.WEEKLY:
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{now.year}-{now.month:02d}"


def source_out(source: WatchSource, now: datetime) -> SourceOut:
    out = SourceOut.model_validate(source)
    out.freshness = freshness(source, now)
    return out


def _needs_url(kind: WatchSourceKind, url: str | None) -> None:
    if kind in FETCHED and not url:
        raise FieldError("url", "Une source lue automatiquement (flux, page, avis) a une adresse.")


def create_source(session: Session, principal: Principal, body: SourceCreate) -> SourceOut:
    _needs_url(body.kind, body.url)
    if body.competitor_id is not None:
        CompetitorRepository(session, principal).get_referenced(body.competitor_id, "competitor_id")
    now = utcnow()
    source = WatchSource(
        owner_id=principal.user_id,
        **body.model_dump(exclude={"paused"}),
        status=WatchSourceStatus.PAUSED if body.paused else WatchSourceStatus.OK,
        next_due_at=None if body.paused or body.kind not in FETCHED else now,
    )
    session.add(source)
    session.flush()
    return source_out(source, now)


def list_sources(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    *,
    topic: WatchTopic | None = None,
    kind: WatchSourceKind | None = None,
    status: WatchSourceStatus | None = None,
    competitor_id: int | None = None,
) -> Page[SourceOut]:
    stmt = SourceRepository(session, principal).listing(
        owner_id, topic=topic, kind=kind, status=status, competitor_id=competitor_id
    )
    items, total = paginate(session, stmt, page)
    now = utcnow()
    return page_of([source_out(s, now) for s in items], total, page)


def read_source(session: Session, principal: Principal, source_id: int) -> SourceOut:
    return source_out(SourceRepository(session, principal).get_readable(source_id), utcnow())


def update_source(
    session: Session, principal: Principal, source_id: int, body: SourceUpdate
) -> SourceOut:
    source = SourceRepository(session, principal).get_writable(source_id)
    check_version(source, body.version)
    sent = body.model_fields_set - {"version"}
    if "competitor_id" in sent and body.competitor_id is not None:
        CompetitorRepository(session, principal).get_referenced(body.competitor_id, "competitor_id")
    apply_patch(source, body, clearable={"competitor_id", "url"}, skip={"paused"})
    _needs_url(source.kind, source.url)
    if "paused" in sent and body.paused is not None:
        if body.paused:
            source.status, source.next_due_at = WatchSourceStatus.PAUSED, None
        elif source.status is WatchSourceStatus.PAUSED:
            source.status = WatchSourceStatus.OK
            source.next_due_at = utcnow() if source.kind in FETCHED else None
    session.flush()
    return source_out(source, utcnow())


@dataclass
class SourceRefresh:
    """A refresh asked for by hand: its answer, and what it showed (``once_per``: the
    occasion it is evidence for, None for a failed refresh; ``criteria`` beyond the route's
    declaration)."""

    out: RefreshOut
    once_per: str | None = None
    criteria: list[str] = field(default_factory=list)


def refresh_source(
    session: Session,
    principal: Principal,
    factory: SessionFactory,
    settings: Settings,
    source_id: int,
) -> SourceRefresh:
    """Refresh one of the caller's sources now. The request's session must work first
    (``core.db.work_first``): the refresh fetches over HTTP (seconds), then writes in short
    transactions of its own; the session takes the write lock only afterwards (for the
    evidence), and reads the source as the refresh left it."""
    source = SourceRepository(session, principal).get_writable(source_id)
    if source.kind not in FETCHED or not source.url:
        raise FieldError("kind", "Cette source n'a pas d'adresse à lire : ajoutez ses articles "
                                 "à la main.", location="path")  # fmt: skip
    if source.status is WatchSourceStatus.PAUSED:
        raise Conflict("Source en pause : reprenez-la avant de l'actualiser.")
    now = utcnow()
    on_time = freshness(source, now) != "late"
    done = refresh.refresh(factory, settings, source_id)
    start_writing(session)
    once_per: str | None = None
    criteria: list[str] = []
    if done.outcome in SUCCEEDED:
        # A refresh that read the source is evidence once per period of its cadence; one
        # on time (or the first) shows the watch kept up to date regularly (CP1.3, and its
        # twin CT3.1); one left late does not. A failed refresh shows nothing.
        once_per = f"watch_sources:{source_id} {cadence_period(source.cadence, now)}"
        if on_time:
            criteria.append("CP1.3")
    session.expire_all()
    fresh = SourceRepository(session, principal).get_readable(source_id)
    out = RefreshOut(
        outcome=done.outcome,
        new_items=done.new_items,
        error=done.error,
        warnings=done.warnings,
        source=source_out(fresh, utcnow()),
    )
    return SourceRefresh(out, once_per, criteria)


def delete_source(session: Session, principal: Principal, source_id: int) -> None:
    session.delete(SourceRepository(session, principal).get_writable(source_id))
