"""Watch items: search and filters, manual items, classification, sharing with the cohort."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import Select, select

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.evidence import note_criteria
from app.competences.tagging import exercises
from app.core import scoping
from app.core.clock import utcnow
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, paginate
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.core.schemas import DateTime, Id, Page
from app.core.text import search_terms
from app.models import (
    ItemClassification,
    User,
    WatchItem,
    WatchSource,
    WatchTopic,
)
from app.models.watch import published_or_created
from app.prospects.repository import ProspectRepository
from app.prospects.service import check_version
from app.watch import classify
from app.watch.router import CompetitorRepository, SourceRepository, patch
from app.watch.schemas import FETCHED, ItemCreate, ItemOut, ItemUpdate, SharedItemOut

router = APIRouter(tags=["watch"])

SEARCH = exercises("CP1", "CT4", criteria=["CP1.4"])
# Writes on items: the criteria come from what the request does (see _note_criteria).
WRITING = exercises("CP1", "CT4")
# Qualifying an item (fact or opinion, relevance, tags) makes the watch searchable: CP1.4;
# linking it to a competitor documents that competitor: CP1.5. Reading, starring, noting,
# sharing or linking a prospect show neither: such a change is no evidence.
QUALIFYING = exercises("CP1", "CT4", fields={
    "classification": ["CP1.4"], "relevance": ["CP1.4"], "tags": ["CP1.4"],
    "competitor_id": ["CP1.5"],
})  # fmt: skip
# Recording what has no feed (a newsletter, a fair, a call) keeps the watch up to date.
RECORDING = exercises("CP1", "CT4", criteria=["CP1.3"])


class ItemRepository(ScopedRepository[WatchItem]):
    model = WatchItem
    label = "Article"


def _note_criteria(request: Request, body: Any, sent: set[str]) -> None:
    """A new item classified fact/opinion or qualified (relevance, tags) makes the watch
    searchable: CP1.4; linked to a competitor, it documents that competitor: CP1.5 (the
    same criteria as ``QUALIFYING`` gives an update)."""
    if sent & {"classification", "relevance", "tags"} and any(
        getattr(body, name, None) not in (None, [])
        for name in ("classification", "relevance", "tags")
    ):
        note_criteria(request, "CP1.4")
    if "competitor_id" in sent and getattr(body, "competitor_id", None) is not None:
        note_criteria(request, "CP1.5")


def check_links(session: DbSession, principal: Principal, body: Any, sent: set[str]) -> None:
    """The source, competitor and prospect a record (item, saved search) links to are the
    caller's own: else 422 naming the field."""
    links: dict[str, type[ScopedRepository[Any]]] = {
        "source_id": SourceRepository, "competitor_id": CompetitorRepository,
        "prospect_id": ProspectRepository,
    }  # fmt: skip
    for field, repository in links.items():
        value = getattr(body, field, None)
        if field in sent and value is not None:
            repository(session, principal).get_referenced(value, field)


@dataclass
class ItemFilters:
    """The criteria of an item search: the list's query parameters or a saved search."""

    q: str | None = None
    topic: WatchTopic | None = None
    source_id: Id | None = None
    competitor_id: Id | None = None
    since: datetime | None = None
    until: datetime | None = None
    unread: bool | None = None
    starred: bool | None = None
    classification: ItemClassification | None = None

    def where(self, stmt: Select[Any]) -> Select[Any]:
        when = published_or_created()
        for term in search_terms(self.q):
            stmt = stmt.where(WatchItem.search_text.contains(term))
        if self.topic is not None:
            stmt = stmt.where(WatchItem.topic == self.topic)
        if self.source_id is not None:
            stmt = stmt.where(WatchItem.source_id == self.source_id)
        if self.competitor_id is not None:
            stmt = stmt.where(WatchItem.competitor_id == self.competitor_id)
        if self.since is not None:
            stmt = stmt.where(when >= self.since)
        if self.until is not None:
            stmt = stmt.where(when <= self.until)
        if self.unread:
            stmt = stmt.where(WatchItem.is_read.is_(False))
        if self.starred is not None:
            stmt = stmt.where(WatchItem.starred.is_(self.starred))
        if self.classification is not None:
            stmt = stmt.where(WatchItem.classification == self.classification)
        return stmt


