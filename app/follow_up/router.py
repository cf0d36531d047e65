"""Order routes: an accepted quote made an order, or an order from the catalogue; the list,
one order with its figures, a cancellation; its deliveries and their dated steps; what the
client was told."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.follow_up import deliveries, messages, orders, policy
from app.follow_up.repository import (
    DELIVERY_SORTS,
    MESSAGE_SORTS,
    ORDER_SORTS,
    ClientMessageRepository,
    DeliveryRepository,
    OrderRepository,
)
from app.follow_up.schemas import (
    ClientMessageCreate,
    ClientMessageOut,
    DeliveryCreate,
    DeliveryDetail,
    DeliveryEventIn,
    DeliveryOut,
    OrderCancel,
    OrderCreate,
    OrderDetail,
    OrderOut,
)
from app.models import DeliveryStatus, FollowUpSubject, OrderStatus

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
    quote_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Page[Any]:
    items, total = OrderRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, status=status_, sort=sort,
        quote_id=quote_id,
    )  # fmt: skip
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


# ----------------------------------------------------------------- deliveries

DELIVERING = exercises("CP7", criteria=["CP7.1"])


@router.post(
    "/orders/{order_id}/deliveries",
    response_model=DeliveryDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Prévoir une livraison (tout ce qui reste, ou certaines lignes : livraison partielle)",
    responses=ERRORS,
    **DELIVERING,
)
def create_delivery(
    order_id: Id, data: DeliveryCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    order = OrderRepository(session, principal).get_writable(order_id)
    return deliveries.detail(session, deliveries.create(session, principal, order, data))


@router.get(
    "/deliveries",
    response_model=Page[DeliveryOut],
    summary="Livraisons (en retard : late=true)",
    **READING,
)
def list_deliveries(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(DELIVERY_SORTS)] = None,
    order_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[DeliveryStatus | None, Query(alias="status")] = None,
    late: bool = False,
) -> Page[Any]:
    items, total = DeliveryRepository(session, principal).page(
        page, owner_id=owner_id, order_id=order_id, prospect_id=prospect_id, status=status_,
        late_on=policy.today() if late else None, sort=sort,
    )  # fmt: skip
    return page_of(deliveries.rows(session, items), total, page)


@router.get(
    "/deliveries/{delivery_id}",
    response_model=DeliveryDetail,
    summary="Une livraison et ses étapes datées",
    **READING,
)
def read_delivery(delivery_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    found = DeliveryRepository(session, principal).get_readable(delivery_id)
    return deliveries.detail(session, found)


@router.post(
    "/deliveries/{delivery_id}/events",
    response_model=DeliveryDetail,
    summary="Dater une étape (préparée, expédiée, livrée) ou un incident (retard, casse, manque)",
    responses=ERRORS,
    **DELIVERING,
)
def record_delivery_event(
    delivery_id: Id, data: DeliveryEventIn, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = DeliveryRepository(session, principal).get_writable(delivery_id)
    return deliveries.detail(session, deliveries.record_event(session, found, data))


# ----------------------------------------------------------------- client messages


@router.post(
    "/client-messages",
    response_model=ClientMessageOut,
    status_code=status.HTTP_201_CREATED,
    summary="Noter ce qui a été dit au client, quand, par quel canal, à propos de quoi",
    **DELIVERING,
)
def create_client_message(
    data: ClientMessageCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return messages.create(session, principal, data)


@router.get(
    "/client-messages",
    response_model=Page[ClientMessageOut],
    summary="Ce qui a été dit aux clients",
    **READING,
)
def list_client_messages(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(MESSAGE_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    subject: FollowUpSubject | None = None,
    subject_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Page[Any]:
    items, total = ClientMessageRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, subject=subject,
        subject_id=subject_id, sort=sort,
    )  # fmt: skip
    return page_of(items, total, page)
