"""Watch routes: sources (with their refresh) and competitor records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy import func, select

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.core import scoping
from app.core.clock import utcnow
from app.core.db import DbSession, start_writing, work_first
from app.core.errors import Conflict, FieldError
from app.core.pagination import Pagination, page_of, paginate
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.core.schemas import Id, Page, VersionedUpdate
from app.models import (
    Competitor,
    WatchCadence,
    WatchItem,
    WatchSource,
    WatchSourceKind,
    WatchSourceStatus,
    WatchTopic,
)
from app.models.watch import published_or_created
from app.prospects.service import check_version
from app.watch import service
from app.watch.schemas import (
    FETCHED,
    CompetitorCreate,
    CompetitorMatrix,
    CompetitorOut,
    CompetitorUpdate,
    LinkedSource,
    MatrixRow,
    RefreshOut,
    SourceCreate,
    SourceOut,
    SourceUpdate,
)
from app.watch.service import CADENCE

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
COMPETITORS = exercises("CP1", criteria=["CP1.5"])


class SourceRepository(ScopedRepository[WatchSource]):
    model = WatchSource
    label = "Source"


class CompetitorRepository(ScopedRepository[Competitor]):
    model = Competitor
    label = "Concurrent"


def freshness(source: WatchSource, now: datetime) -> str:
    """``never`` (not fetched yet), ``late`` (past its cadence), else ``on_time``."""
    if source.last_fetched_at is None:
        return "never"
    return "late" if now - source.last_fetched_at > CADENCE[source.cadence] else "on_time"


# What a refresh that read its source answers (a feed, or a page unchanged since last time).
SUCCEEDED = frozenset({"ok", "not_modified"})


def cadence_period(cadence: WatchCadence, now: datetime) -> str:
    """The period of ``cadence`` that ``now`` falls in: a day, an ISO week, a month."""
    if cadence is WatchCadence.DAILY:
        return now.date().isoformat()
    if cadence is WatchCadence.WEEKLY:
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{now.year}-{now.month:02d}"


def _source_out(source: WatchSource, now: datetime) -> SourceOut:
    out = SourceOut.model_validate(source)
    out.freshness = freshness(source, now)
    return out


def patch(
    record: Any,
    body: VersionedUpdate,
    *,
    clearable: set[str],
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Copy the fields the client sent onto ``record``; a null is refused (422 naming the
    field) unless the field is in ``clearable``."""
    for name in body.model_fields_set - {"version"} - skip:
        value = getattr(body, name)
        if value is None and name not in clearable:
            raise FieldError(name, "Ce champ ne peut pas être vidé.")
        setattr(record, name, value)


def _needs_url(kind: WatchSourceKind, url: str | None) -> None:
    if kind in FETCHED and not url:
        raise FieldError("url", "Une source lue automatiquement (flux, page, avis) a une adresse.")


# ------------------------------------------------------------------ sources


@router.post("/watch/sources", response_model=SourceOut, status_code=status.HTTP_201_CREATED,
             summary="Ajouter une source de veille", **SOURCES)  # fmt: skip
def create_source(body: SourceCreate, session: DbSession, principal: CurrentPrincipal) -> SourceOut:
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
    return _source_out(source, now)


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
    stmt = SourceRepository(session, principal).readable_statement(owner_id)
    if competitor_id is not None:
        stmt = stmt.where(WatchSource.competitor_id == competitor_id)
    if topic is not None:
        stmt = stmt.where(WatchSource.topic == topic)
    if kind is not None:
        stmt = stmt.where(WatchSource.kind == kind)
    if status_ is not None:
        stmt = stmt.where(WatchSource.status == status_)
    items, total = paginate(session, stmt.order_by(WatchSource.name, WatchSource.id), page)
    now = utcnow()
    return page_of([_source_out(s, now) for s in items], total, page)


@router.get("/watch/sources/{source_id}", response_model=SourceOut, summary="Une source",
            **SOURCES)  # fmt: skip
