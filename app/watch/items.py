"""Watch items: search, items recorded by hand, their qualification (fact or opinion,
relevance, tags, competitor), sharing with the cohort."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.core.schemas import Page
from app.models import WatchItem, WatchSource
from app.prospects.repository import ProspectRepository
from app.watch import classify
from app.watch.repository import (
    CompetitorRepository,
    ItemRepository,
    SourceRepository,
    newest_first,
    user_names,
)
from app.watch.schemas import (
    FETCHED,
    ItemCreate,
    ItemFilters,
    ItemOut,
    ItemUpdate,
    SharedItemOut,
)


def criteria_of(body: Any, sent: set[str]) -> list[str]:
    """A new item classified fact/opinion or qualified (relevance, tags) makes the watch
    searchable: CP1.4; linked to a competitor, it documents that competitor: CP1.5 (the
    same criteria as the update route's ``fields`` give an update)."""
    criteria = []
    if sent & {"classification", "relevance", "tags"} and any(
        getattr(body, name, None) not in (None, [])
        for name in ("classification", "relevance", "tags")
    ):
        criteria.append("CP1.4")
    if "competitor_id" in sent and getattr(body, "competitor_id", None) is not None:
        criteria.append("CP1.5")
    return criteria


def check_links(session: Session, principal: Principal, body: Any, sent: set[str]) -> None:
    """The source, competitor and prospect a record (item, saved search) links to are the
    caller's own: else 422 naming the field."""
    links: dict[str, type[ScopedRepository[Any]]] = {
        "source_id": SourceRepository, "competitor_id": CompetitorRepository,
        "prospect_id": ProspectRepository,
    }  # fmt: skip
    for name, repository in links.items():
        value = getattr(body, name, None)
        if name in sent and value is not None:
            repository(session, principal).get_referenced(value, name)


def list_items(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    filters: ItemFilters,
) -> Page[ItemOut]:
    stmt = newest_first(ItemRepository(session, principal).matching(filters, owner_id))
    items, total = paginate(session, stmt, page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


@dataclass
class Recorded:
    """An item recorded by hand, and the criteria it showed beyond the route's."""

    item: ItemOut
    criteria: list[str]


def create_item(session: Session, principal: Principal, body: ItemCreate) -> Recorded:
    criteria = criteria_of(body, body.model_fields_set)
    check_links(session, principal, body, body.model_fields_set | {"source_id"})
    suggestion, reasons = classify.suggest(f"{body.title} {body.summary}")
    item = WatchItem(
        owner_id=principal.user_id,
        dedup_key=f"manual:{uuid.uuid4().hex}",
        **body.model_dump(exclude={"published_at"}),
        published_at=body.published_at or utcnow(),
        suggested_classification=suggestion,
        suggestion_reasons=reasons,
        extra={},
    )
    session.add(item)
    if item.source_id is not None:
        source = session.get(WatchSource, item.source_id)
        if source is not None and source.kind not in FETCHED:
            # A source with no feed is kept up to date by hand: its last item is its last
            # reading, which its freshness (and the digest's late sources) measure.
            source.last_fetched_at = utcnow()
    session.flush()
    return Recorded(ItemOut.model_validate(item), criteria)


def shared_items(session: Session, principal: Principal, page: PageParams) -> Page[SharedItemOut]:
    """Items shared by the trainees of the caller's cohort (a trainee's own cohort; staff:
    what they may read), in the shape meant for others (SharedItemOut)."""
    stmt = ItemRepository(session, principal).shared_with_cohort()
    items, total = paginate(session, stmt, page)
    names = user_names(session, {item.owner_id for item in items})
    return page_of([_shared(item, names.get(item.owner_id, "")) for item in items], total, page)


def _shared(item: WatchItem, shared_by: str) -> SharedItemOut:
    return SharedItemOut(
        id=item.id, owner_id=item.owner_id, shared_by=shared_by, title=item.title,
        link=item.link, published_at=item.published_at, summary=item.summary,
        topic=item.topic, classification=item.classification, sentiment=item.sentiment,
        relevance=item.relevance, created_at=item.created_at,
    )  # fmt: skip


def read_item(session: Session, principal: Principal, item_id: int) -> ItemOut:
    return ItemOut.model_validate(ItemRepository(session, principal).get_readable(item_id))


def update_item(session: Session, principal: Principal, item_id: int, body: ItemUpdate) -> ItemOut:
    item = ItemRepository(session, principal).get_writable(item_id)
    check_version(item, body.version)
    check_links(session, principal, body, body.model_fields_set)
    apply_patch(item, body, clearable={"classification", "relevance", "rating", "sentiment",
                                       "competitor_id", "prospect_id"})  # fmt: skip
    session.flush()
    return ItemOut.model_validate(item)


def delete_item(session: Session, principal: Principal, item_id: int) -> None:
    session.delete(ItemRepository(session, principal).get_writable(item_id))
