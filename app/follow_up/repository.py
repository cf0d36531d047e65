"""Queries of the follow-up, from the caller's scope."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import Order, OrderLine, OrderStatus

ORDER_SORTS = {
    "ordered_on": Order.ordered_on,
    "created_at": Order.created_at,
    "total_ttc": Order.total_ttc,
    "number": Order.number,
}


class OrderRepository(ScopedRepository[Order]):
    model = Order
    label = "Commande"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        status: OrderStatus | None,
        sort: str | None,
    ) -> tuple[list[Order], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(Order.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(Order.status == status)
        stmt = stmt.order_by(*order_by(sort, ORDER_SORTS, default=("-ordered_on",)), Order.id)
        return paginate(self.session, stmt, params)


def lines_of(session: Session, order_id: int) -> list[OrderLine]:
    return list(
        session.scalars(
            select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.position)
        )
    )


def order_of_quote(session: Session, quote_id: int) -> Order | None:
    return session.scalar(select(Order).where(Order.quote_id == quote_id))
