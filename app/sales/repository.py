"""Queries of the sales domain, from the caller's scope."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    DocumentCounter,
    Opportunity,
    OpportunityStage,
    OpportunityStageChange,
    Prospect,
    Quote,
    QuoteLine,
    QuoteStatus,
)

OPPORTUNITY_SORTS = {
    "updated_at": Opportunity.updated_at,
    "created_at": Opportunity.created_at,
    "expected_close_on": Opportunity.expected_close_on,
    "estimated_amount_ht": Opportunity.estimated_amount_ht,
    "title": Opportunity.title,
}
QUOTE_SORTS = {
    "updated_at": Quote.updated_at,
    "created_at": Quote.created_at,
    "sent_at": Quote.sent_at,
    "valid_until": Quote.valid_until,
    "total_ttc": Quote.total_ttc,
    "number": Quote.number,
}


class OpportunityRepository(ScopedRepository[Opportunity]):
    model = Opportunity
    label = "Opportunité"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        stage: OpportunityStage | None,
        sort: str | None,
    ) -> tuple[list[Opportunity], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(Opportunity.prospect_id == prospect_id)
        if stage is not None:
            stmt = stmt.where(Opportunity.stage == stage)
        stmt = stmt.order_by(
            *order_by(sort, OPPORTUNITY_SORTS, default=("-updated_at",)), Opportunity.id
        )
        return paginate(self.session, stmt, params)


class QuoteRepository(ScopedRepository[Quote]):
    model = Quote
    label = "Devis"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        opportunity_id: int | None,
        prospect_id: int | None,
        status: QuoteStatus | None,
        approval_pending: bool | None,
        sort: str | None,
    ) -> tuple[list[Quote], int]:
        stmt = self.readable_statement(owner_id)
        if opportunity_id is not None:
            stmt = stmt.where(Quote.opportunity_id == opportunity_id)
        if prospect_id is not None:
            stmt = stmt.where(Quote.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(Quote.status == status)
        if approval_pending is not None:
            pending = Quote.approval_status == "pending"
            stmt = stmt.where(pending if approval_pending else ~pending)
        stmt = stmt.order_by(*order_by(sort, QUOTE_SORTS, default=("-updated_at",)), Quote.id)
        return paginate(self.session, stmt, params)


def prospect_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(ids)))
    return {key: value for key, value in rows}  # noqa: C416 (Rows, not pairs)


def history(session: Session, opportunity_id: int) -> list[OpportunityStageChange]:
    return list(
        session.scalars(
            select(OpportunityStageChange)
            .where(OpportunityStageChange.opportunity_id == opportunity_id)
            .order_by(OpportunityStageChange.changed_at, OpportunityStageChange.id)
        )
    )


def quote_counts(session: Session, opportunity_ids: list[int]) -> dict[int, int]:
    if not opportunity_ids:
        return {}
    rows = session.execute(
        select(Quote.opportunity_id, func.count())
        .where(Quote.opportunity_id.in_(opportunity_ids))
        .group_by(Quote.opportunity_id)
    )
    return {key: value for key, value in rows}  # noqa: C416 (Rows, not pairs)


def lines_of(session: Session, quote_id: int) -> list[QuoteLine]:
    return list(
        session.scalars(
            select(QuoteLine).where(QuoteLine.quote_id == quote_id).order_by(QuoteLine.position)
        )
    )


def last_revision(session: Session, number: str, business_case_id: int) -> int:
    found = session.scalar(
        select(func.max(Quote.revision)).where(
            Quote.business_case_id == business_case_id, Quote.number == number
        )
    )
    return int(found or 0)


def _bump_statement(dialect: str) -> Any:
    """``INSERT … ON CONFLICT DO UPDATE … RETURNING``: the counter made at ``n`` if missing,
    else moved by ``n``; its new value returned."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = cast(
        Table, DocumentCounter.__table__
    )  # Core, not the ORM's bulk insert: one plain statement
    stmt = insert(table).values(
        business_case_id=bindparam("case_id"), kind=bindparam("kind"), year=bindparam("year"),
        last=bindparam("n"),
    )  # fmt: skip
    return stmt.on_conflict_do_update(
        index_elements=[table.c.business_case_id, table.c.kind, table.c.year],
        set_={"last": table.c.last + bindparam("n")},
    ).returning(table.c.last)


#: One statement per dialect, built once (numbering is on the hot path of the simulated
#: market's orders).
_BUMP = {name: _bump_statement(name) for name in ("postgresql", "sqlite")}


def next_number(session: Session, business_case_id: int, kind: str, year: int) -> int:
    """The next number of a kind of document in a year (see ``next_numbers``)."""
    return next_numbers(session, business_case_id, kind, year, 1)[0]


def next_numbers(session: Session, business_case_id: int, kind: str, year: int, n: int) -> range:
    """The next ``n`` numbers of a kind of document in a year, in one statement: the counter
    row is made at ``n`` if missing, else moved by ``n``, which locks it until the
    transaction ends (PostgreSQL; SQLite has one writer): documents issued at once get
    numbers in a row, and an issue rolled back gives its numbers back, so numbers have no
    gap."""
    bumped = session.execute(
        _BUMP[session.get_bind().dialect.name],
        {"case_id": business_case_id, "kind": kind, "year": year, "n": n},
    ).scalar_one()
    return range(int(bumped) - n + 1, int(bumped) + 1)