def newest_first(stmt: Select[Any]) -> Select[Any]:
    return stmt.order_by(published_or_created().desc(), WatchItem.id.desc())


@router.get("/watch/items", response_model=Page[ItemOut],
            summary="Articles de veille : recherche et filtres", **SEARCH)  # fmt: skip
def list_items(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    q: str | None = Query(
        default=None,
        max_length=200,
        description="Mots du titre, du résumé, des étiquettes ou des notes "
        "(accents et casse ignorés).",
    ),
    topic: WatchTopic | None = None,
    source_id: Id | None = None,
    competitor_id: Id | None = None,
    since: DateTime | None = None,
    until: DateTime | None = None,
    unread: bool | None = None,
    starred: bool | None = None,
    classification: ItemClassification | None = None,
) -> Page[ItemOut]:
    readable = ItemRepository(session, principal).readable_statement(owner_id)
    filters = ItemFilters(q, topic, source_id, competitor_id, since, until, unread, starred,
                          classification)  # fmt: skip
    stmt = newest_first(filters.where(readable))
    items, total = paginate(session, stmt, page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


@router.post("/watch/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED,
             summary="Ajouter un article à la main (lettre, salon...)", **RECORDING)  # fmt: skip
def create_item(
    body: ItemCreate, request: Request, session: DbSession, principal: CurrentPrincipal
) -> ItemOut:
    _note_criteria(request, body, body.model_fields_set)
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
    return ItemOut.model_validate(item)


@router.get(
    "/watch/shared",
    response_model=Page[SharedItemOut],
    summary="Veille partagée de la promotion",
    description=(
        "Les articles que les stagiaires de la promotion ont partagés. Sont partagés : "
        "l'article (titre, lien, date, résumé, thème), la lecture qu'en fait le stagiaire "
        "(fait ou opinion, pertinence, tonalité) et son nom. Ne le sont pas : ses notes et "
        "ses étiquettes, qui restent privées, son suivi (lu, favori, note) et les "
        "identifiants de ses propres fiches (source, concurrent, prospect)."
    ),
    **SEARCH,
)
def shared_items(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[SharedItemOut]:
    """Items shared by the trainees of the caller's cohort (a trainee's own cohort; staff:
    what they may read), in the shape meant for others (SharedItemOut)."""
    stmt = select(WatchItem).where(
        WatchItem.shared.is_(True), scoping.cohort_readable(WatchItem, principal)
    )
    items, total = paginate(session, newest_first(stmt), page)
    owners = {item.owner_id for item in items}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(owners)))
    names: dict[int, str] = {row.id: row.full_name for row in rows}
    return page_of([_shared(item, names.get(item.owner_id, "")) for item in items], total, page)


def _shared(item: WatchItem, shared_by: str) -> SharedItemOut:
    return SharedItemOut(
        id=item.id, owner_id=item.owner_id, shared_by=shared_by, title=item.title,
        link=item.link, published_at=item.published_at, summary=item.summary,
        topic=item.topic, classification=item.classification, sentiment=item.sentiment,
        relevance=item.relevance, created_at=item.created_at,
    )  # fmt: skip


@router.get("/watch/items/{item_id}", response_model=ItemOut, summary="Un article", **SEARCH)
def read_item(item_id: Id, session: DbSession, principal: CurrentPrincipal) -> ItemOut:
    return ItemOut.model_validate(ItemRepository(session, principal).get_readable(item_id))


@router.patch("/watch/items/{item_id}", response_model=ItemOut,
              summary="Classer (fait/opinion), noter, partager un article",
              **QUALIFYING)  # fmt: skip
def update_item(
    item_id: Id,
    body: ItemUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> ItemOut:
    item = ItemRepository(session, principal).get_writable(item_id)
    check_version(item, body.version)
    check_links(session, principal, body, body.model_fields_set)
    patch(item, body, clearable={"classification", "relevance", "rating", "sentiment",
                                 "competitor_id", "prospect_id"})  # fmt: skip
    session.flush()
    return ItemOut.model_validate(item)


@router.delete("/watch/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer un article", **WRITING)  # fmt: skip
def delete_item(item_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(ItemRepository(session, principal).get_writable(item_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
