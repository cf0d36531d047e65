"""Queries of the watch: the scoped repositories (all built from the caller's scope) and
the unscoped statements of the refresh (a job's worker acts for no one in particular)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select, true, update
from sqlalchemy.orm import Session

from app.common.text import search_terms
from app.core import scoping
from app.core.repository import ScopedRepository
from app.models import (
    Competitor,
    User,
    WatchItem,
    WatchSearch,
    WatchSource,
    WatchSourceKind,
    WatchSourceStatus,
    WatchTopic,
)
from app.models.watch import published_or_created
from app.watch.schemas import ItemFilters


class SourceRepository(ScopedRepository[WatchSource]):
    model = WatchSource
    label = "Source"

    def listing(
        self,
        owner_id: int | None,
        *,
        topic: WatchTopic | None = None,
        kind: WatchSourceKind | None = None,
        status: WatchSourceStatus | None = None,
        competitor_id: int | None = None,
    ) -> Select[Any]:
        """The readable sources that match, by name."""
        stmt = self.readable_statement(owner_id)
        if competitor_id is not None:
            stmt = stmt.where(WatchSource.competitor_id == competitor_id)
        if topic is not None:
            stmt = stmt.where(WatchSource.topic == topic)
        if kind is not None:
            stmt = stmt.where(WatchSource.kind == kind)
        if status is not None:
            stmt = stmt.where(WatchSource.status == status)
        return stmt.order_by(WatchSource.name, WatchSource.id)

    def of_competitors(self, competitor_ids: Collection[int]) -> Sequence[WatchSource]:
        """The readable sources linked to these competitors, by name."""
        stmt = self.readable_statement().where(WatchSource.competitor_id.in_(competitor_ids))
        return self.session.scalars(stmt.order_by(WatchSource.name)).all()

    def all_by_name(self) -> Sequence[WatchSource]:
        return self.session.scalars(self.readable_statement().order_by(WatchSource.name)).all()


class CompetitorRepository(ScopedRepository[Competitor]):
    model = Competitor
    label = "Concurrent"

    def listing(self, owner_id: int | None) -> Select[Any]:
        return self.readable_statement(owner_id).order_by(Competitor.name, Competitor.id)

    def all_of(self, owner_id: int | None) -> Sequence[Competitor]:
        return self.session.scalars(self.listing(owner_id)).all()

    def names(self) -> dict[int, str]:
        """The readable competitors' names by id."""
        return {c.id: c.name for c in self.session.scalars(self.readable_statement())}


class ItemRepository(ScopedRepository[WatchItem]):
    model = WatchItem
    label = "Article"

    def matching(self, filters: ItemFilters, owner_id: int | None = None) -> Select[Any]:
        """The readable items that match ``filters`` (each word of ``q`` a substring of the
        folded title, summary, tags and notes), unordered."""
        return where(self.readable_statement(owner_id), filters)

    def counts_by_competitor(
        self, competitor_ids: Collection[int]
    ) -> dict[int, tuple[int, datetime | None]]:
        """How many readable items each competitor has, and the date of the last one."""
        when = published_or_created()
        rows = self.session.execute(
            select(WatchItem.competitor_id, func.count(), func.max(when))
            .where(scoping.readable(WatchItem, self.principal))
            .where(WatchItem.competitor_id.in_(competitor_ids))
            .group_by(WatchItem.competitor_id)
        )
        return {cid: (count, last) for cid, count, last in rows if cid is not None}

    def count_matching(self, filters: ItemFilters, seen: datetime | None) -> tuple[int, int]:
        """How many readable items match ``filters``, and how many of them were created
        after ``seen`` (all of them when never seen), counted in one pass."""
        matching = self.matching(filters).subquery()
        is_new = matching.c.created_at > seen if seen is not None else true()
        total, new = self.session.execute(
            select(func.count(), func.count(case((is_new, 1)))).select_from(matching)
        ).one()
        return int(total or 0), int(new or 0)

    def between(self, start: datetime, end: datetime) -> list[WatchItem]:
        """The readable items published (else created) in [start, end], newest first."""
        when = published_or_created()
        stmt = self.readable_statement().where(when >= start, when <= end)
        return list(self.session.scalars(stmt.order_by(when.desc(), WatchItem.id.desc())))

    def shared_with_cohort(self) -> Select[Any]:
        """Items shared by the trainees of the caller's cohort (its own scoping rule)."""
        return newest_first(
            select(WatchItem).where(
                WatchItem.shared.is_(True), scoping.cohort_readable(WatchItem, self.principal)
            )
        )


