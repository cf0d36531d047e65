"""Saved searches of the watch (alerts): criteria kept under a name, their matches and how
many arrived since the trainee last looked (CP1.4, efficient search)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentPrincipal
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import Id, Page
from app.watch import searches
from app.watch.schemas import ItemOut, SearchCreate, SearchOut, SearchUpdate

router = APIRouter(tags=["watch"])

SAVING = exercises("CP1", "CT4", criteria=["CP1.4"])
READING = exercises("CP1", "CT4", criteria=["CP1.4"], evidence=False)


@router.post("/watch/searches", response_model=SearchOut, status_code=status.HTTP_201_CREATED,
             summary="Enregistrer une recherche (alerte de veille)", **SAVING)  # fmt: skip
def create_search(body: SearchCreate, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    return searches.create_search(session, principal, body)


@router.get("/watch/searches", response_model=Page[SearchOut],
            summary="Recherches enregistrées, avec leurs nouveautés", **READING)  # fmt: skip
def list_searches(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[SearchOut]:
    return searches.list_searches(session, principal, page)


@router.get("/watch/searches/{search_id}", response_model=SearchOut,
            summary="Une recherche enregistrée", **READING)  # fmt: skip
def read_search(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    return searches.read_search(session, principal, search_id)


@router.get("/watch/searches/{search_id}/items", response_model=Page[ItemOut],
            summary="Les articles d'une recherche enregistrée", **READING)  # fmt: skip
def search_items(
    search_id: Id, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[ItemOut]:
    return searches.search_items(session, principal, search_id, page)


@router.post("/watch/searches/{search_id}/seen", response_model=SearchOut,
             summary="Marquer les résultats comme vus (remet les nouveautés à zéro)",
             **READING)  # fmt: skip
def mark_seen(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> SearchOut:
    return searches.mark_seen(session, principal, search_id)


@router.patch("/watch/searches/{search_id}", response_model=SearchOut,
              summary="Modifier une recherche enregistrée", **SAVING)  # fmt: skip
def update_search(
    search_id: Id, body: SearchUpdate, session: DbSession, principal: CurrentPrincipal
) -> SearchOut:
    return searches.update_search(session, principal, search_id, body)


@router.delete("/watch/searches/{search_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une recherche enregistrée", **SAVING)  # fmt: skip
def delete_search(search_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    searches.delete_search(session, principal, search_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
