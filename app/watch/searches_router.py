"""Saved searches of the watch (alerts): criteria kept under a name, their matches and how
many arrived since the trainee last looked (CP1.4, efficient search)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status
from sqlalchemy import case, func, select, true

from app.auth.deps import CurrentPrincipal
from app.competences.tagging import exercises
from app.core.clock import utcnow
from app.core.db import DbSession
from app.core.errors import FieldError
from app.core.pagination import Pagination, page_of, paginate
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.core.schemas import Id, Page
from app.models import WatchSearch
from app.prospects.service import check_version
from app.watch.items_router import ItemFilters, ItemRepository, check_links, newest_first
from app.watch.router import patch
from app.watch.schemas import ItemOut, SearchCreate, SearchOut, SearchUpdate

router = APIRouter(tags=["watch"])

SAVING = exercises("CP1", "CT4", criteria=["CP1.4"])
READING = exercises("CP1", "CT4", criteria=["CP1.4"], evidence=False)
CRITERIA = ("q", "topic", "source_id", "competitor_id", "classification", "starred", "unread")


class SearchRepository(ScopedRepository[WatchSearch]):
    model = WatchSearch
    label = "Recherche enregistrée"


def _filters(search: WatchSearch) -> ItemFilters:
    return ItemFilters(
        q=search.q,
        topic=search.topic,
        source_id=search.source_id,
        competitor_id=search.competitor_id,
        unread=search.unread,
        starred=search.starred,
        classification=search.classification,
    )


def _out(session: DbSession, principal: Principal, search: WatchSearch) -> SearchOut:
    """The search with how many items match it, and how many arrived since last seen (both
    counted in one pass)."""
    readable = ItemRepository(session, principal).readable_statement()
    matching = _filters(search).where(readable).subquery()
    seen = search.last_seen_at
    is_new = matching.c.created_at > seen if seen is not None else true()
    total, new = session.execute(
        select(func.count(), func.count(case((is_new, 1)))).select_from(matching)
    ).one()
    out = SearchOut.model_validate(search)
    out.matches, out.new_matches = int(total or 0), int(new or 0)
    return out


def _check(session: DbSession, principal: Principal, search: WatchSearch, sent: set[str]) -> None:
    """Linked source and competitor are the caller's; at least one criterion remains."""
    check_links(session, principal, search, sent)
    if search.q is not None and not search.q.strip():
        search.q = None
    if all(getattr(search, name) in (None, False) for name in CRITERIA):
        raise FieldError(
            "q", "Une recherche enregistrée a besoin d'au moins un critère (mots, thème, "
            "source, concurrent, classement, favoris ou non lus)."
        )  # fmt: skip


@router.post("/watch/searches", response_model=SearchOut, status_code=status.HTTP_201_CREATED,
             summary="Enregistrer une recherche (alerte de veille)", **SAVING)  # fmt: skip
def create_search(body: SearchCreate, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    data: dict[str, Any] = body.model_dump()
    data["unread"] = bool(data["unread"])
    search = WatchSearch(owner_id=principal.user_id, **data)
    _check(session, principal, search, body.model_fields_set)
    session.add(search)
    session.flush()
    return _out(session, principal, search)


@router.get("/watch/searches", response_model=Page[SearchOut],
            summary="Recherches enregistrées, avec leurs nouveautés", **READING)  # fmt: skip
def list_searches(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[SearchOut]:
    stmt = SearchRepository(session, principal).readable_statement()
    searches, total = paginate(session, stmt.order_by(WatchSearch.name, WatchSearch.id), page)
    return page_of([_out(session, principal, s) for s in searches], total, page)


@router.get("/watch/searches/{search_id}", response_model=SearchOut,
            summary="Une recherche enregistrée", **READING)  # fmt: skip
def read_search(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    return _out(session, principal, SearchRepository(session, principal).get_readable(search_id))


@router.get("/watch/searches/{search_id}/items", response_model=Page[ItemOut],
            summary="Les articles d'une recherche enregistrée", **READING)  # fmt: skip
def search_items(
    search_id: Id, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[ItemOut]:
    search = SearchRepository(session, principal).get_readable(search_id)
    readable = ItemRepository(session, principal).readable_statement()
    items, total = paginate(session, newest_first(_filters(search).where(readable)), page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


@router.post("/watch/searches/{search_id}/seen", response_model=SearchOut,
             summary="Marquer les résultats comme vus (remet les nouveautés à zéro)",
             **READING)  # fmt: skip
def mark_seen(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    search = SearchRepository(session, principal).get_writable(search_id)
    search.last_seen_at = utcnow()
    session.flush()
    return _out(session, principal, search)


@router.patch("/watch/searches/{search_id}", response_model=SearchOut,
              summary="Modifier une recherche enregistrée", **SAVING)  # fmt: skip
def update_search(
    search_id: Id, body: SearchUpdate, session: DbSession, principal: CurrentPrincipal
) -> SearchOut:
    search = SearchRepository(session, principal).get_writable(search_id)
    check_version(search, body.version)
    patch(search, body, clearable={"q", "topic", "source_id", "competitor_id", "classification",
                                   "starred"})  # fmt: skip
    _check(session, principal, search, body.model_fields_set)
    session.flush()
    return _out(session, principal, search)


@router.delete("/watch/searches/{search_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une recherche enregistrée", **SAVING)  # fmt: skip
def delete_search(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(SearchRepository(session, principal).get_writable(search_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
