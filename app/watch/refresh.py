"""Refreshing watch sources: claim, fetch outside any transaction, store, release.

A source is claimed by a conditional UPDATE of its lease (owner and expiry): two workers (or
the job and a trainee's "refresh" click) never fetch it at once, and a worker that died
leaves a lease that simply expires. The fetch runs with no transaction open; the items and
the source's new state are then written in one short transaction. Items are deduplicated
per source by their key (feed GUID, else normalised link, else content hash); a changed web
page becomes one item. An error is recorded on the source (status ``error``, French reason,
due again within the hour) and never reaches the other sources or the caller.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.models import WatchCadence, WatchItem, WatchSource, WatchSourceKind, WatchSourceStatus
from app.watch import classify, demo, repository
from app.watch.fetcher import FetchOptions, dedup_key, fetch, page_snapshot, parse_feed

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]
LEASE = timedelta(minutes=2)
RETRY_AFTER_ERROR = timedelta(hours=1)
CADENCE = {
    WatchCadence.DAILY: timedelta(days=1),
    WatchCadence.WEEKLY: timedelta(days=7),
    WatchCadence.MONTHLY: timedelta(days=30),
}
FEEDS = {WatchSourceKind.RSS, WatchSourceKind.ATOM, WatchSourceKind.REVIEW_SITE}
PAGES = {WatchSourceKind.WEB_PAGE}


@dataclass
class Refreshed:
    source_id: int
    outcome: str  # "ok", "not_modified", "error", "busy" (claimed elsewhere), "skipped"
    new_items: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    name: str = ""  # the source's, for the job's progress lines


def claim(factory: SessionFactory, source_id: int, worker: str, now: datetime) -> bool:
    with factory() as session:
        claimed = repository.claim_lease(
            session, source_id, worker, now, now + LEASE, FEEDS | PAGES
        )
        session.commit()
        return claimed


def refresh(factory: SessionFactory, settings: Settings, source_id: int) -> Refreshed:
    """Refresh one source now (if no one else is): never raises for the source's faults."""
    worker = uuid.uuid4().hex
    now = utcnow()
    if not claim(factory, source_id, worker, now):
        return Refreshed(source_id, "busy")
    try:
        with factory() as session:
            source = session.get(WatchSource, source_id)
            assert source is not None
            url, kind, name = source.url or "", source.kind, source.name
            etag, modified, page_hash = source.etag, source.last_modified, source.page_hash
        options = FetchOptions.from_settings(settings, local=demo.local_site(settings))
        result = fetch(url, etag=etag, last_modified=modified, options=options)
        outcome = _store(factory, source_id, worker, kind, result, page_hash)
        outcome.name = name
        return outcome
    except Exception:  # a bug must not leave the lease held nor reach the caller
        log.exception("watch source %s: refresh failed", source_id)
        _release(factory, source_id, worker, error="Erreur inattendue : elle a été journalisée.")
        return Refreshed(source_id, "error", error="Erreur inattendue.")


def _store(
    factory: SessionFactory,
    source_id: int,
    worker: str,
    kind: WatchSourceKind,
    result: Any,
    page_hash: str | None,
) -> Refreshed:
    now = utcnow()
    with factory() as session:
        if not _still_held(session, source_id, worker, now):
            session.rollback()  # the lease expired and another worker took it
            return Refreshed(source_id, "busy")
        source = session.get(WatchSource, source_id)
        assert source is not None
        outcome = Refreshed(source_id, result.status)
        if result.status == "error":
            _failed(source, result.error or "Erreur de lecture.", now)
            outcome.error = source.last_error
        elif result.status == "ok":
            candidates: list[WatchItem] = []
            if kind in PAGES:
                snapshot = page_snapshot(result.body or b"", result.content_type)
                if snapshot.content_hash != page_hash:
                    if page_hash is not None:  # the first look is the reference, not news
                        candidates.append(_page_item(source, snapshot, result, now))
                    source.page_hash = snapshot.content_hash
            else:
                parsed = parse_feed(result.body or b"", result.content_type,
                                    result.final_url or source.url or "")  # fmt: skip
                if parsed.error:
                    _failed(source, parsed.error, now)
                    outcome.outcome, outcome.error = "error", parsed.error
                    _clear_lease(source)
                    session.commit()
                    return outcome
                if parsed.warning:
                    outcome.warnings.append(parsed.warning)
                candidates = [_feed_item(source, entry) for entry in parsed.entries]
            outcome.new_items = _insert_new(session, source, candidates)
            source.etag, source.last_modified = result.etag, result.last_modified
            _succeeded(source, now)
        else:  # not modified
            _succeeded(source, now)
        _clear_lease(source)
        session.commit()
        return outcome


