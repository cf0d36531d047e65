"""Queries of the follow-up, from the caller's scope."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    CaseDecision,
    CaseStatus,
    CaseType,
    ClientMessage,
    Complaint,
    ComplaintStatus,
    Delivery,
    DeliveryEvent,
    DeliveryStatus,
    Escalation,
    EscalationDepartment,
    EscalationStatus,
    FollowUpCase,
    FollowUpSubject,
    Invoice,
    InvoiceKind,
    Order,
    OrderLine,
    OrderStatus,
)

ORDER_SORTS = {
    "ordered_on": Order.ordered_on,
    "created_at": Order.created_at,
    "total_ttc": Order.total_ttc,
    "number": Order.number,
}
DELIVERY_SORTS = {"promised_on": Delivery.promised_on, "created_at": Delivery.created_at}
CASE_SORTS = {"opened_on": FollowUpCase.opened_on, "created_at": FollowUpCase.created_at}
ESCALATION_SORTS = {"sent_at": Escalation.sent_at, "answered_at": Escalation.answered_at}
COMPLAINT_SORTS = {
    "received_on": Complaint.received_on,
    "resolution_due_on": Complaint.resolution_due_on,
    "response_due_on": Complaint.response_due_on,
}
MESSAGE_SORTS = {"at": ClientMessage.at}


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
        quote_id: int | None = None,
    ) -> tuple[list[Order], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(Order.prospect_id == prospect_id)
        if quote_id is not None:
            stmt = stmt.where(Order.quote_id == quote_id)
        if status is not None:
            stmt = stmt.where(Order.status == status)
        stmt = stmt.order_by(*order_by(sort, ORDER_SORTS, default=("-ordered_on",)), Order.id)
        return paginate(self.session, stmt, params)


class DeliveryRepository(ScopedRepository[Delivery]):
    model = Delivery
    label = "Livraison"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        order_id: int | None,
        prospect_id: int | None,
        status: DeliveryStatus | None,
        late_on: date | None,
        sort: str | None,
    ) -> tuple[list[Delivery], int]:
        stmt = self.readable_statement(owner_id)
        if order_id is not None:
            stmt = stmt.where(Delivery.order_id == order_id)
        if prospect_id is not None:
            stmt = stmt.where(Delivery.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(Delivery.status == status)
        if late_on is not None:
            stmt = stmt.where(
                Delivery.status != DeliveryStatus.DELIVERED, Delivery.promised_on < late_on
            )
        stmt = stmt.order_by(*order_by(sort, DELIVERY_SORTS, default=("promised_on",)), Delivery.id)
        return paginate(self.session, stmt, params)


class CaseRepository(ScopedRepository[FollowUpCase]):
    model = FollowUpCase
    label = "Dossier"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        status: CaseStatus | None,
        case_type: CaseType | None,
        sort: str | None,
    ) -> tuple[list[FollowUpCase], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(FollowUpCase.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(FollowUpCase.status == status)
        if case_type is not None:
            stmt = stmt.where(FollowUpCase.case_type == case_type)
        stmt = stmt.order_by(*order_by(sort, CASE_SORTS, default=("-opened_on",)), FollowUpCase.id)
        return paginate(self.session, stmt, params)


class EscalationRepository(ScopedRepository[Escalation]):
    model = Escalation
    label = "Escalade"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        status: EscalationStatus | None,
        department: EscalationDepartment | None,
        case_id: int | None,
        sort: str | None,
    ) -> tuple[list[Escalation], int]:
        stmt = self.readable_statement(owner_id)
        if status is not None:
            stmt = stmt.where(Escalation.status == status)
        if department is not None:
            stmt = stmt.where(Escalation.department == department)
        if case_id is not None:
            stmt = stmt.where(Escalation.case_id == case_id)
        stmt = stmt.order_by(
            *order_by(sort, ESCALATION_SORTS, default=("-sent_at",)), Escalation.id
        )
        return paginate(self.session, stmt, params)


class ComplaintRepository(ScopedRepository[Complaint]):
    model = Complaint
    label = "Réclamation"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        status: ComplaintStatus | None,
        late_on: date | None,
        sort: str | None,
    ) -> tuple[list[Complaint], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(Complaint.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(Complaint.status == status)
        if late_on is not None:
            stmt = stmt.where(
                Complaint.status.in_((ComplaintStatus.RECEIVED, ComplaintStatus.ANSWERED)),
                Complaint.resolution_due_on < late_on,
            )
        stmt = stmt.order_by(
            *order_by(sort, COMPLAINT_SORTS, default=("-received_on",)), Complaint.id
        )
        return paginate(self.session, stmt, params)


class ClientMessageRepository(ScopedRepository[ClientMessage]):
    model = ClientMessage
    label = "Message au client"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        subject: FollowUpSubject | None,
        subject_id: int | None,
        sort: str | None,
    ) -> tuple[list[ClientMessage], int]:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(ClientMessage.prospect_id == prospect_id)
        if subject is not None:
            stmt = stmt.where(ClientMessage.subject == subject)
        if subject_id is not None:
            stmt = stmt.where(ClientMessage.subject_id == subject_id)
        stmt = stmt.order_by(*order_by(sort, MESSAGE_SORTS, default=("-at",)), ClientMessage.id)
        return paginate(self.session, stmt, params)


def lines_of(session: Session, order_id: int) -> list[OrderLine]:
    return list(
        session.scalars(
            select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.position)
        )
    )


def order_of_quote(session: Session, quote_id: int) -> Order | None:
    return session.scalar(select(Order).where(Order.quote_id == quote_id))


def deliveries_of(session: Session, order_id: int) -> list[Delivery]:
    return list(
        session.scalars(
            select(Delivery).where(Delivery.order_id == order_id).order_by(Delivery.position)
        )
    )


def events_of(session: Session, delivery_ids: list[int]) -> list[DeliveryEvent]:
    if not delivery_ids:
        return []
    return list(
        session.scalars(
            select(DeliveryEvent)
            .where(DeliveryEvent.delivery_id.in_(delivery_ids))
            .order_by(DeliveryEvent.delivery_id, DeliveryEvent.id)
        )
    )


def open_case_about(
    session: Session, case_type: CaseType, subject: FollowUpSubject, subject_id: int
) -> FollowUpCase | None:
    return session.scalar(
        select(FollowUpCase).where(
            FollowUpCase.subject == subject,
            FollowUpCase.subject_id == subject_id,
            FollowUpCase.case_type == case_type,
            FollowUpCase.status == CaseStatus.OPEN,
        )
    )


def cases_about(
    session: Session, subject: FollowUpSubject, subject_ids: list[int]
) -> dict[int, FollowUpCase]:
    """The case about each record: its latest open one, else its latest closed one."""
    if not subject_ids:
        return {}
    found: dict[int, FollowUpCase] = {}
    for case in session.scalars(
        select(FollowUpCase)
        .where(FollowUpCase.subject == subject, FollowUpCase.subject_id.in_(subject_ids))
        # "closed" sorts before "open": the last row kept for a record is its latest open case.
        .order_by(FollowUpCase.status, FollowUpCase.id)
    ):
        if case.subject_id is not None:
            found[case.subject_id] = case
    return found


def decisions_of(session: Session, case_id: int) -> list[CaseDecision]:
    return list(
        session.scalars(
            select(CaseDecision).where(CaseDecision.case_id == case_id).order_by(CaseDecision.id)
        )
    )


def escalations_of(session: Session, case_ids: list[int]) -> list[Escalation]:
    if not case_ids:
        return []
    return list(
        session.scalars(
            select(Escalation).where(Escalation.case_id.in_(case_ids)).order_by(Escalation.id)
        )
    )


def messages_about(session: Session, pairs: list[tuple[FollowUpSubject, int]]) -> list[Any]:
    if not pairs:
        return []
    return list(
        session.scalars(
            select(ClientMessage)
            .where(
                or_(
                    *(
                        and_(ClientMessage.subject == s, ClientMessage.subject_id == i)
                        for s, i in pairs
                    )
                )
            )
            .order_by(ClientMessage.at, ClientMessage.id)
        )
    )


def invoice_numbers_of_order(session: Session, order_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Invoice.number)
            .where(Invoice.order_id == order_id, Invoice.kind == InvoiceKind.INVOICE)
            .order_by(Invoice.id)
        )
    )


def orders_by_id(session: Session, ids: set[int]) -> dict[int, Order]:
    """The orders of a page's records, in one query."""
    if not ids:
        return {}
    return {o.id: o for o in session.scalars(select(Order).where(Order.id.in_(ids)))}


def line_labels(session: Session, order_ids: set[int]) -> dict[int, str]:
    """The label of every line of these orders, in one query."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(OrderLine.id, OrderLine.label).where(OrderLine.order_id.in_(order_ids))
    )
    return {line_id: label for line_id, label in rows}  # noqa: C416 (Rows, not pairs)
