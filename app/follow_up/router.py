"""Order routes: an accepted quote made an order, or an order from the catalogue; the list,
one order with its figures, a cancellation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.follow_up import orders
from app.follow_up.repository import ORDER_SORTS, OrderRepository
from app.follow_up.schemas import OrderCancel, OrderCreate, OrderDetail, OrderOut
from app.models import OrderStatus

router = APIRouter(tags=["follow-up"])

# An order recorded follows the company's order procedure (CP7.1), once per order; cancelling
# shows nothing new.
ORDERING = exercises("CP7", criteria=["CP7.1"])
READING = exercises("CP7", criteria=["CP7.1"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Devis non accepté ou déjà commandé, remise hors limites, état."}
}


@router.get(
    "/orders",
    response_model=Page[OrderOut],
    summary="Commandes (les siennes ; celles des stagiaires suivis)",
    **READING,
)
def list_orders(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(ORDER_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[OrderStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    items, total = OrderRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, status=status_, sort=sort
    )
    return page_of(orders.rows(session, items), total, page)


@router.post(
    "/orders",
    response_model=OrderDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer une commande : d'un devis accepté, ou du catalogue",
    responses=ERRORS,
    **ORDERING,
)
def create_order(data: OrderCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return orders.detail(session, orders.create(session, principal, data))


@router.get(
    "/orders/{order_id}",
    response_model=OrderDetail,
    summary="Une commande et ses chiffres",
    **READING,
)
def read_order(order_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return orders.detail(session, OrderRepository(session, principal).get_readable(order_id))


@router.post(
    "/orders/{order_id}/cancel",
    response_model=OrderDetail,
    summary="Annuler une commande en cours, rien n'étant livré",
    responses=ERRORS,
    **READING,
)
def cancel_order(
    order_id: Id, data: OrderCancel, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = OrderRepository(session, principal).get_writable(order_id)
    return orders.detail(session, orders.cancel(session, found, data.version, data.reason))
