"""Watch items: search and filters, manual items, classification, sharing with the cohort."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import Select, func, select

from app.auth.deps import CurrentPrincipal
from app.competences.tagging import exercises
from app.core import scoping
from app.core.clock import utcnow
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, paginate
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.core.schemas import Page
from app.core.text import search_terms
from app.models import (
    ItemClassification,
    WatchItem,
    WatchTopic,
)
from app.prospects.repository import ProspectRepository
from app.prospects.service import check_version
from app.watch import classify
from app.watch.router import CompetitorRepository, SourceRepository, patch
from app.watch.schemas import ItemCreate, ItemOut, ItemUpdate

router = APIRouter(tags=["watch"])

SEARCH = exercises("CP1", criteria=["CP1.4"])
UPDATING = exercises("CP1", criteria=["CP1.3"])


class ItemRepository(ScopedRepository[WatchItem]):
    model = WatchItem
    label = "Article"


def _check_links(session: DbSession, principal: Principal, body: Any, sent: set[str]) -> None:
    """The source, competitor and prospect an item links to are the caller's own."""
    links: dict[str, type[ScopedRepository[Any]]] = {
        "source_id": SourceRepository, "competitor_id": CompetitorRepository,
        "prospect_id": ProspectRepository,
    }  # fmt: skip
    for field, repository in links.items():
        value = getattr(body, field, None)
        if field in sent and value is not None:
            repository(session, principal).get_referenced(value, field)


def _filtered(
    stmt: Select[WatchItem],
    q: str | None,
    topic: WatchTopic | None,
    source_id: int | None,
    competitor_id: int | None,
    since: datetime | None,
    until: datetime | None,
    unread: bool | None,
    starred: bool | None,
    classification: ItemClassification | None,
) -> Select[WatchItem]:
    when = func.coalesce(WatchItem.published_at, WatchItem.created_at)
    for term in search_terms(q):
        stmt = stmt.where(WatchItem.search_text.contains(term))
    if topic is not None:
        stmt = stmt.where(WatchItem.topic == topic)
    if source_id is not None:
        stmt = stmt.where(WatchItem.source_id == source_id)
    if competitor_id is not None:
        stmt = stmt.where(WatchItem.competitor_id == competitor_id)
    if since is not None:
        stmt = stmt.where(when >= since)
    if until is not None:
        stmt = stmt.where(when <= until)
    if unread:
        stmt = stmt.where(WatchItem.is_read.is_(False))
    if starred is not None:
        stmt = stmt.where(WatchItem.starred.is_(starred))
    if classification is not None:
        stmt = stmt.where(WatchItem.classification == classification)
    return stmt.order_by(when.desc(), WatchItem.id.desc())


@router.get("/watch/items", response_model=Page[ItemOut],
            summary="Articles de veille : recherche et filtres", **SEARCH)  # fmt: skip
def list_items(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    q: str | None = Query(
        default=None,
        max_length=200,
        description="Mots du titre, du résumé, des étiquettes ou des notes "
        "(accents et casse ignorés).",
    ),
    topic: WatchTopic | None = None,
    source_id: int | None = None,
    competitor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    unread: bool | None = None,
    starred: bool | None = None,
    classification: ItemClassification | None = None,
) -> Page[ItemOut]:
    readable = ItemRepository(session, principal).readable_statement()
    stmt = _filtered(readable, q, topic, source_id, competitor_id, since, until, unread,
                     starred, classification)  # fmt: skip
    items, total = paginate(session, stmt, page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


@router.post("/watch/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED,
             summary="Ajouter un article à la main (lettre, salon...)", **UPDATING)  # fmt: skip
def create_item(body: ItemCreate, session: DbSession, principal: CurrentPrincipal) -> ItemOut:
    _check_links(session, principal, body, body.model_fields_set | {"source_id"})
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
    session.flush()
    return ItemOut.model_validate(item)


@router.get("/watch/shared", response_model=Page[ItemOut],
            summary="Veille partagée de la promotion", **SEARCH)  # fmt: skip
def shared_items(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[ItemOut]:
    """Items shared by the trainees of the caller's cohort (a trainee's own cohort; staff:
    what they may read)."""
    stmt = select(WatchItem).where(
        WatchItem.shared.is_(True), scoping.cohort_readable(WatchItem, principal)
    )
    when = func.coalesce(WatchItem.published_at, WatchItem.created_at)
    items, total = paginate(session, stmt.order_by(when.desc(), WatchItem.id.desc()), page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


@router.get("/watch/items/{item_id}", response_model=ItemOut, summary="Un article", **SEARCH)
def read_item(item_id: int, session: DbSession, principal: CurrentPrincipal) -> ItemOut:
    return ItemOut.model_validate(ItemRepository(session, principal).get_readable(item_id))


@router.patch("/watch/items/{item_id}", response_model=ItemOut,
              summary="Classer (fait/opinion), noter, partager un article", **SEARCH)  # fmt: skip
def update_item(
    item_id: int, body: ItemUpdate, session: DbSession, principal: CurrentPrincipal
) -> ItemOut:
    item = ItemRepository(session, principal).get_writable(item_id)
    check_version(item, body.version)
    _check_links(session, principal, body, body.model_fields_set)
    patch(item, body, clearable={"classification", "relevance", "rating", "sentiment",
                                 "competitor_id", "prospect_id"})  # fmt: skip
    session.flush()
    return ItemOut.model_validate(item)


@router.delete("/watch/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer un article", **SEARCH)  # fmt: skip
def delete_item(item_id: int, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(ItemRepository(session, principal).get_writable(item_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
