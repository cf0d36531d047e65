"""Competitor records: their positioning, the sources and items linked to them, the
positioning matrix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import Competitor
from app.watch.repository import CompetitorRepository, ItemRepository, SourceRepository
from app.watch.schemas import (
    CompetitorCreate,
    CompetitorMatrix,
    CompetitorOut,
    CompetitorUpdate,
    LinkedSource,
    MatrixRow,
)

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


def competitors_out(
    session: Session, principal: Principal, competitors: Sequence[Competitor]
) -> list[CompetitorOut]:
    """The records with their linked sources and items (two queries for the whole page)."""
    ids = [c.id for c in competitors]
    sources: dict[int, list[LinkedSource]] = {i: [] for i in ids}
    counts: dict[int, tuple[int, datetime | None]] = {}
    if ids:
        for source in SourceRepository(session, principal).of_competitors(ids):
            assert source.competitor_id is not None
            sources[source.competitor_id].append(LinkedSource.model_validate(source))
        counts = ItemRepository(session, principal).counts_by_competitor(ids)
    out = []
    for competitor in competitors:
        row = CompetitorOut.model_validate(competitor)
        row.sources = sources[competitor.id]
        row.item_count, row.last_item_at = counts.get(competitor.id, (0, None))
        out.append(row)
    return out


def create_competitor(
    session: Session, principal: Principal, body: CompetitorCreate
) -> CompetitorOut:
    competitor = Competitor(owner_id=principal.user_id, **body.model_dump())
    session.add(competitor)
    session.flush()
    return competitors_out(session, principal, [competitor])[0]


def list_competitors(
    session: Session, principal: Principal, page: PageParams, owner_id: int | None
) -> Page[CompetitorOut]:
    stmt = CompetitorRepository(session, principal).listing(owner_id)
    items, total = paginate(session, stmt, page)
    return page_of(competitors_out(session, principal, items), total, page)


def competitor_matrix(
    session: Session, principal: Principal, owner_id: int | None
) -> CompetitorMatrix:
    competitors = CompetitorRepository(session, principal).all_of(owner_id)
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


def read_competitor(session: Session, principal: Principal, competitor_id: int) -> CompetitorOut:
    competitor = CompetitorRepository(session, principal).get_readable(competitor_id)
    return competitors_out(session, principal, [competitor])[0]


def update_competitor(
    session: Session, principal: Principal, competitor_id: int, body: CompetitorUpdate
) -> CompetitorOut:
    competitor = CompetitorRepository(session, principal).get_writable(competitor_id)
    check_version(competitor, body.version)
    apply_patch(competitor, body, clearable={"website", "price_level"})
    session.flush()
    return competitors_out(session, principal, [competitor])[0]


def delete_competitor(session: Session, principal: Principal, competitor_id: int) -> None:
    session.delete(CompetitorRepository(session, principal).get_writable(competitor_id))