def read_source(source_id: Id, session: DbSession, principal: CurrentPrincipal) -> SourceOut:
    return _source_out(SourceRepository(session, principal).get_readable(source_id), utcnow())


@router.patch("/watch/sources/{source_id}", response_model=SourceOut,
              summary="Modifier une source (fiabilité, cadence, pause...)", **TUNING)  # fmt: skip
def update_source(
    source_id: Id, body: SourceUpdate, session: DbSession, principal: CurrentPrincipal
) -> SourceOut:
    source = SourceRepository(session, principal).get_writable(source_id)
    check_version(source, body.version)
    sent = body.model_fields_set - {"version"}
    if "competitor_id" in sent and body.competitor_id is not None:
        CompetitorRepository(session, principal).get_referenced(body.competitor_id, "competitor_id")
    patch(source, body, clearable={"competitor_id", "url"}, skip={"paused"})
    _needs_url(source.kind, source.url)
    if "paused" in sent and body.paused is not None:
        if body.paused:
            source.status, source.next_due_at = WatchSourceStatus.PAUSED, None
        elif source.status is WatchSourceStatus.PAUSED:
            source.status = WatchSourceStatus.OK
            source.next_due_at = utcnow() if source.kind in FETCHED else None
    session.flush()
    return _source_out(source, utcnow())


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
    source = SourceRepository(session, principal).get_writable(source_id)
    if source.kind not in FETCHED or not source.url:
        raise FieldError("kind", "Cette source n'a pas d'adresse à lire : ajoutez ses articles "
                                 "à la main.", location="path")  # fmt: skip
    if source.status is WatchSourceStatus.PAUSED:
        raise Conflict("Source en pause : reprenez-la avant de l'actualiser.")
    now = utcnow()
    on_time = freshness(source, now) != "late"
    # The refresh fetches over HTTP (seconds), then writes in short transactions of its own:
    # this request works first (no SQLite write lock meanwhile, core.db.work_first) and takes
    # the lock only afterwards, for its evidence, reading the source as the refresh left it.
    done = service.refresh(request.app.state.session_factory, settings, source_id)
    start_writing(session)
    if done.outcome in SUCCEEDED:
        # A refresh that read the source is evidence once per period of its cadence; one
        # on time (or the first) shows the watch kept up to date regularly (CP1.3, and its
        # twin CT3.1); one left late does not. A failed refresh shows nothing.
        period = cadence_period(source.cadence, now)
        about(request, "watch_sources", source_id, once_per=f"watch_sources:{source_id} {period}")
        if on_time:
            note_criteria(request, "CP1.3")
    session.expire_all()
    fresh = SourceRepository(session, principal).get_readable(source_id)
    return RefreshOut(
        outcome=done.outcome,
        new_items=done.new_items,
        error=done.error,
        warnings=done.warnings,
        source=_source_out(fresh, utcnow()),
    )