def _insert_new(session: Session, source: WatchSource, candidates: list[WatchItem]) -> int:
    known = repository.known_keys(session, source.id, {item.dedup_key for item in candidates})
    added = 0
    for item in candidates:
        if item.dedup_key in known:
            continue
        known.add(item.dedup_key)
        session.add(item)
        added += 1
    return added


def _feed_item(source: WatchSource, entry: Any) -> WatchItem:
    review = source.kind is WatchSourceKind.REVIEW_SITE
    suggestion, reasons = classify.suggest(f"{entry.title} {entry.summary}", review=review)
    rating = classify.review_rating(entry.title or "") if review else None
    return WatchItem(
        owner_id=source.owner_id,
        source_id=source.id,
        dedup_key=dedup_key(entry.guid, entry.link, f"{entry.title}\n{entry.summary}")[:700],
        title=(entry.title or "(sans titre)")[:500],
        link=(entry.link or None) and entry.link[:1000],
        published_at=entry.published,
        summary=entry.summary,
        topic=source.topic,
        competitor_id=source.competitor_id,
        suggested_classification=suggestion,
        suggestion_reasons=reasons,
        rating=rating,
        sentiment=classify.sentiment_of(rating),
        tags=[],
        extra={},
    )


def _page_item(source: WatchSource, snapshot: Any, result: Any, now: datetime) -> WatchItem:
    title = snapshot.title or source.name
    summary = snapshot.description or ""
    suggestion, reasons = classify.suggest(f"{title} {summary}")
    return WatchItem(
        owner_id=source.owner_id,
        source_id=source.id,
        dedup_key=f"page:{snapshot.content_hash}",
        title=f"Page modifiée : {title}"[:500],
        link=(result.final_url or source.url or "")[:1000] or None,
        published_at=now,
        summary=summary,
        topic=source.topic,
        competitor_id=source.competitor_id,
        suggested_classification=suggestion,
        suggestion_reasons=reasons,
        tags=[],
        extra={},
    )


def _failed(source: WatchSource, error: str, now: datetime) -> None:
    source.status = WatchSourceStatus.ERROR
    source.last_error = error[:2000]
    source.failures = (source.failures or 0) + 1
    source.next_due_at = now + RETRY_AFTER_ERROR


def _succeeded(source: WatchSource, now: datetime) -> None:
    source.status = WatchSourceStatus.OK
    source.last_error = None
    source.failures = 0
    source.last_fetched_at = now
    source.next_due_at = now + CADENCE[source.cadence]


def _clear_lease(source: WatchSource) -> None:
    source.lease_owner = None
    source.lease_until = None


def _still_held(session: Session, source_id: int, worker: str, now: datetime) -> bool:
    """Extend our lease, if we still hold it. The transaction's first statement is this
    write: on SQLite a transaction that read first could not write after another worker's
    commit (WAL snapshot), while one that writes first waits its turn (busy timeout)."""
    return repository.extend_lease(session, source_id, worker, now + LEASE)


def _release(factory: SessionFactory, source_id: int, worker: str, *, error: str) -> None:
    with factory() as session:
        if not _still_held(session, source_id, worker, utcnow()):
            return
        source = session.get(WatchSource, source_id)
        if source is not None:
            _failed(source, error, utcnow())
            _clear_lease(source)
            session.commit()


def refresh_due(
    factory: SessionFactory,
    settings: Settings,
    *,
    limit: int = 200,
    progress: Callable[[Refreshed], None] | None = None,
) -> list[Refreshed]:
    """Every source due now (the job; safe beside other workers: each source is claimed).

    At most ``settings.watch_concurrency`` sources are fetched at once, each in its own
    thread and session; ``progress`` is called as each one ends (in the caller's thread)."""
    now = utcnow()
    with factory() as session:
        due = repository.due_source_ids(session, now, FEEDS | PAGES, limit)
    done: list[Refreshed] = []

    def finished(outcome: Refreshed) -> None:
        done.append(outcome)
        if progress is not None:
            progress(outcome)

    workers = min(settings.watch_concurrency, len(due))
    if workers <= 1:
        for source_id in due:
            finished(refresh(factory, settings, source_id))
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="watch") as pool:
            futures = [pool.submit(refresh, factory, settings, source_id) for source_id in due]
            for future in as_completed(futures):
                finished(future.result())  # refresh() never raises
    order = {source_id: n for n, source_id in enumerate(due)}
    return sorted(done, key=lambda r: order[r.source_id])
