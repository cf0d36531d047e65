"""Watch routes: sources (with their refresh)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination
from app.core.schemas import Id, Page
from app.models import WatchSourceKind, WatchSourceStatus, WatchTopic
from app.watch import sources
from app.watch.schemas import RefreshOut, SourceCreate, SourceOut, SourceUpdate

router = APIRouter(tags=["watch"])

# Choosing, rating and tuning sources: source choice fits the information sought (CP1.1)
# and the sector's sources are known (CP1.2); digital watch tools (CT4).
SOURCES = exercises("CP1", "CT4", criteria=["CP1.1", "CP1.2"])
# Tuning a source shows the choice of sources when what it is, says or is worth changes
# (not its name, not a pause).
SOURCE_CHOICE: dict[str, list[str]] = {
    name: [] for name in ("kind", "url", "topic", "competitor_id", "cadence", "reliability",
                          "reliability_reason")
}  # fmt: skip
TUNING = exercises("CP1", "CT4", criteria=["CP1.1", "CP1.2"], fields=SOURCE_CHOICE)


@router.post("/watch/sources", response_model=SourceOut, status_code=status.HTTP_201_CREATED,
             summary="Ajouter une source de veille", **SOURCES)  # fmt: skip
def create_source(body: SourceCreate, session: DbSession, principal: CurrentPrincipal) -> SourceOut:
    return sources.create_source(session, principal, body)


@router.get("/watch/sources", response_model=Page[SourceOut], summary="Sources de veille",
            **SOURCES)  # fmt: skip
def list_sources(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    topic: WatchTopic | None = None,
    kind: WatchSourceKind | None = None,
    status_: WatchSourceStatus | None = Query(default=None, alias="status"),
    competitor_id: Id | None = None,
) -> Page[SourceOut]:
    return sources.list_sources(session, principal, page, owner_id, topic=topic, kind=kind,
                                status=status_, competitor_id=competitor_id)  # fmt: skip


@router.get("/watch/sources/{source_id}", response_model=SourceOut, summary="Une source",
            **SOURCES)  # fmt: skip
def read_source(source_id: Id, session: DbSession, principal: CurrentPrincipal) -> SourceOut:
    return sources.read_source(session, principal, source_id)


@router.patch("/watch/sources/{source_id}", response_model=SourceOut,
              summary="Modifier une source (fiabilité, cadence, pause...)", **TUNING)  # fmt: skip
def update_source(
    source_id: Id, body: SourceUpdate, session: DbSession, principal: CurrentPrincipal
) -> SourceOut:
    return sources.update_source(session, principal, source_id, body)


@router.post("/watch/sources/{source_id}/refresh", response_model=RefreshOut,
             summary="Actualiser une source maintenant",
             dependencies=[Depends(work_first)],
             **exercises("CP1", "CT4"))  # fmt: skip
def refresh_source(
    source_id: Id,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> RefreshOut:
    # Works first (core.db.work_first): no SQLite write lock while the source is fetched.
    done = sources.refresh_source(
        session, principal, request.app.state.session_factory, settings, source_id
    )
    if done.once_per is not None:
        about(request, "watch_sources", source_id, once_per=done.once_per)
        note_criteria(request, *done.criteria)
    return done.out


@router.delete("/watch/sources/{source_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une source (ses articles restent)", **SOURCES)  # fmt: skip
def delete_source(source_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    sources.delete_source(session, principal, source_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