@router.delete("/watch/sources/{source_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une source (ses articles restent)", **SOURCES)  # fmt: skip
def delete_source(source_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(SourceRepository(session, principal).get_writable(source_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------ competitors


@router.post("/competitors", response_model=CompetitorOut, status_code=status.HTTP_201_CREATED,
             summary="Fiche concurrent", **COMPETITORS)  # fmt: skip
def create_competitor(
    body: CompetitorCreate, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    competitor = Competitor(owner_id=principal.user_id, **body.model_dump())
    session.add(competitor)
    session.flush()
    return competitors_out(session, principal, [competitor])[0]


@router.get("/competitors", response_model=Page[CompetitorOut], summary="Concurrents",
            **COMPETITORS)  # fmt: skip
def list_competitors(
    session: DbSession, principal: CurrentPrincipal, page: Pagination, owner_id: OwnerFilter
) -> Page[CompetitorOut]:
    stmt = CompetitorRepository(session, principal).readable_statement(owner_id)
    items, total = paginate(session, stmt.order_by(Competitor.name, Competitor.id), page)
    return page_of(competitors_out(session, principal, items), total, page)


def competitors_out(
    session: DbSession, principal: Principal, competitors: Sequence[Competitor]
) -> list[CompetitorOut]:
    """The records with their linked sources and items (two queries for the whole page)."""
    ids = [c.id for c in competitors]
    sources: dict[int, list[LinkedSource]] = {i: [] for i in ids}
    counts: dict[int, tuple[int, datetime | None]] = {}
    if ids:
        readable = SourceRepository(session, principal).readable_statement()
        for source in session.scalars(
            readable.where(WatchSource.competitor_id.in_(ids)).order_by(WatchSource.name)
        ):
            assert source.competitor_id is not None
            sources[source.competitor_id].append(LinkedSource.model_validate(source))
        items = scoping.readable(WatchItem, principal)
        when = published_or_created()
        for competitor_id, count, last in session.execute(
            select(WatchItem.competitor_id, func.count(), func.max(when))
            .where(items, WatchItem.competitor_id.in_(ids))
            .group_by(WatchItem.competitor_id)
        ):
            if competitor_id is not None:
                counts[competitor_id] = (count, last)
    out = []
    for competitor in competitors:
        row = CompetitorOut.model_validate(competitor)
        row.sources = sources[competitor.id]
        row.item_count, row.last_item_at = counts.get(competitor.id, (0, None))
        out.append(row)
    return out


MATRIX_AXES = [
    ("price_level", "Niveau de prix"),
    ("quality", "Qualité"),
    ("channels", "Canaux"),
    ("target_customers", "Clientèle cible"),
    ("offers", "Offres"),
    ("strengths", "Forces"),
    ("weaknesses", "Faiblesses"),
    ("differentiation", "Nos points de différenciation"),
]


@router.get("/competitors/matrix", response_model=CompetitorMatrix,
            summary="Matrice de positionnement des concurrents", **COMPETITORS)  # fmt: skip
def competitor_matrix(
    session: DbSession, principal: CurrentPrincipal, owner_id: OwnerFilter
) -> CompetitorMatrix:
    stmt = CompetitorRepository(session, principal).readable_statement(owner_id)
    competitors = list(session.scalars(stmt.order_by(Competitor.name, Competitor.id)))
    rows = []
    for axis, label in MATRIX_AXES:
        values = {}
        for competitor in competitors:
            value = getattr(competitor, axis)
            if isinstance(value, list):
                value = ", ".join(value)
            values[str(competitor.id)] = "" if value is None else str(value)
        rows.append(MatrixRow(axis=axis, label=label, values=values))
    linked = competitors_out(session, principal, competitors)
    rows.append(MatrixRow(axis="item_count", label="Articles de veille",
                          values={str(c.id): str(c.item_count) for c in linked}))  # fmt: skip
    return CompetitorMatrix(competitors=linked, rows=rows)


@router.get("/competitors/{competitor_id}", response_model=CompetitorOut,
            summary="Un concurrent", **COMPETITORS)  # fmt: skip
def read_competitor(
    competitor_id: Id, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    competitor = CompetitorRepository(session, principal).get_readable(competitor_id)
    return competitors_out(session, principal, [competitor])[0]


@router.patch("/competitors/{competitor_id}", response_model=CompetitorOut,
              summary="Modifier une fiche concurrent", **COMPETITORS)  # fmt: skip
def update_competitor(
    competitor_id: Id, body: CompetitorUpdate, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    competitor = CompetitorRepository(session, principal).get_writable(competitor_id)
    check_version(competitor, body.version)
    patch(competitor, body, clearable={"website", "price_level"})
    session.flush()
    return competitors_out(session, principal, [competitor])[0]


@router.delete("/competitors/{competitor_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une fiche concurrent", **COMPETITORS)  # fmt: skip
def delete_competitor(
    competitor_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    session.delete(CompetitorRepository(session, principal).get_writable(competitor_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