class SearchRepository(ScopedRepository[WatchSearch]):
    model = WatchSearch
    label = "Recherche enregistrée"

    def listing(self) -> Select[Any]:
        return self.readable_statement().order_by(WatchSearch.name, WatchSearch.id)


def where(stmt: Select[Any], filters: ItemFilters) -> Select[Any]:
    """``stmt`` (on watch items) narrowed to the items that match ``filters``."""
    when = published_or_created()
    for term in search_terms(filters.q):
        stmt = stmt.where(WatchItem.search_text.contains(term))
    if filters.topic is not None:
        stmt = stmt.where(WatchItem.topic == filters.topic)
    if filters.source_id is not None:
        stmt = stmt.where(WatchItem.source_id == filters.source_id)
    if filters.competitor_id is not None:
        stmt = stmt.where(WatchItem.competitor_id == filters.competitor_id)
    if filters.since is not None:
        stmt = stmt.where(when >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(when <= filters.until)
    if filters.unread:
        stmt = stmt.where(WatchItem.is_read.is_(False))
    if filters.starred is not None:
        stmt = stmt.where(WatchItem.starred.is_(filters.starred))
    if filters.classification is not None:
        stmt = stmt.where(WatchItem.classification == filters.classification)
    return stmt


def newest_first(stmt: Select[Any]) -> Select[Any]:
    return stmt.order_by(published_or_created().desc(), WatchItem.id.desc())


def user_names(session: Session, user_ids: Collection[int]) -> dict[int, str]:
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids)))
    return {row.id: row.full_name for row in rows}


# ------------------------------------------------------------------ refresh (unscoped)


def claim_lease(
    session: Session,
    source_id: int,
    worker: str,
    now: datetime,
    until: datetime,
    kinds: Collection[WatchSourceKind],
) -> bool:
    """Take the source's lease if it is fetchable and no one holds it (a conditional
    UPDATE: two workers never both win)."""
    result: Any = session.execute(
        update(WatchSource)
        .where(
            WatchSource.id == source_id,
            WatchSource.status != WatchSourceStatus.PAUSED,
            WatchSource.url.is_not(None),
            WatchSource.kind.in_(kinds),
            or_(WatchSource.lease_until.is_(None), WatchSource.lease_until < now),
        )
        .values(lease_owner=worker, lease_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def extend_lease(session: Session, source_id: int, worker: str, until: datetime) -> bool:
    """Extend ``worker``'s lease on the source, if it still holds it."""
    result: Any = session.execute(
        update(WatchSource)
        .where(WatchSource.id == source_id, WatchSource.lease_owner == worker)
        .values(lease_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def known_keys(session: Session, source_id: int, keys: Collection[str]) -> set[str]:
    """Which of these dedup keys the source's items already have."""
    return set(
        session.scalars(
            select(WatchItem.dedup_key).where(
                WatchItem.source_id == source_id, WatchItem.dedup_key.in_(keys)
            )
        )
    )


def due_source_ids(
    session: Session, now: datetime, kinds: Collection[WatchSourceKind], limit: int
) -> list[int]:
    """The fetchable sources due now, the most overdue first."""
    return list(
        session.scalars(
            select(WatchSource.id)
            .where(
                WatchSource.status != WatchSourceStatus.PAUSED,
                WatchSource.next_due_at.is_not(None),
                WatchSource.next_due_at <= now,
                WatchSource.kind.in_(kinds),
            )
            .order_by(WatchSource.next_due_at, WatchSource.id)
            .limit(limit)
        )
    )
